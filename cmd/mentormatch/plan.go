package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/cohort"
	"github.com/mentormatch/mentormatch/io/calendar"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/roadmap"
	"github.com/mentormatch/mentormatch/roster"
)

type planOptions struct {
	inputOptions
	Out       string
	ICS       string
	Roadmaps  string
	Objective string
	Quiet     bool
	Choices   string
}

func newPlanCmd() *cobra.Command {
	o := &planOptions{}
	cmd := &cobra.Command{
		Use:   "plan [people.xlsx|people.csv] --out plan.xlsx [--ics DIR] [--roadmaps DIR]",
		Short: "Match, then form cohorts and schedule primary, peer and senior sessions",
		Example: `  mentormatch plan --example --out plan.xlsx
  mentormatch plan people.xlsx --config program.yaml --out plan.json --ics sessions/ --roadmaps roadmaps/`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPlan(o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd, true)
	o.addDecisionFlags(cmd)
	f := cmd.Flags()
	f.StringVarP(&o.Out, "out", "o", "", "plan file to write: .xlsx, .csv (roster only) or .json (required)")
	f.StringVar(&o.ICS, "ics", "", "also write one .ics calendar per participant and per cohort into this folder (replaced as one; files mentormatch did not write stay)")
	f.StringVar(&o.Roadmaps, "roadmaps", "", "also write one Markdown learning roadmap per pair, and an index, into this folder (replaced as one; edited roadmaps and files mentormatch did not write stay)")
	f.StringVar(&o.Choices, "choices", "", "a shortlist file the mentees answered (mentormatch shortlist): each who chose is matched from their own list, their choices ranked as prefers")
	f.StringVar(&o.Objective, "objective", "", "total, fair or stable; overrides the config")
	addQuietFlag(cmd, &o.Quiet)
	return cmd
}

func runPlan(o *planOptions, args []string, stdout, stderr io.Writer) error {
	if o.Out == "" {
		return fmt.Errorf("%w: --out is required (plan.xlsx or plan.json)", mentormatch.ErrUsage)
	}
	if err := checkExt(o.Out, ".xlsx", ".csv", ".json"); err != nil {
		return err
	}
	if err := checkOutputs(append(o.inputs(args), o.Choices), rosterOuts(o.Out), []output.Out{
		{Flag: "--ics", Path: o.ICS, Options: calendar.FolderOptions()},
		{Flag: "--roadmaps", Path: o.Roadmaps, Fixed: []string{roadmap.IndexName}, Options: roadmap.FolderOptions()},
	}); err != nil {
		return err
	}
	steps := 4
	if o.ICS != "" {
		steps++
	}
	if o.Roadmaps != "" {
		steps++
	}
	pr := newProgressBar(stderr, o.Quiet, steps)
	defer pr.done()
	pr.next("reading people")
	p, cfg, err := o.loadToSolve(args, o.Choices, o.Objective)
	if err != nil {
		return err
	}
	if err := cohort.CheckSize(p, len(p.Mentees), cfg); err != nil {
		return err
	}
	pr.next(fmt.Sprintf("matching %d mentees with %d mentors", len(p.Mentees), len(p.Mentors)))
	// The cohorts need no match: they are formed on another core while
	// it is solved.
	cohorts := plan.Cohorts(p, cfg)
	res, err := solving().Match(p, cfg)
	if err != nil {
		cohorts.Wait()
		return err
	}
	pr.next("forming cohorts and scheduling sessions")
	// Past the match only its roster is read: the scores (the matrix,
	// 160 MB at 10,000 × 2,000) are let go, and collected now, so that
	// the plan is made in the memory they held instead of more. The
	// second collection drops the solver's copy of the matrix, which it
	// keeps in a pool for its next solve (the heap after the match at
	// 10,000 × 2,000: 390 MB, 227 MB after one collection, 74 MB after
	// two).
	rost := res.Roster
	res = nil
	runtime.GC()
	runtime.GC()
	built, err := plan.OnCohorts(p, cfg, &roster.Result{Roster: rost}, cohorts)
	if err != nil {
		return err
	}
	pl := built.Plan
	// Every output is written in full first and put in place at the end,
	// together: a run that fails or is stopped leaves the previous plan,
	// calendars and roadmaps as they were.
	var batch output.Batch
	defer batch.Discard()
	pr.next("writing " + o.Out)
	if err := report.WritePlan(o.Out, pl, report.WithSkillGaps(report.SkillGaps(p, rost)), report.Into(&batch)); err != nil {
		return err
	}
	if o.ICS != "" {
		pr.next("writing calendars to " + o.ICS)
		f, err := batch.Folder(o.ICS, calendar.FolderOptions())
		if err != nil {
			return err
		}
		if err := calendar.Put(f, pl, p); err != nil {
			return err
		}
	}
	var kept []string
	written := 0
	if o.Roadmaps != "" {
		pr.next("writing roadmaps to " + o.Roadmaps)
		f, err := batch.Folder(o.Roadmaps, roadmap.FolderOptions())
		if err != nil {
			return err
		}
		if written, kept, err = roadmap.Put(f, pl.Roadmaps); err != nil {
			return err
		}
	}
	if err := batch.Commit(); err != nil {
		return err
	}
	pr.done()
	s := rost.Summary
	fmt.Fprintf(stdout, "matched %d of %d mentees; %d cohorts; %d sessions from %s; wrote %s\n",
		s.Matched, s.Mentees, len(pl.Cohorts), len(pl.Sessions), cfg.Schedule.Start, wrote(o.Out, rost))
	printStable(stdout, s)
	printDecisions(stdout, s.Decisions)
	printHistory(stdout, s.History)
	if pe := pl.EarlierPeers; pe != nil {
		fmt.Fprintf(stdout, "earlier peers: %d kept apart %s\n", pe.Earlier-pe.Together, report.PeerNote(pe))
	}
	printPreferences(stdout, s.Preferences)
	if o.Roadmaps != "" {
		fmt.Fprintf(stdout, "wrote %d learning roadmaps to %s\n", written, o.Roadmaps)
	}
	if len(kept) > 0 {
		list := strings.Join(kept[:min(len(kept), 5)], ", ")
		if len(kept) > 5 {
			list += fmt.Sprintf(" and %d more", len(kept)-5)
		}
		fmt.Fprintf(stderr, "warning: roadmaps edited since they were written are kept as they are (%d): %s; move them out of %s to write them anew\n", len(kept), list, o.Roadmaps)
	}
	printWarnings(stderr, rost.Warnings)
	printFlagged(stderr, pl, o.Out)
	return nil
}

// shownFlags is how many flagged sessions are listed one per line on
// stderr; the rest are counted, and all are in the plan file.
const shownFlags = 5

// printFlagged summarises the sessions that could not be placed inside
// everyone's availability: a real program can have hundreds, and a
// screenful of them hides the one line that matters.
func printFlagged(w io.Writer, plan *mentormatch.Plan, out string) {
	var flagged []string
	byKind := map[mentormatch.SessionKind]int{}
	for i := range plan.Sessions {
		s := &plan.Sessions[i]
		if s.Flag == "" {
			continue
		}
		byKind[s.Kind]++
		if len(flagged) < shownFlags {
			flagged = append(flagged, fmt.Sprintf("  %s %s %s round %d: %s", s.Start.UTC().Format("2006-01-02 15:04 UTC"), s.Cohort, s.Kind, s.Round, s.Flag))
		}
	}
	n := byKind[mentormatch.KindPrimary] + byKind[mentormatch.KindPeer] + byKind[mentormatch.KindSenior]
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "warning: %d of %d sessions are outside someone's availability (%d primary, %d peer, %d senior); they are flagged in %s:\n",
		n, len(plan.Sessions), byKind[mentormatch.KindPrimary], byKind[mentormatch.KindPeer], byKind[mentormatch.KindSenior], out)
	for _, l := range flagged {
		fmt.Fprintln(w, l)
	}
	if n > len(flagged) {
		fmt.Fprintf(w, "  … and %d more\n", n-len(flagged))
	}
}
