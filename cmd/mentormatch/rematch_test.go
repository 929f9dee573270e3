package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/scoring"
)

type pairJSON struct {
	MenteeID string `json:"mentee_id"`
	MentorID string `json:"mentor_id"`
}

type rematchJSON struct {
	Matches   []pairJSON `json:"matches"`
	Dissolved []pairJSON `json:"dissolved"`
	Changes   []struct {
		MenteeID    string                 `json:"mentee_id"`
		OldMentorID string                 `json:"old_mentor_id"`
		NewMentorID string                 `json:"new_mentor_id"`
		Why         string                 `json:"why"`
		Kind        mentormatch.ChangeKind `json:"kind"`
	} `json:"changes"`
	Health struct {
		Pairs   int      `json:"pairs"`
		Flagged int      `json:"flagged"`
		Missing []string `json:"missing"`
	} `json:"health"`
}

func readRematch(t *testing.T, path string) rematchJSON {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var r rematchJSON
	require.NoError(t, json.Unmarshal(data, &r))
	return r
}

func pairSet(ps []pairJSON) map[pairJSON]bool {
	m := map[pairJSON]bool{}
	for _, p := range ps {
		m[p] = true
	}
	return m
}

// writeSurvey writes a survey of the roster's pairs in which the pairs
// numbered low rate 2, those in change want a change, those in silent do
// not answer, and everyone else rates 4 or 5.
func writeSurvey(t *testing.T, path string, matches []pairJSON, low, change, silent []int) {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"mentee_id", "mentor_id", "rater", "rating", "wants_change", "comment"})
	for k, m := range matches {
		switch {
		case slices.Contains(silent, k):
		case slices.Contains(low, k):
			w.Write([]string{m.MenteeID, m.MentorID, "mentee", "2", "no", "we rarely meet"})
			w.Write([]string{m.MenteeID, m.MentorID, "mentor", "2", "", ""})
		case slices.Contains(change, k):
			w.Write([]string{m.MenteeID, m.MentorID, "mentee", "4", "yes", "nice, but not my field"})
		default:
			w.Write([]string{m.MenteeID, m.MentorID, "mentee", "4", "no", ""})
			w.Write([]string{m.MenteeID, m.MentorID, "mentor", "5", "no", ""})
		}
	}
	w.Flush()
	require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
}

// resortWorkbook edits a roster workbook as HR would: the Matches sheet
// sorted by mentor id, descending, with a note column in front.
func resortWorkbook(t *testing.T, from, to string) {
	t.Helper()
	f, err := excelize.OpenFile(from)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("Matches")
	require.NoError(t, err)
	body := slices.Clone(rows[1:])
	slices.SortStableFunc(body, func(a, b []string) int {
		if a[2] != b[2] {
			if a[2] > b[2] {
				return -1
			}
			return 1
		}
		return 0
	})
	for k, r := range body {
		cells := append([]any{fmt.Sprintf("checked %d", k)}, anySlice(r)...)
		require.NoError(t, f.SetSheetRow("Matches", fmt.Sprintf("A%d", k+2), &cells))
	}
	head := append([]any{"HR note"}, anySlice(rows[0])...)
	require.NoError(t, f.SetSheetRow("Matches", "A1", &head))
	require.NoError(t, f.SaveAs(to))
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// examplePeople writes the example people file, as a user's HR export.
func examplePeople(t *testing.T, dir string) (string, *mentormatch.Program) {
	t.Helper()
	path := filepath.Join(dir, "people.csv")
	require.NoError(t, os.WriteFile(path, example.PeopleCSV(), 0o644))
	p, err := table.ReadProgram(table.Options{}, table.File{Path: path})
	require.NoError(t, err)
	return path, p
}

// checkRoster checks hard rules and capacities of a roster against the
// program: every pair allowed by the scorer, no mentor over capacity.
func checkRoster(t *testing.T, p *mentormatch.Program, matches []pairJSON) {
	t.Helper()
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = nextMonday(time.Now()).Format("2006-01-02")
	sc, err := scoring.New(p, cfg)
	require.NoError(t, err)
	mentee, mentor := map[string]int{}, map[string]int{}
	for i := range p.Mentees {
		mentee[p.Mentee(i).ID] = i
	}
	for j := range p.Mentors {
		mentor[p.Mentor(j).ID] = j
	}
	caps := roster.Capacities(p)
	load := make([]int, len(p.Mentors))
	for _, m := range matches {
		i, ok1 := mentee[m.MenteeID]
		j, ok2 := mentor[m.MentorID]
		require.True(t, ok1 && ok2, "%v is people of the program", m)
		assert.False(t, math.IsNaN(sc.Cell(i, j)), "%v breaks a hard rule: %s", m, sc.Pair(i, j).Forbidden)
		load[j]++
	}
	for j := range load {
		assert.LessOrEqual(t, load[j], caps[j], "capacity of %s", p.Mentor(j).ID)
	}
}

// TestRematchAsANewUser is the acceptance: match, a survey that
// flags a few pairs, rematch from the JSON and from the XLSX roster (also
// re-sorted by hand) with the same result; no healthy pair moved, no
// dissolved pair back, hard rules and capacities hold; a second rematch
// from the first one's outputs keeps the history; garbage exits 2.
func TestRematchAsANewUser(t *testing.T) {
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	people, p := examplePeople(t, dir)
	for _, out := range []string{"roster.json", "roster.xlsx", "roster.csv"} {
		code, _, stderr := cli(t, "match", people, "--out", in(out))
		require.Equal(t, 0, code, stderr)
	}
	first := readRematch(t, in("roster.json"))
	require.Greater(t, len(first.Matches), 10)
	low, change, silent := []int{1, 4}, []int{7}, []int{9}
	writeSurvey(t, in("survey.csv"), first.Matches, low, change, silent)
	resortWorkbook(t, in("roster.xlsx"), in("roster-hr.xlsx"))

	var outs [][]byte
	for _, r := range []string{"roster.json", "roster.xlsx", "roster-hr.xlsx"} {
		out := in("from-" + r + ".json")
		code, stdout, stderr := cli(t, "rematch", "--roster", in(r), "--survey", in("survey.csv"), people, "--out", out)
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "3 flagged")
		assert.Contains(t, stdout, "missing answers: ")
		data, err := os.ReadFile(out)
		require.NoError(t, err)
		outs = append(outs, data)
	}
	assert.Equal(t, string(outs[0]), string(outs[1]), "JSON and XLSX rosters give the same re-match")
	assert.Equal(t, string(outs[0]), string(outs[2]), "a re-sorted, edited workbook gives the same re-match")

	// A CSV roster lists the mentees waiting too: none of them is
	// reported as new in the people file, and the story is the same.
	code, csvOut, stderr := cli(t, "rematch", "--roster", in("roster.csv"), "--survey", in("survey.csv"), people, "--out", in("from-csv.json"))
	require.Equal(t, 0, code, stderr)
	fromCSV := readRematch(t, in("from-csv.json"))
	code, jsonOut, stderr := cli(t, "rematch", "--roster", in("roster.json"), "--survey", in("survey.csv"), people, "--out", in("again.json"))
	require.Equal(t, 0, code, stderr)

	second := readRematch(t, in("from-roster.json.json"))
	assert.Equal(t, second.Matches, fromCSV.Matches)
	assert.Equal(t, second.Dissolved, fromCSV.Dissolved)
	assert.Equal(t, second.Changes, fromCSV.Changes)
	for _, c := range fromCSV.Changes {
		assert.NotEqual(t, mentormatch.ChangeJoined, c.Kind, "%s was waiting, not new", c.MenteeID)
	}
	story := func(out string) string { return strings.Join(strings.Split(out, "\n")[2:4], "\n") }
	assert.Equal(t, story(jsonOut), story(csvOut))
	// 3 pairs dissolved free 3 mentees; the line says which priority
	// placed them.
	assert.Contains(t, csvOut, "dissolved 3 pairs; freed 3 mentees (")
	assert.Contains(t, csvOut, "joined 0")
	assert.Contains(t, csvOut, "priority: freed mentees placed first")
	assert.Equal(t, 3, second.Health.Flagged)
	assert.Equal(t, len(first.Matches), second.Health.Pairs)
	require.Len(t, second.Dissolved, 3)
	flagged := map[pairJSON]bool{}
	for _, k := range slices.Concat(low, change) {
		flagged[first.Matches[k]] = true
	}
	assert.Equal(t, flagged, pairSet(second.Dissolved))
	now := pairSet(second.Matches)
	for _, m := range first.Matches {
		if !flagged[m] {
			assert.True(t, now[m], "healthy pair %v kept", m)
		} else {
			assert.False(t, now[m], "dissolved pair %v is gone", m)
		}
	}
	checkRoster(t, p, second.Matches)
	kinds := map[mentormatch.ChangeKind]int{}
	for _, c := range second.Changes {
		kinds[c.Kind]++
		assert.NotEmpty(t, c.Why)
	}
	assert.Equal(t, 3, kinds[mentormatch.ChangeDissolved])

	// The re-match's own outputs are rosters too: from JSON and XLSX, a
	// survey where everyone is happy changes nothing, and the history stays.
	code, _, stderr = cli(t, "rematch", "--roster", in("from-roster.json.json"), "--survey", in("survey.csv"), people, "--out", in("x.json"))
	require.Equal(t, 2, code, "the old survey names dissolved pairs")
	assert.Contains(t, stderr, "no longer a pair")
	writeSurvey(t, in("happy.csv"), second.Matches, nil, nil, nil)
	code, _, stderr = cli(t, "rematch", "--roster", in("roster.json"), "--survey", in("survey.csv"), people, "--out", in("r2.xlsx"))
	require.Equal(t, 0, code, stderr)
	var thirds [][]byte
	for _, r := range []string{"from-roster.json.json", "r2.xlsx"} {
		out := in("third-" + r + ".json")
		code, _, stderr := cli(t, "rematch", "--roster", in(r), "--survey", in("happy.csv"), people, "--out", out)
		require.Equal(t, 0, code, stderr)
		third := readRematch(t, out)
		assert.Empty(t, third.Changes)
		assert.Equal(t, pairSet(second.Dissolved), pairSet(third.Dissolved), "history carried")
		assert.Equal(t, now, pairSet(third.Matches))
		data, _ := os.ReadFile(out)
		thirds = append(thirds, data)
	}
	assert.Equal(t, string(thirds[0]), string(thirds[1]))

	// Garbage ratings: exit 2, rows named, nothing written.
	garbage := in("garbage.csv")
	m := first.Matches
	require.NoError(t, os.WriteFile(garbage, []byte("mentee_id,mentor_id,rater,rating\n"+
		m[0].MenteeID+","+m[0].MentorID+",mentee,excellent\n"+
		m[1].MenteeID+","+m[1].MentorID+",mentor,4\n"+
		m[2].MenteeID+","+m[2].MentorID+",mentee,0\n"+
		m[3].MenteeID+","+m[3].MentorID+",someone,3\n"), 0o644))
	code, stdout, stderr := cli(t, "rematch", "--roster", in("roster.xlsx"), "--survey", garbage, people, "--out", in("never.json"))
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "3 problems found")
	assert.Contains(t, stderr, `garbage.csv row 2, column "rating": rating "excellent"`)
	assert.Contains(t, stderr, `garbage.csv row 4, column "rating": rating "0"`)
	assert.Contains(t, stderr, `garbage.csv row 5, column "rater": rater "someone"`)
	assert.NoFileExists(t, in("never.json"))
}

func TestRematchMaxMoves(t *testing.T) {
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	people, p := examplePeople(t, dir)
	code, _, stderr := cli(t, "match", people, "--out", in("roster.json"))
	require.Equal(t, 0, code, stderr)
	first := readRematch(t, in("roster.json"))
	writeSurvey(t, in("survey.csv"), first.Matches, []int{0, 2, 5, 11}, []int{3}, nil)
	for _, n := range []string{"0", "2"} {
		out := in("moves" + n + ".json")
		code, stdout, stderr := cli(t, "rematch", "--roster", in("roster.json"), "--survey", in("survey.csv"), people, "--out", out, "--max-moves", n, "--move-margin", "1")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "moved ")
		x := readRematch(t, out)
		moved := 0
		for _, c := range x.Changes {
			if c.Kind == mentormatch.ChangeMoved {
				moved++
			}
		}
		assert.LessOrEqual(t, moved, int(n[0]-'0'))
		checkRoster(t, p, x.Matches)
		gone := pairSet(x.Dissolved)
		for _, m := range x.Matches {
			assert.False(t, gone[m], "dissolved pair %v back", m)
		}
	}
}

func TestRematchExampleCommand(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{".json", ".xlsx", ".csv"} {
		a, b := filepath.Join(dir, "a"+ext), filepath.Join(dir, "b"+ext)
		for _, out := range []string{a, b} {
			code, stdout, stderr := cli(t, "rematch", "--example", "--out", out)
			require.Equal(t, 0, code, stderr)
			assert.Contains(t, stdout, "flagged")
		}
		da, _ := os.ReadFile(a)
		db, _ := os.ReadFile(b)
		assert.True(t, bytes.Equal(da, db), "%s differs between runs", ext)
	}
	assert.FileExists(t, filepath.Join(dir, "a-changes.csv"))
	x := readRematch(t, filepath.Join(dir, "a.json"))
	assert.Positive(t, x.Health.Flagged)
	assert.Len(t, x.Dissolved, x.Health.Flagged)
	f, err := excelize.OpenFile(filepath.Join(dir, "a.xlsx"))
	require.NoError(t, err)
	defer f.Close()
	assert.Contains(t, f.GetSheetList(), "Changes")
	assert.Contains(t, f.GetSheetList(), "Dissolved")
	// The skills gap map of the new roster, as match and plan give it.
	assert.Contains(t, f.GetSheetList(), "Skills gap")
	assert.Equal(t, "Summary", f.GetSheetName(f.GetActiveSheetIndex()))
	data, err := os.ReadFile(filepath.Join(dir, "a.json"))
	require.NoError(t, err)
	assert.Contains(t, string(data), `"skill_gaps": [`)
}

func TestRematchUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no out", []string{"rematch", "--example"}, "--out is required"},
		{"no files", []string{"rematch", "--out", "x.json"}, "rematch needs --roster"},
		{"no people", []string{"rematch", "--roster", "r.json", "--survey", "s.csv", "--out", "x.json"}, "the people file"},
		{"example and roster", []string{"rematch", "--example", "--roster", "r.json", "--out", "x.json"}, "leave out --roster"},
		{"threshold", []string{"rematch", "--example", "--threshold", "7", "--out", "x.json"}, "--threshold 7"},
		{"moves", []string{"rematch", "--example", "--max-moves", "-1", "--out", "x.json"}, "--max-moves"},
		{"extension", []string{"rematch", "--example", "--out", "x.txt"}, "expected one of"},
		{"missing files", []string{"rematch", "--roster", "nope.json", "--survey", "nope.csv", "nope-people.csv", "--out", "x.json"}, "3 problems found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := cli(t, tc.args...)
			assert.Equal(t, 2, code, stderr)
			assert.Contains(t, stderr, tc.want)
		})
	}
}

// rematch.threshold in the config applies unless --threshold is given.
func TestRematchThresholdFromConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "p.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("rematch:\n  threshold: 1\n"), 0o644))
	dissolved := regexp.MustCompile(`dissolved (\d+)`)
	count := func(args ...string) int {
		code, stdout, stderr := cli(t, append([]string{"rematch", "--example", "--out", filepath.Join(dir, "r.json")}, args...)...)
		require.Equal(t, 0, code, stderr)
		m := dissolved.FindStringSubmatch(stdout)
		require.NotNil(t, m, stdout)
		n, _ := strconv.Atoi(m[1])
		return n
	}
	def, low := count(), count("--config", cfg)
	assert.Less(t, low, def, "a threshold of 1 flags only those who want a change")
	assert.Equal(t, def, count("--config", cfg, "--threshold", "3"), "the flag wins")
}
