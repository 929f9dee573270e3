package table

import (
	"math"
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
	width  int   // cells in the widest row (CSV: the first row)
}

func (mr *matrixReader) row(rec []string, line int, ps *mentormatch.Problems) bool {
	t := mr.t
	if mr.first == nil {
		mr.vals = make([]float64, 0, min(t.cellHint, MaxMatrixCells))
		mr.first = append(make([]string, 0, len(rec)+1), rec...)
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
	for j := 1; j < len(rec); j++ {
		v := math.NaN()
		if s := strings.TrimSpace(rec[j]); s != "" {
			x, ok := parseNumber(s, t.Delim)
			if ok {
				v = x
			} else {
				*ps = append(*ps, t.problem(line, columnName(j), "%q is not a number: expected a number, or an empty cell for a forbidden pair", s))
			}
		}
		mr.vals = append(mr.vals, v)
	}
	return true
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
	num := func(s string) float64 {
		v, ok := parseNumber(s, t.Delim)
		if !ok {
			return math.NaN() // empty: a label would have made it a label column
		}
		return v
	}
	data := slices.Grow(mr.vals, m.Rows*m.Cols-len(mr.vals))[:m.Rows*m.Cols]
	for i := n - 1; i >= 0; i-- {
		src, l := mr.starts[i], mr.rowLen(i)
		at := (i + 1 - r0) * m.Cols
		copy(data[at+1-c0:], data[src:src+l])
		for k := at + 1 - c0 + l; k < at+m.Cols; k++ {
			data[k] = math.NaN()
		}
		if c0 == 0 {
			data[at] = num(mr.col0[i])
		}
	}
	if r0 == 0 {
		for j := range m.Cols {
			data[j] = math.NaN()
			if c0+j < len(mr.first) {
				data[j] = num(mr.first[c0+j])
			}
		}
	}
	m.Data = data
	return m, nil
}

// rowLen is the number of cells after the first in later row i.
func (mr *matrixReader) rowLen(i int) int {
	if i+1 < len(mr.starts) {
		return mr.starts[i+1] - mr.starts[i]
	}
	return len(mr.vals) - mr.starts[i]
}

// parseNumber reads a cell as a finite number. When the delimiter is not a
// comma, a decimal comma ("1,5") is accepted too.
func parseNumber(s string, delim rune) (float64, bool) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && delim != ',' && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		v, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	// ParseFloat also takes "Inf", "0x1p3" and "1_000"; spreadsheets do not.
	if strings.ContainsAny(strings.ToLower(s), "xpinf_") {
		return 0, false
	}
	return v, true
}

func isLabel(s string, delim rune) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	_, ok := parseNumber(s, delim)
	return !ok
}
