package table

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// Matrix is a dense matrix of numbers read from a file, as for the solve
// command. Empty cells are NaN: the pair is forbidden.
type Matrix struct {
	Rows, Cols int
	// Data holds the cells row by row: cell (i, j) is Data[i*Cols+j].
	Data []float64
	// RowLabels and ColLabels are the first column and first row when the
	// file has labels; nil when it has none.
	RowLabels, ColLabels []string
	// Warnings are things the reader repaired, such as a CSV file that
	// was not UTF-8.
	Warnings mentormatch.Problems

	// Where the cells came from, for ForbidInfinite's problems: the file
	// row of each matrix row, and how many label columns come first.
	lines       []int
	col0        int
	file, sheet string
	corner      string // the top-left cell
}

// Limits on matrices, beyond those on every file: a matrix has a column
// per mentor, so it may be wider than a people file, but its cells are
// bounded (25 million cells take 200 MB as numbers).
const (
	MaxMatrixColumns = 16_384 // Excel's last column, XFD
	MaxMatrixCells   = 25_000_000
)

// At returns cell (i, j), 0-based.
func (m *Matrix) At(i, j int) float64 { return m.Data[i*m.Cols+j] }

// ReadMatrix reads a CSV or XLSX file of numbers. A first row and a first
// column are labels when their cells (the top-left corner aside) are not
// all numbers, or when the corner holds text. An empty cell is NaN. Every
// cell that is not a number, and every CSV row of a different width than
// the first, is reported; the error is then mentormatch.Problems, or an
// I/O error. For XLSX, sheet picks the sheet; empty reads the first.
func ReadMatrix(path, sheet string) (*Matrix, error) {
	data, p, err := load(File{Path: path})
	if err != nil {
		return nil, err
	}
	if p != nil {
		return nil, mentormatch.Problems{*p}
	}
	return readMatrix(path, data, sheet)
}

func readMatrix(path string, data []byte, sheet string) (*Matrix, error) {
	kind, p := sniff(path, data)
	if p != nil {
		return nil, mentormatch.Problems{*p}
	}
	mr := &matrixReader{}
	t := &rawTable{File: path, maxColumns: MaxMatrixColumns, maxCells: MaxMatrixCells, sink: mr.row}
	mr.t = t
	var ps mentormatch.Problems
	if kind == kindXLSX {
		wb, p := openXLSX(path, data)
		if p != nil {
			return nil, mentormatch.Problems{*p}
		}
		choices, msg := pickSheets(wb.names, sheet, false)
		if msg != "" {
			return nil, mentormatch.Problems{{File: path, Message: msg}}
		}
		t.Sheet = choices[0].name
		ps = t.stream(wb)
	} else {
		ps = t.readCSV(data, matrixDelimiter)
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	m, ps := mr.finish()
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	m.Warnings = t.Warnings
	return m, nil
}

// matrixReader turns rows into numbers as they are read, holding 8 bytes
// per cell rather than a string. Whether the first row and the first
// column are labels is known only at the end, so they are kept as text
// until then.
type matrixReader struct {
	t      *rawTable
	first  []string // the first row
	col0   []string // the first cell of every later row
	vals   []float64
	starts []int // where each later row's cells 2.. begin in vals
	lines  []int // each later row's row number in the file
	line0  int   // the first row's
	width  int   // cells in the widest row (CSV: the first row)
}

func (mr *matrixReader) row(rec []string, line int, ps *mentormatch.Problems) bool {
	t := mr.t
	if mr.first == nil {
		mr.vals = make([]float64, 0, min(t.cellHint, MaxMatrixCells))
		mr.first = append(make([]string, 0, len(rec)+1), rec...)
		mr.line0 = line
		if len(rec) == 0 {
			mr.first = append(mr.first, "")
		}
		mr.width = len(mr.first)
		return true
	}
	if t.Strict && len(rec) != mr.width {
		n := len(rec)
		for n > mr.width && strings.TrimSpace(rec[n-1]) == "" {
			n--
		}
		if n != mr.width {
			*ps = append(*ps, t.problem(line, "", "row has %d cells but the first row has %d: every row needs a cell for every column (leave a cell empty to forbid it)", len(rec), mr.width))
		}
		rec = rec[:min(n, mr.width)]
	}
	mr.width = max(mr.width, len(rec))
	c0 := ""
	if len(rec) > 0 {
		c0 = rec[0]
	}
	mr.col0 = append(mr.col0, c0)
	mr.starts = append(mr.starts, len(mr.vals))
	mr.lines = append(mr.lines, line)
	for j := 1; j < len(rec); j++ {
		mr.vals = append(mr.vals, mr.cell(rec[j], line, j, ps))
	}
	return true
}

// cell reads a cell of the matrix proper: a number, ±Inf (forbidden or
// refused later, see ForbidInfinite), or NaN when empty; anything else is
// reported.
func (mr *matrixReader) cell(s string, line, col int, ps *mentormatch.Problems) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return math.NaN()
	}
	v, kind := readNumber(s, mr.t.Delim)
	var msg string
	switch kind {
	case numFinite, numInf:
		return v
	case numNaN:
		msg = fmt.Sprintf("%q: NaN is not a value the solver can use; leave the cell empty to forbid the pair", s)
	case numTooLarge:
		msg = fmt.Sprintf("%s is beyond the largest number a double holds (about 1.8e308): scale the matrix down", s)
	default:
		msg = fmt.Sprintf("%q is not a number: expected a number, or an empty cell for a forbidden pair", s)
	}
	*ps = append(*ps, mr.t.problem(line, columnName(col), "%s", msg))
	return math.NaN()
}

// finish decides on labels and lays the cells out row by row, in place:
// each row moves to an offset at or after where it was read, so moving
// rows from the last to the first never overwrites one not yet moved.
func (mr *matrixReader) finish() (*Matrix, mentormatch.Problems) {
	t := mr.t
	n := len(mr.col0) // rows after the first
	for n > 0 && strings.TrimSpace(mr.col0[n-1]) == "" && mr.rowLen(n-1) == 0 {
		n-- // blank rows at the end are not rows of forbidden cells
	}
	if mr.first == nil || n == 0 && blank(mr.first) {
		return nil, mentormatch.Problems{t.problem(0, "", "no numbers found: expected rows of numbers, optionally with a first row and a first column of labels")}
	}
	corner := isLabel(mr.first[0], t.Delim)
	rowLabels, colLabels := corner, corner
	for j := 1; j < len(mr.first) && !colLabels; j++ {
		colLabels = isLabel(mr.first[j], t.Delim)
	}
	if colLabels && n == 0 && len(mr.first) > 1 && !slices.ContainsFunc(mr.first[1:], func(s string) bool { return isLabel(s, t.Delim) }) {
		colLabels = false // one line of a label and numbers is a row, not a header
	}
	for i := 0; i < n && !rowLabels; i++ {
		rowLabels = isLabel(mr.col0[i], t.Delim)
	}
	r0, c0 := boolInt(colLabels), boolInt(rowLabels)
	m := &Matrix{Rows: n + 1 - r0, Cols: mr.width - c0}
	if m.Rows <= 0 || m.Cols <= 0 {
		return nil, mentormatch.Problems{t.problem(0, "", "no numbers found: the file has only labels")}
	}
	if cells := int64(m.Rows) * int64(m.Cols); cells > MaxMatrixCells {
		return nil, mentormatch.Problems{t.problem(0, "", "the matrix is %d × %d = %d cells; matrices are limited to %d cells", m.Rows, m.Cols, cells, MaxMatrixCells)}
	}
	if colLabels {
		m.ColLabels = make([]string, m.Cols)
		for j := range m.Cols {
			if c0+j < len(mr.first) {
				m.ColLabels[j] = strings.TrimSpace(mr.first[c0+j])
			}
		}
	}
	if rowLabels {
		if r0 == 0 {
			m.RowLabels = append(m.RowLabels, strings.TrimSpace(mr.first[0]))
		}
		for i := range n {
			m.RowLabels = append(m.RowLabels, strings.TrimSpace(mr.col0[i]))
		}
	}
	var ps mentormatch.Problems
	// Cells of the first row and column not taken as labels are numbers
	// or empty (a label would have made them labels).
	num := func(s string, line, col int) float64 { return mr.cell(s, line, col, &ps) }
	data := slices.Grow(mr.vals, m.Rows*m.Cols-len(mr.vals))[:m.Rows*m.Cols]
	for i := n - 1; i >= 0; i-- {
		src, l := mr.starts[i], mr.rowLen(i)
		at := (i + 1 - r0) * m.Cols
		copy(data[at+1-c0:], data[src:src+l])
		for k := at + 1 - c0 + l; k < at+m.Cols; k++ {
			data[k] = math.NaN()
		}
		if c0 == 0 {
			data[at] = num(mr.col0[i], mr.lines[i], 0)
		}
	}
	if r0 == 0 {
		for j := range m.Cols {
			data[j] = math.NaN()
			if c0+j < len(mr.first) {
				data[j] = num(mr.first[c0+j], mr.line0, c0+j)
			}
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	m.Data = data
	m.lines = slices.Clip(append([]int{mr.line0}, mr.lines[:n]...)[r0:])
	m.col0 = c0
	m.file, m.sheet = t.File, t.Sheet
	m.corner = strings.TrimSpace(mr.first[0])
	return m, nil
}

// ForbidInfinite turns the infinitely bad cells, +inf when minimising and
// −inf when maximising, into forbidden pairs (NaN), as SciPy's
// linear_sum_assignment reads them. An infinitely good cell has no
// optimum: each is a problem naming its row and column.
func (m *Matrix) ForbidInfinite(maximize bool) error {
	bad := math.Inf(1)
	if maximize {
		bad = math.Inf(-1)
	}
	var ps mentormatch.Problems
	for k, v := range m.Data {
		if !math.IsInf(v, 0) {
			continue
		}
		if v == bad {
			m.Data[k] = math.NaN()
			continue
		}
		i, j := k/m.Cols, k%m.Cols
		line := 0
		if i < len(m.lines) {
			line = m.lines[i]
		}
		goal := "minimising"
		if maximize {
			goal = "maximising"
		}
		ps = append(ps, mentormatch.Problem{File: m.file, Sheet: m.sheet, Row: line, Column: columnName(j + m.col0),
			Message: fmt.Sprintf("%v when %s would make this pair infinitely good: give a finite number, or leave the cell empty to forbid the pair", v, goal)})
		if len(ps) >= MaxProblems {
			break
		}
	}
	return ps.Err()
}

// rowLen is the number of cells after the first in later row i.
func (mr *matrixReader) rowLen(i int) int {
	if i+1 < len(mr.starts) {
		return mr.starts[i+1] - mr.starts[i]
	}
	return len(mr.vals) - mr.starts[i]
}

// numKind is what a cell holds, read as numpy, pandas and SciPy users
// write numbers.
type numKind int

const (
	numText     numKind = iota // a label: text that is not a number
	numFinite                  // a number
	numNaN                     // nan, NaN
	numInf                     // inf, -inf, Infinity
	numTooLarge                // a number beyond a double, such as 1e400
)

// readNumber reads a cell. Numbers are decimal, with an optional exponent;
// a comma file's quoted "1,000" has thousands separators, and where the
// delimiter is not a comma, a single comma may stand for the point ("1,5").
// nan, inf and -inf are numbers in any case, never labels.
func readNumber(s string, delim rune) (float64, numKind) {
	s = strings.TrimSpace(s)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 {
		return 0, numText
	}
	switch strings.ToLower(body) {
	case "nan":
		return math.NaN(), numNaN
	case "inf", "infinity":
		if strings.HasPrefix(s, "-") {
			return math.Inf(-1), numInf
		}
		return math.Inf(1), numInf
	}
	switch {
	case strings.Count(s, ",") == 0:
	case thousandsRE.MatchString(s) && (delim == ',' || strings.Count(s, ",") > 1 || strings.Contains(s, ".")):
		s = strings.ReplaceAll(s, ",", "")
	case delim != ',' && strings.Count(s, ",") == 1 && !strings.Contains(s, "."):
		s = strings.Replace(s, ",", ".", 1)
	default:
		return 0, numText
	}
	// ParseFloat also takes "0x1p3" and "1_000"; spreadsheets do not.
	if !decimalRE.MatchString(s) {
		return 0, numText
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && math.IsInf(v, 0) {
		return v, numTooLarge
	}
	if err != nil && v != 0 { // an underflow reads as 0, as numpy reads it
		return 0, numText
	}
	return v, numFinite
}

var (
	thousandsRE = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?$`)
	decimalRE   = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
)

// parseNumber reads a cell as a finite number.
func parseNumber(s string, delim rune) (float64, bool) {
	v, kind := readNumber(s, delim)
	return v, kind == numFinite
}

// isLabel: labels are text that is not a number.
func isLabel(s string, delim rune) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	_, kind := readNumber(s, delim)
	return kind == numText
}
