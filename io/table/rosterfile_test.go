package table

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/report"
)

// historyRoster is a roster after one re-match: E4 lost their mentor and
// got none, E3 moved from M1 to M2.
func historyRoster() *mentormatch.Roster {
	return &mentormatch.Roster{
		Matches: []mentormatch.Match{
			{MenteeID: "E1", MenteeName: "Al", MentorID: "M1", MentorName: "Mia", Score: 70, Reason: "covers go 4 vs 1"},
			{MenteeID: "E3", MenteeName: "Cy", MentorID: "M2", MentorName: "Max", Score: 40.25, Reason: "-x"},
			{MenteeID: "=E5", MenteeName: "@Ed", MentorID: "M2", MentorName: "Max", Score: 55},
		},
		Unmatched: []mentormatch.Unmatched{
			{ID: "E4", Name: "Di", Role: "mentee", Reason: "every mentor who could take them is full"},
			{ID: "E6", Name: "Fay", Role: "mentee", Reason: "no mentor shares a language"},
			{ID: "M3", Name: "Mo", Role: "mentor", Reason: "no mentee was assigned (capacity 1)"},
		},
		Load:      []mentormatch.MentorLoad{{MentorID: "M1", Capacity: 1, Assigned: 1}, {MentorID: "M2", Capacity: 2, Assigned: 2}},
		Dissolved: []mentormatch.Dissolved{{MenteeID: "E3", MenteeName: "Cy", MentorID: "M1", MentorName: "Mia", Why: "the mentee wants a change"}, {MenteeID: "E4", MentorID: "M2", Why: "mean rating 2 from 2 answers is below 3"}},
	}
}

// pairs is a roster reduced to what a re-match reads, in a fixed order.
func pairs(r *mentormatch.Roster) (matches, unmatched, dissolved []string) {
	for _, m := range r.Matches {
		matches = append(matches, m.MenteeID+"→"+m.MentorID)
	}
	for _, u := range r.Unmatched {
		unmatched = append(unmatched, u.Role+" "+u.ID)
	}
	for _, d := range r.Dissolved {
		dissolved = append(dissolved, d.MenteeID+"×"+d.MentorID)
	}
	slices.Sort(matches)
	slices.Sort(unmatched)
	slices.Sort(dissolved)
	return
}

func TestReadRosterRoundTrip(t *testing.T) {
	want := historyRoster()
	wm, wu, wd := pairs(want)
	dir := t.TempDir()
	for _, ext := range []string{".json", ".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(dir, "roster"+ext)
			require.NoError(t, report.WriteRoster(path, want))
			got, err := ReadRoster(File{Path: path})
			require.NoError(t, err)
			m, u, d := pairs(got)
			assert.Equal(t, wm, m)
			assert.Equal(t, wd, d)
			if ext == ".csv" {
				// A CSV roster lists matches and the mentees waiting,
				// not the mentors without a mentee.
				var mentees []string
				for _, x := range wu {
					if strings.HasPrefix(x, "mentee ") {
						mentees = append(mentees, x)
					}
				}
				assert.Equal(t, []string{"mentee E4", "mentee E6"}, mentees)
				assert.Equal(t, mentees, u)
				return
			}
			assert.Equal(t, wu, u)
			assert.Equal(t, want.Dissolved, got.Dissolved)
			assert.Equal(t, "@Ed", got.Matches[2].MenteeName)
		})
	}
}

// TestReadRosterEditedWorkbook edits our workbook as HR would: rows sorted
// another way, a column added in front and one at the end, a header
// renamed, a title row above the Dissolved sheet's header.
func TestReadRosterEditedWorkbook(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, report.EncodeRosterXLSX(&buf, historyRoster()))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	rows, err := f.GetRows("Matches")
	require.NoError(t, err)
	head, body := rows[0], slices.Clone(rows[1:])
	slices.Reverse(body)
	edited := excelize.NewFile()
	defer edited.Close()
	require.NoError(t, edited.SetSheetName("Sheet1", "Notes"))
	_, err = edited.NewSheet("Matches")
	require.NoError(t, err)
	write := func(sheet string, r int, cells ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		require.NoError(t, edited.SetSheetRow(sheet, cell, &cells))
	}
	renamed := slices.Clone(head)
	renamed[0] = "Mentee ID"
	write("Matches", 1, append(append([]any{"HR note"}, anys(renamed)...), "Checked by")...)
	for k, r := range body {
		write("Matches", k+2, append(append([]any{"ok"}, anys(r)...), "Kim")...)
	}
	_, err = edited.NewSheet("dissolved")
	require.NoError(t, err)
	write("dissolved", 1, "History of dissolved pairs")
	write("dissolved", 3, "why", "mentor_id", "mentee_id")
	write("dissolved", 4, "x", "M2", "E4")
	write("dissolved", 5, "y", "M1", "E3")
	path := filepath.Join(t.TempDir(), "edited.xlsx")
	require.NoError(t, edited.SaveAs(path))

	got, err := ReadRoster(File{Path: path})
	require.NoError(t, err)
	m, u, d := pairs(got)
	wm, _, wd := pairs(historyRoster())
	assert.Equal(t, wm, m)
	assert.Equal(t, wd, d)
	assert.Empty(t, u, "no Unmatched sheet: unknown")
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func TestReadRosterFixtures(t *testing.T) {
	for _, tc := range []struct {
		file                          string
		matches, unmatched, dissolved []string
	}{
		{"roster-hand.json", []string{"E1→M1", "E2→M1", "E3→M2"}, []string{"mentee E4", "mentor M3"}, []string{"E3×M1"}},
		{"roster-hr.csv", []string{"-E5→M2", "E1→M1", "E3→M2"}, []string{"mentee E4"}, []string{"E3×M1", "E4×M1", "E4×M2"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r, err := ReadRoster(File{Path: td(tc.file)})
			require.NoError(t, err)
			m, u, d := pairs(r)
			assert.Equal(t, tc.matches, m)
			assert.Equal(t, tc.unmatched, u)
			assert.Equal(t, tc.dissolved, d)
		})
	}
}

func TestReadRosterProblems(t *testing.T) {
	_, err := ReadRoster(File{Path: td("roster-dup.csv")})
	require.ErrorIs(t, err, mentormatch.ErrInput)
	assert.Equal(t, `4 problems found:
  testdata/roster-dup.csv row 4, column "mentee_id": E1 is listed twice (also row 2): a mentee has one primary mentor; delete one of the rows
  testdata/roster-dup.csv row 5, column "mentor_id": E3 and M1 were dissolved by an earlier re-match and are paired again: to re-form the pair on purpose, delete it from the dissolved pairs too
  testdata/roster-dup.csv row 6, column "mentee_id": missing: a match needs the mentee's id
  testdata/roster-dup.csv row 7, column "mentor_id": E4 is paired with themselves`, err.Error())

	for _, tc := range []struct {
		name, path, data, want string
	}{
		{"broken json", "r.json", "{\n\"matches\": [\n{\"mentee_id\": }\n]}", "r.json row 3: not valid JSON"},
		{"json of the wrong type", "r.json", "{\"matches\": [{\"mentee_id\": 7}]}", `column "matches.mentee_id": expected string, found a JSON number`},
		{"json without matches", "r.json", "{\"total\": 3}", `no "matches" list`},
		{"csv without mentor_id", "r.csv", "mentee_id,mentee_name\nE1,x\n", "missing column: expected mentor_id"},
		{"workbook without matches", "", "", "no sheet of matches"},
		{"people file instead", "p.csv", "id,name,role\nE1,Al,mentee\n", "no header row found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := File{Path: tc.path, Data: []byte(tc.data)}
			if tc.path == "" {
				f = File{Path: book(t, "r.xlsx", sheet{"Summary", [][]any{{"metric", "value"}}})}
			}
			_, err := ReadRoster(f)
			require.ErrorIs(t, err, mentormatch.ErrInput)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func FuzzReadRoster(f *testing.F) {
	for _, name := range []string{"roster-hand.json", "roster-hr.csv", "roster-dup.csv"} {
		data, err := os.ReadFile(td(name))
		require.NoError(f, err)
		f.Add(name, data)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		r, err := ReadRoster(File{Path: filepath.Base(name), Data: data})
		if err != nil {
			require.ErrorIs(t, err, mentormatch.ErrInput)
			return
		}
		seen := map[string]bool{}
		for _, m := range r.Matches {
			require.NotEmpty(t, m.MenteeID)
			require.NotEmpty(t, m.MentorID)
			require.False(t, seen[m.MenteeID], "each mentee once")
			seen[m.MenteeID] = true
		}
	})
}
