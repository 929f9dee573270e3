package table

import (
	"strings"

	"github.com/mentormatch/mentormatch"
)

// The decisions file's columns, in the order of decisionSpecs.
const (
	dcMentee = iota
	dcMentor
	dcDecision
	dcNote
)

var decisionSpecs = specs(
	colSpec{name: "mentee_id", aliases: []string{"mentee id", "mentee", "mentee employee id", "mentee staff id", "mentee worker id", "mentee person id"}, need: true},
	colSpec{name: "mentor_id", aliases: []string{"mentor id", "mentor", "mentor employee id", "mentor staff id", "mentor worker id", "mentor person id"}, need: true},
	colSpec{name: "decision", aliases: []string{"action", "verdict", "status"}, need: true},
	colSpec{name: "note", aliases: []string{"notes", "comment", "comments", "why", "reason"}},
)

// ReadDecisions reads a program manager's decisions: one row per pair
// with the columns mentee_id, mentor_id, decision (pin or accept, forbid
// or decline) and an optional note, as CSV or as the first sheet of an
// XLSX workbook. Headers match like a survey's, after up to a few title
// rows. Besides bad cells it reports the decisions that contradict each
// other (mentormatch.Decisions.Conflicts); whether the ids are people of
// the program, and whether a pin breaks a hard rule or a capacity, is
// checked when the program is scored. The error is mentormatch.Problems
// listing every problem with its row, or an I/O error. A file with a
// header and no rows is no decisions, not an error. Linear in the size of
// the file.
func ReadDecisions(f File) (mentormatch.Decisions, error) {
	t, ps, err := readSheet(f, "", decisionSpecs)
	if err != nil {
		return nil, err
	}
	var ds mentormatch.Decisions
	if t != nil {
		var rps mentormatch.Problems
		ds, rps = decisionRows(t)
		ps = append(ps, rps...)
	}
	if len(ps) == 0 {
		ps = ds.Conflicts()
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return ds, nil
}

func decisionRows(t *rawTable) (mentormatch.Decisions, mentormatch.Problems) {
	hi, m, ps := headerOf(t, decisionSpecs, "decision")
	if len(ps) > 0 || m.at == nil {
		return nil, ps
	}
	col := func(k int) string { return m.column(decisionSpecs, k) }
	var ds mentormatch.Decisions
	for i := hi + 1; i < len(t.Rows); i++ {
		row, line := t.Rows[i], t.Lines[i]
		if blank(row) {
			continue
		}
		if len(ps) >= MaxProblems {
			return nil, append(ps, t.problem(line, "", "stopped after %d problems: fix these and check the file again", len(ps)))
		}
		d := mentormatch.Decision{
			MenteeID: unguard(m.cell(row, dcMentee)),
			MentorID: unguard(m.cell(row, dcMentor)),
			Note:     unguard(m.cell(row, dcNote)),
			Source:   mentormatch.Source{File: t.File, Sheet: t.Sheet, Row: line},
		}
		ok := true
		for _, k := range []int{dcMentee, dcMentor} {
			if m.cell(row, k) == "" {
				ps = append(ps, t.problem(line, col(k), "missing: expected the %s's id", strings.TrimSuffix(decisionSpecs[k].name, "_id")))
				ok = false
			}
		}
		switch v := m.cell(row, dcDecision); {
		case v == "":
			ps = append(ps, t.problem(line, col(dcDecision), "missing: expected pin (or accept) or forbid (or decline)"))
			ok = false
		default:
			k, known := mentormatch.ParseDecisionKind(v)
			if !known {
				ps = append(ps, t.problem(line, col(dcDecision), "decision %q: expected pin (or accept) or forbid (or decline)", v))
				ok = false
			}
			d.Kind = k
		}
		if ok && d.MenteeID == d.MentorID {
			ps = append(ps, t.problem(line, col(dcMentor), "%s is both the mentee and the mentor", d.MentorID))
			ok = false
		}
		if ok {
			ds = append(ds, d)
		}
	}
	return ds, ps
}
