package table

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/report"
)

// historyPlan is a plan of two cohorts, with a senior who visits both.
func historyPlan() *mentormatch.Plan {
	return &mentormatch.Plan{Roster: historyRoster(), Cohorts: []mentormatch.Cohort{
		{ID: "C1", Members: []string{"E1", "E3"}, Seniors: []string{"S1"}},
		{ID: "C2", Members: []string{"=E5", "E4", "E6"}, Seniors: []string{"S1"}},
	}}
}

// ReadHistory reads a plan's 1:1 pairs (dissolved ones too) and its peer
// cohorts, seniors left out, from JSON and XLSX; a CSV plan is the roster
// alone; a roster has no cohorts.
func TestReadHistory(t *testing.T) {
	dir := t.TempDir()
	cohorts := []mentormatch.EarlierCohort{{ID: "C1", Members: []string{"E1", "E3"}}, {ID: "C2", Members: []string{"=E5", "E4", "E6"}}}
	for _, tc := range []struct {
		name    string
		write   func(path string) error
		cohorts bool
	}{
		{"plan.json", func(path string) error { return report.WritePlan(path, historyPlan()) }, true},
		{"plan.xlsx", func(path string) error { return report.WritePlan(path, historyPlan()) }, true},
		{"plan.csv", func(path string) error { return report.WritePlan(path, historyPlan()) }, false},
		{"roster.json", func(path string) error { return report.WriteRoster(path, historyRoster()) }, false},
		{"roster.xlsx", func(path string) error { return report.WriteRoster(path, historyRoster()) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			require.NoError(t, tc.write(path))
			pairs, got, err := ReadHistory(File{Path: path})
			require.NoError(t, err)
			var ids []string
			for _, p := range pairs {
				ids = append(ids, p.MenteeID+"–"+p.MentorID)
				assert.Equal(t, path, p.Source.File)
			}
			assert.ElementsMatch(t, []string{"E1–M1", "E3–M2", "=E5–M2", "E3–M1", "E4–M2"}, ids)
			if !tc.cohorts {
				assert.Empty(t, got)
				return
			}
			for k := range got {
				assert.Equal(t, path, got[k].Source.File)
				got[k].Source = mentormatch.Source{}
			}
			assert.Equal(t, cohorts, got)
		})
	}
}

// A cohorts list or sheet that cannot be read is every problem at once,
// with where it is.
func TestReadHistoryProblems(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"not a list.json", `{"matches": [], "cohorts": {"id": "C1"}}`,
			[]string{`column "cohorts": not a list of cohorts (each with an id and members): expected a list, found a JSON object`}},
		{"members.json", `{"matches": [], "cohorts": [{"id": "C1", "members": ["E1", ""]}, {"id": "", "members": ["E2"]}, {"id": "C3", "members": ["E1"]}]}`,
			[]string{
				`column "cohorts[0]": missing: a cohort member needs the mentee's id`,
				`column "cohorts[1]": missing: a cohort member needs the cohort's id`,
				`column "cohorts[2]": E1 is in cohort C1 and in cohort C3: a mentee is in one cohort; delete one of the rows`,
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			require.NoError(t, os.WriteFile(path, []byte(tc.text), 0o644))
			_, _, err := ReadHistory(File{Path: path})
			var ps mentormatch.Problems
			require.True(t, errors.As(err, &ps), "%v", err)
			require.Len(t, ps, len(tc.want), "%v", ps)
			for k, w := range tc.want {
				assert.Contains(t, ps[k].String(), w)
			}
		})
	}
	// ReadRoster ignores the cohorts of a plan, good or bad.
	_, err := ReadRoster(File{Path: filepath.Join(dir, "not a list.json"), Data: nil})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, report.EncodePlanJSON(&b, historyPlan()))
	_, err = ReadRoster(File{Path: "plan.json", Data: b.Bytes()})
	require.NoError(t, err)
}

// FuzzReadHistory: any bytes read as a JSON or CSV history give pairs
// and cohorts with ids, or problems, never a panic.
func FuzzReadHistory(f *testing.F) {
	f.Add([]byte(`{"matches": [{"mentee_id": "E1", "mentor_id": "M1"}], "cohorts": [{"id": "C1", "members": ["E1", "E2"]}]}`))
	f.Add([]byte(`{"matches": [], "cohorts": [{"id": 3}]}`))
	f.Add([]byte(`{"matches": [], "cohorts": null}`))
	f.Add([]byte("mentee_id,mentor_id\nE1,M1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"h.json", "h.csv"} {
			pairs, cohorts, err := ReadHistory(File{Path: name, Data: data})
			if err != nil {
				var ps mentormatch.Problems
				if !errors.As(err, &ps) || len(ps) == 0 {
					t.Fatalf("error %T %v", err, err)
				}
				continue
			}
			for _, p := range pairs {
				if p.MenteeID == "" || p.MentorID == "" {
					t.Fatalf("pair without ids: %+v", p)
				}
			}
			for _, c := range cohorts {
				if c.ID == "" || len(c.Members) == 0 {
					t.Fatalf("cohort %+v", c)
				}
			}
		}
	})
}
