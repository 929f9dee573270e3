package table

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

// Limits on what the readers accept. They bound memory and time on hostile
// or mistaken input (a log file renamed .csv, a sheet formatted to the last
// row) and are far above any real mentoring program.
const (
	MaxFileBytes = 200 << 20 // 200 MB
	MaxRows      = 1_000_000
	MaxColumns   = 1000
	MaxCellBytes = 32 << 10 // 32 KiB; Excel itself stops at 32,767 characters

	unzipSizeLimit    = 256 << 20
	unzipXMLSizeLimit = 64 << 20

	headerSearchRows = 10
)

// rawTable is one sheet or CSV file as rows of strings, before any meaning
// is given to the columns.
type rawTable struct {
	File  string
	Sheet string // XLSX only
	// Role is the role every row has because of the sheet's name or the
	// file's flag; 0 when rows carry their own role.
	Role mentormatch.Role
	Rows [][]string
	// Lines holds, for each row, its number as the spreadsheet shows it.
	Lines []int
	// Strict is set for CSV, where a row with a different number of cells
	// than the header means a missing or extra delimiter. XLSX rows simply
	// omit trailing empty cells.
	Strict bool
	Delim  rune
	// Cut is set when reading stopped early; the rows read are still
	// checked, but the table may lack rows that the file has.
	Cut bool
}

func (t *rawTable) problem(row int, column, format string, args ...any) mentormatch.Problem {
	return mentormatch.Problem{File: t.File, Sheet: t.Sheet, Row: row, Column: column, Message: fmt.Sprintf(format, args...)}
}

// fileKind is what the content of a file turned out to be.
type fileKind int

const (
	kindCSV fileKind = iota
	kindXLSX
)

// load returns the bytes of f, or a problem when the file cannot be read
// for a reason the user can fix, or an I/O error otherwise.
func load(f File) ([]byte, *mentormatch.Problem, error) {
	if f.Data != nil {
		if len(f.Data) > MaxFileBytes {
			return nil, tooBig(f.Path, int64(len(f.Data))), nil
		}
		return f.Data, nil, nil
	}
	fh, err := os.Open(f.Path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &mentormatch.Problem{File: f.Path, Message: "file not found"}, nil
		}
		if errors.Is(err, fs.ErrPermission) {
			return nil, &mentormatch.Problem{File: f.Path, Message: "permission denied: cannot read the file"}, nil
		}
		return nil, nil, fmt.Errorf("read %s: %w", f.Path, err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", f.Path, err)
	}
	if st.IsDir() {
		return nil, &mentormatch.Problem{File: f.Path, Message: "is a directory, expected a CSV or XLSX file"}, nil
	}
	if st.Size() > MaxFileBytes {
		return nil, tooBig(f.Path, st.Size()), nil
	}
	data, err := io.ReadAll(io.LimitReader(fh, MaxFileBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", f.Path, err)
	}
	if len(data) > MaxFileBytes {
		return nil, tooBig(f.Path, int64(len(data))), nil
	}
	return data, nil, nil
}

func tooBig(path string, n int64) *mentormatch.Problem {
	return &mentormatch.Problem{File: path, Message: fmt.Sprintf("file is %d MB; files are limited to %d MB", n>>20, MaxFileBytes>>20)}
}

// sniff decides how to read a file from its first bytes, falling back on
// the extension. Formats we cannot read get a problem saying what they are.
func sniff(path string, data []byte) (fileKind, *mentormatch.Problem) {
	bad := func(msg string) (fileKind, *mentormatch.Problem) {
		return 0, &mentormatch.Problem{File: path, Message: msg}
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return kindXLSX, nil
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return bad("this is an old Excel 97–2003 workbook (.xls) or a password-protected workbook: open it in Excel, remove any password and save it as .xlsx or as CSV UTF-8")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return bad("this is a PDF document, not a spreadsheet: export the data as .xlsx or CSV UTF-8")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return bad("this file is UTF-16 text (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\" instead")
	}
	head := strings.ToLower(string(data[:min(len(data), 512)]))
	head = strings.TrimSpace(strings.TrimPrefix(head, "\ufeff"))
	if strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") {
		return bad("this is an HTML page, not a spreadsheet: export the data as .xlsx or CSV UTF-8")
	}
	if strings.HasPrefix(head, "<?xml") {
		return bad("this is an XML file (perhaps an Excel 2003 XML spreadsheet): save it as .xlsx or CSV UTF-8")
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xltx", ".xltm":
		return bad("not a valid .xlsx workbook (the file is not a zip archive): it may be damaged or renamed; save it again from the spreadsheet program")
	case ".xls":
		if bytes.IndexByte(data[:min(len(data), 4096)], 0) >= 0 {
			return bad("this is an old Excel 97–2003 workbook (.xls): open it in Excel and save it as .xlsx or as CSV UTF-8")
		}
	case ".ods":
		return bad("this is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV UTF-8")
	case ".numbers":
		return bad("this is an Apple Numbers file: export it as .xlsx or CSV UTF-8")
	}
	return kindCSV, nil
}

// delimiters are the CSV delimiters we detect, in order of preference on
// a tie.
var delimiters = [...]rune{',', ';', '\t'}

// preview splits the first lines of text into cells with delimiter d,
// respecting quotes. It is only for choosing a delimiter: the real parse is
// encoding/csv's.
func preview(text string, d rune, lines int) [][]string {
	var (
		rows    [][]string
		row     []string
		cell    strings.Builder
		inQuote bool
	)
	for _, r := range text {
		switch {
		case r == '"':
			inQuote = !inQuote
		case inQuote:
			cell.WriteRune(r)
		case r == d:
			row = append(row, cell.String())
			cell.Reset()
		case r == '\r':
		case r == '\n':
			rows = append(rows, append(row, cell.String()))
			row, cell = nil, strings.Builder{}
			if len(rows) == lines {
				return rows
			}
		default:
			cell.WriteRune(r)
		}
	}
	if row != nil || cell.Len() > 0 {
		rows = append(rows, append(row, cell.String()))
	}
	return rows
}

// peopleDelimiter picks the delimiter under which one of the first rows is
// the best people header; without any header, the one that splits some
// line into the most cells.
func peopleDelimiter(text string) rune {
	best, bestKnown, bestWidth := ',', -1, 0
	for _, d := range delimiters {
		rows := preview(text, d, headerSearchRows)
		known, width := 0, 0
		for _, r := range rows {
			h := mapHeader(r)
			if h.has(fID) {
				known = max(known, h.known)
			}
			width = max(width, len(r))
		}
		if known > bestKnown || known == bestKnown && width > bestWidth {
			best, bestKnown, bestWidth = d, known, width
		}
	}
	return best
}

// matrixDelimiter picks the delimiter that splits the first lines into the
// same number of cells, the most cells winning. A semicolon file with
// decimal commas splits evenly only on semicolons.
func matrixDelimiter(text string) rune {
	best, bestScore := ',', -1
	for _, d := range delimiters {
		rows := preview(text, d, headerSearchRows)
		if len(rows) == 0 {
			continue
		}
		width, widest, even := len(rows[0]), 0, true
		for _, r := range rows {
			even = even && len(r) == width
			widest = max(widest, len(r))
		}
		score := widest
		if even && width > 1 {
			score += 1 << 20
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// readCSV parses data as CSV. It returns the rows read before any fatal
// problem together with the problems, so later checks still run on them.
func readCSV(path string, data []byte, pick func(string) rune) (*rawTable, mentormatch.Problems) {
	t := &rawTable{File: path, Strict: true}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		at := 0
		for at < len(data) {
			r, n := utf8.DecodeRune(data[at:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			at += n
		}
		line := 1 + bytes.Count(data[:at], []byte("\n"))
		t.Cut = true
		return t, mentormatch.Problems{t.problem(line, "", "the file is not UTF-8 (byte 0x%02X): it looks like Windows-1252/Latin-1; in Excel use Save As and choose \"CSV UTF-8 (Comma delimited)\"", data[at])}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		t.Cut = true
		return t, mentormatch.Problems{t.problem(line, "", "the file contains NUL bytes: it is not a CSV text file; export the data as CSV UTF-8 or .xlsx")}
	}
	t.Delim = pick(string(data[:min(len(data), 64<<10)]))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = t.Delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = false
	var ps mentormatch.Problems
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps = append(ps, t.problem(pe.StartLine, "", "%s (line %d, character %d); the rest of the file was not read", csvReason(pe.Err), pe.Line, pe.Column))
			} else {
				ps = append(ps, t.problem(0, "", "cannot read CSV: %v", err))
			}
			t.Cut = true
			break
		}
		line, _ := r.FieldPos(0)
		if len(t.Rows) == MaxRows {
			ps = append(ps, t.problem(line, "", "more than %d rows; files are limited to %d rows", MaxRows, MaxRows))
			t.Cut = true
			break
		}
		if !t.add(rec, line, &ps) {
			t.Cut = true
			break
		}
	}
	return t, ps
}

func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `a " appears inside a cell that does not start with a quote: put the whole cell in quotes and double each " inside it`
	case errors.Is(err, csv.ErrQuote):
		return `a quoted cell is not closed properly: check for a missing closing " or text after the closing quote`
	}
	return err.Error()
}

// add appends one row after checking the width and cell limits; it reports
// false when reading must stop.
func (t *rawTable) add(rec []string, line int, ps *mentormatch.Problems) bool {
	if len(rec) > MaxColumns {
		for len(rec) > 0 && strings.TrimSpace(rec[len(rec)-1]) == "" {
			rec = rec[:len(rec)-1]
		}
		if len(rec) > MaxColumns {
			*ps = append(*ps, t.problem(line, "", "row has %d cells; files are limited to %d columns", len(rec), MaxColumns))
			return false
		}
	}
	for i, c := range rec {
		if len(c) > MaxCellBytes {
			*ps = append(*ps, t.problem(line, "", "cell %s is %d KiB long; cells are limited to %d KiB", columnName(i), len(c)>>10, MaxCellBytes>>10))
			rec[i] = ""
		}
	}
	t.Rows = append(t.Rows, rec)
	t.Lines = append(t.Lines, line)
	return true
}

// columnName is the spreadsheet letter of the 0-based column i.
func columnName(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return name
}

// sheetChoice is a sheet to read and the role its name gives.
type sheetChoice struct {
	name string
	role mentormatch.Role
}

// pickSheets chooses the sheets of a workbook: the named one, else sheets
// named Mentees and Mentors, else the first. roleSheets is false for the
// matrix reader, which never reads two sheets.
func pickSheets(list []string, want string, roleSheets bool) ([]sheetChoice, string) {
	if want != "" {
		for _, s := range list {
			if s == want {
				return []sheetChoice{{name: s}}, ""
			}
		}
		for _, s := range list {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(want)) {
				return []sheetChoice{{name: s}}, ""
			}
		}
		return nil, fmt.Sprintf("no sheet named %q; the workbook has: %s", want, quoteList(list))
	}
	if roleSheets {
		var mentees, mentors []sheetChoice
		for _, s := range list {
			switch strings.ToLower(strings.TrimSpace(s)) {
			case "mentees":
				mentees = append(mentees, sheetChoice{s, mentormatch.RoleMentee})
			case "mentors":
				mentors = append(mentors, sheetChoice{s, mentormatch.RoleMentor})
			}
		}
		if len(mentees)+len(mentors) > 0 {
			return append(mentees, mentors...), ""
		}
	}
	if len(list) == 0 {
		return nil, "the workbook has no sheets"
	}
	return []sheetChoice{{name: list[0]}}, ""
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// readXLSX streams the chosen sheets of a workbook into raw tables.
func readXLSX(path string, data []byte, sheet string, roleSheets bool) ([]*rawTable, mentormatch.Problems) {
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: unzipXMLSizeLimit})
	if err != nil {
		msg := fmt.Sprintf("cannot open the workbook: %v; save it again as .xlsx from the spreadsheet program", err)
		if errors.Is(err, excelize.ErrWorkbookFileFormat) {
			msg = "not a valid .xlsx workbook (a zip archive without a workbook inside): save it again as .xlsx"
		}
		return nil, mentormatch.Problems{{File: path, Message: msg}}
	}
	defer wb.Close()
	choices, msg := pickSheets(wb.GetSheetList(), sheet, roleSheets)
	if msg != "" {
		return nil, mentormatch.Problems{{File: path, Message: msg}}
	}
	var (
		tables []*rawTable
		ps     mentormatch.Problems
	)
	for _, c := range choices {
		t := &rawTable{File: path, Sheet: c.name, Role: c.role}
		tables = append(tables, t)
		ps = append(ps, t.stream(wb)...)
	}
	return tables, ps
}

func (t *rawTable) stream(wb *excelize.File) mentormatch.Problems {
	var ps mentormatch.Problems
	rows, err := wb.Rows(t.Sheet)
	if err != nil {
		return append(ps, t.problem(0, "", "cannot read the sheet: %v", err))
	}
	defer rows.Close()
	var pending int // empty rows not yet appended: trailing ones are dropped
	for n := 1; rows.Next(); n++ {
		if n > MaxRows {
			t.Cut = true
			return append(ps, t.problem(n, "", "more than %d rows; sheets are limited to %d rows", MaxRows, MaxRows))
		}
		cells, err := rows.Columns()
		if err != nil {
			t.Cut = true
			return append(ps, t.problem(n, "", "cannot read the row: %v", err))
		}
		for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) == 0 {
			pending++
			continue
		}
		for ; pending > 0; pending-- {
			t.Rows = append(t.Rows, nil)
			t.Lines = append(t.Lines, n-pending)
		}
		if !t.add(cells, n, &ps) {
			t.Cut = true
			return ps
		}
	}
	if err := rows.Error(); err != nil {
		ps = append(ps, t.problem(0, "", "cannot read the sheet: %v", err))
	}
	return ps
}
