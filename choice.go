package mentormatch

import (
	"fmt"
	"slices"
)

// Choice is one mentee's answer to a shortlist (mentormatch shortlist):
// the mentors their list offered and those they chose, first choice first.
type Choice struct {
	MenteeID string
	Listed   []string // every mentor on the mentee's list
	Ranked   []string // the mentors chosen, first choice first
	Source   Source
}

// ApplyChoices makes the answers to a shortlist round part of p: a mentee
// who chose is matched only with a mentor from their own list (every other
// mentor is forbidden, as a decision), and their choices become their
// prefers, in order, so that the first choice is worth most. A mentee who
// chose nobody is left as they were. Ids that are nobody in p, or not a
// mentee or mentor, are problems naming the rows. O(choices × mentors).
func (p *Program) ApplyChoices(cs []Choice) Problems {
	var ps Problems
	mentors := map[string]bool{}
	for j := range p.Mentors {
		mentors[p.Mentor(j).ID] = true
	}
	for _, c := range cs {
		per := p.ByID(c.MenteeID)
		if per == nil || !per.Role.IsMentee() {
			ps = append(ps, Problem{File: c.Source.File, Sheet: c.Source.Sheet, Row: c.Source.Row, Column: "mentee_id",
				Message: fmt.Sprintf("%q is not a mentee in the people files", c.MenteeID)})
			continue
		}
		bad := false
		for _, id := range c.Listed {
			if !mentors[id] {
				ps = append(ps, Problem{File: c.Source.File, Sheet: c.Source.Sheet, Row: c.Source.Row, Column: "mentor_id",
					Message: fmt.Sprintf("%q is not a mentor in the people files", id)})
				bad = true
			}
		}
		if bad || len(c.Ranked) == 0 {
			continue
		}
		per.Prefers = slices.Clone(c.Ranked)
		for j := range p.Mentors {
			if m := p.Mentor(j); !slices.Contains(c.Listed, m.ID) {
				p.Decisions = append(p.Decisions, Decision{MenteeID: c.MenteeID, MentorID: m.ID, Kind: Forbid,
					Note: "not on the mentee's shortlist", Source: c.Source})
			}
		}
	}
	return ps
}
