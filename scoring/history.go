package scoring

import (
	"math"
)

// ruleEarlier names a pair of an earlier cohort, with history.repeat:
// forbid.
const ruleEarlier = "paired in an earlier cohort"

// prepareHistory marks each mentee's earlier mentors (Program.Earlier)
// as special cells of their row: forbidden by rule, or penalised (see
// earlierPenalty). Pairs whose people no longer take part are ignored.
func (s *Scorer) prepareHistory() {
	if len(s.p.Earlier) == 0 {
		return
	}
	mentee, mentor := s.menteeIndex(), s.mentorIndex()
	for _, ep := range s.p.Earlier {
		i, ok1 := mentee[ep.MenteeID]
		j, ok2 := mentor[ep.MentorID]
		if !ok1 || !ok2 {
			continue
		}
		e := &s.mentees[i]
		if !contains(e.earlier, j) {
			e.earlier = append(e.earlier, j)
			e.special = insertSorted(e.special, int32(j))
		}
	}
}

func (s *Scorer) menteeIndex() map[string]int {
	m := make(map[string]int, len(s.p.Mentees))
	for i, k := range s.p.Mentees {
		m[s.p.People[k].ID] = i
	}
	return m
}

func (s *Scorer) mentorIndex() map[string]int {
	m := make(map[string]int, len(s.p.Mentors))
	for j, k := range s.p.Mentors {
		m[s.p.People[k].ID] = j
	}
	return m
}

// repeatForbidden reports whether e and m were paired before and the
// configuration forbids that.
func (s *Scorer) repeatForbidden(e, m *person) bool {
	return len(e.earlier) > 0 && s.cfg.History.Repeat != "penalty" && contains(e.earlier, m.col)
}

// earlierPenalty takes the history penalty off an allowed cell t of an
// earlier pair, down to 0 at most.
func (s *Scorer) earlierPenalty(e, m *person, t float64) float64 {
	if math.IsNaN(t) || len(e.earlier) == 0 || !contains(e.earlier, m.col) {
		return t
	}
	return max(0, Round2(t-s.cfg.History.Penalty))
}

// Earlier reports whether mentee i and mentor j were paired in an earlier
// cohort.
func (s *Scorer) Earlier(i, j int) bool { return contains(s.mentees[i].earlier, j) }

// EarlierPairs counts the distinct earlier pairs whose mentee and mentor
// both take part in the program.
func (s *Scorer) EarlierPairs() int {
	n := 0
	for i := range s.mentees {
		n += len(s.mentees[i].earlier)
	}
	return n
}
