package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/internal/wording"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/scoring"
)

type matchOptions struct {
	inputOptions
	Out       string
	Scores    string
	Stats     bool
	Objective string
	Quiet     bool
	Choices   string
}

func newMatchCmd() *cobra.Command {
	o := &matchOptions{}
	cmd := &cobra.Command{
		Use:   "match [people.xlsx|people.csv] --out roster.xlsx",
		Short: "Read people, score every pair, solve the assignment optimally, write the roster",
		Example: `  mentormatch match people.xlsx --out roster.xlsx
  mentormatch match --mentees mentees.csv --mentors mentors.csv --out roster.json
  mentormatch match people.csv --config program.yaml --scores scores.csv --out roster.csv
  mentormatch match --example --out roster.xlsx`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMatch(o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd, true)
	o.addDecisionFlags(cmd)
	f := cmd.Flags()
	f.StringVarP(&o.Out, "out", "o", "", "roster file to write: .xlsx, .csv or .json (required)")
	f.StringVar(&o.Scores, "scores", "", "also write the full score matrix the optimiser saw (.csv or .xlsx)")
	f.BoolVar(&o.Stats, "stats", false, "print one JSON line of timings to stderr (and, in sparse mode, the certificate)")
	f.StringVar(&o.Choices, "choices", "", "a shortlist file the mentees answered (mentormatch shortlist): each who chose is matched from their own list, their choices ranked as prefers")
	f.StringVar(&o.Objective, "objective", "", "total (best total score), fair (best lowest score, then total) or stable (no pair would both rather be together; mentee-optimal); overrides the config")
	addQuietFlag(cmd, &o.Quiet)
	return cmd
}

// stats are the timings --stats prints.
type stats struct {
	Read  float64 `json:"read_seconds"`
	Score float64 `json:"score_seconds"`
	Solve float64 `json:"solve_seconds"`
	Write float64 `json:"write_seconds"`
	// Sparse is a large program's certificate of optimality.
	Sparse *sparseStats `json:"sparse,omitempty"`
}

// sparseStats is what a sparse solve took: the programs it solved, the
// candidate pairs of the last, and the pairs outside it that were all
// checked against its duals, which proves the total the optimum of the
// whole matrix.
type sparseStats struct {
	Rounds  int   `json:"rounds"`
	Pairs   int   `json:"candidate_pairs"`
	Checked int64 `json:"pairs_checked"`
}

func runMatch(o *matchOptions, args []string, stdout, stderr io.Writer) error {
	if o.Out == "" {
		return fmt.Errorf("%w: --out is required (roster.xlsx, roster.csv or roster.json)", mentormatch.ErrUsage)
	}
	if err := checkExt(o.Out, ".xlsx", ".csv", ".json"); err != nil {
		return err
	}
	if o.Scores != "" {
		if err := checkExt(o.Scores, ".csv", ".xlsx"); err != nil {
			return err
		}
	}
	outs := rosterOuts(o.Out)
	if o.Scores != "" {
		outs = append(outs, output.Out{Flag: "--scores", Path: o.Scores}, output.Out{Flag: "--scores (its capacities)", Path: capacityPath(o.Scores)})
	}
	if err := checkOutputs(append(o.inputs(args), o.Choices), outs, nil); err != nil {
		return err
	}
	var st stats
	t := time.Now()
	pr := newProgressBar(stderr, o.Quiet, 4)
	defer pr.done()
	pr.next("reading people")
	p, cfg, err := o.loadToSolve(args, o.Choices, o.Objective)
	if err != nil {
		return err
	}
	st.Read = since(&t)
	pr.next(fmt.Sprintf("scoring %d mentees × %d mentors", len(p.Mentees), len(p.Mentors)))
	sc, err := scoring.New(p, cfg)
	if err != nil {
		return err
	}
	// A very large program is solved without its matrix (roster.Sparse);
	// --scores needs it whole, up to a size a spreadsheet tool could open.
	if cells := len(p.Mentees) * len(p.Mentors); o.Scores != "" && cells > maxScoreCells {
		return fmt.Errorf("%w: --scores: the matrix would have %d cells; it is written for programs of up to %d mentee–mentor pairs", mentormatch.ErrUsage, cells, maxScoreCells)
	}
	var scores roster.Scores
	if o.Scores != "" {
		scores.Dense = sc.Matrix()
	} else {
		scores = solving().Score(p, cfg, sc)
	}
	st.Score = since(&t)
	pr.next("solving the assignment")
	res, err := solving().MatchScored(p, cfg, sc, scores)
	if err != nil {
		return err
	}
	st.Solve = since(&t)
	pr.next("writing " + o.Out)
	if o.Scores != "" {
		mentors := ids(p, p.Mentors)
		if err := report.WriteScores(o.Scores, scores.Dense, ids(p, p.Mentees), mentors); err != nil {
			return err
		}
		if err := report.WriteCapacities(capacityPath(o.Scores), mentors, roster.Capacities(p)); err != nil {
			return err
		}
		if res.Roster.Summary.CannotMeet > 0 && cfg.Rules.PreferSharedTime {
			fmt.Fprintf(stderr, "warning: %s holds the scores without the shared-time tier (rules.prefer_shared_time): solving it alone may pair fewer people who can meet\n", o.Scores)
		}
		for _, q := range cfg.Quotas {
			if q.Hard {
				fmt.Fprintf(stderr, "warning: %s holds the scores without the hard quota %s: solving it alone gives the optimum without the quota\n", o.Scores, q.Label())
				break
			}
		}
	}
	if err := report.WriteRoster(o.Out, res.Roster, report.WithSkillGaps(report.SkillGaps(p, res.Roster))); err != nil {
		return err
	}
	st.Write = since(&t)
	pr.done()
	s := res.Roster.Summary
	fmt.Fprintf(stdout, "matched %d of %d mentees with %d mentors; total score %.2f, mean %.2f, lowest %.2f%s; wrote %s\n",
		s.Matched, s.Mentees, s.Mentors, s.TotalScore, s.MeanScore, s.MinScore, cannotMeet(s), wrote(o.Out, res.Roster))
	printQuotas(stdout, res.Roster.Summary.Quotas)
	printStable(stdout, res.Roster.Summary)
	printDecisions(stdout, res.Roster.Summary.Decisions)
	printHistory(stdout, res.Roster.Summary.History)
	printPreferences(stdout, res.Roster.Summary.Preferences)
	printWarnings(stderr, res.Roster.Warnings)
	if o.Stats {
		if sr := res.Sparse; sr != nil {
			st.Sparse = &sparseStats{Rounds: sr.Rounds, Pairs: sr.Pairs, Checked: sr.Checked}
		}
		return json.NewEncoder(stderr).Encode(st)
	}
	return nil
}

// cannotMeet is the match line's word on pairs who cannot meet: how many,
// and what requiring shared time would cost; "" when every pair can meet.
func cannotMeet(s mentormatch.Summary) string {
	if s.CannotMeet == 0 {
		return ""
	}
	pairs := "pairs cannot"
	if s.CannotMeet == 1 {
		pairs = "pair cannot"
	}
	return fmt.Sprintf("; %d %s meet (no whole session of shared free time every week): requiring it would match %d of %d",
		s.CannotMeet, pairs, s.MatchedIfSharedTimeRequired, s.Mentees)
}

// wrote names the files written for the roster r at out: a CSV roster
// with quotas has its quotas in a file of their own.
func wrote(out string, r *mentormatch.Roster) string {
	if strings.EqualFold(filepath.Ext(out), ".csv") && len(r.Summary.Quotas) > 0 {
		return out + " and " + report.QuotasPath(out)
	}
	return out
}

// printStable says, under the objective stable, what the stable roster
// gives up against the optimum: the price of stability.
func printStable(w io.Writer, s mentormatch.Summary) {
	if s.Stable == nil {
		return
	}
	fmt.Fprintf(w, "stable: %s; %s\n", wording.Plural(s.BlockingPairs, "blocking pair"), report.StableLine(s))
}

// printDecisions says what the program manager's decisions did and
// what the pins cost against the optimum without them.
func printDecisions(w io.Writer, d *mentormatch.DecisionSummary) {
	if d == nil {
		return
	}
	fmt.Fprintf(w, "decisions: %d pinned, %d vetoed", d.Pinned, d.Forbidden)
	if d.Pinned > 0 {
		switch {
		case d.CostMatches == 0 && d.CostPoints == 0:
			fmt.Fprintf(w, "; the pins cost nothing: the optimum without them matches as many (%d) for the same total", d.FreeMatched)
		default:
			fmt.Fprintf(w, "; the pins cost %d matches and %.2f points against the optimum without them (%d matched, total %.2f)",
				d.CostMatches, d.CostPoints, d.FreeMatched, d.FreeTotal)
		}
	}
	fmt.Fprintln(w)
}

// printPreferences says how the roster met the stated preferences.
func printPreferences(w io.Writer, pr *mentormatch.PreferenceSummary) {
	if pr == nil {
		return
	}
	fmt.Fprintf(w, "preferences: of %d mentees who listed mentors, %s", pr.Stated, report.PreferenceLine(pr))
	if pr.MentorsAsked > 0 {
		fmt.Fprintf(w, "; %d of %d mentors who listed mentees got one of them", pr.MentorsGot, pr.MentorsAsked)
	}
	fmt.Fprintln(w)
}

// printHistory says how many earlier pairs the roster avoided, and which
// it formed again.
func printHistory(w io.Writer, h *mentormatch.HistorySummary) {
	if h == nil {
		return
	}
	fmt.Fprintf(w, "history: %d earlier pairs among these people, %d avoided", h.Earlier, h.Avoided)
	if h.Repeated > 0 {
		list := strings.Join(h.RepeatedPairs[:min(5, len(h.RepeatedPairs))], ", ")
		if len(h.RepeatedPairs) > 5 {
			list += fmt.Sprintf(" and %d more", len(h.RepeatedPairs)-5)
		}
		fmt.Fprintf(w, "; %d formed again, no roster matching as many avoiding them at the penalty given: %s", h.Repeated, list)
	} else if h.Earlier > 0 {
		fmt.Fprintf(w, "; none formed again")
	}
	fmt.Fprintln(w)
}

// printQuotas says, one line each, whether the roster reaches the
// configuration's quotas.
func printQuotas(w io.Writer, qs []mentormatch.QuotaResult) {
	for _, q := range qs {
		state := "reached"
		if !q.Reached {
			state = "NOT reached"
		}
		kind := "quota"
		if q.Hard {
			kind = "hard quota"
		}
		// Percent is rounded once, to hundredths, by the roster.
		fmt.Fprintf(w, "%s %s (%s): %d of %d pairs, %.2f%%, %s", kind, q.Name, q.Target, q.Meeting, q.Matched, q.Percent, state)
		if q.Note != "" {
			fmt.Fprintf(w, "; %s", q.Note)
		}
		fmt.Fprintln(w)
	}
}

// maxScoreCells bounds --scores: 2.5·10⁸ cells are 2 GB in memory and
// several GB of CSV.
const maxScoreCells = 250_000_000

// capacityPath names the capacities file written next to a scores matrix:
// scores.csv → scores-capacity.csv.
func capacityPath(scores string) string {
	return strings.TrimSuffix(scores, filepath.Ext(scores)) + "-capacity.csv"
}

func since(t *time.Time) float64 {
	now := time.Now()
	d := now.Sub(*t).Seconds()
	*t = now
	return d
}

func ids(p *mentormatch.Program, idx []int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = p.People[i].ID
	}
	return out
}
