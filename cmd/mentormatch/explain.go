package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/roster"
)

type explainOptions struct {
	inputOptions
	Mentee string
	Mentor string
	JSON   bool
}

func newExplainCmd() *cobra.Command {
	o := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain FILE --mentee ID [--mentor ID] [--json]",
		Short: "Why a mentee got their mentor, and what pairing them with another would cost",
		Example: `  mentormatch explain people.xlsx --mentee E1007
  mentormatch explain people.xlsx --mentee E1007 --mentor E1044 --json
  mentormatch explain --example --mentee M01`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExplain(o, args, cmd.OutOrStdout())
		},
	}
	o.addFlags(cmd, true)
	o.addDecisionFlags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.Mentee, "mentee", "", "the mentee's id (required)")
	f.StringVar(&o.Mentor, "mentor", "", "another mentor: what would forcing this pair cost the program?")
	f.BoolVar(&o.JSON, "json", false, "print JSON instead of text")
	return cmd
}

type explainJSON struct {
	MenteeID   string             `json:"mentee_id"`
	MentorID   string             `json:"mentor_id"`
	Score      float64            `json:"score"`
	Components map[string]float64 `json:"components"`
	Reason     string             `json:"reason"`
	// CommonWindows are the weekly times both are free, in the mentee's
	// zone (TimeZone).
	CommonWindows []string `json:"common_windows,omitempty"`
	TimeZone      string   `json:"time_zone,omitempty"`
	// CanMeet: the matched pair shares a whole session of free time every
	// week of the program (or one of them lists no availability).
	CanMeet bool `json:"can_meet"`
	// CannotMeet counts the roster's pairs who cannot meet;
	// MatchedIfSharedTimeRequired is how many mentees a roster that
	// required shared time would match.
	CannotMeet                  int              `json:"cannot_meet"`
	MatchedIfSharedTimeRequired int              `json:"matched_if_shared_time_required"`
	Alternative                 *alternativeJSON `json:"alternative,omitempty"`
	Candidates                  []candidateJSON  `json:"candidates"`
	// Decisions are the program manager's pins and vetoes about this
	// mentee (--decisions).
	Decisions []decisionJSON `json:"decisions,omitempty"`
	// Choices is, under the objective stable, the mentee's list down to
	// their own mentor: whom they would rather have, and why not.
	Choices []choiceJSON `json:"stable_choices,omitempty"`
}

// choiceJSON is a mentor on a mentee's list under the objective stable.
type choiceJSON struct {
	MentorID string  `json:"mentor_id"`
	Score    float64 `json:"score"`
	// Stated: on the mentee's prefers list, ranked before the others.
	Stated bool `json:"stated"`
	// MentorRanks is where the mentor ranks the mentee (1 the first) of
	// Of mentees they may take.
	MentorRanks int `json:"mentor_ranks_them"`
	Of          int `json:"of"`
	// Full: the mentor's places are taken by mentees they rank higher.
	Full bool `json:"full"`
}

type decisionJSON struct {
	MentorID string                   `json:"mentor_id"`
	Decision mentormatch.DecisionKind `json:"decision"`
	Note     string                   `json:"note,omitempty"`
	Where    string                   `json:"where,omitempty"`
}

type alternativeJSON struct {
	MentorID  string  `json:"mentor_id"`
	Score     float64 `json:"score"`
	TotalLoss float64 `json:"total_loss"`
	Matched   int     `json:"matched"`
	// CanMeet is the forced pair's; CannotMeet counts the pairs of the
	// optimum with it forced who cannot meet.
	CanMeet    bool   `json:"can_meet"`
	CannotMeet int    `json:"cannot_meet"`
	Forbidden  string `json:"forbidden,omitempty"`
	// NotPriced says why forcing the pair has no price (the objective
	// stable).
	NotPriced string `json:"not_priced,omitempty"`
}

type candidateJSON struct {
	MentorID string  `json:"mentor_id"`
	Name     string  `json:"name"`
	Score    float64 `json:"score"`
}

func index(p *mentormatch.Program, list []int, id string) int {
	for k, i := range list {
		if p.People[i].ID == id {
			return k
		}
	}
	return -1
}

func runExplain(o *explainOptions, args []string, stdout io.Writer) error {
	if o.Mentee == "" {
		return fmt.Errorf("%w: --mentee is required", mentormatch.ErrUsage)
	}
	p, cfg, err := o.load(args)
	if err != nil {
		return err
	}
	i := index(p, p.Mentees, o.Mentee)
	if i < 0 {
		return fmt.Errorf("%w: no mentee with id %q", mentormatch.ErrInput, o.Mentee)
	}
	alt := -1
	if o.Mentor != "" {
		if alt = index(p, p.Mentors, o.Mentor); alt < 0 {
			return fmt.Errorf("%w: no mentor with id %q", mentormatch.ErrInput, o.Mentor)
		}
	}
	res, err := solving().Match(p, cfg)
	if err != nil {
		return err
	}
	out := explainJSON{MenteeID: o.Mentee, Components: map[string]float64{}, Candidates: []candidateJSON{},
		CannotMeet: res.Roster.Summary.CannotMeet, MatchedIfSharedTimeRequired: res.Roster.Summary.MatchedIfSharedTimeRequired}
	var comps []mentormatch.Component
	for _, d := range res.Scorer.Decided(i) {
		out.Decisions = append(out.Decisions, decisionJSON{MentorID: d.MentorID, Decision: d.Kind, Note: d.Note, Where: d.Where()})
	}
	if j := res.RowCol()[i]; j >= 0 {
		b := res.Scorer.Pair(i, j)
		out.MentorID, out.Score, out.Reason, comps, out.CanMeet = p.Mentor(j).ID, b.Score, b.Reason, b.Components, b.CanMeet
		for _, c := range b.Components {
			out.Components[c.Name] = c.Points
		}
		for _, w := range res.Scorer.CommonWindows(i, j) {
			out.CommonWindows = append(out.CommonWindows, w.String())
		}
		if out.CommonWindows != nil {
			out.TimeZone = zoneName(p.Mentee(i))
		}
	} else {
		out.Reason = "unmatched: " + res.Scorer.UnmatchedReason(i, load(res))
	}
	for _, c := range res.Candidates(i, 5) {
		m := p.Mentor(c.Mentor)
		out.Candidates = append(out.Candidates, candidateJSON{MentorID: m.ID, Name: m.Name, Score: c.Score})
	}
	for _, c := range res.Choices(i, 10) {
		out.Choices = append(out.Choices, choiceJSON{MentorID: p.Mentor(c.Mentor).ID, Score: c.Score, Stated: c.Stated,
			MentorRanks: c.Rank, Of: c.Of, Full: c.Full})
	}
	if alt >= 0 {
		b := res.Scorer.Pair(i, alt)
		a := &alternativeJSON{MentorID: o.Mentor, Score: b.Score, Forbidden: b.Forbidden, CanMeet: b.CanMeet}
		if b.Forbidden == "" {
			f, err := res.Force(i, alt)
			if errors.Is(err, roster.ErrNotPriced) {
				a.NotPriced = err.Error()
			} else if err != nil {
				a.Forbidden = err.Error()
			} else {
				a.TotalLoss, a.Matched, a.CannotMeet = f.Loss, f.Assigned, f.CannotMeet
				if !res.Tiered() {
					a.CannotMeet = -1 // not priced: shared time is not a tier
				}
			}
		}
		out.Alternative = a
	}
	if o.JSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return writeExplainText(stdout, p, res, out, comps)
}

func zoneName(per *mentormatch.Person) string {
	if per.TimeZone != "" {
		return per.TimeZone
	}
	return "UTC"
}

func load(res *roster.Result) []int {
	a := make([]int, len(res.Roster.Load))
	for j, l := range res.Roster.Load {
		a[j] = l.Assigned
	}
	return a
}

func writeExplainText(w io.Writer, p *mentormatch.Program, res *roster.Result, e explainJSON, comps []mentormatch.Component) error {
	var b strings.Builder
	mentee := p.ByID(e.MenteeID)
	fmt.Fprintf(&b, "%s (%s)\n", mentee.Name, mentee.ID)
	if e.MentorID != "" {
		fmt.Fprintf(&b, "  matched with %s (%s), score %.2f\n  why: %s\n", p.ByID(e.MentorID).Name, e.MentorID, e.Score, e.Reason)
		for _, c := range comps {
			fmt.Fprintf(&b, "    %-13s %5.2f points (%.2f of 1)\n", c.Name, c.Points, c.Value)
		}
		if len(e.CommonWindows) > 0 {
			fmt.Fprintf(&b, "  both free (%s): %s\n", e.TimeZone, strings.Join(e.CommonWindows, ", "))
		}
	} else {
		fmt.Fprintf(&b, "  %s\n", e.Reason)
	}
	for _, d := range e.Decisions {
		what := "pinned to"
		if d.Decision == mentormatch.Forbid {
			what = "never with (vetoed)"
		}
		fmt.Fprintf(&b, "  %s %s by decision (%s)", what, d.MentorID, d.Where)
		if d.Note != "" {
			fmt.Fprintf(&b, ": %s", d.Note)
		}
		b.WriteString("\n")
	}
	if e.CannotMeet > 0 {
		fmt.Fprintf(&b, "  in the roster %d %s cannot meet (no whole session of shared free time every week): requiring it would match %d of %d\n",
			e.CannotMeet, plural(e.CannotMeet, "pair", "pairs"), e.MatchedIfSharedTimeRequired, res.Roster.Summary.Mentees)
	}
	if len(e.Candidates) > 0 {
		b.WriteString("  best candidates:\n")
		for _, c := range e.Candidates {
			fmt.Fprintf(&b, "    %-10s %-24s %6.2f\n", c.MentorID, c.Name, c.Score)
		}
	}
	if len(e.Choices) > 0 {
		b.WriteString("  stable roster: their list, down to their own mentor (prefers first, then score):\n")
		for k, c := range e.Choices {
			by := "by score"
			if c.Stated {
				by = "their prefers"
			}
			why := "theirs"
			if c.Full {
				why = "full with mentees the mentor ranks higher"
			} else if c.MentorID != e.MentorID {
				why = "not theirs"
			}
			fmt.Fprintf(&b, "    %d. %-10s %6.2f  %-13s  ranks them %d of %d; %s\n", k+1, c.MentorID, c.Score, by, c.MentorRanks, c.Of, why)
		}
	}
	if a := e.Alternative; a != nil {
		switch {
		case a.NotPriced != "":
			fmt.Fprintf(&b, "  with %s instead: pair score %.2f; %s\n", a.MentorID, a.Score, a.NotPriced)
		case a.Forbidden != "":
			fmt.Fprintf(&b, "  with %s instead: not allowed (%s)\n", a.MentorID, a.Forbidden)
		default:
			meet := ""
			if !a.CanMeet {
				meet = " (they cannot meet)"
			}
			if a.TotalLoss >= 0 {
				fmt.Fprintf(&b, "  with %s instead: pair score %.2f%s; the program's optimal total drops by %.2f", a.MentorID, a.Score, meet, a.TotalLoss)
			} else {
				fmt.Fprintf(&b, "  with %s instead: pair score %.2f%s; the program's optimal total rises by %.2f", a.MentorID, a.Score, meet, -a.TotalLoss)
			}
			if a.Matched < res.Roster.Summary.Matched {
				fmt.Fprintf(&b, " and %d fewer mentees are matched", res.Roster.Summary.Matched-a.Matched)
			}
			if d := a.CannotMeet - e.CannotMeet; a.CannotMeet >= 0 && d > 0 {
				fmt.Fprintf(&b, ", and %d more %s cannot meet", d, plural(d, "pair", "pairs"))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
