package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// StrongLevel is the skill level from which a mentor counts as able to
// teach a skill in the skills gap map.
const StrongLevel = 4

// SkillGap is one row of the skills gap map: how many mentees want a
// skill, how many mentors could teach it, and how much of the demand the
// roster meets. It tells a program which mentors to recruit.
type SkillGap struct {
	Skill string `json:"skill"`
	// Wanting counts the mentees who list the skill in "wants".
	Wanting int `json:"mentees_wanting"`
	// Mentors counts the primary mentors with capacity who have the skill
	// at StrongLevel or above; Places sums their capacity.
	Mentors int `json:"mentors_4plus"`
	Places  int `json:"places_4plus"`
	// Seniors counts the senior mentors at StrongLevel or above: they
	// visit cohorts and take no 1:1 mentees, so they add no places.
	Seniors int `json:"seniors_4plus"`
	// Covered counts the wanting mentees whose roster mentor has the skill
	// at StrongLevel or above.
	Covered int `json:"covered"`
}

// Coverage is the share of the demand the roster covers, 0–1; 1 when
// nobody wants the skill.
func (g SkillGap) Coverage() float64 {
	if g.Wanting == 0 {
		return 1
	}
	return float64(g.Covered) / float64(g.Wanting)
}

// NotCovered is how many wanting mentees the roster leaves without a
// mentor strong in the skill.
func (g SkillGap) NotCovered() int { return g.Wanting - g.Covered }

// PlacesShort is how many more places with strong mentors the program
// would need to offer one to every mentee who wants the skill, even if
// those mentors took no one else: the number to recruit for.
func (g SkillGap) PlacesShort() int { return max(0, g.Wanting-g.Places) }

// SkillGaps computes the skills gap map of a program and its roster: one
// row per skill that a mentee wants or a mentor has at StrongLevel or
// above. Skill names are compared case-insensitively with spaces collapsed.
// A mentor's capacity is the roster's (its Load), else the person's. Rows
// are sorted by most mentees not covered, then most wanting, then name.
// r may be nil (nothing is covered). O(people × skills + matches).
func SkillGaps(p *mentormatch.Program, r *mentormatch.Roster) []SkillGap {
	if p == nil {
		return nil
	}
	rows := map[string]*SkillGap{}
	row := func(name string) *SkillGap {
		g := rows[name]
		if g == nil {
			g = &SkillGap{Skill: name}
			rows[name] = g
		}
		return g
	}
	capacity := map[string]int{}
	if r != nil {
		for _, l := range r.Load {
			capacity[l.MentorID] = l.Capacity
		}
	}
	for _, i := range p.Mentees {
		for _, w := range uniqueNames(p.People[i].Wants) {
			row(w).Wanting++
		}
	}
	for _, j := range p.Mentors {
		m := &p.People[j]
		places, ok := capacity[m.ID]
		if !ok {
			places = m.Capacity
		}
		for _, s := range strongSkills(m) {
			g := row(s)
			switch {
			case m.MentorType == mentormatch.Senior:
				g.Seniors++
			case places > 0:
				g.Mentors++
				g.Places += places
			}
		}
	}
	if r != nil {
		byID := make(map[string]*mentormatch.Person, len(p.People))
		for i := range p.People {
			byID[p.People[i].ID] = &p.People[i]
		}
		for _, m := range r.Matches {
			mentee, mentor := byID[m.MenteeID], byID[m.MentorID]
			if mentee == nil || mentor == nil {
				continue
			}
			strong := strongSkills(mentor)
			for _, w := range uniqueNames(mentee.Wants) {
				if slices.Contains(strong, w) {
					row(w).Covered++
				}
			}
		}
	}
	out := make([]SkillGap, 0, len(rows))
	for _, g := range rows {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b SkillGap) int {
		return cmp.Or(cmp.Compare(b.NotCovered(), a.NotCovered()), cmp.Compare(b.Wanting, a.Wanting), strings.Compare(a.Skill, b.Skill))
	})
	return out
}

// skillName normalises a skill name as the people reader does.
func skillName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// uniqueNames is names normalised, without blanks or repeats.
func uniqueNames(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n = skillName(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// strongSkills is the person's skills at StrongLevel or above, normalised.
func strongSkills(p *mentormatch.Person) []string {
	var names []string
	for _, s := range p.Skills {
		if s.Level >= StrongLevel {
			names = append(names, s.Name)
		}
	}
	return uniqueNames(names)
}
