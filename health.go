package mentormatch

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mentormatch/mentormatch/internal/wording"
)

// DefaultHealthThreshold is the mean rating below which a pair is
// unhealthy.
const DefaultHealthThreshold = 3.0

// SurveyHealth sums up a survey against the roster's pairs: each pair's answers
// from either side are averaged, and a pair is unhealthy when that mean is
// below threshold or either side wants a change. A pair without answers is
// healthy (there is no evidence against it) and listed as missing, as is
// a pair that only one side answered. Answers about pairs the roster does
// not have are ignored (ReadSurvey reports them). O(pairs + answers).
func SurveyHealth(prev *Roster, s *Survey, threshold float64) Health {
	if threshold == 0 {
		threshold = DefaultHealthThreshold
	}
	h := Health{Threshold: threshold, ByMentor: []MentorHealth{}, ByPair: []PairHealth{}, Missing: []string{}}
	if prev == nil {
		return h
	}
	type tally struct {
		n, sum         int
		mentee, mentor bool
		change         [2]bool
	}
	idx := map[string]int{}
	for k, m := range prev.Matches {
		idx[m.MenteeID] = k
	}
	tallies := make([]tally, len(prev.Matches))
	total := 0
	if s != nil {
		for _, a := range s.Answers {
			k, ok := idx[a.MenteeID]
			if !ok || prev.Matches[k].MentorID != a.MentorID {
				continue
			}
			t := &tallies[k]
			t.n++
			t.sum += a.Rating
			total += a.Rating
			h.Answers++
			side := 0
			if a.Rater == RoleMentor {
				side = 1
				t.mentor = true
			} else {
				t.mentee = true
			}
			t.change[side] = t.change[side] || a.WantsChange
		}
	}
	if h.Answers > 0 {
		h.MeanRating = float64(total) / float64(h.Answers)
	}
	byMentor := map[string]*MentorHealth{}
	sums := map[string]int{}
	responded := 0
	for k, m := range prev.Matches {
		t := tallies[k]
		ph := PairHealth{
			MenteeID: m.MenteeID, MenteeName: m.MenteeName, MentorID: m.MentorID, MentorName: m.MentorName,
			Answers: t.n, MenteeAnswered: t.mentee, MentorAnswered: t.mentor,
		}
		var why []string
		if t.n > 0 {
			ph.MeanRating = float64(t.sum) / float64(t.n)
			h.Answered++
			if ph.MeanRating < threshold {
				why = append(why, fmt.Sprintf("mean rating %s from %s is below %s", wording.Num(ph.MeanRating), wording.Plural(t.n, "answer"), wording.Num(threshold)))
			}
		}
		switch {
		case t.change[0] && t.change[1]:
			ph.WantsChange = "both"
			why = append(why, "both want a change")
		case t.change[0]:
			ph.WantsChange = "mentee"
			why = append(why, "the mentee wants a change")
		case t.change[1]:
			ph.WantsChange = "mentor"
			why = append(why, "the mentor wants a change")
		}
		ph.Unhealthy = len(why) > 0
		if ph.Unhealthy {
			h.Flagged++
			ph.Why = strings.Join(why, "; ")
		}
		for _, answered := range []bool{t.mentee, t.mentor} {
			if answered {
				responded++
			}
		}
		if miss := missingSides(t.mentee, t.mentor); miss != "" {
			h.Missing = append(h.Missing, fmt.Sprintf("%s with %s: %s", m.MenteeID, m.MentorID, miss))
			if !ph.Unhealthy {
				ph.Why = miss
			}
		}
		h.ByPair = append(h.ByPair, ph)
		mh := byMentor[m.MentorID]
		if mh == nil {
			mh = &MentorHealth{MentorID: m.MentorID, MentorName: m.MentorName}
			byMentor[m.MentorID] = mh
		}
		mh.Pairs++
		mh.Answers += t.n
		sums[m.MentorID] += t.sum
		if ph.Unhealthy {
			mh.Flagged++
		}
	}
	h.Pairs = len(prev.Matches)
	if h.Pairs > 0 {
		h.ResponseRate = float64(responded) / float64(2*h.Pairs)
	}
	for id, mh := range byMentor {
		if mh.Answers > 0 {
			mh.MeanRating = float64(sums[id]) / float64(mh.Answers)
		}
		h.ByMentor = append(h.ByMentor, *mh)
	}
	sort.Slice(h.ByMentor, func(a, b int) bool { return h.ByMentor[a].MentorID < h.ByMentor[b].MentorID })
	sort.SliceStable(h.ByPair, func(a, b int) bool { return h.ByPair[a].MenteeID < h.ByPair[b].MenteeID })
	sort.Strings(h.Missing)
	return h
}

func missingSides(mentee, mentor bool) string {
	switch {
	case !mentee && !mentor:
		return "no answers"
	case !mentee:
		return "no answer from the mentee"
	case !mentor:
		return "no answer from the mentor"
	}
	return ""
}
