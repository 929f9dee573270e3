package report

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentormatch/mentormatch"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sampleRoster() *mentormatch.Roster {
	comps := func(a, b float64) []mentormatch.Component {
		return []mentormatch.Component{{Name: "skills", Value: a / 40, Points: a}, {Name: "availability", Value: b / 20, Points: b}}
	}
	return &mentormatch.Roster{
		Matches: []mentormatch.Match{
			{MenteeID: "E1", MenteeName: "=HYPERLINK(\"x\")", MentorID: "M1", MentorName: "Grace, \"G\"", Score: 72.5, Components: comps(40, 12.5), Reason: "covers kubernetes 4 vs 1; 3.5 h/week shared"},
			{MenteeID: "E2", MenteeName: "Bob", MentorID: "M1", MentorName: "Grace, \"G\"", Score: 31.25, Components: comps(20, 11.25), Reason: "-shared zone"},
		},
		Unmatched: []mentormatch.Unmatched{{ID: "E3", Name: "@Carl", Role: "mentee", Reason: "no mentor with capacity"}},
		Load:      []mentormatch.MentorLoad{{MentorID: "M1", MentorName: "Grace, \"G\"", Type: "primary", Capacity: 2, Assigned: 2}},
		Summary:   mentormatch.Summary{Mentees: 3, Mentors: 1, Matched: 2, TotalScore: 103.75, MeanScore: 51.875, MinScore: 31.25, Objective: "total"},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

func TestRosterGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *mentormatch.Roster
	}{{"roster", sampleRoster()}, {"empty", &mentormatch.Roster{}}} {
		for _, e := range []struct {
			ext string
			enc func(w *bytes.Buffer, r *mentormatch.Roster) error
		}{
			{".json", func(w *bytes.Buffer, r *mentormatch.Roster) error { return EncodeRosterJSON(w, r) }},
			{".csv", func(w *bytes.Buffer, r *mentormatch.Roster) error { return EncodeRosterCSV(w, r) }},
		} {
			t.Run(tc.name+e.ext, func(t *testing.T) {
				var b bytes.Buffer
				require.NoError(t, e.enc(&b, tc.r))
				golden(t, tc.name+e.ext, b.Bytes())
			})
		}
	}
}

func TestWriteRosterXLSX(t *testing.T) {
	dir := t.TempDir()
	p1, p2 := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	require.NoError(t, WriteRoster(p1, sampleRoster()))
	require.NoError(t, WriteRoster(p2, sampleRoster()))
	b1, _ := os.ReadFile(p1)
	b2, _ := os.ReadFile(p2)
	assert.True(t, bytes.Equal(b1, b2), "xlsx output not deterministic")

	f, err := excelize.OpenFile(p1)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"Summary", "Matches", "Unmatched", "Mentor load"}, f.GetSheetList())
	v, err := f.GetCellValue("Matches", "B2")
	require.NoError(t, err)
	assert.Equal(t, "=HYPERLINK(\"x\")", v)
	formula, err := f.GetCellFormula("Matches", "B2")
	require.NoError(t, err)
	assert.Empty(t, formula)
	panes, err := f.GetPanes("Matches")
	require.NoError(t, err)
	assert.True(t, panes.Freeze)
	assert.Equal(t, 1, panes.YSplit)
	zr, err := zip.NewReader(bytes.NewReader(b1), int64(len(b1)))
	require.NoError(t, err)
	files := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[zf.Name] = string(data)
	}
	tables, err := f.GetTables("Matches")
	require.NoError(t, err)
	require.Len(t, tables, 1)
	assert.Equal(t, "A1:H3", tables[0].Range)
	assert.Contains(t, files, "xl/charts/chart1.xml")
}

func TestWriteRosterBadExt(t *testing.T) {
	err := WriteRoster(filepath.Join(t.TempDir(), "x.txt"), sampleRoster())
	assert.ErrorIs(t, err, mentormatch.ErrUsage)
}

func TestTemplate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t.xlsx")
	require.NoError(t, WriteTemplate(p))
	f, err := excelize.OpenFile(p)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"People", "Help"}, f.GetSheetList())
	rows, err := f.GetRows("People")
	require.NoError(t, err)
	require.Len(t, rows, 4)
	assert.Equal(t, "id", rows[0][0])
	assert.Equal(t, "avoid", rows[0][len(rows[0])-1])
	dvs, err := f.GetDataValidations("People")
	require.NoError(t, err)
	assert.Len(t, dvs, 3)
	// Every example value shows whole: its column is wider than it.
	for j, head := range rows[0] {
		col, _ := excelize.ColumnNumberToName(j + 1)
		w, err := f.GetColWidth("People", col)
		require.NoError(t, err)
		for _, r := range rows[1:] {
			if j < len(r) {
				assert.Greater(t, w, float64(len([]rune(r[j]))), "column %s is narrower than %q", head, r[j])
			}
		}
	}
	var level string
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "F") {
			level = dv.Formula1
		}
	}
	for _, title := range []string{"intern", "junior", "principal", "director", "vp", "executive"} {
		assert.Contains(t, level, title)
	}

	// The configuration's own titles, and more than fit in a list inline.
	levels := map[string]int{"associate": 2, "lead": 5}
	for k := range 40 {
		levels[fmt.Sprintf("grade %02d", k)] = 1 + k%9
	}
	p2 := filepath.Join(t.TempDir(), "t2.xlsx")
	require.NoError(t, WriteTemplate(p2, WithLevels(levels)))
	f2, err := excelize.OpenFile(p2)
	require.NoError(t, err)
	defer f2.Close()
	dvs, err = f2.GetDataValidations("People")
	require.NoError(t, err)
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "F") {
			assert.Equal(t, "'Help'!$D$2:$D$52", dv.Formula1)
		}
	}
	help, err := f2.GetCols("Help")
	require.NoError(t, err)
	assert.Contains(t, help[3], "associate")
	assert.Contains(t, help[3], "lead")
}
