package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTallLists solves tall problems (fewer places than rows) with the
// columns' first bids read from lists (colLists) and with the transposed
// copy made at once: the same assignment and the same duals, bit for bit,
// on every kind of matrix the generator draws (ties, forbidden cells,
// capacities, both senses), certified; some solves never make the copy
// and some make it midway, after a list could not answer or for a search;
// on few values some give the lists up and make it at once.
func TestTallLists(t *testing.T) {
	t.Parallel()
	g := instanceGen{rand.New(rand.NewPCG(21, 2))}
	never, midway, atOnce := 0, 0, 0
	for it := range 400 {
		cols := 1 + g.rng.IntN(30)
		rows := cols + 1 + g.rng.IntN(4*cols+20)
		data, opt, _ := g.draw(rows, cols)
		name := fmt.Sprintf("it %d %dx%d", it, rows, cols)
		p := sameWithout(t, name, rows, cols, data, opt, func(p *dense) { p.tallOff = true })
		if p == nil || p.src == nil {
			continue // solved from the rows
		}
		if p.tall == nil {
			if p.sv == nil || p.sv.start == nil {
				atOnce++ // the lists' ties: copied at once
			}
			continue
		}
		if p.data == nil {
			never++
		} else {
			midway++
		}
	}
	require.Positive(t, never, "every tall solve made the copy")
	require.Positive(t, midway, "no tall solve made the copy midway")
	require.Positive(t, atOnce, "no tall solve gave its lists up")
}

// TestTallInfinitelyGood: an infinitely good cell anywhere in a tall
// matrix whose lists hold only some of each column's cells is reported,
// as the check names it.
func TestTallInfinitelyGood(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for it := range 200 {
		rows, cols := 40+rng.IntN(40), 1+rng.IntN(10)
		data := make([]float64, rows*cols)
		for k := range data {
			data[k] = rng.Float64()
		}
		opt := Options{Maximize: it%2 == 0}
		bad := math.Inf(-1)
		if opt.Maximize {
			bad = math.Inf(1)
		}
		for range 1 + rng.IntN(3) {
			data[rng.IntN(len(data))] = bad
		}
		_, err := prepare(rows, cols, data, opt)
		require.Error(t, err)
		_, got := SolveData(rows, cols, data, opt)
		require.EqualError(t, got, err.Error(), "it %d", it)
	}
}

// TestFloor solves matrices of few values (ties at the least everywhere),
// square and both rectangles, with forbidden cells, capacities and both
// senses, with and without the floor (dense.floor): the same assignment
// and duals, bit for bit, certified; most solves find the floor.
func TestFloor(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(8, 9))
	found := 0
	for it := range 300 {
		rows, cols := 2+rng.IntN(80), 2+rng.IntN(80)
		levels := 1 + rng.IntN(4)
		forbid := []float64{0, 0, 0.1, 0.3}[rng.IntN(4)]
		data := make([]float64, rows*cols)
		for k := range data {
			data[k] = float64(rng.IntN(levels))
			if rng.Float64() < forbid {
				data[k] = math.NaN()
			}
		}
		opt := Options{Maximize: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 {
			opt.Capacity = make([]int, cols)
			for j := range opt.Capacity {
				opt.Capacity[j] = rng.IntN(3)
			}
		}
		name := fmt.Sprintf("it %d %dx%d", it, rows, cols)
		p := sameWithout(t, name, rows, cols, data, opt, func(p *dense) { p.floorOff = true })
		if p != nil && p.floor > -inf {
			found++
		}
	}
	require.Greater(t, found, 100, "few solves found the floor")
}

// TestListBids solves square problems large enough for short lists (rows
// of 400 and more), of continuous values, values with ties (hundredths)
// and a few forbidden cells, some with capacities that fill the places,
// with augmenting row reduction bidding from lists and from whole rows:
// the same assignment and duals, bit for bit, certified.
func TestListBids(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(12, 13))
	bids, missed := 0, 0
	for it := range 12 {
		cols := 400 + rng.IntN(100)
		k := 1 + it%3
		rows := cols * k
		data := make([]float64, rows*cols)
		for q := range data {
			data[q] = rng.Float64()
			if it%4 == 1 {
				data[q] = math.Round(100*data[q]) / 100
			}
			if it%4 == 2 && rng.IntN(50) == 0 {
				data[q] = math.NaN()
			}
		}
		opt := Options{Maximize: it%2 == 0}
		if k > 1 {
			opt.Capacity = make([]int, cols)
			for j := range opt.Capacity {
				opt.Capacity[j] = k
			}
		}
		name := fmt.Sprintf("it %d %dx%d", it, rows, cols)
		p := sameWithout(t, name, rows, cols, data, opt, func(p *dense) { p.listBidsOff = true })
		if p.short != nil {
			bids, missed = bids+p.short.bids, missed+p.short.missed
		}
	}
	require.Greater(t, bids, 1000, "few bids from lists")
	require.Positive(t, missed, "no bid the lists could not tell")
}

// sameWithout solves the problem as it is and again with off applied to
// the solver, requires the same assignment and duals, bit for bit, and a
// certificate, and returns the first solve's solver (nil when solved from
// the rows).
func sameWithout(t *testing.T, name string, rows, cols int, data []float64, opt Options, off func(*dense)) *dense {
	t.Helper()
	solve := func(off func(*dense)) (*Result, *dense) {
		in, err := prepare(rows, cols, data, opt)
		require.NoError(t, err, name)
		var seen *dense
		in.tune = func(p *dense) {
			if off != nil {
				off(p)
			}
			seen = p
		}
		r, ok := in.solve()
		require.True(t, ok, name)
		return r, seen
	}
	got, p := solve(nil)
	want, _ := solve(off)
	require.Equal(t, want, got, name)
	require.NoError(t, CertifyData(rows, cols, data, opt, got), name)
	return p
}
