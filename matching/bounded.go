package matching

// Bounded reading of rows (SparseOptions.Bound). A bound b of a cell is
// at least as good as the cell, so in the minimising sense s·b ≤ s·x and
// the bound's reduced cost s·b − u − v is at most the cell's. Two passes
// read whole rows, and both need only an inequality about most cells:
//
//   - A row's list (the lazy auction) holds its cells of least reduced
//     cost and a bound on the reduced cost of all the others. Cells are
//     taken in order of their bound's reduced cost, a batch at a time, and
//     evaluated exactly, until the list's cells all cost less than the
//     least bound left unevaluated; that least bound is then a bound on
//     every cell outside the list, which is all the auction asks of it.
//   - The check against the duals: a pair whose bound's reduced cost is not
//     negative (beyond the tolerance) cannot be negative either, so it is
//     settled without its cell; so is one the cut does not ask for. Only
//     the others are evaluated, with exactly the test the unbounded check
//     makes.
//
// Either way the cells the solver keeps, their values and what it decides
// are those of the unbounded passes, up to which of equally cheap cells a
// list keeps; the certificate is the same: every pair is checked, most of
// them by their bound.

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

// listBounded is list read through bounds: the same list up to ties, and
// a bound on the others that is the least of their bounds' or their
// cells' reduced costs. Its least and greatest costs are of the bounds
// and the evaluated cells; they only size the auction's steps.
func (sr *sparseRun) listBounded(w, i int, v []float64) (lazyRow, float64, float64) {
	s := sr.in.sign
	n := max(sr.k, sr.listLen)
	caps := sr.in.caps
	lo, hi := inf, -inf
	// Every usable column by its bound's reduced cost; a bound that is not
	// finite says nothing and is evaluated at once.
	cand := sr.picks[w][:0]
	got := sr.gotBufs[w][:0]
	cost := sr.row(w, -1) // scratch: the evaluated cells' costs by column
	for j, b := range sr.boundRow(w, i) {
		if caps[j] == 0 || b != b {
			continue
		}
		if b-b != 0 {
			if x, ok := sr.value(i, j); ok {
				got = append(got, keyed{s*x - v[j], int32(j)})
				cost[j] = s * x
			}
			continue
		}
		c := s * b
		lo, hi = min(lo, c), max(hi, c)
		cand = append(cand, keyed{c - v[j], int32(j)})
	}
	exact := int64(0)
	above := inf
	rest := cand
	for len(rest) > 0 {
		// The next batch: the 2n least bounds left, or all of them.
		batch := rest
		if len(rest) > 2*n {
			nth(rest, 2*n)
			batch = rest[:2*n]
		}
		rest = rest[len(batch):]
		above = inf
		for _, e := range rest {
			above = min(above, e.key)
		}
		for _, e := range batch {
			exact++
			j := int(e.j)
			x, ok := sr.value(i, j)
			if !ok {
				continue
			}
			c := s * x
			lo, hi = min(lo, c), max(hi, c)
			got = append(got, keyed{c - v[j], e.j})
			cost[j] = c
		}
		under := 0
		for _, e := range got {
			if e.key < above {
				under++
			}
		}
		if under >= n {
			break
		}
	}
	sr.exactList.Add(exact)
	sr.picks[w], sr.gotBufs[w] = cand, got
	r := lazyRow{}
	picked, bound := settle(got, n, above)
	r.bound = bound
	r.j, r.c = make([]int32, len(picked)), make([]float64, len(picked))
	for q, e := range picked {
		r.j[q], r.c[q] = e.j, cost[e.j]
	}
	return r, lo, hi
}

// checkBounded is check's test of row i, reading bounds first: it offers
// top the pairs outside the program (not marked with stamp) whose cell
// violates the duals u, v by more than tol, or that the cut asks for, and
// returns how many pairs it checked.
func (sr *sparseRun) checkBounded(w, i int, mark []int32, stamp int32, u float64, v []float64, tol float64, inA, inB []bool, top *topList) int {
	s := sr.in.sign
	caps := sr.in.caps
	cutRow := inA != nil && inA[i]
	n := 0
	exact := int64(0)
	for j, b := range sr.boundRow(w, i) {
		if mark[j] == stamp || caps[j] == 0 {
			continue
		}
		n++
		if b != b {
			continue
		}
		cut := cutRow && !inB[j]
		if b-b == 0 && s*b-u-v[j] >= -tol && !cut {
			continue
		}
		exact++
		x := sr.cell(i, j)
		if sr.skip(i, j, x) {
			continue
		}
		if rc := s*x - u - v[j]; rc < -tol || cut {
			top.offer(rc, int32(j), x)
		}
	}
	sr.exactCheck.Add(exact)
	return n
}
