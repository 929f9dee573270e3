package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/metrics"
)

func sampleMetrics() *metrics.Report {
	nan := math.NaN()
	return &metrics.Report{
		Surveys: []metrics.SurveyStats{
			{Name: "jan.csv", Date: time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), Pairs: 2, Answered: 2, Answers: 3, ResponseRate: 0.75, MeanRating: 4, Done: 1, OnTrack: 1, Completion: 0.5},
			{Name: "feb.csv", Pairs: 2, MeanRating: nan, Completion: nan},
		},
		Pairs: []metrics.PairTrend{
			{MenteeID: "E1", MenteeName: "=Eva", MentorID: "M1", MentorName: "Max", Cohort: "C1", Ratings: []float64{4.5, nan}, Milestones: []mentormatch.MilestoneStatus{"on track", ""}, Change: 0},
			{MenteeID: "E2", MenteeName: "Eli", MentorID: "M1", MentorName: "Max", Cohort: "C1", Ratings: []float64{3, nan}, Milestones: []mentormatch.MilestoneStatus{"done", ""}, AtRisk: true},
		},
		Cohorts:  []metrics.CohortTrend{{Cohort: "C1", Pairs: 2, Ratings: []float64{4, nan}, ResponseRates: []float64{0.75, 0}}},
		Skills:   metrics.SkillStats{Rated: 0, MeanChange: nan, PerMonth: nan, BySkill: []metrics.SkillSummary{}},
		Growth:   []metrics.Growth{{MenteeID: "E1", MentorID: "M1", Skill: "go", Levels: []int{1, -1}, PerMonth: nan}},
		AtRisk:   []metrics.Risk{{MenteeID: "E2", MenteeName: "Eli", MentorID: "M1", MentorName: "Max", Cohort: "C1", Why: "milestone behind (jan.csv)"}},
		Warnings: []string{"no date column in feb.csv: skill development per month needs the date of each answer"},
	}
}

func TestMetricsJSON(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, EncodeMetricsJSON(&b, sampleMetrics()))
	golden(t, "metrics.json", b.Bytes())
	var v map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &v))
	s := v["surveys"].([]any)
	assert.Nil(t, s[1].(map[string]any)["mean_rating"], "no answers: null")
	assert.Nil(t, s[1].(map[string]any)["date"])
	assert.Equal(t, "2027-01-15", s[0].(map[string]any)["date"])
}

func TestMetricsXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "metrics.xlsx")
	require.NoError(t, WriteMetrics(path, sampleMetrics()))
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Surveys", "Pairs", "Cohorts", "Skills", "Skill growth", "At risk", "Warnings"}, f.GetSheetList())
	rows, err := f.GetRows("Surveys")
	require.NoError(t, err)
	assert.Equal(t, []string{"jan.csv", "2027-01-15", "2", "2", "3", "75.00", "4.00", "0", "1", "1", "0", "50.00"}, rows[1])
	rows, err = f.GetRows("Pairs")
	require.NoError(t, err)
	assert.Equal(t, []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "cohort", "rating: jan.csv", "rating: feb.csv", "change", "last milestone", "at risk"}, rows[0])
	assert.Equal(t, []string{"E1", "=Eva", "M1", "Max", "C1", "4.50", "", "0.00", "on track", "no"}, rows[1])
	formula, err := f.GetCellFormula("Pairs", "B2")
	require.NoError(t, err)
	assert.Empty(t, formula)
	// Two charts on Surveys, one on Cohorts.
	var b bytes.Buffer
	require.NoError(t, EncodeMetricsXLSX(&b, sampleMetrics()))
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	require.NoError(t, err)
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	assert.Equal(t, 3, charts)

	// Same report, same bytes.
	var again bytes.Buffer
	require.NoError(t, EncodeMetricsXLSX(&again, sampleMetrics()))
	assert.Equal(t, b.Bytes(), again.Bytes())

	assert.ErrorIs(t, WriteMetrics(filepath.Join(t.TempDir(), "x.csv"), sampleMetrics()), mentormatch.ErrUsage)
}
