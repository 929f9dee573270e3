package matching

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
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

func TestRegressionSkippedRow(t *testing.T) {
	r, err := SolveData(2, 1, []float64{10, 1}, Options{})
	require.NoError(t, err)
	require.Equal(t, []int{-1, 0}, r.RowCol)
	require.Equal(t, 1.0, r.Total)
}

func TestBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for it := 0; it < 4000; it++ {
		n, m := rng.IntN(7)+1, rng.IntN(7)+1
		if n*m > 30 {
			m = 30 / n
		}
		data := make([]float64, n*m)
		levels := rng.IntN(5) + 1
		for k := range data {
			data[k] = float64(rng.IntN(levels*3) - levels)
			if rng.Float64() < 0.3 {
				data[k] = math.NaN()
			}
		}
		var capa []int
		full := make([]int, m)
		for j := range full {
			full[j] = 1
		}
		if rng.IntN(2) == 0 {
			capa = make([]int, m)
			for j := range capa {
				capa[j] = rng.IntN(4)
			}
			full = capa
		}
		max := rng.IntN(2) == 0
		r, err := SolveData(n, m, data, Options{Maximize: max, Capacity: capa})
		require.NoError(t, err)
		k, tot := brute(n, m, data, full, max)
		require.Equal(t, k, r.Assigned, "it %d", it)
		require.InDelta(t, tot, r.Total, 1e-9, "it %d %v", it, data)
		for i, j := range r.RowCol {
			if j < 0 {
				continue
			}
			x := data[i*m+j]
			require.False(t, math.IsNaN(x))
			require.InDelta(t, x, r.RowDual[i]+r.ColDual[j], 1e-9)
		}
	}
}
