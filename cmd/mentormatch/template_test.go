package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A new user's first run: the template's example rows validate, match and
// plan without a warning, the example pair sharing an hour a week.
func TestTemplateFirstRunIsClean(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.xlsx")
	code, _, stderr := cli(t, "template", "--out", people)
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := cli(t, "validate", people)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "ok: 3 people, 1 mentees, 2 mentors\n", stdout)
	assert.Empty(t, stderr)
	code, _, stderr = cli(t, "plan", people, "--out", filepath.Join(dir, "plan.json"))
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr, "no warning on a first run")
	r := readRoster(t, filepath.Join(dir, "plan.json"))
	require.Len(t, r.Matches, 1)
	assert.Equal(t, "E2002", r.Matches[0].MentorID, "never the mentee's own manager")
	assert.Contains(t, r.Matches[0].Reason, "h/week shared")
}
