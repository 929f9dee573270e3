package cohort

import (
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
)

// Figures are what a plan means for the people who must attend it: how
// many sessions fit everyone's stated hours, how many attendances fall in
// someone's night, and how many peers of a cohort can meet at all. They are
// counted from the program and the plan alone, so they compare plans made
// by different versions of the scheduler (see scripts/plan-figures.go).
type Figures struct {
	Sessions int // sessions in the plan
	Flagged  int // sessions with a flag
	// Inside counts sessions that lie inside every participant's stated
	// hours (office hours, 09:00–17:00 local on weekdays, for people who
	// list none).
	Inside int
	// Attendances counts participants summed over sessions; Night the
	// attendances that overlap 22:00–07:00 in the attendee's zone, and
	// NightUnlisted those of them outside the attendee's stated hours.
	Attendances, Night, NightUnlisted int
	// PeerPairs counts pairs of mentees in one cohort; CanMeet those who
	// can meet (availability.Model.Pair: one whole session of shared free
	// time in every week the schedule spans), with office hours for people
	// who list none, as the scheduler takes them.
	PeerPairs, CanMeet int
	// MeetBound bounds the peer pairs who can meet that any split of the
	// cohorts' members into cohorts of the same sizes holds: each member
	// has at most min(the members they can meet, largest size − 1) of
	// them as peers, and every pair is counted twice.
	MeetBound int
}

// Measure counts the Figures of plan for the people of p, with the session
// calendar of cfg. O(sessions × participants × slots + members²).
func Measure(p *mentormatch.Program, plan *mentormatch.Plan, cfg mentormatch.Config) Figures {
	var f Figures
	people := map[string]*mentormatch.Person{}
	for i := range p.People {
		if _, dup := people[p.People[i].ID]; !dup {
			people[p.People[i].ID] = &p.People[i]
		}
	}
	for i := range plan.Sessions {
		s := &plan.Sessions[i]
		f.Sessions++
		if s.Flag != "" {
			f.Flagged++
		}
		inside := true
		for _, id := range s.Participants {
			per := people[id]
			if per == nil {
				continue
			}
			f.Attendances++
			listed := covers(intervals(per, s.Start.Add(-24*time.Hour), s.End.Add(24*time.Hour)), s.Start, s.End)
			inside = inside && listed
			if atNight(s.Start, s.End, locOf(per)) {
				f.Night++
				if !listed {
					f.NightUnlisted++
				}
			}
		}
		if inside {
			f.Inside++
		}
	}
	m := availability.New(p, calendarOf(p, cfg), officeHours)
	index := map[string]int{}
	for i := range p.People {
		if _, dup := index[p.People[i].ID]; !dup {
			index[p.People[i].ID] = i
		}
	}
	var members []int
	largest := 0
	for _, c := range plan.Cohorts {
		largest = max(largest, len(c.Members))
		for _, id := range c.Members {
			if i, ok := index[id]; ok {
				members = append(members, i)
			}
		}
	}
	ends := 0
	for _, i := range members {
		partners := 0
		for _, j := range members {
			if j != i {
				if _, meet := m.Pair(i, j); meet {
					partners++
				}
			}
		}
		ends += min(partners, largest-1)
	}
	f.MeetBound = ends / 2
	for _, c := range plan.Cohorts {
		for a := range c.Members {
			for b := a + 1; b < len(c.Members); b++ {
				f.PeerPairs++
				i, okA := index[c.Members[a]]
				j, okB := index[c.Members[b]]
				if !okA || !okB {
					continue
				}
				if _, meet := m.Pair(i, j); meet {
					f.CanMeet++
				}
			}
		}
	}
	return f
}

// calendarOf is the availability calendar of p's schedule under cfg.
func calendarOf(p *mentormatch.Program, cfg mentormatch.Config) availability.Calendar {
	return availability.Calendar{Start: availability.StartOf(cfg), Days: SpanDays(p, cfg), SessionMinutes: cfg.Schedule.SessionMinutes}
}

// atNight reports whether [start, end) overlaps 22:00–07:00 in loc.
func atNight(start, end time.Time, loc *time.Location) bool {
	for t := start; t.Before(end); t = t.Add(step) {
		if h := t.In(loc).Hour(); h >= 22 || h < 7 {
			return true
		}
	}
	return false
}
