package matching

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// resolveForced is the definition: solve without row i and with one place
// less in column j, then add the pair.
func resolveForced(t *testing.T, rows, cols int, data []float64, opt Options, i, j int) Forced {
	t.Helper()
	caps := make([]int, cols)
	for k := range caps {
		caps[k] = 1
		if opt.Capacity != nil {
			caps[k] = opt.Capacity[k]
		}
	}
	caps[j]--
	rest := make([]float64, 0, (rows-1)*cols)
	for k := 0; k < rows; k++ {
		if k != i {
			rest = append(rest, data[k*cols:(k+1)*cols]...)
		}
	}
	r, err := SolveData(rows-1, cols, rest, Options{Maximize: opt.Maximize, Capacity: caps})
	require.NoError(t, err)
	return Forced{Assigned: r.Assigned + 1, Total: r.Total + data[i*cols+j]}
}

func TestForceAgainstResolve(t *testing.T) {
	g := instanceGen{rand.New(rand.NewPCG(7, 8))}
	checked, lost := 0, 0
	for it := 0; it < 1500; it++ {
		rows, cols := g.rng.IntN(7)+1, g.rng.IntN(7)+1
		if it%10 == 0 {
			rows, cols = g.rng.IntN(30)+1, g.rng.IntN(30)+1
		}
		data, opt, full := g.draw(rows, cols)
		res, err := SolveData(rows, cols, data, opt)
		require.NoError(t, err)
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				got, err := ForceData(rows, cols, data, opt, res, i, j)
				if math.IsNaN(data[i*cols+j]) || full[j] == 0 {
					require.ErrorIs(t, err, ErrInfeasible)
					continue
				}
				require.NoError(t, err, "it %d pair %d,%d", it, i, j)
				want := resolveForced(t, rows, cols, data, opt, i, j)
				require.Equal(t, want.Assigned, got.Assigned, "it %d pair %d,%d %v %+v", it, i, j, data, opt)
				require.InDelta(t, want.Total, got.Total, 1e-6*math.Max(1, math.Abs(want.Total)), "it %d pair %d,%d %v %+v", it, i, j, data, opt)
				checked++
				if got.Assigned < res.Assigned {
					lost++
				}
			}
		}
	}
	assert.Greater(t, lost, 10, "pairs that cost an assigned row are exercised")
	t.Logf("%d pairs, %d cost a row", checked, lost)
}

func TestForceErrors(t *testing.T) {
	data := []float64{1, math.NaN(), 3, 4}
	opt := Options{Capacity: []int{1, 0}}
	res, err := SolveData(2, 2, data, opt)
	require.NoError(t, err)
	_, err = ForceData(2, 2, data, opt, res, 0, 1)
	require.ErrorIs(t, err, ErrInfeasible)
	_, err = ForceData(2, 2, data, opt, res, 1, 1)
	require.ErrorIs(t, err, ErrInfeasible)
	_, err = ForceData(2, 2, data, opt, res, 2, 0)
	require.ErrorIs(t, err, ErrInput)
	bad := *res
	bad.ColDual = []float64{100, 0}
	_, err = ForceData(2, 2, data, opt, &bad, 1, 0)
	require.ErrorIs(t, err, ErrNotOptimal)
	m := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	r, err := Solve(m, Options{})
	require.NoError(t, err)
	f, err := Force(m, Options{}, r, 0, 0)
	require.NoError(t, err)
	assert.Equal(t, Forced{Assigned: 2, Total: 5}, f)
}

// ForceSparse on a sparse solve's result prices every pair as ForceData
// does on the dense one: the same count, the same total (the optimum of
// the constrained problem does not depend on which optimum it starts
// from).
func TestForceSparseAgrees(t *testing.T) {
	g := instanceGen{rand.New(rand.NewPCG(9, 10))}
	checked := 0
	for it := 0; it < 300; it++ {
		rows, cols := g.rng.IntN(12)+1, g.rng.IntN(8)+1
		data, opt, full := g.draw(rows, cols)
		cell := func(i, j int) float64 { return data[i*cols+j] }
		res, err := SolveData(rows, cols, data, opt)
		require.NoError(t, err)
		sp, err := SolveSparse(rows, cols, cell, SparseOptions{Options: opt, K: 1})
		require.NoError(t, err)
		var row func(i int, dst []float64)
		if it%2 == 0 {
			row = func(i int, dst []float64) { copy(dst, data[i*cols:(i+1)*cols]) }
		}
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				got, err := ForceSparse(rows, cols, cell, row, opt, &sp.Result, i, j)
				if math.IsNaN(data[i*cols+j]) || full[j] == 0 {
					require.ErrorIs(t, err, ErrInfeasible)
					continue
				}
				require.NoError(t, err)
				want, err := ForceData(rows, cols, data, opt, res, i, j)
				require.NoError(t, err)
				require.Equal(t, want.Assigned, got.Assigned, "it %d pair %d,%d", it, i, j)
				require.InDelta(t, want.Total, got.Total, 1e-6*math.Max(1, math.Abs(want.Total)), "it %d pair %d,%d", it, i, j)
				checked++
			}
		}
	}
	assert.Greater(t, checked, 1000)
	_, err := ForceSparse(2, 2, nil, nil, Options{}, &Result{}, 0, 0)
	assert.ErrorIs(t, err, ErrInput)
	_, err = ForceSparse(2, 2, func(i, j int) float64 { return 1 }, nil, Options{}, &Result{RowCol: []int{0}}, 0, 0)
	assert.ErrorIs(t, err, ErrInput)
}
