package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cli runs the command line in-process and returns the exit code and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func repoFile(parts ...string) string {
	return filepath.Join(append([]string{"..", ".."}, parts...)...)
}

type rosterJSON struct {
	Matches []struct {
		MenteeID string  `json:"mentee_id"`
		MentorID string  `json:"mentor_id"`
		Score    float64 `json:"score"`
		Reason   string  `json:"reason"`
	} `json:"matches"`
	Unmatched []struct {
		ID, Role, Reason string
	} `json:"unmatched"`
	Summary struct {
		Mentees, Mentors, Matched int
		TotalScore                float64 `json:"total_score"`
	} `json:"summary"`
}

func readRoster(t *testing.T, path string) rosterJSON {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var r rosterJSON
	require.NoError(t, json.Unmarshal(data, &r))
	return r
}

func TestMatchExampleAllFormats(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{".json", ".csv", ".xlsx"} {
		out := filepath.Join(dir, "roster"+ext)
		code, stdout, stderr := cli(t, "match", "--example", "--out", out)
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "matched ")
		info, err := os.Stat(out)
		require.NoError(t, err)
		assert.Positive(t, info.Size())
	}
	r := readRoster(t, filepath.Join(dir, "roster.json"))
	assert.Positive(t, r.Summary.Matched)
	for _, m := range r.Matches {
		assert.NotEmpty(t, m.Reason, m.MenteeID)
	}
}

func TestMatchIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{".json", ".csv", ".xlsx"} {
		a, b := filepath.Join(dir, "a"+ext), filepath.Join(dir, "b"+ext)
		for _, out := range []string{a, b} {
			code, _, stderr := cli(t, "match", "--example", "--out", out)
			require.Equal(t, 0, code, stderr)
		}
		da, _ := os.ReadFile(a)
		db, _ := os.ReadFile(b)
		assert.True(t, bytes.Equal(da, db), "%s differs between runs", ext)
	}
}

// The score matrix written by --scores, solved on its own, must give the
// roster's total: anyone can audit the optimum.
func TestScoresMatrixReproducesTotal(t *testing.T) {
	auditScores(t, false, "--example")
	// The matrix holds the scores alone; with shared time as a tier the
	// roster may give up total for pairs who can meet, and solving the
	// matrix then finds at least its total. Without the tier it finds it.
	cfg := filepath.Join(t.TempDir(), "plain.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("rules:\n  prefer_shared_time: false\n"), 0o644))
	auditScores(t, true, "--example", "--config", cfg)
}

// auditScores runs match with the given input arguments and --scores,
// solves the matrix with solve --maximize --capacity, and checks that the
// audit finds the roster's count and, when exact, its total (a roster
// solved with shared time as a tier may give up total; the audit then finds
// at least it).
func auditScores(t *testing.T, exact bool, input ...string) {
	t.Helper()
	dir := t.TempDir()
	roster, scores, sol := filepath.Join(dir, "r.json"), filepath.Join(dir, "s.csv"), filepath.Join(dir, "a.json")
	code, _, stderr := cli(t, append(append([]string{"match"}, input...), "--scores", scores, "--out", roster)...)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = cli(t, "solve", scores, "--maximize", "--capacity", filepath.Join(dir, "s-capacity.csv"), "--out", sol)
	require.Equal(t, 0, code, stderr)
	r := readRoster(t, roster)
	data, err := os.ReadFile(sol)
	require.NoError(t, err)
	var s struct {
		Total    float64 `json:"total"`
		Assigned int     `json:"assigned"`
	}
	require.NoError(t, json.Unmarshal(data, &s))
	assert.Equal(t, r.Summary.Matched, s.Assigned)
	if !exact {
		assert.GreaterOrEqual(t, s.Total, r.Summary.TotalScore-1e-6)
		return
	}
	assert.InDelta(t, r.Summary.TotalScore, s.Total, 1e-6)
}

// An HR workbook with title rows, aliases and Skill: columns, and the same
// people as a semicolon CSV with a BOM plus a plain CSV of mentors, give the
// same roster.
func TestHRExportWorkbookAndCSVsAgree(t *testing.T) {
	xlsx := repoFile("testdata", "hr-export.xlsx")
	_, err := os.Stat(xlsx)
	require.NoError(t, err, "a committed fixture is missing")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	code, _, stderr := cli(t, "match", xlsx, "--out", a)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = cli(t, "match",
		"--mentees", repoFile("testdata", "hr-mentees-semicolon-bom.csv"),
		"--mentors", repoFile("testdata", "hr-mentors.csv"), "--out", b)
	require.Equal(t, 0, code, stderr)
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	assert.JSONEq(t, string(da), string(db))
}

func TestBrokenFileExits2AndWritesNothing(t *testing.T) {
	bad := repoFile("testdata", "broken", "people-bad.csv")
	_, err := os.Stat(bad)
	require.NoError(t, err, "a committed fixture is missing")
	out := filepath.Join(t.TempDir(), "roster.xlsx")
	code, stdout, stderr := cli(t, "match", bad, "--out", out)
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	for _, want := range []string{"people-bad.csv", "row ", "column "} {
		assert.Contains(t, stderr, want)
	}
	assert.GreaterOrEqual(t, strings.Count(stderr, "\n  "), 5, "every problem is listed:\n%s", stderr)
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing is written")

	code, _, stderr = cli(t, "validate", bad)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "people-bad.csv")
}

func TestUsageErrorsExit2(t *testing.T) {
	tests := [][]string{
		{"match", "--example"},                        // no --out
		{"match", "--example", "--out", "r.txt"},      // unknown format
		{"match", "--bogus"},                          // unknown flag
		{"match", "a.csv", "b.csv", "--out", "r.csv"}, // two files
		{"match", "--mentees", "a.csv", "--out", "r.csv"},
		{"solve"},
		{"match", "--example", "--objective", "best", "--out", "r.json"},
		{"config"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, stderr := cli(t, args...)
			assert.Equal(t, 2, code, stderr)
			assert.NotEmpty(t, stderr)
		})
	}
}

func TestMissingFileExits2(t *testing.T) {
	code, _, stderr := cli(t, "match", filepath.Join(t.TempDir(), "nope.csv"), "--out", filepath.Join(t.TempDir(), "r.json"))
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, "nope.csv")
}

func TestGenerateThenValidateAndMatch(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.csv")
	code, _, stderr := cli(t, "generate", "--mentees", "120", "--mentors", "30", "--seed", "7", "--out", people)
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := cli(t, "validate", people)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "120 mentees")
	code, _, stderr = cli(t, "match", people, "--out", filepath.Join(dir, "r.json"), "--stats")
	require.Equal(t, 0, code, stderr)
	for _, k := range []string{"read_seconds", "score_seconds", "solve_seconds", "write_seconds"} {
		assert.Contains(t, stderr, k)
	}
}

func TestTemplateIsValidOnceFilled(t *testing.T) {
	out := filepath.Join(t.TempDir(), "template.xlsx")
	code, _, stderr := cli(t, "template", "--out", out)
	require.Equal(t, 0, code, stderr)
	// The template ships with example rows, so it validates as it is.
	code, stdout, stderr := cli(t, "validate", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "ok:")
}

func TestConfigPrintDefaults(t *testing.T) {
	code, stdout, _ := cli(t, "config", "--print-defaults")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "weights:")
	path := filepath.Join(t.TempDir(), "p.yaml")
	require.NoError(t, os.WriteFile(path, []byte("weights:\n  skils: 1\n"), 0o644))
	code, _, stderr := cli(t, "match", "--example", "--config", path, "--out", filepath.Join(t.TempDir(), "r.json"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "skils")
	assert.Contains(t, stderr, "line 2")
}

func TestSolveLabelsAndForbidden(t *testing.T) {
	dir := t.TempDir()
	m := filepath.Join(dir, "m.csv")
	require.NoError(t, os.WriteFile(m, []byte(",c1,c2\nr1,10,1\nr2,,5\nr3,2,\n"), 0o644))
	code, stdout, stderr := cli(t, "solve", m)
	require.Equal(t, 0, code, stderr)
	var s struct {
		Total      float64 `json:"total"`
		Assigned   int     `json:"assigned"`
		Assignment []struct {
			Row      int    `json:"row"`
			Col      int    `json:"col"`
			RowLabel string `json:"row_label"`
		} `json:"assignment"`
		Unassigned []int `json:"unassigned_rows"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &s), stdout)
	assert.Equal(t, 2, s.Assigned)
	assert.Equal(t, 3.0, s.Total) // r1–c2 1 + r3–c1 2; r2 could only take c2
	assert.Equal(t, []int{2}, s.Unassigned)
}

func TestSolveCapacity(t *testing.T) {
	dir := t.TempDir()
	m := filepath.Join(dir, "m.csv")
	require.NoError(t, os.WriteFile(m, []byte(",c1,c2\nr1,10,1\nr2,,5\nr3,2,\n"), 0o644))
	code, stdout, stderr := cli(t, "solve", m, "--capacity", "2")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, `"total": 8`) // r1–c2 1 + r2–c2 5 + r3–c1 2
	caps := filepath.Join(dir, "caps.csv")
	require.NoError(t, os.WriteFile(caps, []byte("mentor_id,capacity\nc2,2\nc9,1\nc1,-1\n"), 0o644))
	code, _, stderr = cli(t, "solve", m, "--capacity", caps)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `"c9" is not a column`)
	assert.Contains(t, stderr, "row 4")
}

// holdMemory lowers the soft memory limit while compact scores live and
// puts it back.
func TestHoldMemory(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	pace := debug.SetGCPercent(100)
	defer debug.SetGCPercent(pace)
	restore := holdMemory(1 << 20)
	assert.Equal(t, min(prev, 1<<20+memoryMargin), debug.SetMemoryLimit(-1))
	assert.Equal(t, 100, debug.SetGCPercent(100), "small scores: the pace as it was")
	restore()
	assert.Equal(t, prev, debug.SetMemoryLimit(-1))
	// Scores of 2 GB: garbage about holdGarbage, a fifth of them.
	restore = holdMemory(2e9)
	assert.Equal(t, 20, debug.SetGCPercent(20))
	restore()
	assert.Equal(t, 100, debug.SetGCPercent(100))
	// Collection off stays off.
	debug.SetGCPercent(-1)
	restore = holdMemory(2e9)
	assert.Equal(t, -1, debug.SetGCPercent(-1))
	restore()
	assert.Equal(t, -1, debug.SetGCPercent(100))
}
