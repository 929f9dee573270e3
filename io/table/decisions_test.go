package table

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/report"
)

func TestReadDecisions(t *testing.T) {
	src := func(row int) mentormatch.Source { return mentormatch.Source{File: "d.csv", Row: row} }
	for _, tc := range []struct {
		name, data string
		want       mentormatch.Decisions
		err        []string
	}{
		{"words and aliases", "Program decisions\nMentee ID,Mentor,Decision,Notes\nE1,M1,pin,agreed with both\nE2,M1, Accept \nE3,M2,FORBID,\nE4,M2,decline,same team last year\n\n", mentormatch.Decisions{
			{MenteeID: "E1", MentorID: "M1", Kind: mentormatch.Pin, Note: "agreed with both", Source: src(3)},
			{MenteeID: "E2", MentorID: "M1", Kind: mentormatch.Pin, Source: src(4)},
			{MenteeID: "E3", MentorID: "M2", Kind: mentormatch.Forbid, Source: src(5)},
			{MenteeID: "E4", MentorID: "M2", Kind: mentormatch.Forbid, Note: "same team last year", Source: src(6)},
		}, nil},
		{"semicolons", "mentee_id;mentor_id;decision\nE1;M1;pin\n", mentormatch.Decisions{{MenteeID: "E1", MentorID: "M1", Kind: mentormatch.Pin, Source: src(2)}}, nil},
		{"a header and nothing else", "mentee_id,mentor_id,decision,note\n", nil, nil},
		{"a repeated decision is no conflict", "mentee_id,mentor_id,decision\nE1,M1,pin\nE1,M1,accept\n", mentormatch.Decisions{
			{MenteeID: "E1", MentorID: "M1", Kind: mentormatch.Pin, Source: src(2)},
			{MenteeID: "E1", MentorID: "M1", Kind: mentormatch.Pin, Source: src(3)},
		}, nil},
		{"bad cells", "mentee_id,mentor_id,decision\n,M1,pin\nE2,,forbid\nE3,M1,maybe\nE4,M1,\nE5,E5,pin\n", nil, []string{
			`d.csv row 2, column "mentee_id": missing: expected the mentee's id`,
			`d.csv row 3, column "mentor_id": missing: expected the mentor's id`,
			`d.csv row 4, column "decision": decision "maybe": expected pin (or accept) or forbid (or decline)`,
			`d.csv row 5, column "decision": missing`,
			`d.csv row 6, column "mentor_id": E5 is both the mentee and the mentor`,
		}},
		{"conflicts", "mentee_id,mentor_id,decision\nE1,M1,pin\nE1,M1,forbid\nE2,M1,pin\nE2,M2,accept\n", nil, []string{
			`d.csv row 3, column "decision": forbid E1 with M1 contradicts d.csv row 2 (pin)`,
			`d.csv row 5, column "mentor_id": mentee E2 is pinned to M2 here and to M1 at d.csv row 4: a mentee has one mentor`,
		}},
		{"missing column", "mentee_id,mentor_id,note\nE1,M1,x\n", nil, []string{"missing column: expected decision"}},
		{"empty", "", nil, []string{"the file is empty"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := ReadDecisions(File{Path: "d.csv", Data: []byte(tc.data)})
			if tc.err == nil {
				require.NoError(t, err)
				assert.Equal(t, tc.want, ds)
				return
			}
			require.ErrorIs(t, err, mentormatch.ErrInput)
			for _, w := range tc.err {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestReadDecisionsXLSX(t *testing.T) {
	path := book(t, "decisions.xlsx", sheet{"Decisions", [][]any{
		{"Mentee", "Mentor", "Decision", "Note"},
		{"E1", "M1", "accept", "=SUM(A1)"},
		{"E2", 7, "veto", nil},
	}})
	_, err := ReadDecisions(File{Path: path})
	require.ErrorIs(t, err, mentormatch.ErrInput)
	assert.Contains(t, err.Error(), `[Decisions] row 3, column "Decision": decision "veto"`)
	assert.NotContains(t, err.Error(), "row 2")
}

// What the writer writes, the reader reads back as it was, formula-looking
// notes and ids included.
func TestDecisionsRoundTrip(t *testing.T) {
	ds := mentormatch.Decisions{
		{MenteeID: "E1", MentorID: "M1", Kind: mentormatch.Pin, Note: "=agreed, with \"both\""},
		{MenteeID: "-E2", MentorID: "M 2", Kind: mentormatch.Forbid},
	}
	var buf bytes.Buffer
	require.NoError(t, report.EncodeDecisionsCSV(&buf, ds))
	got, err := ReadDecisions(File{Path: "d.csv", Data: buf.Bytes()})
	require.NoError(t, err)
	for k := range got {
		got[k].Source = mentormatch.Source{}
	}
	assert.Equal(t, ds, got)
}

func FuzzReadDecisions(f *testing.F) {
	f.Add([]byte("mentee_id,mentor_id,decision,note\nE1,M1,pin,x\nE2,M1,forbid,\n"))
	f.Add([]byte("Mentee;Mentor;Status\nE1;M1;decline\nE1;M1;accept\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadDecisions(File{Path: "f.csv", Data: data})
		if err != nil {
			require.ErrorIs(t, err, mentormatch.ErrInput)
			return
		}
		require.Empty(t, ds.Conflicts())
		for _, d := range ds {
			require.NotEmpty(t, d.MenteeID)
			require.NotEmpty(t, d.MentorID)
			require.Contains(t, []mentormatch.DecisionKind{mentormatch.Pin, mentormatch.Forbid}, d.Kind)
		}
	})
}
