package matching

import (
	"math"
	"sort"
)

var inf = math.Inf(1)

// state is the assignment and the potentials that the dense and the sparse
// solvers share, with the steps that do not depend on how costs are kept.
//
// Sources (one unit each) are augmented from; targets have capacities. A
// source is a row of costs or, through base, one of several sources
// sharing a row, which is how a column with capacity k is augmented from k
// times without copying it. Costs are minimised; u is implicit.
//
// Invariants between searches:
//   - every allowed cell (r, j) has reduced cost c(r,j) − u(r) − v(j) ≥ 0,
//     equal to 0 when r is assigned to j, where u(r) = c(r,col(r)) − v(col(r));
//   - a target with room left has v = 0, a full one v ≤ 0 (potentials only
//     ever fall, and only those of full targets);
//   - the assignment is of minimum cost for its size among the sources
//     taken up so far, and of maximum size among them.
type state struct {
	ns, nd int
	base   []int32 // source → row of costs; nil: the identity

	cap   []int32   // capacity of each target
	room  []int32   // capacity left
	v     []float64 // target potentials; NaN for targets that take nothing
	col   []int32   // target of each source, −1
	acost []float64 // cost of each source's assigned cell
	w     []float64 // a lower bound of each source's second cheapest reduced cost, NaN if unknown
	head  []int32   // first source assigned to each target, −1
	next  []int32   // next source assigned to the same target
	off   []int32   // targets that take nothing

	pred    []int32   // source that last lowered a target's label
	settled []int32   // targets settled by the last search, in order
	labels  []float64 // their labels
	dead    []int32   // sources searched from that stayed unassigned
}

func (st *state) init(ns, nd int, base []int32, caps []int32) {
	*st = state{
		ns: ns, nd: nd, base: base, cap: caps,
		room: make([]int32, nd), v: make([]float64, nd), col: make([]int32, ns),
		acost: make([]float64, ns), head: make([]int32, nd), next: make([]int32, ns),
		pred: make([]int32, nd),
	}
	for j := range st.head {
		st.head[j] = -1
		st.room[j] = caps[j]
		if caps[j] == 0 {
			st.v[j] = math.NaN() // every reduced cost into j is NaN: never taken
			st.off = append(st.off, int32(j))
		}
	}
	for r := range st.col {
		st.col[r] = -1
	}
}

// baseOf returns the row of costs of source r.
func (st *state) baseOf(r int32) int {
	if st.base != nil {
		return int(st.base[r])
	}
	return int(r)
}

// u is the potential of the assigned source r.
func (st *state) u(r int32) float64 { return st.acost[r] - st.v[st.col[r]] }

// assign puts source r on target j at cost c.
func (st *state) assign(r, j int32, c float64) {
	st.col[r] = j
	st.acost[r] = c
	st.next[r] = st.head[j]
	st.head[j] = r
}

// detach takes source r off target j.
func (st *state) detach(r, j int32) {
	st.col[r] = -1
	if st.head[j] == r {
		st.head[j] = st.next[r]
		return
	}
	for q := st.head[j]; q >= 0; q = st.next[q] {
		if st.next[q] == r {
			st.next[q] = st.next[r]
			return
		}
	}
}

// flip moves every source on the search path ending at target end one
// step along it; the path's first source is the one searched from. cost
// gives the cost of a cell on the path.
func (st *state) flip(end int32, cost func(r, j int32) float64) {
	j := end
	for {
		r := st.pred[j]
		old := st.col[r]
		if old >= 0 {
			st.detach(r, old)
		}
		st.assign(r, j, cost(r, j))
		if st.w != nil {
			st.w[r] = math.NaN()
		}
		if old < 0 {
			return
		}
		j = old
	}
}

// bid is a source's two cheapest targets by reduced cost c − v and their
// costs c; j1 is −1 when the source has no allowed cell, j2 when it has one.
type bid struct {
	u1, u2, c1, c2 float64
	j1, j2         int32
}

// better reports whether a cell of reduced cost h at target j improves b,
// and updates b: ties at the least prefer a target with room, so that
// degenerate matrices (all equal, few distinct values) need no search.
func (b *bid) offer(h, c float64, j int32, room []int32) {
	switch {
	case h < b.u1:
		b.u2, b.c2, b.j2 = b.u1, b.c1, b.j1
		b.u1, b.c1, b.j1 = h, c, j
	case h == b.u1 && b.j1 >= 0:
		if room[b.j1] <= 0 && room[j] > 0 {
			b.c2, b.j2 = b.c1, b.j1
			b.c1, b.j1 = c, j
		} else if b.j2 < 0 || b.u2 > b.u1 {
			b.c2, b.j2 = c, j
		}
		b.u2 = h
	case h < b.u2:
		b.u2, b.c2, b.j2 = h, c, j
	}
}

func noBid() bid { return bid{u1: inf, u2: inf, j1: -1, j2: -1} }

// reduce is Jonker and Volgenant's augmenting row reduction, extended to
// targets with capacity: each free source takes its cheapest target,
// lowering that target's potential so that the source is indifferent
// between it and its second cheapest, and displacing the target's weakest
// source, which tries again. The fall is limited by the slack of the
// target's other sources (how far each is from preferring another target),
// which keeps every reduced cost non-negative. It is an auction with no
// minimum bid, run twice over the free sources and within a budget of
// bids. Sources with no allowed cell are dropped. Reduce returns the
// sources still free, the strongest first (see order).
func (st *state) reduce(free []int32, best func(r int32) bid) []int32 {
	if st.w == nil {
		st.w = make([]float64, st.ns)
		for r := range st.w {
			st.w[r] = math.NaN()
		}
	}
	var later []int32
	budget := 4*len(free) + 16
	for pass := 0; pass < 2 && len(free) > 0; pass++ {
		k, n, nf := 0, len(free), 0
		for k < n {
			if budget == 0 {
				later = append(later, free[k:n]...)
				break
			}
			budget--
			r := free[k]
			k++
			b := best(r)
			if b.j1 < 0 {
				continue
			}
			if j := b.j1; st.room[j] > 0 {
				st.room[j]--
				if st.room[j] == 0 && b.u2 < inf {
					_, least, _ := st.weakest(j, best)
					st.v[j] -= math.Min(b.u2-b.u1, least)
				}
				st.assign(r, j, b.c1)
				st.w[r] = b.u2
				continue
			}
			// Every target at u1 is full. Below u2, bid for j1; tied, take
			// j2 without bidding so that sources do not chase one target.
			j, c, w, fall := b.j1, b.c1, b.u2, b.u2-b.u1
			if b.u1 == b.u2 {
				j, c, w, fall = b.j2, b.c2, b.u1, 0
			}
			q, _, second := st.weakest(j, best)
			fall = math.Min(fall, second)
			if fall == inf {
				later = append(later, r)
				continue
			}
			st.v[j] -= fall
			st.detach(q, j)
			st.assign(r, j, c)
			st.w[r] = w
			if fall > 0 {
				k--
				free[k] = q // bid again at once
			} else {
				free[nf] = q
				nf++
			}
		}
		free = free[:nf]
	}
	return st.order(append(later, free...), best)
}

// weakest returns target j's source with the least slack, that slack and
// the second least (+Inf when there are fewer). A source's slack is how far
// its potential may rise before another target becomes cheaper for it; w
// caches the second cheapest reduced cost, which only grows as potentials
// fall, so a cached value is a safe lower bound.
func (st *state) weakest(j int32, best func(r int32) bid) (q int32, least, second float64) {
	q, least, second = -1, inf, inf
	for r := st.head[j]; r >= 0; r = st.next[r] {
		if math.IsNaN(st.w[r]) {
			b := best(r)
			st.w[r] = b.u1
			if b.j1 == j {
				st.w[r] = b.u2
			}
		}
		slack := math.Max(0, st.w[r]-st.u(r))
		switch {
		case q < 0 || slack < least:
			q, least, second = r, slack, least
		case slack < second:
			second = slack
		}
	}
	return q, least, second
}

// order sorts free sources by their cheapest reduced cost. Searching from
// the strongest first keeps paths short when rows share preferences
// (low-rank scores): the weaker then settle for what is left instead of
// displacing chains of earlier ones.
func (st *state) order(rest []int32, best func(r int32) bid) []int32 {
	key := make(map[int32]float64, len(rest))
	kept := rest[:0]
	for _, r := range rest {
		if b := best(r); b.j1 >= 0 {
			key[r] = b.u1
			kept = append(kept, r)
		}
	}
	sort.SliceStable(kept, func(a, b int) bool { return key[kept[a]] < key[kept[b]] })
	return kept
}

// fail handles a search from f that settled every target it reaches
// without finding one with room: the assignment is already of maximum size,
// and f may only replace an assigned source q along a path of settled
// targets. The change in total is d(j) − u(q) for q assigned to j (labels
// count from f with u(f) = 0); the least one is taken when negative,
// keeping the invariants (Dijkstra's potential update with the path's end
// as threshold). The source left free is recorded for settle.
func (st *state) fail(f int32, cost func(r, j int32) float64) {
	best, bj, bq, top := 0.0, int32(-1), int32(-1), 0.0
	for k, j := range st.settled {
		for q := st.head[j]; q >= 0; q = st.next[q] {
			if delta := st.labels[k] - st.u(q); delta < best {
				best, bj, bq, top = delta, j, q, st.labels[k]
			}
		}
	}
	if bj < 0 {
		st.dead = append(st.dead, f)
		return
	}
	for k, j := range st.settled {
		if x := st.labels[k]; x < top {
			st.v[j] += x - top
		}
	}
	st.detach(bq, bj)
	st.flip(bj, cost)
	st.dead = append(st.dead, bq)
}

// update is Dijkstra's potential update after a search that ended at label
// least: every settled target's potential falls by how much sooner it was
// settled.
func (st *state) update(least float64) {
	for k, j := range st.settled {
		st.v[j] += st.labels[k] - least
	}
}

// settle returns source potentials that, with the target potentials,
// certify optimality: besides the invariants, a free source's potential
// must be at least an assigned one's. That already holds when every
// searched source was assigned; otherwise lift, one multi-source Dijkstra
// from the free sources over the residual graph, moves the potentials of
// what it reaches. Sources without an allowed cell get the least admissible
// value.
func (st *state) settle(best func(r int32) bid, lift func(u []float64, top float64) float64) []float64 {
	u := make([]float64, st.ns)
	top, any := math.Inf(-1), false
	for r := range u {
		if st.col[r] >= 0 {
			u[r] = st.u(int32(r))
			top, any = math.Max(top, u[r]), true
		}
	}
	if !any {
		top = 0
	}
	low := false
	for _, r := range st.dead {
		u[r] = best(r).u1
		low = low || u[r] < top
	}
	shift := 0.0
	if low {
		shift = lift(u, top)
	}
	searched := make([]bool, st.ns)
	for _, r := range st.dead {
		searched[r] = !low
	}
	for r := range u {
		switch {
		case st.col[r] >= 0:
			u[r] = st.u(int32(r))
		case !searched[r]:
			u[r] = top + shift
		}
	}
	return u
}

// orient translates a solved state to the problem's rows and columns:
// sources are rows (byRows) or copies of columns; duals stay minimising.
// Columns without a source are left NaN in colDual.
func (st *state) orient(byRows bool, u []float64, rowCol []int, rowDual, colDual []float64) {
	if byRows {
		for i := range rowCol {
			rowCol[i] = int(st.col[i])
			rowDual[i] = u[i]
		}
		copy(colDual, st.v)
		return
	}
	for i := range rowCol {
		rowCol[i] = -1
		if r := st.head[i]; r >= 0 {
			rowCol[i] = int(st.base[r])
		}
		rowDual[i] = st.v[i]
	}
	for j := range colDual {
		colDual[j] = math.NaN()
	}
	// Assigned copies of a column share one potential (each is feasible
	// against the others' cells); unassigned ones equal it after settle.
	held := make([]bool, len(colDual))
	for r, j := range st.base {
		if !held[j] {
			colDual[j] = u[r]
			held[j] = st.col[r] >= 0
		}
	}
}

// copies returns the sources of a column-side run: column j repeated
// caps[j] times.
func copies(caps []int32) []int32 {
	var base []int32
	for j, k := range caps {
		for range k {
			base = append(base, int32(j))
		}
	}
	return base
}
