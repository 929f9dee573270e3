package table

import (
	"math"
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
}

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
	var (
		t  *rawTable
		ps mentormatch.Problems
	)
	if kind == kindXLSX {
		ts, xps := readXLSX(path, data, sheet, false)
		ps = xps
		if len(ts) == 0 {
			ps.Sort()
			return nil, ps
		}
		t = ts[0]
	} else {
		t, ps = readCSV(path, data, matrixDelimiter)
	}
	m, mps := t.matrix()
	ps = append(ps, mps...)
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return m, nil
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

func (t *rawTable) matrix() (*Matrix, mentormatch.Problems) {
	rows, lines := t.Rows, t.Lines
	// Blank lines at the end are not rows of forbidden cells.
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows, lines = rows[:len(rows)-1], lines[:len(lines)-1]
	}
	if len(rows) == 0 {
		return nil, mentormatch.Problems{t.problem(0, "", "no numbers found: expected rows of numbers, optionally with a first row and a first column of labels")}
	}
	corner := len(rows[0]) > 0 && isLabel(rows[0][0], t.Delim)
	rowLabels, colLabels := corner, corner
	for j := 1; j < len(rows[0]) && !colLabels; j++ {
		colLabels = isLabel(rows[0][j], t.Delim)
	}
	for i := 1; i < len(rows) && !rowLabels; i++ {
		rowLabels = len(rows[i]) > 0 && isLabel(rows[i][0], t.Delim)
	}
	r0, c0 := boolInt(colLabels), boolInt(rowLabels)
	width := 0
	if t.Strict {
		width = len(rows[0])
	} else {
		for _, r := range rows {
			width = max(width, len(r))
		}
	}
	m := &Matrix{Rows: len(rows) - r0, Cols: width - c0}
	if m.Rows <= 0 || m.Cols <= 0 {
		return nil, mentormatch.Problems{t.problem(0, "", "no numbers found: the file has only labels")}
	}
	var ps mentormatch.Problems
	if colLabels {
		m.ColLabels = make([]string, m.Cols)
		for j := range m.Cols {
			if c0+j < len(rows[0]) {
				m.ColLabels[j] = strings.TrimSpace(rows[0][c0+j])
			}
		}
	}
	if rowLabels {
		m.RowLabels = make([]string, m.Rows)
	}
	m.Data = make([]float64, 0, m.Rows*m.Cols)
	for i := r0; i < len(rows); i++ {
		row, line := rows[i], lines[i]
		if t.Strict && len(row) != width {
			n := len(row)
			for n > width && strings.TrimSpace(row[n-1]) == "" {
				n--
			}
			if n != width {
				ps = append(ps, t.problem(line, "", "row has %d cells but the first row has %d: every row needs a cell for every column (leave a cell empty to forbid it)", len(row), width))
			}
		}
		if rowLabels && len(row) > 0 {
			m.RowLabels[i-r0] = strings.TrimSpace(row[0])
		}
		for j := c0; j < width; j++ {
			v := math.NaN()
			if j < len(row) && strings.TrimSpace(row[j]) != "" {
				x, ok := parseNumber(row[j], t.Delim)
				if ok {
					v = x
				} else {
					ps = append(ps, t.problem(line, columnName(j), "%q is not a number: expected a number, or an empty cell for a forbidden pair", strings.TrimSpace(row[j])))
				}
			}
			m.Data = append(m.Data, v)
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return m, nil
}
