package roster

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch"
)

// worldwide is a generated program whose people sit between New York and
// Tokyo with one narrow weekly slot each (one or two hours), as many HR
// exports do: many allowed pairs cannot meet.
func worldwide(t testing.TB, mentees, mentors int, seed uint64) *mentormatch.Program {
	t.Helper()
	p := program(t, mentees, mentors, seed)
	var locs []*time.Location
	for _, name := range []string{"America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo"} {
		loc, err := time.LoadLocation(name)
		require.NoError(t, err)
		locs = append(locs, loc)
	}
	r := rand.New(rand.NewPCG(seed, 99))
	for i := range p.People {
		q := &p.People[i]
		z := r.IntN(len(locs))
		q.Location, q.TimeZone = locs[z], locs[z].String()
		length := 60 * (1 + r.IntN(2))
		start := 8*60 + 30*r.IntN(20)
		q.Availability = []mentormatch.Slot{{Day: time.Weekday(1 + r.IntN(3)), Start: start, End: start + length}}
	}
	return p
}

// tierKey is what the objective compares, in order.
type tierKey struct {
	card, meet int
	low, total float64
}

// bruteTier enumerates every assignment of res's program (rc[i] == j
// when i ≥ 0), best by matched, then pairs who can meet (from each pair's
// breakdown), then (fair) lowest score, then total.
func bruteTier(res *Result, fair bool, i0, j0 int) tierKey {
	raw := res.Scores.RawMatrix()
	rows, cols := raw.Rows, raw.Cols
	data := make([]float64, 0, rows*cols)
	meet := make([]bool, rows*cols)
	for i := range rows {
		data = append(data, raw.Data[i*raw.Stride:i*raw.Stride+cols]...)
		for j := range cols {
			meet[i*cols+j] = res.Scorer.Pair(i, j).CanMeet
		}
	}
	better := func(a, b tierKey) bool {
		if a.card != b.card {
			return a.card > b.card
		}
		if a.meet != b.meet {
			return a.meet > b.meet
		}
		if fair && a.low != b.low {
			return a.low > b.low
		}
		return a.total > b.total+1e-9
	}
	best := tierKey{card: -1}
	assignments(rows, cols, data, res.capacities, func(rc []int) {
		if i0 >= 0 && rc[i0] != j0 {
			return
		}
		k := tierKey{low: math.Inf(1)}
		for i, j := range rc {
			if j >= 0 {
				k.card++
				if meet[i*cols+j] {
					k.meet++
				}
				k.total += data[i*cols+j]
				k.low = math.Min(k.low, data[i*cols+j])
			}
		}
		if better(k, best) {
			best = k
		}
	})
	return best
}

// The roster has as many pairs who can meet as any roster matching as many
// mentees, then the best total (or fair); forced pairs are priced under the
// same objective. Checked against enumeration on small programs.
func TestSharedTimeTierAgainstBruteForce(t *testing.T) {
	tiered, shortcut := 0, 0
	for seed := range uint64(160) {
		p := worldwide(t, 4+int(seed%3), 2+int(seed%2), 100+seed)
		if seed >= 40 {
			// Broad availability: often no pair of the optimum by score
			// alone is apart, and that optimum and its duals are kept.
			p = program(t, 4+int(seed%3), 2+int(seed%2), 100+seed)
		}
		for _, objective := range []mentormatch.MatchObjective{mentormatch.ObjectiveTotal, mentormatch.ObjectiveFair} {
			cfg := mentormatch.DefaultConfig()
			cfg.Objective = objective
			res, err := Match(p, cfg)
			require.NoError(t, err)
			want := bruteTier(res, objective == mentormatch.ObjectiveFair, -1, -1)
			s := res.Roster.Summary
			got := tierKey{card: s.Matched, meet: s.Matched - s.CannotMeet, low: s.MinScore, total: s.TotalScore}
			if want.card == 0 {
				continue
			}
			if res.tier != nil {
				tiered++
				if s.CannotMeet == 0 && objective == mentormatch.ObjectiveTotal {
					shortcut++
				}
			}
			assert.Equal(t, want.card, got.card, "seed %d %s", seed, objective)
			assert.Equal(t, want.meet, got.meet, "seed %d %s", seed, objective)
			if objective == mentormatch.ObjectiveFair {
				assert.Equal(t, want.low, got.low, "seed %d", seed)
			}
			assert.InDelta(t, want.total, got.total, 1e-6, "seed %d %s", seed, objective)
			for i := range p.Mentees {
				for j := range p.Mentors {
					if math.IsNaN(res.cell(i, j)) || res.capacities[j] == 0 {
						continue
					}
					f, err := res.Force(i, j)
					require.NoError(t, err)
					w := bruteTier(res, objective == mentormatch.ObjectiveFair, i, j)
					assert.Equal(t, w.card, f.Assigned, "seed %d %s (%d, %d)", seed, objective, i, j)
					if res.tier != nil {
						assert.Equal(t, w.card-w.meet, f.CannotMeet, "seed %d %s (%d, %d)", seed, objective, i, j)
					}
					if objective == mentormatch.ObjectiveTotal {
						assert.InDelta(t, w.total, f.Total, 1e-6, "seed %d (%d, %d)", seed, i, j)
					}
				}
			}
		}
	}
	assert.Greater(t, tiered, 20, "most programs have pairs who cannot meet")
	t.Logf("%d tiered, %d of them with no pair apart in the total's optimum", tiered, shortcut)
	assert.Positive(t, shortcut)
}

// Requiring shared time matches no more mentees than preferring it, and
// the count agrees with enumeration.
func TestRequiredSharedTime(t *testing.T) {
	checked := 0
	for seed := range uint64(30) {
		p := worldwide(t, 5, 3, 300+seed)
		res, err := Match(p, mentormatch.DefaultConfig())
		require.NoError(t, err)
		s := res.Roster.Summary
		raw := res.Scores.RawMatrix()
		data := make([]float64, 0, raw.Rows*raw.Cols)
		for i := range raw.Rows {
			for j := range raw.Cols {
				v := raw.Data[i*raw.Stride+j]
				if !res.Scorer.Pair(i, j).CanMeet {
					v = math.NaN()
				}
				data = append(data, v)
			}
		}
		best := 0
		assignments(raw.Rows, raw.Cols, data, res.capacities, func(rc []int) {
			n := 0
			for _, j := range rc {
				if j >= 0 {
					n++
				}
			}
			best = max(best, n)
		})
		assert.Equal(t, best, s.MatchedIfSharedTimeRequired, "seed %d", seed)
		assert.LessOrEqual(t, s.MatchedIfSharedTimeRequired, s.Matched)
		if s.CannotMeet > 0 {
			checked++
		}
	}
	assert.Positive(t, checked)
}

// With prefer_shared_time the dense and sparse solves agree on the
// roster, its counts and its forced-pair prices; without it the roster has
// at least as many pairs who cannot meet.
func TestSharedTimeTierSparseAgrees(t *testing.T) {
	p := worldwide(t, 200, 40, 7)
	cfg := mentormatch.DefaultConfig()
	dense, err := Match(p, cfg)
	require.NoError(t, err)
	require.NotNil(t, dense.tier)
	off := cfg
	off.Rules.PreferSharedTime = false
	plain, err := Match(p, off)
	require.NoError(t, err)
	assert.Equal(t, plain.Roster.Summary.Matched, dense.Roster.Summary.Matched)
	assert.Less(t, dense.Roster.Summary.CannotMeet, plain.Roster.Summary.CannotMeet)
	assert.LessOrEqual(t, dense.Roster.Summary.TotalScore, plain.Roster.Summary.TotalScore)
	assert.Equal(t, dense.Roster.Summary.MatchedIfSharedTimeRequired, plain.Roster.Summary.MatchedIfSharedTimeRequired)

	for _, limit := range []int{0, -1} {
		sparse, err := Options{DenseCells: 100, CompactCells: limit}.Match(p, cfg)
		require.NoError(t, err)
		require.NotNil(t, sparse.Sparse)
		assert.Equal(t, dense.Roster.Summary, sparse.Roster.Summary)
		for i := 0; i < len(p.Mentees); i += 23 {
			for j := 0; j < len(p.Mentors); j += 3 {
				want, werr := dense.Force(i, j)
				got, gerr := sparse.Force(i, j)
				require.Equal(t, werr == nil, gerr == nil)
				if werr == nil {
					assert.Equal(t, want, got, "(%d, %d)", i, j)
				}
			}
		}
	}
}

// With a hard quota the tier still applies: among rosters that match the
// most mentees and meet the quota, the most pairs who can meet, then the
// best total; checked against enumeration wherever the quota's
// certificate proves the roster optimal.
func TestSharedTimeTierWithHardQuota(t *testing.T) {
	proven, tiered := 0, 0
	for seed := range uint64(80) {
		p := worldwide(t, 5+int(seed%2), 2+int(seed%2), 500+seed)
		cfg := mentormatch.DefaultConfig()
		cfg.Criteria = []mentormatch.Criterion{{Name: "cross", Column: "time_zone", Rule: "same", Weight: 1}}
		share := []float64{20, 30, 40}[seed%3]
		cfg.Quotas = []mentormatch.Quota{{Criterion: "cross", AtLeast: &share, Hard: true}}
		res, err := Match(p, cfg)
		require.NoError(t, err)
		s := res.Roster.Summary
		require.Len(t, s.Quotas, 1)
		note := s.Quotas[0].Note
		if !strings.Contains(note, "proven optimal") && !strings.Contains(note, "without enforcing") {
			continue
		}
		proven++
		if res.tier != nil && strings.Contains(note, "proven optimal") {
			tiered++
		}
		raw := res.Scores.RawMatrix()
		rows, cols := raw.Rows, raw.Cols
		best := tierKey{card: -1}
		bestQuota := false
		assignments(rows, cols, raw.Data, res.capacities, func(rc []int) {
			var k tierKey
			cross := 0
			for i, j := range rc {
				if j >= 0 {
					k.card++
					if res.Scorer.Pair(i, j).CanMeet {
						k.meet++
					}
					if res.Scorer.Meets(i, j, "cross") {
						cross++
					}
					k.total += raw.Data[i*cols+j]
				}
			}
			met := float64(cross) >= share/100*float64(k.card)-1e-9
			switch {
			case k.card != best.card:
				if k.card < best.card {
					return
				}
			case met != bestQuota:
				if !met {
					return
				}
			case k.meet != best.meet:
				if k.meet < best.meet {
					return
				}
			case k.total <= best.total+1e-9:
				return
			}
			best, bestQuota = k, met
		})
		require.True(t, s.Quotas[0].Reached == bestQuota, "seed %d", seed)
		assert.Equal(t, best.card, s.Matched, "seed %d", seed)
		assert.Equal(t, best.meet, s.Matched-s.CannotMeet, "seed %d: %s", seed, note)
		assert.InDelta(t, best.total, s.TotalScore, 1e-6, "seed %d: %s", seed, note)
	}
	t.Logf("%d programs proven optimal, %d of them tiered with the quota enforced", proven, tiered)
	assert.Greater(t, tiered, 5)
}

// lowerSaved tiers the matrix in place exactly as a tiered copy is, and
// its restore gives back every cell bit for bit (lowering rounds, so
// raising again would not).
func TestLowerSavedRestores(t *testing.T) {
	res, err := Match(worldwide(t, 200, 40, 7), mentormatch.DefaultConfig())
	require.NoError(t, err)
	require.NotNil(t, res.tier)
	before := mat.DenseCopyOf(res.Scores)
	tiered := res.tier.dense(before)
	restore := res.tier.lowerSaved(res.Scores)
	same := func(a, b *mat.Dense) bool {
		ra, rb := a.RawMatrix(), b.RawMatrix()
		for i := range ra.Rows {
			for j := range ra.Cols {
				x, y := ra.Data[i*ra.Stride+j], rb.Data[i*rb.Stride+j]
				if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
					return false
				}
			}
		}
		return true
	}
	assert.True(t, same(tiered, res.Scores), "lowered in place as the copy is")
	assert.False(t, same(before, res.Scores), "some pair is apart")
	restore()
	assert.True(t, same(before, res.Scores), "every cell back")
}
