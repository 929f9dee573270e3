package scoring

import (
	"fmt"
	"math"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// Pin is a pinned pair: mentee i (an index into Program.Mentees) with
// mentor j (into Program.Mentors), as the decision at Decision says.
type Pin struct {
	Mentee, Mentor int
	Decision       mentormatch.Decision
}

// ruleVeto names a pair the program manager forbade.
const ruleVeto = "vetoed by the program manager"

// prepareDecisions resolves the program's decisions to indices and
// checks them: every id a mentee or mentor of the program, no pin
// breaking a hard rule or a mentor's capacity, no pin contradicting
// another decision. Vetoed pairs become special cells of their mentee's
// row (forbidden by rule); a pinned mentee's row is forbidden whole, so
// that the solver optimises the others around the pin (see Pins).
func (s *Scorer) prepareDecisions() mentormatch.Problems {
	ds := s.p.Decisions
	if len(ds) == 0 {
		return nil
	}
	ps := ds.Conflicts()
	mentee := map[string]int{}
	for i, k := range s.p.Mentees {
		mentee[s.p.People[k].ID] = i
	}
	mentor := map[string]int{}
	for j, k := range s.p.Mentors {
		mentor[s.p.People[k].ID] = j
	}
	resolve := func(d mentormatch.Decision) (int, int, bool) {
		i, ok1 := mentee[d.MenteeID]
		j, ok2 := mentor[d.MentorID]
		if !ok1 {
			ps = append(ps, d.Problem("mentee_id", "%s is no mentee of the program", d.MenteeID))
		}
		if !ok2 {
			ps = append(ps, d.Problem("mentor_id", "%s is no mentor of the program", d.MentorID))
		}
		return i, j, ok1 && ok2
	}
	for _, d := range ds.Forbids() {
		if i, j, ok := resolve(d); ok {
			e := &s.mentees[i]
			if !contains(e.veto, j) {
				e.veto = append(e.veto, j)
				e.special = insertSorted(e.special, int32(j))
			}
		}
	}
	var pins []Pin
	seen := map[[2]int]bool{}
	for _, d := range ds.Pins() {
		i, j, ok := resolve(d)
		if !ok || seen[[2]int{i, j}] {
			continue
		}
		seen[[2]int{i, j}] = true
		// Pair with the vetoes in place: a pin of a vetoed pair was
		// reported by Conflicts already.
		if why := s.Pair(i, j).Forbidden; why != "" && why != ruleVeto {
			ps = append(ps, d.Problem("mentor_id", "cannot pin %s to %s: %s", d.MenteeID, d.MentorID, why))
			continue
		}
		pins = append(pins, Pin{Mentee: i, Mentor: j, Decision: d})
	}
	// Capacities: every pin of a mentor over capacity is named, so that
	// the manager sees which rows to choose between.
	byMentor := map[int][]Pin{}
	for _, p := range pins {
		byMentor[p.Mentor] = append(byMentor[p.Mentor], p)
	}
	for _, p := range pins {
		list := byMentor[p.Mentor]
		if c := s.mentors[p.Mentor].capacity; len(list) > c {
			var rows []string
			for _, q := range list {
				rows = append(rows, q.Decision.Where())
			}
			ps = append(ps, p.Decision.Problem("mentor_id", "%s is pinned to %d mentees, more than their capacity of %d (%s)",
				p.Decision.MentorID, len(list), c, strings.Join(rows, ", ")))
		}
	}
	if len(ps) > 0 {
		return ps
	}
	for _, p := range pins {
		s.mentees[p.Mentee].pin = p.Mentor
	}
	s.pins = pins
	return nil
}

func insertSorted(s []int32, v int32) []int32 {
	for k, x := range s {
		if x == v {
			return s
		}
		if x > v {
			s = append(s, 0)
			copy(s[k+1:], s[k:])
			s[k] = v
			return s
		}
	}
	return append(s, v)
}

// Pins are the program's pinned pairs, in the decisions' order. Their
// mentees' rows are forbidden whole in Row, Cell, Matrix and Compact: a
// solver given those cells and capacities less the pins (SolveCapacities)
// finds the optimum of everyone else, and the roster is that plus the
// pins. Pair scores a pinned pair as it would any other.
func (s *Scorer) Pins() []Pin { return s.pins }

// SolveCapacities are the mentors' seats left for the solver once the
// pins are in: caps less each mentor's pins.
func (s *Scorer) SolveCapacities(caps []int) []int {
	if len(s.pins) == 0 {
		return caps
	}
	out := make([]int, len(caps))
	copy(out, caps)
	for _, p := range s.pins {
		out[p.Mentor]--
	}
	return out
}

// WithoutPins is the scorer with the same vetoes and no pins: what the
// roster would be if nobody had been pinned, to price the pins.
func (s *Scorer) WithoutPins() *Scorer {
	if len(s.pins) == 0 {
		return s
	}
	c := *s
	c.pins = nil
	c.mentees = make([]person, len(s.mentees))
	copy(c.mentees, s.mentees)
	for i := range c.mentees {
		c.mentees[i].pin = -1
	}
	return &c
}

// Decided lists the decisions about mentee i, in the decisions' order:
// what explain shows.
func (s *Scorer) Decided(i int) mentormatch.Decisions {
	id := s.p.Mentee(i).ID
	var out mentormatch.Decisions
	for _, d := range s.p.Decisions {
		if d.MenteeID == id {
			out = append(out, d)
		}
	}
	return out
}

// pinnedElsewhere says why a pinned mentee takes no mentor but their own.
func (s *Scorer) pinnedElsewhere(e *person) string {
	return fmt.Sprintf("the mentee is pinned to %s", s.p.Mentor(e.pin).ID)
}

// blankPinned forbids a pinned mentee's cells.
func blankPinned(e *person, dst []float64) {
	if e.pin < 0 {
		return
	}
	for k := range dst {
		dst[k] = math.NaN()
	}
}
