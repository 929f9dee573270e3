package cohort

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/internal/wording"
)

// MaxSessionPlaces is the most session places (a session's participants,
// summed over the plan's sessions) a plan may hold. A 2,000-mentee
// program over one cycle holds about 50,000 and takes 100 MB; one place
// costs about 1 KB and a few microseconds to place, so the limit keeps a
// plan within a few GB and minutes. The default plan of a 100,000-mentee
// program holds about 2,500,000.
const MaxSessionPlaces = 5_000_000

// CheckSize estimates the plan of p under cfg before anything is built,
// with pairs primary pairs (the mentees, before matching: an upper bound),
// and refuses one that would hold more than MaxSessionPlaces session
// places or run past mentormatch.LastDate. The error (ErrConfig) names
// the keys that would bring it within bounds.
func CheckSize(p *mentormatch.Program, pairs int, cfg mentormatch.Config) error {
	if p == nil {
		return nil
	}
	sc, err := newSchedule(cfg)
	if err != nil {
		return err
	}
	seniors := map[int]bool{}
	for _, j := range p.Mentors {
		if p.People[j].MentorType == mentormatch.Senior {
			seniors[j] = true
		}
	}
	e := estimate(len(p.Mentees), pairs, len(seniors), cfg, sc)
	var ps mentormatch.Problems
	if total := e.peer + e.senior + e.primary; total > MaxSessionPlaces {
		var keys []string
		if sc.cycles > 1 {
			keys = append(keys, fmt.Sprintf("lower schedule.cycles (now %d)", sc.cycles))
		}
		if e.primary >= e.peer && e.primary >= e.senior {
			keys = append(keys, fmt.Sprintf("raise schedule.primary_every_days (now %d)", sc.primaryEvery))
		} else {
			keys = append(keys, fmt.Sprintf("lower cohorts.max_size (now %d)", cfg.Cohorts.MaxSize))
		}
		ps = append(ps, mentormatch.Problem{Message: fmt.Sprintf(
			"the plan would hold about %s session places (sessions × participants), past the limit of %s: %s, or plan part of the program at a time",
			wording.Thousands(total), wording.Thousands(MaxSessionPlaces), strings.Join(keys, " or "))})
	}
	if end := sc.start.AddDate(0, 0, min(e.days, 1<<20)); end.After(mentormatch.LastDate) {
		ps = append(ps, mentormatch.Problem{Message: fmt.Sprintf(
			"the plan would run %d days from %s, past %s: lower schedule.cycles (now %d), the cadences schedule.*_every_days or cohorts.max_size, or start earlier",
			e.days, sc.start.Format(time.DateOnly), mentormatch.LastDate.Format(time.DateOnly), sc.cycles)})
	}
	if len(ps) > 0 {
		return fmt.Errorf("%w: %w", mentormatch.ErrConfig, ps)
	}
	return nil
}

// planSize is an estimate of a plan, in session places by kind and in days.
type planSize struct {
	peer, senior, primary float64
	days                  int
}

// estimate follows Build: cohorts of Sizes, a round-robin of rounds(g)
// rounds in each, senior visits over max(cohorts, seniors) slots, and
// primary sessions over the whole span. It is exact for peer rounds and
// an upper bound for senior visits and primary sessions.
func estimate(mentees, pairs, seniors int, cfg mentormatch.Config, sc *schedule) planSize {
	var e planSize
	sizes := Sizes(mentees, cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize)
	cycles := float64(sc.cycles)
	cycleDays := sc.primaryEvery
	for _, g := range sizes {
		r := rounds(g)
		e.peer += cycles * float64(r*g)
		cycleDays = max(cycleDays, r*sc.peerEvery)
	}
	if k := len(sizes); k > 0 && seniors > 0 {
		slots, visits := seniorSlots(k, seniors, cfg.Schedule.SeniorMaxPerCycle)
		e.senior = cycles * visits * (1 + math.Ceil(float64(mentees)/float64(k)))
		cycleDays = max(cycleDays, slots*sc.seniorEvery)
	}
	span := cycles * float64(cycleDays)
	e.primary = 2 * float64(pairs) * math.Ceil(span/float64(sc.primaryEvery))
	e.days = int(min(span, math.MaxInt32))
	return e
}

// seniorSlots is what rotation gives, without building its table of
// slots × cohorts: the number of slots left after trimming, and the
// visits. Senior s visits cohort (s·T/seniors + t) mod T at slot t when
// that is a cohort, until maxPerSenior visits (0: no limit).
func seniorSlots(cohorts, seniors, maxPerSenior int) (slots int, visits float64) {
	if cohorts <= 0 || seniors <= 0 {
		return 0, 0
	}
	T := max(cohorts, seniors)
	for s := range seniors {
		off := s * T / seniors
		left := maxPerSenior
		if left <= 0 {
			left = T
		}
		for t := 0; t < T && left > 0; {
			c := (off + t) % T
			if c >= cohorts {
				t += T - c // to the wrap back to cohort 0
				continue
			}
			run := min(cohorts-c, left, T-t)
			t += run
			left -= run
			visits += float64(run)
			slots = max(slots, t)
		}
	}
	return slots, visits
}

// rounds is the number of peer rounds RoundRobin gives a cohort of g.
func rounds(g int) int {
	switch {
	case g < 2:
		return 0
	case g == 3:
		return 1
	}
	return g + g%2 - 1
}
