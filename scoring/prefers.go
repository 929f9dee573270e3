package scoring

import (
	"slices"
	"strconv"
)

// preference is the prefers component of mentee e with mentor m, 0–1:
// the bonus of the rank at which e listed m (the first choice worth the
// most, config preferences.ranks; choices past the list's end get its
// last value), plus preferences.mentor when m listed e, at most 1.
func (s *Scorer) preference(e, m *person) float64 {
	v := 0.0
	ranks := s.cfg.Preferences.Ranks
	if r := slices.Index(e.prefers, m.idx); r >= 0 && len(ranks) > 0 {
		v = ranks[min(r, len(ranks)-1)]
	}
	if len(m.prefers) > 0 && contains(m.prefers, e.idx) {
		v += s.cfg.Preferences.Mentor
	}
	return min(v, 1)
}

// preferenceText says who asked for whom, for a pair's reason.
func (s *Scorer) preferenceText(e, m *person) string {
	r := slices.Index(e.prefers, m.idx)
	asked := contains(m.prefers, e.idx)
	switch {
	case r >= 0 && asked:
		return "mutual choice: the mentee's " + ordinal(r+1) + ", and the mentor asked for them"
	case r >= 0:
		return "the mentee's " + ordinal(r+1) + " choice"
	}
	return "the mentor asked for this mentee"
}

// ordinal is 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st.
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
