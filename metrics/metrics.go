package metrics

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch/internal/wording"

	"github.com/mentormatch/mentormatch"
)

// Wave is one check-in survey of the program, named for messages (its
// file name).
type Wave struct {
	Name   string
	Survey *mentormatch.Survey
}

// Options tune Measure. The zero value is usable.
type Options struct {
	// Cohorts, when known, give the per-cohort trends.
	Cohorts []mentormatch.Cohort
	// Wants maps a mentee id to the skills they want; skill development
	// counts only those. Nil counts every skill a mentee rates.
	Wants map[string][]string
	// Threshold is the health threshold of mentormatch.SurveyHealth; 0 is its default.
	Threshold float64
	// Drop is how far a pair's mean rating must fall between its last two
	// answered surveys to put it at risk; 0 means DefaultDrop.
	Drop float64
}

// DefaultDrop is the fall in a pair's mean rating that puts it at risk.
const DefaultDrop = 1.0

// Report is a program measured over its check-in surveys. Every list
// indexed by survey has one entry per survey, in the order given.
type Report struct {
	Surveys []SurveyStats `json:"surveys"`
	Pairs   []PairTrend   `json:"pairs"`
	Cohorts []CohortTrend `json:"cohorts"`
	Skills  SkillStats    `json:"skills"`
	Growth  []Growth      `json:"growth"`
	AtRisk  []Risk        `json:"at_risk"`
	// Warnings are things to know about the figures, such as surveys
	// without dates.
	Warnings []string `json:"warnings"`
}

// SurveyStats is one survey summed up.
type SurveyStats struct {
	Name string    `json:"name"`
	Date time.Time `json:"date"` // the latest answer's date; zero without dates
	// Pairs is the roster's pairs; Answered those with an answer.
	Pairs    int `json:"pairs"`
	Answered int `json:"answered"`
	Answers  int `json:"answers"`
	// ResponseRate is the share of the 2 × Pairs respondents (each side
	// of each pair) who answered.
	ResponseRate float64 `json:"response_rate"`
	MeanRating   float64 `json:"mean_rating"` // NaN without answers
	Unhealthy    int     `json:"unhealthy"`
	// Done, OnTrack and Behind count pairs by milestone status; a pair
	// whose two sides differ counts with the less favourable.
	Done    int `json:"done"`
	OnTrack int `json:"on_track"`
	Behind  int `json:"behind"`
	// Completion is Done over the pairs that reported a status; NaN when
	// none did.
	Completion float64 `json:"completion"`
}

// PairTrend is one pair across the surveys.
type PairTrend struct {
	MenteeID   string `json:"mentee_id"`
	MenteeName string `json:"mentee_name"`
	MentorID   string `json:"mentor_id"`
	MentorName string `json:"mentor_name"`
	Cohort     string `json:"cohort"`
	// Ratings is the pair's mean rating per survey, NaN when nobody in the
	// pair answered; Milestones the status per survey, "" when none.
	Ratings    []float64                     `json:"ratings"`
	Milestones []mentormatch.MilestoneStatus `json:"milestones"`
	// Change is the last answered mean rating minus the first; 0 with
	// fewer than two.
	Change float64 `json:"change"`
	AtRisk bool    `json:"at_risk"`
}

// CohortTrend is one cohort across the surveys.
type CohortTrend struct {
	Cohort string `json:"cohort"`
	Pairs  int    `json:"pairs"`
	// Ratings is the mean of every rating about the cohort's pairs per
	// survey (NaN without answers); ResponseRates the share of its
	// 2 × Pairs respondents who answered.
	Ratings       []float64 `json:"ratings"`
	ResponseRates []float64 `json:"response_rates"`
}

// Growth is one mentee's self-rated level in one skill across the surveys.
type Growth struct {
	MenteeID string `json:"mentee_id"`
	MentorID string `json:"mentor_id"`
	Skill    string `json:"skill"`
	// Levels per survey, -1 when not rated.
	Levels []int `json:"levels"`
	// Change is the last rating minus the first, Months the calendar
	// months between their surveys (0 without dates), and PerMonth their
	// quotient (NaN without dates).
	Change   int     `json:"change"`
	Months   float64 `json:"months"`
	PerMonth float64 `json:"per_month"`
}

// SkillStats sums up skill development over every mentee and skill rated
// in at least two surveys.
type SkillStats struct {
	Rated      int     `json:"rated"` // mentee–skill pairs rated twice or more
	MeanChange float64 `json:"mean_change"`
	// PerMonth is the mean of Growth.PerMonth over those with dates: the
	// program's skill development rate in levels per month.
	PerMonth float64        `json:"per_month"`
	BySkill  []SkillSummary `json:"by_skill"`
}

// SkillSummary is SkillStats for one skill.
type SkillSummary struct {
	Skill      string  `json:"skill"`
	Rated      int     `json:"rated"`
	MeanChange float64 `json:"mean_change"`
	PerMonth   float64 `json:"per_month"`
}

// Risk is a pair at risk and why, in words.
type Risk struct {
	MenteeID   string `json:"mentee_id"`
	MenteeName string `json:"mentee_name"`
	MentorID   string `json:"mentor_id"`
	MentorName string `json:"mentor_name"`
	Cohort     string `json:"cohort"`
	Why        string `json:"why"`
}

// Measure sums up the program's check-in surveys, given in date order,
// against the roster. Answers about pairs the roster does not have are
// ignored (table.ReadSurvey reports them when given the roster).
//
// Per survey it takes mentormatch.SurveyHealth's response rate, mean rating and
// unhealthy pairs, and counts milestone statuses. A pair is at risk when
// its mean rating fell by Drop or more between its last two answered
// surveys, when the last milestone status it reported is behind, or when
// the last survey finds it unhealthy. Skill development uses the mentee's
// own ratings (rater mentee; the last row of a survey wins).
//
// O(S·(P + A)) for S surveys of A answers about P pairs.
func Measure(r *mentormatch.Roster, waves []Wave, opt Options) (*Report, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: no roster to measure", mentormatch.ErrInput)
	}
	if len(waves) == 0 {
		return nil, fmt.Errorf("%w: no survey to measure: give one or more", mentormatch.ErrInput)
	}
	drop := opt.Drop
	if drop <= 0 {
		drop = DefaultDrop
	}
	n := len(waves)
	rep := &Report{Surveys: make([]SurveyStats, n), Pairs: make([]PairTrend, len(r.Matches)),
		Cohorts: []CohortTrend{}, Growth: []Growth{}, AtRisk: []Risk{}, Warnings: []string{}}
	cohortOf := map[string]string{}
	for _, c := range opt.Cohorts {
		for _, id := range c.Members {
			cohortOf[id] = c.ID
		}
	}
	pairAt := map[[2]string]int{}
	for k, m := range r.Matches {
		pairAt[[2]string{m.MenteeID, m.MentorID}] = k
		rep.Pairs[k] = PairTrend{MenteeID: m.MenteeID, MenteeName: m.MenteeName, MentorID: m.MentorID, MentorName: m.MentorName,
			Cohort: cohortOf[m.MenteeID], Ratings: make([]float64, n), Milestones: make([]mentormatch.MilestoneStatus, n)}
	}
	healths := make([]mentormatch.Health, n)
	self := make([]map[[2]string][]mentormatch.Skill, n) // per survey: (mentee, mentor) → self-ratings
	for w, wave := range waves {
		h := mentormatch.SurveyHealth(r, wave.Survey, opt.Threshold)
		healths[w] = h
		st := SurveyStats{Name: wave.Name, Pairs: h.Pairs, Answered: h.Answered, Answers: h.Answers,
			ResponseRate: h.ResponseRate, MeanRating: math.NaN(), Unhealthy: h.Flagged, Completion: math.NaN()}
		if h.Answers > 0 {
			st.MeanRating = h.MeanRating
		}
		for k := range rep.Pairs {
			rep.Pairs[k].Ratings[w] = math.NaN()
		}
		for _, ph := range h.ByPair {
			if k, ok := pairAt[[2]string{ph.MenteeID, ph.MentorID}]; ok && ph.Answers > 0 {
				rep.Pairs[k].Ratings[w] = ph.MeanRating
			}
		}
		self[w] = map[[2]string][]mentormatch.Skill{}
		if wave.Survey != nil {
			for _, a := range wave.Survey.Answers {
				k, ok := pairAt[[2]string{a.MenteeID, a.MentorID}]
				if !ok {
					continue
				}
				if a.Date.After(st.Date) {
					st.Date = a.Date
				}
				p := &rep.Pairs[k]
				if worse(a.Milestone, p.Milestones[w]) {
					p.Milestones[w] = a.Milestone
				}
				if a.Rater == mentormatch.RoleMentee && len(a.Skills) > 0 {
					self[w][[2]string{a.MenteeID, a.MentorID}] = a.Skills
				}
			}
		}
		for k := range rep.Pairs {
			switch rep.Pairs[k].Milestones[w] {
			case mentormatch.MilestoneDone:
				st.Done++
			case mentormatch.MilestoneOnTrack:
				st.OnTrack++
			case mentormatch.MilestoneBehind:
				st.Behind++
			}
		}
		if told := st.Done + st.OnTrack + st.Behind; told > 0 {
			st.Completion = float64(st.Done) / float64(told)
		}
		rep.Surveys[w] = st
	}
	rep.Warnings = append(rep.Warnings, dateWarnings(rep.Surveys)...)
	for k := range rep.Pairs {
		rep.Pairs[k].Change = change(rep.Pairs[k].Ratings)
	}
	rep.Cohorts = cohortTrends(opt.Cohorts, r, healths)
	rep.Growth = growth(r, self, rep.Surveys, opt.Wants)
	rep.Skills = skillStats(rep.Growth)
	rep.AtRisk = risks(rep, healths, waves, drop)
	return rep, nil
}

// worse reports whether milestone status a is less favourable than b.
func worse(a, b mentormatch.MilestoneStatus) bool {
	rank := map[mentormatch.MilestoneStatus]int{"": 0, mentormatch.MilestoneDone: 1, mentormatch.MilestoneOnTrack: 2, mentormatch.MilestoneBehind: 3}
	return rank[a] > rank[b]
}

// change is the last non-NaN value minus the first.
func change(xs []float64) float64 {
	first, last := -1, -1
	for i, x := range xs {
		if !math.IsNaN(x) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || first == last {
		return 0
	}
	return xs[last] - xs[first]
}

func dateWarnings(ss []SurveyStats) []string {
	var out, undated []string
	for i, s := range ss {
		if s.Date.IsZero() {
			undated = append(undated, s.Name)
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if p := ss[j]; !p.Date.IsZero() {
				if s.Date.Before(p.Date) {
					out = append(out, fmt.Sprintf("%s (%s) is dated before %s (%s): give the surveys in date order", s.Name, s.Date.Format(time.DateOnly), p.Name, p.Date.Format(time.DateOnly)))
				}
				break
			}
		}
	}
	if len(undated) > 0 {
		out = append(out, fmt.Sprintf("no date column in %s: skill development per month needs the date of each answer", strings.Join(undated, ", ")))
	}
	return out
}

func cohortTrends(cohorts []mentormatch.Cohort, r *mentormatch.Roster, healths []mentormatch.Health) []CohortTrend {
	out := []CohortTrend{}
	for _, c := range cohorts {
		members := map[string]bool{}
		for _, id := range c.Members {
			members[id] = true
		}
		ct := CohortTrend{Cohort: c.ID, Ratings: make([]float64, len(healths)), ResponseRates: make([]float64, len(healths))}
		for _, m := range r.Matches {
			if members[m.MenteeID] {
				ct.Pairs++
			}
		}
		for w, h := range healths {
			var sum float64
			var answers, sides int
			for _, ph := range h.ByPair {
				if !members[ph.MenteeID] {
					continue
				}
				sum += ph.MeanRating * float64(ph.Answers)
				answers += ph.Answers
				for _, answered := range []bool{ph.MenteeAnswered, ph.MentorAnswered} {
					if answered {
						sides++
					}
				}
			}
			ct.Ratings[w] = math.NaN()
			if answers > 0 {
				ct.Ratings[w] = sum / float64(answers)
			}
			if ct.Pairs > 0 {
				ct.ResponseRates[w] = float64(sides) / float64(2*ct.Pairs)
			}
		}
		out = append(out, ct)
	}
	return out
}

// growth follows each mentee's self-rating of each skill they want (or
// rate, without wants), in the roster's order and the order the skills
// were first rated.
func growth(r *mentormatch.Roster, self []map[[2]string][]mentormatch.Skill, ss []SurveyStats, wants map[string][]string) []Growth {
	out := []Growth{}
	for _, m := range r.Matches {
		key := [2]string{m.MenteeID, m.MentorID}
		var skills []string
		for w := range self {
			for _, s := range self[w][key] {
				if !slices.Contains(skills, s.Name) && (wants == nil || len(wants[m.MenteeID]) == 0 || slices.Contains(wants[m.MenteeID], s.Name)) {
					skills = append(skills, s.Name)
				}
			}
		}
		for _, name := range skills {
			g := Growth{MenteeID: m.MenteeID, MentorID: m.MentorID, Skill: name, Levels: make([]int, len(self)), PerMonth: math.NaN()}
			first, last := -1, -1
			for w := range self {
				g.Levels[w] = -1
				for _, s := range self[w][key] {
					if s.Name == name {
						g.Levels[w] = s.Level
						if first < 0 {
							first = w
						}
						last = w
					}
				}
			}
			if first >= 0 && last > first {
				g.Change = g.Levels[last] - g.Levels[first]
				if a, b := ss[first].Date, ss[last].Date; !a.IsZero() && !b.IsZero() && b.After(a) {
					g.Months = months(a, b)
					g.PerMonth = float64(g.Change) / g.Months
				}
			}
			out = append(out, g)
		}
	}
	return out
}

// months is the number of calendar months from a to b: whole months by
// the calendar, then the rest as a share of the month it falls in, so 15
// January to 15 February is exactly 1.
func months(a, b time.Time) float64 {
	k := 0
	for !a.AddDate(0, k+1, 0).After(b) {
		k++
	}
	from, to := a.AddDate(0, k, 0), a.AddDate(0, k+1, 0)
	return float64(k) + b.Sub(from).Hours()/to.Sub(from).Hours()
}

func skillStats(gs []Growth) SkillStats {
	type acc struct {
		rated, dated int
		change, rate float64
	}
	var all acc
	by := map[string]*acc{}
	var order []string
	for _, g := range gs {
		rated := 0
		for _, l := range g.Levels {
			if l >= 0 {
				rated++
			}
		}
		if rated < 2 {
			continue
		}
		a := by[g.Skill]
		if a == nil {
			a = &acc{}
			by[g.Skill] = a
			order = append(order, g.Skill)
		}
		for _, x := range []*acc{&all, a} {
			x.rated++
			x.change += float64(g.Change)
			if !math.IsNaN(g.PerMonth) {
				x.dated++
				x.rate += g.PerMonth
			}
		}
	}
	mean := func(sum float64, n int) float64 {
		if n == 0 {
			return math.NaN()
		}
		return sum / float64(n)
	}
	st := SkillStats{Rated: all.rated, MeanChange: mean(all.change, all.rated), PerMonth: mean(all.rate, all.dated), BySkill: []SkillSummary{}}
	slices.Sort(order)
	for _, name := range order {
		a := by[name]
		st.BySkill = append(st.BySkill, SkillSummary{Skill: name, Rated: a.rated, MeanChange: mean(a.change, a.rated), PerMonth: mean(a.rate, a.dated)})
	}
	return st
}

// risks lists the pairs at risk, in roster order, and marks them.
func risks(rep *Report, healths []mentormatch.Health, waves []Wave, drop float64) []Risk {
	out := []Risk{}
	last := len(waves) - 1
	unhealthy := map[[2]string]string{}
	for _, ph := range healths[last].ByPair {
		if ph.Unhealthy {
			unhealthy[[2]string{ph.MenteeID, ph.MentorID}] = ph.Why
		}
	}
	for k := range rep.Pairs {
		p := &rep.Pairs[k]
		var why []string
		var answered []int
		for w, x := range p.Ratings {
			if !math.IsNaN(x) {
				answered = append(answered, w)
			}
		}
		if n := len(answered); n >= 2 {
			a, b := answered[n-2], answered[n-1]
			if p.Ratings[a]-p.Ratings[b] >= drop-1e-9 {
				why = append(why, fmt.Sprintf("mean rating fell from %s (%s) to %s (%s)", wording.Num(p.Ratings[a]), waves[a].Name, wording.Num(p.Ratings[b]), waves[b].Name))
			}
		}
		for w := last; w >= 0; w-- {
			if s := p.Milestones[w]; s != "" {
				if s == mentormatch.MilestoneBehind {
					why = append(why, "milestone behind ("+waves[w].Name+")")
				}
				break
			}
		}
		if u, ok := unhealthy[[2]string{p.MenteeID, p.MentorID}]; ok {
			why = append(why, u+" ("+waves[last].Name+")")
		}
		if len(why) > 0 {
			p.AtRisk = true
			out = append(out, Risk{MenteeID: p.MenteeID, MenteeName: p.MenteeName, MentorID: p.MentorID, MentorName: p.MentorName, Cohort: p.Cohort, Why: strings.Join(why, "; ")})
		}
	}
	return out
}
