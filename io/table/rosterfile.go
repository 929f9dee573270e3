package table

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// The columns of a roster's sheet of matches, in the order of matchSpecs.
const (
	rmMentee = iota
	rmMenteeName
	rmMentor
	rmMentorName
	rmScore
	rmDissolved
)

var matchSpecs = specs(
	colSpec{name: "mentee_id", aliases: []string{"mentee employee id", "mentee staff id", "mentee worker id", "mentee person id"}, need: true},
	colSpec{name: "mentee_name", aliases: []string{"mentee full name"}},
	colSpec{name: "mentor_id", aliases: []string{"mentor employee id", "mentor staff id", "mentor worker id", "mentor person id", "primary mentor id"}, need: true},
	colSpec{name: "mentor_name", aliases: []string{"mentor full name", "primary mentor name"}},
	colSpec{name: "score", aliases: []string{"total score", "match score"}},
	colSpec{name: "dissolved_mentors", aliases: []string{"dissolved", "dissolved pairs"}},
)

const (
	ruID = iota
	ruName
	ruRole
	ruReason
)

var unmatchedSpecs = specs(
	colSpec{name: "id", aliases: []string{"employee id", "person id", "staff id", "worker id"}, need: true},
	colSpec{name: "name", aliases: []string{"full name", "display name"}},
	colSpec{name: "role", aliases: []string{"type", "participant type"}},
	colSpec{name: "reason", aliases: []string{"why"}},
)

const (
	rdMentee = iota
	rdMenteeName
	rdMentor
	rdMentorName
	rdWhy
)

var dissolvedSpecs = specs(
	matchSpecs[rmMentee], matchSpecs[rmMenteeName], matchSpecs[rmMentor], matchSpecs[rmMentorName],
	colSpec{name: "why", aliases: []string{"reason"}},
)

// rosterEntry is one row of a roster file, with where it came from.
type rosterEntry struct {
	mentee, menteeName, mentor, mentorName, extra string
	score                                         float64
	at                                            mentormatch.Problem // File, Sheet, Row; Column for JSON
	where                                         string              // "row 7" or "matches[6]", for messages
}

func (e *rosterEntry) problem(column, format string, args ...any) mentormatch.Problem {
	p := e.at
	if column != "" && p.Column == "" {
		p.Column = column
	}
	p.Message = fmt.Sprintf(format, args...)
	return p
}

// ReadRoster reads back a roster that match, plan or rematch wrote, as
// JSON, CSV or XLSX, to re-match it. The workbook may have been edited by
// hand: rows re-sorted, columns added, moved or renamed to a known alias
// ("Mentee ID"), pairs changed. What is read: each match's mentee and
// mentor (a row with no mentor id is a mentee without one), the unmatched
// people (JSON and XLSX; a CSV roster lists its waiting mentees as rows
// with no mentor, and no mentors without a mentee) and the history
// of dissolved pairs (the "dissolved" list in JSON, the Dissolved sheet in
// XLSX, the dissolved_mentors column in CSV). The order of rows carries no
// meaning. Errors are mentormatch.Problems (every problem, with rows) or
// an I/O error. Linear in the size of the file.
func ReadRoster(f File) (*mentormatch.Roster, error) {
	r, _, err := readRosterFile(f, false)
	return r, err
}

// readRosterFile is ReadRoster; withCohorts also reads the peer cohorts
// of a plan (the "cohorts" list in JSON, the Cohorts sheet in XLSX).
func readRosterFile(f File, withCohorts bool) (*mentormatch.Roster, []mentormatch.EarlierCohort, error) {
	data, p, err := load(f)
	if err != nil {
		return nil, nil, err
	}
	if p != nil {
		return nil, nil, mentormatch.Problems{*p}
	}
	var (
		matches, unmatched, dissolved, members []rosterEntry
		ps, warnings                           mentormatch.Problems
	)
	switch {
	case isJSON(f.Path, data):
		matches, unmatched, dissolved, ps = rosterJSON(f.Path, data)
		if withCohorts && len(ps) == 0 {
			members, ps = cohortsJSON(f.Path, data)
		}
	default:
		kind, p := sniff(f.Path, data)
		if p != nil {
			return nil, nil, mentormatch.Problems{*p}
		}
		if kind == kindXLSX {
			matches, unmatched, dissolved, members, ps = rosterXLSX(f.Path, data, withCohorts)
		} else {
			t, rps := readCSV(f.Path, data, delimiterFor(matchSpecs))
			ps = rps
			if t != nil {
				warnings = t.Warnings
			}
			matches, dissolved, rps = matchRows(t, true)
			ps = append(ps, rps...)
		}
	}
	r, aps := assemble(matches, unmatched, dissolved)
	ps = append(ps, aps...)
	cohorts, cps := assembleCohorts(f.Path, members)
	ps = append(ps, cps...)
	if len(ps) > 0 {
		ps.Sort()
		return nil, nil, ps
	}
	for _, w := range warnings {
		r.Warnings = append(r.Warnings, w.String())
	}
	return r, cohorts, nil
}

func isJSON(path string, data []byte) bool {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return true
	}
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// rosterJSON reads our JSON roster (or plan): matches, unmatched and
// dissolved; every other key is ignored.
func rosterJSON(path string, data []byte) (matches, unmatched, dissolved []rosterEntry, ps mentormatch.Problems) {
	var doc struct {
		Matches *[]struct {
			MenteeID   string   `json:"mentee_id"`
			MenteeName string   `json:"mentee_name"`
			MentorID   string   `json:"mentor_id"`
			MentorName string   `json:"mentor_name"`
			Score      *float64 `json:"score"`
		} `json:"matches"`
		Unmatched []struct {
			ID     string `json:"id"`
			Name   string `json:"name"`
			Role   string `json:"role"`
			Reason string `json:"reason"`
		} `json:"unmatched"`
		Dissolved []mentormatch.Dissolved `json:"dissolved"`
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if err := json.Unmarshal(data, &doc); err != nil {
		p := mentormatch.Problem{File: path, Message: "not a roster in JSON: " + err.Error()}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			p.Row = lineAt(data, int(min(se.Offset, int64(len(data)))))
			p.Message = "not valid JSON: " + se.Error()
		case errors.As(err, &te):
			p.Row = lineAt(data, int(min(te.Offset, int64(len(data)))))
			p.Column = te.Field
			p.Message = jsonWords(err)
			if te.Field == "" {
				p.Message = fmt.Sprintf(`not a mentormatch roster: expected a JSON object with a "matches" list, found a JSON %s (write one with mentormatch match --out roster.json)`, te.Value)
			}
		}
		return nil, nil, nil, mentormatch.Problems{p}
	}
	if doc.Matches == nil {
		return nil, nil, nil, mentormatch.Problems{{File: path, Message: `not a mentormatch roster: no "matches" list (write one with mentormatch match --out roster.json)`}}
	}
	for k, m := range *doc.Matches {
		e := rosterEntry{mentee: strings.TrimSpace(m.MenteeID), menteeName: m.MenteeName, mentor: strings.TrimSpace(m.MentorID), mentorName: m.MentorName}
		if m.Score != nil {
			e.score = *m.Score
		}
		e.where = fmt.Sprintf("matches[%d]", k)
		e.at = mentormatch.Problem{File: path, Column: e.where}
		matches = append(matches, e)
	}
	for k, u := range doc.Unmatched {
		e := rosterEntry{mentee: strings.TrimSpace(u.ID), menteeName: u.Name, extra: u.Role, mentorName: u.Reason}
		e.where = fmt.Sprintf("unmatched[%d]", k)
		e.at = mentormatch.Problem{File: path, Column: e.where}
		unmatched = append(unmatched, e)
	}
	for k, d := range doc.Dissolved {
		e := rosterEntry{mentee: strings.TrimSpace(d.MenteeID), menteeName: d.MenteeName, mentor: strings.TrimSpace(d.MentorID), mentorName: d.MentorName, extra: d.Why}
		e.where = fmt.Sprintf("dissolved[%d]", k)
		e.at = mentormatch.Problem{File: path, Column: e.where}
		dissolved = append(dissolved, e)
	}
	return matches, unmatched, dissolved, nil
}

// rosterXLSX reads the Matches, Unmatched and Dissolved sheets of a roster
// workbook. Without a sheet named Matches, the first sheet whose header
// names a mentee id and a mentor id is the matches.
func rosterXLSX(path string, data []byte, withCohorts bool) (matches, unmatched, dissolved, members []rosterEntry, ps mentormatch.Problems) {
	wb, p := openXLSX(path, data)
	if p != nil {
		return nil, nil, nil, nil, mentormatch.Problems{*p}
	}
	read := func(name string) *rawTable {
		t := &rawTable{File: path, Sheet: name}
		ps = append(ps, t.stream(wb)...)
		return t
	}
	var matchSheet, unmatchedSheet, dissolvedSheet, cohortSheet string
	sheets := wb.names
	for _, s := range sheets {
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "matches":
			matchSheet = s
		case "unmatched":
			unmatchedSheet = s
		case "dissolved":
			dissolvedSheet = s
		case "cohorts":
			cohortSheet = s
		}
	}
	var mt *rawTable
	if matchSheet != "" {
		mt = read(matchSheet)
	} else {
		for _, s := range sheets {
			if s == unmatchedSheet || s == dissolvedSheet || s == cohortSheet {
				continue
			}
			t := read(s)
			if _, _, ok := findCols(t.Rows, matchSpecs); ok {
				mt = t
				break
			}
		}
		if mt == nil {
			return nil, nil, nil, nil, append(ps, mentormatch.Problem{File: path, Message: "no sheet of matches: expected a sheet named Matches with the columns mentee_id and mentor_id; the workbook has: " + quoteList(sheets)})
		}
	}
	matches, _, mps := matchRows(mt, false)
	ps = append(ps, mps...)
	if unmatchedSheet != "" {
		unmatched, mps = tableRows(read(unmatchedSheet), unmatchedSpecs, "person", func(e *rosterEntry, m colMap, row []string) {
			e.mentee, e.menteeName, e.extra = m.cell(row, ruID), m.cell(row, ruName), strings.ToLower(m.cell(row, ruRole))
		})
		ps = append(ps, mps...)
	}
	if dissolvedSheet != "" {
		dissolved, mps = tableRows(read(dissolvedSheet), dissolvedSpecs, "dissolved pair", func(e *rosterEntry, m colMap, row []string) {
			e.mentee, e.menteeName = m.cell(row, rdMentee), m.cell(row, rdMenteeName)
			e.mentor, e.mentorName, e.extra = m.cell(row, rdMentor), m.cell(row, rdMentorName), m.cell(row, rdWhy)
		})
		ps = append(ps, mps...)
	}
	if withCohorts && cohortSheet != "" {
		members, mps = cohortRows(read(cohortSheet))
		ps = append(ps, mps...)
	}
	return matches, unmatched, dissolved, members, ps
}

// tableRows reads the non-blank rows below t's header with fill.
func tableRows(t *rawTable, specs []colSpec, what string, fill func(*rosterEntry, colMap, []string)) ([]rosterEntry, mentormatch.Problems) {
	hi, m, ps := headerOf(t, specs, what)
	if len(ps) > 0 || m.at == nil {
		return nil, ps
	}
	var out []rosterEntry
	for i := hi + 1; i < len(t.Rows); i++ {
		row := t.Rows[i]
		if blank(row) {
			continue
		}
		e := rosterEntry{at: mentormatch.Problem{File: t.File, Sheet: t.Sheet, Row: t.Lines[i]}, where: "row " + strconv.Itoa(t.Lines[i])}
		fill(&e, m, row)
		out = append(out, e)
	}
	return out, nil
}

// matchRows reads a sheet or CSV file of matches. From CSV (fromCSV), text
// our writer guarded against formulas with a leading ' is restored, and the
// dissolved_mentors column gives the history of dissolved pairs.
func matchRows(t *rawTable, fromCSV bool) (matches, dissolved []rosterEntry, ps mentormatch.Problems) {
	matches, ps = tableRows(t, matchSpecs, "match", func(e *rosterEntry, m colMap, row []string) {
		get := func(k int) string {
			if fromCSV {
				return unguard(m.cell(row, k))
			}
			return m.cell(row, k)
		}
		e.mentee, e.menteeName, e.mentor, e.mentorName = get(rmMentee), get(rmMenteeName), get(rmMentor), get(rmMentorName)
		e.score, _ = strconv.ParseFloat(get(rmScore), 64)
		e.extra = get(rmDissolved)
	})
	for _, e := range matches {
		for _, id := range parseIDs(e.extra) {
			d := e
			d.mentor, d.mentorName, d.extra = id, "", "dissolved in an earlier re-match"
			dissolved = append(dissolved, d)
		}
	}
	return matches, dissolved, ps
}

// unguard undoes csvSafe in io/report: "'=x" → "=x".
func unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// assemble checks the rows of a roster file together and builds the
// roster: matches (in file order), unmatched mentees and mentors, and the
// history of dissolved pairs.
func assemble(matches, unmatched, dissolved []rosterEntry) (*mentormatch.Roster, mentormatch.Problems) {
	r := &mentormatch.Roster{Matches: []mentormatch.Match{}, Unmatched: []mentormatch.Unmatched{}}
	var ps mentormatch.Problems
	seen := map[string]string{} // mentee id → where first
	gone := map[[2]string]bool{}
	for _, d := range dissolved {
		if d.mentee == "" || d.mentor == "" {
			ps = append(ps, d.problem("", "a dissolved pair needs both a mentee id and a mentor id"))
			continue
		}
		key := [2]string{d.mentee, d.mentor}
		if !gone[key] {
			gone[key] = true
			r.Dissolved = append(r.Dissolved, mentormatch.Dissolved{MenteeID: d.mentee, MenteeName: d.menteeName, MentorID: d.mentor, MentorName: d.mentorName, Why: d.extra})
		}
	}
	matched := map[string]bool{}
	for _, e := range matches {
		if e.mentee == "" {
			if e.mentor != "" {
				ps = append(ps, e.problem("mentee_id", "missing: a match needs the mentee's id"))
			}
			continue
		}
		if first, ok := seen[e.mentee]; ok {
			ps = append(ps, e.problem("mentee_id", "%s is listed twice (also %s): a mentee has one primary mentor; delete one of the rows", e.mentee, first))
			continue
		}
		seen[e.mentee] = e.where
		if e.mentor == "" {
			r.Unmatched = append(r.Unmatched, mentormatch.Unmatched{ID: e.mentee, Name: e.menteeName, Role: "mentee"})
			continue
		}
		if e.mentor == e.mentee {
			ps = append(ps, e.problem("mentor_id", "%s is paired with themselves", e.mentee))
			continue
		}
		if gone[[2]string{e.mentee, e.mentor}] {
			ps = append(ps, e.problem("mentor_id", "%s and %s were dissolved by an earlier re-match and are paired again: to re-form the pair on purpose, delete it from the dissolved pairs too", e.mentee, e.mentor))
			continue
		}
		matched[e.mentee] = true
		r.Matches = append(r.Matches, mentormatch.Match{MenteeID: e.mentee, MenteeName: e.menteeName, MentorID: e.mentor, MentorName: e.mentorName, Score: e.score})
	}
	for _, u := range unmatched {
		// A person matched by hand may still be listed as unmatched.
		if u.mentee == "" || matched[u.mentee] || seen[u.mentee] != "" && u.extra != "mentor" {
			continue
		}
		role := u.extra
		if role != "mentor" {
			role = "mentee"
		}
		r.Unmatched = append(r.Unmatched, mentormatch.Unmatched{ID: u.mentee, Name: u.menteeName, Role: role})
	}
	return r, ps
}
