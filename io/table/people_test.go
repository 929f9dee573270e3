package table

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

var update = flag.Bool("update", false, "rewrite golden files")

func td(name string) string { return filepath.Join("testdata", name) }

// problems returns err as Problems, failing the test otherwise.
func problems(t *testing.T, err error) mentormatch.Problems {
	t.Helper()
	require.Error(t, err)
	var ps mentormatch.Problems
	require.True(t, errors.As(err, &ps), "want Problems, got %T: %v", err, err)
	assert.ErrorIs(t, err, mentormatch.ErrInput)
	return ps
}

func TestReadProgramCSV(t *testing.T) {
	utc8 := time.FixedZone("UTC+08:00", 8*3600)
	tests := []struct {
		name  string
		files []File
		check func(t *testing.T, p *mentormatch.Program)
	}{{
		name:  "title rows and HR aliases",
		files: []File{{Path: td("people-titles.csv")}},
		check: func(t *testing.T, p *mentormatch.Program) {
			require.Len(t, p.People, 3)
			ana, bo, cy := p.People[0], p.People[1], p.People[2]
			assert.Equal(t, "W1", ana.ID)
			assert.Equal(t, "Ana Silva", ana.Name)
			assert.Equal(t, "ana@example.com", ana.Email)
			assert.Equal(t, mentormatch.RoleMentor, ana.Role)
			assert.Equal(t, 4, ana.Level) // "Senior" from the default titles
			assert.Equal(t, "Platform", ana.Department)
			assert.Equal(t, "America/Sao_Paulo", ana.Location.String())
			assert.Equal(t, []mentormatch.Slot{{Day: time.Monday, Start: 540, End: 600}, {Day: time.Tuesday, Start: 540, End: 600}, {Day: time.Wednesday, Start: 540, End: 600}}, ana.Availability)
			assert.Equal(t, []mentormatch.Skill{{Name: "go", Level: 5}, {Name: "sql", Level: 3}, {Name: "kubernetes", Level: 4}}, ana.Skills)
			assert.Equal(t, 2, ana.Capacity)
			assert.Equal(t, map[string]string{"Favourite Food": "feijoada"}, ana.Extra)
			assert.Equal(t, mentormatch.Source{File: td("people-titles.csv"), Row: 5}, ana.Source)

			assert.Equal(t, mentormatch.RoleMentee, bo.Role)
			assert.Equal(t, "W1", bo.ManagerID)
			assert.Equal(t, "UTC+08:00", bo.TimeZone)
			assert.Equal(t, time.Date(2027, 1, 1, 0, 0, 0, 0, utc8).Unix(), time.Date(2027, 1, 1, 0, 0, 0, 0, bo.Location).Unix())
			assert.Equal(t, []mentormatch.Slot{{Day: time.Tuesday, Start: 480, End: 570}}, bo.Availability)
			assert.Equal(t, 0, bo.Capacity)

			assert.Equal(t, mentormatch.RoleBoth, cy.Role)
			assert.Equal(t, 3, cy.Level)
			assert.Equal(t, 1, cy.Capacity)
			assert.Equal(t, time.UTC, cy.Location)
			assert.Equal(t, []mentormatch.Slot{{Day: time.Saturday, Start: 22 * 60, End: 120}}, cy.Availability)

			assert.Equal(t, []int{1, 2}, p.Mentees)
			assert.Equal(t, []int{0, 2}, p.Mentors)
			require.Len(t, p.Warnings, 1)
			assert.Equal(t, mentormatch.Problem{File: td("people-titles.csv"), Row: 7, Column: "Reports To", Message: `manager "W9" is not in the files: ignored; managers outside the program are normal`}, p.Warnings[0])
		},
	}, {
		name:  "BOM, semicolons and CRLF",
		files: []File{{Path: td("people-semicolon-bom.csv")}},
		check: func(t *testing.T, p *mentormatch.Program) {
			require.Len(t, p.People, 2)
			assert.Equal(t, "S1", p.People[0].ID)
			assert.Equal(t, []mentormatch.Skill{{Name: "go", Level: 2}, {Name: "sql", Level: 1}}, p.People[0].Skills)
			assert.Equal(t, []string{"en", "de"}, p.People[0].Languages)
			assert.Equal(t, []string{"go", "sql"}, p.People[0].Wants)
			assert.Equal(t, []mentormatch.Skill{{Name: "go", Level: 4}, {Name: "sql", Level: 5}}, p.People[1].Skills)
			assert.Equal(t, 3, p.People[1].Source.Row)
		},
	}, {
		name:  "tab delimited",
		files: []File{{Path: td("people-tab.tsv")}},
		check: func(t *testing.T, p *mentormatch.Program) {
			require.Len(t, p.People, 2)
			assert.Equal(t, []mentormatch.Slot{{Day: time.Monday, Start: 540, End: 600}, {Day: time.Friday, Start: 840, End: 1440}}, p.People[0].Availability)
		},
	}, {
		name:  "CRLF with a quoted comma",
		files: []File{{Path: td("people-crlf.csv")}},
		check: func(t *testing.T, p *mentormatch.Program) {
			require.Len(t, p.People, 2)
			assert.Equal(t, "Col, Jr.", p.People[1].Name)
			assert.Equal(t, []int{0}, p.Mentees)
			assert.Equal(t, []int{1}, p.Mentors)
		},
	}, {
		name: "mentees file first whatever the order",
		files: []File{
			{Path: "mentors.csv", Role: mentormatch.RoleMentor, Data: []byte("id,name\nM1,Mo\n")},
			{Path: "mentees.csv", Role: mentormatch.RoleMentee, Data: []byte("Employee ID,Full Name\nE1,Eve\n")},
		},
		check: func(t *testing.T, p *mentormatch.Program) {
			require.Len(t, p.People, 2)
			assert.Equal(t, "E1", p.People[0].ID)
			assert.Equal(t, []int{0}, p.Mentees)
			assert.Equal(t, []int{1}, p.Mentors)
			assert.Equal(t, 1, p.People[1].Capacity)
		},
	}, {
		name:  "senior mentors default to no 1:1 mentees",
		files: []File{{Path: "s.csv", Data: []byte("id,name,role,mentor kind\nX1,Xi,mentor,Senior\nX2,Xu,mentee,senior\n")}},
		check: func(t *testing.T, p *mentormatch.Program) {
			assert.Equal(t, mentormatch.Senior, p.People[0].MentorType)
			assert.Equal(t, 0, p.People[0].Capacity)
			assert.Equal(t, mentormatch.Primary, p.People[1].MentorType)
		},
	}, {
		name:  "built-in example",
		files: []File{{Path: "../../example/people.csv"}},
		check: func(t *testing.T, p *mentormatch.Program) {
			assert.Len(t, p.Mentees, 48)
			assert.Len(t, p.Mentors, 18)
			assert.Empty(t, p.Warnings)
		},
	}, {
		name: "shared HR fixtures",
		files: []File{
			{Path: "../../testdata/hr-mentees-semicolon-bom.csv", Role: mentormatch.RoleMentee},
			{Path: "../../testdata/hr-mentors.csv", Role: mentormatch.RoleMentor},
		},
		check: func(t *testing.T, p *mentormatch.Program) {
			assert.Len(t, p.Mentees, 20)
			assert.Len(t, p.Mentors, 8)
			assert.Equal(t, 4, p.People[0].Source.Row)
			assert.Equal(t, "UTC+05:30", p.People[1].TimeZone)
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ReadProgram(Options{}, tc.files...)
			require.NoError(t, err)
			tc.check(t, p)
		})
	}
}

func TestReadProgramProblems(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		opt   Options
		want  []string // Problem.String() of every problem, in order
	}{{
		name:  "ragged rows",
		files: []File{{Path: td("people-ragged.csv")}},
		want: []string{
			`testdata/people-ragged.csv row 3: row has 3 cells but the header (row 1) has 4: check for a missing or extra comma or an unclosed quote`,
			`testdata/people-ragged.csv row 4: row has 5 cells but the header (row 1) has 4: check for a missing or extra comma or an unclosed quote`,
		},
	}, {
		name:  "no id column",
		files: []File{{Path: "p.csv", Data: []byte("Title\nname,email,role\nAl,al@example.com,mentee\n")}},
		want:  []string{`p.csv row 2: missing column: this looks like the header row, but no column is an id (expected id, employee id, worker id, person id or staff id)`},
	}, {
		name:  "old xls",
		files: []File{{Path: td("old.xls")}},
		want:  []string{`testdata/old.xls: this is an old Excel 97–2003 workbook (.xls) or a password-protected workbook: open it in Excel, remove any password and save it as .xlsx or as CSV UTF-8`},
	}, {
		name:  "PDF renamed .xlsx",
		files: []File{{Path: td("report.xlsx")}},
		want:  []string{`testdata/report.xlsx: this is a PDF document, not a spreadsheet: export the data as .xlsx or CSV UTF-8`},
	}, {
		name:  "text renamed .xlsx",
		files: []File{{Path: "people.xlsx", Data: []byte("id,name\n")}},
		want:  []string{`people.xlsx: not a valid .xlsx workbook (the file is not a zip archive): it may be damaged or renamed; save it again from the spreadsheet program`},
	}, {
		name:  "missing file",
		files: []File{{Path: td("nope.csv")}},
		want:  []string{`testdata/nope.csv: file not found`},
	}, {
		name:  "header without people",
		files: []File{{Path: td("people-noperson.csv")}},
		want:  []string{`testdata/people-noperson.csv row 3: no people below the header row`},
	}, {
		name:  "no header",
		files: []File{{Path: td("people-noheader.csv")}},
		want:  []string{`testdata/people-noheader.csv: no header row found in the first 10 rows: expected a row naming an id column (id, employee id, worker id, ...) and a name column`},
	}, {
		name:  "no role source",
		files: []File{{Path: "p.csv", Data: []byte("id,name\nA,B\n")}},
		want:  []string{`p.csv row 1: missing column: expected a role column (mentee, mentor or both), or sheets named Mentees and Mentors, or separate --mentees and --mentors files`},
	}, {
		name:  "no name column",
		files: []File{{Path: "p.csv", Role: mentormatch.RoleMentee, Data: []byte("id,level\nA,3\n")}},
		want:  []string{`p.csv row 1: missing column: expected a name column (name, full name, or first name and last name)`},
	}, {
		name:  "bad quote",
		files: []File{{Path: td("people-badquote.csv")}},
		want:  []string{`testdata/people-badquote.csv row 3: a " appears inside a cell that does not start with a quote: put the whole cell in quotes and double each " inside it (line 3, character 9); the rest of the file was not read`},
	}, {
		name: "duplicate ids across files",
		files: []File{
			{Path: "a.csv", Role: mentormatch.RoleMentee, Data: []byte("id,name\nD1,Di\n")},
			{Path: "b.csv", Role: mentormatch.RoleMentor, Data: []byte("id,name\nD2,Do\nD1,Du\n")},
		},
		want: []string{`b.csv row 3, column "id": duplicate id "D1": already used in a.csv row 2`},
	}, {
		name:  "empty file",
		files: []File{{Path: "e.csv", Data: []byte{}}},
		want:  []string{`e.csv: the file is empty: expected a header row with id, name and the other columns, then one row per person`},
	}, {
		name:  "level titles from the configuration",
		opt:   Options{Levels: map[string]int{"Engineer I": 1, "Engineer II": 2}},
		files: []File{{Path: "l.csv", Role: mentormatch.RoleMentee, Data: []byte("id,name,level\nA,Al,engineer  ii\nB,Bo,junior\n")}},
		want:  []string{`l.csv row 3, column "level": level "junior": expected a whole number 1–9 or a title (engineer i, engineer ii)`},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ReadProgram(tc.opt, tc.files...)
			assert.Nil(t, p)
			ps := problems(t, err)
			got := make([]string, len(ps))
			for i, pr := range ps {
				got[i] = filepath.ToSlash(pr.String())
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestGoldenErrors keeps the full report for a file with one mistake of
// every kind per row. Refresh with go test ./io/table -update.
func TestGoldenErrors(t *testing.T) {
	_, err := ReadProgram(Options{}, File{Path: "testdata/people-badcells.csv"})
	ps := problems(t, err)
	assert.Len(t, ps, 18)
	got := ps.Error() + "\n"
	golden := td("people-badcells.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
	for _, p := range ps {
		assert.Equal(t, "testdata/people-badcells.csv", p.File)
		assert.Positive(t, p.Row)
		assert.NotEmpty(t, p.Column, p.String())
	}
}

func TestWarningsDoNotFail(t *testing.T) {
	p, err := ReadProgram(Options{}, File{Path: "w.csv", Data: []byte("id,name,role,avoid,prefers,manager\nA,Al,mentee,B;Z,Y,X\nB,Bo,mentor,,,\n")})
	require.NoError(t, err)
	var got []string
	for _, w := range p.Warnings {
		got = append(got, w.String())
	}
	assert.Equal(t, []string{
		`w.csv row 2, column "avoid": unknown id "Z": nobody in the input has this id, so it is ignored`,
		`w.csv row 2, column "manager": manager "X" is not in the files: ignored; managers outside the program are normal`,
		`w.csv row 2, column "prefers": unknown id "Y": nobody in the input has this id, so it is ignored`,
	}, got)
	assert.Equal(t, []string{"B", "Z"}, p.People[0].Avoid)
}
