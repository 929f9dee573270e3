package matching

import "math"

// dense is the shortest augmenting path solver on a dense cost matrix
// (Jonker and Volgenant's, with sequential scans over whole rows): a
// source's costs are sign·data over one row of nd values.
type dense struct {
	state
	data  []float64 // nil until costs makes it, when src is set
	sign  float64
	nrows int // rows of costs

	// A tall problem solved from its columns: data is src's transposed
	// copy, made when first needed, in buf; tall answers bids until then
	// and after (see colLists).
	src  *instance
	buf  *[]float64
	tall *colLists
	// tallOff (tests) makes the transposed copy at once, as before lists.
	tallOff bool

	// floor is the least cost of the matrix when the survey found it
	// (matrices of few values, see listIfSparse), else −Inf. Potentials
	// never rise above 0, so no reduced cost is below it: best2 stops
	// at two cells of the floor, one with room, and looks for one with
	// room from fullTo on: every target below fullTo is full. Ties go to
	// the lower target, so targets fill from the first, and row r of an
	// all-equal or few-valued matrix met about r full ones. Places only
	// fill, except in the auction (fullTo −1: unknown) and when every
	// source is freed (unassign: fullTo 0).
	floor  float64
	fullTo int
	// floorOff (tests) never looks for the floor.
	floorOff bool

	// listBids: augmenting row reduction's bids come from short lists
	// when they can (see wantListBids).
	listBids bool
	// listBidsOff (tests) never bids from lists.
	listBidsOff bool

	warmMode Warm // see Options.Warm

	sv      *survey // see row_survey.go; nil when it found nothing
	classed bool    // findClasses has run
	epoch   int32   // searches so far, for survey.skip
	// alwaysSurvey (tests) lists every row's allowed cells and looks for
	// identical rows whatever their share and number.
	alwaysSurvey bool

	short *shortLists // see shortest_path_short.go; nil: searches read whole rows
	// shortK: −1 never reads short lists (tests, or once they did not
	// pay, see shortLists.worthIt); k > 0 (tests) reads lists of k cells
	// whenever a source is left to search from; 0 decides by wantShort.
	shortK int

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
	p := &dense{data: data, sign: sign, nrows: len(data) / max(nd, 1), d: make([]float64, nd), floor: -inf}
	p.init(ns, nd, base, caps)
	return p
}

// row returns the costs (before sign) of source r. A tall problem's rows
// must have been made (costs): span, best2, search and lift do so, and
// every other reader of rows runs within them.
func (p *dense) row(r int32) []float64 {
	b := p.baseOf(r) * p.nd
	return p.data[b : b+p.nd : b+p.nd]
}

// costs returns the rows of costs, making the transposed copy of a tall
// problem first if it is not made yet (see colLists).
func (p *dense) costs() []float64 {
	if p.data == nil && p.src != nil {
		p.transpose()
	}
	return p.data
}

// transpose makes the rows of costs of a tall problem solved from its
// columns: sign·src.data transposed, in a buffer of the pool transposed
// that release gives back.
func (p *dense) transpose() {
	in := p.src
	p.buf = copyBuffer(in.rows * in.cols)
	p.data = transpose(*p.buf, in.rows, in.cols, in.data, in.sign)
}

// release gives the transposed copy back to the pool.
func (p *dense) release() {
	if p.buf != nil {
		transposed.Put(p.buf)
		p.buf = nil
	}
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
	p.listIfSparse()
	if p.wantListBids() {
		p.useShort()
		p.listBids = true
	}
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
		p.short, p.tall = nil, nil // their bounds assumed potentials that only fall
		rest = p.reduce(p.sources(), p.best2)
	}
	p.search(rest, false)
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

// search augments from each source of rest in turn, over short lists when
// they are many (see wantShort). It reports whether each of them ended up
// assigned with no source left free; with stop, it returns at the first
// that did not.
func (p *dense) search(rest []int32, stop bool) bool {
	if len(rest) > 0 {
		p.costs()
	}
	p.findClasses(len(rest))
	if p.listBids {
		p.listBids = false
		if !p.wantShort(len(rest)) {
			p.short = nil // the searches read whole rows, as they would have
		}
	}
	if p.short == nil && p.wantShort(len(rest)) {
		p.useShort()
	}
	ok := true
	for _, r := range rest {
		if p.short != nil && !p.short.worthIt() {
			p.short = nil
			p.shortK = -1 // for good: a warm restart does not try again
		}
		if p.short != nil {
			p.augmentShort(r)
		} else {
			p.augment(r)
		}
		if p.col[r] < 0 || len(p.dead) > 0 {
			if stop {
				return false
			}
			ok = false
		}
	}
	return ok
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
	p.fullTo = -1
	// The auction's bids read whole rows, and the searches after it
	// list rows under its prices.
	p.short, p.listBids = nil, false
	if p.bad || !p.auction(p.best2, span, warmFinal*span) || p.bad {
		return false
	}
	p.unassign()
	rest := p.reduce(p.sources(), p.best2)
	if !p.search(rest, true) {
		return false
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
	p.costs()
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
				// Not math.Min/Max: they handle NaN and signed zeros
				// and are not inlined, and x is neither.
				if x < lo {
					lo = x
				}
				if x > hi {
					hi = x
				}
			}
		}
	}
	return max(hi-lo, 0)
}

// unassign frees every source, keeping the potentials.
func (p *dense) unassign() {
	for r, j := range p.col {
		if j >= 0 {
			p.detach(int32(r), j)
		}
	}
	copy(p.room, p.cap)
	p.fullTo = 0
	for r := range p.w {
		p.w[r] = math.NaN()
	}
}

// best2 scans source r's row for its two cheapest targets, with bid.offer's
// rule for ties written out over local variables: on matrices with few
// distinct values most cells tie with the least, and a call per cell would
// cost more than the scan.
func (p *dense) best2(r int32) bid {
	if p.sv != nil && p.sv.start != nil {
		return p.best2List(r)
	}
	if p.listBids {
		if x, ok := p.listBid(p.baseOf(r)); ok {
			return x
		}
		defer p.listAgain(p.baseOf(r))
	}
	if p.tall != nil {
		if x, ok := p.tall.bid(p.baseOf(r), p.v, p.room); ok {
			if x.u1 == -inf {
				p.bad = true
				return noBid()
			}
			return x
		}
	}
	p.costs()
	row := p.row(r)
	v := p.v[:len(row)]
	room := p.room[:len(row)]
	s, floor := p.sign, p.floor
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
			if u1 == floor {
				break // and there is none
			}
			// Only a cheaper cell can change the bid now; skip to it
			// with a test that does not depend on the cell's value,
			// where ties are common and would mispredict, four cells
			// a step (one bounds check and one branch taken for four;
			// an all-equal matrix is nothing but this loop).
			k := j + 1
			for ; k+4 <= len(row); k += 4 {
				r4, v4 := row[k:k+4:k+4], v[k:k+4:k+4]
				if s*r4[0]-v4[0] < u1 || s*r4[1]-v4[1] < u1 || s*r4[2]-v4[2] < u1 || s*r4[3]-v4[3] < u1 {
					break
				}
			}
			for k < len(row) && !(s*row[k]-v[k] < u1) {
				k++
			}
			j = k - 1
		} else if u2 == u1 && j1 >= 0 {
			// j1 is full and a tie is known: only a cheaper cell or a
			// tied one with room changes the bid. Row r of an all-equal
			// matrix meets r full targets before one with room. At the
			// floor no cell is cheaper, and the full targets below
			// fullTo are skipped.
			k := j + 1
			if u1 == floor && p.fullTo >= 0 {
				for p.fullTo < len(room) && room[p.fullTo] <= 0 {
					p.fullTo++
				}
				k = max(k, p.fullTo)
			}
			for ; k < len(row); k++ {
				if h := s*row[k] - v[k]; h < u1 || h == u1 && room[k] > 0 {
					break
				}
			}
			j = k - 1
		}
	}
	if u1 == -inf {
		p.bad = true
		return noBid()
	}
	return bid{u1: u1, u2: u2, c1: c1, c2: c2, j1: j1, j2: j2}
}

// best2List is best2 over source r's list of allowed cells (see survey).
func (p *dense) best2List(r int32) bid {
	sv := p.sv
	b := p.baseOf(r)
	x := bestOf(sv.at[sv.start[b]:sv.start[b+1]], sv.sc[sv.start[b]:sv.start[b+1]], p.v, p.room)
	if x.u1 == -inf {
		p.bad = true
		return noBid()
	}
	return x
}

// bestOf is best2's scan over the cells at, of costs sc (sign applied),
// in the row's order.
func bestOf(at []int32, sc []float64, v []float64, room []int32) bid {
	sc = sc[:len(at)]
	u1, u2, c1, c2 := inf, inf, 0.0, 0.0
	j1, j2 := int32(-1), int32(-1)
	open := false
	for k, j := range at {
		c := sc[k]
		h := c - v[j]
		if !(h <= u2) {
			continue
		}
		switch {
		case h < u1:
			u2, c2, j2 = u1, c1, j1
			u1, c1, j1 = h, c, j
			open = room[j] > 0
		case h == u1:
			switch {
			case j1 < 0:
			case !open && room[j] > 0:
				u2, c2, j2 = u1, c1, j1
				c1, j1, open = c, j, true
			case u2 > u1:
				u2, c2, j2 = h, c, j
			}
		case h < u2:
			u2, c2, j2 = h, c, j
		}
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
	p.epoch++
	sv := p.sv
	classes := sv != nil && sv.class != nil
	lists := sv != nil && sv.start != nil
	if lists {
		for j := range d {
			d[j] = inf
		}
		b := p.baseOf(f)
		for k := sv.start[b]; k < sv.start[b+1]; k++ {
			j := sv.at[k]
			if x := sv.sc[k] - v[j]; x < inf {
				d[j] = x
				pred[j] = f
			}
		}
	} else {
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
	}
	if classes {
		sv.skip(p.baseOf(f), 0, p.epoch)
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
			h := p.acost[r] - v[j1] - least
			if classes && sv.skip(p.baseOf(r), h, p.epoch) {
				continue
			}
			p.ready = ready
			if lists {
				end = p.relaxList(r, h, least)
			} else {
				end = p.relax(r, h, least)
			}
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

// relaxList is relax over source r's list of allowed cells (see survey).
func (p *dense) relaxList(r int32, h, least float64) int32 {
	sv := p.sv
	b := p.baseOf(r)
	at, sc := sv.at[sv.start[b]:sv.start[b+1]], sv.sc[sv.start[b]:sv.start[b+1]]
	sc = sc[:len(at)]
	d, pred, v, room := p.d, p.pred, p.v, p.room
	for k, j := range at {
		if x := sc[k] - v[j] - h; x < d[j] {
			pred[j] = r
			if x == least {
				if room[j] > 0 {
					return j
				}
				d[j] = nan
				p.ready = append(p.ready, j)
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
	p.costs()
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
