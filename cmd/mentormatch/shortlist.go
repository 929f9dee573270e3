package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/scoring"
)

// maxShortlist is the longest list a mentee is asked to read.
const maxShortlist = 20

// maxShortlistCells bounds the programs shortlists are made for: every
// allowed pair is sorted, and lists are read by people.
const maxShortlistCells = 5_000_000

type shortlistOptions struct {
	inputOptions
	Top int
	Out string
}

func newShortlistCmd() *cobra.Command {
	o := &shortlistOptions{}
	cmd := &cobra.Command{
		Use:   "shortlist [people.xlsx|people.csv] --top N --out shortlists.xlsx",
		Short: "Offer each mentee N mentors to choose from, with scores and reasons, capacity-aware",
		Long: `shortlist writes, for programs where mentees choose, N mentors for each mentee,
best-matching first, with the score and the reason, and an empty choice column
for the answer (1 for the first choice, 2, 3).

Every mentee the optimal roster matches finds their optimal mentor on their
list, so whenever everyone can have a mentor, everyone can have one from their
own list. No mentor is offered on far more lists than their capacity can
honour: at most max(capacity, N × capacity × mentees / places) lists.`,
		Example: `  mentormatch shortlist --example --top 3 --out shortlists.xlsx
  mentormatch shortlist people.xlsx --config program.yaml --top 5 --out shortlists.csv`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShortlist(o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd, true)
	f := cmd.Flags()
	f.IntVar(&o.Top, "top", 3, fmt.Sprintf("mentors on each list, 1-%d", maxShortlist))
	f.StringVar(&o.Out, "out", "", "shortlists.xlsx or shortlists.csv")
	return cmd
}

func runShortlist(o *shortlistOptions, args []string, stdout, stderr io.Writer) error {
	if o.Out == "" {
		return fmt.Errorf("%w: --out is required (shortlists.xlsx or shortlists.csv)", mentormatch.ErrUsage)
	}
	if o.Top < 1 || o.Top > maxShortlist {
		return fmt.Errorf("%w: --top %d: expected 1 to %d mentors a list", mentormatch.ErrUsage, o.Top, maxShortlist)
	}
	if err := checkExt(o.Out, ".xlsx", ".csv"); err != nil {
		return err
	}
	if err := checkOutputs(o.inputs(args), rosterOuts(o.Out)[:1], nil); err != nil {
		return err
	}
	p, cfg, err := o.load(args)
	if err != nil {
		return err
	}
	if cells := len(p.Mentees) * len(p.Mentors); cells > maxShortlistCells {
		return fmt.Errorf("%w: %d mentees × %d mentors: shortlists are made for programs of up to %d pairs, where people read their lists", mentormatch.ErrUsage, len(p.Mentees), len(p.Mentors), maxShortlistCells)
	}
	sc, err := scoring.New(p, cfg)
	if err != nil {
		return err
	}
	res, err := solving().MatchScored(p, cfg, sc, solving().Score(p, cfg, sc))
	if err != nil {
		return err
	}
	lists := res.Shortlists(o.Top)
	var rows []report.ShortlistRow
	short := 0
	for _, l := range lists {
		e := p.Mentee(l.Mentee)
		if len(l.Candidates) < o.Top {
			short++
		}
		for k, c := range l.Candidates {
			m := p.Mentor(c.Mentor)
			rows = append(rows, report.ShortlistRow{MenteeID: e.ID, MenteeName: e.Name, Rank: k + 1, MentorID: m.ID, MentorName: m.Name,
				Score: c.Score, Reason: sc.Pair(l.Mentee, c.Mentor).Reason})
		}
	}
	if err := report.WriteShortlists(o.Out, rows); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote shortlists of up to %d mentors for %d mentees to %s; %d of them can be matched from their own list\n",
		o.Top, len(p.Mentees), o.Out, res.Roster.Summary.Matched)
	if short > 0 {
		fmt.Fprintf(stderr, "note: %d lists are shorter than %d: the rules or the mentors' capacities leave fewer mentors for them\n", short, o.Top)
	}
	return nil
}
