package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// match --objective stable, and the configuration's objective: stable,
// write a stable roster (no blocking pair) with the price of stability in
// the match line and the JSON summary; explain shows the mentee's list
// and says a forced pair is not priced.
func TestMatchObjectiveStable(t *testing.T) {
	dir := t.TempDir()
	read := func(path string) mentormatch.Summary {
		var r struct {
			Summary mentormatch.Summary `json:"summary"`
		}
		require.NoError(t, json.Unmarshal(must(os.ReadFile(path)), &r))
		return r.Summary
	}
	flag := filepath.Join(dir, "flag.json")
	code, stdout, stderr := cli(t, "match", "--example", "--objective", "stable", "--out", flag, "-q")
	require.Equal(t, 0, code, stderr)
	s := read(flag)
	assert.Equal(t, mentormatch.ObjectiveStable, s.Objective)
	assert.Zero(t, s.BlockingPairs)
	require.NotNil(t, s.Stable)
	assert.GreaterOrEqual(t, s.Stable.OptimumMatched, s.Matched)
	assert.Regexp(t, regexp.MustCompile(`(?m)^stable: 0 blocking pairs; \d+ matched, total [\d.]+; the optimum \(objective total\) matches \d+ with total [\d.]+`), stdout)

	// The same roster from the configuration.
	cfgPath := filepath.Join(dir, "program.yaml")
	require.NoError(t, os.WriteFile(cfgPath, []byte("objective: stable\n"), 0o600))
	keyed := filepath.Join(dir, "config.json")
	code, _, stderr = cli(t, "match", "--example", "--config", cfgPath, "--out", keyed, "-q")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, must(os.ReadFile(flag)), must(os.ReadFile(keyed)), "--objective stable and objective: stable agree")

	// Total is not stable on the example: it reports its blocking pairs
	// and no price.
	total := filepath.Join(dir, "total.json")
	code, stdout, _ = cli(t, "match", "--example", "--out", total, "-q")
	require.Equal(t, 0, code)
	assert.Nil(t, read(total).Stable)
	assert.NotContains(t, stdout, "stable:")

	// explain: the list and no price.
	var first struct {
		Matches []struct {
			MenteeID string `json:"mentee_id"`
			MentorID string `json:"mentor_id"`
		} `json:"matches"`
	}
	require.NoError(t, json.Unmarshal(must(os.ReadFile(flag)), &first))
	m := first.Matches[0]
	code, stdout, stderr = cli(t, "explain", "--example", "--config", cfgPath, "--mentee", m.MenteeID, "--mentor", m.MentorID, "--json")
	require.Equal(t, 0, code, stderr)
	var e explainJSON
	require.NoError(t, json.Unmarshal([]byte(stdout), &e))
	require.NotEmpty(t, e.Choices)
	last := e.Choices[len(e.Choices)-1]
	assert.Equal(t, m.MentorID, last.MentorID, "the list ends at their own mentor")
	for _, c := range e.Choices[:len(e.Choices)-1] {
		assert.True(t, c.Full, "every mentor they rank higher is full")
	}
	require.NotNil(t, e.Alternative)
	assert.Contains(t, e.Alternative.NotPriced, "not priced under the objective stable")
	code, stdout, _ = cli(t, "explain", "--example", "--config", cfgPath, "--mentee", m.MenteeID)
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "stable roster: their list, down to their own mentor")

	// An unknown objective names the three.
	code, _, stderr = cli(t, "match", "--example", "--objective", "best", "--out", filepath.Join(dir, "never.json"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "expected total, fair or stable")
}
