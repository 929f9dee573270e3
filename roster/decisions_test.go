package roster

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/scoring"
)

// A manager pins three pairs and vetoes two: the pins hold, the vetoed
// pairs never appear, and the roster is the best the rest can do, checked
// against enumeration of every assignment on small generated programs.
func TestDecisionsAgainstBruteForce(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	// The brute force below ranks by matched, then total: shared time as a
	// tier is checked against enumeration in tier_test.go.
	cfg.Rules.PreferSharedTime = false
	rng := rand.New(rand.NewPCG(17, 3))
	tried := 0
	for seed := uint64(1); tried < 40 && seed < 400; seed++ {
		p := program(t, 5+rng.IntN(3), 3+rng.IntN(2), seed)
		sc, err := scoring.New(p, cfg)
		require.NoError(t, err)
		m := sc.Matrix()
		rows, cols := m.Dims()
		caps := Capacities(p)
		var allowed [][2]int
		for i := range rows {
			for j := range cols {
				if !math.IsNaN(m.At(i, j)) && caps[j] > 0 {
					allowed = append(allowed, [2]int{i, j})
				}
			}
		}
		rng.Shuffle(len(allowed), func(a, b int) { allowed[a], allowed[b] = allowed[b], allowed[a] })
		var ds mentormatch.Decisions
		left := append([]int(nil), caps...)
		pinned := map[int]bool{}
		pins, forbids := 0, 0
		for _, c := range allowed {
			switch {
			case pins < 3 && !pinned[c[0]] && left[c[1]] > 0:
				pins++
				pinned[c[0]] = true
				left[c[1]]--
				ds = append(ds, mentormatch.Decision{MenteeID: p.Mentee(c[0]).ID, MentorID: p.Mentor(c[1]).ID, Kind: mentormatch.Pin})
			case forbids < 2 && !pinned[c[0]]:
				forbids++
				ds = append(ds, mentormatch.Decision{MenteeID: p.Mentee(c[0]).ID, MentorID: p.Mentor(c[1]).ID, Kind: mentormatch.Forbid})
			}
		}
		if pins < 3 || forbids < 2 {
			continue
		}
		tried++
		p.Decisions = ds
		res, err := Match(p, cfg)
		require.NoError(t, err)

		got := map[[2]string]bool{}
		for _, mt := range res.Roster.Matches {
			got[[2]string{mt.MenteeID, mt.MentorID}] = true
		}
		for _, d := range ds {
			assert.Equal(t, d.Kind == mentormatch.Pin, got[[2]string{d.MenteeID, d.MentorID}], "seed %d: %v", seed, d)
		}
		// Brute force on the undecided matrix: keep the pins, skip the
		// vetoes.
		data := make([]float64, rows*cols)
		for i := range rows {
			for j := range cols {
				data[i*cols+j] = m.At(i, j)
			}
		}
		for _, d := range ds {
			i, j := index(p.Mentees, p, d.MenteeID), index(p.Mentors, p, d.MentorID)
			if d.Kind == mentormatch.Forbid {
				data[i*cols+j] = math.NaN()
				continue
			}
			for k := range cols {
				if k != j {
					data[i*cols+k] = math.NaN()
				}
			}
		}
		// The solver matches as many as possible, then the best total.
		best, bestCard := math.Inf(-1), -1
		assignments(rows, cols, data, caps, func(rc []int) {
			total, card := 0.0, 0
			for _, d := range ds.Pins() {
				if rc[index(p.Mentees, p, d.MenteeID)] < 0 {
					return
				}
			}
			for i, j := range rc {
				if j >= 0 {
					total += data[i*cols+j]
					card++
				}
			}
			if card > bestCard || card == bestCard && total > best {
				best, bestCard = total, card
			}
		})
		assert.Equal(t, bestCard, res.Roster.Summary.Matched, "seed %d", seed)
		assert.InDelta(t, best, res.Roster.Summary.TotalScore, 0.011, "seed %d", seed)
		s := res.Roster.Summary.Decisions
		require.NotNil(t, s)
		assert.Equal(t, 3, s.Pinned)
		assert.Equal(t, 2, s.Forbidden)
		assert.GreaterOrEqual(t, s.CostPoints, -0.011)
		assert.Equal(t, s.FreeMatched-res.Roster.Summary.Matched, s.CostMatches)

		// A forced pair is priced around the pins: the same as solving
		// with that pair pinned too.
		for i := range rows {
			if pinned[i] {
				_, err := res.Force(i, 0)
				assert.ErrorContains(t, err, "pinned")
				continue
			}
			for j := range cols {
				if math.IsNaN(data[i*cols+j]) || left[j] == 0 {
					continue
				}
				f, err := res.Force(i, j)
				require.NoError(t, err)
				q := *p
				q.Decisions = append(append(mentormatch.Decisions(nil), ds...), mentormatch.Decision{MenteeID: p.Mentee(i).ID, MentorID: p.Mentor(j).ID, Kind: mentormatch.Pin})
				again, err := Match(&q, cfg)
				require.NoError(t, err)
				assert.InDelta(t, again.Roster.Summary.TotalScore, f.Total, 0.011, "seed %d force %d,%d", seed, i, j)
			}
		}
	}
	assert.Equal(t, 40, tried)
}

func index(list []int, p *mentormatch.Program, id string) int {
	for k, i := range list {
		if p.People[i].ID == id {
			return k
		}
	}
	return -1
}

func TestDecisionErrors(t *testing.T) {
	p := program(t, 6, 3, 2)
	cfg := mentormatch.DefaultConfig()
	e0, e1, e2 := p.Mentee(0).ID, p.Mentee(1).ID, p.Mentee(2).ID
	m0, m1 := p.Mentor(0).ID, p.Mentor(1).ID
	src := func(row int) mentormatch.Source { return mentormatch.Source{File: "d.csv", Row: row} }
	for _, tc := range []struct {
		name string
		ds   mentormatch.Decisions
		want []string
	}{
		{"unknown ids", mentormatch.Decisions{{MenteeID: "nobody", MentorID: "ghost", Kind: mentormatch.Pin, Source: src(2)}},
			[]string{"d.csv row 2, column \"mentee_id\": nobody is no mentee", "ghost is no mentor"}},
		{"pin and forbid", mentormatch.Decisions{{MenteeID: e0, MentorID: m0, Kind: mentormatch.Pin, Source: src(2)}, {MenteeID: e0, MentorID: m0, Kind: mentormatch.Forbid, Source: src(3)}},
			[]string{"row 3", "contradicts d.csv row 2"}},
		{"two mentors", mentormatch.Decisions{{MenteeID: e0, MentorID: m0, Kind: mentormatch.Pin, Source: src(2)}, {MenteeID: e0, MentorID: m1, Kind: mentormatch.Pin, Source: src(5)}},
			[]string{"row 5", "one mentor"}},
		{"over capacity", mentormatch.Decisions{
			{MenteeID: e0, MentorID: m0, Kind: mentormatch.Pin, Source: src(2)},
			{MenteeID: e1, MentorID: m0, Kind: mentormatch.Pin, Source: src(3)},
			{MenteeID: e2, MentorID: m0, Kind: mentormatch.Pin, Source: src(4)}},
			[]string{"more than their capacity", "d.csv row 2, d.csv row 3, d.csv row 4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := *p
			q.People = append([]mentormatch.Person(nil), p.People...)
			for k := range q.People {
				q.People[k].Capacity = min(q.People[k].Capacity, 2)
				q.People[k].Avoid, q.People[k].ManagerID, q.People[k].Languages = nil, "", nil
				q.People[k].Department = ""
			}
			q.Decisions = tc.ds
			_, err := Match(&q, cfg)
			require.Error(t, err)
			assert.True(t, errors.Is(err, mentormatch.ErrInput))
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
	// A pin that breaks a hard rule names the rule.
	q := *p
	q.People = append([]mentormatch.Person(nil), p.People...)
	menteeAt := q.Mentees[0]
	q.People[menteeAt].Avoid = []string{m0}
	q.Decisions = mentormatch.Decisions{{MenteeID: e0, MentorID: m0, Kind: mentormatch.Pin, Source: src(7)}}
	_, err := Match(&q, cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "d.csv row 7, column \"mentor_id\": cannot pin")
	assert.Contains(t, err.Error(), "asked not to be paired")
}

// The pins' cost is priced on the scores already held, the pinned rows
// scored again unpinned (withoutPins): the optimum it compares with is the
// one a program with the vetoes alone solves to, shared-time tier on.
func TestPinCostReusesScores(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	tried := 0
	for seed := uint64(1); seed <= 20; seed++ {
		p := program(t, 12, 5, seed)
		sc, err := scoring.New(p, cfg)
		require.NoError(t, err)
		m := sc.Matrix()
		var ds mentormatch.Decisions
		pinned := map[int]bool{}
		for i := 0; i < len(p.Mentees) && len(ds) < 4; i++ {
			for j := range p.Mentors {
				if !math.IsNaN(m.At(i, j)) && len(ds)%2 == 0 {
					ds = append(ds, mentormatch.Decision{MenteeID: p.Mentee(i).ID, MentorID: p.Mentor(j).ID, Kind: mentormatch.Pin})
					pinned[i] = true
					break
				}
				if !math.IsNaN(m.At(i, j)) && len(ds)%2 == 1 && !pinned[i] {
					ds = append(ds, mentormatch.Decision{MenteeID: p.Mentee(i).ID, MentorID: p.Mentor(j).ID, Kind: mentormatch.Forbid})
					break
				}
			}
		}
		p.Decisions = ds
		res, err := Match(p, cfg)
		if err != nil { // a pin over a mentor's capacity: another seed
			continue
		}
		q := *p
		q.Decisions = ds.Forbids()
		free, err := Match(&q, cfg)
		require.NoError(t, err)
		s := res.Roster.Summary.Decisions
		require.NotNil(t, s, "seed %d", seed)
		assert.Equal(t, free.Roster.Summary.Matched, s.FreeMatched, "seed %d", seed)
		assert.Equal(t, free.Roster.Summary.TotalScore, s.FreeTotal, "seed %d", seed)
		tried++
	}
	assert.GreaterOrEqual(t, tried, 10)
}
