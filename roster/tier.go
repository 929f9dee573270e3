package roster

import (
	"math"
	"math/bits"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch/internal/parallel"
	"github.com/mentormatch/mentormatch/scoring"
)

// tier makes shared time a tier of the objective, between the number
// matched (the solver's own first tier) and the total: a pair who cannot
// meet scores weight less in the cells the solver sees, and weight is more
// than any total can differ by, so among assignments of the most mentees
// the solver takes one with the fewest such pairs, then the best total.
//
// Exactness. Scores are hundredths from 0 to 100, so two assignments of k
// pairs differ by at most 100k in total: weight is the power of two at or
// above 200·(k+1) for the largest k possible (half of it is more than any
// total, so a tiered total splits back into pairs apart and total by
// rounding, see split). A tiered cell x − weight is rounded to weight's
// ulp, 2⁻²⁸ at 100,000 mentees (weight 2²⁵); summed over every pair that is
// under 10⁻³, far below the 0.01 between two totals, so the solver's
// optimum of the tiered cells is the exact lexicographic optimum. The
// largest tiered total, weight × k, is 3.4·10¹² there, well inside
// float64's 2⁵³ of integers.
type tier struct {
	apart  *scoring.Apart
	weight float64
}

// newTier is the tier of a program of rows mentees whose mentors take
// caps; nil when no allowed pair is apart (it would change nothing).
func newTier(apart *scoring.Apart, rows int, caps []int) *tier {
	if apart == nil || apart.Count() == 0 {
		return nil
	}
	places := 0
	for _, c := range caps {
		places += max(c, 0)
	}
	return &tier{apart: apart, weight: TierWeight(min(rows, places), 100)}
}

// TierWeight is what a pair who cannot meet is lowered by so that shared
// time is a tier of the objective for assignments of at most k pairs whose
// values span at most most each: the power of two at or above
// 2·most·(k+1), more than twice any difference of two totals. A power of
// two, so that lowering a cell by it is exact while the cell is below it
// (see tier).
func TierWeight(k int, most float64) float64 {
	w := 1.0
	for w < 2*most*float64(k+1) {
		w *= 2
	}
	return w
}

// lower subtracts the weight from the cells of row i that are apart.
func (t *tier) lower(i int, dst []float64) {
	for k, word := range t.apart.Row(i) {
		for word != 0 {
			j := k*64 + bits.TrailingZeros64(word)
			word &= word - 1
			dst[j] -= t.weight
		}
	}
}

// source reads src's cells tiered.
func (t *tier) source(src source) source {
	out := source{
		row: func(i int, dst []float64) {
			src.row(i, dst)
			t.lower(i, dst)
		},
		cell: func(i, j int) float64 {
			v := src.cell(i, j)
			if t.apart.Has(i, j) {
				v -= t.weight
			}
			return v
		},
		// Tiered cells are only lower: src's bound bounds them, and is
		// NaN where they are.
		bound: src.bound,
	}
	if src.cells != nil {
		out.cells = func(i int, js []int32, dst []float64) {
			src.cells(i, js, dst)
			for q, j := range js {
				if t.apart.Has(i, int(j)) {
					dst[q] -= t.weight
				}
			}
		}
	}
	return out
}

// dense is a tiered copy of m.
func (t *tier) dense(m *mat.Dense) *mat.Dense {
	c := mat.DenseCopyOf(m)
	t.lowerDense(c)
	return c
}

// lowerDense tiers m in place.
func (t *tier) lowerDense(m *mat.Dense) {
	raw := m.RawMatrix()
	for i := 0; i < raw.Rows; i++ {
		t.lower(i, raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols])
	}
}

// lowerSaved tiers m in place and returns what puts its cells back: a
// solve of the tiered cells without a copy of the whole matrix (160 MB at
// 10,000 × 2,000), at the cost of one float64 a pair apart. Cells are
// saved, not raised again, because lowering rounds them (see tier). Each
// row saves its cells after the rows before it, so the rows are lowered,
// and put back, on every core.
func (t *tier) lowerSaved(m *mat.Dense) (restore func()) {
	raw := m.RawMatrix()
	from := make([]int, raw.Rows+1)
	for i := range raw.Rows {
		n := 0
		for _, word := range t.apart.Row(i) {
			n += bits.OnesCount64(word)
		}
		from[i+1] = from[i] + n
	}
	saved := make([]float64, from[raw.Rows])
	parallel.For(raw.Rows, 0, 64, func(_, i int) {
		row, n := raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols], from[i]
		for k, word := range t.apart.Row(i) {
			for word != 0 {
				j := k*64 + bits.TrailingZeros64(word)
				word &= word - 1
				saved[n] = row[j]
				row[j] -= t.weight
				n++
			}
		}
	})
	return func() {
		parallel.For(raw.Rows, 0, 64, func(_, i int) {
			row, n := raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols], from[i]
			for k, word := range t.apart.Row(i) {
				for word != 0 {
					row[k*64+bits.TrailingZeros64(word)] = saved[n]
					word &= word - 1
					n++
				}
			}
		})
	}
}

// split turns a tiered total back into the pairs apart and the total.
func (t *tier) split(total float64) (apart int, score float64) {
	apart = int(math.Round(-total / t.weight))
	if apart < 0 {
		apart = 0
	}
	return apart, total + float64(apart)*t.weight
}

// countApart is how many pairs of rowCol are apart.
func countApart(apart *scoring.Apart, rowCol []int) int {
	if apart == nil {
		return 0
	}
	n := 0
	for i, j := range rowCol {
		if j >= 0 && apart.Has(i, j) {
			n++
		}
	}
	return n
}

// forbidApart reads src with the pairs apart forbidden: the program
// that requires shared time.
func forbidApart(src source, apart *scoring.Apart) source {
	return source{
		row: func(i int, dst []float64) {
			src.row(i, dst)
			for k, word := range apart.Row(i) {
				for word != 0 {
					dst[k*64+bits.TrailingZeros64(word)] = math.NaN()
					word &= word - 1
				}
			}
		},
		cell: func(i, j int) float64 {
			if apart.Has(i, j) {
				return math.NaN()
			}
			return src.cell(i, j)
		},
		bound: src.bound,
	}
}
