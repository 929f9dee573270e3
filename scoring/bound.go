package scoring

import (
	"math"
)

// A solver of a very large program need not know most cells exactly: a
// cell far below what a mentee is already sure of, or below what a mentor
// is worth under the solver's prices, settles nothing whatever its exact
// value. RowBound gives, for a whole row, a bound that is at least every
// cell at a fraction of Row's cost, and the solver scores exactly only the
// cells whose bound does not settle them.
//
// The bound is the cell with the availability component at its greatest
// (1, or neutral when either lists no availability, as the cell has it),
// and without the rounding to hundredths, a little over instead. Shared
// free time is most of a cell's cost (a popcount over the week for every
// zone offset the two people's weeks have); skills, goals and level are a
// few table reads a pair. Each step of the score is monotone in each
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
	avail := neutral
	known := s.avail.Known(e.idx)
	if known {
		avail = 1
	}
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
	mknown := s.mknown[lo:hi]
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
		a := avail
		if known && !mknown[q] {
			a = neutral
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

// rowBoundSlow is RowBound with criteria: every cell through the same
// steps as a cell, the availability component at its greatest.
func (s *Scorer) rowBoundSlow(e *person, dst []float64) {
	known := s.avail.Known(e.idx)
	w := partsPool.Get().(*parts)
	defer partsPool.Put(w)
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
			c[1] = 1
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
