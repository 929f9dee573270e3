package notify

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch/internal/wording"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/calendar"
)

// Roles of an Intro.
const (
	RoleMentee = "mentee"
	RoleMentor = "mentor"
	RoleSenior = "senior"
)

// Intro is what one participant is told: who they are matched with and
// why, when they first meet (in their own zone), and their cohort.
type Intro struct {
	ID       string
	Name     string
	Email    string
	Role     string // RoleMentee, RoleMentor or RoleSenior
	TimeZone string // as the people file gives it; "UTC" when it gives none
	// Partners are the mentee's mentor, the mentor's mentees, or the
	// senior's cohorts' members, in the roster's order.
	Partners []Contact
	// Why is the reason of each pair, "" for a senior.
	Why []string
	// FirstSession is the person's first session in their own zone; zero
	// when the plan has none for them. FirstWith says with whom.
	FirstSession time.Time
	FirstEnd     time.Time
	FirstWith    string
	// Cohorts are the person's cohorts (a senior may visit several);
	// CohortMembers and Seniors the names in them, the person left out.
	Cohorts       []string
	CohortMembers []string
	Seniors       []string
	// Calendar is the person's .ics, as plan --ics writes it, and
	// CalendarName its file name.
	Calendar     []byte
	CalendarName string
}

// Contact is a person named in an Intro.
type Contact struct{ ID, Name, Email string }

// Build returns the Intros of a plan: one per matched mentee, per mentor
// with a mentee and per senior visiting a cohort, in the people file's
// order. Mentees left unmatched get none (they are told otherwise), and
// Unmatched lists them. An id in the plan that is nobody in p is an input
// error: the plan was made from other people files. O(people + sessions).
func Build(plan *mentormatch.Plan, p *mentormatch.Program) (intros []Intro, unmatched []string, err error) {
	if plan == nil || plan.Roster == nil {
		return nil, nil, fmt.Errorf("%w: no plan to introduce", mentormatch.ErrInput)
	}
	byID := make(map[string]*mentormatch.Person, len(p.People))
	for i := range p.People {
		byID[p.People[i].ID] = &p.People[i]
	}
	var missing []string
	person := func(id string) *mentormatch.Person {
		if per := byID[id]; per != nil {
			return per
		}
		missing = append(missing, id)
		return &mentormatch.Person{ID: id, Name: id, Location: time.UTC}
	}
	contact := func(id string) Contact {
		per := person(id)
		return Contact{ID: per.ID, Name: per.Name, Email: per.Email}
	}
	at := map[string]*Intro{}
	get := func(id, role string) *Intro {
		if in := at[id]; in != nil {
			return in
		}
		per := person(id)
		zone := per.TimeZone
		if zone == "" {
			zone = "UTC"
		}
		in := &Intro{ID: id, Name: per.Name, Email: per.Email, Role: role, TimeZone: zone}
		at[id] = in
		return in
	}
	for _, m := range plan.Roster.Matches {
		e := get(m.MenteeID, RoleMentee)
		e.Partners = append(e.Partners, contact(m.MentorID))
		e.Why = append(e.Why, m.Reason)
		r := get(m.MentorID, RoleMentor)
		r.Partners = append(r.Partners, contact(m.MenteeID))
		r.Why = append(r.Why, m.Reason)
	}
	for _, u := range plan.Roster.Unmatched {
		if u.Role == "mentee" {
			unmatched = append(unmatched, u.ID)
		}
	}
	for _, c := range plan.Cohorts {
		names := func(ids []string, except string) []string {
			var out []string
			for _, id := range ids {
				if id != except {
					out = append(out, person(id).Name)
				}
			}
			return out
		}
		for _, id := range c.Members {
			if in := at[id]; in != nil {
				in.Cohorts = append(in.Cohorts, c.ID)
				in.CohortMembers = append(in.CohortMembers, names(c.Members, id)...)
				in.Seniors = append(in.Seniors, names(c.Seniors, "")...)
			}
		}
		for _, id := range c.Seniors {
			s := get(id, RoleSenior)
			s.Cohorts = append(s.Cohorts, c.ID)
			for _, m := range c.Members {
				s.Partners = append(s.Partners, contact(m))
			}
		}
	}
	for k := range plan.Sessions {
		s := &plan.Sessions[k]
		for _, id := range s.Participants {
			in := at[id]
			if in == nil || (!in.FirstSession.IsZero() && !s.Start.Before(in.FirstSession)) {
				continue
			}
			loc := person(id).Location
			if loc == nil {
				loc = time.UTC
			}
			in.FirstSession, in.FirstEnd = s.Start.In(loc), s.End.In(loc)
			var with []string
			for _, other := range s.Participants {
				if other != id {
					with = append(with, person(other).Name)
				}
			}
			in.FirstWith = joinNames(with)
			if s.Kind == mentormatch.KindPeer && s.Cohort != "" {
				in.FirstWith = "cohort " + s.Cohort + ": " + in.FirstWith
			}
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		missing = slices.Compact(missing)
		return nil, nil, fmt.Errorf("%w: the plan names %d people who are not in the people files (%s): introduce a plan with the people files it was made from",
			mentormatch.ErrInput, len(missing), strings.Join(wording.FirstFew(missing, 5), ", "))
	}
	files, err := calendar.Calendars(plan, p)
	if err != nil {
		return nil, nil, err
	}
	names, err := calendar.PersonFiles(plan)
	if err != nil {
		return nil, nil, err
	}
	for _, per := range p.People {
		in := at[per.ID]
		if in == nil {
			continue
		}
		if name, ok := names[per.ID]; ok {
			in.CalendarName, in.Calendar = name, files[name]
		}
		intros = append(intros, *in)
	}
	return intros, unmatched, nil
}

// joinNames is "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
