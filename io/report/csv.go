package report

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
)

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// componentNames returns the component names in the order of the first
// match that has them, then any names later matches add.
func componentNames(r *mentormatch.Roster) []string {
	var names []string
	seen := map[string]bool{}
	for _, m := range r.Matches {
		for _, c := range m.Components {
			if !seen[c.Name] {
				seen[c.Name] = true
				names = append(names, c.Name)
			}
		}
	}
	return names
}

func componentPoints(m *mentormatch.Match, name string) (float64, bool) {
	for _, c := range m.Components {
		if c.Name == name {
			return c.Points, true
		}
	}
	return 0, false
}

// EncodeRosterCSV writes one row per match: mentee_id, mentee_name,
// mentor_id, mentor_name, score, one column per component, reason; then
// one row per unmatched mentee, with no mentor and the reason they are
// waiting, so that the file says who is waiting (a re-match reads them as
// waiting, not as new); after a re-match, also dissolved_mentors (see
// csvHistory).
func EncodeRosterCSV(w io.Writer, r *mentormatch.Roster) error {
	cw := csv.NewWriter(w)
	names := componentNames(r)
	head := []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "score"}
	for _, n := range names {
		head = append(head, csvSafe(n))
	}
	head = append(head, "reason")
	hist := newCSVHistory(r)
	head = hist.head(head)
	if err := cw.Write(head); err != nil {
		return err
	}
	row := make([]string, len(head))
	for i := range r.Matches {
		m := &r.Matches[i]
		row = append(row[:0], csvSafe(m.MenteeID), csvSafe(m.MenteeName), csvSafe(m.MentorID), csvSafe(m.MentorName), fmtNum(m.Score))
		for _, n := range names {
			if p, ok := componentPoints(m, n); ok {
				row = append(row, fmtNum(p))
			} else {
				row = append(row, "")
			}
		}
		row = hist.cell(append(row, csvSafe(m.Reason)), m.MenteeID)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	for _, u := range r.Unmatched {
		if u.Role != "mentee" {
			continue
		}
		row = append(row[:0], csvSafe(u.ID), csvSafe(u.Name), "", "", "")
		for range names {
			row = append(row, "")
		}
		row = hist.cell(append(row, csvSafe(u.Reason)), u.ID)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// QuotasPath names the quotas file written next to a CSV roster when the
// configuration has quotas: roster.csv → roster-quotas.csv. A CSV roster
// has one row per pair, with no room for the program's figures.
func QuotasPath(roster string) string {
	return strings.TrimSuffix(roster, filepath.Ext(roster)) + "-quotas.csv"
}

// writeQuotasCSV writes QuotasPath(roster) into b when r has quota
// results.
func writeQuotasCSV(b *output.Batch, roster string, r *mentormatch.Roster) error {
	if len(r.Summary.Quotas) == 0 {
		return nil
	}
	return b.File(QuotasPath(roster), func(w io.Writer) error { return EncodeQuotasCSV(w, r.Summary.Quotas) })
}

// EncodeQuotasCSV writes one row per quota: name, target, hard, meeting,
// matched, percent (rounded once, to hundredths), reached, note.
func EncodeQuotasCSV(w io.Writer, qs []mentormatch.QuotaResult) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"quota", "target", "hard", "meeting", "matched", "percent", "reached", "note"})
	for _, q := range qs {
		_ = cw.Write([]string{csvSafe(q.Name), csvSafe(q.Target), strconv.FormatBool(q.Hard), strconv.Itoa(q.Meeting),
			strconv.Itoa(q.Matched), strconv.FormatFloat(q.Percent, 'f', 2, 64), strconv.FormatBool(q.Reached), csvSafe(q.Note)})
	}
	cw.Flush()
	return cw.Error()
}
