package roster

import (
	"fmt"
	"math"
	"sort"

	"github.com/mentormatch/mentormatch/matching"
)

// Forced is the program's optimum when one pair is imposed.
type Forced struct {
	Total    float64 // optimal total score with the pair forced
	Assigned int     // mentees matched with the pair forced
	Loss     float64 // how much the optimal total drops (0 or more when as many are matched)
}

// Force returns the exact optimum of the program with mentee i paired to
// mentor j, by re-solving without row i and with one seat less for j. The
// pair must be allowed by the hard rules.
func (r *Result) Force(i, j int) (Forced, error) {
	raw := r.Scores.RawMatrix()
	v := r.Scores.At(i, j)
	if math.IsNaN(v) {
		return Forced{}, fmt.Errorf("the pair is forbidden: %s", r.Scorer.Pair(i, j).Forbidden)
	}
	caps := make([]int, raw.Cols)
	copy(caps, r.capacities)
	if caps[j] == 0 {
		return Forced{}, fmt.Errorf("the mentor takes no 1:1 mentees")
	}
	caps[j]--
	data := make([]float64, 0, (raw.Rows-1)*raw.Cols)
	for k := 0; k < raw.Rows; k++ {
		if k != i {
			data = append(data, raw.Data[k*raw.Stride:k*raw.Stride+raw.Cols]...)
		}
	}
	f := Forced{Total: v, Assigned: 1}
	if raw.Rows > 1 {
		sol, err := matching.SolveData(raw.Rows-1, raw.Cols, data, matching.Options{Maximize: true, Capacity: caps})
		if err != nil {
			return Forced{}, err
		}
		f.Total += sol.Total
		f.Assigned += sol.Assigned
	}
	f.Total = round2(f.Total)
	f.Loss = round2(r.Roster.Summary.TotalScore - f.Total)
	return f, nil
}

// Candidate is a mentor who could take a mentee, with the pair's score.
type Candidate struct {
	Mentor int
	Score  float64
}

// Candidates lists the mentors allowed for mentee i, best score first (ties
// by input order), at most n of them.
func (r *Result) Candidates(i, n int) []Candidate {
	raw := r.Scores.RawMatrix()
	var out []Candidate
	for j := 0; j < raw.Cols; j++ {
		if v := raw.Data[i*raw.Stride+j]; !math.IsNaN(v) {
			out = append(out, Candidate{Mentor: j, Score: v})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	if len(out) > n {
		out = out[:n]
	}
	return out
}
