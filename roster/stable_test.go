package roster

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// rankingOf is the ranking of explicit preference lists: menteeLists[i]
// are mentee i's mentors best first, mentorLists[j] mentor j's mentees
// best first; a pair is acceptable when each lists the other.
func rankingOf(menteeLists, mentorLists [][]int) *ranking {
	rows, cols := len(menteeLists), len(mentorLists)
	rk := &ranking{rows: rows, cols: cols, lists: make([][]int32, rows), stated: make([]int32, rows), rank: make([]int32, rows*cols), of: make([]int32, cols)}
	for j, l := range mentorLists {
		for k, i := range l {
			if slices.Contains(menteeLists[i], j) {
				rk.rank[j*rows+i] = int32(k)
				rk.of[j]++
			}
		}
	}
	for i, l := range menteeLists {
		for _, j := range l {
			if slices.Contains(mentorLists[j], i) {
				rk.lists[i] = append(rk.lists[i], int32(j))
			}
		}
	}
	return rk
}

// stableByEnumeration lists every assignment of rk within caps that has
// no blocking pair.
func stableByEnumeration(rk *ranking, caps []int) [][]int {
	data := make([]float64, rk.rows*rk.cols)
	for k := range data {
		data[k] = math.NaN()
	}
	for i, l := range rk.lists {
		for _, j := range l {
			data[i*rk.cols+int(j)] = 0
		}
	}
	var out [][]int
	assignments(rk.rows, rk.cols, data, caps, func(rc []int) {
		if rk.blocking(rc, caps) == 0 {
			out = append(out, slices.Clone(rc))
		}
	})
	return out
}

// position is where mentee i ranks mentor j, past the list for none.
func (rk *ranking) position(i, j int) int {
	if k := slices.Index(rk.lists[i], int32(j)); k >= 0 {
		return k
	}
	return len(rk.lists[i])
}

// Cases from the literature with known mentee-optimal (proposer-optimal)
// stable assignments. The Greek letters of Gale and Shapley's "College
// Admissions and the Stability of Marriage" (1962) are mentees 0, 1, 2, 3
// (α, β, γ, δ) and the capitals mentors 0, 1, 2, 3 (A, B, C, D).
func TestDeferredAcceptanceLiterature(t *testing.T) {
	const none = -1
	for _, c := range []struct {
		name    string
		mentees [][]int // each mentee's mentors, best first
		mentors [][]int // each mentor's mentees, best first
		caps    []int
		want    []int
		stable  int // how many stable assignments there are
	}{{
		// Gale–Shapley's first example: every man gets his first
		// choice in the men-optimal set, every woman hers in the
		// women-optimal one, and a third set gives all their second.
		name:    "Gale–Shapley 1962, three couples, the men propose",
		mentees: [][]int{{0, 1, 2}, {1, 2, 0}, {2, 0, 1}},
		mentors: [][]int{{1, 2, 0}, {2, 0, 1}, {0, 1, 2}},
		caps:    []int{1, 1, 1},
		want:    []int{0, 1, 2},
		stable:  3,
	}, {
		name:    "Gale–Shapley 1962, three couples, the women propose",
		mentees: [][]int{{1, 2, 0}, {2, 0, 1}, {0, 1, 2}},
		mentors: [][]int{{0, 1, 2}, {1, 2, 0}, {2, 0, 1}},
		caps:    []int{1, 1, 1},
		want:    []int{1, 2, 0},
		stable:  3,
	}, {
		// Gale–Shapley's second example, whose only stable set is
		// α–C, β–D, γ–A, δ–B: not everyone's first choice on either side.
		name:    "Gale–Shapley 1962, four couples, one stable set",
		mentees: [][]int{{0, 1, 2, 3}, {0, 3, 2, 1}, {1, 0, 2, 3}, {3, 1, 2, 0}},
		mentors: [][]int{{3, 2, 0, 1}, {1, 3, 0, 2}, {3, 0, 1, 2}, {2, 1, 0, 3}},
		caps:    []int{1, 1, 1, 1},
		want:    []int{2, 3, 0, 1},
		stable:  1,
	}, {
		// The residency match's textbook example (NRMP, "How the matching
		// algorithm works"): residents Arthur, Sunny, Joseph, Latha,
		// Darrius; programs Mercy, City, General with two places each.
		// Lists are incomplete: a resident a program did not rank (or
		// who did not rank it) cannot go there. Darrius displaces Sunny
		// at City, Mercy ranked neither Sunny nor Latha, and Sunny is
		// left unmatched.
		name:    "NRMP residents and hospitals, incomplete lists",
		mentees: [][]int{{1}, {1, 0}, {1, 2, 0}, {0, 1, 2}, {1, 0, 2}},
		mentors: [][]int{{4, 2}, {4, 0, 1, 3, 2}, {4, 0, 2, 3}},
		caps:    []int{2, 2, 2},
		want:    []int{1, none, 2, 2, 1},
		stable:  1,
	}, {
		// Capacities decide: one mentor with two places is everyone's
		// first choice; she takes the two she ranks highest, the third
		// proposes on down her list.
		name:    "a popular mentor with two places",
		mentees: [][]int{{0, 1}, {0, 1}, {0, 1}},
		mentors: [][]int{{2, 0, 1}, {0, 1, 2}},
		caps:    []int{2, 1},
		want:    []int{0, 1, 0},
		stable:  1,
	}, {
		name:    "a mentor with no places takes nobody",
		mentees: [][]int{{0, 1}, {0}},
		mentors: [][]int{{1, 0}, {0}},
		caps:    []int{0, 1},
		want:    []int{1, none},
		stable:  1,
	}} {
		t.Run(c.name, func(t *testing.T) {
			rk := rankingOf(c.mentees, c.mentors)
			// A mentor without places is on nobody's list.
			for i := range rk.lists {
				rk.lists[i] = slices.DeleteFunc(rk.lists[i], func(j int32) bool { return c.caps[j] == 0 })
			}
			got := rk.deferredAcceptance(c.caps)
			assert.Equal(t, c.want, got)
			assert.Zero(t, rk.blocking(got, c.caps))
			assert.Len(t, stableByEnumeration(rk, c.caps), c.stable, "stable assignments")
		})
	}
}

// On random small instances, deferred acceptance leaves no blocking pair
// and every mentee does at least as well as in any stable assignment,
// found by enumerating every assignment.
func TestDeferredAcceptanceAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 12))
	for n := range 600 {
		rows, cols := 1+rng.IntN(6), 1+rng.IntN(4)
		caps := make([]int, cols)
		for j := range caps {
			caps[j] = rng.IntN(3)
		}
		mentees := make([][]int, rows)
		for i := range mentees {
			for _, j := range rng.Perm(cols) {
				if rng.IntN(5) > 0 && caps[j] > 0 {
					mentees[i] = append(mentees[i], j)
				}
			}
		}
		mentors := make([][]int, cols)
		for j := range mentors {
			for _, i := range rng.Perm(rows) {
				if rng.IntN(5) > 0 {
					mentors[j] = append(mentors[j], i)
				}
			}
		}
		rk := rankingOf(mentees, mentors)
		got := rk.deferredAcceptance(caps)
		require.Zero(t, rk.blocking(got, caps), "case %d: %v", n, got)
		all := stableByEnumeration(rk, caps)
		require.Contains(t, all, got, "case %d", n)
		for _, other := range all {
			for i := range got {
				assert.LessOrEqual(t, rk.position(i, got[i]), rk.position(i, other[i]),
					"case %d: mentee %d does better in the stable %v than in %v", n, i, other, got)
			}
		}
	}
}

// stableProgram is a generated program with stated preferences on both
// sides, decisions (a pin and a veto) and an earlier pair, under the
// objective stable.
func stableProgram(t *testing.T, seed uint64) (*mentormatch.Program, mentormatch.Config) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 5))
	p := program(t, 5+rng.IntN(3), 3, seed)
	for _, i := range p.Mentees {
		p.People[i].Prefers = nil
		if rng.IntN(2) == 0 {
			for _, k := range rng.Perm(len(p.Mentors))[:1+rng.IntN(2)] {
				p.People[i].Prefers = append(p.People[i].Prefers, p.Mentor(k).ID)
			}
		}
	}
	for _, j := range p.Mentors {
		p.People[j].Prefers = nil
		if rng.IntN(2) == 0 {
			for _, k := range rng.Perm(len(p.Mentees))[:2] {
				p.People[j].Prefers = append(p.People[j].Prefers, p.Mentee(k).ID)
			}
		}
	}
	cfg := mentormatch.DefaultConfig()
	cfg.Objective = mentormatch.ObjectiveStable
	return p, cfg
}

// The objective stable on programs: decisions, capacities, hard rules and
// history hold; no blocking pair under the rankings (stated preferences,
// then score); each side's ranking is that order; every mentee does at
// least as well as in any stable assignment of the rest (enumerated); and
// the price of stability is the total objective's roster.
func TestStableProgram(t *testing.T) {
	checked := 0
	for seed := uint64(1); seed <= 40; seed++ {
		p, cfg := stableProgram(t, seed)
		plain, err := Match(p, cfg)
		require.NoError(t, err)
		rc := plain.RowCol()
		// Decisions: pin the first matched pair, veto the next; history:
		// the one after that was formed before.
		var ds mentormatch.Decisions
		var earlier []mentormatch.EarlierPair
		for i, j := range rc {
			if j < 0 {
				continue
			}
			d := mentormatch.Decision{MenteeID: p.Mentee(i).ID, MentorID: p.Mentor(j).ID}
			switch {
			case len(ds) == 0:
				d.Kind = mentormatch.Pin
				ds = append(ds, d)
			case len(ds) == 1:
				d.Kind = mentormatch.Forbid
				ds = append(ds, d)
			case len(earlier) == 0:
				earlier = append(earlier, mentormatch.EarlierPair{MenteeID: d.MenteeID, MentorID: d.MentorID})
			}
		}
		if len(earlier) == 0 {
			continue
		}
		checked++
		p.Decisions, p.Earlier = ds, earlier
		res, err := Match(p, cfg)
		require.NoError(t, err)
		s := res.Roster.Summary
		assert.Equal(t, mentormatch.ObjectiveStable, s.Objective)
		assert.Zero(t, s.BlockingPairs, "seed %d", seed)

		got := map[[2]string]bool{}
		for _, m := range res.Roster.Matches {
			got[[2]string{m.MenteeID, m.MentorID}] = true
			assert.Empty(t, res.Scorer.Pair(index(p.Mentees, p, m.MenteeID), index(p.Mentors, p, m.MentorID)).Forbidden, "seed %d: a forbidden pair", seed)
		}
		assert.True(t, got[[2]string{ds[0].MenteeID, ds[0].MentorID}], "seed %d: the pin holds", seed)
		assert.False(t, got[[2]string{ds[1].MenteeID, ds[1].MentorID}], "seed %d: the veto holds", seed)
		assert.False(t, got[[2]string{earlier[0].MenteeID, earlier[0].MentorID}], "seed %d: no repeat", seed)
		for _, l := range res.Roster.Load {
			assert.LessOrEqual(t, l.Assigned, l.Capacity, "seed %d: %s", seed, l.MentorID)
		}

		// The rankings: stated preferences in order, then score, then id.
		rk := res.ranks
		require.NotNil(t, rk)
		for i, l := range rk.lists {
			e := p.Mentee(i)
			for k := 1; k < len(l); k++ {
				a, b := int(l[k-1]), int(l[k])
				ka := rankKey{stated(e.Prefers, p.Mentor(a).ID), res.solved.cell(i, a), p.Mentor(a).ID}
				kb := rankKey{stated(e.Prefers, p.Mentor(b).ID), res.solved.cell(i, b), p.Mentor(b).ID}
				assert.Negative(t, ka.compare(kb), "seed %d: mentee %s ranks %s before %s", seed, e.ID, p.Mentor(a).ID, p.Mentor(b).ID)
			}
		}
		for j := range p.Mentors {
			m := p.Mentor(j)
			var on []int
			for i, l := range rk.lists {
				if slices.Contains(l, int32(j)) {
					on = append(on, i)
				}
			}
			slices.SortFunc(on, func(a, b int) int { return cmp.Compare(rk.rankOf(j, a), rk.rankOf(j, b)) })
			for k := 1; k < len(on); k++ {
				a, b := on[k-1], on[k]
				ka := rankKey{stated(m.Prefers, p.Mentee(a).ID), res.solved.cell(a, j), p.Mentee(a).ID}
				kb := rankKey{stated(m.Prefers, p.Mentee(b).ID), res.solved.cell(b, j), p.Mentee(b).ID}
				assert.Negative(t, ka.compare(kb), "seed %d: mentor %s ranks %s before %s", seed, m.ID, p.Mentee(a).ID, p.Mentee(b).ID)
			}
		}

		// Mentee-optimal among the stable assignments of the rest (the
		// pinned mentee set aside, their seat taken).
		free := res.Solution.RowCol
		all := stableByEnumeration(rk, res.capacities)
		require.Contains(t, all, free, "seed %d", seed)
		for _, other := range all {
			for i := range free {
				assert.LessOrEqual(t, rk.position(i, free[i]), rk.position(i, other[i]), "seed %d: mentee %d", seed, i)
			}
		}

		// The price of stability is the total objective's roster.
		cfgTotal := cfg
		cfgTotal.Objective = mentormatch.ObjectiveTotal
		opt, err := Match(p, cfgTotal)
		require.NoError(t, err)
		require.NotNil(t, s.Stable)
		o := opt.Roster.Summary
		assert.Equal(t, mentormatch.StableSummary{
			OptimumMatched: o.Matched, OptimumTotal: o.TotalScore, OptimumCannotMeet: o.CannotMeet,
			CostMatches: o.Matched - s.Matched, CostPoints: roundTo2(o.TotalScore - s.TotalScore),
		}, *s.Stable, "seed %d", seed)
		assert.Nil(t, o.Stable, "only the objective stable reports it")

		// Forcing a pair is not priced; a mentee's choices end at their
		// own mentor, every one before it full with mentees it ranks
		// higher.
		for i := range p.Mentees {
			for j := range p.Mentors {
				_, err := res.Force(i, j)
				assert.ErrorIs(t, err, ErrNotPriced)
			}
			cs := res.Choices(i, 100)
			for k, c := range cs {
				if k == len(cs)-1 && c.Mentor == free[i] {
					assert.False(t, c.Full)
					continue
				}
				assert.True(t, c.Full, "seed %d: mentee %d, mentor %d", seed, i, c.Mentor)
			}
		}
	}
	assert.Greater(t, checked, 20)
}

// rankKey is what a side ranks the other by, in order.
type rankKey struct {
	stated int
	cell   float64
	id     string
}

func (a rankKey) compare(b rankKey) int {
	if c := cmp.Compare(a.stated, b.stated); c != 0 {
		return c
	}
	if c := cmp.Compare(b.cell, a.cell); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// stated is id's place on a prefers list, or past every place.
func stated(prefers []string, id string) int {
	if k := slices.Index(prefers, id); k >= 0 {
		return k
	}
	return math.MaxInt32
}

func roundTo2(x float64) float64 { return math.Round(x*100) / 100 }

// The blocking pairs the other objectives report stay counted by score
// (able to meet first): the stated preferences rank only under stable.
func TestBlockingByScoreUnderTotal(t *testing.T) {
	p, cfg := stableProgram(t, 3)
	cfg.Objective = mentormatch.ObjectiveTotal
	res, err := Match(p, cfg)
	require.NoError(t, err)
	free, caps := withoutPins(res.RowCol(), Capacities(p), res.Scorer)
	assert.Equal(t, countBlocking(res.solved, free, caps), res.Roster.Summary.BlockingPairs)
	assert.Nil(t, res.ranks)
	assert.Nil(t, res.Choices(0, 5))
}
