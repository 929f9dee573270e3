package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/metrics"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/rematch"
)

type reportOptions struct {
	inputOptions
	Roster      string
	Surveys     []string
	SurveySheet string
	Out         string
	Threshold   float64
	Drop        float64
}

func newReportCmd() *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report --roster roster.xlsx --survey jan.csv --survey feb.csv [people.xlsx] --out metrics.xlsx",
		Short: "Program metrics over time from a roster and its check-in surveys",
		Long: `report measures a program from its roster and one or more check-in surveys, given in date
order (repeat --survey, or separate files with commas).

A check-in survey is a relationship-health survey (mentee_id, mentor_id, rater, rating, optional
wants_change and comment) with optional columns:
  skills      the mentee's skills as rated in this check-in: "go:3; kubernetes:2", or one column
              per skill headed "skill: NAME" (levels 0-5); the mentee's own rows count
  milestone   done, on track or behind
  date        when the answer was given, YYYY-MM-DD

Per survey: response rate (sides of pairs who answered), mean rating, unhealthy pairs (as
rematch sees them) and milestone completion (pairs done over pairs that said). Per pair and per
cohort: the mean rating in each survey. Skill development: each mentee's change in self-rated
level per wanted skill, per calendar month between the surveys' dates (the latest answer of
each); with a people file only wanted skills count. At risk: a pair whose mean rating fell by
--drop or more between its last two answered surveys, whose last milestone is behind, or that
the last survey finds unhealthy.

Cohorts are known when the roster is a plan's JSON (plan --out plan.json).
Outputs follow --out's extension: .xlsx (sheets with charts) or .json.

--example plans the built-in example program and reports on three monthly check-ins its
pairs might have answered.`,
		Example: `  mentormatch report --example --out metrics.xlsx
  mentormatch report --roster plan.json --survey jan.csv --survey feb.csv --out metrics.xlsx
  mentormatch report --roster roster.xlsx --survey jan.xlsx,feb.xlsx people.xlsx --out metrics.json`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd, true)
	f := cmd.Flags()
	f.StringVar(&o.Roster, "roster", "", "the roster the surveys are about: .json, .csv or .xlsx, as match, plan or rematch wrote it (required)")
	f.StringSliceVar(&o.Surveys, "survey", nil, "check-in surveys, .csv or .xlsx, in date order (required; repeat or separate with commas)")
	f.StringVar(&o.SurveySheet, "survey-sheet", "", "XLSX sheet of the surveys (default: the first)")
	f.StringVarP(&o.Out, "out", "o", "", "the report: .xlsx or .json (required)")
	f.Float64Var(&o.Threshold, "threshold", rematch.DefaultThreshold, "a pair whose mean rating is below this is unhealthy (1-5)")
	f.Float64Var(&o.Drop, "drop", metrics.DefaultDrop, "a fall in a pair's mean rating that puts it at risk")
	return cmd
}

func runReport(o *reportOptions, args []string, stdout, stderr io.Writer) error {
	switch {
	case o.Example && o.Out == "":
		return fmt.Errorf("%w: report --example needs --out (metrics.xlsx or metrics.json)", mentormatch.ErrUsage)
	case !o.Example:
		if err := o.check(); err != nil {
			return err
		}
	}
	if err := checkExt(o.Out, ".xlsx", ".json"); err != nil {
		return err
	}
	if o.Threshold < 1 || o.Threshold > 5 {
		return fmt.Errorf("%w: --threshold %v: expected a rating from 1 to 5", mentormatch.ErrUsage, o.Threshold)
	}
	if !(o.Drop > 0) {
		return fmt.Errorf("%w: --drop %v: expected a fall in rating above 0", mentormatch.ErrUsage, o.Drop)
	}
	if err := checkOutputs(append(o.inputs(args), append([]string{o.Roster}, o.Surveys...)...), []output.Out{{Flag: "--out", Path: o.Out}}, nil); err != nil {
		return err
	}
	load := o.loadReport
	if o.Example {
		load = o.loadExample
	}
	in, err := load(args, stderr)
	if err != nil {
		return err
	}
	rep, err := metrics.Measure(in.roster, in.waves, metrics.Options{Cohorts: in.cohorts, Wants: in.wants, Threshold: o.Threshold, Drop: o.Drop})
	if err != nil {
		return err
	}
	if err := report.WriteMetrics(o.Out, rep); err != nil {
		return err
	}
	printReport(stdout, rep, o.Out)
	for _, w := range rep.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return nil
}

// check says every flag and argument missing, at once.
func (o *reportOptions) check() error {
	var missing []string
	if o.Roster == "" {
		missing = append(missing, "--roster")
	}
	if len(o.Surveys) == 0 {
		missing = append(missing, "--survey (one or more)")
	}
	if o.Out == "" {
		missing = append(missing, "--out (metrics.xlsx or metrics.json)")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: report needs %s", mentormatch.ErrUsage, strings.Join(missing, ", "))
	}
	return nil
}

// reportInput is what a report measures.
type reportInput struct {
	roster  *mentormatch.Roster
	waves   []metrics.Wave
	cohorts []mentormatch.Cohort
	wants   map[string][]string // each mentee's wanted skills; nil without a people file
}

// loadReport reads the roster, the surveys and the people file if given.
// Every problem in every file is reported at once.
func (o *reportOptions) loadReport(args []string, stderr io.Writer) (*reportInput, error) {
	var ps mentormatch.Problems
	in := &reportInput{}
	if len(args) > 0 || o.Mentees != "" || o.Mentors != "" {
		p, _, err := o.load(args)
		if err := ps.Collect(err); err != nil {
			return nil, err
		}
		if p != nil {
			in.wants = wantsOf(p)
		}
	}
	r, err := table.ReadRoster(table.File{Path: o.Roster})
	if err := ps.Collect(err); err != nil {
		return nil, err
	}
	in.roster = r
	for _, path := range o.Surveys {
		s, err := table.ReadSurvey(table.File{Path: path}, table.SurveyOptions{Sheet: o.SurveySheet, Roster: r})
		if err := ps.Collect(err); err != nil {
			return nil, err
		}
		in.waves = append(in.waves, metrics.Wave{Name: path, Survey: s})
		if s != nil {
			for _, w := range s.Warnings {
				fmt.Fprintln(stderr, "warning:", w)
			}
		}
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	in.cohorts, err = planCohorts(o.Roster)
	return in, err
}

// loadExample plans the built-in example program and makes three check-in
// surveys of its pairs, four weeks apart from the program's start.
func (o *reportOptions) loadExample(args []string, _ io.Writer) (*reportInput, error) {
	if o.Roster != "" || len(o.Surveys) > 0 {
		return nil, fmt.Errorf("%w: --example brings its own roster and surveys: leave out --roster and --survey", mentormatch.ErrUsage)
	}
	p, cfg, err := o.load(args)
	if err != nil {
		return nil, err
	}
	built, err := plan.Build(p, cfg)
	if err != nil {
		return nil, err
	}
	res := built.Match
	start, err := time.Parse(time.DateOnly, cfg.Schedule.Start)
	if err != nil {
		return nil, fmt.Errorf("%w: schedule.start %q: expected YYYY-MM-DD", mentormatch.ErrUsage, cfg.Schedule.Start)
	}
	in := &reportInput{roster: res.Roster, cohorts: built.Plan.Cohorts, wants: wantsOf(p)}
	skills := func(id string) []mentormatch.Skill {
		var out []mentormatch.Skill
		if e := p.ByID(id); e != nil {
			for _, name := range e.Wants {
				level, _ := e.SkillLevel(name)
				out = append(out, mentormatch.Skill{Name: name, Level: level})
			}
		}
		return out
	}
	for k := range 3 {
		date := start.AddDate(0, 0, 28*(k+1)).Format(time.DateOnly)
		name := example.CheckInName(k)
		s, err := table.ReadSurvey(table.File{Path: name, Data: example.CheckInCSV(res.Roster.Matches, k, date, skills)}, table.SurveyOptions{Roster: res.Roster})
		if err != nil {
			return nil, err
		}
		in.waves = append(in.waves, metrics.Wave{Name: name, Survey: s})
	}
	return in, nil
}

// wantsOf maps each mentee's id to their wanted skills.
func wantsOf(p *mentormatch.Program) map[string][]string {
	wants := map[string][]string{}
	for _, i := range p.Mentees {
		wants[p.People[i].ID] = p.People[i].Wants
	}
	return wants
}

// planCohorts returns the cohorts of a plan's JSON, or none when the
// roster file is not one.
func planCohorts(path string) ([]mentormatch.Cohort, error) {
	if !strings.EqualFold(filepath.Ext(path), ".json") {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", mentormatch.ErrInput, path, err)
	}
	var plan struct {
		Cohorts []mentormatch.Cohort `json:"cohorts"`
	}
	if json.Unmarshal(data, &plan) != nil {
		return nil, nil // ReadRoster has read it: a roster without cohorts
	}
	return plan.Cohorts, nil
}

// printReport sums up the report on stdout, one line per survey.
func printReport(w io.Writer, rep *metrics.Report, out string) {
	for _, s := range rep.Surveys {
		date := ""
		if !s.Date.IsZero() {
			date = " (" + s.Date.Format(time.DateOnly) + ")"
		}
		fmt.Fprintf(w, "%s%s: %d answers, response rate %.0f%%", s.Name, date, s.Answers, 100*s.ResponseRate)
		if !math.IsNaN(s.MeanRating) {
			fmt.Fprintf(w, ", mean rating %.2f", s.MeanRating)
		}
		if !math.IsNaN(s.Completion) {
			fmt.Fprintf(w, ", milestones %d done, %d on track, %d behind", s.Done, s.OnTrack, s.Behind)
		}
		fmt.Fprintf(w, "; %d unhealthy\n", s.Unhealthy)
	}
	if sk := rep.Skills; sk.Rated > 0 {
		fmt.Fprintf(w, "skill development: %d mentee skills rated twice or more, mean change %+.2f levels", sk.Rated, sk.MeanChange)
		if !math.IsNaN(sk.PerMonth) {
			fmt.Fprintf(w, ", %+.2f levels per month", sk.PerMonth)
		}
		fmt.Fprintln(w)
	}
	switch n := len(rep.AtRisk); n {
	case 0:
		fmt.Fprintln(w, "no pair at risk")
	default:
		fmt.Fprintf(w, "%d pairs at risk:\n", n)
		for _, r := range rep.AtRisk[:min(n, shownRisks)] {
			fmt.Fprintf(w, "  %s with %s: %s\n", r.MenteeID, r.MentorID, r.Why)
		}
		if n > shownRisks {
			fmt.Fprintf(w, "  … and %d more in %s\n", n-shownRisks, out)
		}
	}
	fmt.Fprintf(w, "wrote %s\n", out)
}

// shownRisks is how many pairs at risk are listed on stdout; the report
// file has them all.
const shownRisks = 5
