package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"testing"

	"github.com/mentormatch/mentormatch"
)

// FuzzEncodeRoster checks that any text gives valid JSON and CSV that reads
// back with the same number of rows.
func FuzzEncodeRoster(f *testing.F) {
	f.Add("E1", "=cmd", "reason, \"quoted\"\n", 42.5)
	f.Fuzz(func(t *testing.T, id, name, reason string, score float64) {
		r := &mentormatch.Roster{Matches: []mentormatch.Match{{MenteeID: id, MenteeName: name, MentorID: "M", Score: score,
			Components: []mentormatch.Component{{Name: name, Points: score}}, Reason: reason}}}
		var b bytes.Buffer
		if err := EncodeRosterJSON(&b, r); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(b.Bytes()) {
			t.Fatalf("invalid JSON: %s", b.Bytes())
		}
		b.Reset()
		if err := EncodeRosterCSV(&b, r); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&b).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("csv read back: %v, %d records", err, len(recs))
		}
	})
}
