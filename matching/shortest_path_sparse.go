package matching

import "math"

// sparse is the shortest augmenting path solver on candidate cells: each
// row of costs lists its targets and costs (compressed rows), and searches
// keep their labels in a binary heap, so a search costs O(a log a) for the
// a cells it reaches rather than a dense row per source.
type sparse struct {
	state
	start []int     // cells of row b of costs: [start[b], start[b+1])
	adj   []int32   // their targets
	cost  []float64 // their costs
	// Cells into each target, for warm restarts: [tstart[j], tstart[j+1]).
	tstart []int
	tsrc   []int32 // row of costs
	tcost  []float64
	cstart []int // sources of row b of costs: [cstart[b], cstart[b+1]); nil: source b

	d    []float64
	pc   []float64 // cost of the cell that set pred
	done []bool
	seen []int32 // targets whose label was set by the current search
	heap labelHeap

	// The certificate kept between rounds (see reoptimize.go).
	ufree       []float64 // potentials of free sources
	top, bottom float64   // super source potential −top, super sink bottom
	act         []int32   // per cell, how many of its row's sources may use it
	freeRows    []int32   // free sources (possibly stale)
	pending     int       // cells brought in by the last warm start
	noAuction   bool      // solve cold by searches only (tests)

	rd              []float64 // residual search labels, by node
	rdone           []bool
	rpred, rarc     []int32
	rseen, rsettled []int32
}

// newSparse builds a solver whose source r reads row base[r] (nil: r) of
// the compressed rows (start, adj, cost); cstart lists the sources of each
// row when base is not nil.
func newSparse(ns, nd int, base []int32, cstart []int, caps []int32, start []int, adj []int32, cost []float64) *sparse {
	p := &sparse{start: start, adj: adj, cost: cost, cstart: cstart,
		d: make([]float64, nd), pc: make([]float64, nd), done: make([]bool, nd), ufree: make([]float64, ns)}
	p.init(ns, nd, base, caps)
	for j := range p.d {
		p.d[j] = inf
	}
	// Transpose the cells for the targets.
	p.tstart = make([]int, nd+1)
	for _, j := range adj {
		p.tstart[j+1]++
	}
	for j := 0; j < nd; j++ {
		p.tstart[j+1] += p.tstart[j]
	}
	p.tsrc = make([]int32, len(adj))
	p.tcost = make([]float64, len(adj))
	fill := append([]int(nil), p.tstart[:nd]...)
	for b := 0; b+1 < len(start); b++ {
		for k := start[b]; k < start[b+1]; k++ {
			j := adj[k]
			p.tsrc[fill[j]], p.tcost[fill[j]] = int32(b), cost[k]
			fill[j]++
		}
	}
	return p
}

// sources returns the sources reading row b of costs.
func (p *sparse) sources(b int) (lo, hi int) {
	if p.cstart == nil {
		return b, b + 1
	}
	return p.cstart[b], p.cstart[b+1]
}

func (p *sparse) pathCost(_, j int32) float64 { return p.pc[j] }

// best2 scans source r's cells for its two cheapest targets.
func (p *sparse) best2(r int32) bid {
	b := noBid()
	row := p.baseOf(r)
	for k := p.start[row]; k < p.start[row+1]; k++ {
		j := p.adj[k]
		if h := p.cost[k] - p.v[j]; h <= b.u2 {
			b.offer(h, p.cost[k], j, p.room)
		}
	}
	return b
}

// solve assigns every source it can, by auction then exact repair, or by
// shortest augmenting paths from scratch when the auction stalls, and
// returns the source potentials.
func (p *sparse) solve(tol float64) []float64 {
	if !p.noAuction {
		if span := p.span(); p.auction(p.best2, span, 1e-4*span) {
			p.exact(tol)
			return p.potentials()
		}
		for r, j := range p.col {
			if j >= 0 {
				p.detach(int32(r), j)
			}
		}
		copy(p.room, p.cap)
		for j := range p.v {
			if p.cap[j] > 0 {
				p.v[j] = 0
			}
		}
	}
	return p.cold()
}

// span is the range of the program's costs.
func (p *sparse) span() float64 {
	lo, hi := inf, -inf
	for _, c := range p.cost {
		lo, hi = math.Min(lo, c), math.Max(hi, c)
	}
	if hi < lo {
		return 0
	}
	return hi - lo
}

// cold assigns every free source it can, keeping what is assigned, by
// augmenting row reduction then a search per remaining source.
func (p *sparse) cold() []float64 {
	var free []int32
	for r, j := range p.col {
		if j < 0 {
			free = append(free, int32(r))
		}
	}
	p.dead = p.dead[:0]
	for _, r := range p.reduce(free, p.best2) {
		p.augment(r)
	}
	u := p.settle(p.best2, p.lift)
	p.certificate(u)
	return u
}

// certificate records what a cold solve leaves for warm restarts: the free
// sources' potentials, the super source's at the largest assigned source
// potential (settle put the free ones at or above it) and the super sink's
// at 0, where targets with room stay while full ones only fall.
func (p *sparse) certificate(u []float64) {
	p.top, p.bottom = math.Inf(-1), 0
	for r, j := range p.col {
		if j >= 0 {
			p.top = math.Max(p.top, u[r])
		} else {
			p.ufree[r] = u[r]
		}
	}
	if math.IsInf(p.top, -1) {
		p.top = 0
		for r := range u {
			p.top = math.Min(p.top, u[r])
		}
	}
}

// potentials returns every source's potential.
func (p *sparse) potentials() []float64 {
	u := make([]float64, p.ns)
	for r := range u {
		u[r] = p.potential(int32(r))
	}
	return u
}

// clear resets the labels of the last search.
func (p *sparse) clear() {
	for _, j := range p.seen {
		p.d[j], p.done[j] = inf, false
	}
	p.seen = p.seen[:0]
	p.heap = p.heap[:0]
	p.settled, p.labels = p.settled[:0], p.labels[:0]
}

// relax offers target j label x through source r's cell of cost c.
func (p *sparse) relax(j, r int32, x, c float64) {
	if p.done[j] || !(x < p.d[j]) {
		return
	}
	if p.d[j] == inf {
		p.seen = append(p.seen, j)
	}
	p.d[j], p.pred[j], p.pc[j] = x, r, c
	p.heap.push(label{x: x, j: j, full: p.room[j] <= 0})
}

// scan relaxes the cells of source r, reached at label x.
func (p *sparse) scan(r int32, x float64) {
	h := -x
	if p.col[r] >= 0 {
		h = p.u(r) - x
	}
	b := p.baseOf(r)
	for k := p.start[b]; k < p.start[b+1]; k++ {
		j := p.adj[k]
		p.relax(j, r, p.cost[k]-p.v[j]-h, p.cost[k])
	}
}

// augment is Dijkstra from the free source f to the cheapest target with
// room (at equal labels, a target with room first), then the augmentation
// and potential update, or fail when none is reachable.
func (p *sparse) augment(f int32) {
	p.clear()
	p.scan(f, 0)
	end, least := int32(-1), 0.0
	for len(p.heap) > 0 {
		e := p.heap.pop()
		j := e.j
		if p.done[j] || e.x != p.d[j] {
			continue
		}
		if p.room[j] > 0 {
			end, least = j, e.x
			break
		}
		p.done[j] = true
		p.settled, p.labels = append(p.settled, j), append(p.labels, e.x)
		for r := p.head[j]; r >= 0; r = p.next[r] {
			p.scan(r, e.x)
		}
	}
	if end < 0 {
		p.fail(f, p.pathCost)
		return
	}
	p.update(least)
	p.room[end]--
	p.flip(end, p.pathCost)
}

// lift is settle's multi-source Dijkstra (see dense.lift), on the cells.
func (p *sparse) lift(u []float64, top float64) float64 {
	p.clear()
	m := 0.0
	for _, r := range p.dead {
		m = max(m, u[r]-top)
		b := p.baseOf(r)
		for k := p.start[b]; k < p.start[b+1]; k++ {
			j := p.adj[k]
			p.relax(j, r, p.cost[k]-p.v[j]-top, p.cost[k])
		}
	}
	for len(p.heap) > 0 {
		e := p.heap.pop()
		if p.done[e.j] || e.x != p.d[e.j] {
			continue
		}
		p.done[e.j] = true
		p.settled, p.labels = append(p.settled, e.j), append(p.labels, e.x)
		m = max(m, e.x)
		for r := p.head[e.j]; r >= 0; r = p.next[r] {
			p.scan(r, e.x)
		}
	}
	p.update(m)
	return m
}

// label is a heap entry; a full target sorts after one with room at the
// same label, and equal entries by target, so that searches are
// deterministic and stop as soon as they can.
type label struct {
	x    float64
	j    int32
	full bool
}

func (a label) less(b label) bool {
	if a.x != b.x {
		return a.x < b.x
	}
	if a.full != b.full {
		return b.full
	}
	return a.j < b.j
}

type labelHeap []label

func (h *labelHeap) push(e label) {
	s := append(*h, e)
	k := len(s) - 1
	for k > 0 {
		up := (k - 1) / 2
		if !s[k].less(s[up]) {
			break
		}
		s[k], s[up] = s[up], s[k]
		k = up
	}
	*h = s
}

func (h *labelHeap) pop() label {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	k := 0
	for {
		c := 2*k + 1
		if c >= n {
			break
		}
		if c+1 < n && s[c+1].less(s[c]) {
			c++
		}
		if !s[c].less(s[k]) {
			break
		}
		s[k], s[c] = s[c], s[k]
		k = c
	}
	*h = s
	return top
}
