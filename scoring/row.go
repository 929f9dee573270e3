package scoring

import (
	"math"
	"slices"
	"sync"
)

// A solver of a large program reads whole rows, every cell of a mentee
// a few times over. The components are therefore computed a component at
// a time across a run of mentors, each a short loop over a small array
// with no dependence from one mentor to the next, which the processor
// overlaps; a single pair is the run of one. Either way each cell goes
// through the same operations in the same order, so Row, Cell, Matrix and
// Pair agree to the bit.

// parts holds the components of a run of mentors: c[k][q] is component k
// of the run's mentor q.
type parts struct {
	c       [5][]float64
	overlap []float64
	meet    []bool
	group   []float64 // RowBound's availability bound by group of mentors
}

// grow makes room for n mentors; the slices may then be longer than n.
func (w *parts) grow(n int) {
	if len(w.overlap) < n {
		for k := range w.c {
			w.c[k] = make([]float64, n)
		}
		w.overlap = make([]float64, n)
		w.meet = make([]bool, n)
	}
}

var partsPool = sync.Pool{New: func() any { return new(parts) }}

// prepareColumns lays out the mentors' fields that components reads, a
// slice each; goals is the number of goal ids.
func (s *Scorer) prepareColumns(goals int) {
	nm := len(s.mentors)
	s.mperson = make([]int, nm)
	s.mlevel = make([]int, nm)
	s.mblocked = make([]bool, nm)
	s.mcapacity = make([]int32, nm)
	s.mlang = make([]uint64, nm)
	s.mdept = make([]int32, nm)
	s.mgroup = make([]int32, nm)
	s.offeredBy = make([][]uint64, goals)
	for g := range s.offeredBy {
		s.offeredBy[g] = make([]uint64, (nm+63)/64)
	}
	if goals <= 16 {
		s.moffers = make([]uint16, nm)
	}
	for j := range s.mentors {
		m := &s.mentors[j]
		s.mperson[j], s.mlevel[j] = m.idx, m.level
		s.mblocked[j], s.mlang[j], s.mdept[j] = m.blocked, m.langMask, m.dept
		s.mcapacity[j] = int32(min(max(m.capacity, math.MinInt32), math.MaxInt32))
		for g := range goals {
			if m.offers.has(int32(g)) {
				s.offeredBy[g][j/64] |= 1 << (j % 64)
				if s.moffers != nil {
					s.moffers[j] |= 1 << g
				}
			}
		}
	}
	s.unions = s.avail.Unions(s.mperson)
	for j := range s.mgroup {
		s.mgroup[j] = int32(s.unions.Group(j))
		if s.mgroup[j] < 0 {
			s.mgroup[j] = int32(s.unions.Groups())
		}
	}
	s.mlevel8 = make([]uint8, nm)
	for j, l := range s.mlevel {
		if l < 0 || l >= 64 {
			s.mlevel8 = nil
			break
		}
		s.mlevel8[j] = uint8(l)
	}
}

// fillParts computes into w the components of mentee e with mentors lo to
// hi−1; prefer is the preference component of all of them.
func (s *Scorer) fillParts(e *person, lo, hi int, prefer float64, w *parts) {
	n := hi - lo
	w.grow(n)
	s.fillCheap(e, lo, hi, w)
	fillWith(w.c[4][:n], prefer)
	s.fillAvail(e, s.mperson[lo:hi], w)
}

// fillAvail computes into w the availability component of mentee e with
// the mentors who are people[q] of the program (w must have room): the
// hours both are free in every week, two or more is full.
func (s *Scorer) fillAvail(e *person, people []int, w *parts) {
	n := len(people)
	c, ov, meet := w.c[1][:n], w.overlap[:n], w.meet[:n]
	if s.avail.Known(e.idx) {
		for q, p := range people {
			ov[q], meet[q] = s.avail.Pair(e.idx, p)
			if ov[q] < 0 {
				c[q] = neutral
				continue
			}
			c[q] = 1
			if h := ov[q] / 2; h < 1 {
				c[q] = h
			}
		}
	} else {
		fillWith(c, neutral)
		fillWith(ov, -1)
		for q := range meet {
			meet[q] = true
		}
	}
}

// fillCheap computes into w the components of mentee e with mentors lo
// to hi−1 that read no shared free time: skills, goals and level (w must
// have room for them).
func (s *Scorer) fillCheap(e *person, lo, hi int, w *parts) {
	n, nm := hi-lo, len(s.mentors)
	// Skills: how far the mentor is above the mentee in each want, graded
	// up to three levels, the first want weighing most. A want the mentor
	// is not above adds gain[0], zero, which leaves the sum as it was.
	c := w.c[0][:n]
	if len(e.wants) > 0 {
		clear(c)
		for k := range e.wants {
			wt := &e.wants[k]
			lev := s.levels[int(wt.skill)*nm+lo : int(wt.skill)*nm+hi]
			if !s.smallLevels {
				for q, l := range lev {
					c[q] += wt.gain[wantGap(l, wt.own)]
				}
				continue
			}
			// The gain by the mentor's level, for this mentee: one load a
			// pair instead of a difference and two bounds.
			var byLevel [16]float64
			for l := range byLevel {
				byLevel[l] = wt.gain[wantGap(int8(l), wt.own)]
			}
			for q, l := range lev {
				c[q] += byLevel[l&15]
			}
		}
		for q := range c {
			c[q] /= e.wantSum
		}
	} else {
		fillWith(c, neutral)
	}
	// Goals: the share of the mentee's goals, weighted by rank, the mentor
	// offers.
	c = w.c[2][:n]
	if len(e.goals) > 0 {
		clear(c)
		for _, g := range e.goals {
			by := s.offeredBy[g.id]
			// g.weight × 1 or × 0, added without a branch: the bits are
			// too irregular to predict, and adding 0 leaves the sum as it
			// was.
			for q := range c {
				j := uint(lo + q)
				c[q] += g.weight * float64(by[j/64]>>(j%64)&1)
			}
		}
		for q := range c {
			c[q] /= e.goalSum
		}
	} else {
		fillWith(c, neutral)
	}
	c = w.c[3][:n]
	for q := range c {
		c[q] = neutral
		if l := s.mlevel[lo+q]; e.level > 0 && l > 0 {
			c[q] = levelFit(l - e.level)
		}
	}
}

// wantGap is how many levels, up to three, mentor level l is above the
// mentee's own level in a wanted skill; 0 when not above.
func wantGap(l, own int8) int {
	return max(0, min(int(l)-int(own), 3)) & 3 // & 3: no bounds check
}

func fillWith(xs []float64, v float64) {
	for k := range xs {
		xs[k] = v
	}
}

// components computes the five component values of mentee e and mentor
// m; prefer is the preference component (see preference).
func (s *Scorer) components(e, m *person, prefer float64) (c [5]float64, overlap float64, meet bool) {
	var buf [6]float64
	var meets [1]bool
	w := parts{overlap: buf[5:6:6], meet: meets[:]}
	for k := range w.c {
		w.c[k] = buf[k : k+1 : k+1]
	}
	s.fillParts(e, m.col, m.col+1, prefer, &w)
	for k := range c {
		c[k] = w.c[k][0]
	}
	return c, w.overlap[0], w.meet[0]
}

// Row sets dst[j] to Cell(i, j) for every mentor j; dst must hold one value
// per mentor. The values are those of Cell, bit for bit, at a fraction of
// the cost: the components are computed a component at a time across the
// row, and the rules and the preference that read lists of people are
// applied only to the few mentors they concern. O(mentors). Safe for
// concurrent use with distinct dst.
func (s *Scorer) Row(i int, dst []float64) {
	w := partsPool.Get().(*parts)
	for lo := 0; lo < len(s.mentors); lo += rowChunk {
		hi := min(lo+rowChunk, len(s.mentors))
		s.rowPart(i, lo, hi, dst[lo:hi], w)
	}
	partsPool.Put(w)
}

// rowChunk is how many mentors a row is scored over at a time, so that
// their fields and the parts stay in a core's cache.
const rowChunk = 512

// rowPart sets dst[q] to Cell(i, lo+q) for the mentors lo to hi−1.
func (s *Scorer) rowPart(i, lo, hi int, dst []float64, w *parts) {
	e := &s.mentees[i]
	s.fillParts(e, lo, hi, 0, w)
	var c [5]float64
	for q := range dst {
		m := &s.mentors[lo+q]
		if s.ruled(e, lo+q) {
			dst[q] = math.NaN()
			continue
		}
		for k := range c {
			c[k] = w.c[k][q]
		}
		dst[q] = s.finish(e, m, &c, w.overlap[q])
	}
	for _, j := range e.special {
		if int(j) >= lo && int(j) < hi {
			dst[int(j)-lo] = s.value(e, &s.mentors[j], true)
		}
	}
	blankPinned(e, dst)
}

// ruled reports whether a rule that reads no list of people and no
// shared time forbids mentee e with mentor j, rule(e, m, −1, false) != "",
// from the mentors' columns rather than the mentor's whole record.
func (s *Scorer) ruled(e *person, j int) bool {
	if len(s.hardCrits) > 0 {
		return s.rule(e, &s.mentors[j], -1, false) != ""
	}
	r := &s.cfg.Rules
	switch {
	case s.mblocked[j]:
		return true
	case r.SharedLanguage && len(e.langs) > 0 && s.langBits && s.mlang[j] != 0 && s.mlang[j]&e.langMask == 0:
		return true
	case r.SharedLanguage && len(e.langs) > 0 && !s.langBits && len(s.mentors[j].langs) > 0 && !shareAny(e.langs, s.mentors[j].langs):
		return true
	case !r.AllowSameDepartment && e.dept >= 0 && s.mdept[j] == e.dept:
		return true
	}
	l := s.mlevel[j]
	return l > 0 && e.level > 0 && (r.MaxLevelGap > 0 && abs(l-e.level) > r.MaxLevelGap || r.MentorAboveMentee && l < e.level)
}

// findSpecial lists for every mentee the mentors that value without lists
// may get wrong: the mentee as a mentor, the mentors the mentee avoids,
// prefers or reports to, and those who avoid or report to the mentee.
func (s *Scorer) findSpecial() {
	people := len(s.p.People)
	asMentor := make([]int32, people)
	asMentee := make([]int32, people)
	for k := range asMentor {
		asMentor[k], asMentee[k] = -1, -1
	}
	for j := range s.mentors {
		asMentor[s.mentors[j].idx] = int32(j)
	}
	for i := range s.mentees {
		asMentee[s.mentees[i].idx] = int32(i)
	}
	add := func(i, j int32) {
		if i >= 0 && j >= 0 {
			s.mentees[i].special = append(s.mentees[i].special, j)
		}
	}
	for i := range s.mentees {
		e := &s.mentees[i]
		add(int32(i), asMentor[e.idx])
		for _, list := range [][]int{e.avoid, e.chain, e.prefers} {
			for _, q := range list {
				add(int32(i), asMentor[q])
			}
		}
	}
	for j := range s.mentors {
		m := &s.mentors[j]
		for _, list := range [][]int{m.avoid, m.chain, m.prefers} {
			for _, q := range list {
				add(asMentee[q], int32(j))
			}
		}
	}
	for i := range s.mentees {
		e := &s.mentees[i]
		slices.Sort(e.special)
		e.special = slices.Compact(e.special)
	}
}
