package matching

// Tall problems without a transposed copy, when they need no search.
//
// A problem with fewer places than rows is solved from the columns (see
// instance.solveCols), whose rows of costs are the matrix's columns. Read
// in place they are strided, one cache line a cell, so the solver reads
// a transposed copy; but on tall matrices without structure (uniform
// costs, a few times more rows than places) augmenting row reduction
// assigns every column and no search follows, and the copy, written
// whole to serve one or two bids a column, was most of the solve (and
// more in a fresh process, whose copy is new memory mapped page by
// page). So the columns' first bids are read from lists instead: one pass
// over the matrix in its own order keeps each column's cheapest cells,
// and the copy is made only when something must read a column whole
// (a bid the list cannot answer, a search, the certificate's lift).
type colLists struct {
	n     []int32   // cells listed for each column; −1 once its list could not answer
	at    []int32   // column j's rows: at[j·tallK : j·tallK+n[j]], in increasing order
	sc    []float64 // and their costs, sign applied
	bound []float64 // no cost of the column's other allowed cells is below it
}

// tallK is how many cells a column's list keeps. A bid needs the two
// cheapest reduced costs; potentials fall a little during augmenting row
// reduction, and a list of eight has kept them on uniform costs.
const tallK = 8

// newColLists lists, for each column of the row-major rows×cols matrix
// data, its tallK cheapest cells by sign·value, in one pass over data: a
// cell cheaper than the dearest of its column's full list takes that
// one's place (ties to the lower row), and the dearest listed is the
// bound. NaN and +Inf after sign never join; −Inf always does (the bid
// from the list reports it). The lists are then put in row order.
//
// A list whose second cheapest cell ties with its dearest cannot answer
// a bid (see bid): on matrices of few distinct values (integers 0–9)
// every column's list fills with its least value. So after an eighth of
// the rows, if more than an eighth of the columns are in that state,
// newColLists gives up and returns nil: the copy is made at once, and
// the pass has cost an eighth of one over the matrix.
func newColLists(data []float64, rows, cols int, s float64) *colLists {
	cl := &colLists{n: make([]int32, cols), at: make([]int32, cols*tallK),
		sc: make([]float64, cols*tallK), bound: make([]float64, cols)}
	thr := cl.bound // a cell not listed is at least its column's bound
	for j := range thr {
		thr[j] = inf
	}
	n := cl.n
	check := max(rows/8, 4*tallK)
	for i := range rows {
		if i == check && cl.tied() > cols/8 {
			return nil
		}
		row := data[i*cols : (i+1)*cols]
		thr, n := thr[:len(row)], n[:len(row)]
		for j, c := range row {
			x := s * c
			if !(x < thr[j]) {
				continue
			}
			// Insert x in column j's list, kept by cost, dropping the
			// dearest when it is full (written out here: a call per
			// insertion cost a third of a 1000 × 250 solve).
			b := j * tallK
			at, sc := cl.at[b:b+tallK:b+tallK], cl.sc[b:b+tallK:b+tallK]
			q := int(n[j])
			if q < tallK {
				n[j]++
			} else {
				q = tallK - 1
			}
			for ; q > 0 && sc[q-1] > x; q-- {
				at[q], sc[q] = at[q-1], sc[q-1]
			}
			at[q], sc[q] = int32(i), x
			if n[j] == tallK {
				thr[j] = sc[tallK-1]
			}
		}
	}
	for j, n := range cl.n {
		at, sc := cl.at[j*tallK:j*tallK+int(n)], cl.sc[j*tallK:j*tallK+int(n)]
		for q := 1; q < len(at); q++ {
			for e := q; e > 0 && at[e-1] > at[e]; e-- {
				at[e-1], at[e] = at[e], at[e-1]
				sc[e-1], sc[e] = sc[e], sc[e-1]
			}
		}
	}
	return cl
}

// tied counts the columns whose full list has its second cheapest cell
// at its bound.
func (cl *colLists) tied() int {
	k := 0
	for j, n := range cl.n {
		if n == tallK && cl.sc[j*tallK+1] == cl.bound[j] {
			k++
		}
	}
	return k
}

// bid returns column b's bid from its list, and false when the list
// cannot tell it: when the second cheapest reduced cost on the list is
// not below the bound of the others. Potentials only fall, so a cell off
// the list has c − v ≥ c ≥ bound; every cell off the list is then past
// the two cheapest and would change nothing in best2's scan of the whole
// row, and the list is in the row's order, so ties go the same way. Once
// a list has failed it always would (its reduced costs only grow), and it
// is not read again.
func (cl *colLists) bid(b int, v []float64, room []int32) (bid, bool) {
	n := cl.n[b]
	if n < 0 {
		return bid{}, false
	}
	at, sc := cl.at[b*tallK:b*tallK+int(n)], cl.sc[b*tallK:b*tallK+int(n)]
	x := bestOf(at, sc, v, room)
	if x.u2 < cl.bound[b] || cl.bound[b] == inf {
		return x, true
	}
	cl.n[b] = -1
	return bid{}, false
}
