package report

import (
	"fmt"
	"io"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/xuri/excelize/v2"
)

// RoadmapSheet is the name of the plan workbook's roadmap sheet.
const RoadmapSheet = "Roadmaps"

// AddRoadmapSheet adds the Roadmaps sheet to f: one row per milestone of
// every pair, in roster order, with its date in the mentee's zone. Pairs
// without objectives get one row that says so. It does nothing when rs is
// empty.
func AddRoadmapSheet(f *excelize.File, rs []mentormatch.Roadmap) error {
	if len(rs) == 0 {
		return nil
	}
	bold, _, wrap, err := sheetStyles(f, "0.0")
	if err != nil {
		return err
	}
	d := roadmapSheet(rs)
	if _, err := f.NewSheet(d.name); err != nil {
		return err
	}
	if err := writeSheet(f, d, bold, 0, wrap); err != nil {
		return fmt.Errorf("sheet %s: %w", d.name, err)
	}
	return nil
}

func roadmapSheet(rs []mentormatch.Roadmap) *sheetData {
	d := &sheetData{name: RoadmapSheet, head: []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "cohort",
		"objective", "title", "from", "to", "stage", "due", "session", "milestone"}, wrap: []int{12}}
	for i := range rs {
		r := &rs[i]
		pair := []any{textCell(r.MenteeID), textCell(r.MenteeName), textCell(r.MentorID), textCell(r.MentorName), textCell(r.Cohort)}
		if len(r.Objectives) == 0 {
			d.rows = append(d.rows, append(pair[:5:5], nil, textCell("no objective yet: agree two at the kickoff"), nil, nil, nil, nil, nil, nil))
			continue
		}
		loc := r.MenteeZone
		if loc == nil {
			loc = time.UTC
		}
		for k, o := range r.Objectives {
			var from, to any
			if o.Kind == mentormatch.ObjectiveSkill {
				from, to = o.From, o.To
			}
			for _, ms := range o.Milestones {
				due, round := any(textCell("not scheduled")), any(nil)
				if ms.Round > 0 {
					due, round = textCell(ms.Due.In(loc).Format(time.DateOnly)), ms.Round
				}
				d.rows = append(d.rows, append(pair[:5:5], k+1, textCell(o.Title), from, to, textCell(ms.Stage), due, round, textCell(ms.Text)))
			}
		}
	}
	return d
}

// EncodeRoadmapsJSON writes {"roadmaps": [...]} with the same fields the
// JSON plan carries under "roadmaps".
func EncodeRoadmapsJSON(w io.Writer, rs []mentormatch.Roadmap) error {
	return encodeJSON(w, struct {
		Roadmaps []roadmapJSON `json:"roadmaps"`
	}{list(newRoadmapsJSON(rs))})
}

// The "roadmaps" of the JSON plan. Times are RFC 3339 with the session's
// offset, null when a pair has no session yet.
type (
	roadmapJSON struct {
		MenteeID   string                   `json:"mentee_id"`
		MenteeName string                   `json:"mentee_name"`
		MentorID   string                   `json:"mentor_id"`
		MentorName string                   `json:"mentor_name"`
		Cohort     string                   `json:"cohort"`
		Goals      []string                 `json:"goals"`
		Objectives []objectiveJSON          `json:"objectives"`
		Sessions   []checkpointJSON         `json:"sessions"`
		Agenda     []mentormatch.AgendaItem `json:"agenda"`
		Notes      []string                 `json:"notes"`
	}
	objectiveJSON struct {
		Kind  mentormatch.ObjectiveKind `json:"kind"`
		Topic string                    `json:"topic"`
		// From, To and MentorLevel are there for a skill objective only.
		From        *int            `json:"from,omitempty"`
		To          *int            `json:"to,omitempty"`
		MentorLevel *int            `json:"mentor_level,omitempty"`
		Title       string          `json:"title"`
		Why         string          `json:"why"`
		Start       *string         `json:"start"`
		Due         *string         `json:"due"`
		Milestones  []milestoneJSON `json:"milestones"`
	}
	milestoneJSON struct {
		Stage string  `json:"stage"`
		Due   *string `json:"due"`
		Round int     `json:"round"`
		Text  string  `json:"text"`
	}
	checkpointJSON struct {
		Round int      `json:"round"`
		Start *string  `json:"start"`
		Kinds []string `json:"kinds"`
		Due   []string `json:"due"`
	}
)

// at is t in RFC 3339, or nil (null) when it is zero.
func at(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

// newRoadmapsJSON is nil when rs is empty, so that a plan without
// roadmaps leaves the key out.
func newRoadmapsJSON(rs []mentormatch.Roadmap) []roadmapJSON {
	if len(rs) == 0 {
		return nil
	}
	out := make([]roadmapJSON, len(rs))
	for i := range rs {
		r := &rs[i]
		o := roadmapJSON{MenteeID: r.MenteeID, MenteeName: r.MenteeName, MentorID: r.MentorID, MentorName: r.MentorName,
			Cohort: r.Cohort, Goals: list(r.Goals), Objectives: make([]objectiveJSON, len(r.Objectives)),
			Sessions: make([]checkpointJSON, len(r.Sessions)), Agenda: list(r.Agenda), Notes: list(r.Notes)}
		for k := range r.Objectives {
			ob := &r.Objectives[k]
			x := objectiveJSON{Kind: ob.Kind, Topic: ob.Topic, Title: ob.Title, Why: ob.Why,
				Start: at(ob.Start), Due: at(ob.Due), Milestones: make([]milestoneJSON, len(ob.Milestones))}
			if ob.Kind == mentormatch.ObjectiveSkill {
				x.From, x.To, x.MentorLevel = &ob.From, &ob.To, &ob.MentorLevel
			}
			for m, ms := range ob.Milestones {
				x.Milestones[m] = milestoneJSON{Stage: ms.Stage, Due: at(ms.Due), Round: ms.Round, Text: ms.Text}
			}
			o.Objectives[k] = x
		}
		for k, c := range r.Sessions {
			o.Sessions[k] = checkpointJSON{Round: c.Round, Start: at(c.Start), Kinds: list(c.Kinds), Due: list(c.Due)}
		}
		out[i] = o
	}
	return out
}
