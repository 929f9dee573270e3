package report

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/mentormatch/mentormatch"
)

// The JSON outputs are the tagged types below and in the files that write
// them, given to encoding/json: key order is field order. They differ from
// the domain types where a file is meant to: figures rounded for people,
// NaN written as null, lists never null, keys a reader needs in the order
// they read them.

// encodeJSON writes v indented by two spaces, with a final newline, in
// one write.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// number is a figure in JSON. A figure without data (NaN, ±Inf) is null,
// where encoding/json would fail, and every other is written in plain
// decimals, where encoding/json would switch to an exponent below 1e-6 or
// from 1e21.
type number float64

// MarshalJSON implements json.Marshaler.
func (x number) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'f', -1, 64), nil
}

// list is s, or an empty list when s is nil: JSON outputs write [], never
// null, for a list with nothing in it.
func list[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// components is a match's score components as one object, name →
// points, in the roster's component order (a map would sort the names).
type components []mentormatch.Component

// MarshalJSON implements json.Marshaler.
func (cs components) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		name, err := json.Marshal(c.Name)
		if err != nil {
			return nil, err
		}
		pts, _ := number(c.Points).MarshalJSON()
		b = append(append(append(b, name...), ':'), pts...)
	}
	return append(b, '}'), nil
}

type (
	// rosterJSON is the keys that the roster, the plan and the re-match
	// begin with.
	rosterJSON struct {
		Matches   []matchJSON              `json:"matches"`
		Unmatched []mentormatch.Unmatched  `json:"unmatched"`
		Summary   summaryJSON              `json:"summary"`
		Load      []mentormatch.MentorLoad `json:"mentor_load"`
		// Dissolved is the history of re-matches (rematch.go).
		Dissolved []mentormatch.Dissolved `json:"dissolved,omitempty"`
		// SkillGaps is there with WithSkillGaps, even when empty.
		SkillGaps *[]gapJSON `json:"skill_gaps,omitempty"`
	}
	matchJSON struct {
		MenteeID   string     `json:"mentee_id"`
		MenteeName string     `json:"mentee_name"`
		MentorID   string     `json:"mentor_id"`
		MentorName string     `json:"mentor_name"`
		Score      number     `json:"score"`
		Components components `json:"components"`
		Reason     string     `json:"reason"`
	}
	summaryJSON struct {
		Mentees       int                        `json:"mentees"`
		Mentors       int                        `json:"mentors"`
		Matched       int                        `json:"matched"`
		TotalScore    number                     `json:"total_score"`
		MeanScore     number                     `json:"mean_score"`
		MinScore      number                     `json:"min_score"`
		Objective     mentormatch.MatchObjective `json:"objective"`
		BlockingPairs int                        `json:"blocking_pairs"`
		CannotMeet    int                        `json:"cannot_meet"`
		// IfShared is how many a roster would match if every pair had to
		// be able to meet; absent when every matched pair can.
		IfShared    *int             `json:"matched_if_shared_time_required,omitempty"`
		Quotas      []quotaJSON      `json:"quotas,omitempty"`
		Decisions   *decisionsJSON   `json:"decisions,omitempty"`
		Preferences *preferencesJSON `json:"preferences,omitempty"`
		History     *historyJSON     `json:"history,omitempty"`
		// EarlierPeers is a plan's (EncodePlanJSON).
		EarlierPeers *peersJSON  `json:"earlier_peers,omitempty"`
		Stable       *stableJSON `json:"stable,omitempty"`
	}
	// stableJSON is the price of stability: the optimum of the same
	// program under the objective total, and what the stable roster gives
	// up against it.
	stableJSON struct {
		OptimumMatched    int    `json:"optimum_matched"`
		OptimumTotal      number `json:"optimum_total"`
		OptimumCannotMeet int    `json:"optimum_cannot_meet"`
		CostMatches       int    `json:"cost_matches"`
		CostPoints        number `json:"cost_points"`
	}
	// decisionsJSON is what the pins and vetoes did, every figure always
	// written.
	decisionsJSON struct {
		Pinned      int    `json:"pinned"`
		Forbidden   int    `json:"forbidden"`
		FreeMatched int    `json:"free_matched"`
		FreeTotal   number `json:"free_total"`
		CostMatches int    `json:"cost_matches"`
		CostPoints  number `json:"cost_points"`
	}
	// preferencesJSON is how the roster met the stated preferences.
	preferencesJSON struct {
		Choices      []int `json:"choices"`
		Later        int   `json:"later_choice"`
		Stated       int   `json:"mentees_with_choices"`
		MentorsAsked int   `json:"mentors_asking"`
		MentorsGot   int   `json:"mentors_got_asked"`
	}
	// historyJSON is how the roster stands against earlier cohorts' pairs.
	historyJSON struct {
		Earlier       int      `json:"earlier_pairs"`
		Avoided       int      `json:"avoided"`
		Repeated      int      `json:"repeated"`
		RepeatedPairs []string `json:"repeated_pairs"`
		Repeat        string   `json:"repeat"`
	}
	// peersJSON is how a plan's cohorts kept apart the mentees who shared
	// an earlier cohort.
	peersJSON struct {
		Earlier       int      `json:"earlier_pairs"`
		Apart         int      `json:"apart"`
		Together      int      `json:"together"`
		Unavoidable   int      `json:"unavoidable"`
		TogetherPairs []string `json:"together_pairs"`
	}
	// quotaJSON is how the roster stands against one quota; percent is
	// rounded once, to hundredths, as the roster computed it.
	quotaJSON struct {
		Name    string `json:"name"`
		Target  string `json:"target"`
		Hard    bool   `json:"hard"`
		Meeting int    `json:"meeting"`
		Matched int    `json:"matched"`
		Percent number `json:"percent"`
		Reached bool   `json:"reached"`
		Note    string `json:"note"`
	}
	// gapJSON is one row of "skill_gaps": the SkillGap fields, then
	// coverage (0–1, four decimals), not_covered and places_short.
	gapJSON struct {
		SkillGap
		Coverage    number `json:"coverage"`
		NotCovered  int    `json:"not_covered"`
		PlacesShort int    `json:"places_short"`
	}
)

func newRosterJSON(r *mentormatch.Roster, o *options) rosterJSON {
	s := &r.Summary
	out := rosterJSON{
		Matches:   make([]matchJSON, len(r.Matches)),
		Unmatched: list(r.Unmatched),
		Summary: summaryJSON{Mentees: s.Mentees, Mentors: s.Mentors, Matched: s.Matched,
			TotalScore: number(s.TotalScore), MeanScore: number(s.MeanScore), MinScore: number(s.MinScore),
			Objective: s.Objective, BlockingPairs: s.BlockingPairs, CannotMeet: s.CannotMeet},
		Load:      list(r.Load),
		Dissolved: r.Dissolved,
	}
	for i := range r.Matches {
		m := &r.Matches[i]
		out.Matches[i] = matchJSON{MenteeID: m.MenteeID, MenteeName: m.MenteeName, MentorID: m.MentorID, MentorName: m.MentorName,
			Score: number(m.Score), Components: components(m.Components), Reason: m.Reason}
	}
	if n := s.MatchedIfSharedTimeRequired; n >= 0 {
		out.Summary.IfShared = &n
	}
	if x := s.Decisions; x != nil {
		out.Summary.Decisions = &decisionsJSON{Pinned: x.Pinned, Forbidden: x.Forbidden, FreeMatched: x.FreeMatched,
			FreeTotal: number(x.FreeTotal), CostMatches: x.CostMatches, CostPoints: number(x.CostPoints)}
	}
	if x := s.Stable; x != nil {
		out.Summary.Stable = &stableJSON{OptimumMatched: x.OptimumMatched, OptimumTotal: number(x.OptimumTotal),
			OptimumCannotMeet: x.OptimumCannotMeet, CostMatches: x.CostMatches, CostPoints: number(x.CostPoints)}
	}
	if x := s.Preferences; x != nil {
		out.Summary.Preferences = &preferencesJSON{Choices: list(x.Choices), Later: x.Later, Stated: x.Stated,
			MentorsAsked: x.MentorsAsked, MentorsGot: x.MentorsGot}
	}
	if x := s.History; x != nil {
		out.Summary.History = &historyJSON{Earlier: x.Earlier, Avoided: x.Avoided, Repeated: x.Repeated,
			RepeatedPairs: list(x.RepeatedPairs), Repeat: x.Repeat}
	}
	for _, q := range s.Quotas {
		out.Summary.Quotas = append(out.Summary.Quotas, quotaJSON{Name: q.Name, Target: q.Target, Hard: q.Hard,
			Meeting: q.Meeting, Matched: q.Matched, Percent: number(q.Percent), Reached: q.Reached, Note: q.Note})
	}
	if o.haveGaps {
		gs := make([]gapJSON, len(o.gaps))
		for i, g := range o.gaps {
			gs[i] = gapJSON{SkillGap: g, Coverage: number(round4(g.Coverage())), NotCovered: g.NotCovered(), PlacesShort: g.PlacesShort()}
		}
		out.SkillGaps = &gs
	}
	return out
}

// EncodeRosterJSON writes r as indented JSON with a fixed key order; empty
// lists are [] and components keep the roster's component order. With
// WithSkillGaps it adds "skill_gaps".
func EncodeRosterJSON(w io.Writer, r *mentormatch.Roster, opts ...Option) error {
	return encodeJSON(w, struct {
		rosterJSON
		Warnings []string `json:"warnings"`
	}{newRosterJSON(r, collect(opts)), list(r.Warnings)})
}

type sessionJSON struct {
	Cohort       string                  `json:"cohort"`
	Kind         mentormatch.SessionKind `json:"kind"`
	Round        int                     `json:"round"`
	Start        string                  `json:"start"`
	End          string                  `json:"end"`
	Participants []string                `json:"participants"`
	Flag         string                  `json:"flag,omitempty"`
	Local        []localJSON             `json:"local,omitempty"`
}

// localJSON is when a session starts for one participant, in their zone.
type localJSON struct {
	ID       string `json:"id"`
	Start    string `json:"start"`
	TimeZone string `json:"time_zone"`
}

// EncodePlanJSON writes the plan: the roster's fields, "skill_gaps" (with
// WithSkillGaps), "cohorts", "sessions" (RFC 3339 times with offset, a
// "flag" on a meeting placed outside someone's availability, and "local":
// each participant's id, local start and zone), "roadmaps"
// when the plan has them, and "warnings": the roster's, then the plan's.
func EncodePlanJSON(w io.Writer, p *mentormatch.Plan, opts ...Option) error {
	r := p.Roster
	if r == nil {
		r = &mentormatch.Roster{}
	}
	out := struct {
		rosterJSON
		Cohorts  []mentormatch.Cohort `json:"cohorts"`
		Sessions []sessionJSON        `json:"sessions"`
		Roadmaps []roadmapJSON        `json:"roadmaps,omitempty"`
		Warnings []string             `json:"warnings"`
	}{
		rosterJSON: newRosterJSON(r, collect(opts)),
		Cohorts:    make([]mentormatch.Cohort, len(p.Cohorts)),
		Sessions:   make([]sessionJSON, len(p.Sessions)),
		Roadmaps:   newRoadmapsJSON(p.Roadmaps),
		Warnings:   append(append([]string{}, r.Warnings...), p.Warnings...),
	}
	if x := p.EarlierPeers; x != nil {
		out.Summary.EarlierPeers = &peersJSON{Earlier: x.Earlier, Apart: x.Earlier - x.Together, Together: x.Together,
			Unavoidable: x.Unavoidable, TogetherPairs: list(x.TogetherPairs)}
	}
	for i, c := range p.Cohorts {
		c.Members, c.Seniors = list(c.Members), list(c.Seniors)
		out.Cohorts[i] = c
	}
	for i := range p.Sessions {
		s := &p.Sessions[i]
		out.Sessions[i] = sessionJSON{Cohort: s.Cohort, Kind: s.Kind, Round: s.Round,
			Start: s.Start.Format(time.RFC3339), End: s.End.Format(time.RFC3339), Participants: list(s.Participants), Flag: s.Flag}
		for _, l := range s.Local {
			out.Sessions[i].Local = append(out.Sessions[i].Local, localJSON{ID: l.ID, Start: l.Start.Format(time.RFC3339), TimeZone: l.TimeZone})
		}
	}
	return encodeJSON(w, out)
}
