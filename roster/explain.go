package roster

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/matching"
	"github.com/mentormatch/mentormatch/scoring"
)

// Forced is the program's optimum when one pair is imposed.
type Forced struct {
	Total    float64 // optimal total score with the pair forced
	Assigned int     // mentees matched with the pair forced
	Loss     float64 // how much the optimal total drops (0 or more when as many are matched and as many can meet)
	// CannotMeet counts the pairs of that optimum who cannot meet, when
	// shared time is a tier of the objective (see MatchScored).
	CannotMeet int
}

// ErrNotPriced is Force's answer under the objective stable: the roster
// is not an optimum, so there is no optimum to force a pair into, and the
// duals of one say nothing about it.
var ErrNotPriced = errors.New("a stable roster is not an optimum, so what forcing a pair costs is not priced under the objective stable (the objectives total and fair price it)")

// Force returns the exact optimum of the program with mentee i paired to
// mentor j, under the roster's objective (shared time as a tier included).
// For the total objective it is priced from the solver's duals in
// O(mentees × mentors) (matching.Force, or matching.ForceSparse over the
// rows as solved); otherwise (fair, a hard quota) by re-solving without
// row i and with one seat less for j. The pair must be allowed by the
// hard rules. Under the objective stable it returns ErrNotPriced.
func (r *Result) Force(i, j int) (Forced, error) {
	r.resolveTier()
	if r.ranks != nil || r.Roster.Summary.Objective == mentormatch.ObjectiveStable {
		return Forced{}, ErrNotPriced
	}
	for _, pin := range r.Scorer.Pins() {
		if pin.Mentee == i {
			return Forced{}, fmt.Errorf("the mentee is pinned to %s (%s)", pin.Decision.MentorID, pin.Decision.Where())
		}
	}
	v := r.cell(i, j)
	if math.IsNaN(v) {
		return Forced{}, fmt.Errorf("the pair is forbidden: %s", r.Scorer.Pair(i, j).Forbidden)
	}
	if r.capacities[j] == 0 {
		return Forced{}, fmt.Errorf("the mentor takes no 1:1 mentees")
	}
	var f Forced
	if r.priced {
		// One shortest path on the residual graph, from the duals.
		opt := matching.Options{Maximize: true, Capacity: r.capacities}
		var (
			mf  matching.Forced
			err error
		)
		if r.Scores != nil && r.tier == nil {
			mf, err = matching.Force(r.Scores, opt, r.Solution, i, j)
		} else {
			mf, err = matching.ForceSparse(len(r.Solution.RowCol), len(r.capacities), r.solved.cell, r.solved.row, opt, r.Solution, i, j)
		}
		if err != nil {
			return Forced{}, err
		}
		f = Forced{Total: mf.Total, Assigned: mf.Assigned}
	} else {
		raw := r.Scores.RawMatrix() // fair and hard quotas are solved whole
		caps := make([]int, raw.Cols)
		copy(caps, r.capacities)
		caps[j]--
		data := make([]float64, 0, (raw.Rows-1)*raw.Cols)
		for k := 0; k < raw.Rows; k++ {
			if k != i {
				row := raw.Data[k*raw.Stride : k*raw.Stride+raw.Cols]
				if r.tier != nil {
					row = make([]float64, raw.Cols)
					r.solved.row(k, row)
				}
				data = append(data, row...)
			}
		}
		f = Forced{Total: r.solved.cell(i, j), Assigned: 1}
		if raw.Rows > 1 {
			sol, err := matching.SolveData(raw.Rows-1, raw.Cols, data, matching.Options{Maximize: true, Capacity: caps})
			if err != nil {
				return Forced{}, err
			}
			f.Total += sol.Total
			f.Assigned += sol.Assigned
		}
	}
	if r.tier != nil {
		f.CannotMeet, f.Total = r.tier.split(f.Total)
	}
	// The pinned pairs are kept as they are.
	for _, pin := range r.Scorer.Pins() {
		if !r.Scorer.Pair(pin.Mentee, pin.Mentor).CanMeet {
			f.CannotMeet++
		}
	}
	f.Total = scoring.Round2(f.Total + r.pinTotal)
	f.Assigned += len(r.Scorer.Pins())
	f.Loss = scoring.Round2(r.Roster.Summary.TotalScore - f.Total)
	return f, nil
}

// Tiered reports whether shared time was a tier of the roster's objective
// (rules.prefer_shared_time, and some allowed pair cannot meet).
func (r *Result) Tiered() bool {
	r.resolveTier()
	return r.tier != nil
}

// Candidate is a mentor who could take a mentee, with the pair's score.
type Candidate struct {
	Mentor int
	Score  float64
}

// Candidates lists the mentors allowed for mentee i, best score first (ties
// by input order), at most n of them.
func (r *Result) Candidates(i, n int) []Candidate {
	var out []Candidate
	for j := range r.capacities {
		if v := r.cell(i, j); !math.IsNaN(v) {
			out = append(out, Candidate{Mentor: j, Score: v})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// RowCol is each mentee's mentor index in the roster, or −1, the pins
// included (Solution.RowCol leaves them out).
func (r *Result) RowCol() []int { return withPins(r.Solution.RowCol, r.Scorer.Pins()) }

// cell is a score of the roster's matrix, wherever it is held.
func (r *Result) cell(i, j int) float64 { return r.src.cell(i, j) }

// Choice is a mentor on a mentee's list under the objective stable.
type Choice struct {
	Mentor int
	Score  float64
	// Stated: the mentee listed the mentor in prefers, which ranks them
	// before everyone ranked by score.
	Stated bool
	// Rank is where the mentor ranks the mentee, 1 the first, of Of
	// mentees the mentor may take.
	Rank, Of int
	// Full: the mentor's seats are all taken by mentees they rank above
	// this one. In a stable roster every mentor a mentee ranks above
	// their own is full: that is why the mentee does not have them.
	Full bool
}

// Choices is mentee i's list under the objective stable, best first, up
// to and including their own mentor, at most n: whom they would rather
// have, and why those mentors are not theirs. Nil under other objectives
// and for a pinned mentee (pins are outside the stable part).
func (r *Result) Choices(i, n int) []Choice {
	if r.ranks == nil {
		return nil
	}
	rk, free := r.ranks, r.Solution.RowCol // the pins set aside
	worst := rk.worstHeld(free, r.capacities)
	var out []Choice
	for k, j32 := range rk.lists[i] {
		if len(out) == n {
			break
		}
		j := int(j32)
		c := Choice{Mentor: j, Score: r.cell(i, j), Rank: int(rk.rankOf(j, i)) + 1, Of: int(rk.of[j])}
		c.Stated = k < int(rk.stated[i])
		c.Full = j != free[i] && rk.rankOf(j, i) > worst[j]
		out = append(out, c)
		if j == free[i] {
			break
		}
	}
	return out
}
