package matching

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// Forced is the optimum of a problem with one pair imposed.
type Forced struct {
	Assigned int     // rows assigned, the imposed pair included
	Total    float64 // best total among assignments of that size holding the pair
}

// Force prices a pair of m. See ForceData.
func Force(m *mat.Dense, opt Options, res *Result, i, j int) (Forced, error) {
	if m == nil {
		return Forced{}, fmt.Errorf("%w: nil matrix", ErrInput)
	}
	rows, cols, data := rawData(m)
	return ForceData(rows, cols, data, opt, res, i, j)
}

// ForceData returns the optimum of the problem (data, opt) when row i must
// take column j, given res, an optimal result of the same problem: the most
// rows that can be assigned with the pair, and the best total among those
// assignments. It is the same as solving again without row i and with one
// place less in column j, then adding the pair, but costs one shortest path
// search on the residual graph instead (Dijkstra on the reduced costs that
// res's duals make non-negative), O(rows·cols).
//
// Forcing a pair changes the optimum by a cycle through it: row i takes j,
// and a path in the residual graph leads from j back to i (displaced rows
// moving on, or leaving through the source, or a place freed at the sink).
// The cheapest such cycle is the change. If none exists, the pair costs one
// assigned row: the cycle then also passes from the source to the sink (one
// unit less of flow), and the cheapest of those is taken; the search for it
// starts where the first one stopped, at the sink.
//
// The pair must be allowed (ErrInfeasible otherwise); res must pass
// CertifyData (its error is returned otherwise).
func ForceData(rows, cols int, data []float64, opt Options, res *Result, i, j int) (Forced, error) {
	if err := CertifyData(rows, cols, data, opt, res); err != nil {
		return Forced{}, err
	}
	in, _ := prepare(rows, cols, data, opt) // CertifyData validated the input
	return force(in, cells{
		row: func(r int, _ []float64) []float64 { return data[r*cols : (r+1)*cols] },
		at:  func(r, c int) float64 { return data[r*cols+c] },
	}, res, i, j)
}

// ForceSparse is ForceData for a problem given as SolveSparse takes it: a
// cell function and, when not nil, a row function (see SparseOptions).
// res must be an optimal result of the whole problem, such as SolveSparse
// returns, certified by its own check; it is not checked again here. The
// search reads whole rows, O(rows·cols) cells at most, and holds O(rows +
// cols) besides.
func ForceSparse(rows, cols int, cell func(i, j int) float64, row func(i int, dst []float64), opt Options, res *Result, i, j int) (Forced, error) {
	in, err := newInstance(rows, cols, opt)
	if err != nil {
		return Forced{}, err
	}
	if cell == nil {
		return Forced{}, fmt.Errorf("%w: nil cell function", ErrInput)
	}
	if res == nil || len(res.RowCol) != rows || len(res.RowDual) != rows || len(res.ColDual) != cols {
		return Forced{}, fmt.Errorf("%w: the result does not fit a %d×%d problem", ErrInput, rows, cols)
	}
	if row == nil {
		row = func(r int, dst []float64) {
			for c := range dst {
				dst[c] = cell(r, c)
			}
		}
	}
	buf := make([]float64, cols)
	return force(in, cells{
		row: func(r int, _ []float64) []float64 { row(r, buf); return buf },
		at:  cell,
	}, res, i, j)
}

// cells is how force reads a problem: a row at a time (possibly into a
// buffer it reuses) and a cell at a time.
type cells struct {
	row func(i int, buf []float64) []float64
	at  func(i, j int) float64
}

// force prices pair (i, j) of the problem in reads, whose optimal result
// is res.
func force(in *instance, src cells, res *Result, i, j int) (Forced, error) {
	rows, cols := in.rows, in.cols
	if i < 0 || i >= rows || j < 0 || j >= cols {
		return Forced{}, fmt.Errorf("%w: pair (%d, %d) outside a %d×%d matrix", ErrInput, i+1, j+1, rows, cols)
	}
	if !in.allowed(src.at(i, j)) {
		return Forced{}, fmt.Errorf("%w: row %d column %d is forbidden", ErrInfeasible, i+1, j+1)
	}
	if in.caps[j] == 0 {
		return Forced{}, fmt.Errorf("%w: column %d takes no rows", ErrInfeasible, j+1)
	}
	if res.RowCol[i] == j {
		return Forced{Assigned: res.Assigned, Total: res.Total}, nil
	}
	g := newResidual(in, src, res)
	rc := math.Max(0, g.cost(i, j)-g.u[i]-g.v[j])
	if d, ok := g.search(j, false, 0, i); ok {
		return Forced{Assigned: res.Assigned, Total: res.Total + in.sign*(rc+d)}, nil
	}
	if math.IsInf(g.ds, 1) {
		return Forced{}, fmt.Errorf("%w: no assignment holds row %d with column %d", ErrInfeasible, i+1, j+1)
	}
	if d, ok := g.search(-1, true, g.ds-g.top-g.bottom, i); ok {
		return Forced{Assigned: res.Assigned - 1, Total: res.Total + in.sign*(rc+d)}, nil
	}
	return Forced{}, fmt.Errorf("%w: no assignment holds row %d with column %d", ErrInfeasible, i+1, j+1)
}

// residual is the residual graph of an optimal flow (source → rows →
// columns → sink) with the potentials of its certificate, minimising:
// row potential −u, column v, source −top, sink bottom.
type residual struct {
	in          *instance
	src         cells
	u, v        []float64
	rowCol      []int
	colRows     [][]int
	top, bottom float64 // the largest assigned row's and used column's duals

	dc              []float64 // column labels
	doneC, doneR    []bool
	ds, dt          float64 // source and sink labels
	doneS, doneT    bool
	free            []int // unassigned rows with an allowed cell, by u
	nextFree        int
	found           float64
	target, reached int
}

func newResidual(in *instance, src cells, res *Result) *residual {
	g := &residual{in: in, src: src, rowCol: res.RowCol, u: make([]float64, in.rows), v: make([]float64, in.cols),
		colRows: make([][]int, in.cols), top: math.Inf(-1), bottom: math.Inf(-1),
		dc: make([]float64, in.cols), doneC: make([]bool, in.cols), doneR: make([]bool, in.rows)}
	for i, x := range res.RowDual {
		g.u[i] = in.sign * x
	}
	for j, x := range res.ColDual {
		g.v[j] = in.sign * x
	}
	for i, j := range res.RowCol {
		if j >= 0 {
			g.colRows[j] = append(g.colRows[j], i)
			g.top = math.Max(g.top, g.u[i])
		}
	}
	for j, rs := range g.colRows {
		if len(rs) > 0 {
			g.bottom = math.Max(g.bottom, g.v[j])
		}
	}
	for i, j := range res.RowCol {
		if j < 0 && g.hasCell(i) {
			g.free = append(g.free, i)
		}
	}
	sort.SliceStable(g.free, func(a, b int) bool { return g.u[g.free[a]] < g.u[g.free[b]] })
	for j := range g.dc {
		g.dc[j] = inf
	}
	g.ds, g.dt = inf, inf
	return g
}

func (g *residual) cost(i, j int) float64 { return g.in.sign * g.src.at(i, j) }

func (g *residual) hasCell(i int) bool {
	for j, x := range g.src.row(i, nil) {
		if g.in.caps[j] > 0 && g.in.allowed(x) {
			return true
		}
	}
	return false
}

// search runs Dijkstra from column start (or from the sink at label at)
// over the nodes no earlier search settled, until row target is settled.
// Rows are settled with the column that reaches them (assigned) or from the
// source in order of u (unassigned), so only columns, the source and the
// sink are selected: O(rows·cols) in all.
func (g *residual) search(start int, fromSink bool, at float64, target int) (float64, bool) {
	g.target, g.reached = target, -1
	if fromSink {
		g.dt = at
	} else {
		g.dc[start] = 0
	}
	for g.reached < 0 {
		// The least of: a column, the sink, the source, the next free row.
		best, kind, bj := inf, 0, -1
		for j, x := range g.dc {
			if !g.doneC[j] && x < best {
				best, kind, bj = x, 1, j
			}
		}
		if !g.doneT && g.dt < best {
			best, kind = g.dt, 2
		}
		if !g.doneS && g.ds < best {
			best, kind = g.ds, 3
		}
		for g.doneS && g.nextFree < len(g.free) && g.doneR[g.free[g.nextFree]] {
			g.nextFree++
		}
		if g.doneS && g.nextFree < len(g.free) {
			r := g.free[g.nextFree]
			if x := g.ds + math.Max(0, g.u[r]-g.top); x < best {
				best, kind = x, 4
			}
		}
		switch kind {
		case 0:
			return 0, false
		case 1:
			g.doneC[bj] = true
			if len(g.colRows[bj]) < int(g.in.caps[bj]) {
				g.toSink(best + math.Max(0, g.v[bj]-g.bottom))
			}
			for _, r := range g.colRows[bj] {
				g.settleRow(r, best+math.Max(0, g.u[r]+g.v[bj]-g.cost(r, bj)))
			}
		case 2:
			g.doneT = true
			for j, rs := range g.colRows {
				if len(rs) > 0 && !g.doneC[j] {
					g.dc[j] = math.Min(g.dc[j], best+math.Max(0, g.bottom-g.v[j]))
				}
			}
		case 3:
			g.doneS = true
		case 4:
			g.settleRow(g.free[g.nextFree], best)
		}
	}
	return g.found, true
}

func (g *residual) toSink(x float64) {
	if !g.doneT {
		g.dt = math.Min(g.dt, x)
	}
}

// settleRow settles row r at label x and relaxes its arcs.
func (g *residual) settleRow(r int, x float64) {
	if g.doneR[r] || g.reached >= 0 {
		return
	}
	g.doneR[r] = true
	if r == g.target {
		g.found, g.reached = x, r
		return
	}
	if g.rowCol[r] >= 0 && !g.doneS {
		g.ds = math.Min(g.ds, x+math.Max(0, g.top-g.u[r]))
	}
	in := g.in
	for j, c := range g.src.row(r, nil) {
		if j == g.rowCol[r] || in.caps[j] == 0 || g.doneC[j] || !in.allowed(c) {
			continue
		}
		y := x + math.Max(0, in.sign*c-g.u[r]-g.v[j])
		if len(g.colRows[j]) == 0 {
			// A column holding nothing leads only to the sink.
			g.toSink(y + math.Max(0, g.v[j]-g.bottom))
			continue
		}
		g.dc[j] = math.Min(g.dc[j], y)
	}
}
