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
		data: "A,B\n1,x\n2\n3,Inf\n",
		want: `3 problems found:
  m.csv row 2, column "B": "x" is not a number: expected a number, or an empty cell for a forbidden pair
  m.csv row 3: row has 1 cells but the first row has 2: every row needs a cell for every column (leave a cell empty to forbid it)
  m.csv row 4, column "B": "Inf" is not a number: expected a number, or an empty cell for a forbidden pair`,
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
// aside) is not a number or when the corner is text; XLSX rows may be
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
	for j := 1; j < len(rows[0]); j++ {
		cl = cl || label(rows[0][j])
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
