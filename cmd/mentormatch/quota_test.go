package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// A hard quota is enforced and reported; the same quota soft is only
// reported; validate checks the criteria against the people file.
func TestQuotaEnforcedAndReported(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.csv")
	code, _, stderr := cli(t, "generate", "--mentees", "150", "--mentors", "40", "--seed", "8", "--out", people)
	require.Equal(t, 0, code, stderr)
	write := func(name string, hard bool) string {
		path := filepath.Join(dir, name)
		yaml := "criteria:\n  - name: cross-department\n    column: department\n    rule: different\nquotas:\n  - criterion: cross-department\n    at_least: 90\n    hard: " + strconv.FormatBool(hard) + "\n"
		require.NoError(t, os.WriteFile(path, []byte(yaml), 0o644))
		return path
	}
	line := regexp.MustCompile(`quota cross-department \(.*\): (\d+) of (\d+) pairs, [\d.]+%, (reached|NOT reached)`)

	code, soft, stderr := cli(t, "match", people, "--config", write("soft.yaml", false), "--out", filepath.Join(dir, "soft.json"))
	require.Equal(t, 0, code, stderr)
	code, hard, stderr := cli(t, "match", people, "--config", write("hard.yaml", true), "--out", filepath.Join(dir, "hard.json"))
	require.Equal(t, 0, code, stderr)

	ms, mh := line.FindStringSubmatch(soft), line.FindStringSubmatch(hard)
	require.NotNil(t, ms, soft)
	require.NotNil(t, mh, hard)
	assert.Contains(t, hard, "hard quota")
	softMeet, _ := strconv.Atoi(ms[1])
	hardMeet, _ := strconv.Atoi(mh[1])
	matched, _ := strconv.Atoi(mh[2])
	assert.Equal(t, ms[2], mh[2], "the quota never costs a match")
	assert.GreaterOrEqual(t, hardMeet, softMeet)
	if mh[3] == "reached" {
		assert.GreaterOrEqual(t, float64(hardMeet), 0.9*float64(matched)-1e-9)
	}
	assert.Less(t, readRoster(t, filepath.Join(dir, "hard.json")).Summary.TotalScore,
		readRoster(t, filepath.Join(dir, "soft.json")).Summary.TotalScore+1e-9)

	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("criteria:\n  - column: shoe size\n    rule: same\n    weight: 5\n"), 0o644))
	code, _, stderr = cli(t, "validate", people, "--config", bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "shoe size")
}

// A quota's percentage is printed as the roster rounded it, once: 31 of
// 58 pairs is 53.45%, not 53.5%.
func TestPrintQuotasRoundsOnce(t *testing.T) {
	var b strings.Builder
	printQuotas(&b, []mentormatch.QuotaResult{{Name: "x", Target: "at least 50% of pairs meet x", Meeting: 31, Matched: 58, Percent: 53.45, Reached: true}})
	assert.Equal(t, "quota x (at least 50% of pairs meet x): 31 of 58 pairs, 53.45%, reached\n", b.String())
	assert.Equal(t, "r.csv and r-quotas.csv", wrote("r.csv", &mentormatch.Roster{Summary: mentormatch.Summary{Quotas: make([]mentormatch.QuotaResult, 1)}}))
	assert.Equal(t, "r.json", wrote("r.json", &mentormatch.Roster{Summary: mentormatch.Summary{Quotas: make([]mentormatch.QuotaResult, 1)}}))
}
