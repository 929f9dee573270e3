package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mentormatch/mentormatch/io/output"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

// templateColumns are the people columns with the help text shown for each.
var templateColumns = [][2]string{
	{"id", "Required. Unique id, e.g. an employee id."},
	{"name", "Required. Full name."},
	{"email", "Optional. Work email address."},
	{"role", "Required in a single file: mentee, mentor or both."},
	{"mentor_type", "Mentors only: primary (1:1, default) or senior (visits cohorts)."},
	{"level", "Optional. 1–9 or a job title of the configuration (levels:), by default intern, junior, mid, senior, staff, principal, director, vp, executive."},
	{"department", "Optional. Team or org unit."},
	{"manager_id", "Optional. The id of the person's manager; nobody is paired within their management chain."},
	{"timezone", "Optional. IANA name (Europe/Berlin) or UTC+05:30; default UTC."},
	{"availability", "Optional. Weekly slots in the person's own zone: Mon 09:00-11:00; Wed 14:00-15:30"},
	{"skills", "Optional. name:level (0–5) separated by ';', e.g. go:4; kubernetes:2; a bare name is level 3."},
	{"wants", "Mentees. Skills to learn, most important first: kubernetes; incident response"},
	{"goals", "Mentees. Career goals: tech lead; architecture"},
	{"offers", "Mentors. Topics they can help with: tech lead; public speaking"},
	{"capacity", "Mentors. Maximum number of 1:1 mentees, an integer ≥ 0; default 1."},
	{"languages", "Optional. Language codes separated by ';': en; de"},
	{"prefers", "Optional. Ids of preferred mentors, separated by ';' (a bonus)."},
	{"avoid", "Optional. Ids never to be paired with, separated by ';' (a hard rule, both directions)."},
}

// WriteTemplate writes an XLSX people template: sheet "People" with every
// column, drop-downs for role, mentor_type and level (1–9 and the job
// titles of WithLevels, or of the default configuration), a "Help" sheet,
// and example rows that validate and match without a warning: a mentee,
// their manager and a mentor who share an hour a week.
func WriteTemplate(path string, opts ...Option) error {
	if ext(path) != ".xlsx" {
		return usageExt(path, ".xlsx")
	}
	o := collect(opts)
	if o.levels == nil {
		o.levels = mentormatch.DefaultConfig().Levels
	}
	return output.WriteFile(path, func(w io.Writer) error { return encodeTemplate(w, o.levels) })
}

// templateExamples are the example rows, in templateColumns' order. Ada
// (Berlin, Monday 15–17) and Grace (New York, Monday 8–10, 14–16 in
// Berlin) share Monday 15:00–16:00 Berlin time; Ada's manager is Lin, who
// is in the file, so the management-chain rule has someone to apply to.
var templateExamples = [][]any{
	{"E1001", "Ada Mentee", "ada.mentee@example.com", "mentee", "", "junior", "Platform", "E2001", "Europe/Berlin",
		"Mon 15:00-17:00; Wed 14:00-15:30", "go:2", "kubernetes; incident response", "tech lead", "", "", "en; de", "E2002", ""},
	{"E2001", "Lin Manager", "lin.manager@example.com", "mentor", "primary", "director", "Platform", "", "Europe/Berlin",
		"Tue 10:00-12:00", "go:5; kubernetes:3", "", "", "architecture", 1, "en", "", ""},
	{"E2002", "Grace Mentor", "grace.mentor@example.com", "mentor", "primary", 7, "Infrastructure", "", "America/New_York",
		"Mon 08:00-10:00; Thu 09:00-12:00", "kubernetes:5; incident response:4; go:4", "", "", "tech lead; public speaking", 2, "en", "", ""},
}

// levelChoices are the level drop-down's entries: 1–9, then the titles
// by level and name.
func levelChoices(levels map[string]int) []string {
	out := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}
	titles := make([]string, 0, len(levels))
	for t := range levels {
		titles = append(titles, t)
	}
	slices.SortFunc(titles, func(a, b string) int { return cmp.Or(cmp.Compare(levels[a], levels[b]), strings.Compare(a, b)) })
	return append(out, titles...)
}

func encodeTemplate(w io.Writer, levels map[string]int) error {
	f := newFile()
	defer f.Close()
	const sheet = "People"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	head := make([]any, len(templateColumns))
	for j, c := range templateColumns {
		head[j] = c[0]
	}
	rows := append([][]any{head}, templateExamples...)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(templateColumns), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return err
	}
	for j, c := range templateColumns {
		col, _ := excelize.ColumnNumberToName(j + 1)
		// As wide as the header or the widest example, so that nothing
		// shows cut; within reason.
		width := max(len(c[0])+4, 14)
		for _, r := range templateExamples {
			width = max(width, len([]rune(fmt.Sprint(r[j])))+2)
		}
		if err := f.SetColWidth(sheet, col, col, float64(min(width, maxWidth))); err != nil {
			return err
		}
		if err := f.AddComment(sheet, excelize.Comment{Cell: col + "1", Author: "mentormatch", Text: c[1]}); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, frozen(0, 1)); err != nil {
		return err
	}
	if err := printable(f, sheet, true); err != nil {
		return err
	}
	const help = "Help"
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	lists := map[string][]string{
		"role":        {"mentee", "mentor", "both"},
		"mentor_type": {"primary", "senior"},
		"level":       levelChoices(levels),
	}
	for j, c := range templateColumns {
		list, ok := lists[c[0]]
		if !ok {
			continue
		}
		col, _ := excelize.ColumnNumberToName(j + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = col + "2:" + col + "10000"
		if len(strings.Join(list, ",")) <= 255 {
			if err := dv.SetDropList(list); err != nil {
				return err
			}
		} else {
			// A list given inline may hold 255 characters; a configuration
			// with many titles lists them on the Help sheet instead.
			for k, v := range list {
				if err := f.SetCellValue(help, fmt.Sprintf("D%d", k+2), v); err != nil {
					return err
				}
			}
			dv.SetSqrefDropList(fmt.Sprintf("'%s'!$D$2:$D$%d", help, len(list)+1))
			if err := f.SetCellValue(help, "D1", c[0]+" choices"); err != nil {
				return err
			}
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Invalid "+c[0], "Choose a value from the list.")
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(help, "A1", &[]any{"column", "format"}); err != nil {
		return err
	}
	for j, c := range templateColumns {
		cell, _ := excelize.CoordinatesToCellName(1, j+2)
		if err := f.SetSheetRow(help, cell, &[]any{c[0], c[1]}); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(help, "A1", "B1", bold); err != nil {
		return err
	}
	if err := f.SetColWidth(help, "A", "A", 16); err != nil {
		return err
	}
	if err := f.SetColWidth(help, "B", "B", 90); err != nil {
		return err
	}
	if err := printable(f, help, true); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return writeDeterministic(f, w)
}
