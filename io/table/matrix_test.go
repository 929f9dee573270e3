package table

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

var nan = math.NaN()

func TestReadMatrixCSV(t *testing.T) {
	tests := []struct {
		file       string
		rows, cols int
		data       []float64
		rowLabels  []string
		colLabels  []string
	}{
		{file: "matrix-plain.csv", rows: 2, cols: 3, data: []float64{7, 8, 9, 1, 2, 3}},
		{file: "matrix-labels.csv", rows: 2, cols: 3, data: []float64{10, nan, 30, 40, 50, nan},
			rowLabels: []string{"E1", "E2"}, colLabels: []string{"M1", "M2", "M3"}},
		{file: "matrix-semicolon.csv", rows: 2, cols: 3, data: []float64{1, 2.5, 3, 4, nan, 6}},
		{file: "matrix-tab.tsv", rows: 3, cols: 2, data: []float64{1, 2, 3, 4, 5, 6}},
		// Numbers in the first row and column with an empty corner are data.
		{file: "matrix-numeric-labels.csv", rows: 3, cols: 3, data: []float64{nan, 1001, 1002, 2001, 1, 2, 2002, 3, 4}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			m, err := ReadMatrix(td(tc.file), "")
			require.NoError(t, err)
			assert.Equal(t, tc.rows, m.Rows)
			assert.Equal(t, tc.cols, m.Cols)
			assert.Equal(t, fmt.Sprint(tc.data), fmt.Sprint(m.Data))
			assert.Equal(t, tc.rowLabels, m.RowLabels)
			assert.Equal(t, tc.colLabels, m.ColLabels)
			assert.Empty(t, m.Warnings)
		})
	}
}

func TestReadMatrixProblems(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{{
		name: "bad cells and a short row",
		data: "A,B\n1,x\n2\n3,NaN\n",
		want: `3 problems found:
  m.csv row 2, column "B": "x" is not a number: expected a number, or an empty cell for a forbidden pair
  m.csv row 3: row has 1 cells but the first row has 2: every row needs a cell for every column (leave a cell empty to forbid it)
  m.csv row 4, column "B": "NaN": NaN is not a value the solver can use; leave the cell empty to forbid the pair`,
	}, {
		name: "empty",
		data: "",
		want: "m.csv: no numbers found: expected rows of numbers, optionally with a first row and a first column of labels",
	}, {
		name: "labels only",
		data: "a,b,c\n",
		want: "m.csv: no numbers found: the file has only labels",
	}, {
		name: "too wide",
		data: strings.Repeat("1,", MaxMatrixColumns) + "1\n",
		want: "m.csv row 1: row has 16385 cells; this file is limited to 16384 columns",
	}, {
		name: "a problem a cell stops early",
		data: "a,b\n" + strings.Repeat("x,x\n", 2*MaxProblems),
		want: "",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readMatrix("m.csv", []byte(tc.data), "")
			ps := problems(t, err)
			if tc.want != "" {
				assert.Equal(t, tc.want, ps.Error())
				return
			}
			require.Len(t, ps, MaxProblems+1)
			assert.Contains(t, ps.Error(), "m.csv row 1002: stopped after 1000 problems: fix these and check the file again")
		})
	}
}

// Numbers as numpy, pandas and SciPy write them are numbers, never labels,
// wherever they stand; a whitespace-separated file is read too (issue 15).
func TestReadMatrixAsNumpyWrites(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name, data string
		rows, cols int
		want       []float64
		rowLabels  []string
		colLabels  []string
	}{
		{name: "inf in the corner", data: "inf,1\n2,3\n", rows: 2, cols: 2, want: []float64{inf, 1, 2, 3}},
		{name: "-inf in the first column", data: "1,2\n-inf,3\n", rows: 2, cols: 2, want: []float64{1, 2, math.Inf(-1), 3}},
		{name: "Infinity in the first row", data: "1,Infinity,2\n3,4,5\n", rows: 2, cols: 3, want: []float64{1, inf, 2, 3, 4, 5}},
		{name: "quoted thousands", data: "\"1,000\",2\n3,\"-12,345.5\"\n", rows: 2, cols: 2, want: []float64{1000, 2, 3, -12345.5}},
		{name: "decimal comma beside semicolons", data: "1,5;2\n3;4\n", rows: 2, cols: 2, want: []float64{1.5, 2, 3, 4}},
		{name: "numpy savetxt", data: "1.000000000000000000e+00 2.000000000000000000e+00 3.0e+00\n4 5 6\n", rows: 2, cols: 3, want: []float64{1, 2, 3, 4, 5, 6}},
		{name: "aligned columns", data: "  1.5   20\n 30     4\n\n", rows: 2, cols: 2, want: []float64{1.5, 20, 30, 4}},
		{name: "pandas with sep=' '", data: " a b\nx 1 2\ny 3 4\n", rows: 2, cols: 2, want: []float64{1, 2, 3, 4},
			rowLabels: []string{"x", "y"}, colLabels: []string{"a", "b"}},
		{name: "labels are text", data: ",M1,M2\nE1,inf,2\nE2,3,nan5\n", rows: 0},
		{name: "an underflow is 0", data: "1e-400,1\n2,3\n", rows: 2, cols: 2, want: []float64{0, 1, 2, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := readMatrix("m.csv", []byte(tc.data), "")
			if tc.rows == 0 {
				assert.Contains(t, problems(t, err).Error(), `"nan5" is not a number`)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.rows, m.Rows)
			assert.Equal(t, tc.cols, m.Cols)
			assert.Equal(t, fmt.Sprint(tc.want), fmt.Sprint(m.Data))
			assert.Equal(t, tc.rowLabels, m.RowLabels)
			assert.Equal(t, tc.colLabels, m.ColLabels)
		})
	}
	for _, tc := range []struct{ data, want string }{
		{"nan,1\n2,3\n", `m.csv row 1, column "A": "nan": NaN is not a value the solver can use`},
		{"1,2\n1e400,3\n", `m.csv row 2, column "A": 1e400 is beyond the largest number a double holds`},
		{"1,-1e400\n2,3\n", `m.csv row 1, column "B": -1e400 is beyond the largest number`},
	} {
		_, err := readMatrix("m.csv", []byte(tc.data), "")
		assert.Contains(t, problems(t, err).Error(), tc.want, tc.data)
	}
}

// +inf is a forbidden pair when minimising (as in SciPy), −inf when
// maximising; the other is refused with its row and column.
func TestForbidInfinite(t *testing.T) {
	m, err := readMatrix("m.csv", []byte(",a,b\nx,inf,1\ny,-inf,2\n"), "")
	require.NoError(t, err)
	err = m.ForbidInfinite(false)
	assert.EqualError(t, err, `m.csv row 3, column "B": -Inf when minimising would make this pair infinitely good: give a finite number, or leave the cell empty to forbid the pair`)
	assert.True(t, math.IsNaN(m.Data[0]))

	m, err = readMatrix("m.csv", []byte(",a,b\nx,inf,1\ny,-inf,2\n"), "")
	require.NoError(t, err)
	err = m.ForbidInfinite(true)
	assert.EqualError(t, err, `m.csv row 2, column "B": +Inf when maximising would make this pair infinitely good: give a finite number, or leave the cell empty to forbid the pair`)
	assert.True(t, math.IsNaN(m.Data[2]))
}

// TestReadMatrixCellBudgetXLSX: a sheet whose rows are short but one row is
// wide would be a huge matrix once padded; it is refused before that.
func TestReadMatrixCellBudgetXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	wide := make([]any, MaxMatrixColumns)
	for j := range wide {
		wide[j] = 1
	}
	require.NoError(t, sw.SetRow("A1", wide))
	for i := 2; i <= 2000; i++ {
		require.NoError(t, sw.SetRow(fmt.Sprintf("A%d", i), []any{1}))
	}
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	_, err = readMatrix("m.xlsx", buf.Bytes(), "")
	assert.Equal(t, "m.xlsx [Sheet1]: the matrix is 2000 × 16384 = 32768000 cells; matrices are limited to 25000000 cells", problems(t, err).Error())
}

// naiveMatrix is the reading rule spelled out on whole rows of text: the
// first row and column are labels when one of their cells (the corner
// aside) is not a number or when the corner is text (but a file of one
// line of a label and numbers is a row); XLSX rows may be
// short, CSV rows are as wide as the first.
func naiveMatrix(rows [][]string, strict bool) (r, c int, data []float64, rowLabels, colLabels []string) {
	if strict { // encoding/csv skips blank lines
		rows = slices.DeleteFunc(slices.Clone(rows), func(r []string) bool { return len(r) == 1 && r[0] == "" })
	}
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	label := func(s string) bool { return s != "" && isLabel(s, ',') }
	cell := func(row []string, j int) string {
		if j < len(row) {
			return row[j]
		}
		return ""
	}
	corner := label(cell(rows[0], 0))
	rl, cl := corner, corner
	width := len(rows[0])
	other := false
	for j := 1; j < len(rows[0]); j++ {
		other = other || label(rows[0][j])
	}
	cl = cl || other
	if len(rows) == 1 && len(rows[0]) > 1 && !other {
		cl = false // one line of a label and numbers is a row
	}
	for i := 1; i < len(rows); i++ {
		rl = rl || label(cell(rows[i], 0))
		if !strict {
			width = max(width, len(rows[i]))
		}
	}
	r0, c0 := boolInt(cl), boolInt(rl)
	for i := r0; i < len(rows); i++ {
		if rl {
			rowLabels = append(rowLabels, cell(rows[i], 0))
		}
		for j := c0; j < width; j++ {
			v, ok := parseNumber(cell(rows[i], j), ',')
			if !ok {
				v = math.NaN()
			}
			data = append(data, v)
		}
	}
	if cl {
		for j := c0; j < width; j++ {
			colLabels = append(colLabels, cell(rows[0], j))
		}
	}
	return len(rows) - r0, width - c0, data, rowLabels, colLabels
}

// TestReadMatrixAgainstNaive checks the streaming reader, which lays the
// cells out in place, against naiveMatrix on random CSV and XLSX files
// with and without labels, empty cells, short rows and blank rows.
func TestReadMatrixAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for trial := range 150 {
		rows, cols := 1+rng.IntN(6), 1+rng.IntN(6)
		xlsx := trial%2 == 1
		grid := make([][]string, rows)
		for i := range grid {
			n := cols
			if xlsx && i > 0 {
				n = rng.IntN(cols + 2) // short, blank and wider rows
			}
			grid[i] = make([]string, n)
			for j := range grid[i] {
				switch k := rng.IntN(10); {
				case k == 0:
				case k == 1 && (i == 0 || j == 0):
					grid[i][j] = fmt.Sprintf("L%d", i+j)
				default:
					grid[i][j] = fmt.Sprint(rng.IntN(100) - 20)
				}
			}
			if xlsx { // XLSX rows never end with an empty cell
				for len(grid[i]) > 0 && grid[i][len(grid[i])-1] == "" {
					grid[i] = grid[i][:len(grid[i])-1]
				}
			}
		}
		if blank(grid[0]) {
			grid[0] = []string{"7"}
		}
		var data []byte
		if xlsx {
			f := excelize.NewFile()
			for i, row := range grid {
				vals := make([]any, len(row))
				for j, v := range row {
					if n, ok := parseWhole(v); ok {
						vals[j] = n
					} else if v != "" {
						vals[j] = v
					}
				}
				require.NoError(t, f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &vals))
			}
			var buf bytes.Buffer
			require.NoError(t, f.Write(&buf))
			data = buf.Bytes()
			f.Close()
		} else {
			var b strings.Builder
			for _, row := range grid {
				b.WriteString(strings.Join(row, ",") + "\n")
			}
			data = []byte(b.String())
		}
		name := fmt.Sprintf("trial %d (xlsx %v): %q", trial, xlsx, grid)
		m, err := readMatrix(map[bool]string{true: "m.xlsx", false: "m.csv"}[xlsx], data, "")
		r, c, want, rl, cl := naiveMatrix(grid, !xlsx)
		if r <= 0 || c <= 0 {
			require.Error(t, err, name)
			continue
		}
		require.NoError(t, err, name)
		assert.Equal(t, r, m.Rows, name)
		assert.Equal(t, c, m.Cols, name)
		assert.Equal(t, fmt.Sprint(want), fmt.Sprint(m.Data), name)
		assert.Equal(t, rl, m.RowLabels, name)
		assert.Equal(t, cl, m.ColLabels, name)
	}
}

func TestReadMatrixWindows1252(t *testing.T) {
	m, err := readMatrix("m.csv", []byte("x,Jos\xe9\nRen\xe9,1\n"), "")
	require.NoError(t, err)
	assert.Equal(t, []string{"José"}, m.ColLabels)
	assert.Equal(t, []string{"René"}, m.RowLabels)
	require.Len(t, m.Warnings, 1)
	assert.Contains(t, m.Warnings[0].Message, "Windows-1252")
}
