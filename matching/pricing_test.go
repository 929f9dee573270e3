package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sparse mode gives the dense optimum, certified on the full matrix,
// whatever the first candidates: few, random, or none at all.
func TestSparseAgainstDense(t *testing.T) {
	g := instanceGen{rand.New(rand.NewPCG(11, 12))}
	rounds := 0
	for it := 0; it < 800; it++ {
		rows, cols := g.rng.IntN(40)+1, g.rng.IntN(40)+1
		data, opt, _ := g.draw(rows, cols)
		want, err := SolveData(rows, cols, data, opt)
		require.NoError(t, err)
		sopt := SparseOptions{Options: opt, K: g.rng.IntN(4) + 1, MaxAdd: g.rng.IntN(3) + 1, Workers: g.rng.IntN(3)}
		switch it % 3 {
		case 1: // random candidates, some out of order and repeated
			seed := g.rng.Uint64()
			sopt.Candidates = func(i int, dst []int) []int {
				r := rand.New(rand.NewPCG(seed, uint64(i)))
				for range r.IntN(4) {
					dst = append(dst, r.IntN(cols), r.IntN(cols))
				}
				return dst
			}
		case 2: // no candidates: everything comes from the checks
			sopt.Candidates = func(int, []int) []int { return nil }
		}
		cell := func(i, j int) float64 { return data[i*cols+j] }
		got, err := solveSparseWith(rows, cols, cell, sopt, func(sr *sparseRun) {
			switch it % 4 {
			case 0: // warm restarts whatever the number of violations
				sr.warmShare = 1 << 30
			case 1: // every round cold, by searches only, candidates ranked
				sr.cold, sr.searches, sr.noLazy = true, true, true
			case 2: // every round cold, by auction
				sr.cold = true
			}
		})
		name := fmt.Sprintf("it %d %dx%d %+v", it, rows, cols, opt)
		require.NoError(t, err, name)
		require.Equal(t, want.Assigned, got.Assigned, name)
		require.InDelta(t, want.Total, got.Total, 1e-6*math.Max(1, math.Abs(want.Total)), name)
		require.NoError(t, CertifyData(rows, cols, data, opt, &got.Result), name)
		rounds += got.Rounds
	}
	assert.Greater(t, rounds, 1200, "most problems need more than one round")
}

// solveSparseWith is SolveSparse with internal settings changed by set.
func solveSparseWith(rows, cols int, cell func(i, j int) float64, opt SparseOptions, set func(*sparseRun)) (*SparseResult, error) {
	sr, err := newSparseRun(rows, cols, cell, opt)
	if err != nil {
		return nil, err
	}
	set(sr)
	if err := sr.initial(opt.Candidates); err != nil {
		return nil, err
	}
	return sr.solve()
}

func TestSparseErrors(t *testing.T) {
	cell := func(i, j int) float64 { return 1 }
	_, err := SolveSparse(2, 2, nil, SparseOptions{})
	require.ErrorIs(t, err, ErrInput)
	_, err = SolveSparse(2, 2, cell, SparseOptions{K: -1})
	require.ErrorIs(t, err, ErrInput)
	_, err = SolveSparse(2, 2, cell, SparseOptions{Candidates: func(i int, dst []int) []int { return append(dst, 5) }})
	require.ErrorIs(t, err, ErrInput)
	bad := func(i, j int) float64 {
		if i == 1 && j == 0 {
			return math.Inf(-1)
		}
		return 1
	}
	_, err = SolveSparse(2, 2, bad, SparseOptions{})
	require.ErrorIs(t, err, ErrInput)
	require.ErrorContains(t, err, "row 2 column 1")
}

func TestSparseLarger(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, shape := range [][3]int{{300, 300, 1}, {400, 100, 3}, {400, 100, 5}, {100, 400, 1}, {500, 60, 2}} {
		rows, cols := shape[0], shape[1]
		data := make([]float64, rows*cols)
		a, b := make([]float64, rows), make([]float64, cols)
		for i := range a {
			a[i] = rng.Float64()
		}
		for j := range b {
			b[j] = rng.Float64()
		}
		for i := range a {
			for j := range b {
				data[i*cols+j] = math.Round(100 * (a[i]*b[j] + 0.3*rng.Float64()))
				if rng.IntN(10) == 0 {
					data[i*cols+j] = math.NaN()
				}
			}
		}
		caps := make([]int, cols)
		for j := range caps {
			caps[j] = shape[2]
		}
		opt := Options{Maximize: true, Capacity: caps}
		want, err := SolveData(rows, cols, data, opt)
		require.NoError(t, err)
		got, err := SolveSparse(rows, cols, func(i, j int) float64 { return data[i*cols+j] }, SparseOptions{Options: opt, K: 4})
		require.NoError(t, err)
		require.Equal(t, want.Assigned, got.Assigned, "%v", shape)
		require.Equal(t, want.Total, got.Total, "%v", shape)
		require.NoError(t, CertifyData(rows, cols, data, opt, &got.Result))
		t.Logf("%v: %d rounds, %d pairs", shape, got.Rounds, got.Pairs)
		// Whole rows give the same answer as single cells.
		byRow, err := SolveSparse(rows, cols, func(i, j int) float64 { return data[i*cols+j] }, SparseOptions{Options: opt, K: 4,
			Row: func(i int, dst []float64) { copy(dst, data[i*cols:(i+1)*cols]) }})
		require.NoError(t, err)
		require.Equal(t, got.RowCol, byRow.RowCol, "%v", shape)
	}
}

// A bug in the caller's cell function surfaces as a panic on the caller's
// goroutine, where the command line reports it, not as a crash of a
// worker.
func TestSparsePanicReachesCaller(t *testing.T) {
	cell := func(i, j int) float64 {
		if i == 37 {
			panic("cell 37")
		}
		return float64(i + j)
	}
	assert.PanicsWithValue(t, "cell 37", func() {
		_, _ = SolveSparse(100, 20, cell, SparseOptions{Options: Options{Capacity: fillCaps(20, 5)}})
	})
}

func fillCaps(n, k int) []int {
	caps := make([]int, n)
	for j := range caps {
		caps[j] = k
	}
	return caps
}
