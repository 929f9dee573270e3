package table

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mentormatch/mentormatch"
)

// This file reads XLSX workbooks without building a document model: the
// workbook's list of sheets and its shared strings are small and read
// whole; a sheet is streamed from the zip archive by a scanner that knows
// just enough XML (tags, attributes, text, entities, comments, CDATA) to
// read rows and cells. It reads a few hundred MB of sheet a second and
// holds one row and one cell's text at a time, so that what a workbook may
// cost is bounded by the limits in raw.go, not by how its XML is shaped.
//
// encoding/xml's Decoder.RawToken was tried in place of the scanner
// (issue 16), keeping every limit: it passed the same tests, but read
// BenchmarkReadPeopleXLSX's workbooks at half the speed (1,000 people
// 16.9 → 31.1 ms, 10,000 people 150 → 314 ms; 4.5 times the bytes and
// 6.9 times the allocations: a string per name and attribute, a copy of
// every text), and it holds a text node whole where the scanner keeps
// 32 KiB of it (a 40 MB cell: 25 MB more peak memory). Its tokens are
// simpler to use, not enough to pay that: the scanner stays.

// Limits on the parts of a workbook read whole.
const (
	// maxPartBytes bounds the workbook, relationships and content-types
	// parts, which list sheets and files.
	maxPartBytes = 16 << 20
	// maxSharedStringsBytes bounds the table of texts that cells refer to;
	// a workbook of 100,000 people needs a fifth of it.
	maxSharedStringsBytes = 64 << 20
	// maxSharedStrings bounds the number of distinct texts.
	maxSharedStrings = 2_000_000
	// maxTagBytes bounds one tag with its attributes.
	maxTagBytes = 64 << 10
	// Excel's last row and column.
	xlsxMaxRows, xlsxMaxCols = 1_048_576, 16_384
)

// errDamaged is a workbook whose XML is not what a spreadsheet program
// writes.
var errDamaged = errors.New("damaged")

// workbook is an XLSX file opened for reading: its sheets in order, and
// its shared strings, decoded when first needed.
type workbook struct {
	zr      *zip.Reader
	names   []string // sheet names, in the workbook's order
	parts   []string // the part of each sheet
	sstPart string
	sst     []string
	sstLong map[int]int // true length of shared strings kept cut short
	// sstBroken: the shared strings could not be read, which is reported
	// once; their cells are not reported again one by one.
	sstBroken bool
	sstRead   bool
}

// open finds a part by name, ignoring case and a leading slash as the
// format allows.
func (wb *workbook) open(name string) (*zip.File, bool) {
	name = strings.TrimPrefix(name, "/")
	for _, f := range wb.zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f, true
		}
	}
	return nil, false
}

// readPart returns a whole part, refusing one larger than limit.
func readPart(f *zip.File, limit int) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("the part %s is %d MB; it is limited to %d MB", f.Name, f.UncompressedSize64>>20, limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, int64(limit)+1))
}

// openWorkbook checks the archive (checkZip), then reads the list of
// sheets: _rels/.rels names the workbook part, whose relationships name
// each sheet's part.
func openWorkbook(data []byte) (*workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, err
	}
	wb := &workbook{zr: zr}
	main := "xl/workbook.xml"
	if rels, err := wb.relationships("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.kind, "/officeDocument") {
				main = r.target
			}
		}
	}
	f, ok := wb.open(main)
	if !ok {
		return nil, fmt.Errorf("no workbook part %s", main)
	}
	doc, err := readPart(f, maxPartBytes)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(main)
	rels, err := wb.relationships(path.Join(dir, "_rels", path.Base(main)+".rels"), dir)
	if err != nil {
		return nil, err
	}
	byID := map[string]string{}
	for _, r := range rels {
		byID[r.id] = r.target
		if strings.HasSuffix(r.kind, "/sharedStrings") {
			wb.sstPart = r.target
		}
	}
	err = newScanner(bytes.NewReader(doc), maxTagBytes).each(func(tok token) error {
		if tok.kind == tokText || tok.kind == tokEnd || !tok.named("sheet") {
			return nil
		}
		name, _ := tok.attr("name")
		id, _ := tok.attrLocal("id")
		part, ok := byID[id]
		if name == "" || !ok {
			return fmt.Errorf("sheet %q has no part", name)
		}
		wb.names = append(wb.names, name)
		wb.parts = append(wb.parts, part)
		if len(wb.names) > MaxSheets {
			return fmt.Errorf("the workbook has more than %d sheets; workbooks are limited to %d sheets", MaxSheets, MaxSheets)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return wb, nil
}

type relationship struct{ id, kind, target string }

// relationships reads a .rels part; targets are made absolute against dir.
func (wb *workbook) relationships(name, dir string) ([]relationship, error) {
	f, ok := wb.open(name)
	if !ok {
		return nil, fmt.Errorf("no part %s", name)
	}
	data, err := readPart(f, maxPartBytes)
	if err != nil {
		return nil, err
	}
	var out []relationship
	err = newScanner(bytes.NewReader(data), maxTagBytes).each(func(tok token) error {
		if tok.kind == tokText || tok.kind == tokEnd || !tok.named("Relationship") {
			return nil
		}
		if mode, _ := tok.attr("TargetMode"); mode == "External" {
			return nil
		}
		r := relationship{}
		r.id, _ = tok.attr("Id")
		r.kind, _ = tok.attr("Type")
		r.target, _ = tok.attr("Target")
		if strings.HasPrefix(r.target, "/") {
			r.target = strings.TrimPrefix(r.target, "/")
		} else {
			r.target = path.Join(dir, r.target)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// sharedStrings decodes the shared strings once. A text longer than
// MaxCellBytes is kept cut short, with its length noted for the report.
func (wb *workbook) sharedStrings() error {
	if wb.sstRead {
		return nil
	}
	wb.sstRead = true
	if wb.sstPart == "" {
		return nil
	}
	f, ok := wb.open(wb.sstPart)
	if !ok {
		wb.sstPart = "" // listed but not in the file: text cells say so
		return nil
	}
	if f.UncompressedSize64 > maxSharedStringsBytes {
		return fmt.Errorf("its table of texts (shared strings) unpacks to %d MB; it is limited to %d MB", f.UncompressedSize64>>20, maxSharedStringsBytes>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	var text textCollector
	return newScanner(rc, maxTagBytes).each(func(tok token) error {
		switch {
		case tok.is(tokStart, "si"):
			text.reset()
		case tok.is(tokEmpty, "si"), tok.is(tokEnd, "si"):
			if tok.kind == tokEmpty {
				text.reset()
			}
			if len(wb.sst) == maxSharedStrings {
				return fmt.Errorf("it has more than %d different texts (shared strings)", maxSharedStrings)
			}
			s, n := text.value()
			if n > len(s) {
				if wb.sstLong == nil {
					wb.sstLong = map[int]int{}
				}
				wb.sstLong[len(wb.sst)] = n
			}
			wb.sst = append(wb.sst, s)
		default:
			text.token(tok)
		}
		return nil
	})
}

// textCollector joins the <t> texts of a string item or inline string,
// rich text runs included, phonetic guides (<rPh>) left out.
type textCollector struct {
	b          []byte
	n          int // true length in bytes
	inT, inRPh bool
}

func (c *textCollector) reset() { *c = textCollector{b: c.b[:0]} }

func (c *textCollector) token(tok token) {
	switch {
	case tok.is(tokStart, "rPh"):
		c.inRPh = true
	case tok.is(tokEnd, "rPh"):
		c.inRPh = false
	case tok.is(tokStart, "t"):
		c.inT = true
	case tok.is(tokEnd, "t"):
		c.inT = false
	case tok.kind == tokText && c.inT && !c.inRPh:
		c.n += tok.size
		if room := MaxCellBytes + 1 - len(c.b); room > 0 {
			c.b = append(c.b, tok.text[:min(len(tok.text), room)]...)
		}
	}
}

// value returns the text, cut at MaxCellBytes when longer, and the length
// it would have whole.
func (c *textCollector) value() (string, int) {
	s := unescapeExcel(string(c.b))
	if len(c.b) > MaxCellBytes {
		cut := MaxCellBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s, max(c.n, len(s))
}

// unescapeExcel decodes Excel's _xHHHH_ escapes of characters XML cannot
// hold, such as _x000D_ for a carriage return; _x005F_ is an underscore.
func unescapeExcel(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) || s[i+6] != '_' {
			if i < 0 || i+7 > len(s) {
				b.WriteString(s)
				return b.String()
			}
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		v, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteRune(rune(v))
		s = s[i+7:]
	}
}

// stream reads t.Sheet of wb row by row into t. Empty rows cost nothing
// and count towards no limit; empty rows at the end are dropped.
func (t *rawTable) stream(wb *workbook) mentormatch.Problems {
	var ps mentormatch.Problems
	k := -1
	for i, n := range wb.names {
		if n == t.Sheet {
			k = i
		}
	}
	f, ok := (*zip.File)(nil), false
	if k >= 0 {
		f, ok = wb.open(wb.parts[k])
	}
	if !ok {
		return append(ps, t.problem(0, "", "the sheet is missing from the workbook: it is damaged; save it again from the spreadsheet program"))
	}
	rc, err := f.Open()
	if err != nil {
		return append(ps, t.problem(0, "", "cannot read the sheet: %v", err))
	}
	defer rc.Close()
	sr := sheetReader{t: t, wb: wb, sc: newScanner(rc, maxTagBytes), ps: &ps}
	err = sr.read()
	sr.sstSummary()
	if err != nil {
		t.Cut = true
		if errors.Is(err, errStop) {
			return ps
		}
		msg := err.Error()
		switch {
		case errors.Is(err, errDamaged):
			msg = fmt.Sprintf("the sheet is damaged: %s; save the workbook again from the spreadsheet program", strings.TrimPrefix(msg, errDamaged.Error()+": "))
		case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF):
			msg = fmt.Sprintf("the sheet is damaged (%v): save the workbook again from the spreadsheet program", err)
		}
		ps = append(ps, t.problem(sr.row, "", "%s", msg))
	}
	return ps
}

// errStop ends reading when a limit is reached; the problem is reported.
// errDone ends it at the end of the sheet's data.
var errStop, errDone = errors.New("stop"), errors.New("done")

type sheetReader struct {
	t  *rawTable
	wb *workbook
	sc *xmlScanner
	ps *mentormatch.Problems

	row       int // the current row
	pending   int // empty rows not yet passed on: trailing ones are dropped
	cells     []string
	col       int    // the current cell's column, 0-based
	typ       string // its t attribute
	inRow     bool   // between a row's start and end tags
	inV, inIS bool
	text      textCollector
	badSST    int // text cells whose shared string does not exist
	sstAt     int // the problem that reports the first of them
}

func (sr *sheetReader) read() error {
	inData := false
	err := sr.sc.each(func(tok token) error {
		switch {
		case tok.is(tokStart, "sheetData"):
			inData = true
		case tok.is(tokEnd, "sheetData"):
			if sr.inRow {
				if err := sr.endRow(); err != nil {
					return err
				}
			}
			return errDone
		case !inData:
		case tok.kind != tokEnd && tok.named("row"):
			// A row left open ends where the next one starts.
			if sr.inRow {
				if err := sr.endRow(); err != nil {
					return err
				}
			}
			if err := sr.startRow(tok); err != nil {
				return err
			}
			if tok.kind == tokEmpty {
				sr.pending++
			} else {
				sr.inRow = true
			}
		case tok.is(tokEnd, "row"):
			if !sr.inRow {
				return nil // a stray end tag
			}
			return sr.endRow()
		case !sr.inRow:
			// Cells outside a row belong nowhere.
		case tok.kind != tokEnd && tok.named("c"):
			if err := sr.startCell(tok); err != nil {
				return err
			}
			if tok.kind == tokEmpty {
				sr.endCell()
			}
		case tok.is(tokEnd, "c"):
			sr.endCell()
		case tok.is(tokStart, "v"):
			sr.inV = true
		case tok.is(tokEnd, "v"):
			sr.inV = false
		case tok.is(tokStart, "is"):
			sr.inIS = true
		case tok.is(tokEnd, "is"):
			sr.inIS = false
		case sr.inIS:
			sr.text.token(tok)
		case sr.inV && tok.kind == tokText:
			sr.text.inT = true
			sr.text.token(tok)
		}
		return nil
	})
	if err == errDone {
		return nil
	}
	return err
}

func (sr *sheetReader) startRow(tok token) error {
	r := sr.row + 1
	if v, ok := tok.attrRaw("r"); ok {
		n, ok := atoi(v)
		if !ok || n < 1 {
			return fmt.Errorf("%w: row number %q", errDamaged, v)
		}
		if n > xlsxMaxRows {
			sr.row = sr.row + 1
			return fmt.Errorf("%w: a row number is beyond Excel's last row (%d)", errDamaged, xlsxMaxRows)
		}
		if n <= sr.row {
			return fmt.Errorf("%w: row %d comes after row %d", errDamaged, n, sr.row)
		}
		r = n
	}
	sr.pending += r - sr.row - 1
	sr.row = r
	sr.cells = sr.cells[:0]
	sr.col = -1
	return nil
}

func (sr *sheetReader) startCell(tok token) error {
	col := sr.col + 1
	if ref, ok := tok.attrRaw("r"); ok {
		c, err := refColumn(ref)
		if err != nil {
			return err
		}
		col = max(c, sr.col+1)
	}
	if col >= xlsxMaxCols {
		return fmt.Errorf("%w: a column is beyond Excel's last column (XFD)", errDamaged)
	}
	sr.col = col
	typ, _ := tok.attrRaw("t")
	sr.typ = cellType(typ)
	sr.text.reset()
	sr.inV, sr.inIS = false, false
	return nil
}

// cellTypes are the values of a cell's t attribute.
var cellTypes = []string{"s", "str", "inlineStr", "b", "e", "n", "d"}

// cellType returns t as one of cellTypes, without allocating.
func cellType(t []byte) string {
	for _, c := range cellTypes {
		if string(t) == c {
			return c
		}
	}
	return ""
}

// atoi reads a non-negative decimal number of at most 9 digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// refColumn returns the 0-based column of a cell reference such as "AB12".
func refColumn[T string | []byte](ref T) (int, error) {
	c := 0
	for i := 0; i < len(ref); i++ {
		ch := ref[i] | 0x20 // lower case
		if ch < 'a' || ch > 'z' {
			if i == 0 {
				break
			}
			return c - 1, nil
		}
		c = c*26 + int(ch-'a'+1)
		if c > xlsxMaxCols {
			return 0, fmt.Errorf("%w: a column is beyond Excel's last column (XFD)", errDamaged)
		}
	}
	return 0, fmt.Errorf("%w: cell reference %q", errDamaged, ref)
}

func (sr *sheetReader) endCell() {
	s, n := sr.text.value()
	switch sr.typ {
	case "s":
		if err := sr.wb.sharedStrings(); err != nil {
			*sr.ps = append(*sr.ps, sr.t.problem(0, "", "cannot read the workbook: %v", err))
			sr.wb.sst, sr.wb.sstPart = nil, "" // report it once
			sr.wb.sstBroken = true
		}
		ref := strings.TrimSpace(s)
		i, err := strconv.Atoi(ref)
		s, n = "", 0
		if err == nil && i >= 0 && i < len(sr.wb.sst) {
			s = sr.wb.sst[i]
			n = max(sr.wb.sstLong[i], len(s))
		} else {
			sr.badText(ref)
		}
	case "b":
		s = map[string]string{"1": "TRUE", "0": "FALSE"}[strings.TrimSpace(s)]
	case "", "n":
		s = normNumber(strings.TrimSpace(s))
	}
	if n > MaxCellBytes {
		*sr.ps = append(*sr.ps, sr.t.problem(sr.row, columnName(sr.col), "the cell is %d KiB long; cells are limited to %d KiB", n>>10, MaxCellBytes>>10))
	}
	if s == "" {
		return
	}
	for len(sr.cells) < sr.col {
		sr.cells = append(sr.cells, "")
	}
	sr.cells = append(sr.cells, s)
}

// badText reports a text cell whose shared string does not exist: the
// first one in full, the others as a count (sstSummary), so that a
// workbook without its shared-strings part gives one problem, not one
// per cell, and never reads as blank cells.
func (sr *sheetReader) badText(ref string) {
	if sr.wb.sstBroken {
		return // reported as the workbook's problem
	}
	sr.badSST++
	if sr.badSST > 1 {
		return
	}
	has := fmt.Sprintf("the workbook has %d", len(sr.wb.sst))
	if sr.wb.sstPart == "" {
		has = "the workbook has no shared-strings part"
	}
	if len(ref) > 20 {
		ref = ref[:20] + "…"
	}
	sr.sstAt = len(*sr.ps)
	*sr.ps = append(*sr.ps, sr.t.problem(sr.row, columnName(sr.col), "damaged workbook: shared string %s out of range (%s); save it again from the spreadsheet program", ref, has))
}

func (sr *sheetReader) sstSummary() {
	if sr.badSST > 1 {
		p := &(*sr.ps)[sr.sstAt]
		more := fmt.Sprintf("%d more text cells of the sheet do too", sr.badSST-1)
		if sr.badSST == 2 {
			more = "1 more text cell of the sheet does too"
		}
		p.Message += "; " + more
	}
}

// normNumber writes a number as a spreadsheet shows it in General format:
// at most 15 significant digits ("0.30000000000000004" is 0.3) and no
// exponent for ordinary sizes ("1E-3" is 0.001).
func normNumber(s string) string {
	if s == "" || !strings.ContainsAny(s, "eE") && len(strings.Trim(s, "-+.0")) <= 15 {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if a := max(v, -v); a != 0 && (a < 1e-9 || a >= 1e15) {
		return strconv.FormatFloat(v, 'G', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (sr *sheetReader) endRow() error {
	sr.inRow = false
	cells := sr.cells
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		sr.pending++
		return nil
	}
	t := sr.t
	for ; sr.pending > 0; sr.pending-- {
		line := sr.row - sr.pending
		if t.sink == nil {
			t.Rows = append(t.Rows, nil)
			t.Lines = append(t.Lines, line)
		} else if !t.sink(nil, line, sr.ps) {
			return errStop
		}
	}
	// The row is handed over; the next one gets a new slice.
	sr.cells = make([]string, 0, len(cells))
	if !t.add(cells, sr.row, sr.ps) {
		return errStop
	}
	return nil
}

// The XML scanner.

type tokenKind int

const (
	tokText  tokenKind = iota
	tokStart           // <name ...>
	tokEnd             // </name>
	tokEmpty           // <name .../>
)

type token struct {
	kind  tokenKind
	name  []byte // local name, without a namespace prefix
	attrs []byte // raw attributes of a start tag
	text  []byte // decoded text, at most maxTextBytes of it
	size  int    // the whole text's length
}

func (t token) is(kind tokenKind, name string) bool { return t.kind == kind && string(t.name) == name }

func (t token) named(name string) bool { return string(t.name) == name }

// attrRaw returns the value of an attribute as written, entities left
// alone: for row and cell attributes, which never hold any.
func (t token) attrRaw(name string) ([]byte, bool) {
	v, ok := t.findAttr(func(n []byte) bool { return string(n) == name })
	return v, ok
}

// attr returns the value of the attribute name (with its prefix, if any).
func (t token) attr(name string) (string, bool) {
	v, ok := t.findAttr(func(n []byte) bool { return string(n) == name })
	return unescapeXML(v), ok
}

// attrLocal returns the value of a prefixed attribute by its local name,
// such as r:id.
func (t token) attrLocal(local string) (string, bool) {
	v, ok := t.findAttr(func(n []byte) bool {
		i := bytes.IndexByte(n, ':')
		return i >= 0 && string(n[i+1:]) == local
	})
	return unescapeXML(v), ok
}

func (t token) findAttr(match func([]byte) bool) ([]byte, bool) {
	a := t.attrs
	for {
		a = bytes.TrimLeft(a, " \t\r\n")
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return nil, false
		}
		name := bytes.TrimSpace(a[:eq])
		a = bytes.TrimLeft(a[eq+1:], " \t\r\n")
		if len(a) == 0 || a[0] != '"' && a[0] != '\'' {
			return nil, false
		}
		end := bytes.IndexByte(a[1:], a[0])
		if end < 0 {
			return nil, false
		}
		if match(name) {
			return a[1 : end+1], true
		}
		a = a[end+2:]
	}
}

// maxTextBytes is how much of one text node the scanner keeps; the rest
// is counted, not held, so one huge cell costs no memory.
const maxTextBytes = MaxCellBytes + 8

type xmlScanner struct {
	r      *bufio.Reader
	maxTag int
	tag    []byte
	text   []byte
	dec    []byte // decoded text
}

func newScanner(r io.Reader, maxTag int) *xmlScanner {
	return &xmlScanner{r: bufio.NewReaderSize(r, 64<<10), maxTag: maxTag}
}

// next returns the next token; text between tags comes as tokText with
// entities decoded. Comments, processing instructions and declarations
// are skipped; CDATA is text.
func (s *xmlScanner) next() (token, error) {
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return token{}, err
		}
		if c != '<' {
			s.r.UnreadByte()
			return s.readText()
		}
		tok, skip, err := s.readTag()
		if err != nil {
			return token{}, err
		}
		if !skip {
			return tok, nil
		}
	}
}

// each calls f with every token to the end of the input, and stops at the
// first error, f's or the scanner's.
func (s *xmlScanner) each(f func(token) error) error {
	for {
		tok, err := s.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := f(tok); err != nil {
			return err
		}
	}
}

// readText reads up to the next '<'.
func (s *xmlScanner) readText() (token, error) {
	s.text = s.text[:0]
	size := 0
	for {
		chunk, err := s.r.ReadSlice('<')
		if len(chunk) > 0 && chunk[len(chunk)-1] == '<' {
			chunk = chunk[:len(chunk)-1]
			s.r.UnreadByte()
			err = nil
		} else if err == bufio.ErrBufferFull {
			err = nil
			size += len(chunk)
			s.keep(chunk)
			continue
		}
		size += len(chunk)
		s.keep(chunk)
		if err != nil && err != io.EOF {
			return token{}, err
		}
		s.dec = appendUnescapeXML(s.dec[:0], s.text)
		return token{kind: tokText, text: s.dec, size: size - len(s.text) + len(s.dec)}, nil
	}
}

func (s *xmlScanner) keep(b []byte) {
	if room := maxTextBytes - len(s.text); room > 0 {
		s.text = append(s.text, b[:min(len(b), room)]...)
	}
}

// readTag reads a tag after its '<'. skip is set for what is not an
// element: comments, declarations, processing instructions.
func (s *xmlScanner) readTag() (tok token, skip bool, err error) {
	c, err := s.r.ReadByte()
	if err != nil {
		return tok, false, unexpected(err)
	}
	switch c {
	case '?':
		return tok, true, s.skipPast("?>")
	case '!':
		head, _ := s.r.Peek(7)
		switch {
		case bytes.HasPrefix(head, []byte("--")):
			return tok, true, s.skipPast("-->")
		case bytes.HasPrefix(head, []byte("[CDATA[")):
			s.r.Discard(7)
			return s.readCDATA()
		}
		return tok, true, s.skipPast(">")
	}
	s.r.UnreadByte()
	s.tag = s.tag[:0]
	for {
		chunk, err := s.r.ReadSlice('>')
		if err != nil && err != bufio.ErrBufferFull {
			return tok, false, unexpected(err)
		}
		if s.tag = append(s.tag, chunk...); len(s.tag) > s.maxTag {
			return tok, false, fmt.Errorf("%w: a tag longer than %d KiB", errDamaged, s.maxTag>>10)
		}
		// A '>' inside a quoted attribute value does not end the tag.
		if err == nil && !openQuote(s.tag) {
			break
		}
	}
	b := s.tag[:len(s.tag)-1]
	tok.kind = tokStart
	switch {
	case len(b) > 0 && b[0] == '/':
		tok.kind, b = tokEnd, b[1:]
	case len(b) > 0 && b[len(b)-1] == '/':
		tok.kind, b = tokEmpty, b[:len(b)-1]
	}
	end := bytes.IndexAny(b, " \t\r\n")
	if end < 0 {
		end = len(b)
	}
	name := b[:end]
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	if len(name) == 0 {
		return tok, false, fmt.Errorf("%w: a tag without a name", errDamaged)
	}
	tok.name, tok.attrs = name, b[end:]
	return tok, false, nil
}

// openQuote reports whether b ends inside a quoted attribute value.
func openQuote(b []byte) bool {
	if bytes.IndexByte(b, '"') < 0 && bytes.IndexByte(b, '\'') < 0 {
		return false
	}
	quote := byte(0)
	for _, c := range b {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		}
	}
	return quote != 0
}

// readCDATA returns the text of a CDATA section, as it is.
func (s *xmlScanner) readCDATA() (token, bool, error) {
	s.text = s.text[:0]
	size := 0
	var tail [2]byte // the last two bytes read, to spot "]]>"
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return token{}, false, unexpected(err)
		}
		if c == '>' && tail == [2]byte{']', ']'} {
			text := s.text[:max(0, min(len(s.text), size-2))]
			return token{kind: tokText, text: append([]byte(nil), text...), size: size - 2}, false, nil
		}
		tail[0], tail[1] = tail[1], c
		size++
		if len(s.text) < maxTextBytes {
			s.text = append(s.text, c)
		}
	}
}

// skipPast reads up to and including end.
func (s *xmlScanner) skipPast(end string) error {
	window := make([]byte, 0, len(end))
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return unexpected(err)
		}
		if len(window) == len(end) {
			window = append(window[:0], window[1:]...)
		}
		if window = append(window, c); string(window) == end {
			return nil
		}
	}
}

func unexpected(err error) error {
	if err == io.EOF {
		return fmt.Errorf("%w: the XML ends in the middle of a tag", errDamaged)
	}
	return err
}

// unescapeXML decodes the five named entities and numeric character
// references; anything else is kept as written.
func unescapeXML(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	return string(appendUnescapeXML(nil, b))
}

// appendUnescapeXML appends b to dst with entities decoded.
func appendUnescapeXML(dst, b []byte) []byte {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		semi := bytes.IndexByte(b[:min(len(b), 12)], ';')
		if semi < 0 {
			dst = append(dst, '&')
			b = b[1:]
			continue
		}
		ent := string(b[1:semi])
		r := rune(-1)
		switch {
		case ent == "lt":
			r = '<'
		case ent == "gt":
			r = '>'
		case ent == "amp":
			r = '&'
		case ent == "quot":
			r = '"'
		case ent == "apos":
			r = '\''
		case strings.HasPrefix(ent, "#x"), strings.HasPrefix(ent, "#X"):
			if v, err := strconv.ParseUint(ent[2:], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
				r = rune(v)
			}
		case strings.HasPrefix(ent, "#"):
			if v, err := strconv.ParseUint(ent[1:], 10, 32); err == nil && utf8.ValidRune(rune(v)) {
				r = rune(v)
			}
		}
		if r < 0 {
			dst = append(dst, '&')
			b = b[1:]
			continue
		}
		dst = utf8.AppendRune(dst, r)
		b = b[semi+1:]
	}
	return dst
}
