package roster

import (
	"cmp"
	"math"
	"slices"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/matching"
)

// ranking is both sides' strict preferences over a program's acceptable
// pairs, for the objective stable. A pair is acceptable when the hard
// rules, the decisions and the history allow it (its cell is not NaN) and
// the mentor has a seat left for the solver; a pair that is not is on
// neither side's list. Each side ranks by its stated preferences first
// (a mentee's prefers, mentor ids in order; a mentor's prefers, mentee
// ids in order), then by the cell the roster is solved on (the score,
// shared time first when that is a tier of the objective), higher first,
// then by id and input order, so that no two are tied.
//
// Building it reads every cell once and sorts each mentee's row and each
// mentor's column: O(pairs · log(mentors + mentees)) time, four bytes per
// pair for the mentors' ranks and four per acceptable pair for the
// mentees' lists.
type ranking struct {
	rows, cols int
	// lists[i] are mentee i's acceptable mentors, best first; the first
	// stated[i] of them are on the mentee's prefers list.
	lists  [][]int32
	stated []int32
	// rank[j*rows+i] is where mentor j ranks mentee i, 0 the first;
	// meaningful for acceptable pairs only.
	rank []int32
	// of[j] is how many mentees are acceptable to mentor j.
	of []int32
}

// unlisted is the stated rank of someone not on a prefers list: after
// everyone who is.
const unlisted = math.MaxInt32

// candidate is one side's view of an acceptable pair while it is ranked.
type candidate struct {
	other  int32   // the mentor (for a mentee) or the mentee (for a mentor)
	stated int32   // position on the prefers list, or unlisted
	cell   float64 // the pair's cell as solved
}

// newRanking ranks the acceptable pairs of p, whose cells src reads, with
// the mentors' seats caps (the pins' seats taken).
func newRanking(p *mentormatch.Program, src source, caps []int) *ranking {
	rows, cols := len(p.Mentees), len(p.Mentors)
	rk := &ranking{rows: rows, cols: cols, lists: make([][]int32, rows), stated: make([]int32, rows), rank: make([]int32, rows*cols), of: make([]int32, cols)}
	mentorOf := make(map[string]int32, cols)
	for j := range cols {
		id := p.Mentor(j).ID
		if _, dup := mentorOf[id]; !dup {
			mentorOf[id] = int32(j)
		}
	}
	menteeOf := make(map[string]int32, rows)
	for i := range rows {
		id := p.Mentee(i).ID
		if _, dup := menteeOf[id]; !dup {
			menteeOf[id] = int32(i)
		}
	}
	stated := make([]int32, max(rows, cols))
	for k := range stated {
		stated[k] = unlisted
	}
	// mark sets stated[k] for the people ids lists, by the index in, and
	// returns what it set, for unmark.
	mark := func(ids []string, in map[string]int32) []int32 {
		var set []int32
		for pos, id := range ids {
			if k, ok := in[id]; ok && stated[k] == unlisted {
				stated[k] = int32(pos)
				set = append(set, k)
			}
		}
		return set
	}
	unmark := func(set []int32) {
		for _, k := range set {
			stated[k] = unlisted
		}
	}
	mentorID := func(j int32) string { return p.Mentor(int(j)).ID }
	menteeID := func(i int32) string { return p.Mentee(int(i)).ID }
	byRank := func(id func(int32) string) func(a, b candidate) int {
		return func(a, b candidate) int {
			if c := cmp.Compare(a.stated, b.stated); c != 0 {
				return c
			}
			if c := cmp.Compare(b.cell, a.cell); c != 0 {
				return c
			}
			if c := cmp.Compare(id(a.other), id(b.other)); c != 0 {
				return c
			}
			return cmp.Compare(a.other, b.other)
		}
	}
	columns := make([][]candidate, cols)
	row := make([]float64, cols)
	var mine []candidate
	for i := range rows {
		src.row(i, row)
		set := mark(p.Mentee(i).Prefers, mentorOf)
		mine = mine[:0]
		for j, v := range row {
			if math.IsNaN(v) || caps[j] <= 0 {
				continue
			}
			mine = append(mine, candidate{other: int32(j), stated: stated[j], cell: v})
			columns[j] = append(columns[j], candidate{other: int32(i), cell: v})
		}
		unmark(set)
		slices.SortFunc(mine, byRank(mentorID))
		list := make([]int32, len(mine))
		for k, c := range mine {
			list[k] = c.other
			if c.stated != unlisted {
				rk.stated[i]++
			}
		}
		rk.lists[i] = list
	}
	for j, col := range columns {
		set := mark(p.Mentor(j).Prefers, menteeOf)
		for k := range col {
			col[k].stated = stated[col[k].other]
		}
		unmark(set)
		slices.SortFunc(col, byRank(menteeID))
		for k, c := range col {
			rk.rank[j*rows+int(c.other)] = int32(k)
		}
		rk.of[j] = int32(len(col))
		columns[j] = nil
	}
	return rk
}

// rankOf is where mentor j ranks mentee i, 0 the first.
func (rk *ranking) rankOf(j, i int) int32 { return rk.rank[j*rk.rows+i] }

// deferredAcceptance is the mentee-optimal stable assignment of rk with
// the mentors' seats caps: mentee-proposing deferred acceptance with
// capacities (Gale and Shapley's algorithm, as for hospitals and
// residents with the residents proposing). Every free mentee proposes to
// the best mentor on their list who has not yet turned them down; a
// mentor holds the best proposals up to their capacity and turns down
// the worst when a better one comes. No mentee proposes to a mentor twice,
// so it ends after at most one proposal per acceptable pair, each
// O(log capacity) with the held mentees in a heap: O(pairs · log capacity)
// after the ranking. The result is stable (no blocking pair under rk),
// and every mentee does at least as well in it as in any other stable
// assignment; it returns each mentee's mentor or −1.
func (rk *ranking) deferredAcceptance(caps []int) []int {
	rowCol := fill(rk.rows, -1)
	next := make([]int, rk.rows)
	held := make([][]int32, rk.cols) // each a heap, the worst held on top
	free := make([]int32, 0, rk.rows)
	for i := rk.rows - 1; i >= 0; i-- {
		free = append(free, int32(i))
	}
	for len(free) > 0 {
		i := int(free[len(free)-1])
		free = free[:len(free)-1]
		for next[i] < len(rk.lists[i]) {
			j := int(rk.lists[i][next[i]])
			next[i]++
			h := held[j]
			if len(h) < caps[j] {
				held[j] = rk.push(j, h, int32(i))
				rowCol[i] = j
				break
			}
			if worst := int(h[0]); rk.rankOf(j, i) < rk.rankOf(j, worst) {
				h[0] = int32(i)
				rk.down(j, h)
				rowCol[i], rowCol[worst] = j, -1
				free = append(free, int32(worst))
				break
			}
		}
	}
	return rowCol
}

// worse reports whether mentor j ranks mentee a below mentee b: the
// order of j's heap of held mentees.
func (rk *ranking) worse(j int, a, b int32) bool { return rk.rankOf(j, int(a)) > rk.rankOf(j, int(b)) }

// push adds mentee i to mentor j's heap h.
func (rk *ranking) push(j int, h []int32, i int32) []int32 {
	h = append(h, i)
	for k := len(h) - 1; k > 0; {
		up := (k - 1) / 2
		if !rk.worse(j, h[k], h[up]) {
			break
		}
		h[k], h[up] = h[up], h[k]
		k = up
	}
	return h
}

// down restores mentor j's heap h after its top was replaced.
func (rk *ranking) down(j int, h []int32) {
	for k := 0; ; {
		w := k
		for _, c := range []int{2*k + 1, 2*k + 2} {
			if c < len(h) && rk.worse(j, h[c], h[w]) {
				w = c
			}
		}
		if w == k {
			return
		}
		h[k], h[w] = h[w], h[k]
		k = w
	}
}

// blocking counts the blocking pairs of rowCol under rk: a mentee and an
// acceptable mentor, not paired, where the mentee ranks the mentor above
// their own (or has none) and the mentor has a free seat or holds a
// mentee they rank below this one. caps are the mentors' seats. Zero for
// deferredAcceptance's assignment. O(pairs).
func (rk *ranking) blocking(rowCol, caps []int) int {
	worst := rk.worstHeld(rowCol, caps)
	n := 0
	for i, mine := range rowCol {
		for _, j := range rk.lists[i] {
			if int(j) == mine {
				break
			}
			if rk.rankOf(int(j), i) < worst[j] {
				n++
			}
		}
	}
	return n
}

// worstHeld is the rank of each mentor's worst mentee in rowCol, or
// unlisted with a seat free: a mentee ranked above it is welcome.
func (rk *ranking) worstHeld(rowCol, caps []int) []int32 {
	worst := make([]int32, rk.cols)
	used := make([]int, rk.cols)
	for i, j := range rowCol {
		if j >= 0 {
			used[j]++
			worst[j] = max(worst[j], rk.rankOf(j, i))
		}
	}
	for j := range worst {
		if used[j] < caps[j] {
			worst[j] = unlisted
		}
	}
	return worst
}

// solveStable is the objective stable: the mentee-optimal stable
// assignment of the cells src reads under the mentors' seats caps, with
// its ranking. Total is the sum of the assigned cells; there are no duals
// (a stable assignment is not an optimum, and nothing prices it).
func solveStable(p *mentormatch.Program, src source, caps []int) (*matching.Result, *ranking) {
	rk := newRanking(p, src, caps)
	sol := &matching.Result{RowCol: rk.deferredAcceptance(caps)}
	for i, j := range sol.RowCol {
		if j >= 0 {
			sol.Assigned++
			sol.Total += src.cell(i, j)
		}
	}
	return sol, rk
}
