package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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
		"shared time, no criteria": func(c *mentormatch.Config) {
			c.Rules.MinOverlapHours = 1.5
			c.Rules.MinScore = 30
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
			row, bound, cells := make([]float64, cols), make([]float64, cols), make([]float64, cols)
			tight, allowed := 0, 0
			for i := range rows {
				s.Row(i, row)
				s.RowBound(i, bound)
				// Cells gives the same cells to the bit, any few in any order.
				js := make([]int32, 0, cols)
				for _, j := range r.Perm(cols)[:1+r.IntN(cols)] {
					js = append(js, int32(j))
				}
				s.Cells(i, js, cells)
				for q, j := range js {
					require.Equal(t, math.Float64bits(row[j]), math.Float64bits(cells[q]), "Cells (%d,%d): %v, Row %v", i, j, cells[q], row[j])
				}
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

// A Cached matrix holds bounds at least the cells, NaN only where they
// are, and each cell exactly once Cells has given it; Cell is the cell
// throughout.
func TestCached(t *testing.T) {
	for _, crit := range []bool{false, true} {
		r := rand.New(rand.NewPCG(13, 1))
		p, cfg := listProgram(r, 60, 40)
		if !crit {
			cfg.Criteria, cfg.Quotas = nil, nil
		}
		s, err := New(p, cfg)
		require.NoError(t, err)
		c, ok := s.Cached()
		require.True(t, ok)
		rows, cols := s.Size()
		row, bound, cells := make([]float64, cols), make([]float64, cols), make([]float64, cols)
		same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
		for i := range rows {
			s.Row(i, row)
			js := make([]int32, 0, cols)
			for _, j := range r.Perm(cols)[:r.IntN(cols)] {
				js = append(js, int32(j))
			}
			for round := range 2 {
				c.Bound(i, bound)
				for j := range cols {
					require.True(t, same(row[j], c.Cell(i, j)), "Cell (%d,%d)", i, j)
					if math.IsNaN(bound[j]) {
						require.True(t, math.IsNaN(row[j]), "(%d,%d)", i, j)
					} else if !math.IsNaN(row[j]) {
						require.GreaterOrEqual(t, bound[j], row[j], "(%d,%d)", i, j)
					}
				}
				if round == 1 {
					for _, j := range js {
						require.True(t, same(row[j], bound[j]), "known (%d,%d): %v, want %v", i, j, bound[j], row[j])
					}
				}
				c.Cells(i, js, cells)
				for q, j := range js {
					require.True(t, same(row[j], cells[q]), "Cells (%d,%d)", i, j)
				}
			}
		}
	}
}

// The bounds read from a mentee's tables (boundTabled) are boundPart's to
// the bit, and a Cached row holds them encoded, on programs without
// criteria, under every rule; mentees with more wants or goals than the
// tables hold, and a program whose levels do not fit them, take
// boundPart.
func TestRowBoundTables(t *testing.T) {
	configs := map[string]func(*mentormatch.Config){
		"default": func(*mentormatch.Config) {},
		"no rules": func(c *mentormatch.Config) {
			c.Rules = mentormatch.Rules{AllowSameDepartment: true}
		},
		"strict": func(c *mentormatch.Config) {
			c.Rules.MinScore = 55
			c.Rules.MaxLevelGap = 2
			c.Rules.MentorAboveMentee = true
			c.Rules.AllowSameDepartment = false
		},
		"odd weights": func(c *mentormatch.Config) {
			c.Weights = mentormatch.Weights{Skills: 0.37, Availability: 1.9, Goals: 0.11, Level: 3.3, Prefers: 0.7}
		},
		"shared time": func(c *mentormatch.Config) {
			c.Weights = mentormatch.Weights{Skills: 0.61, Availability: 0.29, Goals: 1.3, Level: 0.17, Prefers: 0.2}
			c.Rules.MinOverlapHours = 1.5
			c.Rules.MinScore = 35
		},
		"levels past the tables": func(*mentormatch.Config) {},
		"many goal ids":          func(*mentormatch.Config) {},
	}
	for name, set := range configs {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(21, uint64(len(name))))
			p, cfg := listProgram(r, 90, 40)
			cfg.Criteria, cfg.Quotas = nil, nil
			set(&cfg)
			// Mentees with many wants and goals, past the tables.
			for k := range 3 {
				e := p.Mentee(k)
				e.Wants = append(e.Wants, "a", "b", "c", "d", "e")
				e.Goals = append(e.Goals, "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9")
			}
			// Goals past the first byte of a mentor's offers, offered.
			for k := range p.Mentors {
				if k%3 == 0 {
					p.Mentor(k).Offers = append(p.Mentor(k).Offers, "g5", "g7")
				}
			}
			for k := 3; k < 30; k++ {
				p.Mentee(k).Goals = append(p.Mentee(k).Goals, "g7")
			}
			if name == "levels past the tables" {
				p.Mentor(1).Level = 70
			}
			if name == "many goal ids" {
				// Past 16 goal ids: the goals' bits from offeredBy.
				for g := range 10 {
					p.Mentee(0).Goals = append(p.Mentee(0).Goals, fmt.Sprintf("h%d", g))
				}
			}
			s, err := New(p, cfg)
			require.NoError(t, err)
			assert.Equal(t, name != "many goal ids", s.moffers != nil)
			rows, cols := s.Size()
			tabled := 0
			got, want := make([]float64, cols), make([]float64, cols)
			out := make([]uint16, cols)
			row, cells := make([]float64, cols), make([]float64, cols)
			all := make([]int32, cols)
			for j := range all {
				all[j] = int32(j)
			}
			w := new(parts)
			for i := range rows {
				e := &s.mentees[i]
				require.True(t, s.rowBound(i, got, out))
				if s.tabled(e) && e.pin < 0 {
					tabled++
				}
				if e.pin >= 0 {
					continue
				}
				for lo := 0; lo < cols; lo += rowChunk {
					hi := min(lo+rowChunk, cols)
					s.boundPart(e, lo, hi, want[lo:hi], w)
				}
				for _, j := range e.special {
					want[j] = s.value(e, &s.mentors[j], true)
				}
				// Cells from the tables is Row to the bit.
				s.Row(i, row)
				s.Cells(i, all, cells)
				for j := range cols {
					require.Equal(t, math.Float64bits(row[j]), math.Float64bits(cells[j]), "Cells (%d,%d): %v, Row %v", i, j, cells[j], row[j])
					require.Equal(t, math.Float64bits(want[j]), math.Float64bits(got[j]), "(%d,%d): %v, boundPart %v", i, j, got[j], want[j])
					k, ok := boundCell(want[j])
					require.True(t, ok)
					require.Equal(t, k, out[j], "(%d,%d)", i, j)
				}
			}
			if name == "levels past the tables" {
				assert.Zero(t, tabled)
			} else {
				assert.Equal(t, rows-3-pinned(s), tabled)
			}
		})
	}
}

func pinned(s *Scorer) int {
	n := 0
	for i := range s.mentees {
		if s.mentees[i].pin >= 0 {
			n++
		}
	}
	return n
}

// nthSample is the sorted sample's q-th, with repeats and infinities.
func TestNthSample(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for range 500 {
		n := 1 + r.IntN(128)
		xs := make([]float64, n)
		for k := range xs {
			switch r.IntN(4) {
			case 0:
				xs[k] = math.Inf(-1)
			case 1:
				xs[k] = float64(r.IntN(5))
			default:
				xs[k] = r.Float64() * 100
			}
		}
		q := r.IntN(n)
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		require.Equal(t, sorted[q], nthSample(xs, q), "%v, %d", sorted, q)
	}
}

// ruled is rule without lists or shared time, from the columns, under
// every rule.
func TestRuled(t *testing.T) {
	configs := map[string]func(*mentormatch.Config){
		"default":     func(*mentormatch.Config) {},
		"no criteria": func(c *mentormatch.Config) { c.Criteria, c.Quotas = nil, nil },
		"no rules":    func(c *mentormatch.Config) { c.Rules = mentormatch.Rules{AllowSameDepartment: true} },
		"strict": func(c *mentormatch.Config) {
			c.Criteria, c.Quotas = nil, nil
			c.Rules.MinOverlapHours = 1
			c.Rules.MaxLevelGap = 2
			c.Rules.MentorAboveMentee = true
			c.Rules.AllowSameDepartment = false
			c.Rules.SharedLanguage = true
		},
	}
	for name, set := range configs {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(17, uint64(len(name))))
			p, cfg := listProgram(r, 60, 40)
			set(&cfg)
			s, err := New(p, cfg)
			require.NoError(t, err)
			rows, cols := s.Size()
			ruled := 0
			for i := range rows {
				for j := range cols {
					want := s.rule(&s.mentees[i], &s.mentors[j], -1, false) != ""
					require.Equal(t, want, s.ruled(&s.mentees[i], j), "(%d,%d)", i, j)
					if want {
						ruled++
					}
				}
			}
			assert.Positive(t, ruled)
		})
	}
}
