package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

func sampleRematch() *mentormatch.Rematch {
	r := sampleRoster()
	r.Dissolved = []mentormatch.Dissolved{
		{MenteeID: "E2", MenteeName: "Bob", MentorID: "M2", MentorName: "Max", Why: "mean rating 2.5 from 2 answers is below 3"},
		{MenteeID: "E3", MenteeName: "@Carl", MentorID: "M1", MentorName: "Grace", Why: "=the mentee wants a change"},
	}
	return &mentormatch.Rematch{
		Roster: r,
		Changes: []mentormatch.Change{
			{MenteeID: "E2", MenteeName: "Bob", OldMentorID: "M2", OldMentorName: "Max", NewMentorID: "M1", NewMentorName: "Grace", Kind: mentormatch.ChangeDissolved, Why: "pair dissolved: mean rating 2.5 from 2 answers is below 3; re-matched with M1 (score 31.25)"},
			{MenteeID: "E3", MenteeName: "@Carl", OldMentorID: "M1", OldMentorName: "Grace", Kind: mentormatch.ChangeDissolved, Why: "pair dissolved: the mentee wants a change; not re-matched: every mentor who could take them is full: M1"},
			{MenteeID: "E9", OldMentorID: "M1", Kind: mentormatch.ChangeLeft, Why: "no longer a mentee in the people file"},
		},
		Health: mentormatch.Health{
			Threshold: 3, Pairs: 3, Answered: 2, Answers: 3, ResponseRate: 0.5, MeanRating: 8.0 / 3, Flagged: 2,
			ByMentor: []mentormatch.MentorHealth{{MentorID: "M1", MentorName: "Grace", Pairs: 2, Answers: 1, MeanRating: 5, Flagged: 1}, {MentorID: "M2", MentorName: "Max", Pairs: 1, Answers: 2, MeanRating: 1.5, Flagged: 1}},
			ByPair: []mentormatch.PairHealth{
				{MenteeID: "E1", MentorID: "M1", Why: "no answers"},
				{MenteeID: "E2", MentorID: "M2", Answers: 2, MenteeAnswered: true, MentorAnswered: true, MeanRating: 1.5, Unhealthy: true, Why: "mean rating 1.5 from 2 answers is below 3"},
				{MenteeID: "E3", MentorID: "M1", Answers: 1, MenteeAnswered: true, MeanRating: 5, WantsChange: "mentee", Unhealthy: true, Why: "the mentee wants a change"},
			},
			Missing: []string{"E1 with M1: no answers", "E3 with M1: no answer from the mentor"},
		},
	}
}

func TestRematchGolden(t *testing.T) {
	x := sampleRematch()
	var b bytes.Buffer
	require.NoError(t, EncodeRematchJSON(&b, x))
	golden(t, "rematch.json", b.Bytes())
	b.Reset()
	require.NoError(t, EncodeRosterCSV(&b, x.Roster))
	golden(t, "rematch-roster.csv", b.Bytes())
	b.Reset()
	require.NoError(t, EncodeChangesCSV(&b, x.Changes))
	golden(t, "rematch-changes.csv", b.Bytes())
}

// A roster without history is written as before: no dissolved key, column
// or sheet (the roster goldens check the bytes).
func TestRosterWithoutHistory(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, EncodeRosterJSON(&b, sampleRoster()))
	assert.NotContains(t, b.String(), "dissolved")
	b.Reset()
	require.NoError(t, EncodeRosterXLSX(&b, sampleRoster()))
	f, err := excelize.OpenReader(&b)
	require.NoError(t, err)
	defer f.Close()
	assert.NotContains(t, f.GetSheetList(), "Dissolved")
}

func TestWriteRematch(t *testing.T) {
	dir := t.TempDir()
	x := sampleRematch()
	for _, name := range []string{"a.xlsx", "b.xlsx", "r.json", "r.csv"} {
		require.NoError(t, WriteRematch(filepath.Join(dir, name), x))
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a.xlsx"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.xlsx"))
	assert.True(t, bytes.Equal(a, b), "xlsx output not deterministic")
	assert.FileExists(t, filepath.Join(dir, "r-changes.csv"))

	f, err := excelize.OpenFile(filepath.Join(dir, "a.xlsx"))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Summary", "Changes", "Matches", "Unmatched", "Mentor load", "Dissolved", "Health", "Health by mentor", "Pair health"}, f.GetSheetList())
	rows, err := f.GetRows("Changes")
	require.NoError(t, err)
	require.Len(t, rows, 4)
	assert.Equal(t, changeHead, rows[0])
	assert.Equal(t, "@Carl", rows[2][1])
	rows, err = f.GetRows("Dissolved")
	require.NoError(t, err)
	assert.Equal(t, []string{"E3", "@Carl", "M1", "Grace", "=the mentee wants a change"}, rows[2])
	formula, err := f.GetCellFormula("Dissolved", "E3")
	require.NoError(t, err)
	assert.Empty(t, formula, "text that looks like a formula stays text")
	rows, err = f.GetRows("Pair health")
	require.NoError(t, err)
	assert.Equal(t, []string{"E1", "", "M1", "", "0", "", "", "healthy", "no answers"}, rows[1])
	tables, err := f.GetTables("Changes")
	require.NoError(t, err)
	require.Len(t, tables, 1)
	charts := 0
	for _, s := range f.GetSheetList() {
		tables, err := f.GetTables(s)
		require.NoError(t, err)
		charts += len(tables)
	}
	assert.Equal(t, 8, charts, "every data sheet (all but Summary) keeps its filterable table after the workbook is reopened")
	assert.ErrorIs(t, WriteRematch(filepath.Join(dir, "x.txt"), x), mentormatch.ErrUsage)
}
