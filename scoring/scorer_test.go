package scoring

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// program builds a program from mentees and mentors given in that order.
func program(mentees, mentors []mentormatch.Person) *mentormatch.Program {
	p := &mentormatch.Program{}
	for _, e := range mentees {
		e.Role = mentormatch.RoleMentee
		p.Mentees = append(p.Mentees, len(p.People))
		p.People = append(p.People, e)
	}
	for _, m := range mentors {
		m.Role = mentormatch.RoleMentor
		if m.Capacity == 0 && m.MentorType == mentormatch.Primary {
			m.Capacity = 1
		}
		p.Mentors = append(p.Mentors, len(p.People))
		p.People = append(p.People, m)
	}
	return p
}

func slot(d time.Weekday, from, to string) mentormatch.Slot {
	parse := func(s string) int {
		t, _ := time.Parse("15:04", s)
		return t.Hour()*60 + t.Minute()
	}
	end := parse(to)
	if to == "24:00" {
		end = 24 * 60
	}
	return mentormatch.Slot{Day: d, Start: parse(from), End: end}
}

func TestHardRules(t *testing.T) {
	base := func() ([]mentormatch.Person, []mentormatch.Person) {
		return []mentormatch.Person{{ID: "E1", Name: "Ann", Level: 2, Department: "Data", ManagerID: "M2"}},
			[]mentormatch.Person{{ID: "M1", Name: "Bo", Level: 5, Department: "Platform", Capacity: 1}, {ID: "M2", Name: "Cy", Level: 6, Capacity: 1}}
	}
	tests := []struct {
		name   string
		edit   func(e, m []mentormatch.Person, cfg *mentormatch.Config)
		mentor int
		want   string
	}{
		{"allowed", func(e, m []mentormatch.Person, cfg *mentormatch.Config) {}, 0, ""},
		{"manager", func(e, m []mentormatch.Person, cfg *mentormatch.Config) {}, 1, ruleChain},
		{"manager's manager", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { m[1].ManagerID = "M1" }, 0, ruleChain},
		{"mentee manages mentor", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { m[0].ManagerID = "E1" }, 0, ruleChain},
		{"chain rule off", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { cfg.Rules.ManagementChain = false }, 1, ""},
		{"avoid by mentee", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { e[0].Avoid = []string{"M1"} }, 0, ruleAvoid},
		{"avoid by mentor", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { m[0].Avoid = []string{"E1"} }, 0, ruleAvoid},
		{"no shared language", func(e, m []mentormatch.Person, cfg *mentormatch.Config) {
			e[0].Languages, m[0].Languages = []string{"de"}, []string{"en", "fr"}
		}, 0, ruleLanguage},
		{"one lists no language", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { e[0].Languages = []string{"de"} }, 0, ""},
		{"senior", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { m[0].MentorType = mentormatch.Senior }, 0, ruleSenior},
		{"capacity 0", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { m[0].Capacity = -1 }, 0, ruleCapacity},
		{"same department refused", func(e, m []mentormatch.Person, cfg *mentormatch.Config) {
			cfg.Rules.AllowSameDepartment = false
			m[0].Department = "data"
		}, 0, ruleDept},
		{"level gap", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { cfg.Rules.MaxLevelGap = 2 }, 0, ruleGap},
		{"mentor below", func(e, m []mentormatch.Person, cfg *mentormatch.Config) {
			cfg.Rules.MentorAboveMentee = true
			m[0].Level = 1
		}, 0, ruleBelow},
		{"min score", func(e, m []mentormatch.Person, cfg *mentormatch.Config) { cfg.Rules.MinScore = 99 }, 0, ruleMinScore},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, m := base()
			cfg := mentormatch.DefaultConfig()
			tt.edit(e, m, &cfg)
			for k := range m {
				if m[k].Capacity < 0 {
					m[k].Capacity = 0
				}
			}
			p := program(e, m)
			if m[0].Capacity == 0 {
				p.People[p.Mentors[0]].Capacity = 0
			}
			s, err := New(p, cfg)
			require.NoError(t, err)
			b := s.Pair(0, tt.mentor)
			assert.Contains(t, b.Forbidden, tt.want)
			if tt.want == "" {
				assert.Empty(t, b.Forbidden)
			}
			assert.Equal(t, tt.want != "", math.IsNaN(s.Matrix().At(0, tt.mentor)))
		})
	}
}

func TestSkillsAreGraded(t *testing.T) {
	e := []mentormatch.Person{{ID: "E1", Name: "A", Wants: []string{"kubernetes", "go"}, Skills: []mentormatch.Skill{{Name: "kubernetes", Level: 1}}}}
	m := []mentormatch.Person{
		{ID: "M1", Name: "B", Skills: []mentormatch.Skill{{Name: "kubernetes", Level: 2}}},
		{ID: "M2", Name: "C", Skills: []mentormatch.Skill{{Name: "kubernetes", Level: 3}}},
		{ID: "M3", Name: "D", Skills: []mentormatch.Skill{{Name: "go", Level: 5}}},
		{ID: "M4", Name: "E", Skills: []mentormatch.Skill{{Name: "Kubernetes", Level: 4}, {Name: "go", Level: 4}}},
	}
	s, err := New(program(e, m), mentormatch.DefaultConfig())
	require.NoError(t, err)
	v := func(j int) float64 { return s.Pair(0, j).Components[0].Value }
	assert.Less(t, v(0), v(1), "two levels above counts more than one")
	assert.Greater(t, v(1), v(2), "the first want counts most")
	assert.Equal(t, 1.0, v(3))
	assert.Equal(t, "covers kubernetes 4 vs 1, go 4 vs 0", s.Pair(0, 3).Reason)
}

func TestReasonNamesStrongestComponents(t *testing.T) {
	e := []mentormatch.Person{{ID: "E1", Name: "A", Level: 2, Wants: []string{"kubernetes"}, Goals: []string{"Tech Lead"},
		Skills: []mentormatch.Skill{{Name: "kubernetes", Level: 1}}, Availability: []mentormatch.Slot{slot(time.Monday, "09:00", "12:30")}}}
	m := []mentormatch.Person{{ID: "M1", Name: "B", Level: 4, Offers: []string{"tech lead"},
		Skills: []mentormatch.Skill{{Name: "kubernetes", Level: 4}}, Availability: []mentormatch.Slot{slot(time.Monday, "09:00", "12:30")}}}
	s, err := New(program(e, m), mentormatch.DefaultConfig())
	require.NoError(t, err)
	b := s.Pair(0, 0)
	assert.Equal(t, "covers kubernetes 4 vs 1; 3.5 h/week shared; goals: tech lead", b.Reason)
	assert.Equal(t, 95.0, b.Score, "all but the prefers bonus")
	sum := 0.0
	for _, c := range b.Components {
		sum += c.Points
	}
	assert.InDelta(t, b.Score, sum, 0.05)
}

func TestUnmatchedReasons(t *testing.T) {
	e := []mentormatch.Person{{ID: "E1", Name: "A", Languages: []string{"ja"}}, {ID: "E2", Name: "B"}}
	m := []mentormatch.Person{{ID: "M1", Name: "C", Languages: []string{"en"}, Capacity: 1}, {ID: "M2", Name: "D", Languages: []string{"en"}, Capacity: 1}}
	s, err := New(program(e, m), mentormatch.DefaultConfig())
	require.NoError(t, err)
	assert.Equal(t, "no mentor shares a language", s.UnmatchedReason(0, []int{1, 1}))
	assert.Equal(t, "the 2 mentors who could take them are full: M1, M2", s.UnmatchedReason(1, []int{1, 1}))
}

func randomProgram(r *rand.Rand, mentees, mentors int) *mentormatch.Program {
	skills := []string{"go", "kubernetes", "sql", "security", "react", "terraform", "ml", "incident response"}
	goals := []string{"tech lead", "architecture", "people management", "public speaking"}
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"}
	var es, ms []mentormatch.Person
	person := func(id string) mentormatch.Person {
		loc, _ := time.LoadLocation(zones[r.IntN(len(zones))])
		p := mentormatch.Person{ID: id, Name: id, Level: r.IntN(9) + 1, Location: loc, Department: []string{"a", "b", "c"}[r.IntN(3)]}
		for _, s := range skills {
			if r.IntN(3) == 0 {
				p.Skills = append(p.Skills, mentormatch.Skill{Name: s, Level: r.IntN(6)})
			}
		}
		for k := r.IntN(3); k > 0; k-- {
			from := 6*60 + r.IntN(24)*30
			p.Availability = append(p.Availability, mentormatch.Slot{Day: time.Weekday(r.IntN(7)), Start: from, End: from + 60 + r.IntN(4)*30})
		}
		if r.IntN(4) == 0 {
			p.Languages = []string{[]string{"en", "de"}[r.IntN(2)]}
		}
		return p
	}
	for i := 0; i < mentees; i++ {
		p := person("E" + itoa(i))
		for k := r.IntN(4); k > 0; k-- {
			p.Wants = append(p.Wants, skills[r.IntN(len(skills))])
		}
		p.Goals = []string{goals[r.IntN(len(goals))]}
		if i > 0 && r.IntN(5) == 0 {
			p.ManagerID = "M" + itoa(r.IntN(mentors))
		}
		es = append(es, p)
	}
	for j := 0; j < mentors; j++ {
		p := person("M" + itoa(j))
		p.Offers = []string{goals[r.IntN(len(goals))], goals[r.IntN(len(goals))]}
		p.Capacity = r.IntN(4)
		if j > 0 && r.IntN(3) == 0 {
			p.ManagerID = "M" + itoa(r.IntN(j))
		}
		ms = append(ms, p)
	}
	return program(es, ms)
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// Matrix and Pair must agree on every cell: the roster shows Pair, the
// optimiser sees Matrix.
func TestMatrixAgreesWithPair(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	p := randomProgram(r, 60, 25)
	s, err := New(p, mentormatch.DefaultConfig())
	require.NoError(t, err)
	m := s.Matrix()
	for i := range p.Mentees {
		for j := range p.Mentors {
			b := s.Pair(i, j)
			if b.Forbidden != "" {
				assert.True(t, math.IsNaN(m.At(i, j)), "(%d,%d) forbidden: %s", i, j, b.Forbidden)
				continue
			}
			assert.Equal(t, b.Score, m.At(i, j), "(%d,%d)", i, j)
			assert.GreaterOrEqual(t, b.Score, 0.0)
			assert.LessOrEqual(t, b.Score, 100.0)
		}
	}
	again := s.Matrix().RawMatrix().Data
	for k, v := range m.RawMatrix().Data {
		assert.True(t, v == again[k] || math.IsNaN(v) && math.IsNaN(again[k]), "deterministic at %d", k)
	}
}

func BenchmarkMatrix(b *testing.B) {
	for _, size := range []struct{ mentees, mentors int }{{1000, 200}, {10000, 2000}} {
		p := randomProgram(rand.New(rand.NewPCG(7, 7)), size.mentees, size.mentors)
		s, err := New(p, mentormatch.DefaultConfig())
		require.NoError(b, err)
		b.Run(itoa(size.mentees)+"x"+itoa(size.mentors), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Matrix()
			}
		})
	}
}
