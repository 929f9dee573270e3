package cohort

import (
	"sort"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
)

// DefaultMixBonus is the weight, in hours of shared weekly time, of one more
// distinct department or level in a cohort.
const DefaultMixBonus = 0.5

// FormOptions tune cohort formation beyond the program configuration.
type FormOptions struct {
	// MixBonus is added to the objective, in hours of shared weekly time,
	// for every distinct department and every distinct level in a cohort
	// beyond the first. Zero turns mixing off.
	MixBonus float64
	// MaxPasses bounds the local search; 0 means 50, and a negative
	// number skips it, leaving the split the search starts from.
	MaxPasses int
}

// Sizes returns balanced cohort sizes for n mentees: ceil(n/maxSize)
// cohorts whose sizes differ by at most one, larger ones first. Sizes are
// below minSize only when n itself is (then there is one cohort), or when
// min and max leave no balanced split (13 mentees with sizes 7–12).
func Sizes(n, minSize, maxSize int) []int {
	if n <= 0 {
		return nil
	}
	_, maxSize = sizeLimits(minSize, maxSize)
	k := (n + maxSize - 1) / maxSize
	sizes := make([]int, k)
	for i := range sizes {
		sizes[i] = n / k
		if i < n%k {
			sizes[i]++
		}
	}
	return sizes
}

func sizeLimits(minSize, maxSize int) (int, int) {
	if minSize < 2 {
		minSize = 4
	}
	if maxSize < minSize {
		maxSize = max(12, minSize)
	}
	return minSize, maxSize
}

// Form groups the program's mentees into cohorts, as lists of mentee
// indexes (into p.Mentees) in increasing order, with the default
// FormOptions. See FormWith.
func Form(p *mentormatch.Program, cfg mentormatch.Config) [][]int {
	return FormWith(p, cfg, FormOptions{MixBonus: DefaultMixBonus})
}

// FormWith groups the program's mentees into cohorts whose members share
// availability and a time-zone band, and keeps apart the mentees who were
// peers in an earlier cohort (Program.EarlierCohorts) where the sizes
// allow.
//
// Mentees are sorted by UTC offset on the start date, then by the first
// free quarter hour of their week in UTC, then by input order, and cut into
// contiguous balanced groups (see Sizes). A deterministic local search then
// minimises, first, the earlier peers who share a cohort, then maximises
// the member pairs who can meet, then
//
//	Σ over cohorts [ Σ over member pairs shared weekly hours
//	               + MixBonus × (distinct departments − 1 + distinct levels − 1) ]
//
// (one pair who can meet outweighs any hours and mix). Two people can meet
// when they share a whole session (schedule.session_minutes) of free time
// in every week the schedule spans, clock changes applied, and their shared
// hours are the least of any of those weeks (availability.Model.Pair);
// people without availability count as Monday–Friday 09:00–17:00 in their
// zone, as the scheduler takes them. An empty department or unknown level
// counts as no value. Each pass tries, in a fixed order, swapping every
// member of a cohort with every member of each of the next two cohorts in
// the sorted order (all cohorts when there are at most 16), taking every
// swap that raises the objective by more than 1e-9; it stops after a pass
// without a swap or after MaxPasses. Sizes never change. A pass costs
// O(k·w·s²) pair look-ups (a few popcounts each) and O(k·w·s³) table
// reads for k cohorts of size s and window w; after the first, only the
// pairs of cohorts that changed since their last visit are visited.
//
// When earlier peers remain together beyond the fewest the sizes force
// (see earlierPeers.unavoidable), the search runs again from the earlier
// cohorts dealt out to the cohorts in turn, which reaches that fewest when
// the earlier cohorts share no pair, and the better of the two results is
// kept: earlier peers yield to shared time and mix only when the sizes
// force them together.
//
// The result does not depend on cfg.Seed; the search has no random choice.
func FormWith(p *mentormatch.Program, cfg mentormatch.Config, opt FormOptions) [][]int {
	n := len(p.Mentees)
	if n == 0 {
		return nil
	}
	monday := availability.FirstMonday(availability.StartOf(cfg))
	noon := monday.Add(12 * time.Hour)
	type key struct {
		offset, first, idx int
	}
	weeks := make([]availability.Week, n)
	keys := make([]key, n)
	for i := range n {
		m := p.Mentee(i)
		weeks[i] = availability.WeekOf(slotsOf(m), locOf(m), monday)
		_, off := noon.In(locOf(m)).Zone()
		keys[i] = key{off, weeks[i].First(), i}
	}
	sort.Slice(keys, func(a, b int) bool {
		x, y := keys[a], keys[b]
		if x.offset != y.offset {
			return x.offset < y.offset
		}
		if x.first != y.first {
			return x.first < y.first
		}
		return x.idx < y.idx
	})
	sizes := Sizes(n, cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize)
	groups := make([][]int, len(sizes))
	at := 0
	for c, s := range sizes {
		for range s {
			groups[c] = append(groups[c], keys[at].idx)
			at++
		}
	}
	m := availability.New(p, calendarOf(p, cfg), officeHours)
	se := newSearch(p, func(i, j int) (float64, bool) { return m.Pair(p.Mentees[i], p.Mentees[j]) }, newEarlierPeers(p), opt)
	se.improve(groups)
	if e := se.apart; e != nil && e.together(groups) > e.unavoidable(len(groups)) {
		// Earlier peers the search could not part: start again from
		// the earlier cohorts dealt out in turn, and keep the better.
		order := make([]int, n)
		for t, k := range keys {
			order[t] = k.idx
		}
		dealt := e.dealt(order, sizes)
		se.improve(dealt)
		if se.better(dealt, groups) {
			groups = dealt
		}
	}
	for _, g := range groups {
		sort.Ints(g)
	}
	sort.Slice(groups, func(a, b int) bool { return groups[a][0] < groups[b][0] })
	return groups
}

// pairFunc is what two mentees (indexes into p.Mentees) share: weekly
// hours, and whether they can meet. It must be symmetric.
type pairFunc func(i, j int) (hours float64, meet bool)

// meetWeight is what a pair who can meet is worth in the search, more than
// the shared hours and mix any swap can change (2 × 11 pairs × 168 h).
const meetWeight = 1e4

// search is the local search of FormWith: its objective, and the swaps
// that raise it.
type search struct {
	p     *mentormatch.Program
	pair  pairFunc
	apart *earlierPeers // nil: no earlier peers among the mentees
	opt   FormOptions
	// Per mentee, as numbers made once (0: none), so that counting the
	// mix of a cohort makes no map and reads no Person.
	dept, level []int32
}

func newSearch(p *mentormatch.Program, pair pairFunc, apart *earlierPeers, opt FormOptions) *search {
	s := &search{p: p, pair: pair, apart: apart, opt: opt, dept: make([]int32, len(p.Mentees)), level: make([]int32, len(p.Mentees))}
	if opt.MixBonus != 0 {
		ids := map[string]int32{}
		for x := range p.Mentees {
			m := p.Mentee(x)
			s.level[x] = int32(m.Level)
			if d := m.Department; d != "" {
				if _, ok := ids[d]; !ok {
					ids[d] = int32(len(ids) + 1)
				}
				s.dept[x] = ids[d]
			}
		}
	}
	return s
}

// hours is what mentees i and j add to the objective together.
func (s *search) hours(i, j int) float64 {
	h, meet := s.pair(i, j)
	if meet {
		h += meetWeight
	}
	return h
}

// mixOf is the objective's mix term for nd distinct departments and nl
// distinct levels.
func (s *search) mixOf(nd, nl int) float64 {
	return s.opt.MixBonus * float64(max(nd-1, 0)+max(nl-1, 0))
}

// tally is a cohort's distinct departments and levels, each with how many
// members have it, so that the mix with one member replaced costs a look
// at the distinct values, not a count of the whole cohort.
type tally struct {
	depts, levels []valueCount
}

type valueCount struct{ value, n int32 }

func countOf(vs []valueCount, v int32) int32 {
	for _, x := range vs {
		if x.value == v {
			return x.n
		}
	}
	return 0
}

func add(vs []valueCount, v int32) []valueCount {
	if v == 0 {
		return vs
	}
	for k := range vs {
		if vs[k].value == v {
			vs[k].n++
			return vs
		}
	}
	return append(vs, valueCount{v, 1})
}

// count tallies g, reusing t's arrays.
func (s *search) count(t *tally, g []int) {
	t.depts, t.levels = t.depts[:0], t.levels[:0]
	for _, x := range g {
		t.depts = add(t.depts, s.dept[x])
		t.levels = add(t.levels, s.level[x])
	}
}

// mix is the mix term of g.
func (s *search) mix(g []int) float64 {
	if s.opt.MixBonus == 0 {
		return 0
	}
	var t tally
	s.count(&t, g)
	return s.mixOf(len(t.depts), len(t.levels))
}

// distinctAfter is how many distinct non-zero values of vs remain when a
// member with value out is replaced by one with value in.
func distinctAfter(vs []valueCount, out, in int32) int {
	n := len(vs)
	if out != 0 && countOf(vs, out) == 1 {
		n--
	}
	if in != 0 {
		c := countOf(vs, in)
		if in == out {
			c--
		}
		if c == 0 {
			n++
		}
	}
	return n
}

// mixWith is the mix term of the cohort tallied in t with member out
// replaced by in (not a member).
func (s *search) mixWith(t *tally, out, in int) float64 {
	return s.mixOf(distinctAfter(t.depts, s.dept[out], s.dept[in]), distinctAfter(t.levels, s.level[out], s.level[in]))
}

// peersParted is how many fewer earlier peers g holds with in in place
// of out.
func (s *search) peersParted(g []int, out, in int) int {
	if s.apart == nil {
		return 0
	}
	d := 0
	for _, x := range g {
		if x == out {
			continue
		}
		if s.apart.peers(out, x) {
			d++
		}
		if s.apart.peers(in, x) {
			d--
		}
	}
	return d
}

// value is the objective of groups: the earlier peers they hold
// together (fewer is better, before anything else), and the pair sums
// and mix (higher is better).
func (s *search) value(groups [][]int) (together int, v float64) {
	if s.apart != nil {
		together = s.apart.together(groups)
	}
	for _, g := range groups {
		for a, i := range g {
			for _, j := range g[a+1:] {
				v += s.hours(i, j)
			}
		}
		v += s.mix(g)
	}
	return together, v
}

// better reports whether groups a are better than b.
func (s *search) better(a, b [][]int) bool {
	ta, va := s.value(a)
	tb, vb := s.value(b)
	if ta != tb {
		return ta < tb
	}
	return va > vb+1e-9
}

// improve is the local search of FormWith: it parts earlier peers
// first, then raises the pair sums and mix, and never brings earlier
// peers together for any gain of those.
//
// A visit of two cohorts (see visit) depends on their members alone, so a
// visit that swapped nothing is not made again until one of the two has
// changed: the later passes, which swap little, visit few pairs of cohorts.
// The result is the same as visiting every pair in every pass.
func (s *search) improve(groups [][]int) {
	if len(groups) < 2 || s.opt.MaxPasses < 0 {
		return
	}
	passes := s.opt.MaxPasses
	if passes == 0 {
		passes = 50
	}
	window := 2
	if len(groups) <= 16 {
		window = len(groups)
	}
	// changed[c] counts the swaps that touched cohort c, from 1; idle
	// holds, per pair of cohorts a < b ≤ a+window, their counts at the
	// last visit that swapped nothing (zero: none yet).
	changed := make([]int, len(groups))
	for c := range changed {
		changed[c] = 1
	}
	idle := make([][2]int, len(groups)*window)
	v := s.newVisit(groups)
	for range passes {
		swapped := false
		for a := range groups {
			for b := a + 1; b < len(groups) && b <= a+window; b++ {
				k := a*window + b - a - 1
				now := [2]int{changed[a], changed[b]}
				if idle[k] == now {
					continue
				}
				if v.swaps(groups[a], groups[b]) {
					changed[a]++
					changed[b]++
					swapped = true
				} else {
					idle[k] = now
				}
			}
		}
		if !swapped {
			return
		}
	}
}

// visit is the scratch of one visit of two cohorts A and B: what every two
// of their members add to the objective, read once per visit (a swap
// moves members between A and B, never out of them), and A's and B's
// tallies.
type visit struct {
	s      *search
	at     []int32   // per mentee: its place in members, for the visit's members
	m      int       // len(members)
	hours  []float64 // hours[u·m+v]: s.hours(members[u], members[v])
	ta, tb tally
}

func (s *search) newVisit(groups [][]int) *visit {
	most := 0
	for _, g := range groups {
		most = max(most, len(g))
	}
	return &visit{s: s, at: make([]int32, len(s.p.Mentees)), hours: make([]float64, 4*most*most)}
}

// swaps tries, in a fixed order, swapping every member of A with every
// member of B, and takes every swap that parts earlier peers, or parts
// none and brings none together and raises the objective by more than
// 1e-9; it reports whether it took any. O(s²) pair look-ups (a few
// popcounts each) and O(s³) table reads for cohorts of s.
func (v *visit) swaps(A, B []int) bool {
	s := v.s
	m := len(A) + len(B)
	v.m = m
	for u, x := range A {
		v.at[x] = int32(u)
	}
	for u, x := range B {
		v.at[x] = int32(len(A) + u)
	}
	h := v.hours[:m*m]
	for u := range m {
		x := memberAt(A, B, u)
		for w := u + 1; w < m; w++ {
			// s.pair is symmetric.
			h[u*m+w] = s.hours(x, memberAt(A, B, w))
			h[w*m+u] = h[u*m+w]
		}
	}
	mixing := s.opt.MixBonus != 0
	var mixA, mixB float64
	if mixing {
		s.count(&v.ta, A)
		s.count(&v.tb, B)
		mixA, mixB = s.mixOf(len(v.ta.depts), len(v.ta.levels)), s.mixOf(len(v.tb.depts), len(v.tb.levels))
	}
	swapped := false
	for ia := range A {
		for ib := range B {
			i, j := A[ia], B[ib]
			parted := s.peersParted(A, i, j) + s.peersParted(B, j, i)
			if parted < 0 {
				continue
			}
			d := v.gain(A, i, j) + v.gain(B, j, i)
			if mixing {
				d += s.mixWith(&v.ta, i, j) - mixA + s.mixWith(&v.tb, j, i) - mixB
			}
			if parted > 0 || d > 1e-9 {
				A[ia], B[ib] = j, i
				swapped = true
				if mixing {
					s.count(&v.ta, A)
					s.count(&v.tb, B)
					mixA, mixB = s.mixOf(len(v.ta.depts), len(v.ta.levels)), s.mixOf(len(v.tb.depts), len(v.tb.levels))
				}
			}
		}
	}
	return swapped
}

func memberAt(A, B []int, u int) int {
	if u < len(A) {
		return A[u]
	}
	return B[u-len(A)]
}

// gain is the gain of putting in into g in place of out, for the pair
// sums, summed in g's order.
func (v *visit) gain(g []int, out, in int) float64 {
	ro, ri := int(v.at[out])*v.m, int(v.at[in])*v.m
	d := 0.0
	for _, x := range g {
		if x == out {
			continue
		}
		px := int(v.at[x])
		d += v.hours[ri+px] - v.hours[ro+px]
	}
	return d
}
