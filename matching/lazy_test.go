package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A list made again (relist: one comparison a cell, closed columns priced
// −∞) is the row's first list under the same prices: the same columns in
// the same order, costs and bound, with or without bounds, over NaN,
// infinite cells, closed columns and ties, in slices of any capacity.
func TestRelistAgreesWithList(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 3))
	for trial := range 60 {
		rows, cols := 1+rng.IntN(4), 1+rng.IntN(3000)
		maximize, bounded := trial%2 == 0, trial%4 < 2
		sign := 1.0
		if maximize {
			sign = -1
		}
		data := make([]float64, rows*cols)
		for k := range data {
			switch rng.IntN(20) {
			case 0:
				data[k] = math.NaN()
			case 1:
				data[k] = sign * math.Inf(1) // infinitely bad
			case 2:
				if bounded {
					data[k] = -sign * math.Inf(1) // infinitely good: only a bound may be
				}
			case 3, 4, 5:
				data[k] = float64(rng.IntN(5)) // ties
			default:
				data[k] = float64(rng.IntN(2000)) / 10
			}
		}
		caps := make([]int, cols)
		for j := range caps {
			caps[j] = rng.IntN(3)
		}
		opt := SparseOptions{Options: Options{Maximize: maximize, Capacity: caps}}
		if bounded {
			opt.Bound = func(i int, dst []float64) { copy(dst, data[i*cols:(i+1)*cols]) }
		}
		sr, err := newSparseRun(rows, cols, func(i, j int) float64 { return data[i*cols+j] }, opt)
		require.NoError(t, err)
		sr.listLen = []int{1, 5, 40, 256}[trial%4]
		v := make([]float64, cols)
		for j := range v {
			v[j] = -float64(rng.IntN(50))
			if caps[j] == 0 {
				v[j] = -inf
			}
		}
		for i := range rows {
			want, _, _ := sr.list(0, i, v)
			got := lazyRow{j: make([]int32, rng.IntN(300)), c: make([]float64, rng.IntN(300)), bound: -7}
			sr.relist(0, i, &got, v)
			require.Equal(t, want.j, got.j, "trial %d row %d", trial, i)
			require.Equal(t, want.c, got.c, "trial %d row %d", trial, i)
			require.Equal(t, want.bound, got.bound, "trial %d row %d", trial, i)
		}
		require.NoError(t, sr.badInput())
	}
}

// warmPrices leaves about seats rows preferring a place to the virtual
// column (cost worst, price 0), moves every bound with the prices, and
// leaves closed columns and markets without rows to spare alone.
func TestWarmPrices(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	const worst = 100.0
	for trial := range 50 {
		n, cols := 1+rng.IntN(300), 2+rng.IntN(20)
		seats := rng.IntN(n + 5)
		rows := make([]lazyRow, n)
		for i := range rows {
			if rng.IntN(10) == 0 {
				continue // a row with no usable cell
			}
			for range 1 + rng.IntN(4) {
				rows[i].j = append(rows[i].j, int32(rng.IntN(cols)))
				rows[i].c = append(rows[i].c, float64(rng.IntN(1000))/10)
			}
			rows[i].bound = 100 + float64(i) // past the list's costs
		}
		v := make([]float64, cols)
		v[0] = -inf // closed
		bounds := make([]float64, n)
		for i, r := range rows {
			bounds[i] = r.bound
		}
		warmPrices(rows, v, worst, seats)
		require.Equal(t, -inf, v[0], "trial %d", trial)
		p := -v[1]
		prefer, listed := 0, 0
		for i, r := range rows {
			require.Equal(t, bounds[i]+p, r.bound, "trial %d row %d", trial, i)
			if len(r.c) == 0 {
				continue
			}
			listed++
			best := inf
			for _, c := range r.c {
				best = min(best, c)
			}
			if best+p < worst {
				prefer++
			}
		}
		for j := 1; j < cols; j++ {
			require.Equal(t, -p, v[j], "trial %d: one price for all", trial)
		}
		if p > 0 {
			require.LessOrEqual(t, prefer, seats, "trial %d", trial)
		} else {
			require.True(t, seats >= listed || prefer >= seats || p == 0, "trial %d", trial)
		}
	}
}

// check adds pairs that tie the duals only along with violating ones:
// with none violating the duals certify the optimum and nothing joins.
func TestCheckAddsTiesWithViolations(t *testing.T) {
	data := []float64{
		1, 5, 2,
		5, 1, 3,
	}
	for _, bounded := range []bool{false, true} {
		for _, violate := range []bool{false, true} {
			opt := SparseOptions{Options: Options{Capacity: []int{1, 1, 1}}}
			if bounded {
				opt.Bound = func(i int, dst []float64) { copy(dst, data[i*3:i*3+3]) }
			}
			sr, err := newSparseRun(2, 3, func(i, j int) float64 { return data[i*3+j] }, opt)
			require.NoError(t, err)
			sr.arcs = [][]arc{{{0, 1}}, {{1, 1}}}
			res := &SparseResult{Result: Result{RowCol: []int{0, 1}, RowDual: []float64{1, 1}, ColDual: []float64{0, 0, 1}}}
			if violate {
				res.RowDual[1] = 6 // (1, 0) and (1, 2) violate; (0, 2) ties
			}
			tol := 1e-12
			added, nearby, checked, err := sr.check(res, tol, tieShare*tol)
			require.NoError(t, err)
			require.Equal(t, int64(4), checked)
			name := fmt.Sprintf("bounded %v violate %v", bounded, violate)
			if !violate {
				require.Zero(t, added, name)
				require.Zero(t, nearby, name)
				require.Equal(t, [][]arc{{{0, 1}}, {{1, 1}}}, sr.arcs, name)
				continue
			}
			require.Equal(t, 2, added, name)
			require.Equal(t, 1, nearby, name)
			require.Equal(t, [][]arc{{{0, 1}, {2, 2}}, {{0, 5}, {1, 1}, {2, 3}}}, sr.arcs, name)
		}
	}
}

// A check that builds on the last one (rows read at the columns whose dual
// rose, unless their own rose or the last check left them unsettled)
// finds the same violating pairs as a check of every pair.
func TestCheckBuildsOnTheLast(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 21))
	built := 0
	for trial := range 200 {
		rows, cols := 1+rng.IntN(40), 1+rng.IntN(60)
		data := make([]float64, rows*cols)
		for k := range data {
			data[k] = float64(rng.IntN(20))
			if rng.IntN(10) == 0 {
				data[k] = math.NaN()
			}
		}
		caps := make([]int, cols)
		for j := range caps {
			caps[j] = rng.IntN(3)
		}
		opt := SparseOptions{Options: Options{Capacity: caps}, MaxAdd: 1 + rng.IntN(4)}
		if trial%2 == 0 {
			opt.Bound = func(i int, dst []float64) {
				for j := range dst {
					dst[j] = data[i*cols+j] - float64((i+j)%3)
				}
			}
		}
		cell := func(i, j int) float64 { return data[i*cols+j] }
		sr, err := newSparseRun(rows, cols, cell, opt)
		require.NoError(t, err)
		sr.arcs = make([][]arc, rows)
		for i := range sr.arcs {
			for j := range cols {
				if x := data[i*cols+j]; rng.IntN(5) == 0 && caps[j] > 0 && !math.IsNaN(x) {
					sr.arcs[i] = append(sr.arcs[i], arc{int32(j), x})
				}
			}
		}
		res := &SparseResult{Result: Result{RowCol: make([]int, rows), RowDual: make([]float64, rows), ColDual: make([]float64, cols)}}
		for i := range res.RowDual {
			res.RowDual[i] = float64(rng.IntN(10))
		}
		for j := range res.ColDual {
			res.ColDual[j] = float64(rng.IntN(10))
		}
		const tol = 1e-9
		_, _, _, err = sr.check(res, tol, 0)
		require.NoError(t, err)
		require.NotNil(t, sr.last, "trial %d: every row assigned, no cut", trial)
		// The duals mostly fall; a few rise.
		for i := range res.RowDual {
			res.RowDual[i] -= float64(rng.IntN(3))
			if rng.IntN(8) == 0 {
				res.RowDual[i] += 4
			}
		}
		for j := range res.ColDual {
			res.ColDual[j] -= float64(rng.IntN(3))
			if rng.IntN(8) == 0 {
				res.ColDual[j] += 4
			}
		}
		full, err := newSparseRun(rows, cols, cell, opt)
		require.NoError(t, err)
		full.arcs = make([][]arc, rows)
		for i, row := range sr.arcs {
			full.arcs[i] = slices.Clone(row)
		}
		var trace strings.Builder
		sr.trace = &trace
		added, _, checked, err := sr.check(res, tol, 0)
		require.NoError(t, err)
		if strings.Contains(trace.String(), "rows read whole") {
			built++
		}
		wantAdded, _, wantChecked, err := full.check(res, tol, 0)
		require.NoError(t, err)
		require.Equal(t, wantAdded, added, "trial %d", trial)
		require.Equal(t, wantChecked, checked, "trial %d", trial)
		require.Equal(t, full.arcs, sr.arcs, "trial %d", trial)
	}
	require.Greater(t, built, 100, "most checks built on the last")
}

// list evaluates row i and returns its first list under prices v, with
// the least and greatest cost seen: what lazy does for every row at the
// start, one row at a time.
func (sr *sparseRun) list(w, i int, v []float64) (lazyRow, float64, float64) {
	var r lazyRow
	lo, hi := sr.listOf(i, sr.readRow(w, i), v, &r, true, w)
	return r, lo, hi
}
