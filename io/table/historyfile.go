package table

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// ReadHistory reads an earlier cohort's roster or plan that mentormatch
// wrote (JSON, CSV or XLSX, also after HR edited it, as ReadRoster
// reads it) for --history: its 1:1 pairs, the pairs a re-match
// dissolved (they were formed too), and a plan's peer cohorts (the
// "cohorts" list in JSON, the Cohorts sheet in XLSX: the columns cohort
// and id, and role, whose senior mentors are not peers; a CSV plan holds
// the roster only). Errors are mentormatch.Problems (every problem, with
// rows) or an I/O error. Linear in the size of the file.
func ReadHistory(f File) ([]mentormatch.EarlierPair, []mentormatch.EarlierCohort, error) {
	r, cohorts, err := readRosterFile(f, true)
	if err != nil {
		return nil, nil, err
	}
	var pairs []mentormatch.EarlierPair
	for _, m := range r.Matches {
		pairs = append(pairs, mentormatch.EarlierPair{MenteeID: m.MenteeID, MentorID: m.MentorID, Source: mentormatch.Source{File: f.Path}})
	}
	for _, d := range r.Dissolved {
		pairs = append(pairs, mentormatch.EarlierPair{MenteeID: d.MenteeID, MentorID: d.MentorID, Source: mentormatch.Source{File: f.Path}})
	}
	return pairs, cohorts, nil
}

const (
	rcCohort = iota
	rcRole
	rcID
)

var cohortSpecs = specs(
	colSpec{name: "cohort", aliases: []string{"cohort id", "peer group", "peer cohort", "circle", "group"}, need: true},
	colSpec{name: "role", aliases: []string{"type", "participant type"}},
	colSpec{name: "id", aliases: []string{"mentee_id", "mentee id", "employee id", "person id", "staff id", "worker id", "member id"}, need: true},
)

// cohortRows reads a Cohorts sheet: one row per member, the cohort's id
// in extra. Rows whose role names a mentor (the senior mentors who visit
// the cohort) are no peers and are left out.
func cohortRows(t *rawTable) ([]rosterEntry, mentormatch.Problems) {
	rows, ps := tableRows(t, cohortSpecs, "cohort member", func(e *rosterEntry, m colMap, row []string) {
		e.extra, e.mentee, e.menteeName = m.cell(row, rcCohort), m.cell(row, rcID), strings.ToLower(m.cell(row, rcRole))
	})
	out := rows[:0]
	for _, e := range rows {
		if !strings.Contains(e.menteeName, "mentor") {
			e.menteeName = ""
			out = append(out, e)
		}
	}
	return out, ps
}

// cohortsJSON reads the "cohorts" list of a JSON plan, if there is one.
func cohortsJSON(path string, data []byte) ([]rosterEntry, mentormatch.Problems) {
	var doc struct {
		Cohorts json.RawMessage `json:"cohorts"`
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Cohorts) == 0 || string(doc.Cohorts) == "null" {
		return nil, nil // rosterJSON has read the file: no cohorts
	}
	var cohorts []struct {
		ID      string   `json:"id"`
		Members []string `json:"members"`
	}
	if err := json.Unmarshal(doc.Cohorts, &cohorts); err != nil {
		return nil, mentormatch.Problems{{File: path, Column: "cohorts", Message: "not a list of cohorts (each with an id and members): " + jsonWords(err)}}
	}
	var out []rosterEntry
	for k, c := range cohorts {
		where := fmt.Sprintf("cohorts[%d]", k)
		for _, id := range c.Members {
			out = append(out, rosterEntry{mentee: strings.TrimSpace(id), extra: strings.TrimSpace(c.ID), at: mentormatch.Problem{File: path, Column: where}, where: where})
		}
	}
	return out, nil
}

// assembleCohorts groups the members' rows into cohorts, in the order
// each cohort first appears. A member needs a cohort and an id, and is in
// one cohort of a file at most.
func assembleCohorts(path string, members []rosterEntry) ([]mentormatch.EarlierCohort, mentormatch.Problems) {
	var (
		out []mentormatch.EarlierCohort
		ps  mentormatch.Problems
	)
	at := map[string]int{}    // cohort id → index in out
	in := map[string]string{} // member → cohort id
	for _, e := range members {
		switch {
		case e.extra == "":
			ps = append(ps, e.problem("cohort", "missing: a cohort member needs the cohort's id"))
			continue
		case e.mentee == "":
			ps = append(ps, e.problem("id", "missing: a cohort member needs the mentee's id"))
			continue
		}
		if c, ok := in[e.mentee]; ok {
			if c != e.extra {
				ps = append(ps, e.problem("cohort", "%s is in cohort %s and in cohort %s: a mentee is in one cohort; delete one of the rows", e.mentee, c, e.extra))
			}
			continue
		}
		in[e.mentee] = e.extra
		k, ok := at[e.extra]
		if !ok {
			k = len(out)
			at[e.extra] = k
			out = append(out, mentormatch.EarlierCohort{ID: e.extra, Source: mentormatch.Source{File: path}})
		}
		out[k].Members = append(out[k].Members, e.mentee)
	}
	return out, ps
}
