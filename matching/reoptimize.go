package matching

import "math"

// Warm restarts of the sparse solver. A solved program leaves a
// certificate: potentials for every source (free ones included), every
// target, the super source (−top) and the super sink (bottom) under which
// every arc of the residual graph has a non-negative reduced cost. When
// cells join the program, the ones of negative reduced cost are taken in
// one at a time; each is either made non-negative by a potential update or
// used by cancelling the cheapest cycle through it, both from one Dijkstra
// from its target back to its source. Then, if the new cells let more
// sources in, shortest paths from the super source augment. Every step is
// a standard successive shortest path step, so the certificate holds after
// each and the result is optimal for the larger program, at the cost of a
// few local searches instead of a new solve.

// Residual graph nodes: targets [0, nd), sources nd+r, then the super
// source and the super sink.
func (p *sparse) srcNode() int32  { return int32(p.nd + p.ns) }
func (p *sparse) sinkNode() int32 { return int32(p.nd + p.ns + 1) }

// warmFrom takes prev's assignment and certificate and brings in the cells
// the new program adds (see bringIn).
func (p *sparse) warmFrom(prev *sparse, tol float64, most int) bool {
	copy(p.v, prev.v)
	copy(p.ufree, prev.ufree)
	p.top, p.bottom = prev.top, prev.bottom
	for r, j := range prev.col {
		if j >= 0 {
			p.assign(int32(r), j, prev.acost[r])
			p.room[j]--
		}
	}
	return p.bringIn(tol, most)
}

// bringIn marks every cell whose reduced cost is below −tol inactive for
// the sources concerned, then brings those cells in one by one and
// augments from the super source while it can. It gives up, returning
// false with p unusable, when more than most cells would need bringing in:
// a cold solve is then cheaper than as many searches.
func (p *sparse) bringIn(tol float64, most int) bool {
	p.act = make([]int32, len(p.adj))
	var pending [][2]int // row of costs, cell
	for b := 0; b+1 < len(p.start); b++ {
		lo, hi := p.sources(b)
		for k := p.start[b]; k < p.start[b+1]; k++ {
			p.act[k] = int32(hi - lo)
			for r := int32(lo); r < int32(hi); r++ {
				if p.col[r] != p.adj[k] && p.reduced(r, k) < -tol {
					p.act[k] = 0
					pending = append(pending, [2]int{b, k})
					break
				}
			}
		}
	}
	p.pending = len(pending)
	if len(pending) > most {
		return false
	}
	p.freeRows = p.freeRows[:0]
	for r, j := range p.col {
		if j < 0 {
			p.freeRows = append(p.freeRows, int32(r))
		}
	}
	for _, bk := range pending {
		k := bk[1]
		lo, hi := p.sources(bk[0])
		for r := int32(lo); r < int32(hi); r++ {
			p.act[k] = r - int32(lo) + 1
			if rc := p.reduced(r, k); p.col[r] != p.adj[k] && rc < -tol {
				p.rebalance(r, k, rc)
			}
		}
	}
	for p.augmentFromSource() {
	}
	return true
}

// potential is source r's potential: tight on its cell when assigned.
func (p *sparse) potential(r int32) float64 {
	if p.col[r] >= 0 {
		return p.u(r)
	}
	return p.ufree[r]
}

// reduced is the reduced cost of cell k for source r.
func (p *sparse) reduced(r int32, k int) float64 {
	return p.cost[k] - p.potential(r) - p.v[p.adj[k]]
}

// rebalance brings cell k (source r to target j, reduced cost rc < 0) into
// a program whose other cells all have non-negative reduced costs. The
// cheapest path from j back to r closes a cycle with the cell; if the cycle
// is negative (path shorter than −rc) it is applied, else nothing moves.
// Either way potentials fall by Dijkstra's update with threshold
// min(path, −rc), after which the cell's reduced cost is 0 or, when used,
// its reverse is non-negative.
func (p *sparse) rebalance(r int32, k int, rc float64) {
	j := p.adj[k]
	target := int32(p.nd) + r
	d, found := p.residualSearch(j, target, -rc)
	limit := math.Min(d, -rc)
	p.lower(limit)
	if found && d < -rc {
		p.applyPath(j, target)
		p.join(r, j, p.cost[k])
	}
}

// augmentFromSource sends one more unit from the super source to the
// super sink along a cheapest path, if any.
func (p *sparse) augmentFromSource() bool {
	d, found := p.residualSearch(p.srcNode(), p.sinkNode(), inf)
	if !found {
		return false
	}
	p.lower(d)
	p.applyPath(p.srcNode(), p.sinkNode())
	return true
}

// residualSearch is Dijkstra from node from over the residual graph of
// active cells until node to is settled or labels reach limit. It returns
// to's label and whether it was settled; the settled nodes and their labels
// are kept for lower.
func (p *sparse) residualSearch(from, to int32, limit float64) (float64, bool) {
	n := p.nd + p.ns + 2
	if len(p.rd) < n {
		p.rd = make([]float64, n)
		p.rdone = make([]bool, n)
		p.rpred = make([]int32, n)
		p.rarc = make([]int32, n)
		for x := range p.rd {
			p.rd[x] = inf
		}
	}
	for _, x := range p.rseen {
		p.rd[x], p.rdone[x] = inf, false
	}
	p.rseen, p.rsettled, p.heap = p.rseen[:0], p.rsettled[:0], p.heap[:0]
	p.offer(from, -1, -1, 0)
	for len(p.heap) > 0 {
		e := p.heap.pop()
		x := e.j
		if p.rdone[x] || e.x != p.rd[x] {
			continue
		}
		if e.x >= limit {
			return limit, false
		}
		p.rdone[x] = true
		p.rsettled = append(p.rsettled, x)
		if x == to {
			return e.x, true
		}
		p.expand(x, e.x)
	}
	return limit, false
}

// offer gives node x label d through pred (with cell arc when pred is a
// source).
func (p *sparse) offer(x, pred, arc int32, d float64) {
	if p.rdone[x] || !(d < p.rd[x]) {
		return
	}
	if p.rd[x] == inf {
		p.rseen = append(p.rseen, x)
	}
	p.rd[x], p.rpred[x], p.rarc[x] = d, pred, arc
	p.heap.push(label{x: d, j: x})
}

// expand relaxes the residual arcs out of node x, settled at label d.
func (p *sparse) expand(x int32, d float64) {
	nd := int32(p.nd)
	switch {
	case x < nd: // a target: back along its sources' cells, or on to the sink
		j := x
		for r := p.head[j]; r >= 0; r = p.next[r] {
			p.offer(nd+r, x, -1, d)
		}
		if p.room[j] > 0 {
			p.offer(p.sinkNode(), x, -1, d+math.Max(0, p.v[j]-p.bottom))
		}
	case x < p.srcNode(): // a source: to its other cells, or back to the super source
		r := x - nd
		u := p.potential(r)
		b := p.baseOf(r)
		lo, _ := p.sources(b)
		for k := p.start[b]; k < p.start[b+1]; k++ {
			if r-int32(lo) >= p.act[k] || p.adj[k] == p.col[r] {
				continue
			}
			j := p.adj[k]
			p.offer(j, x, int32(k), d+math.Max(0, p.cost[k]-u-p.v[j]))
		}
		if p.col[r] >= 0 {
			p.offer(p.srcNode(), x, -1, d+math.Max(0, p.top-u))
		}
	case x == p.srcNode(): // to every free source
		kept := p.freeRows[:0]
		for _, r := range p.freeRows {
			if p.col[r] < 0 {
				kept = append(kept, r)
				p.offer(nd+r, x, -1, d+math.Max(0, p.ufree[r]-p.top))
			}
		}
		p.freeRows = kept
	default: // the sink: back into every target holding a source
		for j := int32(0); j < nd; j++ {
			if p.head[j] >= 0 {
				p.offer(j, x, -1, d+math.Max(0, p.bottom-p.v[j]))
			}
		}
	}
}

// lower is Dijkstra's potential update for the last residual search with
// threshold t: each node settled below t moves by its label minus t.
func (p *sparse) lower(t float64) {
	nd := int32(p.nd)
	for _, x := range p.rsettled {
		dx := p.rd[x]
		if !(dx < t) {
			continue
		}
		switch {
		case x < nd:
			p.v[x] += dx - t
		case x < p.srcNode():
			if r := x - nd; p.col[r] < 0 {
				p.ufree[r] -= dx - t
			}
		case x == p.srcNode():
			p.top -= dx - t
		default:
			p.bottom += dx - t
		}
	}
}

// applyPath moves one unit along the last search's path from node from to
// node to, in order, so that a source leaves its target before it joins
// another.
func (p *sparse) applyPath(from, to int32) {
	var path []int32
	for x := to; x != from; x = p.rpred[x] {
		path = append(path, x)
	}
	path = append(path, from)
	nd := int32(p.nd)
	for q := len(path) - 1; q > 0; q-- {
		x, y := path[q], path[q-1]
		switch {
		case x < nd && y >= nd && y < p.srcNode(): // leaves target x
			r := y - nd
			p.ufree[r] = p.u(r)
			p.detach(r, x)
			p.room[x]++
		case x >= nd && x < p.srcNode() && y < nd: // joins target y
			p.join(x-nd, y, p.cost[p.rarc[y]])
		case x >= nd && x < p.srcNode() && y == p.srcNode(): // leaves the program (it left its target just before)
			p.freeRows = append(p.freeRows, x-nd)
		}
	}
}

// join assigns source r to target j through a cell of cost c.
func (p *sparse) join(r, j int32, c float64) {
	if old := p.col[r]; old >= 0 {
		p.detach(r, old)
		p.room[old]++
	}
	p.assign(r, j, c)
	p.room[j]--
}
