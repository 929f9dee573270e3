package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/rematch"
	"github.com/mentormatch/mentormatch/roster"
)

type rematchOptions struct {
	inputOptions
	Roster      string
	Survey      string
	SurveySheet string
	Out         string
	Threshold   float64
	MaxMoves    int
	MoveMargin  float64
	Priority    string
	Quiet       bool
	// set holds the flags given on the command line: the others come
	// from the configuration.
	set map[string]bool
}

func newRematchCmd() *cobra.Command {
	o := &rematchOptions{}
	cmd := &cobra.Command{
		Use:   "rematch --roster roster.xlsx --survey survey.csv people.xlsx --out roster2.xlsx",
		Short: "Re-match after a relationship-health survey: keep healthy pairs, dissolve the rest, match the freed",
		Long: `rematch reads the previous roster (our JSON, CSV or XLSX, also one edited by hand: rows
re-sorted, columns added), a relationship-health survey and the people file, and writes a new
roster with what changed and why.

Survey: CSV or XLSX, one row per answer: mentee_id, mentor_id, rater (mentee or mentor),
rating (a whole number 1-5), optional wants_change (yes/no) and comment. Every answer must name a
pair of the roster; every bad cell is reported with its row, and then nothing is written (exit 2).

What happens to each pair of the roster:
  - its ratings, from both sides and every answer, are averaged; the pair is unhealthy when
    that mean is below --threshold or either side wants a change. A pair nobody answered for
    is kept, and listed under "no answers";
  - an unhealthy pair is dissolved and recorded in the roster's history of dissolved pairs
    (the "dissolved" list in JSON, the Dissolved sheet, the dissolved_mentors column in CSV);
    a dissolved pair is never formed again, in this re-match or any later one;
  - a pair whose mentee is not in the people file has left; one whose mentor is not in it
    any more, or that now breaks a hard rule, is freed; when a mentor's capacity fell, their
    highest-scoring pairs stay;
  - every other pair stays exactly as it is.
Freed mentees, mentees who were unmatched and mentees new in the people file are then matched
optimally into the remaining capacity: as many as possible, then, when places are short, first
those --priority names (freed: mentees whose pair ended, the default; waiting: mentees who were
unmatched; score: nobody), then the best total score (the exact assignment, as in match; the
objective is the total score). The output says which priority applied.

--max-moves N also lets the optimiser move up to N healthy pairs, and only where each move
pays: the result is the exact optimum of "most mentees matched, then the total score minus
--move-margin points per moved pair", under the limit of N moves (Lagrangian relaxation of
the limit inside a branch and bound; see the cohort package). Default 0: no healthy pair moves.

The people file is required (or --mentees and --mentors): the roster says who is paired, the
people file who everyone is (skills, availability, capacity), which scoring new pairs needs.
Give the current one: people missing from it have left, people new in it have joined.

Outputs follow --out's extension: .json adds "changes" and "health"; .xlsx adds the sheets
Changes, Health, Health by mentor and Pair health; .csv writes the roster and NAME-changes.csv.`,
		Example: `  mentormatch rematch --roster roster.xlsx --survey survey.csv people.xlsx --out roster2.xlsx
  mentormatch rematch --roster roster.json --survey survey.xlsx people.csv --max-moves 3 --out roster2.json
  mentormatch rematch --example --out roster2.xlsx`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.set = map[string]bool{}
			for _, name := range []string{"threshold", "max-moves", "move-margin", "priority"} {
				o.set[name] = cmd.Flags().Changed(name)
			}
			return runRematch(o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd, true)
	o.addDecisionFlags(cmd)
	addQuietFlag(cmd, &o.Quiet)
	f := cmd.Flags()
	f.StringVar(&o.Roster, "roster", "", "the previous roster: .json, .csv or .xlsx, as match, plan or rematch wrote it (required)")
	f.StringVar(&o.Survey, "survey", "", "the relationship-health survey: .csv or .xlsx (required)")
	f.StringVar(&o.SurveySheet, "survey-sheet", "", "XLSX sheet of the survey (default: the first)")
	f.StringVarP(&o.Out, "out", "o", "", "the new roster: .xlsx, .csv or .json (required)")
	f.Float64Var(&o.Threshold, "threshold", rematch.DefaultThreshold, "a pair whose mean rating is below this is unhealthy, 1-5 (default: rematch.threshold in the config)")
	f.IntVar(&o.MaxMoves, "max-moves", 0, "healthy pairs the optimiser may also move (default: rematch.max_moves in the config)")
	f.Float64Var(&o.MoveMargin, "move-margin", rematch.DefaultMoveMargin, "with --max-moves: points each moved pair must add to the total (default: rematch.move_margin in the config)")
	f.StringVar(&o.Priority, "priority", mentormatch.PriorityFreed, "who gets the places left first: freed (mentees whose pair ended), waiting (mentees unmatched before) or score (default: rematch.priority in the config)")
	return cmd
}

func runRematch(o *rematchOptions, args []string, stdout, stderr io.Writer) error {
	if o.Out == "" {
		return fmt.Errorf("%w: --out is required (roster2.xlsx, roster2.csv or roster2.json)", mentormatch.ErrUsage)
	}
	if err := checkExt(o.Out, ".xlsx", ".csv", ".json"); err != nil {
		return err
	}
	if o.set["threshold"] && (o.Threshold < 1 || o.Threshold > 5) {
		return fmt.Errorf("%w: --threshold %v: expected a rating from 1 to 5", mentormatch.ErrUsage, o.Threshold)
	}
	if o.set["priority"] && o.Priority != mentormatch.PriorityFreed && o.Priority != mentormatch.PriorityWaiting && o.Priority != mentormatch.PriorityScore {
		return fmt.Errorf("%w: --priority %q: expected freed, waiting or score", mentormatch.ErrUsage, o.Priority)
	}
	if o.MaxMoves < 0 || o.MoveMargin < 0 {
		return fmt.Errorf("%w: --max-moves and --move-margin must be 0 or more", mentormatch.ErrUsage)
	}
	outs := rosterOuts(o.Out)
	if strings.EqualFold(filepath.Ext(o.Out), ".csv") {
		outs = append(outs, output.Out{Flag: "--out (its changes)", Path: report.ChangesPath(o.Out)})
	}
	if err := checkOutputs(append(o.inputs(args), o.Roster, o.Survey), outs, nil); err != nil {
		return err
	}
	pr := newProgressBar(stderr, o.Quiet, 3)
	defer pr.done()
	pr.next("reading people, the roster and the survey")
	p, cfg, prev, survey, err := o.loadRematch(args)
	if err != nil {
		return err
	}
	// Flags not given take the configuration's values.
	if !o.set["threshold"] {
		o.Threshold = cfg.Rematch.Threshold
	}
	if !o.set["max-moves"] {
		o.MaxMoves = cfg.Rematch.MaxMoves
	}
	if !o.set["move-margin"] {
		o.MoveMargin = cfg.Rematch.MoveMargin
	}
	if !o.set["priority"] {
		o.Priority = cfg.Rematch.Priority
	}
	pr.next(fmt.Sprintf("re-matching %d mentees with %d mentors", len(p.Mentees), len(p.Mentors)))
	x, err := rematch.Rematch(p, cfg, prev, survey, rematch.RematchOptions{Threshold: o.Threshold, MaxMoves: o.MaxMoves, MoveMargin: o.MoveMargin, Priority: o.Priority, HoldMemory: holdMemory})
	if err != nil {
		return err
	}
	pr.next("writing " + o.Out)
	if err := report.WriteRematch(o.Out, x, report.WithSkillGaps(report.SkillGaps(p, x.Roster))); err != nil {
		return err
	}
	pr.done()
	printRematch(stdout, x, o.Out)
	var sw []string
	for _, w := range survey.Warnings {
		sw = append(sw, w.String())
	}
	printWarnings(stderr, sw, x.Roster.Warnings)
	return nil
}

// loadRematch reads the people, the roster and the survey, or with
// --example makes them: the example program, its roster and the example
// survey of that roster. Every problem in the three files is reported at
// once.
func (o *rematchOptions) loadRematch(args []string) (*mentormatch.Program, mentormatch.Config, *mentormatch.Roster, *mentormatch.Survey, error) {
	fail := func(err error) (*mentormatch.Program, mentormatch.Config, *mentormatch.Roster, *mentormatch.Survey, error) {
		return nil, mentormatch.Config{}, nil, nil, err
	}
	if o.Example {
		if o.Roster != "" || o.Survey != "" {
			return fail(fmt.Errorf("%w: --example brings its own roster and survey: leave out --roster and --survey", mentormatch.ErrUsage))
		}
		p, cfg, err := o.load(args)
		if err != nil {
			return fail(err)
		}
		res, err := roster.Match(p, cfg)
		if err != nil {
			return fail(err)
		}
		s, err := table.ReadSurvey(table.File{Path: example.SurveyName, Data: example.SurveyCSV(res.Roster.Matches)}, table.SurveyOptions{Roster: res.Roster})
		if err != nil {
			return fail(err)
		}
		return p, cfg, res.Roster, s, nil
	}
	var missing []string
	if o.Roster == "" {
		missing = append(missing, "--roster (the previous roster)")
	}
	if o.Survey == "" {
		missing = append(missing, "--survey (the health survey)")
	}
	if len(args) == 0 && o.Mentees == "" && o.Mentors == "" {
		missing = append(missing, "the people file (who everyone is, to score new pairs)")
	}
	if len(missing) > 0 {
		return fail(fmt.Errorf("%w: rematch needs %s; or try --example", mentormatch.ErrUsage, strings.Join(missing, ", ")))
	}
	var ps mentormatch.Problems
	p, cfg, err := o.load(args)
	if err := ps.Collect(err); err != nil {
		return fail(err)
	}
	prev, err := table.ReadRoster(table.File{Path: o.Roster})
	if err := ps.Collect(err); err != nil {
		return fail(err)
	}
	// Without a readable roster, the survey's cells are still checked.
	s, err := table.ReadSurvey(table.File{Path: o.Survey}, table.SurveyOptions{Sheet: o.SurveySheet, Roster: prev})
	if err := ps.Collect(err); err != nil {
		return fail(err)
	}
	if len(ps) > 0 {
		ps.Sort()
		return fail(ps)
	}
	return p, cfg, prev, s, nil
}

// priorityWords say what each rematch.priority did.
var priorityWords = map[string]string{
	mentormatch.PriorityFreed:   "freed mentees placed first, then those waiting and new, then by score",
	mentormatch.PriorityWaiting: "mentees waiting from before placed first, then the freed and new, then by score",
	mentormatch.PriorityScore:   "nobody placed first: the most mentees, then the highest total score",
}

// printRematch sums up the survey and the changes on stdout.
func printRematch(w io.Writer, x *mentormatch.Rematch, out string) {
	h := x.Health
	fmt.Fprintf(w, "survey: %d answers about %d of %d pairs (response rate %.0f%%)", h.Answers, h.Answered, h.Pairs, 100*h.ResponseRate)
	if h.Answers > 0 {
		fmt.Fprintf(w, ", mean rating %.2f", h.MeanRating)
	}
	fmt.Fprintf(w, "; %d flagged below %v or wanting a change\n", h.Flagged, h.Threshold)
	if n := len(h.Missing); n > 0 {
		list := h.Missing[:min(n, 5)]
		more := ""
		if n > 5 {
			more = fmt.Sprintf("; and %d more (see the health report)", n-5)
		}
		fmt.Fprintf(w, "missing answers: %s%s\n", strings.Join(list, "; "), more)
	}
	kinds := map[mentormatch.ChangeKind]int{}
	freed, rematched := 0, 0
	for _, c := range x.Changes {
		kinds[c.Kind]++
		// A dissolved pair frees its mentee as much as a mentor who left.
		if c.Kind == mentormatch.ChangeDissolved || c.Kind == mentormatch.ChangeFreed {
			freed++
			if c.NewMentorID != "" {
				rematched++
			}
		}
	}
	s := x.Roster.Summary
	fmt.Fprintf(w, "dissolved %d pairs; freed %d mentees (%d re-matched, %d waiting); moved %d, newly matched %d, joined %d, left %d; %d of %d mentees matched, total score %.2f\n",
		kinds[mentormatch.ChangeDissolved], freed, rematched, freed-rematched, kinds[mentormatch.ChangeMoved], kinds[mentormatch.ChangeMatched],
		kinds[mentormatch.ChangeJoined], kinds[mentormatch.ChangeLeft], s.Matched, s.Mentees, s.TotalScore)
	fmt.Fprintf(w, "priority: %s (rematch.priority)\n", priorityWords[x.Priority])
	files := out
	if strings.EqualFold(filepath.Ext(out), ".csv") {
		files = strings.Replace(wrote(out, x.Roster), out, out+" and "+report.ChangesPath(out), 1)
	}
	fmt.Fprintf(w, "%d changes; wrote %s\n", len(x.Changes), files)
}
