package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func criteriaFile(name string) string { return repoFile("testdata", "criteria", name) }

// readPeople reads a people CSV as maps from header to cell, by id.
func readPeople(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	out := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for k, h := range recs[0] {
			row[h] = rec[k]
		}
		out[row["id"]] = row
	}
	return out
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

// With criteria on, the --scores matrix solved on its own still gives the
// roster's total: hard criteria are its empty cells, soft ones are in the
// numbers.
func TestCriteriaScoresMatrixReproducesTotal(t *testing.T) {
	dir := t.TempDir()
	combined := writeFile(t, dir, "all.yaml", `criteria:
  - {name: cross-department, column: department, rule: different, weight: 20}
  - {name: mentor gender, column: preferred mentor gender, mentor_column: gender, rule: mentee_preference, hard: true}
  - column: work style
    rule: compatible
    weight: 30
    table: {structured: [structured, flexible], flexible: [structured, flexible, exploratory], exploratory: [flexible, exploratory]}
`)
	for _, cfg := range []string{criteriaFile("same-gender.yaml"), criteriaFile("work-style.yaml"), combined} {
		t.Run(filepath.Base(cfg), func(t *testing.T) {
			auditScores(t, false, criteriaFile("people.csv"), "--config", cfg)
		})
	}
}

// wantsMet says whether a mentor of gender g honours a mentee's request.
func wantsMet(request, own, g string) bool {
	request = strings.ToLower(strings.TrimSpace(request))
	switch request {
	case "", "any", "no preference":
		return true
	}
	for _, w := range strings.Split(request, ";") {
		w = strings.TrimSpace(w)
		if w == g || w == "same" && own == g {
			return true
		}
	}
	return false
}

// A hard criterion is never broken in the optimal roster: on a generated
// population given random genders and requests, every request is honoured
// and everyone else is matched as before.
func TestHardCriterionNeverBroken(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.csv")
	code, _, stderr := cli(t, "generate", "--mentees", "150", "--mentors", "40", "--seed", "3", "--out", people)
	require.Equal(t, 0, code, stderr)
	f, err := os.Open(people)
	require.NoError(t, err)
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(5, 6))
	genders := []string{"female", "male", "non-binary"}
	requests := []string{"", "", "", "female", "male", "same", "female; non-binary", "no preference"}
	recs[0] = append(recs[0], "Gender", "Preferred Mentor Gender")
	for k := 1; k < len(recs); k++ {
		recs[k] = append(recs[k], genders[r.IntN(len(genders))], requests[r.IntN(len(requests))])
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	require.NoError(t, w.WriteAll(recs))
	writeFile(t, dir, "people.csv", b.String())
	cfg := writeFile(t, dir, "c.yaml", "criteria:\n  - {name: mentor gender, column: preferred_mentor_gender, mentor_column: GENDER, rule: mentee_preference, hard: true}\n")

	plain, with := filepath.Join(dir, "plain.json"), filepath.Join(dir, "with.json")
	code, _, stderr = cli(t, "match", people, "--out", plain)
	require.Equal(t, 0, code, stderr)
	code, _, stderr = cli(t, "match", people, "--config", cfg, "--out", with)
	require.Equal(t, 0, code, stderr)
	byID := readPeople(t, people)
	broken := func(path string) int {
		n := 0
		for _, m := range readRoster(t, path).Matches {
			e := byID[m.MenteeID]
			if !wantsMet(e["Preferred Mentor Gender"], e["Gender"], byID[m.MentorID]["Gender"]) {
				n++
			}
		}
		return n
	}
	assert.Positive(t, broken(plain), "without the criterion some requests are broken")
	assert.Zero(t, broken(with), "with it none is")
	rw := readRoster(t, with)
	assert.Positive(t, rw.Summary.Matched)
	// Those the criterion leaves unmatched say so (or that the mentors
	// left for them are full).
	before := map[string]bool{}
	for _, m := range readRoster(t, plain).Matches {
		before[m.MenteeID] = true
	}
	for _, u := range rw.Unmatched {
		if u.Role == "mentee" && before[u.ID] && !strings.Contains(u.Reason, "full") {
			assert.Contains(t, u.Reason, "mentor gender", u.ID)
		}
	}
}

// Adding a criterion moves the roster in its direction, and its component
// and reason show.
func TestCriteriaSteerTheRoster(t *testing.T) {
	dir := t.TempDir()
	byID := readPeople(t, criteriaFile("people.csv"))
	table := map[string][]string{"structured": {"structured", "flexible"}, "flexible": {"structured", "flexible", "exploratory"}, "exploratory": {"flexible", "exploratory"}}
	count := func(path string, ok func(e, m map[string]string) bool) int {
		n := 0
		for _, m := range readRoster(t, path).Matches {
			if ok(byID[m.MenteeID], byID[m.MentorID]) {
				n++
			}
		}
		return n
	}
	cross := func(e, m map[string]string) bool { return e["department"] != m["department"] }
	compatible := func(e, m map[string]string) bool { return slices.Contains(table[e["work style"]], m["work style"]) }
	tests := []struct {
		config string
		holds  func(e, m map[string]string) bool
		reason string
	}{
		{"cross-department.yaml", cross, "cross-department "},
		{"work-style.yaml", compatible, "work style: "},
	}
	plain := filepath.Join(dir, "plain.json")
	code, _, stderr := cli(t, "match", criteriaFile("people.csv"), "--out", plain)
	require.Equal(t, 0, code, stderr)
	for _, tt := range tests {
		t.Run(tt.config, func(t *testing.T) {
			out := filepath.Join(dir, tt.config+".json")
			code, _, stderr := cli(t, "match", criteriaFile("people.csv"), "--config", criteriaFile(tt.config), "--out", out)
			require.Equal(t, 0, code, stderr)
			assert.Greater(t, count(out, tt.holds), count(plain, tt.holds))
			r := readRoster(t, out)
			assert.True(t, slices.ContainsFunc(r.Matches, func(m struct {
				MenteeID string  `json:"mentee_id"`
				MentorID string  `json:"mentor_id"`
				Score    float64 `json:"score"`
				Reason   string  `json:"reason"`
			}) bool {
				return strings.Contains(m.Reason, tt.reason)
			}), "some reason names the criterion")
		})
	}
	code, stdout, stderr := cli(t, "explain", criteriaFile("people.csv"), "--config", criteriaFile("work-style.yaml"), "--mentee", "E03", "--json")
	require.Equal(t, 0, code, stderr)
	var e struct {
		Components map[string]float64 `json:"components"`
		Score      float64            `json:"score"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &e))
	assert.Contains(t, e.Components, "work style")
	sum := 0.0
	for _, v := range e.Components {
		sum += v
	}
	assert.InDelta(t, e.Score, sum, 0.011)
}

// A hard criterion is the reason in explain and for the unmatched.
func TestHardCriterionReasons(t *testing.T) {
	code, stdout, stderr := cli(t, "explain", criteriaFile("people.csv"), "--config", criteriaFile("same-gender.yaml"), "--mentee", "E09", "--mentor", "M06")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "with M06 instead: not allowed (mentor gender not as the mentee asked (mentee: female, mentor: male))")

	dir := t.TempDir()
	people := writeFile(t, dir, "p.csv", "id,name,role,gender,wants mentor gender\nE1,Ann,mentee,female,non-binary\nE2,Bea,mentee,female,\nM1,Cy,mentor,male,\nM2,Di,mentor,female,\n")
	cfg := writeFile(t, dir, "c.yaml", "criteria:\n  - {name: mentor gender, column: wants mentor gender, mentor_column: gender, rule: mentee_preference, hard: true}\n")
	out := filepath.Join(dir, "r.json")
	code, _, stderr = cli(t, "match", people, "--config", cfg, "--out", out)
	require.Equal(t, 0, code, stderr)
	r := readRoster(t, out)
	require.Len(t, r.Matches, 1)
	assert.Equal(t, "E2", r.Matches[0].MenteeID)
	require.NotEmpty(t, r.Unmatched)
	assert.Equal(t, "E1", r.Unmatched[0].ID)
	assert.Equal(t, "every mentor is excluded: mentor gender not as the mentee asked", r.Unmatched[0].Reason)
	code, stdout, stderr = cli(t, "explain", people, "--config", cfg, "--mentee", "E1")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "unmatched: every mentor is excluded: mentor gender not as the mentee asked")
}

// Config mistakes name the key and line; cell mistakes the file, row and
// column; a column nobody has names the key and the headers seen. Every
// one exits 2 and writes nothing.
func TestCriteriaErrors(t *testing.T) {
	dir := t.TempDir()
	people := criteriaFile("people.csv")
	badCells := writeFile(t, dir, "bad.csv", "id,name,role,department,work style,years\nE1,Ann,mentee,Data,structured,3\nE2,Bob,mentee,Web,chaotic,lots\nM1,Cy,mentor,Data,flexible,9\n")
	tests := []struct {
		name, people, config string
		want                 []string
	}{
		{"unknown rule", people, "criteria:\n  - column: work style\n    rule: compatable\n    weight: 3\n",
			[]string{`criteria[1].rule (line 3): "compatable": expected one of same, different, overlap`}},
		{"value outside the table's values", people, "criteria:\n  - column: work style\n    rule: compatible\n    weight: 3\n    values: [structured, flexible]\n    table:\n      structured: [structured, flxible]\n",
			[]string{`criteria[1].table.structured (line 7): "flxible" is not among the values (structured, flexible)`}},
		{"missing column", people, "criteria:\n  - column: working style\n    rule: same\n    weight: 3\n",
			[]string{`"criteria[1].column": no mentee or mentor has a value in column "working style"`, "(config line 2)", "other columns seen: gender, preferred mentor gender, work style"}},
		{"cells that do not fit", badCells, "criteria:\n  - column: work style\n    rule: compatible\n    weight: 3\n    table: {structured: [flexible], flexible: [structured]}\n  - {column: years, rule: at_least, margin: 2, weight: 1}\n",
			[]string{`bad.csv row 3, column "work style": "chaotic" is not one of the values flexible, structured`, `bad.csv row 3, column "years": "lots" is not a number`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := writeFile(t, dir, "c.yaml", tt.config)
			out := filepath.Join(dir, "r.json")
			code, stdout, stderr := cli(t, "match", tt.people, "--config", cfg, "--out", out)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			for _, w := range tt.want {
				assert.Contains(t, stderr, w)
			}
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "nothing is written")
		})
	}
}

// The example configurations parse and every criterion in them is
// documented in docs/criteria.md.
func TestCriteriaExamplesDocumented(t *testing.T) {
	doc, err := os.ReadFile(repoFile("docs", "criteria.md"))
	require.NoError(t, err)
	for _, name := range []string{"same-gender.yaml", "cross-department.yaml", "work-style.yaml"} {
		data, err := os.ReadFile(criteriaFile(name))
		require.NoError(t, err)
		assert.Contains(t, string(doc), strings.TrimSpace(string(data)), fmt.Sprintf("docs/criteria.md shows %s as it is", name))
	}
}
