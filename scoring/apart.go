package scoring

import (
	"math"
	"math/bits"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch/internal/parallel"
)

// Apart marks the allowed pairs who cannot meet: both list availability
// and they do not share a whole session of free time in every week of the
// program (availability.Model.Pair). A bit a pair, mentee by mentee:
// 100,000 × 10,000 pairs take 125 MB. Forbidden pairs are never marked.
type Apart struct {
	stride int // words a row
	bits   []uint64
	n      int64
}

func newApart(rows, cols int) *Apart {
	stride := (cols + 63) / 64
	return &Apart{stride: stride, bits: make([]uint64, rows*stride)}
}

// Has reports whether mentee i and mentor j are allowed but cannot meet.
func (a *Apart) Has(i, j int) bool {
	return a.bits[i*a.stride+j/64]&(1<<(j%64)) != 0
}

// Count is the number of pairs marked.
func (a *Apart) Count() int64 { return a.n }

// Row is mentee i's bits, mentor j at bit j%64 of word j/64.
func (a *Apart) Row(i int) []uint64 { return a.bits[i*a.stride : (i+1)*a.stride] }

// Bytes is the memory the bits take.
func (a *Apart) Bytes() int64 { return 8 * int64(len(a.bits)) }

// mark records the pairs of mentee i with mentors lo.. that are allowed
// (cells not NaN) and cannot meet (meet false), from a scored run.
func (a *Apart) mark(i, lo int, cells []float64, meet []bool) int64 {
	row := a.Row(i)
	n := int64(0)
	for q, x := range cells {
		if !meet[q] && !math.IsNaN(x) {
			j := lo + q
			row[j/64] |= 1 << (j % 64)
			n++
		}
	}
	return n
}

// count sets n from the bits.
func (a *Apart) count() {
	n := int64(0)
	for _, x := range a.bits {
		n += int64(bits.OnesCount64(x))
	}
	a.n = n
}

// MatrixApart is Matrix and the pairs it allows who cannot meet, in one
// pass.
func (s *Scorer) MatrixApart() (*mat.Dense, *Apart) {
	rows, cols := len(s.mentees), len(s.mentors)
	a := newApart(rows, cols)
	if rows == 0 || cols == 0 {
		return &mat.Dense{}, a
	}
	data := make([]float64, rows*cols)
	parallel.Rows(rows, 0, func(i int, _ []float64) {
		s.rowApart(i, data[i*cols:(i+1)*cols], a)
	})
	a.count()
	return mat.NewDense(rows, cols, data), a
}

// Apart scores every pair again, keeping only which allowed pairs cannot
// meet. O(mentees × mentors), on GOMAXPROCS goroutines.
func (s *Scorer) Apart() *Apart {
	rows, cols := len(s.mentees), len(s.mentors)
	a := newApart(rows, cols)
	parallel.Rows(rows, cols, func(i int, buf []float64) { s.rowApart(i, buf, a) })
	a.count()
	return a
}

// Clone is a copy of a, to change some rows of (RowApart).
func (a *Apart) Clone() *Apart {
	c := *a
	c.bits = append([]uint64(nil), a.bits...)
	return &c
}

// RowApart is Row, with mentee i's marks in a made anew: a row whose
// decisions changed, scored again without scoring the others.
func (s *Scorer) RowApart(i int, dst []float64, a *Apart) {
	row := a.Row(i)
	for k, x := range row {
		a.n -= int64(bits.OnesCount64(x))
		row[k] = 0
	}
	s.rowApart(i, dst, a)
	for _, x := range row {
		a.n += int64(bits.OnesCount64(x))
	}
}

// rowApart is Row, marking in a the pairs who cannot meet.
func (s *Scorer) rowApart(i int, dst []float64, a *Apart) {
	w := partsPool.Get().(*parts)
	for lo := 0; lo < len(s.mentors); lo += rowChunk {
		hi := min(lo+rowChunk, len(s.mentors))
		s.rowPart(i, lo, hi, dst[lo:hi], w)
		a.mark(i, lo, dst[lo:hi], w.meet[:hi-lo])
	}
	partsPool.Put(w)
}

// CompactApart is Compact and the pairs it allows who cannot meet, in one
// pass; ok as Compact's.
func (s *Scorer) CompactApart() (*Compact, *Apart, bool) {
	a := newApart(len(s.mentees), len(s.mentors))
	c, ok := s.compact(a)
	if !ok {
		return nil, nil, false
	}
	a.count()
	return c, a, true
}
