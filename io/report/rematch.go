package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
)

// csvHistory carries the history of dissolved pairs in a CSV roster,
// which has one row per mentee: a last column, dissolved_mentors, lists
// the mentors each mentee must never be paired with again. A roster
// without history is written without the column; a nil *csvHistory does
// nothing.
type csvHistory struct {
	byMentee map[string][]string
}

func newCSVHistory(r *mentormatch.Roster) *csvHistory {
	if len(r.Dissolved) == 0 {
		return nil
	}
	h := &csvHistory{byMentee: map[string][]string{}}
	for _, d := range r.Dissolved {
		h.byMentee[d.MenteeID] = append(h.byMentee[d.MenteeID], d.MentorID)
	}
	return h
}

func (h *csvHistory) head(head []string) []string {
	if h == nil {
		return head
	}
	return append(head, "dissolved_mentors")
}

func (h *csvHistory) cell(row []string, mentee string) []string {
	if h == nil {
		return row
	}
	return append(row, csvSafe(strings.Join(h.byMentee[mentee], "; ")))
}

// dissolvedSheet is the roster workbook's Dissolved sheet, or nil when
// there is no history.
func dissolvedSheet(r *mentormatch.Roster) *sheetData {
	if len(r.Dissolved) == 0 {
		return nil
	}
	d := &sheetData{name: "Dissolved", head: []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "why"}, wrap: []int{4}}
	for _, x := range r.Dissolved {
		d.rows = append(d.rows, []any{textCell(x.MenteeID), textCell(x.MenteeName), textCell(x.MentorID), textCell(x.MentorName), textCell(x.Why)})
	}
	return d
}

// rating is a mean rating rounded for people, or NaN (null, an empty
// cell) when there were no answers.
func rating(mean float64, answers int) float64 {
	if answers == 0 {
		return math.NaN()
	}
	return math.Round(mean*100) / 100
}

// EncodeRematchJSON writes the re-matched roster (with its "dissolved"
// history) and adds "changes" (mentee_id, old_mentor_id, new_mentor_id,
// why, kind) and "health", the survey summed up; "skill_gaps" with
// WithSkillGaps.
func EncodeRematchJSON(w io.Writer, x *mentormatch.Rematch, opts ...Option) error {
	type (
		change struct {
			MenteeID    string                 `json:"mentee_id"`
			OldMentorID string                 `json:"old_mentor_id"`
			NewMentorID string                 `json:"new_mentor_id"`
			Why         string                 `json:"why"`
			Kind        mentormatch.ChangeKind `json:"kind"`
		}
		mentorHealth struct {
			MentorID   string `json:"mentor_id"`
			MentorName string `json:"mentor_name"`
			Pairs      int    `json:"pairs"`
			Answers    int    `json:"answers"`
			MeanRating number `json:"mean_rating"`
			Flagged    int    `json:"flagged"`
		}
		pairHealth struct {
			MenteeID    string `json:"mentee_id"`
			MentorID    string `json:"mentor_id"`
			Answers     int    `json:"answers"`
			MeanRating  number `json:"mean_rating"`
			WantsChange string `json:"wants_change"`
			Unhealthy   bool   `json:"unhealthy"`
			Why         string `json:"why"`
		}
		health struct {
			Threshold    number         `json:"threshold"`
			Pairs        int            `json:"pairs"`
			Answered     int            `json:"answered"`
			Answers      int            `json:"answers"`
			ResponseRate number         `json:"response_rate"`
			MeanRating   number         `json:"mean_rating"`
			Flagged      int            `json:"flagged"`
			ByMentor     []mentorHealth `json:"by_mentor"`
			ByPair       []pairHealth   `json:"by_pair"`
			Missing      []string       `json:"missing"`
		}
	)
	r := x.Roster
	if r == nil {
		r = &mentormatch.Roster{}
	}
	h := &x.Health
	out := struct {
		rosterJSON
		Priority string   `json:"priority,omitempty"`
		Changes  []change `json:"changes"`
		Health   health   `json:"health"`
		Warnings []string `json:"warnings"`
	}{
		rosterJSON: newRosterJSON(r, collect(opts)),
		Priority:   x.Priority,
		Changes:    make([]change, len(x.Changes)),
		Health: health{Threshold: number(h.Threshold), Pairs: h.Pairs, Answered: h.Answered, Answers: h.Answers,
			ResponseRate: number(round4(h.ResponseRate)), MeanRating: number(rating(h.MeanRating, h.Answers)), Flagged: h.Flagged,
			ByMentor: make([]mentorHealth, len(h.ByMentor)), ByPair: make([]pairHealth, len(h.ByPair)), Missing: list(h.Missing)},
		Warnings: list(r.Warnings),
	}
	for i, c := range x.Changes {
		out.Changes[i] = change{MenteeID: c.MenteeID, OldMentorID: c.OldMentorID, NewMentorID: c.NewMentorID, Why: c.Why, Kind: c.Kind}
	}
	for i, m := range h.ByMentor {
		out.Health.ByMentor[i] = mentorHealth{MentorID: m.MentorID, MentorName: m.MentorName, Pairs: m.Pairs, Answers: m.Answers,
			MeanRating: number(rating(m.MeanRating, m.Answers)), Flagged: m.Flagged}
	}
	for i, p := range h.ByPair {
		out.Health.ByPair[i] = pairHealth{MenteeID: p.MenteeID, MentorID: p.MentorID, Answers: p.Answers,
			MeanRating: number(rating(p.MeanRating, p.Answers)), WantsChange: p.WantsChange, Unhealthy: p.Unhealthy, Why: p.Why}
	}
	return encodeJSON(w, out)
}

// EncodeChangesCSV writes one row per change: mentee, old and new mentor
// (ids and names), kind and why.
func EncodeChangesCSV(w io.Writer, changes []mentormatch.Change) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(changeHead); err != nil {
		return err
	}
	for _, c := range changes {
		if err := cw.Write([]string{csvSafe(c.MenteeID), csvSafe(c.MenteeName), csvSafe(c.OldMentorID), csvSafe(c.OldMentorName),
			csvSafe(c.NewMentorID), csvSafe(c.NewMentorName), string(c.Kind), csvSafe(c.Why)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

var changeHead = []string{"mentee_id", "mentee_name", "old_mentor_id", "old_mentor_name", "new_mentor_id", "new_mentor_name", "kind", "why"}

// ChangesPath names the changes file written next to a CSV roster:
// roster2.csv → roster2-changes.csv.
func ChangesPath(roster string) string {
	return strings.TrimSuffix(roster, filepath.Ext(roster)) + "-changes.csv"
}

// WriteRematch writes a re-match in the format of path's extension: .json
// (roster, changes and health), .xlsx (the roster workbook with sheets
// Changes, Health, Health by mentor and Pair health added) or .csv (the
// roster, and the changes in ChangesPath(path)). Anything else is an error
// wrapping mentormatch.ErrUsage. opts add to the JSON and the workbook as
// they do to a roster's.
func WriteRematch(path string, x *mentormatch.Rematch, opts ...Option) error {
	r := x.Roster
	if r == nil {
		r = &mentormatch.Roster{}
	}
	o := collect(opts)
	switch ext(path) {
	case ".json":
		return o.write(path, func(w io.Writer) error { return EncodeRematchJSON(w, x, opts...) })
	case ".xlsx":
		return o.write(path, func(w io.Writer) error { return EncodeRematchXLSX(w, x, opts...) })
	case ".csv":
		return o.together(func(b *output.Batch) error {
			if err := b.File(ChangesPath(path), func(w io.Writer) error { return EncodeChangesCSV(w, x.Changes) }); err != nil {
				return err
			}
			if err := writeQuotasCSV(b, path, r); err != nil {
				return err
			}
			return b.File(path, func(w io.Writer) error { return EncodeRosterCSV(w, r) })
		})
	}
	return usageExt(path, ".xlsx, .csv or .json")
}

// EncodeRematchXLSX writes the roster workbook (EncodeRosterXLSX, with its
// Dissolved sheet) and adds the sheets Changes (after Summary), Health,
// Health by mentor and Pair health.
func EncodeRematchXLSX(w io.Writer, x *mentormatch.Rematch, opts ...Option) error {
	r := x.Roster
	if r == nil {
		r = &mentormatch.Roster{}
	}
	var base bytes.Buffer
	if err := EncodeRosterXLSX(&base, r, opts...); err != nil {
		return err
	}
	f, err := excelize.OpenReader(&base)
	if err != nil {
		return err
	}
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	fmtRating := "0.00"
	ratingStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fmtRating})
	if err != nil {
		return err
	}
	wrapStyle, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for _, d := range rematchSheets(x) {
		if _, err := f.NewSheet(d.name); err != nil {
			return err
		}
		if err := writeSheet(f, d, bold, ratingStyle, wrapStyle); err != nil {
			return fmt.Errorf("sheet %s: %w", d.name, err)
		}
	}
	if err := f.MoveSheet("Changes", "Matches"); err != nil {
		return err
	}
	// Summary stays first and active; SetActiveSheet would parse and
	// re-encode every sheet.
	return writeDeterministic(f, w)
}

// cellRating is a rating for a cell: empty without answers.
func cellRating(mean float64, answers int) any {
	if answers == 0 {
		return nil
	}
	return rating(mean, answers)
}

func rematchSheets(x *mentormatch.Rematch) []*sheetData {
	changes := &sheetData{name: "Changes", head: changeHead, wrap: []int{7}}
	for _, c := range x.Changes {
		changes.rows = append(changes.rows, []any{textCell(c.MenteeID), textCell(c.MenteeName), textCell(c.OldMentorID), textCell(c.OldMentorName),
			textCell(c.NewMentorID), textCell(c.NewMentorName), textCell(string(c.Kind)), textCell(c.Why)})
	}
	h := &x.Health
	health := &sheetData{name: "Health", head: []string{"metric", "value"}, wrap: []int{1}}
	health.rows = [][]any{
		{"pairs in the roster", h.Pairs}, {"pairs with an answer", h.Answered}, {"answers", h.Answers},
		{"response rate", fmt.Sprintf("%.0f%%", 100*h.ResponseRate)}, {"mean rating", cellRating(h.MeanRating, h.Answers)},
		{"threshold", h.Threshold}, {"pairs flagged", h.Flagged},
	}
	if x.Priority != "" {
		health.rows = append(health.rows, []any{"places given first to (rematch.priority)", textCell(x.Priority)})
	}
	for _, m := range h.Missing {
		health.rows = append(health.rows, []any{"no answer", textCell(m)})
	}
	byMentor := &sheetData{name: "Health by mentor", head: []string{"mentor_id", "mentor_name", "pairs", "answers", "mean_rating", "flagged"}, score: []int{4}}
	for _, m := range h.ByMentor {
		byMentor.rows = append(byMentor.rows, []any{textCell(m.MentorID), textCell(m.MentorName), m.Pairs, m.Answers, cellRating(m.MeanRating, m.Answers), m.Flagged})
	}
	byPair := &sheetData{name: "Pair health", head: []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "answers", "mean_rating", "wants_change", "status", "why"}, score: []int{5}, wrap: []int{8}}
	for _, p := range h.ByPair {
		status := "healthy"
		if p.Unhealthy {
			status = "unhealthy"
		}
		byPair.rows = append(byPair.rows, []any{textCell(p.MenteeID), textCell(p.MenteeName), textCell(p.MentorID), textCell(p.MentorName),
			p.Answers, cellRating(p.MeanRating, p.Answers), textCell(p.WantsChange), status, textCell(p.Why)})
	}
	return []*sheetData{changes, health, byMentor, byPair}
}
