package matching

// Bounded reading of rows (SparseOptions.Bound). A bound b of a cell is
// at least as good as the cell, so in the minimising sense s·b ≤ s·x and
// the bound's reduced cost s·b − u − v is at most the cell's. Two passes
// read whole rows:
//
//   - The lazy auction, which only chooses the first candidates, runs on
//     the bounds as if they were the cells; the candidates it keeps are
//     then evaluated. Where a bound is the cell (most of the pairs that
//     matter, on a mentoring program), the candidates are those of the
//     cells; where it is not, the checks bring in what is missing.
//   - The check against the duals: a pair whose bound's reduced cost is not
//     negative (beyond the tolerance) cannot be negative either, so it is
//     settled without its cell; so is one the cut does not ask for. Only
//     the others are evaluated, with exactly the test the unbounded check
//     makes, so the certificate is the same: every pair is checked, most
//     of them by their bound.

// boundRow sets worker w's buffer to row i's bounds.
func (sr *sparseRun) boundRow(w, i int) []float64 {
	buf := sr.boundBufs[w]
	if buf == nil {
		buf = make([]float64, sr.in.cols)
		sr.boundBufs[w] = buf
	}
	sr.boundFunc(i, buf)
	return buf
}

// checkBounded is check's test of row i, reading bounds first: it offers
// top the pairs outside the program (not marked with stamp) whose cell
// violates the duals u, v by more than tol, or that the cut asks for, by
// the others whose reduced cost is below near, and returns how many pairs
// it checked. open is v with −∞ on closed columns and opens their number:
// a closed column's key is then +∞, a NaN bound's NaN, and one comparison
// settles a cell that the cut does not ask for.
func (sr *sparseRun) checkBounded(w, i int, mark []int32, stamp int32, u float64, v, open []float64, opens int, tol, near float64, inA, inB []bool, top, by *topList) int {
	s := sr.in.sign
	caps := sr.in.caps
	js := sr.colBufs[w][:0]
	n := opens
	if inA != nil && inA[i] {
		n = 0
		for j, b := range sr.boundRow(w, i) {
			if mark[j] == stamp || caps[j] == 0 {
				continue
			}
			n++
			if b != b {
				continue
			}
			if b-b == 0 && s*b-u-v[j] >= max(-tol, near) && inB[j] {
				continue
			}
			js = append(js, int32(j))
		}
	} else {
		for _, a := range sr.arcs[i] {
			if caps[a.j] > 0 {
				n--
			}
		}
		// The bound's reduced cost below −tol/2 rather than −tol: summed in
		// another order it may round otherwise, and the cells evaluated
		// then meet exactly the test below.
		lim := u + max(-tol/2, near)
		for j, b := range sr.boundRow(w, i)[:len(open)] {
			// s·b − v < lim: the bound may violate (or tie), or is −∞ (to
			// be evaluated); +∞, NaN and closed columns fail.
			if s*b-open[j] < lim && mark[j] != stamp {
				js = append(js, int32(j))
			}
		}
	}
	cutRow := inA != nil && inA[i]
	for q, x := range sr.values(w, i, js) {
		j := int(js[q])
		if sr.skip(i, j, x) {
			continue
		}
		if rc := s*x - u - v[j]; rc < -tol || cutRow && !inB[j] {
			top.offer(rc, int32(j), x)
		} else if near > 0 && rc < near {
			by.offer(rc, int32(j), x)
		}
	}
	sr.exactCheck.Add(int64(len(js)))
	return n
}

// values evaluates the cells of row i at columns js (kept in worker w's
// buffer) through Cells, or cell by cell; an infinitely good one is
// recorded as an input error.
func (sr *sparseRun) values(w, i int, js []int32) []float64 {
	sr.colBufs[w] = js
	if len(sr.valBufs[w]) < len(js) {
		sr.valBufs[w] = make([]float64, sr.in.cols)
	}
	xs := sr.valBufs[w][:len(js)]
	if sr.cellsFunc != nil {
		sr.cellsFunc(i, js, xs)
	} else {
		for q, j := range js {
			xs[q] = sr.cell(i, int(j))
		}
	}
	for q, x := range xs {
		if x == sr.worst {
			sr.badCell(i, int(js[q]))
		}
	}
	return xs
}
