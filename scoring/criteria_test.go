package scoring

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// withCriteria is the default configuration plus criteria.
func withCriteria(cs ...mentormatch.Criterion) mentormatch.Config {
	cfg := mentormatch.DefaultConfig()
	cfg.Criteria = cs
	return cfg
}

func extra(kv ...string) map[string]string {
	m := map[string]string{}
	for k := 0; k+1 < len(kv); k += 2 {
		if kv[k+1] != "" {
			m[kv[k]] = kv[k+1]
		}
	}
	return m
}

// component returns the named component of b, or fails.
func component(t *testing.T, b Breakdown, name string) mentormatch.Component {
	t.Helper()
	for _, c := range b.Components {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no component %q in %v", name, b.Components)
	return mentormatch.Component{}
}

func TestCriteriaRules(t *testing.T) {
	style := map[string][]string{"structured": {"structured", "flexible"}, "exploratory": {"flexible", "exploratory"}}
	tests := []struct {
		name           string
		crit           mentormatch.Criterion
		mentee, mentor mentormatch.Person
		value          float64 // soft component value; NaN: no component
		forbidden      string  // hard: substring of Breakdown.Forbidden; "" allowed
		reason         string  // substring of the reason
	}{
		{name: "same, met",
			crit:   mentormatch.Criterion{Column: "Location", Rule: "same", Weight: 10},
			mentee: mentormatch.Person{Extra: extra("location", "Berlin")}, mentor: mentormatch.Person{Extra: extra("LOCATION", " berlin ")},
			value: 1, reason: "same location: berlin"},
		{name: "same, not met",
			crit:   mentormatch.Criterion{Column: "location", Rule: "same", Weight: 10},
			mentee: mentormatch.Person{Extra: extra("location", "Berlin")}, mentor: mentormatch.Person{Extra: extra("location", "Lisbon")},
			value: 0},
		{name: "same, blank ignored",
			crit:   mentormatch.Criterion{Column: "location", Rule: "same", Weight: 10, Hard: true},
			mentee: mentormatch.Person{Extra: extra("location", "Berlin")}, mentor: mentormatch.Person{},
			value: neutral},
		{name: "same, blank fails",
			crit:   mentormatch.Criterion{Column: "location", Rule: "same", Hard: true, Blank: "fail"},
			mentee: mentormatch.Person{Extra: extra("location", "Berlin")}, mentor: mentormatch.Person{},
			value: math.NaN(), forbidden: "no location given"},
		{name: "same, hard, names both cells",
			crit:   mentormatch.Criterion{Column: "erg", Rule: "same", Hard: true, Blank: "as_value"},
			mentee: mentormatch.Person{Extra: extra("erg", "Women in Tech")}, mentor: mentormatch.Person{},
			value: math.NaN(), forbidden: "erg differs (mentee: women in tech, mentor: blank)"},
		{name: "same as_value: two blanks are equal",
			crit:   mentormatch.Criterion{Column: "erg", Rule: "same", Hard: true, Blank: "as_value"},
			mentee: mentormatch.Person{Extra: extra("x", "1")}, mentor: mentormatch.Person{Extra: extra("erg", "")},
			value: math.NaN()},
		{name: "different on the built-in department, by an alias",
			crit:   mentormatch.Criterion{Name: "cross-department", Column: "Team", Rule: "different", Weight: 10},
			mentee: mentormatch.Person{Department: "Data"}, mentor: mentormatch.Person{Department: "Platform"},
			value: 1, reason: "cross-department platform vs data"},
		{name: "different, hard, same department",
			crit:   mentormatch.Criterion{Column: "department", Rule: "different", Hard: true},
			mentee: mentormatch.Person{Department: "Data"}, mentor: mentormatch.Person{Department: "data"},
			value: math.NaN(), forbidden: "same department"},
		{name: "mentor-only requirement",
			crit:   mentormatch.Criterion{Column: "Shipped to production", Rule: "same", Value: "Yes", Hard: true},
			mentee: mentormatch.Person{}, mentor: mentormatch.Person{Extra: extra("shipped_to_production", "no")},
			value: math.NaN(), forbidden: "shipped to production is not yes (mentor: no)"},
		{name: "mentor-only requirement: a blank cell fails it",
			crit:   mentormatch.Criterion{Column: "Shipped to production", Rule: "same", Value: "Yes", Hard: true},
			mentee: mentormatch.Person{}, mentor: mentormatch.Person{Extra: extra("x", "1")},
			value: math.NaN(), forbidden: "no shipped to production given (mentor: blank)"},
		{name: "overlap, graded by the mentee's list",
			crit:   mentormatch.Criterion{Column: "hobbies", Rule: "overlap", Weight: 5},
			mentee: mentormatch.Person{Extra: extra("hobbies", "chess; climbing, Go ; baking")}, mentor: mentormatch.Person{Extra: extra("hobbies", "go;chess")},
			value: 0.5, reason: "hobbies: chess, go"},
		{name: "overlap, hard, nothing in common",
			crit:   mentormatch.Criterion{Column: "hobbies", Rule: "overlap", Hard: true},
			mentee: mentormatch.Person{Extra: extra("hobbies", "chess")}, mentor: mentormatch.Person{Extra: extra("hobbies", "go")},
			value: math.NaN(), forbidden: "no hobbies in common"},
		{name: "at_least with a margin, met",
			crit:   mentormatch.Criterion{Column: "years", Rule: "at_least", Margin: 3, Weight: 5},
			mentee: mentormatch.Person{Extra: extra("years", "2")}, mentor: mentormatch.Person{Extra: extra("years", "5,5")},
			value: 1, reason: "years 5.5 vs 2"},
		{name: "at_least, hard, too low",
			crit:   mentormatch.Criterion{Column: "years", Rule: "at_least", Margin: 3, Hard: true},
			mentee: mentormatch.Person{Extra: extra("years", "2")}, mentor: mentormatch.Person{Extra: extra("years", "4")},
			value: math.NaN(), forbidden: "years too low (mentee: 2, mentor: 4)"},
		{name: "at_least a fixed job title, on the built-in level",
			crit:   mentormatch.Criterion{Name: "seniority", Column: "grade", Rule: "at_least", Value: "staff", Hard: true},
			mentee: mentormatch.Person{Level: 2}, mentor: mentormatch.Person{Level: 4},
			value: math.NaN(), forbidden: "seniority too low (mentor: 4)"},
		{name: "at_most",
			crit:   mentormatch.Criterion{Column: "age", Rule: "at_most", Margin: 10, Weight: 5},
			mentee: mentormatch.Person{Extra: extra("age", "30")}, mentor: mentormatch.Person{Extra: extra("age", "45")},
			value: 0},
		{name: "closer is better, graded over the scale",
			crit:   mentormatch.Criterion{Column: "age", Rule: "closer_is_better", Scale: 20, Weight: 5},
			mentee: mentormatch.Person{Extra: extra("age", "30")}, mentor: mentormatch.Person{Extra: extra("age", "35")},
			value: 0.75},
		{name: "closer is better, hard margin",
			crit:   mentormatch.Criterion{Column: "age", Rule: "closer_is_better", Margin: 4, Hard: true},
			mentee: mentormatch.Person{Extra: extra("age", "30")}, mentor: mentormatch.Person{Extra: extra("age", "35")},
			value: math.NaN(), forbidden: "age too far apart"},
		{name: "compatible",
			crit:   mentormatch.Criterion{Column: "work style", Rule: "compatible", Table: style, Weight: 15},
			mentee: mentormatch.Person{Extra: extra("Work_Style", "Structured")}, mentor: mentormatch.Person{Extra: extra("WorkStyle", "flexible")},
			value: 1, reason: "work style: structured with flexible"},
		{name: "compatible is read from the mentee's side",
			crit:   mentormatch.Criterion{Column: "work style", Rule: "compatible", Table: style, Hard: true},
			mentee: mentormatch.Person{Extra: extra("work style", "flexible")}, mentor: mentormatch.Person{Extra: extra("work style", "structured")},
			value: math.NaN(), forbidden: "work style not compatible (mentee: flexible, mentor: structured)"},
		{name: "mentee preference honoured",
			crit:   mentormatch.Criterion{Name: "mentor gender", Column: "preferred mentor gender", MentorColumn: "gender", Rule: "mentee_preference", Weight: 20},
			mentee: mentormatch.Person{Extra: extra("Preferred mentor gender", "female; non-binary")}, mentor: mentormatch.Person{Extra: extra("Gender", "Female")},
			value: 1, reason: "mentor gender as asked: female"},
		{name: "mentee preference not asked: ignored",
			crit:   mentormatch.Criterion{Column: "preferred mentor gender", MentorColumn: "gender", Rule: "mentee_preference", Hard: true},
			mentee: mentormatch.Person{Extra: extra("preferred mentor gender", "No preference")}, mentor: mentormatch.Person{Extra: extra("gender", "male")},
			value: math.NaN()},
		{name: "mentee preference: same as themselves",
			crit:   mentormatch.Criterion{Name: "gender", Column: "same gender mentor", MentorColumn: "gender", Rule: "mentee_preference", Hard: true},
			mentee: mentormatch.Person{Extra: extra("same gender mentor", "same", "gender", "female")}, mentor: mentormatch.Person{Extra: extra("gender", "male")},
			value: math.NaN(), forbidden: "gender not as the mentee asked (mentee: same, mentor: male)"},
		{name: "mentee preference: the mentor's blank fails",
			crit:   mentormatch.Criterion{Name: "gender", Column: "same gender mentor", MentorColumn: "gender", Rule: "mentee_preference", Hard: true},
			mentee: mentormatch.Person{Extra: extra("same gender mentor", "female")}, mentor: mentormatch.Person{Extra: extra("x", "1")},
			value: math.NaN(), forbidden: "gender not given by the mentor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, m := tt.mentee, tt.mentor
			e.ID, e.Name, m.ID, m.Name = "E1", "Ann", "M1", "Bo"
			// A second mentee and mentor with a value in every column keep
			// the missing-column check quiet.
			all := map[string]string{"erg": "women in tech", "gender": "female", "shipped to production": "yes"}
			for _, x := range []map[string]string{e.Extra, m.Extra} {
				for k, v := range x {
					all[k] = v
				}
			}
			others := []mentormatch.Person{{ID: "E2", Name: "Di", Extra: all}, {ID: "M2", Name: "Cy", Extra: all}}
			s, err := New(program([]mentormatch.Person{e, others[0]}, []mentormatch.Person{m, others[1]}), withCriteria(tt.crit))
			require.NoError(t, err)
			b := s.Pair(0, 0)
			if tt.forbidden != "" {
				assert.Contains(t, b.Forbidden, tt.forbidden)
				assert.True(t, math.IsNaN(s.Matrix().At(0, 0)))
			} else {
				assert.Empty(t, b.Forbidden)
				assert.False(t, math.IsNaN(s.Matrix().At(0, 0)))
			}
			if math.IsNaN(tt.value) {
				assert.Len(t, b.Components, len(Names), "a hard criterion without weight is no component")
			} else {
				c := component(t, b, tt.crit.ComponentName())
				assert.InDelta(t, tt.value, c.Value, 1e-9)
			}
			assert.Contains(t, b.Reason, tt.reason)
			assert.Equal(t, len(b.Components), len(s.ComponentNames()))
		})
	}
}

// A soft criterion moves the score by its weight and shows in the total.
func TestCriterionWeighsInTheScore(t *testing.T) {
	e := []mentormatch.Person{{ID: "E1", Name: "A", Department: "data"}}
	m := []mentormatch.Person{{ID: "M1", Name: "B", Department: "data"}, {ID: "M2", Name: "C", Department: "platform"}}
	plain, err := New(program(e, m), mentormatch.DefaultConfig())
	require.NoError(t, err)
	s, err := New(program(e, m), withCriteria(mentormatch.Criterion{Name: "cross", Column: "department", Rule: "different", Weight: 100}))
	require.NoError(t, err)
	assert.Equal(t, plain.Pair(0, 0).Score, plain.Pair(0, 1).Score)
	assert.Less(t, s.Pair(0, 0).Score, s.Pair(0, 1).Score)
	for j := range m {
		b := s.Pair(0, j)
		sum := 0.0
		for _, c := range b.Components {
			sum += c.Points
		}
		assert.InDelta(t, b.Score, sum, 0.05)
	}
	assert.Equal(t, 50.0, component(t, s.Pair(0, 1), "cross").Points, "100 of 200 weight")
}

func TestCriteriaInputErrors(t *testing.T) {
	src := func(row int) mentormatch.Source { return mentormatch.Source{File: "people.csv", Row: row} }
	e := []mentormatch.Person{
		{ID: "E1", Name: "A", Source: src(2), Extra: extra("Years", "many", "Work Style", "chaotic")},
		{ID: "E2", Name: "B", Source: src(3), Extra: extra("Years", "3", "Work Style", "structured", "Wants gender", "same")},
	}
	m := []mentormatch.Person{{ID: "M1", Name: "C", Source: src(4), Extra: extra("Years", "9", "Work Style", "flexible", "Gender", "x")}}
	cfg := withCriteria(
		mentormatch.Criterion{Column: "years", Rule: "at_least", Weight: 1, Line: 7},
		mentormatch.Criterion{Column: "work style", Rule: "compatible", Weight: 1, Table: map[string][]string{"structured": {"flexible"}, "flexible": {"structured"}}},
		mentormatch.Criterion{Name: "g", Column: "wants gender", MentorColumn: "own gender", Rule: "mentee_preference", Weight: 1},
		mentormatch.Criterion{Column: "Pronouns", Rule: "same", Weight: 1},
	)
	_, err := New(program(e, m), cfg)
	require.Error(t, err)
	assert.True(t, errors.Is(err, mentormatch.ErrInput))
	var ps mentormatch.Problems
	require.ErrorAs(t, err, &ps)
	msg := err.Error()
	for _, want := range []string{
		`people.csv row 2, column "Years": "many" is not a number or a job title of the levels for criterion "years" (config line 7)`,
		`people.csv row 2, column "Work Style": "chaotic" is not one of the values flexible, structured for criterion "work style"`,
		`people.csv row 3, column "Wants gender": asks for "same" but their own "own gender" cell is blank`,
		`"criteria[3].mentor_column": no mentor has a value in column "own gender"`,
		`"criteria[4].column": no mentee or mentor has a value in column "Pronouns", which criterion "pronouns" reads: the column is missing or empty (other columns seen: Gender, Wants gender, Work Style, Years)`,
	} {
		assert.Contains(t, msg, want)
	}
	assert.Len(t, ps, 5, msg)
}

func TestPreferenceColumnNobodyFilledIsAWarning(t *testing.T) {
	e := []mentormatch.Person{{ID: "E1", Name: "A"}}
	m := []mentormatch.Person{{ID: "M1", Name: "C", Extra: extra("gender", "f")}}
	s, err := New(program(e, m), withCriteria(mentormatch.Criterion{Column: "wants gender", MentorColumn: "gender", Rule: "mentee_preference", Hard: true}))
	require.NoError(t, err)
	require.Len(t, s.Warnings(), 1)
	assert.Contains(t, s.Warnings()[0].Message, `no mentee has a value in column "wants gender"`)
}

func TestUnmatchedByHardCriterion(t *testing.T) {
	e := []mentormatch.Person{{ID: "E1", Name: "A", Extra: extra("wants gender", "female")}}
	m := []mentormatch.Person{{ID: "M1", Name: "C", Extra: extra("gender", "male")}, {ID: "M2", Name: "D", Extra: extra("gender", "male")}}
	s, err := New(program(e, m), withCriteria(mentormatch.Criterion{Name: "gender", Column: "wants gender", MentorColumn: "gender", Rule: "mentee_preference", Hard: true}))
	require.NoError(t, err)
	assert.Equal(t, "every mentor is excluded: gender not as the mentee asked", s.UnmatchedReason(0, []int{0, 0}))
}

// criteriaProgram is a random program with columns for every rule.
func criteriaProgram(r *rand.Rand, mentees, mentors int) (*mentormatch.Program, mentormatch.Config) {
	p := randomProgram(r, mentees, mentors)
	styles := []string{"structured", "flexible", "exploratory", ""}
	genders := []string{"female", "male", "non-binary", ""}
	for i := range p.People {
		q := &p.People[i]
		q.Extra = extra(
			"Work Style", styles[r.IntN(len(styles))],
			"gender", genders[r.IntN(len(genders))],
			"Years", []string{"", "1", "3", "5", "8", "12"}[r.IntN(6)],
			"hobbies", []string{"", "chess", "chess; go", "running", "go; running; baking"}[r.IntN(5)],
		)
		if q.Role.IsMentee() && r.IntN(3) == 0 {
			q.Extra["preferred mentor gender"] = []string{"female", "same", "any", "male; non-binary"}[r.IntN(4)]
			if q.Extra["gender"] == "" {
				q.Extra["gender"] = "female"
			}
		}
	}
	cfg := withCriteria(
		mentormatch.Criterion{Name: "cross-department", Column: "department", Rule: "different", Weight: 10},
		mentormatch.Criterion{Column: "work style", Rule: "compatible", Weight: 15, Table: map[string][]string{
			"structured": {"structured", "flexible"}, "flexible": {"structured", "flexible", "exploratory"}, "exploratory": {"flexible", "exploratory"}}},
		mentormatch.Criterion{Name: "mentor gender", Column: "preferred mentor gender", MentorColumn: "gender", Rule: "mentee_preference", Hard: true},
		mentormatch.Criterion{Column: "years", Rule: "closer_is_better", Weight: 5},
		mentormatch.Criterion{Name: "experience", Column: "years", Rule: "at_least", Margin: 2, Weight: 5},
		mentormatch.Criterion{Column: "hobbies", Rule: "overlap", Weight: 3},
	)
	return p, cfg
}

// Matrix and Pair agree with criteria on, and hard criteria forbid.
func TestMatrixAgreesWithPairWithCriteria(t *testing.T) {
	p, cfg := criteriaProgram(rand.New(rand.NewPCG(3, 4)), 60, 25)
	s, err := New(p, cfg)
	require.NoError(t, err)
	m := s.Matrix()
	forbidden := 0
	for i := range p.Mentees {
		for j := range p.Mentors {
			b := s.Pair(i, j)
			if b.Forbidden != "" {
				forbidden++
				assert.True(t, math.IsNaN(m.At(i, j)), "(%d,%d) forbidden: %s", i, j, b.Forbidden)
				continue
			}
			assert.Equal(t, b.Score, m.At(i, j), "(%d,%d)", i, j)
			assert.Equal(t, m.At(i, j), s.Cell(i, j))
			sum := 0.0
			for _, c := range b.Components {
				sum += c.Points
			}
			assert.InDelta(t, b.Score, sum, 0.06)
		}
	}
	assert.Positive(t, forbidden)
	assert.Equal(t, []string{"skills", "availability", "goals", "level", "prefers",
		"cross-department", "work style", "years", "experience", "hobbies"}, s.ComponentNames())
}

func TestFoldHeader(t *testing.T) {
	for _, h := range []string{"Work Style", "work_style", "WORK-STYLE", "Work.Style", " work\u00a0style "} {
		assert.Equal(t, "workstyle", mentormatch.FoldHeader(h), h)
	}
	assert.Equal(t, "workstyle", strings.ToLower(mentormatch.FoldHeader("\ufeffWork Style")))
}

func BenchmarkMatrixCriteria(b *testing.B) {
	for _, size := range []struct{ mentees, mentors int }{{1000, 200}, {10000, 2000}} {
		p, cfg := criteriaProgram(rand.New(rand.NewPCG(7, 7)), size.mentees, size.mentors)
		s, err := New(p, cfg)
		require.NoError(b, err)
		b.Run(itoa(size.mentees)+"x"+itoa(size.mentors), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Matrix()
			}
		})
	}
}

// FuzzCriteriaCells feeds any cell text to every rule: New never panics,
// a rejected cell is an input error naming the file, row and column, and
// an accepted program scores alike in Matrix and Pair.
func FuzzCriteriaCells(f *testing.F) {
	f.Add("structured", "flexible", "3", "12,5", "female; same", "chess; go")
	f.Add("", "", "", "", "", "")
	f.Add("Chaotic", "STRUCTURED", "senior", "-1e308", "any", ";;,")
	f.Add("flexible", "exploratory", "NaN", "inf", "same", "go, go, go")
	f.Fuzz(func(t *testing.T, style1, style2, num1, num2, pref, list string) {
		src := func(row int) mentormatch.Source { return mentormatch.Source{File: "p.csv", Row: row} }
		e := []mentormatch.Person{
			{ID: "E1", Name: "a", Source: src(2), Extra: extra("style", style1, "n", num1, "pref", pref, "g", style2, "list", list)},
			{ID: "E2", Name: "b", Source: src(3), Extra: extra("style", "flexible", "n", "1", "pref", "female", "g", "female", "list", "go")},
		}
		m := []mentormatch.Person{
			{ID: "M1", Name: "c", Source: src(4), Extra: extra("style", style2, "n", num2, "g", pref, "list", list)},
			{ID: "M2", Name: "d", Source: src(5), Extra: extra("style", "structured", "n", "7", "g", "male", "list", "chess")},
		}
		cfg := withCriteria(
			mentormatch.Criterion{Column: "style", Rule: "compatible", Weight: 2, Table: map[string][]string{"structured": {"flexible"}, "flexible": {"structured", "flexible"}}},
			mentormatch.Criterion{Name: "near", Column: "n", Rule: "closer_is_better", Weight: 1, Margin: 2, Hard: true},
			mentormatch.Criterion{Name: "more", Column: "n", Rule: "at_least", Weight: 1},
			mentormatch.Criterion{Column: "pref", MentorColumn: "g", Rule: "mentee_preference", Weight: 1},
			mentormatch.Criterion{Column: "list", Rule: "overlap", Weight: 1, Blank: "fail"},
			mentormatch.Criterion{Name: "same g", Column: "g", Rule: "same", Blank: "as_value", Hard: true},
		)
		s, err := New(program(e, m), cfg)
		if err != nil {
			var ps mentormatch.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("not a list of problems: %v", err)
			}
			for _, p := range ps {
				if p.Column == "" || (p.File != "" && p.Row == 0) {
					t.Fatalf("problem without a location: %+v", p)
				}
			}
			return
		}
		mat := s.Matrix()
		for i := range e {
			for j := range m {
				b := s.Pair(i, j)
				if (b.Forbidden != "") != math.IsNaN(mat.At(i, j)) || b.Forbidden == "" && b.Score != mat.At(i, j) {
					t.Fatalf("(%d,%d): Pair %+v, Matrix %v", i, j, b, mat.At(i, j))
				}
				if b.Score < 0 || b.Score > 100 {
					t.Fatalf("score %v out of range", b.Score)
				}
			}
		}
	})
}
