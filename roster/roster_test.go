package roster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/synth"
)

func program(t testing.TB, mentees, mentors int, seed uint64) *mentormatch.Program {
	t.Helper()
	p := &mentormatch.Program{People: synth.Generate(synth.Options{Mentees: mentees, Mentors: mentors, Seniors: -1, Seed: int64(seed)})}
	for i := range p.People {
		if p.People[i].Role.IsMentee() {
			p.Mentees = append(p.Mentees, i)
		}
		if p.People[i].Role.IsMentor() {
			p.Mentors = append(p.Mentors, i)
		}
	}
	require.NotEmpty(t, p.Mentees)
	require.NotEmpty(t, p.Mentors)
	return p
}

// assignments enumerates every assignment of rows to columns (or none)
// within capacities, calling f with each.
func assignments(rows, cols int, data []float64, caps []int, f func(rowCol []int)) {
	rowCol := make([]int, rows)
	left := append([]int(nil), caps...)
	var rec func(i int)
	rec = func(i int) {
		if i == rows {
			f(rowCol)
			return
		}
		rowCol[i] = -1
		rec(i + 1)
		for j := range cols {
			if left[j] > 0 && !math.IsNaN(data[i*cols+j]) {
				left[j]--
				rowCol[i] = j
				rec(i + 1)
				left[j]++
			}
		}
	}
	rec(0)
}

// The fair objective: as many matched as possible, then the highest
// lowest score, then the highest total; checked against enumeration.
func TestFairAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	for n := range 400 {
		rows, cols := 1+rng.IntN(5), 1+rng.IntN(4)
		data := make([]float64, rows*cols)
		for k := range data {
			switch rng.IntN(5) {
			case 0:
				data[k] = math.NaN()
			default:
				data[k] = float64(rng.IntN(8)) // ties on purpose
			}
		}
		caps := make([]int, cols)
		for j := range caps {
			caps[j] = rng.IntN(3)
		}
		type key struct{ card, low, total float64 }
		better := func(a, b key) bool {
			if a.card != b.card {
				return a.card > b.card
			}
			if a.low != b.low {
				return a.low > b.low
			}
			return a.total > b.total
		}
		best := key{card: -1}
		assignments(rows, cols, data, caps, func(rc []int) {
			k := key{low: math.Inf(1)}
			for i, j := range rc {
				if j >= 0 {
					k.card++
					k.total += data[i*cols+j]
					k.low = math.Min(k.low, data[i*cols+j])
				}
			}
			if better(k, best) {
				best = k
			}
		})
		res, err := solveFair(mat.NewDense(rows, cols, data), caps, nil)
		require.NoError(t, err)
		got := key{low: math.Inf(1)}
		used := make([]int, cols)
		for i, j := range res.RowCol {
			if j >= 0 {
				require.False(t, math.IsNaN(data[i*cols+j]), "instance %d: forbidden cell used", n)
				used[j]++
				got.card++
				got.total += data[i*cols+j]
				got.low = math.Min(got.low, data[i*cols+j])
			}
		}
		for j := range used {
			require.LessOrEqual(t, used[j], caps[j], "instance %d: capacity", n)
		}
		require.Equal(t, best, got, "instance %d: %v caps %v", n, data, caps)
	}
}

// Fair never matches fewer mentees than total, and its lowest score is at
// least total's.
func TestFairKeepsCardinality(t *testing.T) {
	p := program(t, 60, 20, 3)
	cfg := mentormatch.DefaultConfig()
	total, err := Match(p, cfg)
	require.NoError(t, err)
	cfg.Objective = "fair"
	fair, err := Match(p, cfg)
	require.NoError(t, err)
	assert.Equal(t, total.Roster.Summary.Matched, fair.Roster.Summary.Matched)
	assert.GreaterOrEqual(t, fair.Roster.Summary.MinScore, total.Roster.Summary.MinScore)
	assert.LessOrEqual(t, fair.Roster.Summary.TotalScore, total.Roster.Summary.TotalScore)
}

// Each match's components add up to its score, and its reason is not empty.
func TestExplanationMatchesScore(t *testing.T) {
	p := program(t, 80, 25, 11)
	res, err := Match(p, mentormatch.DefaultConfig())
	require.NoError(t, err)
	require.NotEmpty(t, res.Roster.Matches)
	for _, m := range res.Roster.Matches {
		sum := 0.0
		for _, c := range m.Components {
			sum += c.Points
		}
		assert.InDelta(t, m.Score, sum, 0.011, "%s–%s", m.MenteeID, m.MentorID)
		assert.NotEmpty(t, m.Reason)
	}
	for _, u := range res.Roster.Unmatched {
		assert.NotEmpty(t, u.Reason, u.ID)
	}
}

// Putting all the weight on skills can only raise the skills the roster
// covers: the hard rules, and so the number matched, do not depend on
// weights.
func TestWeightsSteerTheRoster(t *testing.T) {
	p := program(t, 80, 25, 17)
	skillsOf := func(r *mentormatch.Roster) float64 {
		s := 0.0
		for _, m := range r.Matches {
			for _, c := range m.Components {
				if c.Name == "skills" {
					s += c.Value
				}
			}
		}
		return s
	}
	base, err := Match(p, mentormatch.DefaultConfig())
	require.NoError(t, err)
	cfg := mentormatch.DefaultConfig()
	cfg.Weights = mentormatch.Weights{Skills: 100}
	skills, err := Match(p, cfg)
	require.NoError(t, err)
	assert.Equal(t, base.Roster.Summary.Matched, skills.Roster.Summary.Matched)
	assert.Greater(t, skillsOf(skills.Roster), skillsOf(base.Roster))
}

// Forcing a pair costs exactly what enumeration says.
func TestForceAgainstBruteForce(t *testing.T) {
	p := program(t, 7, 4, 23)
	res, err := Match(p, mentormatch.DefaultConfig())
	require.NoError(t, err)
	raw := res.Scores.RawMatrix()
	data := make([]float64, 0, raw.Rows*raw.Cols)
	for i := range raw.Rows {
		data = append(data, raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols]...)
	}
	tried := 0
	for i := range raw.Rows {
		for j := range raw.Cols {
			if math.IsNaN(data[i*raw.Cols+j]) || res.capacities[j] == 0 {
				_, err := res.Force(i, j)
				assert.Error(t, err)
				continue
			}
			bestCard, bestTotal := -1, 0.0
			assignments(raw.Rows, raw.Cols, data, res.capacities, func(rc []int) {
				if rc[i] != j {
					return
				}
				card, total := 0, 0.0
				for r, c := range rc {
					if c >= 0 {
						card++
						total += data[r*raw.Cols+c]
					}
				}
				if card > bestCard || card == bestCard && total > bestTotal {
					bestCard, bestTotal = card, total
				}
			})
			f, err := res.Force(i, j)
			require.NoError(t, err)
			assert.Equal(t, bestCard, f.Assigned)
			assert.InDelta(t, bestTotal, f.Total, 1e-6)
			assert.InDelta(t, res.Roster.Summary.TotalScore-bestTotal, f.Loss, 1e-6)
			tried++
		}
	}
	assert.Positive(t, tried)
}

func TestBlockingPairs(t *testing.T) {
	// Mentor 0 (one seat) holds mentee 0 at 5; mentee 1 would score 7 with
	// mentor 0 and has only 6 with mentor 1: blocking. Mentee 2 is
	// unmatched and mentor 1 has a free seat: blocking at 1.
	scores := mat.NewDense(3, 2, []float64{
		5, 4,
		7, 6,
		math.NaN(), 1,
	})
	got := BlockingPairs(scores, []int{0, 1, -1}, []int{1, 2})
	assert.Equal(t, []BlockingPair{
		{Mentee: 1, Mentor: 0, Score: 7, Gain: 1},
		{Mentee: 2, Mentor: 1, Score: 1, Gain: 1},
	}, got)
	assert.Empty(t, BlockingPairs(scores, []int{1, 0, 1}, []int{1, 2}))
}

// Counting blocking pairs from the scorer's rows agrees with listing them
// from the matrix; with shared time as a tier, they are counted on the
// tiered cells (a pair who can meet before one who cannot).
func TestCountBlockingAgrees(t *testing.T) {
	p := program(t, 50, 15, 29)
	cfg := mentormatch.DefaultConfig()
	cfg.Rules.PreferSharedTime = false
	res, err := Match(p, cfg)
	require.NoError(t, err)
	want := BlockingPairs(res.Scores, res.Solution.RowCol, res.capacities)
	require.NotEmpty(t, want)
	assert.Equal(t, len(want), countBlocking(Scores{}.source(res.Scorer), res.Solution.RowCol, res.capacities))
	assert.Equal(t, len(want), res.Roster.Summary.BlockingPairs)

	res, err = Match(p, mentormatch.DefaultConfig())
	require.NoError(t, err)
	require.NotNil(t, res.tier, "the program has allowed pairs who cannot meet")
	want = BlockingPairs(res.tier.dense(res.Scores), res.Solution.RowCol, res.capacities)
	assert.Equal(t, len(want), res.Roster.Summary.BlockingPairs)
	assert.Equal(t, len(want), countBlocking(res.tier.source(Scores{}.source(res.Scorer)), res.Solution.RowCol, res.capacities))
}

// The sparse path gives the same roster as the dense one.
func TestSparseModeAgrees(t *testing.T) {
	p := program(t, 300, 60, 31)
	cfg := mentormatch.DefaultConfig()
	dense, err := Match(p, cfg)
	require.NoError(t, err)
	assert.Nil(t, dense.Sparse)
	small := Options{DenseCells: 100}
	require.True(t, small.Sparse(p, cfg))
	// Bounds kept two bytes a cell (scoring.Cached), then bounds read row
	// by row each time: the same optimum, proven on every pair.
	var first *mentormatch.Roster
	for _, limit := range []int{0, -1} {
		held := int64(0)
		opt := small
		opt.CompactCells = limit
		opt.HoldMemory = func(n int64) func() { held = n; return func() { held = -held } }
		sparse, err := opt.Match(p, cfg)
		require.NoError(t, err)
		assert.Nil(t, sparse.Scores)
		assert.Nil(t, sparse.compact, "bounds, not scores, are held")
		if limit == 0 {
			assert.Equal(t, -2*int64(len(p.Mentees)*len(p.Mentors)), held, "compact scores held, then released")
		} else {
			assert.Zero(t, held, "nothing to hold")
		}
		// The certificate: every pair outside the last program, with a
		// mentor who takes mentees, was checked against the duals.
		require.NotNil(t, sparse.Sparse)
		open := 0
		for _, k := range Capacities(p) {
			if k > 0 {
				open++
			}
		}
		assert.Equal(t, int64(len(p.Mentees)*open-sparse.Sparse.Pairs), sparse.Sparse.Checked)
		assert.Equal(t, dense.Roster.Summary, sparse.Roster.Summary)
		if first == nil {
			first = sparse.Roster
		}
		assert.Equal(t, first, sparse.Roster)
		assert.Equal(t, dense.Candidates(0, 5), sparse.Candidates(0, 5))
		// A forced pair is priced from the sparse duals as from the dense.
		priced := 0
		for i := 0; i < len(p.Mentees); i += 37 {
			for j := 0; j < len(p.Mentors); j += 7 {
				want, werr := dense.Force(i, j)
				got, gerr := sparse.Force(i, j)
				require.Equal(t, werr == nil, gerr == nil, "(%d, %d): %v, %v", i, j, werr, gerr)
				if werr == nil {
					assert.Equal(t, want, got, "(%d, %d)", i, j)
					priced++
				}
			}
		}
		assert.Greater(t, priced, 20)
	}
	cfg.Objective = "fair"
	assert.False(t, small.Sparse(p, cfg), "fair needs the matrix")
}

// Pricing from the duals and re-solving agree on every allowed pair.
func TestForcePricedAgreesWithResolve(t *testing.T) {
	p := program(t, 40, 12, 37)
	res, err := Match(p, mentormatch.DefaultConfig())
	require.NoError(t, err)
	require.True(t, res.priced)
	raw := res.Scores.RawMatrix()
	for i := range raw.Rows {
		for j := range raw.Cols {
			if math.IsNaN(res.Scores.At(i, j)) || res.capacities[j] == 0 {
				continue
			}
			res.priced = true
			a, err := res.Force(i, j)
			require.NoError(t, err)
			res.priced = false
			b, err := res.Force(i, j)
			require.NoError(t, err)
			require.Equal(t, b, a, "pair %d,%d", i, j)
		}
	}
}

// Solved on bounds (the sparse mode, bounds held or read again), a
// program has the dense optimum: as many mentees, the same total, as few
// pairs who cannot meet, whatever the rules that forbid pairs, with
// coarse weights that make many ties, and people across time zones whose
// bounds of shared time are loose.
func TestBoundedAgreesWithDense(t *testing.T) {
	configs := map[string]func(*mentormatch.Config){
		"default": func(*mentormatch.Config) {},
		"ties": func(c *mentormatch.Config) {
			c.Weights = mentormatch.Weights{Skills: 1, Availability: 1, Goals: 1, Level: 1}
		},
		"forbidding": func(c *mentormatch.Config) {
			c.Rules.MinScore = 60
			c.Rules.MinOverlapHours = 1
			c.Rules.MaxLevelGap = 3
			c.Rules.AllowSameDepartment = false
		},
		"no tier": func(c *mentormatch.Config) { c.Rules.PreferSharedTime = false },
	}
	for name, set := range configs {
		for seed := range uint64(4) {
			p := worldwide(t, 150+int(seed)*40, 30+int(seed)*7, 700+seed)
			cfg := mentormatch.DefaultConfig()
			set(&cfg)
			dense, err := Match(p, cfg)
			require.NoError(t, err)
			for _, limit := range []int{0, -1} {
				sparse, err := Options{DenseCells: 100, CompactCells: limit}.Match(p, cfg)
				require.NoError(t, err)
				require.NotNil(t, sparse.Sparse, name)
				ds, ss := dense.Roster.Summary, sparse.Roster.Summary
				where := fmt.Sprintf("%s seed %d limit %d", name, seed, limit)
				assert.Equal(t, ds.Matched, ss.Matched, where)
				assert.Equal(t, ds.TotalScore, ss.TotalScore, where)
				assert.Equal(t, ds.CannotMeet, ss.CannotMeet, where)
				assert.Equal(t, ds.MatchedIfSharedTimeRequired, ss.MatchedIfSharedTimeRequired, where)
				assert.Equal(t, dense.Tiered(), sparse.Tiered(), where)
			}
		}
	}
}
