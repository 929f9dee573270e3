//go:build ignore

// plan-figures matches and plans a program, then prints what the plan
// means for its people (cohort.Figures): sessions inside everyone's stated
// hours, flagged sessions, night attendances and cohort peers who can meet.
// It is how the figures in issue notes and the README are measured:
//
//	go run scripts/plan-figures.go testdata/hr-export.xlsx
//	go run scripts/plan-figures.go -generate 1000            # synth, 1,000 mentees
//	go run scripts/plan-figures.go -worldwide 42 -write w.csv # New York to Tokyo, 1–2 free hours each
//	go run scripts/plan-figures.go -prefer=false …            # without rules.prefer_shared_time
//
// The schedule starts on -start (default 2026-03-02), so the plan spans the
// clock changes of March in America and Europe.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/cohort"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/synth"
)

func main() {
	gen := flag.Int("generate", 0, "plan a synth population of this many mentees (mentors: a fifth)")
	world := flag.Int("worldwide", 0, "plan this many mentees between New York and Tokyo with 1–2 free hours a week each")
	write := flag.String("write", "", "also write the generated people to this CSV file")
	start := flag.String("start", "2026-03-02", "schedule.start")
	mentors := flag.Int("mentors", 0, "mentors of -generate and -worldwide (default a fifth of the mentees)")
	seed := flag.Int64("seed", 1, "seed of -generate and -worldwide")
	nights := flag.Bool("nights", false, "also list the night attendances outside stated hours")
	planIt := flag.Bool("plan", true, "match and plan; -plan=false only writes the people (-write)")
	prefer := flag.Bool("prefer", true, "rules.prefer_shared_time (false: the roster before the tier)")
	flag.Parse()
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = *start
	cfg.Rules.PreferSharedTime = *prefer
	var p *mentormatch.Program
	switch {
	case *gen > 0 || *world > 0:
		n := max(*gen, *world)
		people := synth.Generate(synth.Options{Mentees: n, Mentors: cmp.Or(*mentors, max(n/5, 2)), Seniors: max(n/100, 1), Seed: *seed})
		if *world > 0 {
			worldwide(people, *seed)
		}
		if *write != "" {
			f, err := os.Create(*write)
			check(err)
			check(synth.WritePeopleCSV(f, people))
			check(f.Close())
		}
		if !*planIt {
			return
		}
		p = &mentormatch.Program{People: people}
		for i := range people {
			if people[i].Role.IsMentee() {
				p.Mentees = append(p.Mentees, i)
			}
			if people[i].Role.IsMentor() {
				p.Mentors = append(p.Mentors, i)
			}
		}
	case flag.NArg() == 1:
		var err error
		p, err = table.ReadProgram(table.Options{Levels: cfg.Levels}, table.File{Path: flag.Arg(0)})
		check(err)
	default:
		fmt.Fprintln(os.Stderr, "usage: go run scripts/plan-figures.go [people.xlsx | -generate N | -worldwide N]")
		os.Exit(2)
	}
	t0 := time.Now()
	res, err := roster.Match(p, cfg)
	check(err)
	plan, err := cohort.Build(p, res.Roster, cfg)
	check(err)
	f := cohort.Measure(p, plan, cfg)
	fmt.Printf("%d mentees, %d mentors; matched %d; %d cohorts (%.1fs)\n", len(p.Mentees), len(p.Mentors), res.Roster.Summary.Matched, len(plan.Cohorts), time.Since(t0).Seconds())
	fmt.Printf("sessions %d: inside everyone's hours %d, flagged %d\n", f.Sessions, f.Inside, f.Flagged)
	fmt.Printf("attendances %d: at night (22:00–07:00 local) %d, of which outside stated hours %d\n", f.Attendances, f.Night, f.NightUnlisted)
	s := res.Roster.Summary
	fmt.Printf("pairs %d: can meet %d, cannot meet %d\n", s.Matched, s.Matched-s.CannotMeet, s.CannotMeet)
	fmt.Printf("cohort peer pairs %d: can meet every week %d (no split into the same sizes holds more than %d)\n", f.PeerPairs, f.CanMeet, f.MeetBound)
	if *nights {
		for _, s := range plan.Sessions {
			for _, id := range s.Participants {
				if per := p.ByID(id); per != nil && per.Location != nil {
					if h := s.Start.In(per.Location).Hour(); h >= 22 || h < 7 || s.End.In(per.Location).Hour() > 22 {
						fmt.Printf("  %s %s %s round %d: %s at %s (%s)\n", s.Start.Format("2006-01-02 15:04 UTC"), s.Cohort, s.Kind, s.Round, id, s.Start.In(per.Location).Format("Mon 15:04"), s.Flag)
					}
				}
			}
		}
	}
}

// worldwide moves everyone to a zone between New York and Tokyo with one or
// two free hours a week, on weekdays between 08:00 and 19:00 local, and
// gives most of them a manager outside the program, as HR exports do.
func worldwide(people []mentormatch.Person, seed int64) {
	zones := []string{"America/New_York", "America/Chicago", "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo"}
	r := rand.New(rand.NewPCG(uint64(seed), 20))
	for i := range people {
		z := zones[r.IntN(len(zones))]
		loc, err := time.LoadLocation(z)
		check(err)
		people[i].TimeZone, people[i].Location = z, loc
		people[i].Availability = nil
		if r.IntN(10) < 7 {
			people[i].ManagerID = fmt.Sprintf("X%d", 900+r.IntN(len(people)))
		}
		for range 1 + r.IntN(2) {
			h := 8 + r.IntN(11)
			people[i].Availability = append(people[i].Availability, mentormatch.Slot{Day: time.Monday + time.Weekday(r.IntN(5)), Start: h * 60, End: h*60 + 60})
		}
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
