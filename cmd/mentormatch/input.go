package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/table"
)

// inputOptions are the flags shared by every command that reads people.
type inputOptions struct {
	Mentees string
	Mentors string
	Sheet   string
	Config  string
	Example bool
	// Decisions is the program manager's decisions file (pins and
	// vetoes); only the commands that add decisionFlags read it.
	Decisions string
	// History are rosters or plans of earlier cohorts, whose pairs are
	// not formed again and whose peers are kept apart.
	History []string
	// Now is the clock that dates a program without schedule.start;
	// nil is time.Now. Tests set it to pin the start.
	Now func() time.Time
}

func (o *inputOptions) addFlags(cmd *cobra.Command, withExample bool) {
	f := cmd.Flags()
	f.StringVar(&o.Mentees, "mentees", "", "file of mentees (CSV or XLSX), with --mentors")
	f.StringVar(&o.Mentors, "mentors", "", "file of mentors (CSV or XLSX), with --mentees")
	f.StringVar(&o.Sheet, "sheet", "", "XLSX sheet to read (default: sheets Mentees and Mentors, else the first)")
	f.StringVar(&o.Config, "config", "", "program configuration (YAML); see 'mentormatch config --print-defaults'")
	if withExample {
		f.BoolVar(&o.Example, "example", false, "run on the built-in example program")
	}
}

// addDecisionFlags adds --decisions, for the commands that match.
func (o *inputOptions) addDecisionFlags(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&o.History, "history", nil, "roster or plan of an earlier cohort (JSON, CSV or XLSX), repeatable: its pairs are not formed again (config history.repeat), and a plan's peers are spread across cohorts where the sizes allow")
	cmd.Flags().StringVar(&o.Decisions, "decisions", "", "program manager's decisions (CSV or XLSX: mentee_id, mentor_id, decision pin|forbid, note): pins are kept, vetoed pairs never formed")
}

func (o *inputOptions) loadConfig() (mentormatch.Config, error) {
	cfg := mentormatch.DefaultConfig()
	if o.Config != "" {
		var err error
		if cfg, err = mentormatch.LoadConfig(o.Config); err != nil {
			return cfg, err
		}
	}
	if cfg.Schedule.Start == "" {
		now := o.Now
		if now == nil {
			now = time.Now
		}
		cfg.Schedule.Start = nextMonday(now()).Format(time.DateOnly)
	}
	return cfg, nil
}

// nextMonday is the first Monday after t's date: the default start of a
// program, so that a plan made today starts in the future and the
// availability overlap is computed for the weeks it will run in (daylight
// saving). The libraries never look at the clock; the CLI decides here.
func nextMonday(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// files turns the positional arguments and flags into the files to read.
func (o *inputOptions) files(args []string) ([]table.File, error) {
	switch {
	case o.Example:
		if len(args) > 0 || o.Mentees != "" || o.Mentors != "" {
			return nil, fmt.Errorf("%w: --example takes no people files", mentormatch.ErrUsage)
		}
		return []table.File{{Path: example.PeopleName, Data: example.PeopleCSV()}}, nil
	case o.Mentees != "" || o.Mentors != "":
		if o.Mentees == "" || o.Mentors == "" || len(args) > 0 {
			return nil, fmt.Errorf("%w: give --mentees and --mentors together, or one people file", mentormatch.ErrUsage)
		}
		return []table.File{
			{Path: o.Mentees, Role: mentormatch.RoleMentee},
			{Path: o.Mentors, Role: mentormatch.RoleMentor},
		}, nil
	case len(args) == 1:
		return []table.File{{Path: args[0]}}, nil
	case len(args) == 0:
		return nil, fmt.Errorf("%w: no people file: give one file, --mentees and --mentors, or --example", mentormatch.ErrUsage)
	}
	return nil, fmt.Errorf("%w: one people file at most (or --mentees and --mentors)", mentormatch.ErrUsage)
}

// inputs are the files the flags and args name to be read: outputs must
// not replace them.
func (o *inputOptions) inputs(args []string) []string {
	return append(append([]string{o.Mentees, o.Mentors, o.Config, o.Decisions}, o.History...), args...)
}

// applyChoices makes the answers to a shortlist round (--choices) part of
// p: each mentee who chose is matched from their own list, their choices
// ranked as prefers.
func applyChoices(p *mentormatch.Program, path string) error {
	if path == "" {
		return nil
	}
	cs, err := table.ReadChoices(table.File{Path: path})
	if err != nil {
		return err
	}
	if ps := p.ApplyChoices(cs); len(ps) > 0 {
		ps.Sort()
		return ps
	}
	return nil
}

// loadToSolve reads what match and plan solve: the program and
// configuration as load reads them, the answers to a shortlist round
// (--choices) and the objective (--objective) over the configuration's.
func (o *inputOptions) loadToSolve(args []string, choices, objective string) (*mentormatch.Program, mentormatch.Config, error) {
	p, cfg, err := o.load(args)
	if err != nil {
		return nil, cfg, err
	}
	if err := applyChoices(p, choices); err != nil {
		return nil, cfg, err
	}
	if objective != "" {
		cfg.Objective = mentormatch.MatchObjective(objective)
		if err := cfg.Validate(); err != nil {
			return nil, cfg, fmt.Errorf("%w: --objective %q: expected total, fair or stable", mentormatch.ErrUsage, objective)
		}
	}
	return p, cfg, nil
}

// load reads the configuration and the program.
func (o *inputOptions) load(args []string) (*mentormatch.Program, mentormatch.Config, error) {
	files, err := o.files(args)
	if err != nil {
		return nil, mentormatch.Config{}, err
	}
	cfg, err := o.loadConfig()
	if err != nil {
		return nil, cfg, err
	}
	p, err := table.ReadProgram(table.Options{Sheet: o.Sheet, Levels: cfg.Levels}, files...)
	if err != nil {
		return nil, cfg, err
	}
	var ps mentormatch.Problems
	for _, path := range o.History {
		pairs, cohorts, err := table.ReadHistory(table.File{Path: path})
		if err := ps.Collect(err); err != nil {
			return nil, cfg, err
		}
		p.Earlier = append(p.Earlier, pairs...)
		p.EarlierCohorts = append(p.EarlierCohorts, cohorts...)
	}
	if len(ps) > 0 {
		return nil, cfg, ps
	}
	if o.Decisions != "" {
		if p.Decisions, err = table.ReadDecisions(table.File{Path: o.Decisions}); err != nil {
			return nil, cfg, err
		}
	}
	return p, cfg, nil
}
