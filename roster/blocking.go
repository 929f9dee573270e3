package roster

import (
	"math"
	"sync/atomic"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch/internal/parallel"
	"github.com/mentormatch/mentormatch/scoring"
)

// BlockingPair is a mentee and a mentor, allowed but not paired, who would
// both rather be together: the mentee scores higher with this mentor than
// with their own (or has none), and the mentor has a free seat or a mentee
// who scores lower. Scores are symmetric, so "rather" means a higher pair
// score on both sides. An optimal total can leave such pairs: the optimum
// trades one pair's gain for the program's, and a program manager asked
// "why not X with Y?" deserves to know how many such questions there are.
type BlockingPair struct {
	Mentee, Mentor int
	Score          float64 // the pair's score
	Gain           float64 // how much more the mentee would score with this mentor
}

// BlockingPairs lists the blocking pairs of an assignment, by mentee then
// mentor. rowCol gives each mentee's mentor index or -1; caps the mentors'
// capacities. O(mentees × mentors).
func BlockingPairs(scores *mat.Dense, rowCol []int, caps []int) []BlockingPair {
	if scores == nil || len(rowCol) == 0 || len(caps) == 0 {
		return nil
	}
	raw := scores.RawMatrix()
	row := func(i int) []float64 { return raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols] }
	worst := worstSeats(func(i, j int) float64 { return row(i)[j] }, rowCol, caps)
	var out []BlockingPair
	for i := range rowCol {
		out = appendBlocking(out, i, row(i), rowCol[i], worst, caps)
	}
	return out
}

// countBlocking is len(BlockingPairs) over the cells of src, a row at a
// time on every processor: O(mentees × mentors) time, O(mentors) memory
// per processor.
func countBlocking(src source, rowCol []int, caps []int) int {
	if len(rowCol) == 0 || len(caps) == 0 {
		return 0
	}
	worst := worstSeats(src.cell, rowCol, caps)
	var n atomic.Int64
	if src.bound != nil {
		parallel.Rows(len(rowCol), len(caps), func(i int, buf []float64) {
			n.Add(int64(blockingBounded(src, i, buf, rowCol[i], worst, caps)))
		})
		return int(n.Load())
	}
	parallel.Rows(len(rowCol), len(caps), func(i int, buf []float64) {
		src.row(i, buf)
		k := 0
		blockingIn(buf, rowCol[i], worst, caps, func(int) { k++ })
		n.Add(int64(k))
	})
	return int(n.Load())
}

// worstSeats is each mentor's lowest current score, or −Inf with a free
// seat: what a mentee must beat to be wanted.
func worstSeats(at func(i, j int) float64, rowCol []int, caps []int) []float64 {
	worst := make([]float64, len(caps))
	used := make([]int, len(caps))
	for j := range worst {
		worst[j] = math.Inf(1)
	}
	for i, j := range rowCol {
		if j >= 0 {
			used[j]++
			worst[j] = math.Min(worst[j], at(i, j))
		}
	}
	for j := range worst {
		if used[j] < caps[j] {
			worst[j] = math.Inf(-1)
		}
	}
	return worst
}

// appendBlocking appends the blocking pairs of mentee i, whose scores are
// row and mentor mine (−1: none).
func appendBlocking(out []BlockingPair, i int, row []float64, mine int, worst []float64, caps []int) []BlockingPair {
	blockingIn(row, mine, worst, caps, func(j int) {
		gain := row[j]
		if mine >= 0 {
			gain -= row[mine]
		}
		out = append(out, BlockingPair{Mentee: i, Mentor: j, Score: row[j], Gain: scoring.Round2(gain)})
	})
	return out
}

// blockingIn calls f with every mentor who forms a blocking pair with the
// mentee whose scores are row and mentor mine (−1: none), in order.
func blockingIn(row []float64, mine int, worst []float64, caps []int, f func(j int)) {
	own := math.Inf(-1)
	if mine >= 0 {
		own = row[mine]
	}
	for j, v := range row {
		if j == mine || math.IsNaN(v) || caps[j] == 0 || v <= own || v <= worst[j] {
			continue
		}
		f(j)
	}
}

// blockingBounded counts the blocking pairs of mentee i, whose mentor is
// mine (−1: none), reading src's bounds into buf: a mentor whose bound is
// no more than the mentee's own score or the mentor's worst seat forms no
// blocking pair, whatever the cell; the others are read exactly and tested
// as blockingIn does.
func blockingBounded(src source, i int, buf []float64, mine int, worst []float64, caps []int) int {
	own := math.Inf(-1)
	if mine >= 0 {
		own = src.cell(i, mine)
	}
	src.bound(i, buf)
	k := 0
	for j, b := range buf {
		// The test that settles most mentors first: a NaN fails both.
		if !(b > worst[j]) || !(b > own) || caps[j] == 0 || j == mine {
			continue
		}
		if v := src.cell(i, j); !math.IsNaN(v) && v > own && v > worst[j] {
			k++
		}
	}
	return k
}
