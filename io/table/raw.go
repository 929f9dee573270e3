package table

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/mentormatch/mentormatch"
)

// Limits on what the readers accept. They bound memory and time on hostile
// or mistaken input (a log file renamed .csv, a sheet formatted to the last
// row, a zip bomb) and are far above any real mentoring program: reading a
// file at the limits takes a few seconds and a few hundred MB.
const (
	// MaxFileBytes bounds the size of any input file.
	MaxFileBytes = 200 << 20 // 200 MB
	// MaxRows bounds the rows with content in one sheet or CSV file; half
	// a million people take about 300 MB once read.
	MaxRows = 500_000
	// MaxColumns bounds the cells in one row of a people file.
	MaxColumns = 1000
	// MaxCells bounds the cells of one people sheet or CSV file (for
	// example 100,000 people with 50 columns).
	MaxCells = 5_000_000
	// MaxCellBytes bounds one cell; Excel itself stops at 32,767
	// characters.
	MaxCellBytes = 32 << 10
	// MaxSheets bounds the worksheets in a workbook.
	MaxSheets = 256
	// MaxUnzipBytes bounds the uncompressed size of a workbook: the sum of
	// the sizes of the parts of the zip archive.
	MaxUnzipBytes = 128 << 20
	// MaxZipRatio bounds how much one part of a workbook may expand when
	// uncompressed, for parts above 8 MB: real sheets compress 5 to 30
	// times, a zip bomb a thousand times.
	MaxZipRatio = 100
	// MaxProblems bounds the problems one read reports: past it, reading
	// stops, so that a file of garbage gets a report one can read.
	MaxProblems = 1000

	// maxZipEntries bounds the parts of a workbook; real ones have dozens.
	maxZipEntries = 10_000
	// maxRowBytes bounds one CSV row. A longer one is not a row: usually a
	// quote that never closes, which would otherwise make the rest of the
	// file one cell.
	maxRowBytes = 4 << 20

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
	// Limited is set when reading stopped at a size limit: the file is
	// refused whole, and its rows need no checking.
	Limited bool
	// Warnings are things the reader repaired, such as a CSV file that was
	// not UTF-8.
	Warnings mentormatch.Problems

	// maxColumns and maxCells override MaxColumns and MaxCells when set.
	maxColumns, maxCells int
	nrows, cells         int
	// cellHint is the number of cells a CSV file has, when it could be
	// counted cheaply; 0 when unknown.
	cellHint int
	// sink, when set, receives each row instead of Rows; it reports false
	// when reading must stop. Readers that turn cells into numbers use it
	// so as not to hold every cell as a string.
	sink func(rec []string, line int, ps *mentormatch.Problems) bool
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
// for a reason the user can fix, or an I/O error otherwise. A file over
// MaxFileBytes is refused from its size alone, without reading it.
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
		return nil, &mentormatch.Problem{File: f.Path, Message: "is a folder, expected a CSV or XLSX file"}, nil
	}
	if st.Size() > MaxFileBytes {
		return nil, tooBig(f.Path, st.Size()), nil
	}
	// A regular file is read into a buffer of its size; a pipe or device
	// has no size, so it is read up to the limit, the buffer doubling but
	// never past the limit.
	size := 1 << 20
	if st.Mode().IsRegular() {
		size = int(st.Size()) + 1
	}
	data := make([]byte, 0, size)
	for {
		if len(data) > MaxFileBytes {
			return nil, tooBig(f.Path, int64(len(data))), nil
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, min(2*cap(data), MaxFileBytes+1)-len(data))
		}
		n, err := fh.Read(data[len(data):min(cap(data), MaxFileBytes+1)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, fs.ErrPermission) {
				return nil, &mentormatch.Problem{File: f.Path, Message: "permission denied: cannot read the file"}, nil
			}
			return nil, nil, fmt.Errorf("read %s: %w", f.Path, err)
		}
	}
	if len(data) > MaxFileBytes {
		return nil, tooBig(f.Path, int64(len(data))), nil
	}
	return data, nil, nil
}

func tooBig(path string, n int64) *mentormatch.Problem {
	size := fmt.Sprintf("%d MB", n>>20)
	if n > MaxFileBytes && n <= MaxFileBytes+1 {
		size = "over " + size
	}
	return &mentormatch.Problem{File: path, Message: fmt.Sprintf("the file is %s; files are limited to %d MB: split it, or keep only the columns mentormatch reads", size, MaxFileBytes>>20)}
}

// magic numbers of formats people save by mistake, with what to say.
var magic = []struct {
	prefix string
	msg    string
}{
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "this is an old Excel 97–2003 workbook (.xls) or a password-protected workbook: open it in Excel, remove any password and save it as .xlsx or as CSV UTF-8"},
	{"%PDF", "this is a PDF document, not a spreadsheet: export the data as .xlsx or CSV UTF-8"},
	{"\xFF\xFE\x00\x00", "this file is UTF-32 text: save it as \"CSV UTF-8\" instead"},
	{"\xFF\xFE", "this file is UTF-16 text (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\" instead"},
	{"\xFE\xFF", "this file is UTF-16 text (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\" instead"},
	{"{\\rtf", "this is a Rich Text (RTF) document, not a spreadsheet: export the data as .xlsx or CSV UTF-8"},
	{"\x89PNG", "this is a PNG image, not a spreadsheet"},
	{"\xFF\xD8\xFF", "this is a JPEG image, not a spreadsheet"},
	{"GIF8", "this is a GIF image, not a spreadsheet"},
	{"\x1F\x8B", "this is a gzip archive: unpack it first"},
	{"7z\xBC\xAF\x27\x1C", "this is a 7-Zip archive: unpack it first"},
	{"Rar!", "this is a RAR archive: unpack it first"},
	{"\x7FELF", "this is a program, not a spreadsheet"},
	{"MZ", "this is a Windows program, not a spreadsheet"},
}

// sniff decides how to read a file from its first bytes, falling back on
// the extension. Formats we cannot read get a problem saying what they are.
func sniff(path string, data []byte) (fileKind, *mentormatch.Problem) {
	bad := func(msg string) (fileKind, *mentormatch.Problem) {
		return 0, &mentormatch.Problem{File: path, Message: msg}
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return kindXLSX, nil
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return bad(magic[0].msg)
	}
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return bad(m.msg)
		}
	}
	head := strings.ToLower(string(data[:min(len(data), 512)]))
	head = strings.TrimSpace(strings.TrimPrefix(head, "\ufeff"))
	for _, tag := range []string{"<!doctype html", "<html", "<table", "<head", "<meta"} {
		if strings.HasPrefix(head, tag) {
			return bad("this is a web page (HTML), not a spreadsheet; some HR systems export these as .xls: open it in Excel and save it as .xlsx or CSV UTF-8")
		}
	}
	if strings.HasPrefix(head, "<?xml") {
		return bad("this is an XML file (perhaps an Excel 2003 XML spreadsheet): save it as .xlsx or CSV UTF-8")
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm", ".xltx", ".xltm":
		if len(data) == 0 {
			return bad("the file is empty (0 bytes), not an .xlsx workbook")
		}
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

// lineAt is the 1-based line of byte offset at.
func lineAt(data []byte, at int) int { return 1 + bytes.Count(data[:at], []byte("\n")) }

// decodeText returns the text of a CSV file as UTF-8 without a byte order
// mark. A file that is not UTF-8 but reads as Windows-1252 (what Excel
// writes for "CSV (Comma delimited)", a superset of Latin-1) is converted,
// with a warning. Binary data, UTF-16 without a byte order mark, a mix of
// UTF-8 and another encoding, and bytes that no single-byte Western
// encoding explains are problems: guessing there would garble names.
func (t *rawTable) decodeText(data []byte) ([]byte, *mentormatch.Problem) {
	bom := bytes.HasPrefix(data, []byte("\xEF\xBB\xBF"))
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		p := t.problem(lineAt(data, i), "", "the file contains NUL bytes: it is not a CSV text file; export the data as CSV UTF-8 or .xlsx")
		if utf16ish(data) {
			p = t.problem(0, "", "this file is UTF-16 text without a byte order mark: save it as \"CSV UTF-8\" instead")
		}
		return nil, &p
	}
	if at, ok := binaryAt(data); ok {
		p := t.problem(lineAt(data, at), "", "the file contains control bytes such as 0x%02X: it is binary data, not CSV text; export the data as CSV UTF-8 or .xlsx", data[at])
		return nil, &p
	}
	if utf8.Valid(data) {
		return data, nil
	}
	// Count the bytes that are not UTF-8 and the characters that are;
	// other encodings make a valid UTF-8 sequence now and then by chance.
	bad, invalid, multi := -1, 0, 0
	for at := 0; at < len(data); {
		r, n := utf8.DecodeRune(data[at:])
		switch {
		case r == utf8.RuneError && n == 1:
			if bad < 0 {
				bad = at
			}
			invalid++
		case n > 1:
			multi++
		}
		at += n
	}
	line := lineAt(data, bad)
	if bom || multi >= invalid {
		p := t.problem(line, "", "the file mixes encodings: it is mostly UTF-8, but byte 0x%02X here is not; retype the accented characters on this row or save the whole file again as \"CSV UTF-8\"", data[bad])
		return nil, &p
	}
	out := make([]byte, 0, len(data)+len(data)/8)
	high, pairs := 0, 0
	for i, c := range data {
		if c < 0x80 {
			out = append(out, c)
			continue
		}
		high++
		if i > 0 && data[i-1] >= 0x80 {
			pairs++
		}
		// The five bytes Windows-1252 leaves undefined decode to U+FFFD.
		r := charmap.Windows1252.DecodeByte(c)
		if r == utf8.RuneError {
			p := t.problem(lineAt(data, i), "", "the file is not UTF-8, and byte 0x%02X is not Windows-1252 either: save the file as \"CSV UTF-8\" from the spreadsheet program", c)
			return nil, &p
		}
		out = utf8.AppendRune(out, r)
	}
	// Western text has an accented letter here and there; East Asian
	// encodings put non-ASCII bytes in pairs, which Windows-1252 would
	// turn into strings of accented letters.
	if high >= 8 && pairs*2 > high {
		p := t.problem(line, "", "the file is not UTF-8 and does not look like Windows-1252 or Latin-1 (perhaps Shift-JIS, GBK or another encoding): save it as \"CSV UTF-8\" from the spreadsheet program")
		return nil, &p
	}
	t.Warnings = append(t.Warnings, t.problem(0, "", "the file is not UTF-8 (first on row %d): read it as Windows-1252 (Latin-1), the encoding of Excel's \"CSV (Comma delimited)\"; check accented names, and save as \"CSV UTF-8\" to avoid this warning", line))
	return out, nil
}

// utf16ish reports whether the start of data looks like UTF-16 text: every
// other byte NUL.
func utf16ish(data []byte) bool {
	n := min(len(data), 512) &^ 1
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	return n >= 4 && max(even, odd)*4 > n
}

// binaryAt finds control bytes that text files do not have. A stray one
// (a vertical tab some programs use for a line break in a cell, a DOS
// end-of-file mark) is tolerated; more than one in a hundred bytes is
// binary data.
func binaryAt(data []byte) (int, bool) {
	head := data[:min(len(data), 64<<10)]
	first, n := -1, 0
	for i, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A || c == 0x7F {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	return first, n > 0 && n*100 > len(head)
}

// longRow finds the first CSV row longer than maxRowBytes, counting a
// quoted cell's line breaks as part of its row, and returns its offset.
func longRow(data []byte) (int, bool) {
	start, inQuote := 0, false
	for at := 0; at < len(data); {
		end := bytes.IndexByte(data[at:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += at + 1
		}
		if bytes.Count(data[at:end], []byte{'"'})%2 == 1 {
			inQuote = !inQuote
		}
		if end-start > maxRowBytes {
			return start, true
		}
		at = end
		if !inQuote {
			start = at
		}
	}
	return 0, false
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
	t := &rawTable{File: path}
	return t, t.readCSV(data, pick)
}

// readCSV parses data into t, choosing the delimiter with pick from the
// first 64 KiB. Rows are numbered as a spreadsheet shows them: a line
// break inside a quoted cell does not start a new row, a blank line does.
func (t *rawTable) readCSV(data []byte, pick func(string) rune) mentormatch.Problems {
	t.Strict = true
	data, p := t.decodeText(data)
	if p != nil {
		t.Cut = true
		return mentormatch.Problems{*p}
	}
	// Excel for Mac's "CSV (Macintosh)" ends lines with a bare carriage
	// return, which encoding/csv keeps as text.
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	var ps mentormatch.Problems
	if at, long := longRow(data); long {
		ps = append(ps, t.problem(lineAt(data, at), "", "this row is longer than %d MB: a quoted cell probably never closes (check for a missing closing \"); the rest of the file was not read", maxRowBytes>>20))
		data = data[:at]
		t.Cut = true
	}
	t.Delim = pick(string(data[:min(len(data), 64<<10)]))
	// Without quotes, lines are rows and delimiters separate cells, so a
	// file over the cell limit is refused before any cell is held.
	// With quotes, the count is an upper bound, still good for sizing.
	if bytes.IndexByte(data, '"') < 0 {
		var over bool
		t.cellHint, over = t.countCells(data, &ps)
		if over {
			return ps
		}
	} else {
		t.cellHint = bytes.Count(data, []byte(string(t.Delim))) + bytes.Count(data, []byte("\n")) + 1
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = t.Delim
	r.FieldsPerRecord = -1
	r.ReuseRecord = t.sink != nil
	// inside counts line breaks inside quoted cells so far: the physical
	// line of a record minus inside is its row in a spreadsheet.
	inside := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps = append(ps, t.problem(pe.StartLine-inside, "", "%s (line %d, character %d); the rest of the file was not read", csvReason(pe.Err), pe.Line, pe.Column))
			} else {
				ps = append(ps, t.problem(0, "", "cannot read CSV: %v", err))
			}
			t.Cut = true
			break
		}
		line, _ := r.FieldPos(0)
		line -= inside
		for _, c := range rec {
			inside += strings.Count(c, "\n")
		}
		if !t.add(rec, line, &ps) {
			t.Cut = true
			break
		}
	}
	return ps
}

// countCells counts the cells of unquoted CSV data, line by line as
// encoding/csv reads it (blank lines are skipped). When they pass the
// cell limit before any row is too wide, it reports the problem add would
// and returns true.
func (t *rawTable) countCells(data []byte, ps *mentormatch.Problems) (int, bool) {
	maxCols, maxCells := cmp0(t.maxColumns, MaxColumns), cmp0(t.maxCells, MaxCells)
	delim := []byte(string(t.Delim))
	cells, line := 0, 0
	for len(data) > 0 {
		line++
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data) - 1
		}
		row := bytes.TrimSuffix(data[:end+1], []byte("\n"))
		row = bytes.TrimSuffix(row, []byte("\r"))
		data = data[end+1:]
		if len(row) == 0 {
			continue
		}
		n := bytes.Count(row, delim) + 1
		if n > maxCols {
			return cells, false // add reports the row
		}
		if cells += n; cells > maxCells {
			*ps = append(*ps, t.problem(line, "", "more than %d cells; this file is limited to %d cells (rows × columns): split the file or delete columns mentormatch does not read", maxCells, maxCells))
			t.Cut, t.Limited = true, true
			return cells, true
		}
	}
	return cells, false
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

// add appends one row after checking the row, width, cell and size
// limits; it reports false when reading must stop.
func (t *rawTable) add(rec []string, line int, ps *mentormatch.Problems) bool {
	maxCols, maxCells := cmp0(t.maxColumns, MaxColumns), cmp0(t.maxCells, MaxCells)
	if len(rec) > maxCols {
		for len(rec) > 0 && strings.TrimSpace(rec[len(rec)-1]) == "" {
			rec = rec[:len(rec)-1]
		}
		if len(rec) > maxCols {
			*ps = append(*ps, t.problem(line, "", "row has %d cells; this file is limited to %d columns", len(rec), maxCols))
			t.Limited = true
			return false
		}
	}
	if t.nrows == MaxRows {
		*ps = append(*ps, t.problem(line, "", "more than %d rows; files are limited to %d rows: split the file", MaxRows, MaxRows))
		t.Limited = true
		return false
	}
	if t.cells += len(rec); t.cells > maxCells {
		*ps = append(*ps, t.problem(line, "", "more than %d cells; this file is limited to %d cells (rows × columns): split the file or delete columns mentormatch does not read", maxCells, maxCells))
		t.Limited = true
		return false
	}
	for i, c := range rec {
		if len(c) > MaxCellBytes {
			*ps = append(*ps, t.problem(line, columnName(i), "the cell is %d KiB long; cells are limited to %d KiB", len(c)>>10, MaxCellBytes>>10))
			// Keep the start, so that later checks do not add a second,
			// misleading problem such as a missing name.
			cut := MaxCellBytes
			for cut > 0 && !utf8.RuneStart(c[cut]) {
				cut--
			}
			rec[i] = c[:cut]
		}
	}
	if len(*ps) >= MaxProblems {
		*ps = append(*ps, t.problem(line, "", "stopped after %d problems: fix these and check the file again", len(*ps)))
		return false
	}
	t.nrows++
	if t.sink != nil {
		return t.sink(rec, line, ps)
	}
	t.Rows = append(t.Rows, rec)
	t.Lines = append(t.Lines, line)
	return true
}

func cmp0(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// columnName is the spreadsheet letter of the 0-based column i: A, B,
// ..., Z, AA, ...
func columnName(i int) string {
	var b []byte
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	slices.Reverse(b)
	return string(b)
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

// checkZip looks inside a zip archive before it is opened: it says
// what the archive is when it is not a workbook, and refuses archives that
// would take too much memory or time to open, from the sizes the archive
// declares (Go's zip reader fails on a part that inflates beyond its
// declared size, so the declaration cannot lie).
func checkZip(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return "not a valid .xlsx workbook (the zip archive is damaged or cut short): save it again as .xlsx from the spreadsheet program"
	}
	if len(zr.File) > maxZipEntries {
		return fmt.Sprintf("the workbook has %d parts; workbooks are limited to %d", len(zr.File), maxZipEntries)
	}
	var (
		total  uint64
		sheets int
		names  = map[string]bool{}
	)
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		names[name] = true
		if f.Flags&1 != 0 {
			return "the workbook is password-protected: open it in Excel, remove the password and save it again"
		}
		if strings.HasPrefix(name, "xl/worksheets/sheet") || strings.HasPrefix(name, "xl/chartsheets/sheet") {
			sheets++
		}
		total += f.UncompressedSize64
		if total > MaxUnzipBytes {
			return fmt.Sprintf("the workbook unpacks to more than %d MB; workbooks are limited to %d MB unpacked: split it, or save only the sheets mentormatch reads", MaxUnzipBytes>>20, MaxUnzipBytes>>20)
		}
		if f.UncompressedSize64 > 8<<20 && f.UncompressedSize64 > MaxZipRatio*max(f.CompressedSize64, 1) {
			return fmt.Sprintf("the part %s expands %d times when unpacked: this is a zip bomb or a damaged file, not a workbook a spreadsheet program wrote", f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1))
		}
	}
	if sheets > MaxSheets {
		return fmt.Sprintf("the workbook has %d sheets; workbooks are limited to %d sheets", sheets, MaxSheets)
	}
	if names["xl/workbook.xml"] || names["xl/workbook.bin"] {
		if names["xl/workbook.bin"] {
			return "this is an Excel binary workbook (.xlsb): save it as .xlsx or CSV UTF-8"
		}
		return ""
	}
	switch {
	case names["mimetype"] && (names["content.xml"] || names["meta.xml"]):
		return "this is an OpenDocument file (.ods or .odt), not an .xlsx workbook: save it as .xlsx or CSV UTF-8"
	case names["word/document.xml"]:
		return "this is a Word document (.docx), not a spreadsheet: put the data in an .xlsx workbook or a CSV UTF-8 file"
	case names["ppt/presentation.xml"]:
		return "this is a PowerPoint presentation (.pptx), not a spreadsheet"
	case names["index/document.iwa"]:
		return "this is an Apple Numbers file: export it as .xlsx or CSV UTF-8"
	}
	if len(zr.File) == 0 {
		return "not a valid .xlsx workbook: an empty zip archive"
	}
	list := make([]string, 0, 3)
	for _, f := range zr.File[:min(len(zr.File), 3)] {
		list = append(list, f.Name)
	}
	return fmt.Sprintf("not a valid .xlsx workbook: a zip archive without a workbook inside (it holds %s%s); unpack it, or save the data as .xlsx", strings.Join(list, ", "), map[bool]string{true: ", ...", false: ""}[len(zr.File) > 3])
}

// openXLSX checks and opens a workbook.
func openXLSX(path string, data []byte) (*workbook, *mentormatch.Problem) {
	if msg := checkZip(data); msg != "" {
		return nil, &mentormatch.Problem{File: path, Message: msg}
	}
	wb, err := openWorkbook(data)
	if err != nil {
		return nil, &mentormatch.Problem{File: path, Message: fmt.Sprintf("cannot open the workbook: %v; save it again as .xlsx from the spreadsheet program", err)}
	}
	return wb, nil
}

// readXLSX streams the chosen sheets of a workbook into raw tables.
func readXLSX(path string, data []byte, sheet string, roleSheets bool) ([]*rawTable, mentormatch.Problems) {
	wb, p := openXLSX(path, data)
	if p != nil {
		return nil, mentormatch.Problems{*p}
	}
	choices, msg := pickSheets(wb.names, sheet, roleSheets)
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
