package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/internal/parallel"
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
	// format gives 0-based columns a number format of their own (dates,
	// times, hours, percentages); it wins over score and wrap.
	format map[int]string
	// charts are drawn on the sheet. They must be added before the stream
	// writer flushes: the flush writes the sheet's <drawing> element, and a
	// chart added later keeps its parts but is never shown.
	charts []placedChart
}

// placedChart is a chart with the cell of its top-left corner.
type placedChart struct {
	cell  string
	chart *excelize.Chart
}

// printable sets a sheet up for paper: landscape, as wide as one page
// and as many pages tall as it takes, the header row repeated on every
// page. fitToPage must be set before a stream writer starts the sheet
// (it writes sheetPr first); the page setup is written when it flushes.
func printable(f *excelize.File, sheet string, headerRow bool) error {
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)}); err != nil {
		return err
	}
	landscape, one, tall := "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	margin, edge := 0.4, 0.2 // inches
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin, Header: &edge, Footer: &edge}); err != nil {
		return err
	}
	if !headerRow {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: "'" + sheet + "'!$1:$1"})
}

func fitWidths(d *sheetData) {
	d.widths = make([]float64, len(d.head))
	for j, h := range d.head {
		d.widths[j] = float64(utf8.RuneCountInString(h)) + 2
	}
	for _, r := range d.rows {
		for j, v := range r {
			n := 8.0
			if s, ok := v.(string); ok {
				n = float64(utf8.RuneCountInString(s)) + 2
			} else if f, ok := d.format[j]; ok && v != nil {
				n = max(n, float64(len(strings.ReplaceAll(f, `"`, "")))+2)
			}
			if n > d.widths[j] {
				d.widths[j] = n
			}
		}
	}
	for j := range d.widths {
		// Text longer than the widest column wraps, so that it prints
		// whole instead of being cut at the column's edge.
		if d.widths[j] > maxWidth && !slices.Contains(d.wrap, j) {
			d.wrap = append(d.wrap, j)
		}
		d.widths[j] = min(d.widths[j], maxWidth)
	}
}

// lineHeight is the height of one line of text in points, at the
// default font (Calibri 11).
const lineHeight = 15

// wrappedLines is how many lines the tallest wrapped cell of row r takes
// at its column's width: words are not split, so a line holds about the
// width in characters less a little.
func wrappedLines(d *sheetData, r []any) int {
	lines := 1
	for _, j := range d.wrap {
		if j >= len(r) {
			continue
		}
		s, ok := r[j].(string)
		if !ok {
			continue
		}
		per := max(int(d.widths[j]*0.95)-1, 1)
		n := 0
		for para := range strings.SplitSeq(s, "\n") {
			w := 0
			n++
			for word := range strings.FieldsSeq(para) {
				l := utf8.RuneCountInString(word)
				if w > 0 && w+1+l > per {
					n++
					w = 0
				}
				if w > 0 {
					w++
				}
				w += l
			}
		}
		lines = max(lines, n)
	}
	return lines
}

// maxWidth is the widest a column of a streamed sheet gets, in characters.
const maxWidth = 60

// sheetStyles makes the styles writeSheet takes: a bold header, numFmt
// for the score columns and wrapped text aligned to the top.
func sheetStyles(f *excelize.File, numFmt string) (bold, num, wrap int, err error) {
	if bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return
	}
	if num, err = f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt}); err != nil {
		return
	}
	wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	return
}

func writeSheet(f *excelize.File, d *sheetData, bold, scoreStyle, wrapStyle int) error {
	st, err := startSheet(f, d, bold, scoreStyle, wrapStyle)
	if err != nil {
		return err
	}
	if err := st.rows(); err != nil {
		return err
	}
	return st.finish(f)
}

// writeSheets writes the sheets as writeSheet does, their rows at the
// same time on every core: the workbook's styles, tables and charts are
// made in the sheets' order, one sheet at a time, and only the rows,
// each sheet's own stream, are written side by side. The rows of a sheet
// of plain values (writesRows) are left to the zip writer, which puts
// them in as it deflates the sheet: the returned writers, by the sheet's
// path in the workbook, for writeWithRows. The error names the sheet.
func writeSheets(f *excelize.File, sheets []*sheetData, bold, scoreStyle, wrapStyle int) (map[string]*rowWriter, error) {
	plain := make([]bool, len(sheets))
	lines := make([][]int, len(sheets))
	parallel.For(len(sheets), 0, 1, func(_, k int) {
		fitWidths(sheets[k])
		lines[k], plain[k] = writesRows(sheets[k])
	})
	started := make([]*startedSheet, len(sheets))
	for k, d := range sheets {
		st, err := startSheet(f, d, bold, scoreStyle, wrapStyle)
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", d.name, err)
		}
		started[k] = st
	}
	spliced := map[string]*rowWriter{}
	errs := make([]error, len(sheets))
	parallel.For(len(sheets), 0, 1, func(_, k int) {
		if !plain[k] {
			errs[k] = started[k].rows()
		}
	})
	for k, st := range started {
		err := errs[k]
		if err == nil {
			err = st.finish(f)
		}
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %w", sheets[k].name, err)
		}
		if plain[k] {
			spliced[fmt.Sprintf("xl/worksheets/sheet%d.xml", st.sw.SheetID)] = newRowWriter(st.d, st.styleOf, lines[k])
		}
	}
	return spliced, nil
}

// startedSheet is a sheet whose stream has its header row; rows writes
// the rest, finish its table and charts.
type startedSheet struct {
	d       *sheetData
	sw      *excelize.StreamWriter
	styleOf []int // style of each column's cells, 0 for none
}

// startSheet sets d's sheet up for paper, makes its styles and starts its
// stream with the column widths, the frozen header and the header row.
func startSheet(f *excelize.File, d *sheetData, bold, scoreStyle, wrapStyle int) (*startedSheet, error) {
	if d.widths == nil {
		fitWidths(d)
	}
	if err := printable(f, d.name, true); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(d.name)
	if err != nil {
		return nil, err
	}
	for j, w := range d.widths {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(frozen(0, 1)); err != nil {
		return nil, err
	}
	head := make([]any, len(d.head))
	for j, h := range d.head {
		head[j] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	styleOf := make([]int, len(d.head))
	for _, j := range d.score {
		styleOf[j] = scoreStyle
	}
	for _, j := range d.wrap {
		styleOf[j] = wrapStyle
	}
	for j := range styleOf {
		if code, ok := d.format[j]; ok {
			id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
			if err != nil {
				return nil, err
			}
			styleOf[j] = id
		}
	}
	if len(d.wrap) > 0 {
		// Rows grow with wrapped text: every cell of them reads from the
		// top, beside the first line of the wrapped one.
		for j, id := range styleOf {
			st := &excelize.Style{}
			if id != 0 {
				var err error
				if st, err = f.GetStyle(id); err != nil {
					return nil, err
				}
			}
			if st.Alignment == nil {
				st.Alignment = &excelize.Alignment{}
			}
			st.Alignment.Vertical = "top"
			top, err := f.NewStyle(st)
			if err != nil {
				return nil, err
			}
			styleOf[j] = top
		}
	}
	return &startedSheet{d: d, sw: sw, styleOf: styleOf}, nil
}

// rows writes the sheet's rows to its stream.
func (st *startedSheet) rows() error {
	d, sw, styleOf := st.d, st.sw, st.styleOf
	buf := make([]any, len(d.head))
	for i, r := range d.rows {
		// A row shorter than the header ends where it ends, not with the
		// cells of a longer row before it.
		row := buf[:len(r)]
		for j, v := range r {
			if styleOf[j] != 0 {
				row[j] = excelize.Cell{StyleID: styleOf[j], Value: v}
			} else {
				row[j] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		var opts []excelize.RowOpts
		if lines := wrappedLines(d, r); lines > 1 {
			// Spreadsheets do not grow a streamed row to its wrapped text
			// when they open the file, so the text would print over the
			// rows below.
			opts = append(opts, excelize.RowOpts{Height: lineHeight * float64(lines)})
		}
		if err := sw.SetRow(cell, row, opts...); err != nil {
			return err
		}
	}
	return nil
}

// finish gives the sheet its table and charts and flushes its stream.
func (st *startedSheet) finish(f *excelize.File) error {
	d, sw := st.d, st.sw
	// A table gives the header row its filter buttons; a plain AutoFilter
	// set after Flush would be lost, and the stream writer has no other way.
	last, _ := excelize.CoordinatesToCellName(len(d.head), max(len(d.rows)+1, 2))
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: strings.ReplaceAll(d.name, " ", ""), StyleName: "TableStyleLight1", ShowRowStripes: boolPtr(false)}); err != nil {
		return err
	}
	for _, c := range d.charts {
		if err := f.AddChart(d.name, c.cell, c.chart); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// EncodeRosterXLSX writes r as a workbook with the sheets Summary,
// Matches, Unmatched and Mentor load; then Skills gap (WithSkillGaps),
// Warnings and Dissolved when there are any. The Matches sheet keeps the
// column names of the CSV roster, so the workbook reads back as a roster.
func EncodeRosterXLSX(w io.Writer, r *mentormatch.Roster, opts ...Option) error {
	return encodeWorkbook(w, r, nil, collect(opts))
}

// EncodePlanXLSX writes the plan's roster workbook (EncodeRosterXLSX) with
// the sheets Cohorts, Schedule and, when the plan has them, Roadmaps; its
// summary adds the cohorts and sessions.
func EncodePlanXLSX(w io.Writer, p *mentormatch.Plan, opts ...Option) error {
	r := p.Roster
	if r == nil {
		r = &mentormatch.Roster{}
	}
	return encodeWorkbook(w, r, p, collect(opts))
}

// encodeWorkbook writes the roster workbook, and the plan's sheets when
// plan is not nil.
func encodeWorkbook(w io.Writer, r *mentormatch.Roster, plan *mentormatch.Plan, o *options) error {
	f := newFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", summarySheet); err != nil {
		return err
	}
	bold, scoreStyle, wrapStyle, err := sheetStyles(f, "0.0")
	if err != nil {
		return err
	}
	// The plan's sheets are made beside the roster's.
	var planned func() ([]*sheetData, error)
	if plan != nil {
		planned = parallel.Go(func() ([]*sheetData, error) { return planSheets(plan, r), nil })
	}
	sheets := rosterSheets(r)
	if o.haveGaps {
		sheets = append(sheets, gapSheet(o.gaps))
	}
	var warnings []string
	warnings = append(warnings, r.Warnings...)
	if plan != nil {
		more, _ := planned()
		sheets = append(sheets, more...)
		warnings = append(warnings, plan.Warnings...)
	}
	if len(warnings) > 0 {
		d := &sheetData{name: "Warnings", head: []string{"warning"}, wrap: []int{0}}
		for _, s := range warnings {
			d.rows = append(d.rows, []any{textCell(s)})
		}
		sheets = append(sheets, d)
	}
	if d := dissolvedSheet(r); d != nil { // after a re-match (rematch.go)
		sheets = append(sheets, d)
	}
	for _, d := range sheets {
		if _, err := f.NewSheet(d.name); err != nil {
			return err
		}
	}
	rows, err := writeSheets(f, sheets, bold, scoreStyle, wrapStyle)
	if err != nil {
		return err
	}
	if err := writeSummary(f, r, plan, len(warnings)); err != nil {
		return fmt.Errorf("sheet %s: %w", summarySheet, err)
	}
	// The Summary, the renamed first sheet, is already the active one;
	// SetActiveSheet would parse and re-encode every streamed sheet.
	return writeWithRows(f, w, rows)
}

// rosterSheets are the sheets Matches, Unmatched and Mentor load.
func rosterSheets(r *mentormatch.Roster) []*sheetData {
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
	return []*sheetData{matches, unmatched, load}
}

func boolPtr(b bool) *bool { return &b }
