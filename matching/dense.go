package matching

import (
	"math"
	"sort"
)

var inf = math.Inf(1)

// dense is the shortest augmenting path solver on a dense cost matrix. Its
// rows ("sources", one unit each) are augmented from; its columns
// ("targets") have capacities. A source is a row of data, or, through base,
// a repeated row of data, which is how columns with capacity are augmented
// from without copying them.
//
// Invariants between calls (costs are sign·data, u implicit):
//   - every allowed cell (r, j) has reduced cost c(r,j) − u(r) − v(j) ≥ 0,
//     equal to 0 when r is assigned to j, where u(r) = c(r,col(r)) − v(col(r));
//   - a target with room left has v = 0, a full one v ≤ 0 (potentials only
//     ever fall, and only those of full targets);
//   - the assignment is of minimum cost for its size among the sources
//     taken up so far, and of maximum size among them.
type dense struct {
	ns, nd int
	data   []float64 // base rows of nd values each
	base   []int32   // source → row of data; nil: the identity
	sign   float64   // cost of a cell is sign·data

	cap  []int32   // capacity of each target
	room []int32   // capacity left
	v    []float64 // target potentials; NaN for targets that take nothing
	col  []int32   // target of each source, −1
	head []int32   // first source assigned to each target, −1
	next []int32   // next source assigned to the same target

	d       []float64 // search labels of targets
	pred    []int32   // source that last lowered a target's label
	list    []int32   // targets that take something
	off     []int32   // targets that take nothing
	ready   []int32   // targets at the least label, not yet settled
	settled []int32   // targets settled by the search, in order
	labels  []float64 // their labels
	dead    []int32   // sources searched from that stayed unassigned
}

func newDense(ns, nd int, data []float64, base []int32, sign float64, caps []int32) *dense {
	p := &dense{
		ns: ns, nd: nd, data: data, base: base, sign: sign,
		cap: caps, room: make([]int32, nd), v: make([]float64, nd),
		col: make([]int32, ns), head: make([]int32, nd), next: make([]int32, ns),
		d: make([]float64, nd), pred: make([]int32, nd),
	}
	for j := range p.head {
		p.head[j] = -1
		p.room[j] = caps[j]
		if caps[j] == 0 {
			p.v[j] = math.NaN() // every reduced cost into j is NaN: never taken
			p.off = append(p.off, int32(j))
		} else {
			p.list = append(p.list, int32(j))
		}
	}
	for r := range p.col {
		p.col[r] = -1
	}
	return p
}

// row returns the costs (before sign) of source r.
func (p *dense) row(r int32) []float64 {
	b := int(r)
	if p.base != nil {
		b = int(p.base[r])
	}
	return p.data[b*p.nd : b*p.nd+p.nd : b*p.nd+p.nd]
}

// run assigns every source it can.
func (p *dense) run() {
	free := make([]int32, p.ns)
	for r := range free {
		free[r] = int32(r)
	}
	rest := p.reduce(free)
	// Searching from the sources with the cheapest best cells first keeps
	// paths short when rows share preferences (low-rank scores): later,
	// weaker sources then settle for what is left instead of displacing
	// chains of earlier ones.
	key := make([]float64, p.ns)
	for _, r := range rest {
		key[r], _, _, _ = p.best2(r)
	}
	sort.SliceStable(rest, func(a, b int) bool { return key[rest[a]] < key[rest[b]] })
	for _, r := range rest {
		p.augment(r)
	}
}

// assign puts source r on target j.
func (p *dense) assign(r, j int32) {
	p.col[r] = j
	p.next[r] = p.head[j]
	p.head[j] = r
}

// detach takes source r off target j.
func (p *dense) detach(r, j int32) {
	p.col[r] = -1
	if p.head[j] == r {
		p.head[j] = p.next[r]
		return
	}
	for q := p.head[j]; q >= 0; q = p.next[q] {
		if p.next[q] == r {
			p.next[q] = p.next[r]
			return
		}
	}
}

// best2 returns the least and second least reduced cost c(r,j) − v(j) of
// source r over allowed cells, with their targets (−1 when none). Among
// targets tied at the least, one with room left is preferred, so that
// degenerate matrices (all equal, few distinct values) need no search.
func (p *dense) best2(r int32) (u1 float64, j1 int32, u2 float64, j2 int32) {
	row := p.row(r)
	v := p.v[:len(row)]
	room := p.room[:len(row)]
	s := p.sign
	u1, u2, j1, j2 = inf, inf, -1, -1
	for j, c := range row {
		h := s*c - v[j]
		if h <= u2 {
			switch {
			case h < u1:
				u2, j2 = u1, j1
				u1, j1 = h, int32(j)
			case h == u1 && j1 >= 0:
				if room[j1] <= 0 && room[j] > 0 {
					j2, j1 = j1, int32(j)
				} else if j2 < 0 || u2 > u1 {
					j2 = int32(j)
				}
				u2 = h
			case h < u2:
				u2, j2 = h, int32(j)
			}
		}
	}
	return u1, j1, u2, j2
}

// reduce is Jonker and Volgenant's augmenting row reduction, started from
// an empty assignment with all potentials 0: each free source takes its
// cheapest target, lowering that target's potential to the source's second
// cheapest so that the source is indifferent between them, and displacing
// the target's previous source, which tries again. It is an auction with
// no minimum bid, run twice over the free sources and within a budget of
// scans. A target with capacity above one is taken while it has room but
// never bid up (its other sources would lose feasibility); such bids are
// left to the searches. Reduce returns the sources still free, in order.
func (p *dense) reduce(free []int32) []int32 {
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
			u1, j1, u2, j2 := p.best2(r)
			if j1 < 0 {
				continue // no allowed cell: never assignable
			}
			if p.room[j1] > 0 {
				p.room[j1]--
				p.assign(r, j1)
				if p.cap[j1] == 1 && u2 < inf {
					p.v[j1] -= u2 - u1
				}
				continue
			}
			if u1 < u2 {
				if p.cap[j1] != 1 || u2 == inf {
					later = append(later, r)
					continue
				}
				p.v[j1] -= u2 - u1
				q := p.head[j1]
				p.detach(q, j1)
				p.assign(r, j1)
				k--
				free[k] = q // bid again at once
				continue
			}
			// Tied at u1 with every tied target full: take the second one
			// without bidding, and let its source try in the next pass.
			if p.cap[j2] != 1 {
				later = append(later, r)
				continue
			}
			q := p.head[j2]
			p.detach(q, j2)
			p.assign(r, j2)
			free[nf] = q
			nf++
		}
		free = free[:nf]
	}
	return append(later, free...)
}

// augment searches from the free source f for a cheapest path to a target
// with room (Dijkstra on reduced costs over dense rows, settling all
// targets at the current least label together) and augments along it. If
// no target with room is reachable, f takes a place from an assigned source
// when that lowers the total (see fail).
//
// Labels of settled, ready and inactive targets are NaN, which every
// comparison rejects, so the scans run over whole rows in order.
func (p *dense) augment(f int32) {
	d, pred, v, room := p.d, p.pred, p.v, p.room
	s := p.sign
	row := p.row(f)
	d = d[:len(row)]
	pred = pred[:len(row)]
	v = v[:len(row)]
	room = room[:len(row)]
	for j, c := range row {
		x := s*c - v[j]
		if !(x < inf) {
			x = inf
		}
		d[j] = x
		pred[j] = f
	}
	for _, j := range p.off {
		d[j] = math.NaN()
	}
	ready, settled, labels := p.ready[:0], p.settled[:0], p.labels[:0]
	least := 0.0
	end := int32(-1)
search:
	for {
		if len(ready) == 0 {
			least = inf
			for j, x := range d {
				if x <= least {
					if x < least {
						least = x
						ready = ready[:0]
					}
					ready = append(ready, int32(j))
				}
			}
			if least == inf {
				break
			}
			for _, j := range ready {
				d[j] = math.NaN()
				if room[j] > 0 {
					end = j
				}
			}
			if end >= 0 {
				break
			}
		}
		j1 := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		settled = append(settled, j1)
		labels = append(labels, least)
		for r := p.head[j1]; r >= 0; r = p.next[r] {
			row := p.row(r)
			h := s*row[j1] - v[j1] - least
			for j, c := range row {
				if x := s*c - v[j] - h; x < d[j] {
					pred[j] = r
					if x == least {
						if room[j] > 0 {
							end = int32(j)
							break search
						}
						d[j] = math.NaN()
						ready = append(ready, int32(j))
						continue
					}
					d[j] = x
				}
			}
		}
	}
	p.ready, p.settled, p.labels = ready, settled, labels
	if end < 0 {
		p.fail(f)
		return
	}
	for k, j := range settled {
		v[j] += labels[k] - least
	}
	p.room[end]--
	p.flip(end)
}

// flip moves every source on the search path ending at target end one
// step along it; the path's first source is the one searched from.
func (p *dense) flip(end int32) {
	j := end
	for {
		r := p.pred[j]
		old := p.col[r]
		if old >= 0 {
			p.detach(r, old)
		}
		p.assign(r, j)
		if old < 0 {
			return
		}
		j = old
	}
}

// fail handles a search from f that settled every target it reaches
// without finding one with room: the assignment is already of maximum size,
// and f may only replace an assigned source q along a path of settled
// targets. The change in total is d(j) − u(q) for q assigned to j (labels
// count from f with u(f) = 0); the least one is taken when negative,
// keeping the invariants (Dijkstra's potential update with the path's end
// as threshold). The source left free is recorded for settle.
func (p *dense) fail(f int32) {
	best, bj, bq, top := 0.0, int32(-1), int32(-1), 0.0
	for k, j := range p.settled {
		for q := p.head[j]; q >= 0; q = p.next[q] {
			u := p.sign*p.row(q)[j] - p.v[j]
			if delta := p.labels[k] - u; delta < best {
				best, bj, bq, top = delta, j, q, p.labels[k]
			}
		}
	}
	if bj < 0 {
		p.dead = append(p.dead, f)
		return
	}
	for k, j := range p.settled {
		if x := p.labels[k]; x < top {
			p.v[j] += x - top
		}
	}
	p.detach(bq, bj)
	p.flip(bj)
	p.dead = append(p.dead, bq)
}

// settle returns source potentials that, with the target potentials,
// certify optimality: besides the invariants, a free source's potential
// must be at least an assigned one's. That already holds when every
// searched source was assigned; otherwise one multi-source Dijkstra from the
// free sources over the residual graph shifts the potentials of what it
// reaches (O(ns·nd)). Sources that have no allowed cell get the least
// admissible value.
func (p *dense) settle() []float64 {
	u := make([]float64, p.ns)
	top, any := math.Inf(-1), false
	for r := range u {
		if j := p.col[r]; j >= 0 {
			u[r] = p.sign*p.row(int32(r))[j] - p.v[j]
			top, any = math.Max(top, u[r]), true
		}
	}
	if !any {
		top = 0
	}
	low := false
	for _, r := range p.dead {
		u[r], _, _, _ = p.best2(r)
		low = low || u[r] < top
	}
	shift := 0.0
	if low {
		shift = p.lift(u, top)
	}
	for r := range u {
		if j := p.col[r]; j >= 0 {
			u[r] = p.sign*p.row(int32(r))[j] - p.v[j]
		}
	}
	searched := make([]bool, p.ns)
	for _, r := range p.dead {
		searched[r] = !low
	}
	for r := range u {
		if p.col[r] < 0 && !searched[r] {
			u[r] = top + shift
		}
	}
	return u
}

// lift runs the multi-source Dijkstra of settle: the free source r starts
// at label u(r) − top (its source arc's reduced cost), targets are settled
// in label order, and each settled target j passes its label to its
// sources. With m the largest label (at least 0), every reached target's
// potential moves by d(j) − m; the free sources' potentials become top + m.
// It returns m.
func (p *dense) lift(u []float64, top float64) float64 {
	d, s := p.d, p.sign
	for j := range d {
		d[j] = inf
	}
	m := 0.0
	for _, r := range p.dead {
		m = math.Max(m, u[r]-top)
		row := p.row(r)
		for j, c := range row {
			if x := s*c - p.v[j] - top; x < d[j] {
				d[j] = x
			}
		}
	}
	todo := append([]int32(nil), p.list...)
	var settled []int32
	for len(todo) > 0 {
		k := 0
		for q := range todo {
			if d[todo[q]] < d[todo[k]] {
				k = q
			}
		}
		j := todo[k]
		if d[j] == inf {
			break
		}
		todo[k] = todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		settled = append(settled, j)
		m = math.Max(m, d[j])
		for r := p.head[j]; r >= 0; r = p.next[r] {
			row := p.row(r)
			h := s*row[j] - p.v[j] - d[j]
			for _, t := range todo {
				if x := s*row[t] - p.v[t] - h; x < d[t] {
					d[t] = x
				}
			}
		}
	}
	for _, j := range settled {
		p.v[j] += d[j] - m
	}
	return m
}
