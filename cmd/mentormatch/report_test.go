package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch/example"
)

// checkIns writes two check-ins of the plan's pairs a month apart: in
// January every side rates 4, each mentee rates their first wanted skill 1
// and is on track; in February every third pair rates 2 and every fourth is
// behind, and every mentee rates that skill 2.
func checkIns(t *testing.T, dir string, pairs [][2]string, wants map[string]string) (jan, feb string) {
	write := func(name string, row func(i int, mentee, mentor string) string) string {
		var b strings.Builder
		b.WriteString("mentee_id,mentor_id,rater,rating,skills,milestone,date\n")
		for i, p := range pairs {
			b.WriteString(row(i, p[0], p[1]))
		}
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
		return path
	}
	jan = write("jan.csv", func(_ int, e, m string) string {
		return fmt.Sprintf("%s,%s,mentee,4,%s:1,on track,2027-01-15\n%s,%s,mentor,4,,on track,2027-01-14\n", e, m, wants[e], e, m)
	})
	feb = write("feb.csv", func(i int, e, m string) string {
		rating, status := 4, "on track"
		if i%3 == 0 {
			rating = 2
		}
		if i%4 == 0 {
			status = "behind"
		}
		return fmt.Sprintf("%s,%s,mentee,%d,%s:2,%s,2027-02-15\n%s,%s,mentor,%d,,%s,2027-02-15\n", e, m, rating, wants[e], status, e, m, rating, status)
	})
	return jan, feb
}

func TestReportTwoCheckIns(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.csv")
	require.NoError(t, os.WriteFile(people, example.PeopleCSV(), 0o644))
	plan := filepath.Join(dir, "plan.json")
	code, _, stderr := cli(t, "plan", people, "--out", plan)
	require.Equal(t, 0, code, stderr)
	var p planJSON
	data, err := os.ReadFile(plan)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &p))

	// Each mentee's first wanted skill, from the example file.
	wants := map[string]string{}
	for _, line := range strings.Split(string(example.PeopleCSV()), "\n")[1:] {
		cells := strings.Split(line, ",")
		if len(cells) > 11 && cells[3] == "mentee" && cells[11] != "" {
			wants[cells[0]] = strings.TrimSpace(strings.Split(cells[11], ";")[0])
		}
	}
	var pairs [][2]string
	atRisk := 0
	for i, m := range p.Matches {
		pairs = append(pairs, [2]string{m.MenteeID, m.MentorID})
		if i%3 == 0 || i%4 == 0 {
			atRisk++
		}
	}
	jan, feb := checkIns(t, dir, pairs, wants)

	out := filepath.Join(dir, "metrics.json")
	code, stdout, stderr := cli(t, "report", "--roster", plan, "--survey", jan, "--survey", feb, people, "--out", out)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, fmt.Sprintf("%d pairs at risk", atRisk))
	assert.Contains(t, stdout, "+1.00 levels per month")
	var rep struct {
		Surveys []struct {
			Date         string   `json:"date"`
			ResponseRate float64  `json:"response_rate"`
			MeanRating   float64  `json:"mean_rating"`
			Completion   *float64 `json:"milestone_completion"`
		} `json:"surveys"`
		Cohorts []struct{ Cohort string } `json:"cohorts"`
		Skills  struct {
			Rated    int     `json:"rated"`
			PerMonth float64 `json:"per_month"`
		} `json:"skills"`
		AtRisk []struct{ MenteeID, Why string } `json:"at_risk"`
	}
	data, err = os.ReadFile(out)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &rep))
	require.Len(t, rep.Surveys, 2)
	assert.Equal(t, "2027-01-15", rep.Surveys[0].Date)
	assert.Equal(t, "2027-02-15", rep.Surveys[1].Date)
	assert.Equal(t, 1.0, rep.Surveys[0].ResponseRate)
	assert.Equal(t, 4.0, rep.Surveys[0].MeanRating)
	n, low := len(pairs), (len(pairs)+2)/3
	assert.InDelta(t, float64(4*(n-low)+2*low)/float64(n), rep.Surveys[1].MeanRating, 1e-4)
	assert.InDelta(t, 0.0, *rep.Surveys[1].Completion, 1e-12, "nobody is done")
	assert.Len(t, rep.Cohorts, len(p.Cohorts), "the plan's cohorts")
	assert.Equal(t, len(pairs), rep.Skills.Rated, "one wanted skill per mentee")
	assert.Equal(t, 1.0, rep.Skills.PerMonth)
	assert.Len(t, rep.AtRisk, atRisk)

	// The workbook, too.
	code, _, stderr = cli(t, "report", "--roster", plan, "--survey", jan+","+feb, "--out", filepath.Join(dir, "metrics.xlsx"))
	require.Equal(t, 0, code, stderr)
}

func TestReportProblems(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := cli(t, "report", "--out", filepath.Join(dir, "m.json"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "report needs --roster, --survey")

	roster := filepath.Join(dir, "roster.json")
	code, _, stderr = cli(t, "match", "--example", "--out", roster)
	require.Equal(t, 0, code, stderr)
	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("mentee_id,mentor_id,rater,rating,milestone,date\nE1101,E1032,mentee,4,stalled,15/01/2027\n"), 0o644))
	out := filepath.Join(dir, "m.json")
	code, _, stderr = cli(t, "report", "--roster", roster, "--survey", bad, "--out", out)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `milestone "stalled": expected done, on track or behind`)
	assert.Contains(t, stderr, `date "15/01/2027": expected a date as YYYY-MM-DD`)
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing is written")
}

// report --example plans the example and reports on three check-ins: every
// figure a new user should see is there, the same every run.
func TestReportExample(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "program.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("schedule:\n  start: 2026-11-30\n"), 0o644))
	out := filepath.Join(dir, "m.json")
	code, stdout, stderr := cli(t, "report", "--example", "--config", cfg, "--out", out)
	require.Equal(t, 0, code, stderr)
	for _, want := range []string{
		"example/check-in-1.csv (2026-12-28)", "example/check-in-3.csv (2027-02-22)",
		"response rate 88%", "milestones 37 done", "skill development:", "levels per month", "pairs at risk:", "the mentee wants a change",
	} {
		assert.Contains(t, stdout, want)
	}
	first, err := os.ReadFile(out)
	require.NoError(t, err)
	code, _, stderr = cli(t, "report", "--example", "--config", cfg, "--out", out)
	require.Equal(t, 0, code, stderr)
	again, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, first, again)

	code, _, stderr = cli(t, "report", "--example")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "report --example needs --out")
	code, _, stderr = cli(t, "report", "--example", "--survey", "s.csv", "--out", out)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--example brings its own roster and surveys")
}
