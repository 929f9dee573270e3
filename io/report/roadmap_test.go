package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func sampleRoadmaps(t *testing.T) []mentormatch.Roadmap {
	ber, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	s1 := time.Date(2027, 1, 4, 23, 30, 0, 0, time.UTC) // 5 January in Berlin
	s2 := s1.AddDate(0, 0, 14)
	return []mentormatch.Roadmap{
		{
			MenteeID: "E1", MenteeName: "=Mia", MentorID: "M1", MentorName: "Max", Cohort: "C1", MenteeZone: ber,
			Goals: []string{"tech lead"},
			Objectives: []mentormatch.Objective{
				{Kind: mentormatch.ObjectiveSkill, Topic: "go", From: 1, To: 3, MentorLevel: 5, Title: "Raise go from 1 to 3", Why: "Wanted skill 1 of 1.",
					Start: s1, StartRound: 1, Due: s2, DueRound: 2,
					Milestones: []mentormatch.Milestone{{Stage: "discovery", Due: s2, Round: 2, Text: "+Read go code."}}},
				{Kind: mentormatch.ObjectiveGoal, Topic: "tech lead", Title: "Progress towards tech lead", Why: "Career goal 1 of 1.",
					Start: s1, StartRound: 1, Due: s2, DueRound: 2,
					Milestones: []mentormatch.Milestone{{Stage: "discovery", Due: s2, Round: 2, Text: "Talk."}}},
			},
			Sessions: []mentormatch.Checkpoint{
				{Round: 1, Start: s1, End: s1.Add(time.Hour), Kinds: []string{mentormatch.CheckKickoff}, Due: []string{}},
				{Round: 2, Start: s2, End: s2.Add(time.Hour), Kinds: []string{mentormatch.CheckClosing}, Due: []string{"discovery: go", "discovery: tech lead"}},
			},
			Agenda: []mentormatch.AgendaItem{{Kind: mentormatch.CheckKickoff, Text: "Meet."}, {Kind: mentormatch.CheckClosing, Text: "Close."}},
			Notes:  []string{"A note."},
		},
		{
			MenteeID: "E2", MenteeName: "Ann", MentorID: "M1", MentorName: "Max",
			Objectives: []mentormatch.Objective{{Kind: mentormatch.ObjectiveSkill, Topic: "sql", From: 0, To: 2, Title: "Raise sql",
				Milestones: []mentormatch.Milestone{{Stage: "discovery", Text: "Map sql."}}}},
			Notes: []string{"No 1:1 session is scheduled for this pair yet."},
		},
		{MenteeID: "E3", MenteeName: "Bo", MentorID: "M2", MentorName: "Kim"},
	}
}

func TestRoadmapsJSON(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, EncodeRoadmapsJSON(&b, sampleRoadmaps(t)))
	golden(t, "roadmaps.json", b.Bytes())

	var got struct {
		Roadmaps []struct {
			MenteeID   string `json:"mentee_id"`
			Objectives []struct {
				From       *int    `json:"from"`
				Due        *string `json:"due"`
				Milestones []struct {
					Due   *string `json:"due"`
					Round int     `json:"round"`
				} `json:"milestones"`
			} `json:"objectives"`
			Notes []string `json:"notes"`
		} `json:"roadmaps"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &got))
	require.Len(t, got.Roadmaps, 3)
	o := got.Roadmaps[0].Objectives
	require.NotNil(t, o[0].From)
	assert.Nil(t, o[1].From, "goals have no levels")
	assert.Equal(t, "2027-01-18T23:30:00Z", *o[0].Milestones[0].Due)
	assert.Equal(t, 2, o[0].Milestones[0].Round)
	assert.Nil(t, got.Roadmaps[1].Objectives[0].Milestones[0].Due, "no session, no date")
	assert.Empty(t, got.Roadmaps[2].Objectives)
}

func TestRoadmapSheet(t *testing.T) {
	f := newFile()
	defer f.Close()
	require.NoError(t, AddRoadmapSheet(f, sampleRoadmaps(t)))
	rows, err := f.GetRows(RoadmapSheet)
	require.NoError(t, err)
	require.Len(t, rows, 5) // header, 2 + 1 milestones, 1 pair without objectives
	assert.Equal(t, []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "cohort", "objective", "title", "from", "to", "stage", "due", "session", "milestone"}, rows[0])
	assert.Equal(t, []string{"E1", "=Mia", "M1", "Max", "C1", "1", "Raise go from 1 to 3", "1", "3", "discovery", "2027-01-19", "2", "+Read go code."}, rows[1])
	assert.Equal(t, []string{"E1", "=Mia", "M1", "Max", "C1", "2", "Progress towards tech lead", "", "", "discovery", "2027-01-19", "2", "Talk."}, rows[2])
	assert.Equal(t, "not scheduled", rows[3][10])
	assert.Equal(t, "no objective yet: agree two at the kickoff", rows[4][6])
	formula, err := f.GetCellFormula(RoadmapSheet, "B2")
	require.NoError(t, err)
	assert.Empty(t, formula, "formula-looking names stay text")

	empty := newFile()
	defer empty.Close()
	require.NoError(t, AddRoadmapSheet(empty, nil))
	assert.Equal(t, []string{"Sheet1"}, empty.GetSheetList())
}
