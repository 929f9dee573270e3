package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mentormatch/mentormatch"
	"github.com/xuri/excelize/v2"
)

// fixedTime keeps document properties constant so workbooks are byte-identical.
const fixedTime = "2000-01-01T00:00:00Z"

func newFile() *excelize.File {
	f := excelize.NewFile()
	_ = f.SetDocProps(&excelize.DocProperties{Created: fixedTime, Modified: fixedTime, Creator: "mentormatch", LastModifiedBy: "mentormatch"})
	return f
}

func frozen(cols, rows int) *excelize.Panes {
	tl, _ := excelize.CoordinatesToCellName(cols+1, rows+1)
	pane := "bottomLeft"
	if cols > 0 {
		pane = "bottomRight"
	}
	return &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: tl, ActivePane: pane}
}

// textCell returns s as a cell value. The stream writer stores strings as
// text, never as formulas, so formula-looking text stays inert.
func textCell(s string) any { return s }

type sheetData struct {
	name   string
	head   []string
	rows   [][]any
	widths []float64
	score  []int // 0-based columns holding scores
	wrap   []int // 0-based columns to wrap
}

func fitWidths(d *sheetData) {
	d.widths = make([]float64, len(d.head))
	for j, h := range d.head {
		d.widths[j] = float64(len([]rune(h))) + 2
	}
	for _, r := range d.rows {
		for j, v := range r {
			n := 8.0
			if s, ok := v.(string); ok {
				n = float64(len([]rune(s))) + 2
			}
			if n > d.widths[j] {
				d.widths[j] = n
			}
		}
	}
	for j := range d.widths {
		d.widths[j] = min(d.widths[j], 60)
	}
}

func writeSheet(f *excelize.File, d *sheetData, bold, scoreStyle, wrapStyle int) error {
	fitWidths(d)
	sw, err := f.NewStreamWriter(d.name)
	if err != nil {
		return err
	}
	for j, w := range d.widths {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(frozen(0, 1)); err != nil {
		return err
	}
	head := make([]any, len(d.head))
	for j, h := range d.head {
		head[j] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	styleOf := make([]int, len(d.head))
	for _, j := range d.score {
		styleOf[j] = scoreStyle
	}
	for _, j := range d.wrap {
		styleOf[j] = wrapStyle
	}
	row := make([]any, len(d.head))
	for i, r := range d.rows {
		for j, v := range r {
			if styleOf[j] != 0 {
				row[j] = excelize.Cell{StyleID: styleOf[j], Value: v}
			} else {
				row[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	// A table gives the header row its filter buttons; a plain AutoFilter
	// set after Flush would be lost, and the stream writer has no other way.
	last, _ := excelize.CoordinatesToCellName(len(d.head), max(len(d.rows)+1, 2))
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: strings.ReplaceAll(d.name, " ", ""), StyleName: "TableStyleLight1", ShowRowStripes: boolPtr(false)}); err != nil {
		return err
	}
	return sw.Flush()
}

// EncodeRosterXLSX writes r as a workbook with sheets Summary, Matches,
// Unmatched and Mentor load.
func EncodeRosterXLSX(w io.Writer, r *mentormatch.Roster) error {
	f := newFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	fmtScore := "0.0"
	scoreStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fmtScore})
	if err != nil {
		return err
	}
	wrapStyle, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}

	names := componentNames(r)
	matches := &sheetData{name: "Matches", head: append([]string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "score"}, names...)}
	matches.head = append(matches.head, "reason")
	matches.score = []int{4}
	for k := range names {
		matches.score = append(matches.score, 5+k)
	}
	matches.wrap = []int{len(matches.head) - 1}
	for i := range r.Matches {
		m := &r.Matches[i]
		row := []any{textCell(m.MenteeID), textCell(m.MenteeName), textCell(m.MentorID), textCell(m.MentorName), m.Score}
		for _, n := range names {
			if p, ok := componentPoints(m, n); ok {
				row = append(row, p)
			} else {
				row = append(row, nil)
			}
		}
		matches.rows = append(matches.rows, append(row, textCell(m.Reason)))
	}
	unmatched := &sheetData{name: "Unmatched", head: []string{"id", "name", "role", "reason"}, wrap: []int{3}}
	for _, u := range r.Unmatched {
		unmatched.rows = append(unmatched.rows, []any{textCell(u.ID), textCell(u.Name), textCell(u.Role), textCell(u.Reason)})
	}
	load := &sheetData{name: "Mentor load", head: []string{"mentor_id", "mentor_name", "type", "capacity", "assigned"}}
	for _, l := range r.Load {
		load.rows = append(load.rows, []any{textCell(l.MentorID), textCell(l.MentorName), textCell(l.Type), l.Capacity, l.Assigned})
	}

	// Summary: key/value pairs, then the score distribution with its chart.
	s := r.Summary
	summary := &sheetData{name: "Summary", head: []string{"metric", "value"}, score: []int{1}}
	summary.rows = [][]any{
		{"mentees", s.Mentees}, {"mentors", s.Mentors}, {"matched", s.Matched},
		{"total_score", s.TotalScore}, {"mean_score", s.MeanScore}, {"min_score", s.MinScore},
		{"objective", textCell(s.Objective)}, {"", nil}, {"score bucket", "matches"},
	}
	var buckets [10]int
	for _, m := range r.Matches {
		b := int(m.Score / 10)
		buckets[min(max(b, 0), 9)]++
	}
	first := len(summary.rows) + 2 // 1-based row of the first bucket
	for b, n := range buckets {
		summary.rows = append(summary.rows, []any{fmt.Sprintf("%d–%d", b*10, b*10+10), n})
	}
	sheets := []*sheetData{summary, matches, unmatched, load}
	if d := dissolvedSheet(r); d != nil { // after a re-match (rematch.go)
		sheets = append(sheets, d)
	}
	for _, d := range sheets {
		if d.name != "Summary" {
			if _, err := f.NewSheet(d.name); err != nil {
				return err
			}
		}
	}
	for _, d := range sheets {
		if err := writeSheet(f, d, bold, scoreStyle, wrapStyle); err != nil {
			return fmt.Errorf("sheet %s: %w", d.name, err)
		}
	}
	lastRow := first + 9
	if err := f.AddChart("Summary", "D2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       "Summary!$B$" + fmt.Sprint(first-1),
			Categories: fmt.Sprintf("Summary!$A$%d:$A$%d", first, lastRow),
			Values:     fmt.Sprintf("Summary!$B$%d:$B$%d", first, lastRow),
		}},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Score distribution"}}},
		Legend: excelize.ChartLegend{Position: "none"},
	}); err != nil {
		return fmt.Errorf("summary chart: %w", err)
	}
	f.SetActiveSheet(0)
	return writeDeterministic(f, w)
}

func boolPtr(b bool) *bool { return &b }
