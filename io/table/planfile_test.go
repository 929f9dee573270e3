package table

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func TestReadPlanProblems(t *testing.T) {
	for _, c := range []struct{ name, doc, want string }{
		{"array", `[1, 2]`, "not a plan in JSON: expected an object, found a JSON array"},
		{"roster only", `{"matches": []}`, `needs "matches", "cohorts" and "sessions"`},
		{"bad time", `{"matches": [], "cohorts": [], "sessions": [{"kind": "peer", "start": "Monday", "end": "x", "participants": ["a"]}]}`, `column "sessions[0]": start "Monday" and end "x"`},
		{"backwards", `{"matches": [], "cohorts": [], "sessions": [{"kind": "peer", "start": "2027-03-01T10:00:00Z", "end": "2027-03-01T09:00:00Z", "participants": ["a"]}]}`, "not after its start"},
		{"kind", `{"matches": [], "cohorts": [], "sessions": [{"kind": "party", "start": "2027-03-01T10:00:00Z", "end": "2027-03-01T11:00:00Z", "participants": ["a"]}]}`, `kind "party"`},
		{"match ids", `{"matches": [{"mentee_id": ""}], "cohorts": [], "sessions": []}`, `column "matches[0]": a match needs a mentee_id and a mentor_id`},
		{"syntax", "{\n\"matches\": [,]}", "plan.json row 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadPlan(File{Path: "plan.json", Data: []byte(c.doc)})
			var ps mentormatch.Problems
			require.ErrorAs(t, err, &ps)
			assert.Contains(t, ps.Error(), c.want)
			assert.NotContains(t, ps.Error(), "main.", "no Go type names")
			assert.NotContains(t, ps.Error(), "struct")
		})
	}
}

// FuzzReadPlan: any bytes give a plan or problems, never a panic, and a
// plan's sessions are well formed.
func FuzzReadPlan(f *testing.F) {
	f.Add([]byte(`{"matches": [{"mentee_id": "E1", "mentor_id": "M1", "reason": "r"}], "cohorts": [{"id": "C1", "members": ["E1"], "seniors": []}], "sessions": [{"cohort": "", "kind": "primary", "round": 1, "start": "2027-03-01T10:00:00+01:00", "end": "2027-03-01T11:00:00+01:00", "participants": ["E1", "M1"]}]}`))
	f.Add([]byte(`{"matches": null}`))
	f.Add([]byte("\xEF\xBB\xBF{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pl, err := ReadPlan(File{Path: "p.json", Data: data})
		if err != nil {
			return
		}
		require.NotNil(t, pl.Roster)
		for _, s := range pl.Sessions {
			require.True(t, s.End.After(s.Start))
			require.NotEmpty(t, s.Participants)
		}
	})
}
