package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/matching"
)

// bruteQuota enumerates every assignment: the largest number of pairs,
// and among assignments of that size with at least need(size) counted
// pairs, the best total.
func bruteQuota(scores *mat.Dense, caps []int, counted [][]bool, needOf func(int) int) (card int, best float64, feasible bool) {
	rows, cols := scores.Dims()
	type leaf struct {
		card, count int
		total       float64
	}
	var leaves []leaf
	load := make([]int, cols)
	var walk func(i, card, count int, total float64)
	walk = func(i, card, count int, total float64) {
		if i == rows {
			leaves = append(leaves, leaf{card, count, total})
			return
		}
		walk(i+1, card, count, total)
		for j := range cols {
			if v := scores.At(i, j); !math.IsNaN(v) && load[j] < caps[j] {
				load[j]++
				c := count
				if counted[i][j] {
					c++
				}
				walk(i+1, card+1, c, total+v)
				load[j]--
			}
		}
	}
	walk(0, 0, 0, 0)
	for _, l := range leaves {
		card = max(card, l.card)
	}
	need := needOf(card)
	best = math.Inf(-1)
	for _, l := range leaves {
		if l.card == card && l.count >= need && l.total > best {
			best, feasible = l.total, true
		}
	}
	return card, best, feasible
}

// The quota solution against enumeration: never better than the true
// optimum, never below the bound, optimal whenever it says so, and
// infeasible exactly when enumeration finds nothing.
func TestSolveQuotaAgainstEnumeration(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	optimal, found, total := 0, 0, 0
	for trial := range 400 {
		rows, cols := 2+r.IntN(5), 1+r.IntN(4)
		data := make([]float64, rows*cols)
		counted := make([][]bool, rows)
		for i := range rows {
			counted[i] = make([]bool, cols)
			for j := range cols {
				data[i*cols+j] = float64(r.IntN(10001)) / 100
				if trial%2 == 0 {
					data[i*cols+j] = float64(r.IntN(5) * 10) // many ties
				}
				if r.IntN(5) == 0 {
					data[i*cols+j] = math.NaN()
				}
				counted[i][j] = r.IntN(5) < 2
			}
		}
		caps := make([]int, cols)
		for j := range caps {
			caps[j] = 1 + r.IntN(2)
		}
		share := []float64{30, 50, 70, 90, 100}[r.IntN(5)]
		needOf := func(k int) int { return int(math.Ceil(share*float64(k)/100 - 1e-9)) }
		scores := mat.NewDense(rows, cols, data)
		sol, err := solveQuota(scores, matching.Options{Maximize: true, Capacity: caps}, func(i, j int) bool { return counted[i][j] }, needOf)
		require.NoError(t, err)
		card, best, feasible := bruteQuota(scores, caps, counted, needOf)
		require.Equal(t, card, sol.Assigned, "trial %d: as many pairs as possible", trial)
		require.Equal(t, feasible, sol.Feasible, "trial %d", trial)
		if !feasible {
			continue
		}
		total++
		assert.GreaterOrEqual(t, sol.Counted, sol.Need, "trial %d", trial)
		assert.LessOrEqual(t, sol.Total, best+1e-6, "trial %d", trial)
		assert.GreaterOrEqual(t, sol.Bound, best-1e-6, "trial %d: the bound holds", trial)
		if math.Abs(sol.Total-best) < 1e-6 {
			found++
		}
		if sol.Optimal {
			optimal++
			assert.InDelta(t, best, sol.Total, 1e-6, "trial %d: proven optimal", trial)
		}
	}
	t.Logf("optimal in %d and proven so in %d of %d feasible instances", found, optimal, total)
	assert.Greater(t, float64(optimal), 0.9*float64(total))
}

func ptr(v float64) *float64 { return &v }

// Through the scorer: a hard cross-department quota is met and reported,
// and costs no more than it must. Data mentees want sql, web mentees
// react; each department's mentors are the strong ones in its skill, so
// every cross-department pair scores 0 and every other 100. With 5 + 5
// mentees and 6 data + 4 web seats, the number of cross pairs is always
// odd: a 60% quota (6 pairs) takes 7, and the Lagrangian bound cannot be
// reached, while 70% is met exactly and proven optimal.
func TestSolveQuotaCrossDepartment(t *testing.T) {
	var es, ms []mentormatch.Person
	for i := range 10 {
		d, skill := "data", "sql"
		if i%2 == 1 {
			d, skill = "web", "react"
		}
		es = append(es, mentormatch.Person{ID: "E" + itoa(i), Name: "e", Department: d, Wants: []string{skill}})
	}
	for j := range 5 {
		d, skill := "data", "sql"
		if j%2 == 1 {
			d, skill = "web", "react"
		}
		ms = append(ms, mentormatch.Person{ID: "M" + itoa(j), Name: "m", Department: d, Capacity: 2,
			Skills: []mentormatch.Skill{{Name: skill, Level: 5}}})
	}
	tests := []struct {
		name           string
		share          float64
		hard           bool
		meeting        int
		total          float64
		reached, proof bool
		note           string
	}{
		{"soft: reported only", 60, false, 1, 900, false, true, ""},
		{"hard, met exactly", 70, true, 7, 300, true, true, "proven optimal"},
		{"hard, one pair above the target", 60, true, 7, 300, true, false, "within 100 points of the best possible"},
		{"hard, already met", 10, true, 1, 900, true, true, "met by the best roster without enforcing it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := withCriteria(mentormatch.Criterion{Name: "cross-department", Column: "department", Rule: "different"})
			cfg.Weights = mentormatch.Weights{Skills: 1}
			cfg.Quotas = []mentormatch.Quota{{Criterion: "cross-department", AtLeast: ptr(tt.share), Hard: tt.hard}}
			s, err := New(program(es, ms), cfg)
			require.NoError(t, err)
			sol, err := s.SolveQuota(s.Matrix(), []int{2, 2, 2, 2, 2})
			require.NoError(t, err)
			assert.Equal(t, 10, sol.Assigned)
			assert.Equal(t, tt.total, sol.Total)
			assert.Equal(t, tt.proof, sol.Optimal)
			res := s.QuotaResults(sol.RowCol, sol)
			require.Len(t, res, 1)
			assert.Equal(t, fmt.Sprintf("at least %g%% of pairs meet cross-department", tt.share), res[0].Target)
			assert.Equal(t, 10, res[0].Matched)
			assert.Equal(t, tt.meeting, res[0].Meeting)
			assert.Equal(t, tt.reached, res[0].Reached)
			assert.Equal(t, float64(tt.meeting*10), res[0].Percent)
			if tt.note == "" {
				assert.Empty(t, res[0].Note)
			} else {
				assert.Contains(t, res[0].Note, tt.note)
			}
		})
	}
}

func TestSolveQuotaInfeasible(t *testing.T) {
	es := []mentormatch.Person{{ID: "E1", Name: "a", Department: "data"}, {ID: "E2", Name: "b", Department: "data"}}
	ms := []mentormatch.Person{{ID: "M1", Name: "c", Department: "data", Capacity: 2}, {ID: "M2", Name: "d", Department: "web"}}
	cfg := withCriteria(mentormatch.Criterion{Name: "cross", Column: "department", Rule: "different", Weight: 1})
	cfg.Quotas = []mentormatch.Quota{{Criterion: "cross", AtLeast: ptr(100), Hard: true}}
	s, err := New(program(es, ms), cfg)
	require.NoError(t, err)
	sol, err := s.SolveQuota(s.Matrix(), []int{2, 1})
	require.NoError(t, err)
	assert.False(t, sol.Feasible)
	assert.Equal(t, 2, sol.Assigned, "matching everyone comes first")
	assert.Equal(t, 1, sol.Counted)
	res := s.QuotaResults(sol.RowCol, sol)
	assert.False(t, res[0].Reached)
	assert.Contains(t, res[0].Note, "cannot be met: at most 1 of the 2 matched pairs")
}

func TestQuotaAtMost(t *testing.T) {
	es := []mentormatch.Person{{ID: "E1", Name: "a", Department: "data"}, {ID: "E2", Name: "b", Department: "data"}}
	ms := []mentormatch.Person{{ID: "M1", Name: "c", Department: "data", Capacity: 2}, {ID: "M2", Name: "d", Department: "web", Capacity: 2}}
	cfg := withCriteria(mentormatch.Criterion{Name: "same team", Column: "department", Rule: "same", Weight: 1})
	cfg.Weights = mentormatch.Weights{}
	cfg.Quotas = []mentormatch.Quota{{Name: "Few same-team pairs", Criterion: "same team", AtMost: ptr(50), Hard: true}}
	s, err := New(program(es, ms), cfg)
	require.NoError(t, err)
	sol, err := s.SolveQuota(s.Matrix(), []int{2, 2})
	require.NoError(t, err)
	res := s.QuotaResults(sol.RowCol, sol)
	assert.Equal(t, "few same-team pairs", res[0].Name)
	assert.Equal(t, 1, res[0].Meeting)
	assert.True(t, res[0].Reached)
	assert.True(t, sol.Optimal)
	assert.Equal(t, 100.0, sol.Total, "one same-team pair (100) and one other (0)")
}
