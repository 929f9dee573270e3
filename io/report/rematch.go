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

// dissolvedField is the roster's "dissolved" list in JSON: the pairs that
// re-matches took apart, never to be formed again.
func (b *jsonBuf) dissolvedField(ds []mentormatch.Dissolved) field {
	return field{"dissolved", func(d int) {
		b.array(d, len(ds), func(i, d int) {
			x := &ds[i]
			b.object(d, field{"mentee_id", b.s(x.MenteeID)}, field{"mentee_name", b.s(x.MenteeName)},
				field{"mentor_id", b.s(x.MentorID)}, field{"mentor_name", b.s(x.MentorName)}, field{"why", b.s(x.Why)})
		})
	}}
}

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
	var b jsonBuf
	r := x.Roster
	if r == nil {
		r = &mentormatch.Roster{}
	}
	h := &x.Health
	fs := b.rosterFields(r)
	if o := collect(opts); o.haveGaps {
		fs = append(fs, b.gapsField(o.gaps))
	}
	if x.Priority != "" {
		fs = append(fs, field{"priority", b.s(x.Priority)})
	}
	fs = append(fs,
		field{"changes", func(d int) {
			b.array(d, len(x.Changes), func(i, d int) {
				c := &x.Changes[i]
				b.object(d, field{"mentee_id", b.s(c.MenteeID)}, field{"old_mentor_id", b.s(c.OldMentorID)},
					field{"new_mentor_id", b.s(c.NewMentorID)}, field{"why", b.s(c.Why)}, field{"kind", b.s(string(c.Kind))})
			})
		}},
		field{"health", func(d int) {
			b.object(d,
				field{"threshold", b.f(h.Threshold)},
				field{"pairs", b.i(h.Pairs)},
				field{"answered", b.i(h.Answered)},
				field{"answers", b.i(h.Answers)},
				field{"response_rate", b.f(math.Round(h.ResponseRate*1e4) / 1e4)},
				field{"mean_rating", b.f(rating(h.MeanRating, h.Answers))},
				field{"flagged", b.i(h.Flagged)},
				field{"by_mentor", func(d int) {
					b.array(d, len(h.ByMentor), func(i, d int) {
						m := &h.ByMentor[i]
						b.object(d, field{"mentor_id", b.s(m.MentorID)}, field{"mentor_name", b.s(m.MentorName)},
							field{"pairs", b.i(m.Pairs)}, field{"answers", b.i(m.Answers)},
							field{"mean_rating", b.f(rating(m.MeanRating, m.Answers))}, field{"flagged", b.i(m.Flagged)})
					})
				}},
				field{"by_pair", func(d int) {
					b.array(d, len(h.ByPair), func(i, d int) {
						p := &h.ByPair[i]
						b.object(d, field{"mentee_id", b.s(p.MenteeID)}, field{"mentor_id", b.s(p.MentorID)},
							field{"answers", b.i(p.Answers)}, field{"mean_rating", b.f(rating(p.MeanRating, p.Answers))},
							field{"wants_change", b.s(p.WantsChange)}, field{"unhealthy", func(int) { b.WriteString(fmt.Sprint(p.Unhealthy)) }},
							field{"why", b.s(p.Why)})
					})
				}},
				field{"missing", b.strs(h.Missing)},
			)
		}},
		field{"warnings", b.strs(r.Warnings)},
	)
	b.object(0, fs...)
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
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
