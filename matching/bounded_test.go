package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Read through bounds, the sparse mode gives the dense optimum, certified
// on the full matrix: bounds equal to the cells (ties everywhere), above
// them by a little or a lot, or saying nothing (infinitely good), with
// forbidden cells, capacities and both senses, and lists short enough that
// most cells are never evaluated.
func TestSparseBounded(t *testing.T) {
	g := instanceGen{rand.New(rand.NewPCG(21, 22))}
	evaluated, read := int64(0), int64(0)
	for it := 0; it < 600; it++ {
		rows, cols := g.rng.IntN(60)+1, g.rng.IntN(60)+1
		data, opt, _ := g.draw(rows, cols)
		want, err := SolveData(rows, cols, data, opt)
		require.NoError(t, err)
		sign := 1.0
		if opt.Maximize {
			sign = -1
		}
		slack := []float64{0, 0.5, 3, 100}[it%4]
		seed := g.rng.Uint64()
		bound := func(i int, dst []float64) {
			r := rand.New(rand.NewPCG(seed, uint64(i)))
			for j := range dst {
				x := data[i*cols+j]
				dst[j] = x - sign*slack*r.Float64()
				if r.IntN(50) == 0 && !math.IsNaN(x) {
					dst[j] = -sign * math.Inf(1)
				}
			}
		}
		sopt := SparseOptions{Options: opt, K: g.rng.IntN(4) + 1, MaxAdd: g.rng.IntN(3) + 1, Workers: g.rng.IntN(3), Bound: bound}
		if it%2 == 0 {
			sopt.Cells = func(i int, js []int32, dst []float64) {
				for q, j := range js {
					dst[q] = data[i*cols+int(j)]
				}
			}
		}
		var run *sparseRun
		cell := func(i, j int) float64 { return data[i*cols+j] }
		got, err := solveSparseWith(rows, cols, cell, sopt, func(sr *sparseRun) {
			sr.listLen = 1 + it%5
			if it%3 == 1 {
				sr.cold = true
			}
			run = sr
		})
		name := fmt.Sprintf("it %d %dx%d slack %v %+v", it, rows, cols, slack, opt)
		require.NoError(t, err, name)
		require.Equal(t, want.Assigned, got.Assigned, name)
		require.InDelta(t, want.Total, got.Total, 1e-6*math.Max(1, math.Abs(want.Total)), name)
		require.NoError(t, CertifyData(rows, cols, data, opt, &got.Result), name)
		if slack < 1 {
			evaluated += run.exactCheck.Load()
			read += got.Checked
		}
	}
	assert.Less(t, evaluated, read/2, "most pairs checked are settled by their bounds")
}
