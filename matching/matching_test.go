package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// brute enumerates every assignment and returns the best (cardinality, total).
func brute(n, m int, data []float64, capa []int, maximize bool) (int, float64) {
	bestK, bestT := -1, 0.0
	load := make([]int, m)
	var rec func(i, k int, t float64)
	rec = func(i, k int, t float64) {
		if i == n {
			if k > bestK || (k == bestK && ((maximize && t > bestT) || (!maximize && t < bestT))) {
				bestK, bestT = k, t
			}
			return
		}
		rec(i+1, k, t)
		for j := 0; j < m; j++ {
			x := data[i*m+j]
			if math.IsNaN(x) || load[j] >= capa[j] {
				continue
			}
			load[j]++
			rec(i+1, k+1, t+x)
			load[j]--
		}
	}
	rec(0, 0, 0)
	return bestK, bestT
}

// instanceGen draws random problems whose shape, value range, forbidden
// density and capacities vary, so that ties, rectangles both ways, both
// solver orientations and unassignable rows all occur.
type instanceGen struct{ rng *rand.Rand }

func (g instanceGen) draw(rows, cols int) ([]float64, Options, []int) {
	rng := g.rng
	data := make([]float64, rows*cols)
	levels := []int{1, 2, 3, 10, 1000}[rng.IntN(5)]
	forbid := []float64{0, 0, 0.1, 0.3, 0.7}[rng.IntN(5)]
	float := rng.IntN(4) == 0
	for k := range data {
		if float {
			data[k] = rng.Float64()*20 - 5
		} else {
			data[k] = float64(rng.IntN(levels) - levels/3)
		}
		if rng.Float64() < forbid {
			data[k] = math.NaN()
		}
	}
	opt := Options{Maximize: rng.IntN(2) == 0}
	full := make([]int, cols)
	for j := range full {
		full[j] = 1
	}
	if rng.IntN(2) == 0 {
		opt.Capacity = make([]int, cols)
		for j := range opt.Capacity {
			opt.Capacity[j] = rng.IntN(4)
		}
		copy(full, opt.Capacity)
	}
	return data, opt, full
}

func TestRegressionSkippedRow(t *testing.T) {
	r, err := SolveData(2, 1, []float64{10, 1}, Options{})
	require.NoError(t, err)
	require.Equal(t, []int{-1, 0}, r.RowCol)
	require.Equal(t, 1.0, r.Total)
	require.NoError(t, CertifyData(2, 1, []float64{10, 1}, Options{}, r))
}

func TestSmall(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name       string
		rows, cols int
		data       []float64
		opt        Options
		rowCol     []int
		total      float64
	}{
		{"empty", 0, 0, nil, Options{}, []int{}, 0},
		{"no columns", 2, 0, nil, Options{}, []int{-1, -1}, 0},
		{"one", 1, 1, []float64{7}, Options{}, []int{0}, 7},
		{"all forbidden", 2, 2, []float64{nan, nan, nan, nan}, Options{}, []int{-1, -1}, 0},
		{"cardinality before total", 2, 2, []float64{1, 100, 1, nan}, Options{}, []int{1, 0}, 101},
		{"maximise", 2, 2, []float64{1, 2, 5, 3}, Options{Maximize: true}, []int{1, 0}, 7},
		{"wide", 1, 3, []float64{3, 1, 2}, Options{}, []int{1}, 1},
		{"tall", 3, 1, []float64{3, 1, 2}, Options{}, []int{-1, 0, -1}, 1},
		{"capacity", 3, 2, []float64{1, 5, 1, 5, 1, 5}, Options{Capacity: []int{2, 1}}, []int{0, 0, 1}, 7},
		{"capacity zero", 2, 2, []float64{1, 5, 1, 5}, Options{Capacity: []int{0, 3}}, []int{1, 1}, 10},
		{"infinite is forbidden", 2, 2, []float64{math.Inf(1), 1, 1, 1}, Options{}, []int{1, 0}, 2},
		{"more rows than seats", 4, 2, []float64{4, 1, 3, 2, 2, 3, 1, 4}, Options{Capacity: []int{1, 1}}, []int{1, -1, -1, 0}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := SolveData(tt.rows, tt.cols, tt.data, tt.opt)
			require.NoError(t, err)
			assert.Equal(t, tt.rowCol, r.RowCol)
			assert.Equal(t, tt.total, r.Total)
			require.NoError(t, CertifyData(tt.rows, tt.cols, tt.data, tt.opt, r))
		})
	}
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols int
		data       []float64
		opt        Options
	}{
		{"short data", 2, 2, []float64{1, 2, 3}, Options{}},
		{"negative size", -1, 2, nil, Options{}},
		{"capacities", 1, 2, []float64{1, 2}, Options{Capacity: []int{1}}},
		{"negative capacity", 1, 2, []float64{1, 2}, Options{Capacity: []int{1, -1}}},
		{"minus infinity when minimising", 1, 1, []float64{math.Inf(-1)}, Options{}},
		{"plus infinity when maximising", 1, 1, []float64{math.Inf(1)}, Options{Maximize: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SolveData(tt.rows, tt.cols, tt.data, tt.opt)
			require.ErrorIs(t, err, ErrInput)
		})
	}
	_, err := Solve(nil, Options{})
	require.ErrorIs(t, err, ErrInput)
}

func TestSolveDense(t *testing.T) {
	m := mat.NewDense(2, 3, []float64{4, 1, 3, 2, 0, 5})
	r, err := Solve(m, Options{})
	require.NoError(t, err)
	assert.Equal(t, []int{1, 0}, r.RowCol)
	assert.Equal(t, 3.0, r.Total)
	require.NoError(t, Certify(m, Options{}, r))
	// A view with a stride is copied, not misread.
	big := mat.NewDense(3, 4, []float64{4, 1, 3, 9, 2, 0, 5, 9, 9, 9, 9, 9})
	view := big.Slice(0, 2, 0, 3).(*mat.Dense)
	r2, err := Solve(view, Options{})
	require.NoError(t, err)
	assert.Equal(t, r.RowCol, r2.RowCol)
}

// Every solution, in both orientations, with and without capacities,
// is checked against enumeration and certified.
func TestBruteForce(t *testing.T) {
	g := instanceGen{rand.New(rand.NewPCG(1, 2))}
	for it := 0; it < 6000; it++ {
		n, m := g.rng.IntN(8)+1, g.rng.IntN(8)+1
		for n*m > 36 {
			m--
		}
		data, opt, full := g.draw(n, m)
		r, err := SolveData(n, m, data, opt)
		require.NoError(t, err)
		k, tot := brute(n, m, data, full, opt.Maximize)
		require.Equal(t, k, r.Assigned, "it %d", it)
		require.InDelta(t, tot, r.Total, 1e-9, "it %d %v %+v", it, data, opt)
		require.NoError(t, CertifyData(n, m, data, opt, r), "it %d %v %+v", it, data, opt)
	}
}

// Larger problems against the reference min-cost flow.
func TestReference(t *testing.T) {
	g := instanceGen{rand.New(rand.NewPCG(3, 4))}
	sizes := []int{10, 30, 60, 120}
	if !testing.Short() {
		sizes = append(sizes, 300)
	}
	for _, n := range sizes {
		for it := 0; it < 12; it++ {
			rows, cols := n, n
			switch it % 3 {
			case 1:
				cols = n/3 + 1
			case 2:
				rows = n/3 + 1
			}
			data, opt, _ := g.draw(rows, cols)
			name := fmt.Sprintf("%dx%d/%d", rows, cols, it)
			r, err := SolveData(rows, cols, data, opt)
			require.NoError(t, err, name)
			want, err := refFlow(rows, cols, data, opt)
			require.NoError(t, err, name)
			require.Equal(t, want.Assigned, r.Assigned, name)
			require.InDelta(t, want.Total, r.Total, 1e-6*math.Max(1, math.Abs(want.Total)), name)
			require.NoError(t, CertifyData(rows, cols, data, opt, r), name)
		}
	}
}

func TestCertifyRejects(t *testing.T) {
	data := []float64{4, 1, 3, 2, 0, 5, 3, 2, 2}
	r, err := SolveData(3, 3, data, Options{})
	require.NoError(t, err)
	require.NoError(t, CertifyData(3, 3, data, Options{}, r))
	clone := func() *Result {
		c := *r
		c.RowCol = append([]int(nil), r.RowCol...)
		c.RowDual = append([]float64(nil), r.RowDual...)
		c.ColDual = append([]float64(nil), r.ColDual...)
		return &c
	}
	worse := clone()
	worse.RowCol[0], worse.RowCol[1] = worse.RowCol[1], worse.RowCol[0]
	worse.Total = 0
	for i, j := range worse.RowCol {
		worse.Total += data[i*3+j]
	}
	fewer := clone()
	fewer.RowCol[2] = -1
	fewer.Assigned--
	fewer.Total -= data[2*3+r.RowCol[2]]
	dual := clone()
	dual.ColDual[0] += 1
	total := clone()
	total.Total++
	for name, bad := range map[string]*Result{"swapped": worse, "fewer": fewer, "dual": dual, "total": total} {
		require.ErrorIs(t, CertifyData(3, 3, data, Options{}, bad), ErrNotOptimal, name)
	}
}

// Every degenerate shape finishes and certifies: all equal, rank one,
// sums (every full assignment costs the same).
func TestDegenerate(t *testing.T) {
	n := 150
	kinds := map[string]func(i, j int) float64{
		"equal": func(i, j int) float64 { return 5 },
		"rank1": func(i, j int) float64 { return float64((i%7 + 1) * (j%5 + 1)) },
		"sum":   func(i, j int) float64 { return float64(i + 2*j) },
	}
	for name, f := range kinds {
		for _, shape := range [][2]int{{n, n}, {n, n / 2}, {n / 2, n}} {
			rows, cols := shape[0], shape[1]
			data := make([]float64, rows*cols)
			for i := 0; i < rows; i++ {
				for j := 0; j < cols; j++ {
					data[i*cols+j] = f(i, j)
				}
			}
			for _, max := range []bool{false, true} {
				opt := Options{Maximize: max}
				r, err := SolveData(rows, cols, data, opt)
				require.NoError(t, err)
				require.Equal(t, min(rows, cols), r.Assigned, name)
				require.NoError(t, CertifyData(rows, cols, data, opt, r), "%s %v %v", name, shape, max)
			}
		}
	}
}

// SolveData finds infinitely good cells while solving instead of in a pass
// of its own: wherever they are (a row or a column orientation, a column
// that takes no rows, the only cell of a row, several), the error must be
// the one naming the first of them, as an upfront check gives.
func TestInfinitelyGoodCells(t *testing.T) {
	g := instanceGen{rand.New(rand.NewPCG(5, 6))}
	for it := 0; it < 3000; it++ {
		n, m := g.rng.IntN(9)+1, g.rng.IntN(9)+1
		data, opt, _ := g.draw(n, m)
		bad := math.Inf(1)
		if !opt.Maximize {
			bad = math.Inf(-1)
		}
		if g.rng.IntN(4) == 0 {
			data[g.rng.IntN(len(data))] = -bad // forbidden, not an error
		}
		for range 1 + g.rng.IntN(2) {
			data[g.rng.IntN(len(data))] = bad
		}
		want := "no error"
		if _, err := prepare(n, m, data, opt); err != nil {
			want = err.Error()
		}
		_, err := SolveData(n, m, data, opt)
		require.ErrorIs(t, err, ErrInput, "it %d %v %+v", it, data, opt)
		require.EqualError(t, err, want, "it %d %v %+v", it, data, opt)
	}
}

// Matrices of few distinct values, where nearly every cell ties with its
// row's least (best2's tie rule and its skip to a cheaper cell), against
// the reference: every shape, forbidden cells, capacities, both senses.
func TestTies(t *testing.T) {
	tests := []struct {
		name       string
		rows, cols int
		levels     int
		forbid     float64
		capacity   int // 0: none
		maximize   bool
	}{
		{"equal square", 120, 120, 1, 0, 0, false},
		{"equal wide", 40, 160, 1, 0, 0, true},
		{"equal tall", 160, 40, 1, 0, 0, false},
		{"equal capacity", 160, 40, 1, 0, 3, false},
		{"two levels", 150, 150, 2, 0, 0, false},
		{"two levels forbidden", 150, 150, 2, 0.3, 0, true},
		{"three levels capacity", 200, 50, 3, 0.1, 4, true},
		{"three levels wide capacity", 60, 90, 3, 0, 2, false},
		{"ten levels", 200, 200, 10, 0, 0, false},
		{"ten levels tall forbidden", 240, 60, 10, 0.5, 0, true},
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, uint64(k)))
			data := make([]float64, tt.rows*tt.cols)
			for i := range data {
				data[i] = float64(rng.IntN(tt.levels))
				if rng.Float64() < tt.forbid {
					data[i] = math.NaN()
				}
			}
			opt := Options{Maximize: tt.maximize}
			if tt.capacity > 0 {
				opt.Capacity = make([]int, tt.cols)
				for j := range opt.Capacity {
					opt.Capacity[j] = 1 + rng.IntN(tt.capacity)
				}
			}
			r, err := SolveData(tt.rows, tt.cols, data, opt)
			require.NoError(t, err)
			want, err := refFlow(tt.rows, tt.cols, data, opt)
			require.NoError(t, err)
			require.Equal(t, want.Assigned, r.Assigned)
			require.InDelta(t, want.Total, r.Total, 1e-9)
			require.NoError(t, CertifyData(tt.rows, tt.cols, data, opt, r))
		})
	}
}

func TestTranspose(t *testing.T) {
	for _, shape := range [][2]int{{0, 3}, {1, 1}, {7, 3}, {8, 5}, {17, 9}, {3, 20}} {
		rows, cols := shape[0], shape[1]
		data := make([]float64, rows*cols)
		for k := range data {
			data[k] = float64(k)
		}
		got := transpose(make([]float64, rows*cols+2), rows, cols, data, -1)
		for i := range rows {
			for j := range cols {
				require.Equal(t, -data[i*cols+j], got[j*rows+i], "%v (%d,%d)", shape, i, j)
			}
		}
	}
}
