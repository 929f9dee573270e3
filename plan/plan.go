// Package plan assembles a program's plan: the match, the cohorts and
// their dated sessions, and the pairs' learning roadmaps, in the order the
// plan command writes them. The command line, the review page (serve) and
// tests all build a plan here, so the three cannot drift apart.
package plan

import (
	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/cohort"
	"github.com/mentormatch/mentormatch/roadmap"
	"github.com/mentormatch/mentormatch/roster"
)

// Result is an assembled plan with the match it was built on, which a
// caller keeps to explain or price the pairs (roster.Result.Force).
type Result struct {
	Match *roster.Result
	Plan  *mentormatch.Plan
}

// Build matches p under cfg and plans cohorts, sessions and roadmaps on
// the roster. Sessions are dated from cfg.Schedule.Start, which the
// caller sets (the command line picks the Monday after today): the
// library never reads the clock.
func Build(p *mentormatch.Program, cfg mentormatch.Config) (*Result, error) {
	// A plan too large to build is refused before the match is solved.
	if p != nil {
		if err := cohort.CheckSize(p, len(p.Mentees), cfg); err != nil {
			return nil, err
		}
	}
	res, err := roster.Match(p, cfg)
	if err != nil {
		return nil, err
	}
	return On(p, cfg, res)
}

// On plans cohorts, sessions and roadmaps on a match already made, such
// as one solved with decisions or re-solved after a pin.
func On(p *mentormatch.Program, cfg mentormatch.Config, res *roster.Result) (*Result, error) {
	pl, err := cohort.Build(p, res.Roster, cfg)
	if err != nil {
		return nil, err
	}
	pl.Roster = res.Roster
	if pl.Roadmaps, err = roadmap.Build(p, pl, cfg); err != nil {
		return nil, err
	}
	return &Result{Match: res, Plan: pl}, nil
}
