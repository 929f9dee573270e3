package scoring

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// listProgram is a random program whose people also prefer and avoid
// each other, and in which some mentees mentor too, so that every rule
// that reads a list of people has pairs to act on.
func listProgram(r *rand.Rand, mentees, mentors int) (*mentormatch.Program, mentormatch.Config) {
	p, cfg := criteriaProgram(r, mentees, mentors)
	id := func() string { return p.People[r.IntN(len(p.People))].ID }
	for i := range p.People {
		q := &p.People[i]
		if r.IntN(4) == 0 {
			q.Prefers = append(q.Prefers, id())
		}
		if r.IntN(5) == 0 {
			q.Avoid = append(q.Avoid, id())
		}
		if r.IntN(6) == 0 {
			q.ManagerID = id()
		}
	}
	for k := 0; k < 3; k++ {
		i := p.Mentees[r.IntN(len(p.Mentees))]
		p.People[i].Role = mentormatch.RoleBoth
		p.People[i].Capacity = 2
		p.Mentors = append(p.Mentors, i)
	}
	return p, cfg
}

// Row, Cell, Matrix, Compact and Pair must give every cell alike, to the
// bit, under every rule: the solver of a large program reads rows, the
// roster shows Pair.
func TestRowAgreesWithCell(t *testing.T) {
	configs := map[string]func(*mentormatch.Config){
		"default":  func(*mentormatch.Config) {},
		"no rules": func(c *mentormatch.Config) { c.Rules = mentormatch.Rules{AllowSameDepartment: true} },
		"strict": func(c *mentormatch.Config) {
			c.Rules.MinOverlapHours = 1
			c.Rules.MinScore = 40
			c.Rules.MaxLevelGap = 3
			c.Rules.MentorAboveMentee = true
		},
		"criteria only": func(c *mentormatch.Config) { c.Weights = mentormatch.Weights{Skills: 1} },
	}
	for name, set := range configs {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, uint64(len(name))))
			p, cfg := listProgram(r, 70, 30)
			set(&cfg)
			if name == "default" {
				// A level past what the readers accept, as a program
				// built in code may have: the general path of Row.
				m := p.Mentor(3)
				m.Skills = append(m.Skills, mentormatch.Skill{Name: "go", Level: 40})
				e := p.Mentee(5)
				e.Skills = append(e.Skills, mentormatch.Skill{Name: "go", Level: 38})
				e.Wants = append(e.Wants, "go")
			}
			s, err := New(p, cfg)
			require.NoError(t, err)
			assert.Equal(t, name != "default", s.smallLevels)
			rows, cols := s.Size()
			m := s.Matrix().RawMatrix().Data
			c, ok := s.Compact()
			require.True(t, ok)
			row, crow := make([]float64, cols), make([]float64, cols)
			specials, forbidden := 0, 0
			for i := range rows {
				s.Row(i, row)
				c.Row(i, crow)
				specials += len(s.mentees[i].special)
				for j := range cols {
					want := s.Cell(i, j)
					same := func(x float64) bool {
						return math.Float64bits(x) == math.Float64bits(want) || math.IsNaN(x) && math.IsNaN(want)
					}
					assert.True(t, same(row[j]), "Row (%d,%d): %v, Cell %v", i, j, row[j], want)
					assert.True(t, same(m[i*cols+j]), "Matrix (%d,%d)", i, j)
					assert.True(t, same(crow[j]) && same(c.Cell(i, j)), "Compact (%d,%d)", i, j)
					b := s.Pair(i, j)
					if math.IsNaN(want) {
						forbidden++
						assert.NotEmpty(t, b.Forbidden, "(%d,%d)", i, j)
					} else {
						assert.Empty(t, b.Forbidden, "(%d,%d)", i, j)
						assert.Equal(t, want, b.Score, "(%d,%d)", i, j)
					}
				}
			}
			assert.Positive(t, specials)
			assert.Positive(t, forbidden)
			assert.Less(t, forbidden, rows*cols)
		})
	}
}

// A score that is not a whole number of hundredths from 0 to 655.34 does
// not fit a Compact cell; every one that does comes back to the bit.
func TestEncode(t *testing.T) {
	out := make([]uint16, 4)
	require.True(t, encode(out, []float64{0, 100, 37.45, math.NaN()}))
	assert.Equal(t, []uint16{0, 10000, 3745, noScore}, out)
	for _, x := range []float64{-0.01, 655.35, 1e9, 12.345, math.Inf(1)} {
		assert.False(t, encode(out, []float64{x}), "%v", x)
	}
	for k := range hundredths() {
		if k != noScore {
			x := math.Round(float64(k)) / 100 // as Round2 makes a score
			require.True(t, encode(out[:1], []float64{x}), "%d", k)
			require.Equal(t, math.Float64bits(x), math.Float64bits(hundredths()[out[0]]))
		}
	}
	assert.True(t, math.IsNaN(hundredths()[noScore]))
}

// RowApart makes one row's marks anew: a veto added to a mentee, that row
// scored again into a copy of the old marks, gives the marks and count of
// scoring the whole program with the veto.
func TestRowApart(t *testing.T) {
	p, cfg := listProgram(rand.New(rand.NewPCG(5, 1)), 70, 30)
	sc, err := New(p, cfg)
	require.NoError(t, err)
	d, a := sc.MatrixApart()
	q := *p
	// A pair who cannot meet, so that the veto takes a mark away.
	i, j := -1, -1
	for k := range p.Mentees {
		for l := range p.Mentors {
			if i < 0 && a.Has(k, l) {
				i, j = k, l
			}
		}
	}
	require.GreaterOrEqual(t, i, 0, "the example has a pair who cannot meet")
	q.Decisions = mentormatch.Decisions{{MenteeID: p.Mentee(i).ID, MentorID: p.Mentor(j).ID, Kind: mentormatch.Forbid}}
	vetoed, err := New(&q, cfg)
	require.NoError(t, err)
	want, wantApart := vetoed.MatrixApart()
	got := a.Clone()
	vetoed.RowApart(i, d.RawRowView(i), got)
	assert.Equal(t, wantApart, got)
	assert.Equal(t, a.Count()-1, got.Count())
	assert.True(t, math.IsNaN(d.At(i, j)))
	for k, x := range d.RawRowView(i) {
		y := want.At(i, k)
		assert.True(t, x == y || math.IsNaN(x) && math.IsNaN(y), "mentor %d: %v, want %v", k, x, y)
	}
}
