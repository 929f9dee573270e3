package matching

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/mentormatch/mentormatch/internal/parallel"
)

// The first program of SolveSparse, when it ranks cells itself and rows
// are the side augmented from, comes from an auction over the whole
// problem rather than over a fixed set of candidates.
//
// Every row keeps a short list: its cheapest cells by reduced cost c − v
// when the list was made (max(K, 256) of them), and the next one's reduced
// cost as a bound. Prices v only fall
// during an auction, so every cell outside the list still costs at least
// the bound, and the list answers a bid exactly (the two cheapest cells of
// the whole row) until its second cheapest passes the bound; only then is
// the row evaluated again. Bids are computed for all free rows at once on
// the workers (Jacobi) and applied in row order. Prices end ε-optimal for
// the whole problem, so the lists are where the optimum lies, and the
// checks that follow find few pairs to add: the program keeps each row's K
// cheapest list cells under the final prices, and its assigned one.
//
// When rows outnumber the places, a virtual column "unassigned" takes the
// rows − places left over at one cost for all, the worst cost of the
// problem: filling every place and then the least total is the same as the
// cheapest assignment of every row, real column or virtual. Its holders
// are many, so they are kept in a heap rather than scanned. The auction
// then only chooses the candidates; the program is solved from the
// places' side like any other (see sparseRun.solve).

// lazyRow is a row's list: targets and costs of its cheapest cells, and the
// least reduced cost any other cell had when the list was made.
// The lazy auction's settings: list length, first ε as a share of the
// cost range (from warm prices, a smaller one: each phase lowers every
// price by its ε at least, and lists go stale as they fall), and the
// factor ε falls by from phase to phase.
const (
	lazyList      = 256
	lazyStart     = 16.0
	lazyWarmStart = 96.0
	lazyStep      = 6.0
	lazyInline    = 16 // the most bids of a round made on the caller's goroutine
)

type lazyRow struct {
	j     []int32
	c     []float64
	bound float64
}

type lazyBid struct {
	j1        int32
	c1, lvl   float64
	ok, stale bool
}

// parallelN runs f(w, k) for k in [0, n) on the workers, chunk values of
// k at a time; a panic in f is raised again on the caller's goroutine.
func (sr *sparseRun) parallelN(n, chunk int, f func(w, k int)) {
	parallel.For(n, sr.workers, chunk, f)
}

// relist evaluates row i again and makes its list anew under prices v,
// in r's own slices.
func (sr *sparseRun) relist(w, i int, r *lazyRow, v []float64) {
	sr.listOf(i, sr.readRow(w, i), v, r, false, w)
}

// readRow evaluates row i for a list. Read through bounds
// (SparseOptions.Bound), the auction runs on the bounds themselves: it
// only chooses candidates, whose cells are then evaluated, and the checks
// prove the optimum whatever they are.
func (sr *sparseRun) readRow(w, i int) []float64 {
	if sr.boundFunc != nil {
		return sr.boundRow(w, i)
	}
	return sr.row(w, i)
}

// listOf makes r row i's list over the values row. The first list of a
// row also returns the least and greatest cost, and without bounds checks
// every cell (skip, which records an infinitely good one). Otherwise v is
// −∞ on closed columns (see lazy), so that a closed column's key is +∞ and
// one comparison a cell settles it.
func (sr *sparseRun) listOf(i int, row, v []float64, r *lazyRow, first bool, w int) (lo, hi float64) {
	s := sr.in.sign
	n := max(sr.k, sr.listLen)
	bounded := sr.boundFunc != nil
	// The list is chosen as selection.go describes, with the reduced costs
	// worked out in the same pass: this loop reads every cell of the
	// problem several times.
	t := inf
	if step := sampleStep(len(row), n); step > 0 {
		var sample [sampleSize]float64
		for q := range sample {
			j := q * step
			sample[q] = inf
			if x := row[j]; sr.usable(j, x) {
				sample[q] = s*x - v[j]
			}
		}
		t = threshold(sample[:], len(row), n)
	}
	var (
		picked []keyed
		above  float64
	)
	for {
		picked, above = sr.picks[w][:0], inf
		lo, hi = inf, -inf
		switch {
		case first && bounded:
			caps := sr.in.caps[:len(row)]
			v := v[:len(row)]
			for j, x := range row {
				if k := s*x - v[j]; k < t {
					if x-x == 0 {
						picked = append(picked, keyed{k, int32(j)})
					}
				} else if k < above {
					above = k
				}
				// Rarely true once the row's first cells are in.
				if c := s * x; (c < lo || c > hi) && x-x == 0 && caps[j] > 0 {
					lo, hi = min(lo, c), max(hi, c)
				}
			}
		case first:
			for j, x := range row {
				if sr.skip(i, j, x) {
					continue
				}
				c := s * x
				lo, hi = min(lo, c), max(hi, c)
				if k := c - v[j]; k < t {
					picked = append(picked, keyed{k, int32(j)})
				} else if k < above {
					above = k
				}
			}
		default:
			v := v[:len(row)]
			for j, x := range row {
				// NaN keys fail both tests; an infinite cell, whose key
				// may pass the first, was skipped by the row's first list.
				if k := s*x - v[j]; k < t {
					if x-x == 0 {
						picked = append(picked, keyed{k, int32(j)})
					}
				} else if k < above {
					above = k
				}
			}
		}
		if len(picked) >= n || t == inf {
			break
		}
		t = inf
	}
	sr.picks[w] = picked
	picked, r.bound = settle(picked, n, above)
	r.j, r.c = slices.Grow(r.j[:0], len(picked))[:len(picked)], slices.Grow(r.c[:0], len(picked))[:len(picked)]
	for q, e := range picked {
		r.j[q], r.c[q] = e.j, s*row[e.j]
	}
	return lo, hi
}

// lazy runs the auction and sets the first candidates. When rows are the
// sources it also returns the first program, solved exactly. ok is false
// when the auction exceeds its budget (rows that cannot all be placed);
// the caller then starts from ranked candidates.
func (sr *sparseRun) lazy() (first *sparse, ok bool) {
	in := sr.in
	nc, spare := in.cols, 0 // columns, with the virtual one; its places
	if !sr.byRows {
		spare = in.rows
		for _, k := range in.caps {
			spare -= int(k)
		}
		nc++
	}
	dj := int32(in.cols) // the virtual column, when spare > 0
	v := make([]float64, nc)
	for j, k := range in.caps {
		if k == 0 {
			v[j] = -inf // a closed column: no cell of it is ever listed
		}
	}
	rows := make([]lazyRow, in.rows)
	los, his := make([]float64, sr.workers), make([]float64, sr.workers)
	for w := range los {
		los[w], his[w] = inf, -inf
	}
	// Every list in two allocations, at most n long each: lists made
	// again reuse their row's part.
	n := max(sr.k, sr.listLen)
	js, cs := make([]int32, in.rows*n), make([]float64, in.rows*n)
	sr.parallel(func(w, i int) {
		r := &rows[i]
		r.j, r.c = js[i*n:i*n:(i+1)*n], cs[i*n:i*n:(i+1)*n]
		lo, hi := sr.listOf(i, sr.readRow(w, i), v, r, true, w)
		los[w], his[w] = math.Min(los[w], lo), math.Max(his[w], hi)
	})
	if sr.badInput() != nil {
		return nil, false
	}
	lo, hi := inf, -inf
	for w := range los {
		lo, hi = math.Min(lo, los[w]), math.Max(hi, his[w])
	}
	span := math.Max(hi-lo, 0)
	final := 1e-4 * span
	if final == 0 {
		final = 1e-9
	}
	start := lazyStart
	virt := lazyVirtual{j: -1, c: hi}
	if spare > 0 {
		virt.j = dj
		if warmPrices(rows, v[:in.cols], hi, in.rows-spare) {
			start = lazyWarmStart
		}
	}
	eps := math.Max(span/start, final)

	col := make([]int32, in.rows)
	acost, level := make([]float64, in.rows), make([]float64, in.rows)
	room := make([]int32, nc)
	holders := make([][]int32, nc)
	bids := make([]lazyBid, in.rows)
	var stale []int // bids of a small round whose list went stale
	unassigned := levelHeap{level: level}
	for {
		for i := range col {
			col[i] = -1
		}
		copy(room, in.caps)
		if spare > 0 {
			room[dj] = int32(spare)
		}
		for j := range holders {
			holders[j] = holders[j][:0]
		}
		unassigned.ids = unassigned.ids[:0]
		var free []int32
		for i := range rows {
			if len(rows[i].j) > 0 {
				free = append(free, int32(i))
			}
		}
		budget := 64*len(free) + 1024
		t0, nb, nr := time.Now(), 0, 0
		sr.rebuilds.Store(0)
		for len(free) > 0 {
			nb += len(free)
			nr++
			if budget -= len(free); budget < 0 {
				return nil, false
			}
			bid := func(w, k int) {
				i := int(free[k])
				bids[k] = sr.lazyBid(w, i, &rows[i], v, span, eps, virt)
			}
			if len(free) <= lazyInline {
				// Most rounds of the last phases: a few bids, each a scan
				// of a list, cost less than starting a goroutine; the rows
				// whose list went stale are read again on the workers.
				stale = stale[:0]
				for k := range free {
					if bid(-1, k); bids[k].stale {
						stale = append(stale, k)
					}
				}
				sr.parallelN(len(stale), 1, func(w, q int) { bid(w, stale[q]) })
			} else {
				sr.parallelN(len(free), 16, bid)
			}
			var next []int32
			for k, i := range free {
				b := bids[k]
				if !b.ok {
					continue
				}
				j := b.j1
				if room[j] == 0 {
					var out int32
					q := 0
					if j == dj {
						out = unassigned.top()
					} else {
						q = weakestOf(holders[j], level)
						out = holders[j][q]
					}
					if b.lvl >= level[out] {
						next = append(next, i)
						continue
					}
					col[out] = -1
					next = append(next, out)
					if j == dj {
						unassigned.pop()
					} else {
						holders[j][q] = holders[j][len(holders[j])-1]
						holders[j] = holders[j][:len(holders[j])-1]
					}
					room[j]++
				}
				col[i], acost[i], level[i] = j, b.c1, b.lvl
				if j == dj {
					unassigned.push(i)
				} else {
					holders[j] = append(holders[j], i)
				}
				if room[j]--; room[j] == 0 {
					if j == dj {
						v[j] = level[unassigned.top()]
					} else {
						v[j] = level[holders[j][weakestOf(holders[j], level)]]
					}
				}
			}
			sort.Slice(next, func(a, b int) bool { return next[a] < next[b] })
			free = next
		}
		if sr.trace != nil {
			vlo, vhi := inf, -inf
			for _, x := range v {
				if x > -inf {
					vlo, vhi = math.Min(vlo, x), math.Max(vhi, x)
				}
			}
			fmt.Fprintf(sr.trace, "  auction ε=%.3g: %d bids in %d rounds, %d rows evaluated again, prices %.1f..%.1f, %.2fs\n", eps, nb, nr, sr.rebuilds.Load(), vlo, vhi, time.Since(t0).Seconds())
		}
		if eps <= final {
			break
		}
		eps = math.Max(eps/lazyStep, final)
	}

	s := in.sign
	for i, r := range rows {
		top := topList{n: sr.k}
		for q, j := range r.j {
			top.offer(r.c[q]-v[j], j, s*r.c[q])
		}
		if j := col[i]; j >= 0 && j != virt.j && !slices.Contains(top.id, j) {
			top.id = append(top.id, j)
			top.x = append(top.x, s*acost[i])
			top.key = append(top.key, acost[i]-v[j])
		}
		sr.arcs[i] = top.arcs(nil)
	}
	if sr.boundFunc != nil {
		// The candidates' cells, evaluated; none of the auction's state
		// is of the cells.
		sr.parallel(func(w, i int) {
			arcs := sr.arcs[i]
			js := sr.colBufs[w][:0]
			for _, a := range arcs {
				js = append(js, a.j)
			}
			xs := sr.values(w, i, js)
			out := arcs[:0]
			for q, a := range arcs {
				if sr.usable(int(a.j), xs[q]) {
					out = append(out, arc{a.j, xs[q]})
				}
			}
			sr.arcs[i] = out
		})
		if err := sr.badInput(); err != nil {
			return nil, false
		}
		return nil, true
	}
	if !sr.byRows {
		return nil, true
	}
	p := sr.program(true)
	for j, k := range in.caps {
		if k > 0 {
			p.v[j] = v[j]
		}
	}
	for i, j := range col {
		if j >= 0 {
			p.assign(int32(i), j, acost[i])
			p.room[j]--
		}
	}
	p.exact(sr.tolerance(nil))
	return p, true
}

// warmPrices lowers the prices v of the open columns, all 0, by one
// amount before a scarce market's auction (seats places for more rows;
// the virtual column costs worst to all and keeps its price 0): so far
// that only about seats rows, those whose cheapest cell is cheapest,
// still prefer a place to the virtual column. From prices 0 every place
// would be bid down by ε at a time until most rows give up on places,
// reading their rows again and again as their lists go stale (3.9 times a
// row on 100,000 × 10,000 with 23,914 places). The lists and their bounds
// move by the same amount; any prices serve the auction, as rows and
// places are as many (the virtual column takes the rest). It reports
// whether it lowered them.
func warmPrices(rows []lazyRow, v []float64, worst float64, seats int) bool {
	var bests []float64
	for _, r := range rows {
		if len(r.c) > 0 {
			bests = append(bests, slices.Min(r.c))
		}
	}
	if seats >= len(bests) {
		return false
	}
	slices.Sort(bests)
	p := worst - bests[seats]
	if !(p > 0) || math.IsInf(p, 0) {
		return false
	}
	for j, x := range v {
		if x == 0 {
			v[j] = -p
		}
	}
	for i := range rows {
		rows[i].bound += p
	}
	return true
}

// lazyVirtual is the virtual column "unassigned" of an auction in which
// rows outnumber places: its index (−1 when there is none) and cost.
type lazyVirtual struct {
	j int32
	c float64
}

// levelHeap holds the rows of the virtual column, the highest (weakest)
// level on top, ties to the higher row as in weakestOf.
type levelHeap struct {
	ids   []int32
	level []float64
}

func (h *levelHeap) above(a, b int32) bool {
	return h.level[a] > h.level[b] || h.level[a] == h.level[b] && a > b
}

func (h *levelHeap) top() int32 { return h.ids[0] }

func (h *levelHeap) push(i int32) {
	h.ids = append(h.ids, i)
	for c := len(h.ids) - 1; c > 0; {
		p := (c - 1) / 2
		if !h.above(h.ids[c], h.ids[p]) {
			break
		}
		h.ids[c], h.ids[p] = h.ids[p], h.ids[c]
		c = p
	}
}

func (h *levelHeap) pop() {
	n := len(h.ids) - 1
	h.ids[0] = h.ids[n]
	h.ids = h.ids[:n]
	for p := 0; ; {
		c := 2*p + 1
		if c >= n {
			break
		}
		if c+1 < n && h.above(h.ids[c+1], h.ids[c]) {
			c++
		}
		if !h.above(h.ids[c], h.ids[p]) {
			break
		}
		h.ids[c], h.ids[p] = h.ids[p], h.ids[c]
		p = c
	}
}

// lazyBid is row i's bid under prices v: its cheapest target and the price
// level that leaves it ε worse off there than at its second cheapest,
// from its list, made again first when stale; with w < 0 a stale list is
// not made again, and the bid says only that it is stale.
func (sr *sparseRun) lazyBid(w, i int, r *lazyRow, v []float64, span, eps float64, virt lazyVirtual) lazyBid {
	for fresh := false; ; fresh = true {
		h1, h2, c1, j1 := inf, inf, 0.0, int32(-1)
		for q, j := range r.j {
			h := r.c[q] - v[j]
			switch {
			case h < h1 || h == h1 && j < j1: // the list is in no order
				h2 = h1
				h1, c1, j1 = h, r.c[q], j
			case h < h2:
				h2 = h
			}
		}
		if virt.j >= 0 {
			switch h := virt.c - v[virt.j]; {
			case h < h1:
				h2 = h1
				h1, c1, j1 = h, virt.c, virt.j
			case h < h2:
				h2 = h
			}
		}
		if j1 < 0 {
			return lazyBid{}
		}
		if h2 > r.bound && !fresh {
			if w < 0 {
				return lazyBid{stale: true}
			}
			sr.rebuilds.Add(1)
			sr.relist(w, i, r, v)
			continue
		}
		h2 = math.Min(h2, r.bound)
		if h2 == inf {
			h2 = h1 + span + eps
		}
		return lazyBid{j1: j1, c1: c1, lvl: v[j1] - (h2 - h1) - eps, ok: true}
	}
}

// weakestOf returns the index in holders of the highest level.
func weakestOf(holders []int32, level []float64) int {
	q := 0
	for k, r := range holders {
		if level[r] > level[holders[q]] || (level[r] == level[holders[q]] && r > holders[q]) {
			q = k
		}
	}
	return q
}
