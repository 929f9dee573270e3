package table

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// A check-in survey: the health survey's columns plus self-ratings (a
// skills list and "skill: NAME" columns, mixed), a milestone status and a
// date.
func TestReadCheckIn(t *testing.T) {
	data := "Mentee ID,Mentor ID,Rater,Rating,Self ratings,Skill: Kubernetes,Milestone status,Submitted\n" +
		"E1,M1,mentee,4,go:2; sql:3,1,On track,2027-02-01\n" +
		"E1,M1,mentor,5,,,done,2027-02-03 09:15\n" +
		"E2,M1,mentee,3,go:1,2,Behind,2027/02/02\n" +
		"E3,M2,mentee,3,,,,\n"
	s, err := ReadSurvey(File{Path: "checkin.csv", Data: []byte(data)}, SurveyOptions{Roster: surveyRoster()})
	require.NoError(t, err)
	require.Len(t, s.Answers, 4)
	day := func(d int) time.Time { return time.Date(2027, 2, d, 0, 0, 0, 0, time.UTC) }
	a := s.Answers
	assert.Equal(t, []mentormatch.Skill{{Name: "go", Level: 2}, {Name: "sql", Level: 3}, {Name: "kubernetes", Level: 1}}, a[0].Skills)
	assert.Equal(t, mentormatch.MilestoneOnTrack, a[0].Milestone)
	assert.Equal(t, day(1), a[0].Date)
	assert.Empty(t, a[1].Skills)
	assert.Equal(t, mentormatch.MilestoneDone, a[1].Milestone)
	assert.Equal(t, day(3), a[1].Date)
	assert.Equal(t, []mentormatch.Skill{{Name: "go", Level: 1}, {Name: "kubernetes", Level: 2}}, a[2].Skills)
	assert.Equal(t, mentormatch.MilestoneBehind, a[2].Milestone)
	assert.Equal(t, day(2), a[2].Date)
	assert.Empty(t, a[3].Milestone)
	assert.True(t, a[3].Date.IsZero())
}

func TestReadCheckInBadCells(t *testing.T) {
	data := "mentee_id,mentor_id,rater,rating,skills,skill: go,milestone,date\n" +
		"E1,M1,mentee,4,go:7,3,done,2027-02-01\n" +
		"E1,M1,mentor,4,,six,done,2027-02-01\n" +
		"E2,M1,mentee,4,,2,stalled,2027-02-01\n" +
		"E2,M1,mentor,4,,,done,01/02/2027\n" +
		"E3,M2,mentee,4,go:2,,on-track,2027-02-01\n"
	_, err := ReadSurvey(File{Path: "checkin.csv", Data: []byte(data)}, SurveyOptions{})
	require.ErrorIs(t, err, mentormatch.ErrInput)
	var ps mentormatch.Problems
	require.ErrorAs(t, err, &ps)
	want := []struct {
		row      int
		col, msg string
	}{
		{2, "skills", `skills: skill level "7" in "go:7": expected a whole number 0–5`},
		{3, "skill: go", `level "six": expected a whole number from 0 to 5`},
		{4, "milestone", `milestone "stalled": expected done, on track or behind`},
		{5, "date", `date "01/02/2027": expected a date as YYYY-MM-DD`},
	}
	require.Len(t, ps, len(want), err.Error())
	for k, w := range want {
		assert.Equal(t, w.row, ps[k].Row)
		assert.Equal(t, w.col, ps[k].Column)
		assert.Contains(t, ps[k].Message, w.msg)
	}
}

func TestParseMilestoneAndDate(t *testing.T) {
	for in, want := range map[string]mentormatch.MilestoneStatus{"Done": "done", "completed": "done", "ON_TRACK": "on track", "on  track": "on track", "Behind schedule": "behind", "late": "behind"} {
		got, err := parseMilestone(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := parseMilestone("maybe")
	assert.Error(t, err)
	for _, in := range []string{"2027-02-01", "2027/02/01", "2027-02-01T23:30:00+05:00", "2027-02-01 08:00:00", "2027-02-01T08:00"} {
		d, err := parseDate(in)
		require.NoError(t, err, in)
		assert.Equal(t, time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC), d, in)
	}
	for _, in := range []string{"1/2/27", "Feb 1", "2027-13-01"} {
		_, err := parseDate(in)
		assert.Error(t, err, in)
	}
}
