// Package plan assembles a program's plan: the match, the cohorts and
// their dated sessions, and the pairs' learning roadmaps, in the order the
// plan command writes them. The command line, the review page (serve) and
// tests all build a plan here, so the three cannot drift apart.
package plan

import (
	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/cohort"
	"github.com/mentormatch/mentormatch/internal/parallel"
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
// library never reads the clock. The cohorts, which need no match, are
// formed on another core while the match is solved (Cohorts).
func Build(p *mentormatch.Program, cfg mentormatch.Config) (*Result, error) {
	// A plan too large to build is refused before the match is solved.
	if p != nil {
		if err := cohort.CheckSize(p, len(p.Mentees), cfg); err != nil {
			return nil, err
		}
	}
	cohorts := Cohorts(p, cfg)
	res, err := roster.Match(p, cfg)
	if err != nil {
		cohorts.Wait()
		return nil, err
	}
	return OnCohorts(p, cfg, res, cohorts)
}

// On plans cohorts, sessions and roadmaps on a match already made, such
// as one solved with decisions or re-solved after a pin.
func On(p *mentormatch.Program, cfg mentormatch.Config, res *roster.Result) (*Result, error) {
	return OnCohorts(p, cfg, res, nil)
}

// Forming is a program's cohorts being formed on a goroutine of their own
// (cohort.Prepare); Wait waits for them.
type Forming struct {
	wait func() (*cohort.Prepared, error)
}

// Cohorts starts forming p's cohorts under cfg on another core: they need
// no match, so the caller solves it meanwhile and hands both to
// OnCohorts. The caller checks the plan's size first (cohort.CheckSize),
// as Build does.
func Cohorts(p *mentormatch.Program, cfg mentormatch.Config) *Forming {
	return &Forming{wait: parallel.Go(func() (*cohort.Prepared, error) { return cohort.Prepare(p, cfg) })}
}

// Wait waits for the cohorts, also when the caller no longer needs them:
// no work outlives its caller.
func (f *Forming) Wait() (*cohort.Prepared, error) { return f.wait() }

// OnCohorts is On with the cohorts formed by Cohorts(p, cfg); nil forms
// them here. The plan is the same either way.
func OnCohorts(p *mentormatch.Program, cfg mentormatch.Config, res *roster.Result, cohorts *Forming) (*Result, error) {
	if cohorts == nil {
		pl, err := cohort.Build(p, res.Roster, cfg)
		if err != nil {
			return nil, err
		}
		return roadmaps(p, cfg, res, pl)
	}
	prepared, err := cohorts.Wait()
	if err != nil {
		return nil, err
	}
	if err := cohort.CheckSize(p, len(res.Roster.Matches), cfg); err != nil {
		return nil, err
	}
	pl, err := prepared.Build(res.Roster)
	if err != nil {
		return nil, err
	}
	return roadmaps(p, cfg, res, pl)
}

// roadmaps adds the pairs' roadmaps to pl.
func roadmaps(p *mentormatch.Program, cfg mentormatch.Config, res *roster.Result, pl *mentormatch.Plan) (*Result, error) {
	pl.Roster = res.Roster
	var err error
	if pl.Roadmaps, err = roadmap.Build(p, pl, cfg); err != nil {
		return nil, err
	}
	return &Result{Match: res, Plan: pl}, nil
}
