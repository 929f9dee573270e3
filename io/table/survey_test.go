package table

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// surveyRoster is the roster the survey fixtures are about: E1 and E2 with
// M1, E3 with M2 (after E3–M1 was dissolved), E4 unmatched.
func surveyRoster() *mentormatch.Roster {
	return &mentormatch.Roster{
		Matches: []mentormatch.Match{
			{MenteeID: "E1", MentorID: "M1"}, {MenteeID: "E2", MentorID: "M1"}, {MenteeID: "E3", MentorID: "M2"},
		},
		Unmatched: []mentormatch.Unmatched{{ID: "E4", Role: "mentee"}, {ID: "M3", Role: "mentor"}},
		Dissolved: []mentormatch.Dissolved{{MenteeID: "E3", MentorID: "M1"}},
	}
}

func TestReadSurvey(t *testing.T) {
	s, err := ReadSurvey(File{Path: td("survey-good.csv")}, SurveyOptions{Roster: surveyRoster()})
	require.NoError(t, err)
	src := func(row int) mentormatch.Source { return mentormatch.Source{File: td("survey-good.csv"), Row: row} }
	assert.Equal(t, []mentormatch.Answer{
		{MenteeID: "E1", MentorID: "M1", Rater: mentormatch.RoleMentee, Rating: 4, Comment: "Good sessions", Source: src(5)},
		{MenteeID: "E1", MentorID: "M1", Rater: mentormatch.RoleMentor, Rating: 5, Source: src(6)},
		{MenteeID: "E2", MentorID: "M1", Rater: mentormatch.RoleMentee, Rating: 2, WantsChange: true, Comment: "Hard to meet; time zones", Source: src(8)},
		{MenteeID: "E3", MentorID: "M2", Rater: mentormatch.RoleMentor, Rating: 3, Source: src(9)},
	}, s.Answers)
}

func TestReadSurveyBadCells(t *testing.T) {
	_, err := ReadSurvey(File{Path: td("survey-bad.csv")}, SurveyOptions{Roster: surveyRoster()})
	require.ErrorIs(t, err, mentormatch.ErrInput)
	var ps mentormatch.Problems
	require.ErrorAs(t, err, &ps)
	rows := map[int]bool{}
	for _, p := range ps {
		rows[p.Row] = true
	}
	for row := 2; row <= 13; row++ {
		assert.True(t, rows[row], "row %d is reported", row)
	}
	assert.False(t, rows[14], "a good row is not")
	got := []byte(err.Error() + "\n")
	if *update {
		require.NoError(t, os.WriteFile(td("survey-bad.golden"), got, 0o644))
	}
	want, err := os.ReadFile(td("survey-bad.golden"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

func TestReadSurveyFileProblems(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"empty", "", "the file is empty"},
		{"no rater", "mentee_id,mentor_id,rating\nE1,M1,4\n", `row 1: missing column: expected rater`},
		{"no header", "a,b\n1,2\n", "no header row found"},
		{"no answers", "mentee_id,mentor_id,rater,rating\n", "no answers below the header row"},
		{"without a roster every pair goes", "mentee_id,mentor_id,rater,rating\nX,Y,mentee,1\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r *mentormatch.Roster
			if tc.want != "" {
				r = surveyRoster()
			}
			s, err := ReadSurvey(File{Path: "s.csv", Data: []byte(tc.data)}, SurveyOptions{Roster: r})
			if tc.want == "" {
				require.NoError(t, err)
				assert.Len(t, s.Answers, 1)
				return
			}
			require.ErrorIs(t, err, mentormatch.ErrInput)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestReadSurveyXLSX(t *testing.T) {
	path := book(t, "survey.xlsx",
		sheet{"Form responses", [][]any{
			{"Mentee", "Mentor", "Answered by", "Health", "Change requested", "Notes"},
			{"E1", "M1", "mentee", 3, "No", nil},
			{"E2", "M1", "mentor", 1.0, "Yes", "=cmd"},
			{"E2", "M1", "mentor", "7", nil, nil},
		}})
	_, err := ReadSurvey(File{Path: path}, SurveyOptions{Roster: surveyRoster()})
	require.ErrorIs(t, err, mentormatch.ErrInput)
	assert.Contains(t, err.Error(), `[Form responses] row 4, column "Health": rating "7": expected a whole number from 1 to 5`)
	assert.NotContains(t, err.Error(), "row 3")
}

func FuzzReadSurvey(f *testing.F) {
	for _, name := range []string{"survey-good.csv", "survey-bad.csv"} {
		data, err := os.ReadFile(td(name))
		require.NoError(f, err)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ReadSurvey(File{Path: "f.csv", Data: data}, SurveyOptions{Roster: surveyRoster()})
		if err != nil {
			require.ErrorIs(t, err, mentormatch.ErrInput)
			return
		}
		for _, a := range s.Answers {
			require.True(t, a.Rating >= 1 && a.Rating <= 5)
		}
	})
}
