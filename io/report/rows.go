package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A streamed sheet's rows are most of a large workbook: the plan's
// Schedule and Roadmaps sheets of 10,000 mentees are 120 MB of XML. The
// stream writer spends most of its time on each cell's generic path
// (a cell name made as a string, every text run through two escapers and
// a regular expression) and keeps what it writes in temporary files. So
// rows of plain values are written here instead, as the stream writer
// writes them, byte for byte: the sheet's stream gets its header row
// only, and the zip writer puts the rows in where the stream's sheet data
// ends, as it deflates the sheet (sortedZip). A sheet with a value this
// writer does not write as the stream writer would is streamed whole, as
// before: TestRowsAsStreamed holds the two to the same bytes.

// writesRows reports whether every row of d can be written here: values
// that are nil, text, float64 or int (startedSheet.rows gives them their
// column's style); text without "_x" (the stream writer escapes what
// reads as an escaped character); floats finite and under 10¹⁵; row
// heights the stream writer accepts; and no more rows or columns than a
// sheet holds. It returns how many lines of wrapped text each row takes
// (wrappedLines), for the rows' heights.
func writesRows(d *sheetData) (lines []int, ok bool) {
	if len(d.rows)+1 > excelize.TotalRows || len(d.head) > excelize.MaxColumns {
		return nil, false
	}
	lines = make([]int, len(d.rows))
	for i, r := range d.rows {
		if len(r) > len(d.head) {
			return nil, false
		}
		for _, v := range r {
			if !plainValue(v) {
				return nil, false
			}
		}
		lines[i] = wrappedLines(d, r)
		if lineHeight*float64(lines[i]) > excelize.MaxRowHeight {
			return nil, false
		}
	}
	return lines, true
}

func plainValue(v any) bool {
	switch v := v.(type) {
	case nil, int:
		return true
	case string:
		return !strings.Contains(v, "_x")
	case float64:
		return !math.IsNaN(v) && math.Abs(v) < 1e15
	}
	return false
}

// rowWriter writes one sheet's rows (from its second) as the stream
// writer does; writesRows(d) holds.
type rowWriter struct {
	d       *sheetData
	styleOf []int
	lines   []int    // of wrapped text, by row
	cols    [][]byte // the columns' names, A, B, …
	next    int      // index of the next row of d.rows to write
	buf     []byte
	esc     bytes.Buffer
}

func newRowWriter(d *sheetData, styleOf, lines []int) *rowWriter {
	w := &rowWriter{d: d, styleOf: styleOf, lines: lines, cols: make([][]byte, len(d.head))}
	for j := range w.cols {
		name, _ := excelize.ColumnNumberToName(j + 1)
		w.cols[j] = []byte(name)
	}
	return w
}

// errRowsCut is a spliced sheet whose stream has no end of its sheet
// data to put the rows in at: a bug.
var errRowsCut = errors.New("workbook: a streamed sheet has no end of its sheet data")

// chunk writes the next rows, about size bytes of them, and returns them;
// nil when every row is written. The bytes are the writer's until the
// next call.
func (w *rowWriter) chunk(size int) []byte {
	w.buf = w.buf[:0]
	for w.next < len(w.d.rows) && len(w.buf) < size {
		w.row(w.next+2, w.d.rows[w.next], w.lines[w.next])
		// A row written is let go: the sheet's are most of the memory
		// the workbook takes.
		w.d.rows[w.next] = nil
		w.next++
	}
	if len(w.buf) == 0 {
		return nil
	}
	return w.buf
}

// row appends row n (as the sheet numbers it) holding r, lines of
// wrapped text tall.
func (w *rowWriter) row(n int, r []any, lines int) {
	b := append(w.buf, `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, '"')
	if lines > 1 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, lineHeight*float64(lines), 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for j, v := range r {
		// A styled column's value is a cell with the style, written
		// also when it has no value.
		style := w.styleOf[j]
		if v == nil && style == 0 {
			continue
		}
		b = append(b, `<c r="`...)
		b = append(b, w.cols[j]...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '"')
		if style > 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(style), 10)
			b = append(b, '"')
		}
		switch v := v.(type) {
		case nil:
			b = append(b, `></c>`...)
		case string:
			b = w.text(b, v)
		case int:
			b = append(b, `><v>`...)
			b = strconv.AppendInt(b, int64(v), 10)
			b = append(b, `</v></c>`...)
		case float64:
			b = append(b, `><v>`...)
			b = appendNumber(b, v)
			b = append(b, `</v></c>`...)
		}
	}
	w.buf = append(b, `</row>`...)
}

// text appends the rest of a text cell, from its type: an inline string,
// cut to a cell's most UTF-16 units, its spaces kept when it starts or
// ends with one, escaped as XML text with line feeds left as they are.
func (w *rowWriter) text(b []byte, s string) []byte {
	b = append(b, ` t="inlineStr"><is><t`...)
	if n := utf16Len(s); n > excelize.TotalCellChars {
		s = cutUTF16(s, excelize.TotalCellChars)
	}
	if s != "" && (spaceByte(s[0]) || spaceByte(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	if plainText(s) {
		b = append(b, s...)
	} else {
		w.esc.Reset()
		_ = xml.EscapeText(&w.esc, []byte(s))
		b = append(b, strings.ReplaceAll(w.esc.String(), "&#xA;", "\n")...)
	}
	return append(b, `</t></is></c>`...)
}

// plainText reports whether s is printable ASCII that XML text holds as
// it is.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= utf8.RuneSelf || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			return false
		}
	}
	return true
}

func spaceByte(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || c == ' ' }

// utf16Len is how many UTF-16 units s takes.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cutUTF16 is the longest start of s that takes at most most UTF-16 units.
func cutUTF16(s string, most int) string {
	n := 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > most {
			return s[:i]
		}
	}
	return s
}

// appendNumber appends x as a sheet's cell holds it: the shortest decimal
// that reads back as x, cut (not rounded) after its fifteenth significant
// digit, which the caller keeps in the fraction (|x| < 10¹⁵).
func appendNumber(b []byte, x float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, x, 'f', -1, 64)
	digits, point := 0, -1
	for i := start; i < len(b); i++ {
		c := b[i]
		if c == '.' {
			point = i
		}
		if c < '0' || c > '9' || digits == 0 && c == '0' {
			continue
		}
		digits++
		if digits > 15 && point >= 0 {
			b = b[:i]
			if b[len(b)-1] == '.' {
				b = b[:len(b)-1]
			}
			return b
		}
	}
	return b
}
