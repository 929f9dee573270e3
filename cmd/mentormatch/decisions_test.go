package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// The manager's loop on the example: three pins and two vetoes hold in
// match, plan and explain; the cost of the pins is stated; a pin that
// cannot be is exit 2 with its row, and nothing is written.
func TestDecisionsLoop(t *testing.T) {
	dir := t.TempDir()
	decisions := filepath.Join(dir, "decisions.csv")
	require.NoError(t, os.WriteFile(decisions, []byte("mentee_id,mentor_id,decision,note\n"+
		"E1101,E1033,pin,asked for Rosa\nE1103,E1020,pin,\nE1104,E1023,accept,\nE1105,E1020,forbid,same project\nE1107,E1030,decline,\n"), 0o644))
	out := filepath.Join(dir, "roster.json")
	code, stdout, stderr := cli(t, "match", "--example", "--decisions", decisions, "--out", out, "-q")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "decisions: 3 pinned, 2 vetoed; the pins cost 0 matches and 72.98 points against the optimum without them (42 matched, total 2645.15)")
	var r mentormatch.Roster
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &r))
	pairs := map[string]string{}
	for _, m := range r.Matches {
		pairs[m.MenteeID] = m.MentorID
	}
	assert.Equal(t, "E1033", pairs["E1101"])
	assert.Equal(t, "E1020", pairs["E1103"])
	assert.Equal(t, "E1023", pairs["E1104"])
	assert.NotEqual(t, "E1020", pairs["E1105"])
	assert.NotEqual(t, "E1030", pairs["E1107"])
	require.NotNil(t, r.Summary.Decisions)
	assert.Equal(t, 72.98, r.Summary.Decisions.CostPoints)

	code, stdout, _ = cli(t, "explain", "--example", "--decisions", decisions, "--mentee", "E1105")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "never with (vetoed) E1020 by decision ("+decisions+" row 5): same project")
	code, stdout, _ = cli(t, "explain", "--example", "--decisions", decisions, "--mentee", "E1101", "--mentor", "E1032")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "pinned to E1033 by decision")
	assert.Contains(t, stdout, "not allowed (the mentee is pinned to E1033)")

	code, stdout, _ = cli(t, "plan", "--example", "--decisions", decisions, "--out", filepath.Join(dir, "plan.json"), "-q")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "decisions: 3 pinned, 2 vetoed")

	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("mentee_id,mentor_id,decision\nE1101,E1033,pin\nE1101,E1033,forbid\nE1108,E1001,pin\n"), 0o644))
	out2 := filepath.Join(dir, "roster2.json")
	code, stdout, stderr = cli(t, "match", "--example", "--decisions", bad, "--out", out2, "-q")
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "bad.csv row 3, column \"decision\": forbid E1101 with E1033 contradicts")
	_, err = os.Stat(out2)
	assert.True(t, os.IsNotExist(err))
}

// A second cohort with the first's roster and plan as history forms no
// earlier pair again; a history file that is no roster is exit 2.
func TestHistoryFlag(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "cohort1.csv")
	code, _, stderr := cli(t, "match", "--example", "--out", first, "-q")
	require.Equal(t, 0, code, stderr)
	plan1 := filepath.Join(dir, "plan1.xlsx")
	code, _, stderr = cli(t, "plan", "--example", "--out", plan1, "-q")
	require.Equal(t, 0, code, stderr)
	out := filepath.Join(dir, "cohort2.json")
	code, stdout, stderr := cli(t, "match", "--example", "--history", first, "--history", plan1, "--out", out, "-q")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "history: 42 earlier pairs among these people, 42 avoided; none formed again")
	var r mentormatch.Roster
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &r))
	require.NotNil(t, r.Summary.History)
	assert.Equal(t, 42, r.Summary.History.Avoided)

	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("a,b\n1,2\n"), 0o644))
	code, _, stderr = cli(t, "match", "--example", "--history", bad, "--out", filepath.Join(dir, "x.json"), "-q")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "bad.csv")
}
