package report

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// gapProgram is a small program whose gap map is worked out by hand in
// TestSkillGapsByHand.
func gapProgram() (*mentormatch.Program, *mentormatch.Roster) {
	sk := func(name string, level int) mentormatch.Skill { return mentormatch.Skill{Name: name, Level: level} }
	p := &mentormatch.Program{People: []mentormatch.Person{
		{ID: "A", Role: mentormatch.RoleMentee, Wants: []string{"go", "kubernetes"}},
		{ID: "B", Role: mentormatch.RoleMentee, Wants: []string{"Go", "sql", "go"}}, // case and repeats
		{ID: "C", Role: mentormatch.RoleMentee, Wants: []string{"kubernetes"}},
		{ID: "D", Role: mentormatch.RoleMentee, Wants: []string{"rust"}},
		{ID: "M1", Role: mentormatch.RoleMentor, Capacity: 2, Skills: []mentormatch.Skill{sk("go", 5), sk("kubernetes", 3)}},
		{ID: "M2", Role: mentormatch.RoleMentor, Capacity: 1, Skills: []mentormatch.Skill{sk("kubernetes", 4), sk("sql", 4)}},
		{ID: "M3", Role: mentormatch.RoleMentor, Capacity: 0, Skills: []mentormatch.Skill{sk("rust", 5)}},
		{ID: "S1", Role: mentormatch.RoleMentor, MentorType: mentormatch.Senior, Skills: []mentormatch.Skill{sk("rust", 4), sk("go", 4), sk("design", 5)}},
	}, Mentees: []int{0, 1, 2, 3}, Mentors: []int{4, 5, 6, 7}}
	r := &mentormatch.Roster{Matches: []mentormatch.Match{
		{MenteeID: "A", MentorID: "M1"}, {MenteeID: "B", MentorID: "M1"}, {MenteeID: "C", MentorID: "M2"},
	}}
	return p, r
}

// TestSkillGapsByHand checks the gap map against counts worked out by hand:
//
//	go:         wanted by A, B; M1 has 5 (2 places); S1 has 4; A and B are with M1: both covered.
//	kubernetes: wanted by A, C; only M2 has 4+ (1 place; M1 has 3); C is with M2, A is not covered.
//	sql:        wanted by B; M2 has 4 (1 place); B is with M1: not covered.
//	rust:       wanted by D; M3 has 5 but no place; S1 has 4; D is unmatched.
//	design:     wanted by nobody; only the senior S1 has it.
func TestSkillGapsByHand(t *testing.T) {
	p, r := gapProgram()
	want := []SkillGap{
		{Skill: "kubernetes", Wanting: 2, Mentors: 1, Places: 1, Covered: 1},
		{Skill: "rust", Wanting: 1, Seniors: 1},
		{Skill: "sql", Wanting: 1, Mentors: 1, Places: 1},
		{Skill: "go", Wanting: 2, Mentors: 1, Places: 2, Seniors: 1, Covered: 2},
		{Skill: "design", Seniors: 1},
	}
	got := SkillGaps(p, r)
	assert.Equal(t, want, got)

	for _, tc := range []struct {
		skill                      string
		coverage                   float64
		notCovered, short, wanting int
	}{
		{"kubernetes", 0.5, 1, 1, 2},
		{"rust", 0, 1, 1, 1},
		{"sql", 0, 1, 0, 1},
		{"go", 1, 0, 0, 2},
		{"design", 1, 0, 0, 0},
	} {
		i := indexOfSkill(got, tc.skill)
		require.GreaterOrEqual(t, i, 0, tc.skill)
		g := got[i]
		assert.Equal(t, tc.coverage, g.Coverage(), tc.skill)
		assert.Equal(t, tc.notCovered, g.NotCovered(), tc.skill)
		assert.Equal(t, tc.short, g.PlacesShort(), tc.skill)
	}
}

func indexOfSkill(gs []SkillGap, name string) int {
	for i, g := range gs {
		if g.Skill == name {
			return i
		}
	}
	return -1
}

func TestSkillGapsCapacityAndEdges(t *testing.T) {
	p, r := gapProgram()
	// The roster's capacity wins over the person's: M1 given 3 places, M3 one.
	r.Load = []mentormatch.MentorLoad{{MentorID: "M1", Capacity: 3}, {MentorID: "M3", Capacity: 1}}
	got := SkillGaps(p, r)
	assert.Equal(t, SkillGap{Skill: "go", Wanting: 2, Mentors: 1, Places: 3, Seniors: 1, Covered: 2}, got[indexOfSkill(got, "go")])
	assert.Equal(t, SkillGap{Skill: "rust", Wanting: 1, Mentors: 1, Places: 1, Seniors: 1}, got[indexOfSkill(got, "rust")])

	// Without a roster nothing is covered; without a program there is no map.
	for _, g := range SkillGaps(p, nil) {
		assert.Zero(t, g.Covered, g.Skill)
	}
	assert.Nil(t, SkillGaps(nil, r))
	assert.Empty(t, SkillGaps(&mentormatch.Program{}, &mentormatch.Roster{}))

	// A match naming someone not in the program is skipped, not a panic.
	r.Matches = append(r.Matches, mentormatch.Match{MenteeID: "ghost", MentorID: "M1"})
	assert.NotPanics(t, func() { SkillGaps(p, r) })
}

func TestSkillGapsJSON(t *testing.T) {
	p, r := gapProgram()
	var b bytes.Buffer
	require.NoError(t, EncodeRosterJSON(&b, sampleRoster(), WithSkillGaps(SkillGaps(p, r))))
	golden(t, "roster-gaps.json", b.Bytes())
}
