package roster

import (
	"math"

	"gonum.org/v1/gonum/mat"
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
	return blockingPairs(len(caps), func(i int, row []float64) []float64 {
		return raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
	}, func(i, j int) float64 { return raw.Data[i*raw.Stride+j] }, rowCol, caps)
}

// BlockingPairsFunc is BlockingPairs for a program too large to hold its
// matrix: cell(i, j) gives a score (NaN when forbidden), called for every
// pair once. O(mentees × mentors) calls, O(mentors) memory.
func BlockingPairsFunc(cell func(i, j int) float64, rowCol []int, caps []int) []BlockingPair {
	if len(rowCol) == 0 || len(caps) == 0 {
		return nil
	}
	return blockingPairs(len(caps), func(i int, row []float64) []float64 {
		for j := range row {
			row[j] = cell(i, j)
		}
		return row
	}, cell, rowCol, caps)
}

// blockingPairs does the work; row(i, buf) returns mentee i's scores,
// possibly in buf, and at(i, j) one score.
func blockingPairs(cols int, row func(i int, buf []float64) []float64, at func(i, j int) float64, rowCol []int, caps []int) []BlockingPair {
	buf := make([]float64, cols)
	// Each mentor's lowest current score, or -Inf with a free seat.
	worst := make([]float64, cols)
	used := make([]int, cols)
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
	var out []BlockingPair
	for i, mine := range rowCol {
		row := row(i, buf)
		own := math.Inf(-1)
		if mine >= 0 {
			own = row[mine]
		}
		for j, v := range row {
			if j == mine || math.IsNaN(v) || caps[j] == 0 || v <= own || v <= worst[j] {
				continue
			}
			gain := v - own
			if mine < 0 {
				gain = v
			}
			out = append(out, BlockingPair{Mentee: i, Mentor: j, Score: v, Gain: round2(gain)})
		}
	}
	return out
}
