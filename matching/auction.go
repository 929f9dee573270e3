package matching

import "math"

// auction is Bertsekas's forward auction with ε-scaling on the program's
// cells, targets with capacity included: a free source bids for its
// cheapest target the amount that would make it ε worse off than its second
// cheapest; a target with room accepts at its reserve, a full one takes the
// bid in place of its weakest holder and its price becomes its weakest
// remaining bid. Each phase divides ε and restarts from the last prices.
// Prices move for every source at once, which is what shortest path
// searches lack when many rows want the same few columns (low-rank scores,
// scarce capacity).
//
// The result is ε-optimal, not exact: a source's cell may cost up to ε more
// than its cheapest; the callers make it exact. A phase that exceeds its
// budget of bids (sources that cannot all be placed) returns false, and the
// caller solves cold instead. best gives a source's two cheapest targets,
// span is the range of the costs. O(bids·cells per source).
func (st *state) auction(best func(r int32) bid, span, final float64) bool {
	if !(final > 0) {
		final = math.Max(span, 1) * 1e-9
	}
	eps := math.Max(span/4, final)
	level := make([]float64, st.ns) // each holder's bid
	queue := make([]int32, 0, st.ns)
	for {
		for r, j := range st.col {
			if j >= 0 {
				st.detach(int32(r), j)
			}
		}
		copy(st.room, st.cap)
		queue = queue[:0]
		for r := range st.ns {
			queue = append(queue, int32(r))
		}
		budget := 64*len(queue) + 1024
		for len(queue) > 0 {
			if budget--; budget < 0 {
				return false
			}
			r := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			b := best(r)
			if b.j1 < 0 {
				continue
			}
			h2 := b.u2
			if h2 == inf {
				h2 = b.u1 + span + eps
			}
			j := b.j1
			bid := st.v[j] - (h2 - b.u1) - eps
			if st.room[j] == 0 {
				q := st.weakestBid(j, level)
				st.detach(q, j)
				st.room[j]++
				queue = append(queue, q)
			}
			st.assign(r, j, b.c1)
			level[r] = bid
			if st.room[j]--; st.room[j] == 0 {
				st.v[j] = level[st.weakestBid(j, level)]
			}
		}
		if eps <= final {
			return true
		}
		eps = math.Max(eps/6, final)
	}
}

// weakestBid returns target j's holder with the highest (least) bid.
func (st *state) weakestBid(j int32, level []float64) int32 {
	q := st.head[j]
	for r := st.next[q]; r >= 0; r = st.next[r] {
		if level[r] > level[q] {
			q = r
		}
	}
	return q
}

// exact turns the auction's ε-optimal state into an exact one with a
// certificate: targets with room go back to the potential 0 of the super
// sink (the auction may have lowered them in an earlier phase), free
// sources take their cheapest reduced cost, and every cell of negative
// reduced cost is brought in (bringIn), each by a search bounded by its own
// small violation.
func (p *sparse) exact(tol float64) {
	p.bottom = 0
	for j := range p.v {
		if p.room[j] > 0 {
			p.v[j] = 0
		}
	}
	p.top = math.Inf(-1)
	for r, j := range p.col {
		if j >= 0 {
			p.top = math.Max(p.top, p.u(int32(r)))
		}
	}
	if math.IsInf(p.top, -1) {
		p.top = 0
	}
	// After a completed auction only sources without cells are free.
	for r, j := range p.col {
		if j < 0 {
			p.ufree[r] = p.top
		}
	}
	p.bringIn(tol, math.MaxInt)
}
