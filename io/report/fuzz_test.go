package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

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

// FuzzEncodePlanXLSX checks that any text in a plan gives a workbook whose
// every XML part is well-formed (what a spreadsheet needs to open it
// without repair) and whose Matches sheet reads back.
func FuzzEncodePlanXLSX(f *testing.F) {
	f.Add("E1", "=cmd", "reason, \"quoted\"\n", "C1", 42.5)
	f.Add("\x00\x01", "\xff\xfe", "a\u2028b\x1b", "<&>", -1.0)
	f.Fuzz(func(t *testing.T, id, name, reason, cohort string, score float64) {
		r := &mentormatch.Roster{
			Matches: []mentormatch.Match{{MenteeID: id, MenteeName: name, MentorID: "M", MentorName: name, Score: score,
				Components: []mentormatch.Component{{Name: name, Points: score}}, Reason: reason}},
			Unmatched: []mentormatch.Unmatched{{ID: name, Name: reason, Role: "mentee", Reason: reason}},
			Load:      []mentormatch.MentorLoad{{MentorID: "M", MentorName: name, Type: "primary", Capacity: 1, Assigned: 1}},
			Summary:   mentormatch.Summary{Mentees: 2, Mentors: 1, Matched: 1, MeanScore: score, MinScore: score, Objective: mentormatch.MatchObjective(reason)},
			Warnings:  []string{reason},
		}
		start := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
		p := &mentormatch.Plan{Roster: r,
			Cohorts:  []mentormatch.Cohort{{ID: cohort, Members: []string{id}, Seniors: []string{name}}},
			Sessions: []mentormatch.Session{{Cohort: cohort, Kind: "peer", Round: 1, Start: start, End: start.Add(time.Hour), Participants: []string{id, name}, Flag: reason}},
			Warnings: []string{name},
		}
		var b bytes.Buffer
		if err := EncodePlanXLSX(&b, p, WithSkillGaps([]SkillGap{{Skill: name, Wanting: 1}})); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if !strings.HasSuffix(zf.Name, ".xml") && !strings.HasSuffix(zf.Name, ".rels") {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(rc)
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", zf.Name, err)
				}
			}
			rc.Close()
		}
		x, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		rows, err := x.GetRows("Matches")
		if err != nil || len(rows) != 2 {
			t.Fatalf("Matches read back: %v, %d rows", err, len(rows))
		}
	})
}
