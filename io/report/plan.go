package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/internal/parallel"
)

// Number formats of the plan and gap sheets.
const (
	fmtDate  = "yyyy-mm-dd ddd"
	fmtTime  = "hh:mm"
	fmtHours = `0.0" h"`
	fmtPct   = "0%"
)

// gapSheet is the Skills gap sheet: one row per SkillGap, in its order.
func gapSheet(gs []SkillGap) *sheetData {
	d := &sheetData{name: "Skills gap", head: []string{"skill", "mentees wanting", "mentors at 4+", "places at 4+",
		"seniors at 4+", "covered", "coverage", "not covered", "places short"}, format: map[int]string{6: fmtPct}}
	for _, g := range gs {
		d.rows = append(d.rows, []any{textCell(g.Skill), g.Wanting, g.Mentors, g.Places, g.Seniors, g.Covered,
			g.Coverage(), g.NotCovered(), g.PlacesShort()})
	}
	return d
}

// names maps the ids of a roster to names: mentees, mentors and unmatched
// people.
func names(r *mentormatch.Roster) map[string]string {
	n := make(map[string]string, 2*len(r.Matches)+len(r.Unmatched)+len(r.Load))
	for _, l := range r.Load {
		n[l.MentorID] = l.MentorName
	}
	for _, u := range r.Unmatched {
		n[u.ID] = u.Name
	}
	for _, m := range r.Matches {
		n[m.MenteeID], n[m.MentorID] = m.MenteeName, m.MentorName
	}
	return n
}

// planSheets are the plan's sheets Cohorts, Schedule and, when there are
// roadmaps, Roadmaps, made on every core.
func planSheets(p *mentormatch.Plan, r *mentormatch.Roster) []*sheetData {
	name := names(r)
	makers := []func() *sheetData{
		func() *sheetData { return cohortSheet(p, r, name) },
		func() *sheetData { return scheduleSheet(p, name) },
	}
	if len(p.Roadmaps) > 0 {
		makers = append(makers, func() *sheetData { return roadmapSheet(p.Roadmaps) })
	}
	sheets := make([]*sheetData, len(makers))
	parallel.For(len(makers), 0, 1, func(_, k int) { sheets[k] = makers[k]() })
	return sheets
}

// cohortSheet is the Cohorts sheet: each cohort's mentees with their
// mentors, then its seniors.
func cohortSheet(p *mentormatch.Plan, r *mentormatch.Roster, name map[string]string) *sheetData {
	mentorOf := make(map[string]*mentormatch.Match, len(r.Matches))
	for i := range r.Matches {
		mentorOf[r.Matches[i].MenteeID] = &r.Matches[i]
	}
	cohorts := &sheetData{name: "Cohorts", head: []string{"cohort", "role", "id", "name", "mentor_id", "mentor_name"}}
	for _, c := range p.Cohorts {
		for _, id := range c.Members {
			row := []any{textCell(c.ID), "mentee", textCell(id), textCell(name[id]), nil, nil}
			if m := mentorOf[id]; m != nil {
				row[4], row[5] = textCell(m.MentorID), textCell(m.MentorName)
			}
			cohorts.rows = append(cohorts.rows, row)
		}
		for _, id := range c.Seniors {
			cohorts.rows = append(cohorts.rows, []any{textCell(c.ID), "senior mentor", textCell(id), textCell(name[id]), nil, nil})
		}
	}
	return cohorts
}

// scheduleSheet is the Schedule sheet: every session in time order.
func scheduleSheet(p *mentormatch.Plan, name map[string]string) *sheetData {
	schedule := &sheetData{name: "Schedule", head: []string{"date", "start", "end", "time_zone", "hours", "cohort", "kind", "round",
		"participants", "names", "local_starts", "flag"},
		format: map[int]string{0: fmtDate, 1: fmtTime, 2: fmtTime, 4: fmtHours}, wrap: []int{9, 10, 11}}
	order := make([]int, len(p.Sessions))
	for i := range order {
		order[i] = i
	}
	// In time order, as a schedule is read; the plan's order breaks ties.
	slices.SortStableFunc(order, func(a, b int) int {
		return p.Sessions[a].Start.Compare(p.Sessions[b].Start)
	})
	for _, i := range order {
		s := &p.Sessions[i]
		who := make([]string, len(s.Participants))
		for k, id := range s.Participants {
			who[k] = cmp.Or(name[id], id)
		}
		var flag any
		if s.Flag != "" {
			flag = textCell(s.Flag)
		}
		schedule.rows = append(schedule.rows, []any{excelDay(s.Start), excelClock(s.Start), excelClock(s.End),
			textCell(s.Start.Location().String()), s.End.Sub(s.Start).Hours(), textCell(s.Cohort), textCell(string(s.Kind)), s.Round,
			textCell(strings.Join(s.Participants, "; ")), textCell(strings.Join(who, "; ")), textCell(localStarts(s)), flag})
	}
	return schedule
}

// localStarts is when s starts for each participant, "A3001 Tue 18:00
// Asia/Tokyo; …", so nobody converts from UTC by hand.
func localStarts(s *mentormatch.Session) string {
	parts := make([]string, len(s.Local))
	for i, l := range s.Local {
		parts[i] = l.ID + " " + l.Start.Format("Mon 15:04") + " " + l.TimeZone
	}
	return strings.Join(parts, "; ")
}

// excelEpoch is day 0 of a spreadsheet's dates (the 1900 date system as
// Excel and LibreOffice count it from March 1900 on).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelDay is t's date, in t's own zone, as a spreadsheet date number.
func excelDay(t time.Time) float64 {
	y, m, d := t.Date()
	return float64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(excelEpoch) / (24 * time.Hour))
}

// excelClock is t's time of day, in t's own zone, as a fraction of a day.
func excelClock(t time.Time) float64 {
	h, m, s := t.Clock()
	return float64(h*3600+m*60+s) / 86400
}
