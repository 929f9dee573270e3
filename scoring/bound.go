package scoring

import (
	"math"
	"slices"
	"sync"
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
func (s *Scorer) RowBound(i int, dst []float64) { s.rowBound(i, dst, nil) }

// rowBound is RowBound that also encodes every bound into out, a row of a
// Cached matrix, when out is not nil (boundCell); false when a bound does
// not fit there.
func (s *Scorer) rowBound(i int, dst []float64, out []uint16) bool {
	e := &s.mentees[i]
	encoded := false
	switch {
	case e.pin >= 0:
		blankPinned(e, dst)
	case len(s.hardCrits) > 0 || len(s.softCrits) > 0:
		s.rowBoundSlow(e, dst)
	case s.tabled(e):
		t := tablesPool.Get().(*boundTables)
		s.prepareTables(e, t, true)
		encoded = true
		for lo := 0; lo < len(s.mentors) && encoded; lo += rowChunk {
			hi := min(lo+rowChunk, len(s.mentors))
			var part []uint16
			if out != nil {
				part = out[lo:hi]
			}
			encoded = s.boundTabled(e, lo, hi, dst[lo:hi], part, t)
		}
		tablesPool.Put(t)
		if !encoded {
			return false
		}
	default:
		w := partsPool.Get().(*parts)
		for lo := 0; lo < len(s.mentors); lo += rowChunk {
			hi := min(lo+rowChunk, len(s.mentors))
			s.boundPart(e, lo, hi, dst[lo:hi], w)
		}
		partsPool.Put(w)
	}
	if e.pin < 0 {
		for _, j := range e.special {
			dst[j] = s.value(e, &s.mentors[j], true)
		}
	}
	if out == nil {
		return true
	}
	if encoded {
		for _, j := range e.special {
			k, ok := boundCell(dst[j])
			if !ok {
				return false
			}
			out[j] = k
		}
		return true
	}
	for j, b := range dst {
		k, ok := boundCell(b)
		if !ok {
			return false
		}
		out[j] = k
	}
	return true
}

// boundCell is bound b as a cell of a Cached matrix: noScore for NaN, else
// its hundredths rounded up with boundBit set; false when it is negative
// or too large for the cell.
func boundCell(b float64) (uint16, bool) {
	if b != b {
		return noScore, true
	}
	// Half a hundredth over, so that the hundredths decoded are at least
	// the bound whatever the rounding of b·100.
	k := int(b*100+0.5) + 1
	if !(b >= 0) || k >= maxCached {
		return 0, false
	}
	return uint16(k) | boundBit, true
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
	mgroup := s.mgroup[lo:hi]
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
		a := best[mgroup[q]]
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

// A mentee's bound of a mentor, in a program without criteria, depends
// on little of the mentor: how far above the mentee they are in each
// wanted skill (0 to 3, so 4^wants cases), which of the mentee's goals
// they offer (2^goals cases), their level and their zone. boundTables
// holds each component's term of the sum, w[k]·c[k], by those cases,
// worked out once a row by the same operations in the same order as
// boundPart's, so that a bound is a few table reads and the same float64
// to the bit.
type boundTables struct {
	skill [256]float64  // by code&255: two bits a want, the mentor's gap in it
	goal  [256]float64  // by code>>8: a bit a goal, whether the mentor offers it
	level [64]float64   // by the mentor's level; NaN where a rule forbids it
	avail []float64     // by the mentor's group (availBound)
	digit [4][16]uint16 // want k's gap by the mentor's level in it, at bits 2k
	// offers[h][b] is the goals' bits of the code (from bit 8) for byte
	// h of a mentor's moffers being b.
	offers [2][256]uint16
	code   [rowChunk]uint16
}

var tablesPool = sync.Pool{New: func() any { return new(boundTables) }}

// tabled reports whether mentee e's bounds fit boundTables: at most four
// wants and eight goals, skill levels under 16, mentor levels under 64,
// languages as bits.
func (s *Scorer) tabled(e *person) bool {
	return len(e.wants) <= 4 && len(e.goals) <= 8 && s.smallLevels && s.mlevel8 != nil && s.langBits
}

// prepareTables fills t for mentee e (tabled); the availability's terms
// only with bounds.
func (s *Scorer) prepareTables(e *person, t *boundTables, bounds bool) {
	w0, w1, w2, w3 := s.w[0], s.w[1], s.w[2], s.w[3]
	// Skills, as fillCheap sums them: want by want from zero, then divided.
	if len(e.wants) == 0 {
		t.skill[0] = float64(w0 * neutral)
	} else {
		for code := range 1 << (2 * len(e.wants)) {
			c := 0.0
			for k := range e.wants {
				c += e.wants[k].gain[code>>(2*k)&3]
			}
			c /= e.wantSum
			t.skill[code] = float64(w0 * c)
		}
	}
	for k := range e.wants {
		for l := range t.digit[k] {
			t.digit[k][l] = uint16(wantGap(int8(l), e.wants[k].own)) << (2 * k)
		}
	}
	// Goals, as fillCheap sums them.
	if len(e.goals) == 0 {
		t.goal[0] = float64(w2 * neutral)
	} else {
		for code := range 1 << len(e.goals) {
			c := 0.0
			for g, gl := range e.goals {
				c += gl.weight * float64(code>>g&1)
			}
			c /= e.goalSum
			t.goal[code] = float64(w2 * c)
		}
	}
	// The goals' bits by the goals a mentor offers, a byte at a time.
	if s.moffers != nil {
		for h := range t.offers {
			for b := range t.offers[h] {
				c := uint16(0)
				for g, gl := range e.goals {
					if int(gl.id)>>3 == h && b>>(gl.id&7)&1 != 0 {
						c |= 1 << (8 + g)
					}
				}
				t.offers[h][b] = c
			}
		}
	}
	// Level, and the rules on it.
	r := &s.cfg.Rules
	gap := r.MaxLevelGap > 0 && e.level > 0
	below := r.MentorAboveMentee && e.level > 0
	for l := range t.level {
		c := neutral
		if e.level > 0 && l > 0 {
			c = levelFit(l - e.level)
		}
		t.level[l] = float64(w3 * c)
		if l > 0 && (gap && abs(l-e.level) > r.MaxLevelGap || below && l < e.level) {
			t.level[l] = math.NaN()
		}
	}
	if !bounds {
		return
	}
	w := parts{group: t.avail[:cap(t.avail)]}
	best := s.availBound(e, &w)
	t.avail = w.group
	for g, a := range best {
		t.avail[g] = float64(w1 * a)
	}
	t.avail = t.avail[:len(best)]
}

// boundTabled is boundPart from tables t (tabled, prepareTables), also
// encoding each bound into out when not nil; false when one does not fit.
func (s *Scorer) boundTabled(e *person, lo, hi int, dst []float64, out []uint16, t *boundTables) bool {
	n, nm := hi-lo, len(s.mentors)
	code := t.code[:n]
	clear(code)
	for k := range e.wants {
		wt := &e.wants[k]
		dig := &t.digit[k]
		lev := s.levels[int(wt.skill)*nm+lo : int(wt.skill)*nm+hi]
		for q, l := range lev {
			code[q] |= dig[l&15]
		}
	}
	if s.moffers != nil && len(e.goals) > 0 {
		low, high := &t.offers[0], &t.offers[1]
		for q, o := range s.moffers[lo:hi] {
			code[q] |= low[o&255] | high[o>>8]
		}
	} else {
		for g, gl := range e.goals {
			by := s.offeredBy[gl.id]
			for q := range code {
				j := uint(lo + q)
				code[q] |= uint16(by[j/64]>>(j%64)&1) << (8 + g)
			}
		}
	}
	r := &s.cfg.Rules
	scale := 100 / s.wsum
	lang := r.SharedLanguage && len(e.langs) > 0
	dept := !r.AllowSameDepartment && e.dept >= 0
	blocked, mlang, mdept := s.mblocked[lo:hi], s.mlang[lo:hi], s.mdept[lo:hi]
	mlevel, mgroup := s.mlevel8[lo:hi], s.mgroup[lo:hi]
	skill, goal, level, avail := &t.skill, &t.goal, &t.level, t.avail
	dst = dst[:n]
	for q := range dst {
		if blocked[q] || lang && mlang[q] != 0 && mlang[q]&e.langMask == 0 || dept && mdept[q] == e.dept {
			dst[q] = math.NaN()
			if out != nil {
				out[q] = noScore
			}
			continue
		}
		// boundPart's sum: skills, availability, goals, level (the
		// preference, 0, leaves it as it is).
		c := code[q]
		x := skill[c&255]
		x += avail[mgroup[q]]
		x += goal[c>>8]
		x += level[mlevel[q]&63]
		b := x*scale + boundSlack
		if b < r.MinScore {
			b = math.NaN()
		}
		dst[q] = b
		if out != nil {
			k, ok := boundCell(b)
			if !ok {
				return false
			}
			out[q] = k
		}
	}
	return true
}

// availBound is the availability component's greatest value for mentee e
// with each group of mentors (a zone), from what e shares with the
// group's union, capped as the component is, and neutral past the last
// group (mentors who list no availability) or when e lists none; kept in
// w.
func (s *Scorer) availBound(e *person, w *parts) []float64 {
	n := s.unions.Groups() + 1
	if len(w.group) < n {
		w.group = make([]float64, n)
	}
	best := w.group[:n]
	if !s.avail.Known(e.idx) {
		fillWith(best, neutral)
		return best
	}
	s.unions.UnionHours(e.idx, best[:n-1])
	for g, h := range best[:n-1] {
		best[g] = 1
		if h := h / 2; h < 1 {
			best[g] = h
		}
	}
	best[n-1] = neutral
	return best
}

// rowBoundSlow is RowBound with criteria: every cell through the same
// steps as a cell, the availability component at its greatest.
func (s *Scorer) rowBoundSlow(e *person, dst []float64) {
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
		c[1] = best[s.mgroup[j]]
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
// row's cost a cell rather than a single cell's where the mentee's tables
// fit (most rows of a program without criteria). Safe for concurrent use
// with distinct dst.
func (s *Scorer) Cells(i int, js []int32, dst []float64) {
	e := &s.mentees[i]
	if e.pin >= 0 {
		for q := range js {
			dst[q] = math.NaN()
		}
		return
	}
	if len(s.hardCrits) == 0 && len(s.softCrits) == 0 && s.tabled(e) {
		s.cellsTabled(e, js, dst)
		return
	}
	// Criteria, or a mentee the tables do not fit: each cell through
	// Row's own steps over a run of one mentor, so the same value to the
	// bit; the solver asks for a few hundred cells of such a row.
	w := partsPool.Get().(*parts)
	var c [5]float64
	for q, j := range js {
		m := &s.mentors[j]
		if _, sp := slices.BinarySearch(e.special, j); sp {
			dst[q] = s.value(e, m, true)
			continue
		}
		if s.ruled(e, int(j)) {
			dst[q] = math.NaN()
			continue
		}
		s.fillParts(e, int(j), int(j)+1, 0, w)
		for k := range c {
			c[k] = w.c[k][0]
		}
		dst[q] = s.finish(e, m, &c, w.overlap[0])
	}
	partsPool.Put(w)
}

// cellsTabled is Cells for a mentee whose bounds are tabled, in a
// program without criteria: a cell is its bound's terms with the pair's
// own availability, summed as total sums the components (the preference,
// 0 off the special cells, leaves the sum as it is), so the same value to
// the bit.
func (s *Scorer) cellsTabled(e *person, js []int32, dst []float64) {
	t := tablesPool.Get().(*boundTables)
	defer tablesPool.Put(t)
	s.prepareTables(e, t, false)
	known := s.avail.Known(e.idx)
	w1 := s.w[1]
	for lo := 0; lo < len(js); lo += rowChunk {
		part, out := js[lo:min(lo+rowChunk, len(js))], dst[lo:min(lo+rowChunk, len(js))]
		code := s.codesAt(e, part, t)
		for q, j := range part {
			if _, sp := slices.BinarySearch(e.special, j); sp {
				out[q] = s.value(e, &s.mentors[j], true)
				continue
			}
			if s.ruled(e, int(j)) {
				out[q] = math.NaN()
				continue
			}
			// fillAvail's component.
			ov, a := -1.0, neutral
			if known {
				ov, _ = s.avail.Pair(e.idx, s.mperson[j])
				if ov >= 0 {
					a = 1
					if h := ov / 2; h < 1 {
						a = h
					}
				}
			}
			if s.tooLittleTime(ov) {
				out[q] = math.NaN()
				continue
			}
			c := code[q]
			x := t.skill[c&255]
			x += float64(w1 * a)
			x += t.goal[c>>8]
			x += t.level[s.mlevel8[j]&63]
			x = Round2(100 * x / s.wsum)
			if x < s.cfg.Rules.MinScore {
				x = math.NaN()
			}
			out[q] = x
		}
	}
}

// codesAt sets t.code[q] to the code of mentor js[q] (at most rowChunk)
// in mentee e's tables, as boundTabled makes them, and returns them.
func (s *Scorer) codesAt(e *person, js []int32, t *boundTables) []uint16 {
	nm := len(s.mentors)
	code := t.code[:len(js)]
	clear(code)
	for k := range e.wants {
		dig := &t.digit[k]
		sk := int(e.wants[k].skill)
		lev := s.levels[sk*nm : (sk+1)*nm]
		for q, j := range js {
			code[q] |= dig[lev[j]&15]
		}
	}
	if s.moffers != nil && len(e.goals) > 0 {
		low, high := &t.offers[0], &t.offers[1]
		for q, j := range js {
			o := s.moffers[j]
			code[q] |= low[o&255] | high[o>>8]
		}
		return code
	}
	for g, gl := range e.goals {
		by := s.offeredBy[gl.id]
		for q, j := range js {
			code[q] |= uint16(by[uint(j)/64]>>(uint(j)%64)&1) << (8 + g)
		}
	}
	return code
}
