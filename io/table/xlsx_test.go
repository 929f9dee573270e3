package table

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

// sheet is a sheet to build: rows start at row 1; a nil row is left empty.
type sheet struct {
	name string
	rows [][]any
}

// book writes a workbook with the given sheets and returns its path.
func book(t *testing.T, name string, sheets ...sheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			require.NoError(t, f.SetSheetName("Sheet1", s.name))
		} else {
			_, err := f.NewSheet(s.name)
			require.NoError(t, err)
		}
		for r, row := range s.rows {
			if row == nil {
				continue
			}
			require.NoError(t, f.SetSheetRow(s.name, fmt.Sprintf("A%d", r+1), &row))
		}
	}
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, f.SaveAs(path))
	return path
}

func TestReadProgramXLSXRoleSheets(t *testing.T) {
	path := book(t, "people.xlsx",
		sheet{"Read me", [][]any{{"This workbook lists the Q1 cohort"}}},
		sheet{"MENTORS", [][]any{
			{"Employee ID", "Full Name", "Mentor Kind", "Max Mentees", "Skill: Go"},
			{"M1", "Mia", "Primary", 2, 5},
			{"M2", "Max", "Senior", nil, 4},
		}},
		sheet{"mentees", [][]any{
			{"Acme — Mentoring"},
			nil,
			{"Employee ID", "First Name", "Last Name", "Job Level", "Time Zone", "Skill: Go"},
			{"E1", "Eva", "Lund", "Junior", "Europe/Oslo", 1},
			nil,
			{"E2", "Eli", "Moe", 3, "utc-3", nil},
		}},
	)
	p, err := ReadProgram(Options{}, File{Path: path})
	require.NoError(t, err)
	require.Len(t, p.People, 4)
	var ids []string
	for _, q := range p.People {
		ids = append(ids, fmt.Sprintf("%s %s %s row %d", q.ID, q.Role, q.Source.Sheet, q.Source.Row))
	}
	// Mentees first even though the Mentors sheet comes first in the book.
	assert.Equal(t, []string{"E1 mentee mentees row 4", "E2 mentee mentees row 6", "M1 mentor MENTORS row 2", "M2 mentor MENTORS row 3"}, ids)
	assert.Equal(t, "Eva Lund", p.People[0].Name)
	assert.Equal(t, 2, p.People[0].Level)
	assert.Equal(t, "Europe/Oslo", p.People[0].TimeZone)
	assert.Equal(t, []mentormatch.Skill{{Name: "go", Level: 1}}, p.People[0].Skills)
	assert.Equal(t, "UTC-03:00", p.People[1].TimeZone)
	assert.Nil(t, p.People[1].Skills)
	assert.Equal(t, 2, p.People[2].Capacity)
	assert.Equal(t, mentormatch.Senior, p.People[3].MentorType)
	assert.Equal(t, 0, p.People[3].Capacity)
	assert.Equal(t, []int{0, 1}, p.Mentees)
	assert.Equal(t, []int{2, 3}, p.Mentors)
}

func TestReadProgramXLSXSheets(t *testing.T) {
	path := book(t, "one.xlsx",
		sheet{"All", [][]any{
			{"Title row"},
			{"id", "name", "role", "capacity"},
			{"A1", "Ann", "mentee", nil},
			{"A2", "Abe", "mentor", "two"},
		}},
		sheet{"Other", [][]any{
			{"id", "name", "role"},
			{"B1", "Bea", "mentor"},
		}},
	)
	tests := []struct {
		name  string
		opt   Options
		ids   []string
		probs []mentormatch.Problem
	}{{
		name: "first sheet",
		probs: []mentormatch.Problem{{File: path, Sheet: "All", Row: 4, Column: "capacity",
			Message: `capacity "two": expected a whole number 0 or more (how many mentees this mentor takes)`}},
	}, {
		name: "named sheet, any case",
		opt:  Options{Sheet: "other"},
		ids:  []string{"B1"},
	}, {
		name:  "missing sheet",
		opt:   Options{Sheet: "Mentors"},
		probs: []mentormatch.Problem{{File: path, Message: `no sheet named "Mentors"; the workbook has: "All", "Other"`}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ReadProgram(tc.opt, File{Path: path})
			if tc.probs != nil {
				assert.Equal(t, mentormatch.Problems(tc.probs), problems(t, err))
				return
			}
			require.NoError(t, err)
			var ids []string
			for _, q := range p.People {
				ids = append(ids, q.ID)
			}
			assert.Equal(t, tc.ids, ids)
		})
	}
}

func TestReadProgramXLSXFixture(t *testing.T) {
	x, err := ReadProgram(Options{}, File{Path: "../../testdata/hr-export.xlsx"})
	require.NoError(t, err)
	c, err := ReadProgram(Options{},
		File{Path: "../../testdata/hr-mentees-semicolon-bom.csv", Role: mentormatch.RoleMentee},
		File{Path: "../../testdata/hr-mentors.csv", Role: mentormatch.RoleMentor})
	require.NoError(t, err)
	require.Equal(t, len(c.People), len(x.People))
	for i := range x.People {
		a, b := x.People[i], c.People[i]
		a.Source, b.Source = mentormatch.Source{}, mentormatch.Source{}
		assert.Equal(t, b, a, "person %d", i)
	}
}

func TestReadProgramZipNotWorkbook(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("hello.txt")
	require.NoError(t, err)
	_, _ = w.Write([]byte("hi"))
	require.NoError(t, zw.Close())
	_, err = ReadProgram(Options{}, File{Path: "z.xlsx", Data: buf.Bytes()})
	ps := problems(t, err)
	require.Len(t, ps, 1)
	assert.Equal(t, "z.xlsx", ps[0].File)
	assert.Contains(t, ps[0].Message, ".xlsx")
}

func TestReadMatrixXLSX(t *testing.T) {
	path := book(t, "m.xlsx", sheet{"Costs", [][]any{
		{nil, "M1", "M2", "M3"},
		{"E1", 1.5, 2, nil},
		{"E2", 4},
		{"E3", 7, "x", 9},
	}})
	_, err := ReadMatrix(path, "")
	assert.Equal(t, mentormatch.Problems{{File: path, Sheet: "Costs", Row: 4, Column: "C", Message: `"x" is not a number: expected a number, or an empty cell for a forbidden pair`}}, problems(t, err))

	path = book(t, "m.xlsx", sheet{"Costs", [][]any{
		{nil, "M1", "M2", "M3"},
		{"E1", 1.5, 2, nil},
		{"E2", 4},
	}})
	m, err := ReadMatrix(path, "Costs")
	require.NoError(t, err)
	assert.Equal(t, 2, m.Rows)
	assert.Equal(t, 3, m.Cols)
	assert.Equal(t, []string{"E1", "E2"}, m.RowLabels)
	assert.Equal(t, []string{"M1", "M2", "M3"}, m.ColLabels)
	assert.Equal(t, 1.5, m.At(0, 0))
	assert.True(t, math.IsNaN(m.At(0, 2)))
	assert.True(t, math.IsNaN(m.At(1, 1)))
}
