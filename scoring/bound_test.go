package scoring

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// RowBound is at least every cell, NaN only where the cell is, and, when
// BoundsForbidExactly, NaN exactly where the cell is; on generated
// programs, under every rule, with criteria, lists of people, history and
// decisions.
func TestRowBound(t *testing.T) {
	configs := map[string]func(*mentormatch.Config){
		"default":     func(*mentormatch.Config) {},
		"no criteria": func(c *mentormatch.Config) { c.Criteria, c.Quotas = nil, nil },
		"no rules": func(c *mentormatch.Config) {
			c.Rules = mentormatch.Rules{AllowSameDepartment: true}
			c.Criteria, c.Quotas = nil, nil
		},
		"strict": func(c *mentormatch.Config) {
			c.Rules.MinOverlapHours = 1
			c.Rules.MinScore = 40
			c.Rules.MaxLevelGap = 3
			c.Rules.MentorAboveMentee = true
			c.Rules.AllowSameDepartment = false
		},
		"strict, no criteria": func(c *mentormatch.Config) {
			c.Rules.MinScore = 55
			c.Rules.MaxLevelGap = 2
			c.Criteria, c.Quotas = nil, nil
		},
		"history penalty": func(c *mentormatch.Config) {
			c.Criteria, c.Quotas = nil, nil
			c.History.Repeat = "penalty"
			c.History.Penalty = 30
		},
	}
	for name, set := range configs {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(9, uint64(len(name))))
			p, cfg := listProgram(r, 80, 30)
			set(&cfg)
			for k := 0; k < 6; k++ {
				p.Earlier = append(p.Earlier, mentormatch.EarlierPair{MenteeID: p.Mentee(r.IntN(len(p.Mentees))).ID, MentorID: p.Mentor(r.IntN(len(p.Mentors))).ID})
			}
			p.Decisions = mentormatch.Decisions{{MenteeID: p.Mentee(4).ID, MentorID: p.Mentor(2).ID, Kind: mentormatch.Forbid}}
			s, err := New(p, cfg)
			require.NoError(t, err)
			rows, cols := s.Size()
			row, bound := make([]float64, cols), make([]float64, cols)
			tight, allowed := 0, 0
			for i := range rows {
				s.Row(i, row)
				s.RowBound(i, bound)
				for j := range cols {
					x, b := row[j], bound[j]
					if math.IsNaN(b) {
						require.True(t, math.IsNaN(x), "(%d,%d): bound NaN, cell %v", i, j, x)
						continue
					}
					if s.BoundsForbidExactly() {
						require.False(t, math.IsNaN(x), "(%d,%d): bound %v, cell NaN", i, j, b)
					}
					if math.IsNaN(x) {
						continue
					}
					allowed++
					require.GreaterOrEqual(t, b, x, "(%d,%d)", i, j)
					if b-x < 0.01 {
						tight++
					}
				}
			}
			assert.Positive(t, allowed)
			assert.Positive(t, tight, "some bound is the cell itself (full shared time)")
		})
	}
}
