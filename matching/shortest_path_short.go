package matching

import "math"

// Searches over short lists of a dense matrix's cells.
//
// On matrices without structure (uniform costs) augmenting row reduction
// leaves a few percent of the rows free, and the searches from them are
// long: each settles hundreds of targets and reads the whole row of every
// source it reaches, though the path it finds runs through cells that are
// among the cheapest of their rows. So each row of costs keeps, from the
// first time a search reads it, its k cells of least reduced cost c − v
// and a bound below which none of its other cells lies. Potentials only
// fall between searches, so c − v only grows and the bound stays true. A
// search relaxes a source's list at once and defers the rest of its row:
// the other cells give labels of at least bound − h, so the row is read
// whole (and its list chosen again under the present potentials) only
// once the search's least label reaches that. Labels are then exactly
// those of the search over whole rows, and the search keeps them in a
// heap, since a search that reads a few cells a source can no longer pay
// for a scan of every label each time it settles one.
type shortLists struct {
	k     int
	n     []int32   // cells listed for each row of costs; −1 until the row is first read (−2: read once by a bid)
	at    []int32   // row b's targets: at[b·k : b·k+n[b]]
	sc    []float64 // and their costs, sign applied
	bound []float64 // a lower bound of c − v over row b's other cells

	scans, rows  int // sources relaxed, and rows read whole for them (see worthIt)
	bids, missed int // bids asked of the lists, and those they could not tell (see listAgain)

	heap    labelHeap // labels of the present search
	pend    labelHeap // deferred rows: x the label where they must be read, j an index into pr, ph
	pr      []int32   // source of each deferred row
	ph      []float64 // and its offset
	buf     []keyed   // scratch for choosing a list
	sample  []float64 // scratch for the threshold
	touched []int32   // targets labelled by the present search
}

// shortLen is how many cells a row keeps. Searches on uniform costs go a
// few tens of cells deep into a row at most, and a longer list costs its
// length at every relaxation.
const shortLen = 24

// wantShort reports whether the searches from free sources should read
// short lists: when there are many of them, and the rows' allowed cells
// are not few enough to read whole (under 16 lists' length: capacity
// 1000 × 200 × 5 was slower with them).
func (p *dense) wantShort(free int) bool {
	switch {
	case p.shortK < 0:
		return false
	case p.shortK > 0:
		return free > 0
	}
	cells := p.nd // a row's allowed cells
	if sv := p.sv; sv != nil && sv.start != nil {
		cells = len(sv.at) / max(len(sv.start)-1, 1)
	}
	return cells >= 16*shortLen && free >= 16 && 16*free >= p.ns
}

// wantListBids reports whether augmenting row reduction should bid from
// short lists: on square problems with rows long enough for lists (as
// wantShort) and not of few values (no floor), where the reduction bids
// about four times a row and the searches after it list most rows
// anyway. A row is listed at its first bid, which reads it whole; later
// bids read the list while it can tell them (see listBid).
func (p *dense) wantListBids() bool {
	switch {
	case p.listBidsOff || p.shortK < 0 || !p.perfect() || p.tall != nil || p.floor > -inf:
		return false
	case p.shortK > 0:
		return true
	}
	return p.sv == nil && p.nd >= 16*shortLen
}

// listBid is best2 from row b's short list, and false when the list cannot
// tell it the same: when it has none, when the second least reduced cost
// on it is not below the bound of the others, or when another listed cell
// ties with either of the two least (best2's ties follow the row's order,
// which the list does not keep). Cells off the list are then dearer than
// the two least and change nothing in a scan of the whole row.
func (p *dense) listBid(b int) (bid, bool) {
	sl := p.short
	n := sl.n[b]
	if n < 0 {
		return bid{}, false
	}
	sl.bids++
	at := sl.at[b*sl.k : b*sl.k+int(n)]
	sc := sl.sc[b*sl.k : b*sl.k+int(n)][:len(at)]
	v := p.v
	u1, u2, q1, q2 := inf, inf, -1, -1
	for q, j := range at {
		if h := sc[q] - v[j]; h < u2 {
			if h < u1 {
				u2, q2 = u1, q1
				u1, q1 = h, q
			} else {
				u2, q2 = h, q
			}
		}
	}
	if !(u2 < sl.bound[b]) && sl.bound[b] < inf {
		sl.missed++
		return bid{}, false
	}
	for q, j := range at {
		if h := sc[q] - v[j]; h == u1 && q != q1 || h == u2 && q != q2 {
			sl.missed++
			return bid{}, false
		}
	}
	x := noBid()
	if q1 >= 0 {
		x.u1, x.c1, x.j1 = u1, sc[q1], at[q1]
	}
	if q2 >= 0 {
		x.u2, x.c2, x.j2 = u2, sc[q2], at[q2]
	}
	return x, true
}

// listAgain lists row b after best2 read it whole for the second time or
// more (many rows are bid for once only), unless bids from lists are
// missing too often: then the reduction reads whole rows from now on.
func (p *dense) listAgain(b int) {
	sl := p.short
	if !p.listBids || sl == nil {
		return
	}
	if sl.bids >= 64 && 8*sl.missed > sl.bids {
		p.listBids = false
		return
	}
	if sl.n[b] == -1 {
		sl.n[b] = -2 // read once: listed if bid for again
		return
	}
	p.list(b)
}

// useShort makes the searches read short lists (see shortLists).
func (p *dense) useShort() {
	nrows := p.rowsOfCosts()
	k := shortLen
	if p.shortK > 0 {
		k = p.shortK
	}
	sl := &shortLists{k: k, n: make([]int32, nrows), at: make([]int32, nrows*k),
		sc: make([]float64, nrows*k), bound: make([]float64, nrows)}
	for b := range sl.n {
		sl.n[b] = -1
	}
	for j := range p.d {
		p.d[j] = inf
	}
	p.short = sl
}

// worthIt reports whether the lists spare whole rows: a search that reads
// a source's whole row after all pays a heap entry for each label it
// lowers, where the search over whole rows pays a plain scan. On rank-one
// scores each row repeats each value many times, lists are cut through
// ties, and their bounds are reached at once: 6 of 10 sources relaxed were
// read whole and the solve took twice as long.
func (sl *shortLists) worthIt() bool { return sl.scans < 256 || 8*sl.rows <= sl.scans }

// augmentShort is augment over short lists: Dijkstra from the free source
// f with the labels in a heap, each reached source's list relaxed at once
// and the rest of its row when the least label reaches its bound.
func (p *dense) augmentShort(f int32) {
	sl := p.short
	d, room := p.d, p.room
	p.epoch++
	sv := p.sv
	classes := sv != nil && sv.class != nil
	for _, j := range sl.touched {
		d[j] = inf
	}
	sl.touched, sl.heap, sl.pend = sl.touched[:0], sl.heap[:0], sl.pend[:0]
	sl.pr, sl.ph = sl.pr[:0], sl.ph[:0]
	for _, j := range p.off {
		d[j] = math.NaN()
	}
	if classes {
		sv.skip(p.baseOf(f), 0, p.epoch)
	}
	p.scanShort(f, 0)
	settled, labels := p.settled[:0], p.labels[:0]
	least, end := 0.0, int32(-1)
	for {
		for len(sl.heap) > 0 && !(sl.heap[0].x == d[sl.heap[0].j]) {
			sl.heap.pop()
		}
		next := inf
		if len(sl.heap) > 0 {
			next = sl.heap[0].x
		}
		if len(sl.pend) > 0 && sl.pend[0].x <= next {
			e := sl.pend.pop()
			p.scanRow(sl.pr[e.j], sl.ph[e.j])
			continue
		}
		if next == inf {
			break
		}
		e := sl.heap.pop()
		j := e.j
		if room[j] > 0 {
			end, least = j, e.x
			break
		}
		d[j] = math.NaN()
		settled, labels = append(settled, j), append(labels, e.x)
		for r := p.head[j]; r >= 0; r = p.next[r] {
			h := p.acost[r] - p.v[j] - e.x
			if classes && sv.skip(p.baseOf(r), h, p.epoch) {
				continue
			}
			p.scanShort(r, h)
		}
	}
	p.settled, p.labels = settled, labels
	if end < 0 {
		p.fail(f, p.cost)
		return
	}
	p.update(least)
	p.room[end]--
	p.flip(end, p.cost)
}

// scanShort relaxes the cells of source r's list with offset h and defers
// the rest of its row, or reads the row whole the first time.
func (p *dense) scanShort(r int32, h float64) {
	sl := p.short
	b := p.baseOf(r)
	if sl.n[b] < 0 {
		p.list(b)
	}
	n := sl.n[b]
	sl.scans++
	at := sl.at[b*sl.k : b*sl.k+int(n)]
	sc := sl.sc[b*sl.k : b*sl.k+int(n)][:len(at)]
	p.relaxCells(r, h, at, sc)
	if bound := sl.bound[b]; bound < inf {
		sl.pend.push(label{x: bound - h, j: int32(len(sl.pr))})
		sl.pr, sl.ph = append(sl.pr, r), append(sl.ph, h)
	}
}

// relaxCells offers the targets at their labels through source r at
// offset h: the cells of at, of costs sc (sign applied).
func (p *dense) relaxCells(r int32, h float64, at []int32, sc []float64) {
	sl := p.short
	sc = sc[:len(at)]
	d, v, pred, room := p.d, p.v, p.pred, p.room
	for k, j := range at {
		if x := sc[k] - v[j] - h; x < d[j] {
			if d[j] == inf {
				sl.touched = append(sl.touched, j)
			}
			d[j], pred[j] = x, r
			sl.heap.push(label{x: x, j: j, full: room[j] <= 0})
		}
	}
}

// scanRow relaxes every allowed cell of source r's row with offset h,
// then lists the row's cheapest cells under the present potentials.
func (p *dense) scanRow(r int32, h float64) {
	sl := p.short
	sl.rows++
	b := p.baseOf(r)
	if sv := p.sv; sv != nil && sv.start != nil {
		p.relaxCells(r, h, sv.at[sv.start[b]:sv.start[b+1]], sv.sc[sv.start[b]:sv.start[b+1]])
		p.list(b)
		return
	}
	row := p.row(r)
	s := p.sign
	d, pred := p.d[:len(row)], p.pred[:len(row)]
	v, room := p.v[:len(row)], p.room[:len(row)]
	for j, c := range row {
		if x := s*c - v[j] - h; x < d[j] {
			if d[j] == inf {
				sl.touched = append(sl.touched, int32(j))
			}
			d[j], pred[j] = x, r
			sl.heap.push(label{x: x, j: int32(j), full: room[j] <= 0})
		}
	}
	p.list(b)
}

// list chooses row b's k cells of least c − v (ties to the lower target)
// and the least c − v of the others, in one pass over the row's allowed
// cells: a threshold drawn from a sample lets about 2k cells through, and
// a selection keeps k of them (see selection.go).
func (p *dense) list(b int) {
	sl := p.short
	k := sl.k
	v := p.v
	// The row's cells: the survey's list of allowed ones, or the whole row.
	var at []int32
	var sc, row []float64
	n := p.nd
	if sv := p.sv; sv != nil && sv.start != nil {
		at, sc = sv.at[sv.start[b]:sv.start[b+1]], sv.sc[sv.start[b]:sv.start[b+1]]
		sc, n = sc[:len(at)], len(at)
	} else {
		row = p.costs()[b*p.nd : (b+1)*p.nd]
		v = v[:len(row)]
	}
	s := p.sign
	t := inf
	if step := sampleStep(n, k); step > 0 {
		sl.sample = sl.sample[:0]
		for q := 0; q < n; q += step {
			var y float64
			if at != nil {
				y = sc[q] - v[at[q]]
			} else {
				y = s*row[q] - v[q]
			}
			if !(y < inf) {
				y = inf
			}
			sl.sample = append(sl.sample, y)
		}
		t = threshold(sl.sample, n, k)
	}
	for {
		buf, above := sl.buf[:0], inf
		if at != nil {
			for q, j := range at {
				y := sc[q] - v[j]
				if y < t {
					buf = append(buf, keyed{key: y, j: int32(q)})
				} else if y < above {
					above = y
				}
			}
		} else {
			for j, c := range row {
				y := s*c - v[j]
				if y < t {
					buf = append(buf, keyed{key: y, j: int32(j)})
				} else if y < above {
					above = y
				}
			}
		}
		sl.buf = buf
		if len(buf) < k && t < inf && above < inf {
			t = inf // the sample missed: take every allowed cell
			continue
		}
		kept, bound := settle(buf, k, above)
		lat, lsc := sl.at[b*k:b*k+len(kept)], sl.sc[b*k:b*k+len(kept)]
		for q, e := range kept {
			// e.j is a target, or with the survey's list a place in it
			// (ties then go to the lower place, which is the lower target).
			if at != nil {
				lat[q], lsc[q] = at[e.j], sc[e.j]
			} else {
				lat[q], lsc[q] = e.j, s*row[e.j]
			}
		}
		sl.n[b], sl.bound[b] = int32(len(kept)), bound
		return
	}
}
