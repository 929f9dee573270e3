package scoring

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/mentormatch/mentormatch/internal/parallel"
)

// Compact is the score matrix at two bytes a cell. A score is a whole
// number of hundredths from 0 to 100, so each cell holds that number, and
// a forbidden pair holds noScore: 100,000 mentees × 10,000 mentors take
// 2 GB rather than the 8 GB of float64 cells, and a solver that reads
// every row several times reads memory instead of scoring again.
type Compact struct {
	cols int
	data []uint16
}

const noScore = math.MaxUint16

// newCompact makes a rows × cols matrix, asking for huge pages
// (adviseHuge) before any cell is written, and withdrawing the request
// once the matrix is garbage.
func newCompact(rows, cols int) *Compact {
	c := &Compact{cols: cols, data: make([]uint16, rows*cols)}
	if withdraw := adviseHuge(c.data); withdraw != nil {
		runtime.AddCleanup(c, func(f func()) { f() }, withdraw)
	}
	return c
}

// hundredths decodes a cell: the float64 the scorer gave, to the bit. The
// 512 KB table is made the first time a program is large enough to need
// it, not at every start.
var hundredths = sync.OnceValue(func() *[1 << 16]float64 {
	var t [1 << 16]float64
	for k := range t {
		t[k] = float64(k) / 100
	}
	t[noScore] = math.NaN()
	return &t
})

// Compact scores every pair into a Compact matrix. It reports false when
// a score is not a whole number of hundredths from 0 to 655.34, which
// no configuration gives today (scores run from 0 to 100); the caller then
// scores rows as it needs them. O(mentees × mentors) time, on GOMAXPROCS
// goroutines.
func (s *Scorer) Compact() (*Compact, bool) { return s.compact(nil) }

// compact is Compact, marking in apart, when not nil, the allowed pairs
// who cannot meet.
func (s *Scorer) compact(apart *Apart) (*Compact, bool) {
	rows, cols := len(s.mentees), len(s.mentors)
	c := newCompact(rows, cols)
	var bad atomic.Bool
	// A block of rows is scored a chunk of mentors at a time, so that the
	// chunk's fields are read from memory once for the block, not once a
	// row: at 10,000 mentors they no longer fit in a core's cache.
	const block = 16
	parallel.Rows((rows+block-1)/block, rowChunk, func(b int, buf []float64) {
		w := partsPool.Get().(*parts)
		defer partsPool.Put(w)
		for lo := 0; lo < cols && !bad.Load(); lo += rowChunk {
			hi := min(lo+rowChunk, cols)
			for i := b * block; i < min((b+1)*block, rows); i++ {
				part := buf[:hi-lo]
				s.rowPart(i, lo, hi, part, w)
				if apart != nil {
					apart.mark(i, lo, part, w.meet[:hi-lo])
				}
				if !encode(c.data[i*cols+lo:i*cols+hi], part) {
					bad.Store(true)
				}
			}
		}
	})
	if bad.Load() {
		return nil, false
	}
	return c, true
}

// encode stores the scores xs in out, reporting false when one is neither
// NaN nor a whole number of hundredths from 0 to 655.34.
func encode(out []uint16, xs []float64) bool {
	t := hundredths()
	for j, x := range xs {
		out[j] = noScore
		if math.IsNaN(x) {
			continue
		}
		// x is k/100 for a whole k when the table gives it back: the
		// nearest whole number to 100x is then k, for any k this small.
		y := x * 100
		if !(y >= 0 && y < noScore-0.5) {
			return false
		}
		k := int(y + 0.5)
		if t[k] != x {
			return false
		}
		out[j] = uint16(k)
	}
	return true
}

// Row sets dst[j] to cell (i, j) for every column j.
func (c *Compact) Row(i int, dst []float64) {
	t := hundredths()
	for j, k := range c.data[i*c.cols : (i+1)*c.cols] {
		dst[j] = t[k]
	}
}

// Forbid makes cell (i, j) forbidden, as a re-match does with a dissolved
// pair.
func (c *Compact) Forbid(i, j int) { c.data[i*c.cols+j] = noScore }

// Bytes is the memory the cells take.
func (c *Compact) Bytes() int64 { return 2 * int64(len(c.data)) }

// Cell is cell (i, j).
func (c *Compact) Cell(i, j int) float64 { return hundredths()[c.data[i*c.cols+j]] }

// Cached is a Compact matrix that starts as bounds (RowBound) and keeps
// each cell exactly once it has been asked for through Cells: a solver
// reading bounds reads them from memory at two bytes a cell, computed
// without shared free time, and scores exactly only the few cells its
// bounds do not settle, each once. A cell holds its score in hundredths,
// or a bound in hundredths (rounded up) with boundBit set, or noScore when
// it is forbidden for sure.
type Cached struct {
	c     *Compact
	s     *Scorer
	exact bool // BoundsForbidExactly
}

// boundBit marks a cell of a Cached matrix that holds a bound. A cell
// holds less than maxCached hundredths, so that boundBit's complement of
// noScore is free: decoding masks boundBit off every cell and reads NaN
// there (cachedValues).
const (
	boundBit  = 1 << 15
	maxCached = boundBit - 1
)

// Cached bounds every pair into a Cached matrix. It reports false when a
// bound or a score does not fit (above 327.67, which no configuration
// gives today); the caller then reads bounds and scores as it needs them.
// O(mentees × mentors) time, on GOMAXPROCS goroutines, a fraction of
// Compact's.
func (s *Scorer) Cached() (*Cached, bool) {
	rows, cols := len(s.mentees), len(s.mentors)
	c := newCompact(rows, cols)
	var bad atomic.Bool
	parallel.Rows(rows, cols, func(i int, buf []float64) {
		if bad.Load() {
			return
		}
		if !s.rowBound(i, buf, c.data[i*cols:(i+1)*cols]) {
			bad.Store(true)
			return
		}
		eager(c.data, i, cols, buf, s)
	})
	if bad.Load() {
		return nil, false
	}
	return &Cached{c: c, s: s, exact: s.BoundsForbidExactly()}, true
}

// Bytes is the memory the cells take.
func (c *Cached) Bytes() int64 { return c.c.Bytes() }

// BoundsForbidExactly is the scorer's: Bound's NaNs are the cells'.
func (c *Cached) BoundsForbidExactly() bool { return c.exact }

// Bound sets dst[j] to a bound of Cell(i, j) for every j, the cell itself
// where it is known: at least the cell, NaN only where it is NaN.
func (c *Cached) Bound(i int, dst []float64) {
	t := cachedValues()
	row := c.c.data[i*c.c.cols : (i+1)*c.c.cols]
	dst = dst[:len(row)]
	// Four cells a step: a solver reads every row several times over, and
	// the loop's own steps were a third of the time.
	j := 0
	for ; j+4 <= len(row); j += 4 {
		r, d := row[j:j+4:j+4], dst[j:j+4:j+4]
		d[0] = t[r[0]&maxCached]
		d[1] = t[r[1]&maxCached]
		d[2] = t[r[2]&maxCached]
		d[3] = t[r[3]&maxCached]
	}
	for ; j < len(row); j++ {
		dst[j] = t[row[j]&maxCached]
	}
}

// cachedValues decodes a Cached cell with boundBit masked off: the
// hundredths, and NaN for noScore.
var cachedValues = sync.OnceValue(func() *[boundBit]float64 {
	var t [boundBit]float64
	for k := range t {
		t[k] = float64(k) / 100
	}
	t[noScore&maxCached] = math.NaN()
	return &t
})

// Cell is the scorer's Cell(i, j), read from the matrix when known.
func (c *Cached) Cell(i, j int) float64 {
	k := c.c.data[i*c.c.cols+j]
	if k&boundBit == 0 || k == noScore {
		return hundredths()[k]
	}
	return c.s.Cell(i, j)
}

// Cells sets dst[q] to Cell(i, js[q]) for every q, scoring those not yet
// known (Scorer.Cells) and keeping them. Calls for distinct rows may run
// concurrently; nothing else may read row i meanwhile.
func (c *Cached) Cells(i int, js []int32, dst []float64) {
	t := hundredths()
	row := c.c.data[i*c.c.cols : (i+1)*c.c.cols]
	sc := missPool.Get().(*missScratch)
	defer missPool.Put(sc)
	at, mj := sc.at[:0], sc.js[:0]
	for q, j := range js {
		if k := row[j]; k&boundBit == 0 || k == noScore {
			dst[q] = t[k]
		} else {
			at, mj = append(at, int32(q)), append(mj, j)
		}
	}
	sc.at, sc.js = at, mj
	if len(mj) == 0 {
		return
	}
	if cap(sc.xs) < len(mj) {
		sc.xs = make([]float64, len(mj))
	}
	xs := sc.xs[:len(mj)]
	c.s.Cells(i, mj, xs)
	var enc [1]uint16
	for q, m := range at {
		dst[m] = xs[q]
		if encode(enc[:], xs[q:q+1]) && enc[0] < maxCached {
			row[mj[q]] = enc[0]
		}
	}
}

// missScratch is what Cells keeps of the cells it must score.
type missScratch struct {
	at, js []int32
	xs     []float64
}

var missPool = sync.Pool{New: func() any { return new(missScratch) }}

// eagerCells is how many cells of each row Cached makes exact at once:
// those of the greatest bounds, which a solver reads first.
const eagerCells = 64

// eager makes exact in row i of data (cols wide, bounds in buf) about
// the eagerCells cells of greatest bound.
func eager(data []uint16, i, cols int, buf []float64, s *Scorer) {
	if cols == 0 {
		return
	}
	// A threshold from a sample, as the solver's lists choose cells.
	var sample [128]float64
	step := max(cols/len(sample), 1)
	n := 0
	for j := 0; j < cols && n < len(sample); j += step {
		sample[n] = math.Inf(-1)
		if b := buf[j]; b == b {
			sample[n] = b
		}
		n++
	}
	xs := sample[:n]
	q := n - 1 - (eagerCells*n)/cols
	t := math.Inf(-1)
	if q > 0 {
		t = nthSample(xs, q)
	}
	sc := eagerPool.Get().(*eagerScratch)
	defer eagerPool.Put(sc)
	js := sc.js[:0]
	for j, b := range buf {
		if b >= t && b == b {
			js = append(js, int32(j))
		}
	}
	sc.js = js
	if len(js) > 4*eagerCells {
		return
	}
	vals := sc.vals[:len(js)]
	s.Cells(i, js, vals)
	row := data[i*cols : (i+1)*cols]
	for q, j := range js {
		if encode(sc.enc[:], vals[q:q+1]) && sc.enc[0] < maxCached {
			row[j] = sc.enc[0]
		}
	}
}

// nthSample is xs[q] once xs is sorted (no NaN in xs), reordering xs.
// A row as wide as a large program's asks for one of the greatest few, a
// few passes of the largest to the end rather than a sort.
func nthSample(xs []float64, q int) float64 {
	if len(xs)-q > 8 {
		slices.Sort(xs)
		return xs[q]
	}
	for p := len(xs) - 1; p >= q; p-- {
		m := 0
		for k, x := range xs[:p+1] {
			if x > xs[m] {
				m = k
			}
		}
		xs[m], xs[p] = xs[p], xs[m]
	}
	return xs[q]
}

type eagerScratch struct {
	js   []int32
	vals [4 * eagerCells]float64
	enc  [1]uint16
}

var eagerPool = sync.Pool{New: func() any { return new(eagerScratch) }}
