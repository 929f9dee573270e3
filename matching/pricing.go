package matching

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// SparseOptions configures SolveSparse.
type SparseOptions struct {
	Options
	// K is how many candidate columns each row brings to the first sparse
	// program; 0 means 16.
	K int
	// Candidates, when not nil, returns row i's candidate columns appended
	// to dst, for instance the K best by a cheap bound. When nil,
	// SolveSparse finds them itself: when the rows fit in the columns'
	// places, by an ε-scaling auction over whole rows that evaluates a row
	// again only when its short list of cheapest cells goes stale (a few
	// passes over the matrix in all), otherwise by one pass that keeps each
	// row's K cheapest cells and each column's least regretted rows.
	Candidates func(i int, dst []int) []int
	// MaxAdd is how many violating pairs a row may gain per round, the most
	// violating first; 0 means 4K.
	MaxAdd int
	// Row, when not nil, sets dst[j] to cell(i, j) for every column j, the
	// same values; the solver then reads whole rows through it, which lets
	// the caller share the work that a row's cells have in common. cell is
	// still asked for single cells.
	Row func(i int, dst []float64)
	// Bound, when not nil, sets dst[j] to a bound on cell(i, j) for every
	// column j: a value at least as good (at least the cell when
	// maximising, at most when minimising), NaN only where the cell is
	// NaN. The auction's lists and the checks against the duals then read
	// bounds, and ask cell for the few cells whose bound settles nothing
	// (see bounded.go); the answer is the same optimum, proven the same
	// way. A bound cheaper than a row is the point.
	Bound func(i int, dst []float64)
	// Cells, when not nil, sets dst[q] to cell(i, cols[q]) for every q,
	// the same values: the cells that bounds do not settle are asked for a
	// batch of a row at a time.
	Cells func(i int, cols []int32, dst []float64)
	// Workers is how many goroutines evaluate cells; 0 means GOMAXPROCS.
	Workers int
	// Trace, when not nil, receives one line per round: how the program
	// was solved, how many pairs joined, how long it took.
	Trace io.Writer
}

// SparseResult is an optimal result of the full problem, with what it took.
type SparseResult struct {
	Result
	Rounds int // sparse programs solved
	Pairs  int // candidate pairs in the last one
	// Checked is how many pairs outside the last program its check covers:
	// every one, by its cell or bound against the duals, or where neither
	// dual rose since the check before, which covered it, by that check.
	Checked int64
}

// SolveSparse solves the rows×cols problem whose cell (i, j) is cell(i, j)
// (NaN forbidden, as in SolveData) exactly, without ever holding the whole
// matrix: memory O(rows+cols+pairs kept).
//
// It solves the problem restricted to a few candidate pairs per row, then
// checks every other pair against the duals of that solution: a pair whose
// reduced cost is negative could improve the total, and a pair from a row
// that an alternating path reaches from an unassigned row to a column
// that no such path reaches could let one more row in. Such pairs join
// the program, which is solved again from the previous solution, until a
// check finds none. The duals then satisfy CertifyData's conditions on
// every pair and the cut shows no augmenting path exists, so the result is
// the optimum of the full problem, not an approximation.
//
// cell, and Candidates when set, must be safe for concurrent use; they are
// called from Workers goroutines. Each round costs one evaluation of every
// pair, or, when few column duals rose since the last check and no cut is
// needed, of the rows whose dual rose and of the others at those columns
// only: a pair whose duals both fell or stayed was checked already, and its
// reduced cost only grew.
func SolveSparse(rows, cols int, cell func(i, j int) float64, opt SparseOptions) (*SparseResult, error) {
	sr, err := newSparseRun(rows, cols, cell, opt)
	if err != nil {
		return nil, err
	}
	if err := sr.initial(opt.Candidates); err != nil {
		return nil, err
	}
	return sr.solve()
}

func newSparseRun(rows, cols int, cell func(i, j int) float64, opt SparseOptions) (*sparseRun, error) {
	in, err := newInstance(rows, cols, opt.Options)
	if err != nil {
		return nil, err
	}
	if cell == nil {
		return nil, fmt.Errorf("%w: nil cell function", ErrInput)
	}
	if opt.K < 0 || opt.MaxAdd < 0 || opt.Workers < 0 {
		return nil, fmt.Errorf("%w: negative K, MaxAdd or Workers", ErrInput)
	}
	sr := &sparseRun{in: in, cell: cell, rowFunc: opt.Row, boundFunc: opt.Bound, cellsFunc: opt.Cells, k: opt.K, add: opt.MaxAdd, workers: opt.Workers, trace: opt.Trace, warmShare: 64}
	if sr.k == 0 {
		sr.k = 16
	}
	if sr.add == 0 {
		sr.add = 4 * sr.k
	}
	if sr.workers == 0 {
		sr.workers = runtime.GOMAXPROCS(0)
	}
	sr.rowBufs = make([][]float64, sr.workers)
	sr.listLen = lazyList
	sr.boundBufs = make([][]float64, sr.workers)

	sr.colBufs = make([][]int32, sr.workers)
	sr.valBufs = make([][]float64, sr.workers)
	sr.worst = -in.sign * inf
	sr.picks = make([][]keyed, sr.workers)
	seats := 0
	for _, k := range in.caps {
		seats += int(k)
	}
	sr.byRows = rows <= seats
	return sr, nil
}

// arc is a candidate pair of a row: its column and value.
type arc struct {
	j int32
	x float64
}

type sparseRun struct {
	in      *instance
	cell    func(i, j int) float64
	rowFunc func(i int, dst []float64)
	// boundFunc is SparseOptions.Bound; boundBufs a row of bounds and
	// exact pairs a row's cells evaluated, for each worker.
	boundFunc func(i int, dst []float64)
	cellsFunc func(i int, cols []int32, dst []float64)
	colBufs   [][]int32 // columns to evaluate, for each worker
	valBufs   [][]float64
	boundBufs [][]float64
	// exactCheck counts the cells the checks evaluated, their bound not
	// settling them.
	exactCheck atomic.Int64
	worst      float64     // an infinitely good cell: −sign·∞
	rowBufs    [][]float64 // a row of cells for each worker
	picks      [][]keyed   // a row's least cells, for each worker
	k, add     int
	listLen    int // the least length of a lazy list (lazyList; smaller in tests)
	workers    int
	arcs       [][]arc // candidate pairs of each row, by column

	bad atomic.Int64 // least rows·cols index of an infinitely good cell, +1

	trace     io.Writer
	byRows    bool    // rows are the sources (they fit in the places)
	first     *sparse // the first program, solved, when lazy made it
	noLazy    bool    // rank candidates instead of the lazy auction (tests)
	rebuilds  atomic.Int64
	warmShare int        // warm restarts when at most sources/warmShare cells violate
	cold      bool       // never warm (tests)
	searches  bool       // solve by searches only, no auction (tests)
	last      *lastCheck // the last check, when the next may build on it
}

// parallel runs f over the rows in chunks of 64 on the workers.
func (sr *sparseRun) parallel(f func(w, i int)) { sr.parallelN(sr.in.rows, 64, f) }

// value evaluates a cell and reports whether it may be assigned; an
// infinitely good value is recorded as an input error.
func (sr *sparseRun) value(i, j int) (float64, bool) {
	x := sr.cell(i, j)
	if x == sr.worst {
		sr.badCell(i, j)
	}
	return x, sr.usable(j, x)
}

// usable reports whether cell value x of column j may be assigned.
func (sr *sparseRun) usable(j int, x float64) bool {
	return sr.in.caps[j] > 0 && sr.in.allowed(x)
}

// skip reports whether cell (i, j) of value x may not be assigned, and
// records it when it is infinitely good. Every pass over a row asks it of
// each cell, so it is kept small enough to inline.
func (sr *sparseRun) skip(i, j int, x float64) bool {
	if x-x == 0 { // finite: NaN − NaN and ∞ − ∞ are NaN
		return sr.in.caps[j] == 0
	}
	if x == sr.worst {
		sr.badCell(i, j)
	}
	return true
}

// badCell records an infinitely good cell, keeping the first in row order.
func (sr *sparseRun) badCell(i, j int) {
	k := int64(i*sr.in.cols + j + 1)
	for {
		old := sr.bad.Load()
		if (old != 0 && old <= k) || sr.bad.CompareAndSwap(old, k) {
			break
		}
	}
}

// row evaluates every cell of row i into worker w's buffer; the caller
// asks skip of each value. With i < 0 it returns the buffer as it is, as
// scratch.
func (sr *sparseRun) row(w, i int) []float64 {
	buf := sr.rowBufs[w]
	if buf == nil {
		buf = make([]float64, sr.in.cols)
		sr.rowBufs[w] = buf
	}
	if i < 0 {
		return buf // scratch
	}
	if sr.rowFunc != nil {
		sr.rowFunc(i, buf)
	} else {
		for j := range buf {
			buf[j] = sr.cell(i, j)
		}
	}
	return buf
}

func (sr *sparseRun) badInput() error {
	if k := sr.bad.Load(); k != 0 {
		k--
		return fmt.Errorf("%w: row %d column %d is infinitely good", ErrInput, k/int64(sr.in.cols)+1, k%int64(sr.in.cols)+1)
	}
	return nil
}

// initial gathers each row's first candidates.
func (sr *sparseRun) initial(candidates func(i int, dst []int) []int) error {
	in := sr.in
	sr.arcs = make([][]arc, in.rows)
	bufs := make([][]int, sr.workers)
	var mu sync.Mutex
	var badCol error
	if candidates == nil {
		if !sr.noLazy {
			first, ok := sr.lazy()
			if ok {
				sr.first = first
				return nil
			}
			if err := sr.badInput(); err != nil {
				return err
			}
		}
		sr.rank()
		return sr.badInput()
	}
	sr.parallel(func(w, i int) {
		js := candidates(i, bufs[w][:0])
		bufs[w] = js
		sort.Ints(js)
		var row []arc
		for q, j := range js {
			if j < 0 || j >= in.cols {
				mu.Lock()
				badCol = fmt.Errorf("%w: candidate column %d of row %d outside 1–%d", ErrInput, j+1, i+1, in.cols)
				mu.Unlock()
				return
			}
			if q > 0 && js[q-1] == j {
				continue
			}
			if x, ok := sr.value(i, j); ok {
				row = append(row, arc{int32(j), x})
			}
		}
		sr.arcs[i] = row
	})
	if badCol != nil {
		return badCol
	}
	return sr.badInput()
}

// rank reads every cell once and keeps, for each row, its k cheapest
// cells, and for each column the rows that regret it least, by cost above
// their own cheapest cell: twice the column's capacity plus two. The second
// list matters when rows share preferences: without it every row brings the
// same few popular columns and the first programs cannot place most rows.
func (sr *sparseRun) rank() {
	in := sr.in
	s := in.sign
	type work struct {
		row  []float64
		cols []topList
	}
	ws := make([]work, sr.workers)
	sr.parallel(func(w, i int) {
		wk := &ws[w]
		if wk.row == nil {
			wk.row, wk.cols = make([]float64, in.cols), make([]topList, in.cols)
			for j := range wk.cols {
				wk.cols[j].n = 2*int(in.caps[j]) + 2
			}
		}
		top := topList{n: sr.k}
		least := inf
		for j, x := range sr.row(w, i) {
			if sr.skip(i, j, x) {
				wk.row[j] = math.NaN()
				continue
			}
			wk.row[j] = x
			top.offer(s*x, int32(j), x)
			least = math.Min(least, s*x)
		}
		sr.arcs[i] = top.arcs(nil)
		for j, x := range wk.row {
			if !math.IsNaN(x) {
				wk.cols[j].offer(s*x-least, int32(i), x)
			}
		}
	})
	for j := 0; j < in.cols; j++ {
		var all topList
		for _, wk := range ws {
			if wk.cols != nil {
				all.n = wk.cols[j].n
				all.key = append(all.key, wk.cols[j].key...)
				all.id = append(all.id, wk.cols[j].id...)
				all.x = append(all.x, wk.cols[j].x...)
			}
		}
		sort.Sort(&all)
		for q := 0; q < min(all.n, len(all.id)); q++ {
			i := all.id[q]
			sr.arcs[i] = append(sr.arcs[i], arc{int32(j), all.x[q]})
		}
	}
	for i, row := range sr.arcs {
		sort.Slice(row, func(a, b int) bool { return row[a].j < row[b].j })
		out := row[:0]
		for q, a := range row {
			if q == 0 || a.j != row[q-1].j {
				out = append(out, a)
			}
		}
		sr.arcs[i] = out
	}
	sr.greedy()
}

// greedy adds, for each row in turn, its cheapest pair to a column that
// still has room: a whole assignment inside the first program, so that it
// has no row left out for want of candidates (whose searches would explore
// everything they reach) and its duals already price every column.
func (sr *sparseRun) greedy() {
	in := sr.in
	s := in.sign
	room := make([]int32, in.cols)
	copy(room, in.caps)
	var open []int32
	for j, k := range room {
		if k > 0 {
			open = append(open, int32(j))
		}
	}
	for i, row := range sr.arcs {
		best, bx, bj := inf, 0.0, int32(-1)
		for _, a := range row {
			if room[a.j] > 0 && s*a.x < best {
				best, bx, bj = s*a.x, a.x, a.j
			}
		}
		if bj < 0 {
			kept := open[:0]
			for _, j := range open {
				if room[j] == 0 {
					continue
				}
				kept = append(kept, j)
				if x, ok := sr.value(i, int(j)); ok && s*x < best {
					best, bx, bj = s*x, x, j
				}
			}
			open = kept
			if bj < 0 {
				continue
			}
			q := sort.Search(len(row), func(q int) bool { return row[q].j >= bj })
			row = append(row, arc{})
			copy(row[q+1:], row[q:])
			row[q] = arc{bj, bx}
			sr.arcs[i] = row
		}
		room[bj]--
	}
}

// topList keeps the n entries of least key, ties to the least id, as a
// heap with the greatest on top: offering every cell of a row costs
// O(cols + n log n log(cols/n)), where keeping them sorted cost a shift
// of up to n entries for each of the n log(cols/n) that get in.
type topList struct {
	n   int
	key []float64
	id  []int32
	x   []float64
}

func (t *topList) offer(key float64, id int32, x float64) {
	if len(t.key) < t.n {
		t.key, t.id, t.x = append(t.key, key), append(t.id, id), append(t.x, x)
		for c := len(t.key) - 1; c > 0; {
			p := (c - 1) / 2
			if !t.Less(p, c) {
				break
			}
			t.Swap(p, c)
			c = p
		}
		return
	}
	if t.n == 0 || key > t.key[0] || key == t.key[0] && id >= t.id[0] {
		return
	}
	t.key[0], t.id[0], t.x[0] = key, id, x
	for p := 0; ; {
		c := 2*p + 1
		if c >= len(t.key) {
			break
		}
		if c+1 < len(t.key) && t.Less(c, c+1) {
			c++
		}
		if !t.Less(p, c) {
			break
		}
		t.Swap(p, c)
		p = c
	}
}

// arcs appends the entries to dst as arcs to columns, by column.
func (t *topList) arcs(dst []arc) []arc {
	for q, j := range t.id {
		dst = append(dst, arc{j, t.x[q]})
	}
	sort.Slice(dst, func(a, b int) bool { return dst[a].j < dst[b].j })
	return dst
}

func (t *topList) Len() int { return len(t.key) }
func (t *topList) Less(a, b int) bool {
	if t.key[a] != t.key[b] {
		return t.key[a] < t.key[b]
	}
	return t.id[a] < t.id[b]
}
func (t *topList) Swap(a, b int) {
	t.key[a], t.key[b] = t.key[b], t.key[a]
	t.id[a], t.id[b] = t.id[b], t.id[a]
	t.x[a], t.x[b] = t.x[b], t.x[a]
}

// solve alternates sparse solves and checks until no pair violates.
func (sr *sparseRun) solve() (*SparseResult, error) {
	in := sr.in
	byRows := sr.byRows
	out := &SparseResult{Result: Result{
		RowCol: make([]int, in.rows), RowDual: make([]float64, in.rows), ColDual: make([]float64, in.cols),
	}}
	var prev *sparse
	for {
		out.Rounds++
		t0 := time.Now()
		var p *sparse
		var u []float64
		warm, how := false, "cold"
		switch {
		case sr.first != nil:
			p, sr.first, how = sr.first, nil, "by auction over whole rows"
			u = p.potentials()
		case prev != nil && !sr.cold:
			p = sr.program(byRows)
			warm = p.warmFrom(prev, sr.tolerance(&prev.state), p.ns/sr.warmShare)
			if warm {
				u = p.potentials()
				break
			}
			fallthrough
		default:
			p = sr.program(byRows)
			// From the columns' side (places scarcer than rows) the auction's
			// repair to an exact state costs far more than searching:
			// 20,000 × 2,000 × 5 took over ten minutes against three.
			p.noAuction = sr.searches || !byRows
			u = p.solve(sr.tolerance(nil))
		}
		if warm {
			how = fmt.Sprintf("warm, %d pairs brought in", p.pending)
		}
		prev = p
		p.orient(byRows, u, out.RowCol, out.RowDual, out.ColDual)
		t1, evaluated := time.Now(), sr.exactCheck.Load()
		tol := sr.tolerance(&prev.state)
		added, nearby, checked, err := sr.check(out, tol, tieShare*tol)
		if err != nil {
			return nil, err
		}
		out.Checked = checked
		if sr.trace != nil {
			fmt.Fprintf(sr.trace, "round %d: %d pairs, solved %s in %.2fs; checked %d others (%d cells evaluated), %d joined (and %d near), in %.2fs\n",
				out.Rounds, p.start[len(p.start)-1], how, t1.Sub(t0).Seconds(), checked, sr.exactCheck.Load()-evaluated, added, nearby, time.Since(t1).Seconds())
		}
		if added == 0 {
			break
		}
	}
	out.Pairs, out.Assigned, out.Total = 0, 0, 0
	for i, row := range sr.arcs {
		out.Pairs += len(row)
		if j := out.RowCol[i]; j >= 0 {
			out.Assigned++
			out.Total += row[sort.Search(len(row), func(q int) bool { return row[q].j >= int32(j) })].x
		}
	}
	in.closedColumns(&out.Result, sr.cell)
	return out, nil
}

// program builds the sparse solver over the current candidates: rows are
// the sources (byRows), or each column is repeated as often as its
// capacity over its candidate pairs.
func (sr *sparseRun) program(byRows bool) *sparse {
	in := sr.in
	s := in.sign
	n := 0
	for _, row := range sr.arcs {
		n += len(row)
	}
	adj, cost := make([]int32, 0, n), make([]float64, 0, n)
	if byRows {
		start := make([]int, 1, in.rows+1)
		for _, row := range sr.arcs {
			for _, a := range row {
				adj, cost = append(adj, a.j), append(cost, s*a.x)
			}
			start = append(start, len(adj))
		}
		return newSparse(in.rows, in.cols, nil, nil, in.caps, start, adj, cost)
	}
	start := make([]int, in.cols+1)
	for _, row := range sr.arcs {
		for _, a := range row {
			start[a.j+1]++
		}
	}
	for j := 0; j < in.cols; j++ {
		start[j+1] += start[j]
	}
	adj, cost = adj[:n], cost[:n]
	fill := append([]int(nil), start[:in.cols]...)
	for i, row := range sr.arcs {
		for _, a := range row {
			adj[fill[a.j]], cost[fill[a.j]] = int32(i), s*a.x
			fill[a.j]++
		}
	}
	cstart := make([]int, in.cols+1)
	for j, k := range in.caps {
		cstart[j+1] = cstart[j] + int(k)
	}
	ones := make([]int32, in.rows)
	for i := range ones {
		ones[i] = 1
	}
	return newSparse(cstart[in.cols], in.rows, copies(in.caps), cstart, ones, start, adj, cost)
}

// tolerance is CertifyData's, over the candidate values and the duals.
func (sr *sparseRun) tolerance(st *state) float64 {
	scale := 1.0
	for _, row := range sr.arcs {
		for _, a := range row {
			scale = math.Max(scale, math.Abs(a.x))
		}
	}
	if st != nil {
		for _, v := range st.v {
			if !math.IsNaN(v) {
				scale = math.Max(scale, math.Abs(v))
			}
		}
	}
	return tolerance * scale
}

// lastCheck is what the next check needs of the last one: its duals and
// tolerance, and the rows left with no violating pair outside the program
// (those whose violating pairs all joined it).
type lastCheck struct {
	u, v    []float64
	tol     float64
	settled []bool
}

// maxRise is the most columns whose dual rose since the last check for
// which check reads the other rows at those columns only, cell by cell
// (see risen), rather than whole.
const maxRise = 32

// risen is check's test of row i when the last check settled it and its
// dual u has not risen since: every pair of the row outside the program
// had a reduced cost of at least −tol then, and a reduced cost only falls
// where a dual rose (floating-point subtraction is monotone too), so only
// the columns in rise, whose dual did, are evaluated again. The duals
// before are the last check's and its tolerance at most tol. It returns
// how many pairs that covers: all of the row's outside the program.
func (sr *sparseRun) risen(w, i int, mark []int32, stamp int32, u float64, v []float64, opens int, tol, near float64, rise []int32, top, by *topList) int {
	s := sr.in.sign
	n := opens
	for _, a := range sr.arcs[i] {
		if sr.in.caps[a.j] > 0 {
			n--
		}
	}
	js := sr.colBufs[w][:0]
	for _, j := range rise {
		if mark[j] != stamp {
			js = append(js, j)
		}
	}
	for q, x := range sr.values(w, i, js) {
		j := int(js[q])
		if sr.skip(i, j, x) {
			continue
		}
		if rc := s*x - u - v[j]; rc < -tol {
			top.offer(rc, int32(j), x)
		} else if near > 0 && rc < near {
			by.offer(rc, int32(j), x)
		}
	}
	sr.exactCheck.Add(int64(len(js)))
	return n
}

// tieShare is how far above 0, in tolerances, a reduced cost counts as a
// tie for check: a pair that ties the duals (scores in hundredths tie
// often) is the likeliest to violate the next ones. On 100,000 × 10,000
// the 1,234 ties the first check found saved one of four rounds.
const tieShare = 1e3

// check evaluates every pair outside the program against the minimising
// duals in res and adds the violating ones, at most add per row, the most
// negative reduced cost first. With near > 0, when some pair violates, it
// also adds the pairs whose reduced cost is below near (ties, see
// tieShare), as many per row: the duals then move, and a pair that ties
// them now would otherwise likely violate the next ones and cost a round
// (a pass over every pair) of its own. It returns how many violating pairs
// were added, how many near ones, and how many pairs it checked.
func (sr *sparseRun) check(res *SparseResult, tol, near float64) (int, int, int64, error) {
	in := sr.in
	s := in.sign
	inA, inB := sr.cut(res.RowCol)
	open, opens := slices.Clone(res.ColDual), 0
	for j, k := range in.caps {
		if k == 0 {
			open[j] = -inf
		} else {
			opens++
		}
	}
	last, rise := sr.last, []int32(nil)
	if last != nil && inA == nil && tol >= last.tol {
		for j, k := range in.caps {
			if k > 0 && !(res.ColDual[j] <= last.v[j]) {
				rise = append(rise, int32(j))
			}
		}
	}
	if last == nil || inA != nil || tol < last.tol || len(rise) > maxRise {
		last, rise = nil, nil
	}
	marks := make([][]int32, sr.workers)
	extra, close := make([][]arc, in.rows), make([][]arc, in.rows)
	settled := make([]bool, in.rows)
	var checked, whole atomic.Int64
	sr.parallel(func(w, i int) {
		if marks[w] == nil {
			marks[w] = make([]int32, in.cols)
		}
		mark, stamp := marks[w], int32(i+1)
		for _, a := range sr.arcs[i] {
			mark[a.j] = stamp
		}
		top, by := topList{n: sr.add}, topList{n: sr.add}
		defer func() {
			// A full list may have left a violating pair out.
			settled[i] = len(top.id) < top.n
			if len(top.id) > 0 {
				extra[i] = top.arcs(nil)
			}
			if len(by.id) > 0 {
				close[i] = by.arcs(nil)
			}
		}()
		ui, n := res.RowDual[i], 0
		if last != nil && last.settled[i] && ui <= last.u[i] {
			checked.Add(int64(sr.risen(w, i, mark, stamp, ui, res.ColDual, opens, tol, near, rise, &top, &by)))
			return
		}
		whole.Add(1)
		if sr.boundFunc != nil {
			n = sr.checkBounded(w, i, mark, stamp, ui, res.ColDual, open, opens, tol, near, inA, inB, &top, &by)
			checked.Add(int64(n))
			return
		}
		for j, x := range sr.row(w, i) {
			if mark[j] == stamp || in.caps[j] == 0 {
				continue
			}
			n++
			if sr.skip(i, j, x) {
				continue
			}
			rc := s*x - ui - res.ColDual[j]
			if rc < -tol || (inA != nil && inA[i] && !inB[j]) {
				top.offer(rc, int32(j), x)
			} else if near > 0 && rc < near {
				by.offer(rc, int32(j), x)
			}
		}
		checked.Add(int64(n))
	})
	if err := sr.badInput(); err != nil {
		return 0, 0, 0, err
	}
	sr.last = nil
	if inA == nil {
		sr.last = &lastCheck{u: slices.Clone(res.RowDual), v: slices.Clone(res.ColDual), tol: tol, settled: settled}
	}
	if sr.trace != nil && last != nil {
		fmt.Fprintf(sr.trace, "  check: %d rows read whole, the others at the %d columns whose dual rose\n", whole.Load(), len(rise))
	}
	added, nearby := 0, 0
	for _, e := range extra {
		added += len(e)
	}
	if added == 0 {
		return 0, 0, checked.Load(), nil
	}
	for i, e := range extra {
		nearby += len(close[i])
		if len(e)+len(close[i]) == 0 {
			continue
		}
		row := append(append(sr.arcs[i], e...), close[i]...)
		sort.Slice(row, func(a, b int) bool { return row[a].j < row[b].j })
		sr.arcs[i] = row
	}
	return added, nearby, checked.Load(), nil
}

// cut returns, when the assignment leaves both a row and a place free,
// the rows and columns that alternating paths over the candidates reach
// from the unassigned rows. No such path reaches a column with room (the
// sparse solution has the most rows it can), so these sets are a minimum
// cut of the sparse program; they stay one for the full problem unless a
// pair joins a reached row to an unreached column. Otherwise it returns
// nil: every row assigned, or every place taken, needs no cut.
func (sr *sparseRun) cut(rowCol []int) (inA, inB []bool) {
	in := sr.in
	assigned, seats := 0, 0
	load := make([]int32, in.cols)
	for _, j := range rowCol {
		if j >= 0 {
			assigned++
			load[j]++
		}
	}
	for _, k := range in.caps {
		seats += int(k)
	}
	if assigned == in.rows || assigned == seats {
		return nil, nil
	}
	colRows := make([][]int32, in.cols)
	var queue []int32
	inA, inB = make([]bool, in.rows), make([]bool, in.cols)
	for i, j := range rowCol {
		if j >= 0 {
			colRows[j] = append(colRows[j], int32(i))
		} else {
			inA[i] = true
			queue = append(queue, int32(i))
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, a := range sr.arcs[i] {
			if int(a.j) == rowCol[i] || inB[a.j] {
				continue
			}
			inB[a.j] = true
			for _, r := range colRows[a.j] {
				if !inA[r] {
					inA[r] = true
					queue = append(queue, r)
				}
			}
		}
	}
	return inA, inB
}
