package matching

import "math"

// dense is the shortest augmenting path solver on a dense cost matrix
// (Jonker and Volgenant's, with sequential scans over whole rows): a
// source's costs are sign·data over one row of nd values.
type dense struct {
	state
	data []float64
	sign float64

	warmMode Warm // see Options.Warm

	d     []float64 // search labels of targets
	ready []int32   // targets at the least label, not yet settled

	// bad records a source whose row of costs has an infinitely good cell
	// at a target that takes sources. best2 is the first to read every
	// row (reduce calls it for each free source before any search), so
	// such a row is seen there and made to look fully forbidden, and run
	// stops after reduce: SolveData then reports the input error.
	bad bool
}

func newDense(ns, nd int, data []float64, base []int32, sign float64, caps []int32) *dense {
	p := &dense{data: data, sign: sign, d: make([]float64, nd)}
	p.init(ns, nd, base, caps)
	return p
}

// row returns the costs (before sign) of source r.
func (p *dense) row(r int32) []float64 {
	b := p.baseOf(r) * p.nd
	return p.data[b : b+p.nd : b+p.nd]
}

func (p *dense) cost(r, j int32) float64 { return p.sign * p.row(r)[j] }

// run assigns every source it can and returns the source potentials, or
// nil when a row has an infinitely good cell (see bad).
//
// When sources and places are equally many, any starting target potentials
// lead to the optimum provided every source ends up assigned: reduced costs
// stay non-negative and assigned cells tight through every search whatever
// the potentials, and with no free source and no target with room left the
// certificate asks nothing more. So when augmenting row reduction leaves
// many sources free, a sign that rows want the same few targets (low-rank
// scores) and that the searches would be long, an auction first sets
// potentials close to the final ones and the searches from them are short
// (see warm). If a source then stays free, there is no full assignment and
// the problem is solved from zero potentials as usual.
func (p *dense) run() []float64 {
	rest := p.reduce(p.sources(), p.best2)
	if p.bad {
		return nil // the input is rejected; searching would be wasted
	}
	if p.wantWarm(len(rest)) {
		if p.warm() {
			return p.settle(p.best2, p.lift)
		}
		if p.bad {
			return nil
		}
		p.unassign()
		for j := range p.v {
			if p.cap[j] > 0 {
				p.v[j] = 0
			}
		}
		p.dead = p.dead[:0]
		rest = p.reduce(p.sources(), p.best2)
	}
	for _, r := range rest {
		p.augment(r)
	}
	return p.settle(p.best2, p.lift)
}

// wantWarm reports whether to warm-start after augmenting row reduction
// left free sources free: only with as many places as sources, and when
// more than a quarter are left. Uniform and few-valued matrices leave a
// tenth or fewer at 2000², low-rank ones most; an auction there costs more
// than the short searches it would spare (uniform 145 → 227 ms).
// Options.Warm may force the choice either way.
func (p *dense) wantWarm(free int) bool {
	if p.warmMode == WarmNever || !p.perfect() {
		return false
	}
	return p.warmMode == WarmAlways || (p.ns >= 64 && 4*free > p.ns)
}

// sources returns every source, in order.
func (p *dense) sources() []int32 {
	free := make([]int32, p.ns)
	for r := range free {
		free[r] = int32(r)
	}
	return free
}

// warmFinal is the auction's last ε as a share of the range of costs.
// Finer prices shorten the searches that follow but cost more bidding.
const warmFinal = 1e-3

// warm runs the auction from the present potentials, frees every source
// and assigns them again by augmenting row reduction and searches. It
// reports whether every source ended up assigned; if not, p must be reset.
func (p *dense) warm() bool {
	span := p.span()
	if p.bad || !p.auction(p.best2, span, warmFinal*span) || p.bad {
		return false
	}
	p.unassign()
	for _, r := range p.reduce(p.sources(), p.best2) {
		p.augment(r)
		if p.col[r] < 0 || len(p.dead) > 0 {
			return false
		}
	}
	for _, j := range p.col {
		if j < 0 {
			return false
		}
	}
	return true
}

// perfect reports whether sources and places are equally many.
func (p *dense) perfect() bool {
	places := 0
	for _, k := range p.cap {
		places += int(k)
	}
	return places == p.ns
}

// span is the range of the allowed costs of targets that take sources.
func (p *dense) span() float64 {
	lo, hi := inf, -inf
	for r := range int32(p.ns) {
		if p.base != nil && r > 0 && p.base[r] == p.base[r-1] {
			continue
		}
		for j, c := range p.row(r) {
			if x := p.sign * c; x < inf && p.cap[j] > 0 {
				if x == -inf {
					p.bad = true
					return 0
				}
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
	}
	return math.Max(hi-lo, 0)
}

// unassign frees every source, keeping the potentials.
func (p *dense) unassign() {
	for r, j := range p.col {
		if j >= 0 {
			p.detach(int32(r), j)
		}
	}
	copy(p.room, p.cap)
	for r := range p.w {
		p.w[r] = math.NaN()
	}
}

// best2 scans source r's row for its two cheapest targets, with bid.offer's
// rule for ties written out over local variables: on matrices with few
// distinct values most cells tie with the least, and a call per cell would
// cost more than the scan.
func (p *dense) best2(r int32) bid {
	row := p.row(r)
	v := p.v[:len(row)]
	room := p.room[:len(row)]
	s := p.sign
	u1, u2, c1, c2 := inf, inf, 0.0, 0.0
	j1, j2 := int32(-1), int32(-1)
	open := false // j1 has room: a further tie can only fill j2
	for j := 0; j < len(row); j++ {
		c := row[j]
		h := s*c - v[j]
		if !(h <= u2) {
			continue
		}
		switch {
		case h < u1:
			u2, c2, j2 = u1, c1, j1
			u1, c1, j1 = h, s*c, int32(j)
			open = room[j] > 0
		case h == u1:
			switch {
			case j1 < 0: // h = +Inf, forbidden
			case !open && room[j] > 0:
				u2, c2, j2 = u1, c1, j1
				c1, j1, open = s*c, int32(j), true
			case u2 > u1:
				u2, c2, j2 = h, s*c, int32(j)
			}
		case h < u2:
			u2, c2, j2 = h, s*c, int32(j)
		}
		if open && u2 == u1 {
			// Only a cheaper cell can change the bid now; skip to it
			// with a test that does not depend on the cell's value,
			// where ties are common and would mispredict.
			for j+1 < len(row) && !(s*row[j+1]-v[j+1] < u1) {
				j++
			}
		}
	}
	if u1 == -inf {
		p.bad = true
		return noBid()
	}
	return bid{u1: u1, u2: u2, c1: c1, c2: c2, j1: j1, j2: j2}
}

// augment searches from the free source f for a cheapest path to a target
// with room (Dijkstra on reduced costs over dense rows, settling all
// targets at the current least label together) and augments along it. If
// no target with room is reachable, f may take a place from an assigned
// source (see fail).
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
			p.ready = ready
			end = p.relax(r, p.acost[r]-v[j1]-least, least)
			if ready = p.ready; end >= 0 {
				break search
			}
		}
	}
	p.ready, p.settled, p.labels = ready, settled, labels
	if end < 0 {
		p.fail(f, p.cost)
		return
	}
	p.update(least)
	p.room[end]--
	p.flip(end, p.cost)
}

// nan is read from memory where a NaN constant would take a register that
// the compiler then reloads on every step of relax's loop.
var nan = math.NaN()

// relax lowers the labels of targets through source r, whose own label
// makes h the offset of its row's reduced costs. A target reaching least
// joins p.ready; relax returns the first with room instead, or −1. It is
// the searches' inner loop, kept apart from augment so that the compiler
// keeps its variables in registers; appending to p.ready rather than to a
// local slice leaves the loop only its index to carry, so the common step
// (no better label) runs straight back to the next cell.
func (p *dense) relax(r int32, h, least float64) int32 {
	row := p.row(r)
	s := p.sign
	d, pred := p.d[:len(row)], p.pred[:len(row)]
	v, room := p.v[:len(row)], p.room[:len(row)]
	for j, c := range row {
		if x := s*c - v[j] - h; x < d[j] {
			pred[j] = r
			if x == least {
				if room[j] > 0 {
					return int32(j)
				}
				d[j] = nan
				p.ready = append(p.ready, int32(j))
				continue
			}
			d[j] = x
		}
	}
	return -1
}

// lift is settle's multi-source Dijkstra: the free source r starts at label
// u(r) − top (its source arc's reduced cost), targets are settled in label
// order, and each settled target passes its label to its sources. With m
// the largest label (at least 0), every reached target's potential moves
// by d(j) − m and the free sources' potentials become top + m, which keeps
// every reduced cost non-negative and puts the free sources at or above
// the assigned ones. It returns m. O(ns·nd).
func (p *dense) lift(u []float64, top float64) float64 {
	d, s := p.d, p.sign
	for j := range d {
		d[j] = inf
	}
	m := 0.0
	for _, r := range p.dead {
		m = math.Max(m, u[r]-top)
		for j, c := range p.row(r) {
			if x := s*c - p.v[j] - top; x < d[j] {
				d[j] = x
			}
		}
	}
	done := make([]bool, p.nd)
	settled, labels := p.settled[:0], p.labels[:0]
	for {
		bj := -1
		for j, x := range d {
			if !done[j] && x < inf && (bj < 0 || x < d[bj]) {
				bj = j
			}
		}
		if bj < 0 {
			break
		}
		done[bj] = true
		settled, labels = append(settled, int32(bj)), append(labels, d[bj])
		m = math.Max(m, d[bj])
		for r := p.head[bj]; r >= 0; r = p.next[r] {
			h := p.u(r) - d[bj]
			for j, c := range p.row(r) {
				if x := s*c - p.v[j] - h; !done[j] && x < d[j] {
					d[j] = x
				}
			}
		}
	}
	p.settled, p.labels = settled, labels
	p.update(m)
	return m
}
