package metrics

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
)

// smallRoster: E1 and E2 with M1 in cohort C1, E3 with M2 in cohort C2.
func smallRoster() (*mentormatch.Roster, []mentormatch.Cohort) {
	r := &mentormatch.Roster{Matches: []mentormatch.Match{
		{MenteeID: "E1", MenteeName: "Eva", MentorID: "M1", MentorName: "Max"},
		{MenteeID: "E2", MenteeName: "Eli", MentorID: "M1", MentorName: "Max"},
		{MenteeID: "E3", MenteeName: "Emi", MentorID: "M2", MentorName: "Mo"},
	}}
	return r, []mentormatch.Cohort{{ID: "C1", Members: []string{"E1", "E2"}}, {ID: "C2", Members: []string{"E3"}}}
}

// Two check-ins a month apart; every figure below is worked out by hand
// in the comments.
const (
	january = "mentee_id,mentor_id,rater,rating,skills,milestone,date\n" +
		"E1,M1,mentee,4,go:1; sql:2,on track,2027-01-15\n" +
		"E1,M1,mentor,5,,on track,2027-01-14\n" +
		"E2,M1,mentee,4,go:2,done,2027-01-15\n" +
		"E3,M2,mentee,3,kotlin:1,on track,2027-01-13\n"
	february = "mentee_id,mentor_id,rater,rating,skills,milestone,date\n" +
		"E1,M1,mentee,3,go:2; sql:2,on track,2027-02-15\n" +
		"E1,M1,mentor,4,,done,2027-02-14\n" +
		"E2,M1,mentee,2,go:3,behind,2027-02-15\n" +
		"E2,M1,mentor,3,,,2027-02-15\n" +
		"E3,M2,mentee,4,kotlin:2,on track,2027-02-12\n" +
		"E3,M2,mentor,4,,done,2027-02-12\n"
)

func waves(t *testing.T, r *mentormatch.Roster) []Wave {
	var ws []Wave
	for _, f := range []struct{ name, data string }{{"jan.csv", january}, {"feb.csv", february}} {
		s, err := table.ReadSurvey(table.File{Path: f.name, Data: []byte(f.data)}, table.SurveyOptions{Roster: r})
		require.NoError(t, err)
		ws = append(ws, Wave{Name: f.name, Survey: s})
	}
	return ws
}

func TestMeasureByHand(t *testing.T) {
	r, cohorts := smallRoster()
	rep, err := Measure(r, waves(t, r), Options{Cohorts: cohorts})
	require.NoError(t, err)

	jan, feb := rep.Surveys[0], rep.Surveys[1]
	// January: 4 answers from 4 of the 6 sides (E1 both, E2 and E3
	// mentees); ratings 4, 5, 4, 3 average 4; statuses on track (E1),
	// done (E2), on track (E3).
	assert.Equal(t, "2027-01-15", jan.Date.Format("2006-01-02"))
	assert.Equal(t, []int{3, 3, 4, 0}, []int{jan.Pairs, jan.Answered, jan.Answers, jan.Unhealthy})
	assert.InDelta(t, 4.0/6, jan.ResponseRate, 1e-12)
	assert.InDelta(t, 4.0, jan.MeanRating, 1e-12)
	assert.Equal(t, []int{1, 2, 0}, []int{jan.Done, jan.OnTrack, jan.Behind})
	assert.InDelta(t, 1.0/3, jan.Completion, 1e-12)
	// February: everyone answered; ratings sum to 20 over 6; E2's mean
	// 2.5 is below 3; E1's sides say on track and done (on track counts),
	// E2 behind, E3 on track and done.
	assert.Equal(t, "2027-02-15", feb.Date.Format("2006-01-02"))
	assert.Equal(t, []int{3, 3, 6, 1}, []int{feb.Pairs, feb.Answered, feb.Answers, feb.Unhealthy})
	assert.InDelta(t, 1.0, feb.ResponseRate, 1e-12)
	assert.InDelta(t, 20.0/6, feb.MeanRating, 1e-12)
	assert.Equal(t, []int{0, 2, 1}, []int{feb.Done, feb.OnTrack, feb.Behind})
	assert.InDelta(t, 0.0, feb.Completion, 1e-12)

	// Pairs: E1 4.5 → 3.5, E2 4 → 2.5, E3 3 → 4.
	want := [][]float64{{4.5, 3.5}, {4, 2.5}, {3, 4}}
	for k, p := range rep.Pairs {
		assert.Equal(t, want[k], p.Ratings, p.MenteeID)
		assert.InDelta(t, want[k][1]-want[k][0], p.Change, 1e-12, p.MenteeID)
	}
	assert.Equal(t, []mentormatch.MilestoneStatus{"on track", "on track"}, rep.Pairs[0].Milestones)
	assert.Equal(t, []mentormatch.MilestoneStatus{"done", "behind"}, rep.Pairs[1].Milestones)
	assert.Equal(t, "C1", rep.Pairs[0].Cohort)

	// At risk: E1 fell by 1; E2 fell by 1.5, is behind and unhealthy.
	require.Len(t, rep.AtRisk, 2)
	assert.Equal(t, "mean rating fell from 4.5 (jan.csv) to 3.5 (feb.csv)", rep.AtRisk[0].Why)
	assert.Equal(t, "E2", rep.AtRisk[1].MenteeID)
	assert.Equal(t, "mean rating fell from 4 (jan.csv) to 2.5 (feb.csv); milestone behind (feb.csv); mean rating 2.5 from 2 answers is below 3 (feb.csv)", rep.AtRisk[1].Why)
	assert.True(t, rep.Pairs[1].AtRisk)
	assert.False(t, rep.Pairs[2].AtRisk)

	// Cohorts: C1 (4+5+4)/3 then (3+4+2+3)/4, answered by 3 then 4 of 4
	// sides; C2 3 then 4, by 1 then 2 of 2.
	require.Len(t, rep.Cohorts, 2)
	assert.InDeltaSlice(t, []float64{13.0 / 3, 3}, rep.Cohorts[0].Ratings, 1e-12)
	assert.InDeltaSlice(t, []float64{0.75, 1}, rep.Cohorts[0].ResponseRates, 1e-12)
	assert.InDeltaSlice(t, []float64{3, 4}, rep.Cohorts[1].Ratings, 1e-12)
	assert.InDeltaSlice(t, []float64{0.5, 1}, rep.Cohorts[1].ResponseRates, 1e-12)

	// Skills, 15 January to 15 February being one month: E1 go 1 → 2,
	// E1 sql 2 → 2, E2 go 2 → 3, E3 kotlin 1 → 2.
	require.Len(t, rep.Growth, 4)
	g := rep.Growth[0]
	assert.Equal(t, Growth{MenteeID: "E1", MentorID: "M1", Skill: "go", Levels: []int{1, 2}, Change: 1, Months: 1, PerMonth: 1}, g)
	assert.Equal(t, 4, rep.Skills.Rated)
	assert.InDelta(t, 0.75, rep.Skills.MeanChange, 1e-12)
	assert.InDelta(t, 0.75, rep.Skills.PerMonth, 1e-12)
	assert.Equal(t, []SkillSummary{{"go", 2, 1, 1}, {"kotlin", 1, 1, 1}, {"sql", 1, 0, 0}}, rep.Skills.BySkill)
	assert.Empty(t, rep.Warnings)

	// With wants, only wanted skills count: E1 wants go only.
	rep, err = Measure(r, waves(t, r), Options{Wants: map[string][]string{"E1": {"go"}}})
	require.NoError(t, err)
	assert.Equal(t, 3, rep.Skills.Rated)
	assert.InDelta(t, 1.0, rep.Skills.PerMonth, 1e-12)
	assert.Empty(t, rep.Cohorts)
}

func TestMeasureEdges(t *testing.T) {
	r, _ := smallRoster()
	_, err := Measure(r, nil, Options{})
	assert.ErrorIs(t, err, mentormatch.ErrInput)
	_, err = Measure(nil, []Wave{{Name: "a"}}, Options{})
	assert.ErrorIs(t, err, mentormatch.ErrInput)

	// Undated surveys out of order, one without answers at all.
	s1 := &mentormatch.Survey{Answers: []mentormatch.Answer{{MenteeID: "E1", MentorID: "M1", Rater: mentormatch.RoleMentee, Rating: 4, Skills: []mentormatch.Skill{{Name: "go", Level: 1}}}}}
	s2 := &mentormatch.Survey{Answers: []mentormatch.Answer{{MenteeID: "E1", MentorID: "M1", Rater: mentormatch.RoleMentee, Rating: 4, Skills: []mentormatch.Skill{{Name: "go", Level: 3}}}}}
	rep, err := Measure(r, []Wave{{Name: "a.csv", Survey: s1}, {Name: "b.csv", Survey: &mentormatch.Survey{}}, {Name: "c.csv", Survey: s2}}, Options{})
	require.NoError(t, err)
	assert.True(t, math.IsNaN(rep.Surveys[1].MeanRating))
	assert.True(t, math.IsNaN(rep.Surveys[1].Completion))
	assert.Equal(t, []int{1, -1, 3}, rep.Growth[0].Levels)
	assert.Equal(t, 2, rep.Growth[0].Change)
	assert.True(t, math.IsNaN(rep.Growth[0].PerMonth), "no dates, no rate")
	assert.Equal(t, []string{"no date column in a.csv, b.csv, c.csv: skill development per month needs the date of each answer"}, rep.Warnings)
	assert.Empty(t, rep.AtRisk, "E1 answered the same twice")

	d := func(m, day int) mentormatch.Answer {
		return mentormatch.Answer{MenteeID: "E3", MentorID: "M2", Rater: mentormatch.RoleMentee, Rating: 4, Date: dateOf(2027, m, day)}
	}
	rep, err = Measure(r, []Wave{{Name: "late.csv", Survey: &mentormatch.Survey{Answers: []mentormatch.Answer{d(3, 1)}}}, {Name: "early.csv", Survey: &mentormatch.Survey{Answers: []mentormatch.Answer{d(2, 1)}}}}, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"early.csv (2027-02-01) is dated before late.csv (2027-03-01): give the surveys in date order"}, rep.Warnings)
}

func TestMonths(t *testing.T) {
	for _, tc := range []struct {
		a, b [3]int
		want float64
	}{
		{[3]int{2027, 1, 15}, [3]int{2027, 2, 15}, 1},
		{[3]int{2027, 1, 15}, [3]int{2027, 4, 15}, 3},
		{[3]int{2027, 2, 1}, [3]int{2027, 2, 15}, 14.0 / 28},
		{[3]int{2026, 12, 10}, [3]int{2027, 1, 25}, 1 + 15.0/31},
	} {
		got := months(dateOf(tc.a[0], tc.a[1], tc.a[2]), dateOf(tc.b[0], tc.b[1], tc.b[2]))
		assert.InDelta(t, tc.want, got, 1e-12, "%v → %v", tc.a, tc.b)
	}
}

func dateOf(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
