package scoring

import (
	"math"
	"slices"
)

// A solver of a very large program need not know most cells exactly: a
// cell far below what a mentee is already sure of, or below what a mentor
// is worth under the solver's prices, settles nothing whatever its exact
// value. RowBound gives, for a whole row, a bound that is at least every
// cell at a fraction of Row's cost, and the solver scores exactly only the
// cells whose bound does not settle them.
//
// The bound is the cell with the availability component at its greatest:
// what the mentee shares with the union of the free time of all mentors
// of the mentor's zone, capped at 1 as the cell is (neutral when either
// lists no availability, as the cell has it),
// and without the rounding to hundredths, a little over instead. Shared
// free time is most of a cell's cost (a popcount over the week for every
// zone offset the two people's weeks have), a bound for a whole zone
// costs what one pair does; skills, goals and level are a few table
// reads a pair. Each step of the score is monotone in each
// component (products by weights that are at least 0, sums, the division
// by the sum of weights and the rounding are all monotone in floating
// point), so the bound computed in the cell's own order of operations is
// at least the cell's sum, and the slack covers the rounding. Rules that
// need no shared time and no list of people are applied exactly; the
// cells that read lists (the same person, avoid, management chain,
// prefers, vetoes, history) are scored exactly; a pinned mentee's row is
// all forbidden, as in Row.

// boundSlack covers Round2 over a raw score of at most a few hundred: the
// rounding moves it by at most half a hundredth, and the multiplication
// and division inside by a few ulps.
const boundSlack = 0.0051

// RowBound sets dst[j] to a bound on Cell(i, j) for every mentor j: a
// number at least the cell, or NaN where the cell is NaN for sure. It
// never reads shared free time. BoundsForbidExactly reports when NaN is
// exactly where the cell is NaN. Safe for concurrent use with distinct dst.
func (s *Scorer) RowBound(i int, dst []float64) {
	e := &s.mentees[i]
	if e.pin >= 0 {
		blankPinned(e, dst)
		return
	}
	if len(s.hardCrits) > 0 || len(s.softCrits) > 0 {
		s.rowBoundSlow(e, dst)
	} else {
		w := partsPool.Get().(*parts)
		for lo := 0; lo < len(s.mentors); lo += rowChunk {
			hi := min(lo+rowChunk, len(s.mentors))
			s.boundPart(e, lo, hi, dst[lo:hi], w)
		}
		partsPool.Put(w)
	}
	for _, j := range e.special {
		dst[j] = s.value(e, &s.mentors[j], true)
	}
}

// BoundsForbidExactly reports whether RowBound's NaNs are exactly the
// cells' NaNs: no rule reads shared free time (rules.min_overlap_hours)
// and no score falls under rules.min_score.
func (s *Scorer) BoundsForbidExactly() bool {
	r := &s.cfg.Rules
	return r.MinOverlapHours <= 0 && r.MinScore <= 0
}

// boundPart is RowBound over the mentors lo to hi−1 of a program without
// criteria.
func (s *Scorer) boundPart(e *person, lo, hi int, dst []float64, w *parts) {
	n := hi - lo
	w.grow(n)
	s.fillCheap(e, lo, hi, w)
	known := s.avail.Known(e.idx)
	best := s.availBound(e, w)
	r := &s.cfg.Rules
	c0, c2, c3 := w.c[0][:n], w.c[2][:n], w.c[3][:n]
	w0, w1, w2, w3, w4 := s.w[0], s.w[1], s.w[2], s.w[3], s.w[4]
	scale := 100 / s.wsum
	// The cheap rules, on the mentors' columns.
	lang := r.SharedLanguage && len(e.langs) > 0
	dept := !r.AllowSameDepartment && e.dept >= 0
	gap := r.MaxLevelGap > 0 && e.level > 0
	below := r.MentorAboveMentee && e.level > 0
	blocked, mlang, mdept, mlevel := s.mblocked[lo:hi], s.mlang[lo:hi], s.mdept[lo:hi], s.mlevel[lo:hi]
	mknown, mgroup := s.mknown[lo:hi], s.mgroup[lo:hi]
	for q := range dst {
		out := blocked[q]
		if lang && !out {
			if s.langBits {
				out = mlang[q] != 0 && mlang[q]&e.langMask == 0
			} else {
				m := &s.mentors[lo+q]
				out = len(m.langs) > 0 && !shareAny(e.langs, m.langs)
			}
		}
		out = out || dept && mdept[q] == e.dept
		if l := mlevel[q]; l > 0 {
			out = out || gap && abs(l-e.level) > r.MaxLevelGap || below && l < e.level
		}
		if out {
			dst[q] = math.NaN()
			continue
		}
		a := neutral
		if known && mknown[q] {
			a = best[mgroup[q]]
		}
		// total's order: skills, availability, goals, level, prefers (0
		// off the special cells).
		t := 0.0
		t += float64(w0 * c0[q])
		t += float64(w1 * a)
		t += float64(w2 * c2[q])
		t += float64(w3 * c3[q])
		t += float64(w4 * 0)
		b := t*scale + boundSlack
		if b < r.MinScore {
			b = math.NaN()
		}
		dst[q] = b
	}
}

// availBound is the availability component's greatest value for mentee e
// with each group of mentors (a zone), from what e shares with the
// group's union, capped as the component is; kept in w.
func (s *Scorer) availBound(e *person, w *parts) []float64 {
	if len(w.group) < s.unions.Groups() {
		w.group = make([]float64, s.unions.Groups())
	}
	best := w.group[:s.unions.Groups()]
	s.unions.UnionHours(e.idx, best)
	for g, h := range best {
		best[g] = 1
		if h := h / 2; h < 1 {
			best[g] = h
		}
	}
	return best
}

// rowBoundSlow is RowBound with criteria: every cell through the same
// steps as a cell, the availability component at its greatest.
func (s *Scorer) rowBoundSlow(e *person, dst []float64) {
	known := s.avail.Known(e.idx)
	w := partsPool.Get().(*parts)
	defer partsPool.Put(w)
	best := s.availBound(e, w)
	for j := range dst {
		m := &s.mentors[j]
		if s.rule(e, m, -1, false) != "" {
			dst[j] = math.NaN()
			continue
		}
		w.grow(1)
		s.fillCheap(e, j, j+1, w)
		var c [5]float64
		for k := range c {
			c[k] = w.c[k][0]
		}
		c[1] = neutral
		if known && s.mknown[j] {
			c[1] = best[s.mgroup[j]]
		}
		crit := 0.0
		if len(s.softCrits) > 0 {
			crit = s.critPoints(e, m)
		}
		t := 0.0
		for k := range c {
			t += float64(s.w[k] * c[k])
		}
		b := 100*(t+crit)/s.wsum + boundSlack
		if b < s.cfg.Rules.MinScore {
			b = math.NaN()
		}
		dst[j] = b
	}
}

// Cells sets dst[q] to Cell(i, js[q]) for every q, to the bit: the cells
// a solver reading bounds needs exactly, a few hundred of a row, at a
// row's cost a cell rather than a single cell's. Safe for concurrent use
// with distinct dst.
func (s *Scorer) Cells(i int, js []int32, dst []float64) {
	e := &s.mentees[i]
	if e.pin >= 0 {
		for q := range js {
			dst[q] = math.NaN()
		}
		return
	}
	w := partsPool.Get().(*parts)
	var c [5]float64
	for lo := 0; lo < len(js); lo += rowChunk {
		part, out := js[lo:min(lo+rowChunk, len(js))], dst[lo:min(lo+rowChunk, len(js))]
		s.fillPartsAt(e, part, w)
		for q, j := range part {
			m := &s.mentors[j]
			if _, sp := slices.BinarySearch(e.special, j); sp {
				out[q] = s.value(e, m, true)
				continue
			}
			if s.rule(e, m, -1, false) != "" {
				out[q] = math.NaN()
				continue
			}
			for k := range c {
				c[k] = w.c[k][q]
			}
			out[q] = s.finish(e, m, &c, w.overlap[q])
		}
	}
	partsPool.Put(w)
}

// fillPartsAt is fillParts for the mentors js (at most rowChunk), the
// preference component 0: the same operations on each cell, in the same
// order, so the same values to the bit.
func (s *Scorer) fillPartsAt(e *person, js []int32, w *parts) {
	n, nm := len(js), len(s.mentors)
	w.grow(n)
	c := w.c[0][:n]
	if len(e.wants) > 0 {
		clear(c)
		for k := range e.wants {
			wt := &e.wants[k]
			lev := s.levels[int(wt.skill)*nm : int(wt.skill+1)*nm]
			for q, j := range js {
				c[q] += wt.gain[wantGap(lev[j], wt.own)]
			}
		}
		for q := range c {
			c[q] /= e.wantSum
		}
	} else {
		fillWith(c, neutral)
	}
	c = w.c[2][:n]
	if len(e.goals) > 0 {
		clear(c)
		for _, g := range e.goals {
			by := s.offeredBy[g.id]
			for q, j := range js {
				c[q] += g.weight * float64(by[uint(j)/64]>>(uint(j)%64)&1)
			}
		}
		for q := range c {
			c[q] /= e.goalSum
		}
	} else {
		fillWith(c, neutral)
	}
	c = w.c[3][:n]
	for q, j := range js {
		c[q] = neutral
		if l := s.mlevel[j]; e.level > 0 && l > 0 {
			c[q] = levelFit(l - e.level)
		}
	}
	fillWith(w.c[4][:n], 0)
	w.people = w.people[:0]
	for _, j := range js {
		w.people = append(w.people, s.mperson[j])
	}
	s.fillAvail(e, w.people, w)
}
