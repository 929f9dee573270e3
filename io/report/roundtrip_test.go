package report

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch/io/table"
)

// TestMatchesSheetReadsBack: an HR analyst can load the Matches sheet of
// a roster or plan workbook back as a roster (for rematch).
func TestMatchesSheetReadsBack(t *testing.T) {
	p, r := gapProgram()
	dir := t.TempDir()
	plan := samplePlan(t)
	for _, write := range []func(string) error{
		func(path string) error { return WriteRoster(path, plan.Roster, WithSkillGaps(SkillGaps(p, r))) },
		func(path string) error { return WritePlan(path, plan, WithSkillGaps(SkillGaps(p, r))) },
	} {
		path := filepath.Join(dir, "out.xlsx")
		require.NoError(t, write(path))
		got, err := table.ReadRoster(table.File{Path: path})
		require.NoError(t, err)
		require.Len(t, got.Matches, len(plan.Roster.Matches))
		for i, m := range plan.Roster.Matches {
			assert.Equal(t, [4]string{m.MenteeID, m.MenteeName, m.MentorID, m.MentorName},
				[4]string{got.Matches[i].MenteeID, got.Matches[i].MenteeName, got.Matches[i].MentorID, got.Matches[i].MentorName})
		}
		var unmatched []string
		for _, u := range got.Unmatched {
			unmatched = append(unmatched, u.ID)
		}
		assert.Contains(t, unmatched, "E3")
	}
}

// csvAllSheets asks LibreOffice's CSV export for every sheet, formatted as
// shown, UTF-8: one file NAME-SHEET.csv per sheet.
const csvAllSheets = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

// soffice converts path with LibreOffice headless into dir, with a
// profile of its own so that it runs beside another LibreOffice.
func soffice(t *testing.T, path, to, dir string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
	cmd := exec.CommandContext(ctx, "soffice", "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", to, "--outdir", dir, path)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "soffice: %s", out)
	require.NotContains(t, string(out), "Error", "soffice: %s", out)
}

// TestLibreOfficeOpensPlanWorkbook opens the plan workbook in LibreOffice
// headless: every sheet loads and shows its numbers as formatted, and the
// PDF has the summary's charts. It is skipped where LibreOffice is not
// installed (Debian: libreoffice-calc-nogui) and with -short.
func TestLibreOfficeOpensPlanWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("converts with LibreOffice, a few seconds")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	p, r := gapProgram()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.xlsx")
	require.NoError(t, WritePlan(path, samplePlan(t), WithSkillGaps(SkillGaps(p, r))))

	out := filepath.Join(dir, "csv")
	soffice(t, path, csvAllSheets, out)
	sheet := func(name string) [][]string {
		data, err := os.ReadFile(filepath.Join(out, "plan-"+name+".csv"))
		require.NoError(t, err, "LibreOffice did not export the sheet %s", name)
		cr := csv.NewReader(strings.NewReader(string(data)))
		cr.FieldsPerRecord = -1
		rows, err := cr.ReadAll()
		require.NoError(t, err)
		return rows
	}
	find := func(rows [][]string, first string) []string {
		for _, r := range rows {
			if len(r) > 0 && r[0] == first {
				return r
			}
		}
		t.Fatalf("no row starting with %q in %v", first, rows)
		return nil
	}
	summary := sheet("Summary")
	assert.Equal(t, "Mentoring program plan: summary", summary[0][0])
	assert.Equal(t, []string{"Mean score", "51.9", "out of 100"}, find(summary, "Mean score"))
	assert.Equal(t, "100%", find(summary, "Capacity used")[1])
	assert.Equal(t, "1", find(summary, "Blocking pairs")[1])
	assert.Equal(t, []string{"30–40", "1", ""}, find(summary, "30–40"))

	matches := sheet("Matches")
	assert.Equal(t, []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "score", "skills", "availability", "reason"}, matches[0])
	assert.Equal(t, "=HYPERLINK(\"x\")", matches[1][1], "formula-looking text stays text")
	assert.Equal(t, "31.3", matches[2][4], "scores with one decimal")

	assert.Equal(t, []string{"kubernetes", "2", "1", "1", "0", "1", "50%", "1", "1"}, sheet("Skills gap")[1])
	assert.Equal(t, []string{"C1", "senior mentor", "S1", "Sam Senior", "", ""}, sheet("Cohorts")[4])
	schedule := sheet("Schedule")
	assert.Equal(t, []string{"2026-03-27 Fri", "16:00", "17:30", "Europe/Berlin", "1.5 h"}, schedule[1][:5])
	assert.Equal(t, "=no common availability for E1, E3", schedule[1][11])
	for _, name := range []string{"Unmatched", "Mentor load", "Roadmaps", "Warnings"} {
		assert.NotEmpty(t, sheet(name), name)
	}

	soffice(t, path, "pdf", dir)
	pdf, err := os.ReadFile(filepath.Join(dir, "plan.pdf"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(pdf), "%PDF"))
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-f", "1", "-l", "1", filepath.Join(dir, "plan.pdf"), "-").Output()
		require.NoError(t, err)
		for _, title := range []string{"Score distribution: matches per score band", "Mentor load: mentors by mentees assigned"} {
			assert.Contains(t, strings.Join(strings.Fields(string(text)), " "), title, "chart rendered on the first page")
		}
	}
}
