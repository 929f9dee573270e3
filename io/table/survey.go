package table

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
)

// colSpec is a column that the survey and roster readers look for. These
// files have few, fixed columns, so a list of specs replaces the people
// reader's field table.
type colSpec struct {
	name    string // canonical name, as our own files write it
	aliases []string
	need    bool
	norm    map[string]bool // name and aliases through normHeader; see specs
}

// specs prepares a list of column specs for mapCols.
func specs(list ...colSpec) []colSpec {
	for k := range list {
		s := &list[k]
		s.norm = map[string]bool{mentormatch.FoldHeader(s.name): true}
		for _, a := range s.aliases {
			s.norm[mentormatch.FoldHeader(a)] = true
		}
	}
	return list
}

// colMap is a header row mapped onto a list of specs.
type colMap struct {
	at     []int    // per spec: the cell index, or -1
	header []string // per spec: the header as written
	known  int
}

// mapCols finds each spec's column in a header row. The first cell that
// matches a spec wins.
func mapCols(row []string, specs []colSpec) colMap {
	m := colMap{at: make([]int, len(specs)), header: make([]string, len(specs))}
	for k := range m.at {
		m.at[k] = -1
	}
	for i, cell := range row {
		text := strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff"))
		n := mentormatch.FoldHeader(text)
		if n == "" {
			continue
		}
		for k, s := range specs {
			if m.at[k] >= 0 {
				continue
			}
			if s.norm[n] {
				m.at[k], m.header[k] = i, text
				m.known++
				break
			}
		}
	}
	return m
}

// missing names the required specs that m lacks.
func (m colMap) missing(specs []colSpec) []string {
	var out []string
	for k, s := range specs {
		if s.need && m.at[k] < 0 {
			out = append(out, s.name)
		}
	}
	return out
}

// cell returns spec k's cell of row, trimmed; "" when absent.
func (m colMap) cell(row []string, k int) string {
	if i := m.at[k]; i >= 0 && i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

// column names spec k in messages: the header as written.
func (m colMap) column(specs []colSpec, k int) string {
	if m.header[k] != "" {
		return m.header[k]
	}
	return specs[k].name
}

// findCols returns the header row among the first rows: the first with
// every required column. When there is none, it returns the row with the
// most known columns (at least two, or -1) and false, so the caller can say
// what is missing.
func findCols(rows [][]string, specs []colSpec) (int, colMap, bool) {
	best, bestMap := -1, colMap{}
	for i := range min(len(rows), headerSearchRows) {
		m := mapCols(rows[i], specs)
		if len(m.missing(specs)) == 0 {
			return i, m, true
		}
		if m.known > max(bestMap.known, 1) {
			best, bestMap = i, m
		}
	}
	return best, bestMap, false
}

// delimiterFor picks the CSV delimiter under which one of the first rows
// names the most of specs' columns.
func delimiterFor(specs []colSpec) func(string) rune {
	return func(text string) rune {
		best, bestKnown := ',', 0
		for _, d := range delimiters {
			for _, r := range preview(text, d, headerSearchRows) {
				if m := mapCols(r, specs); m.known > bestKnown {
					best, bestKnown = d, m.known
				}
			}
		}
		return best
	}
}

// readSheet reads a CSV file or one sheet of a workbook (the named one, or
// the first) as rows.
func readSheet(f File, sheet string, specs []colSpec) (*rawTable, mentormatch.Problems, error) {
	data, p, err := load(f)
	if err != nil {
		return nil, nil, err
	}
	if p != nil {
		return nil, mentormatch.Problems{*p}, nil
	}
	kind, p := sniff(f.Path, data)
	if p != nil {
		return nil, mentormatch.Problems{*p}, nil
	}
	if kind == kindXLSX {
		ts, ps := readXLSX(f.Path, data, sheet, false)
		if len(ts) == 0 {
			return nil, ps, nil
		}
		return ts[0], ps, nil
	}
	t, ps := readCSV(f.Path, data, delimiterFor(specs))
	return t, ps, nil
}

// headerOf finds the header row of t or reports what is missing; what
// names the rows below it ("answers", "matches") in messages.
func headerOf(t *rawTable, specs []colSpec, what string) (int, colMap, mentormatch.Problems) {
	if len(t.Rows) == 0 {
		if t.Cut {
			return 0, colMap{}, nil
		}
		return 0, colMap{}, mentormatch.Problems{t.problem(0, "", "the file is empty: expected a header row (%s), then one row per %s", specNames(specs), what)}
	}
	hi, m, ok := findCols(t.Rows, specs)
	if ok {
		return hi, m, nil
	}
	if hi >= 0 {
		return 0, colMap{}, mentormatch.Problems{t.problem(t.Lines[hi], "", "missing column: expected %s (this looks like the header row)", strings.Join(m.missing(specs), " and "))}
	}
	return 0, colMap{}, mentormatch.Problems{t.problem(0, "", "no header row found in the first %d rows: expected a row naming the columns %s", headerSearchRows, specNames(specs))}
}

func specNames(specs []colSpec) string {
	names := make([]string, len(specs))
	for k, s := range specs {
		names[k] = s.name
	}
	return strings.Join(names, ", ")
}

// The survey's columns, in the order of the specs below.
const (
	svMentee = iota
	svMentor
	svRater
	svRating
	svChange
	svComment
	svSkills
	svMilestone
	svDate
)

var surveySpecs = specs(
	colSpec{name: "mentee_id", aliases: []string{"mentee id", "mentee", "mentee employee id", "mentee staff id", "mentee worker id", "mentee person id"}, need: true},
	colSpec{name: "mentor_id", aliases: []string{"mentor id", "mentor", "mentor employee id", "mentor staff id", "mentor worker id", "mentor person id"}, need: true},
	colSpec{name: "rater", aliases: []string{"respondent", "answered by", "rated by", "from", "role"}, need: true},
	colSpec{name: "rating", aliases: []string{"score", "health", "overall rating", "satisfaction"}, need: true},
	colSpec{name: "wants_change", aliases: []string{"wants a change", "change requested", "request change", "change"}},
	colSpec{name: "comment", aliases: []string{"comments", "notes", "feedback", "remarks"}},
	colSpec{name: "skills", aliases: []string{"self ratings", "self rating", "skill ratings", "skill levels", "self assessment"}},
	colSpec{name: "milestone", aliases: []string{"milestone status", "milestones", "milestone progress", "progress", "status"}},
	colSpec{name: "date", aliases: []string{"answered on", "answer date", "response date", "survey date", "submitted", "submitted on", "submitted at", "timestamp", "completed on"}},
)

// SurveyOptions tune how a survey is read.
type SurveyOptions struct {
	// Sheet is the XLSX sheet to read; empty reads the first.
	Sheet string
	// Roster, when set, is the roster the survey is about: every answer
	// must name one of its pairs.
	Roster *mentormatch.Roster
}

// ReadSurvey reads a relationship-health survey: one row per answer with
// the columns mentee_id, mentor_id, rater (mentee or mentor), rating (a
// whole number 1–5) and the optional wants_change (yes or no; empty is no)
// and comment. A check-in survey may add skills (levels 0–5 the rater gives
// the mentee, as in "go:3; kubernetes:2", or one "skill: NAME" column per
// skill), milestone (done, on track or behind) and date (YYYY-MM-DD).
// Header names match like a people file's, after up to a few
// title rows, and a few aliases are known ("Mentee ID", "Respondent",
// "Score", "Comments"). With opt.Roster, an answer must name a pair the
// roster has. The error is mentormatch.Problems listing every bad cell with
// its row, or an I/O error. Linear in the size of the file.
func ReadSurvey(f File, opt SurveyOptions) (*mentormatch.Survey, error) {
	t, ps, err := readSheet(f, opt.Sheet, surveySpecs)
	if err != nil {
		return nil, err
	}
	s := &mentormatch.Survey{}
	if t != nil {
		s.Warnings = t.Warnings
		ps = append(ps, readAnswers(t, s, newPairIndex(opt.Roster))...)
	}
	if len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return s, nil
}

// readAnswers turns the rows of t into answers, checking every cell.
func readAnswers(t *rawTable, s *mentormatch.Survey, pairs *pairIndex) mentormatch.Problems {
	hi, m, ps := headerOf(t, surveySpecs, "answer")
	if len(ps) > 0 || m.at == nil {
		return ps
	}
	col := func(k int) string { return m.column(surveySpecs, k) }
	skillCols := skillColumns(t.Rows[hi], m)
	for i := hi + 1; i < len(t.Rows); i++ {
		row, line := t.Rows[i], t.Lines[i]
		if blank(row) {
			continue
		}
		if len(ps) >= MaxProblems {
			return append(ps, t.problem(line, "", "stopped after %d problems: fix these and check the file again", len(ps)))
		}
		bad := func(k int, format string, args ...any) {
			ps = append(ps, t.problem(line, col(k), format, args...))
		}
		a := mentormatch.Answer{
			MenteeID: m.cell(row, svMentee),
			MentorID: m.cell(row, svMentor),
			Comment:  m.cell(row, svComment),
			Source:   mentormatch.Source{File: t.File, Sheet: t.Sheet, Row: line},
		}
		ok := true
		for _, k := range []int{svMentee, svMentor} {
			if m.cell(row, k) == "" {
				bad(k, "missing: expected the %s's id", strings.TrimSuffix(surveySpecs[k].name, "_id"))
				ok = false
			}
		}
		switch r, err := parseRole(m.cell(row, svRater)); {
		case m.cell(row, svRater) == "":
			bad(svRater, "missing: expected mentee or mentor (who answered)")
			ok = false
		case err != nil || r == mentormatch.RoleBoth:
			bad(svRater, "rater %q: expected mentee or mentor (who answered)", m.cell(row, svRater))
			ok = false
		default:
			a.Rater = r
		}
		switch v := m.cell(row, svRating); {
		case v == "":
			bad(svRating, "missing: expected a rating, a whole number from 1 to 5")
			ok = false
		default:
			n, whole := parseWhole(v)
			if !whole || n < 1 || n > 5 {
				bad(svRating, "rating %q: expected a whole number from 1 to 5", v)
				ok = false
			}
			a.Rating = n
		}
		if v := m.cell(row, svChange); v != "" {
			yes, err := parseYesNo(v)
			if err != nil {
				bad(svChange, "wants_change %q: expected yes or no", v)
				ok = false
			}
			a.WantsChange = yes
		}
		if !readCheckIn(&a, m, row, skillCols, func(column, format string, args ...any) {
			ps = append(ps, t.problem(line, column, format, args...))
		}) {
			ok = false
		}
		if a.MenteeID != "" && a.MentorID != "" {
			if k, msg := pairs.check(a.MenteeID, a.MentorID); msg != "" {
				ps = append(ps, t.problem(line, col(k), "%s", msg))
				ok = false
			}
		}
		if ok {
			s.Answers = append(s.Answers, a)
		}
	}
	if len(s.Answers) == 0 && len(ps) == 0 && !t.Cut {
		ps = append(ps, t.problem(t.Lines[hi], "", "no answers below the header row"))
	}
	return ps
}

// skillCol is a "skill: NAME" column of a check-in survey.
type skillCol struct {
	at           int
	skill, title string
}

// skillColumns finds the "skill: NAME" columns of a survey's header row.
func skillColumns(header []string, m colMap) []skillCol {
	var out []skillCol
	for i, cell := range header {
		cell = strings.TrimSpace(cell)
		if name, ok := skillColumn(cell); ok && !slices.Contains(m.at, i) {
			out = append(out, skillCol{at: i, skill: name, title: cell})
		}
	}
	return out
}

// readCheckIn reads a check-in survey's optional cells into a: ratings of
// the mentee's skills, the milestone status and the date. It reports
// whether they were all valid; bad is told about each problem.
func readCheckIn(a *mentormatch.Answer, m colMap, row []string, skillCols []skillCol, bad func(column, format string, args ...any)) bool {
	ok := true
	if v := m.cell(row, svSkills); v != "" {
		sk, err := ParseSkills(v)
		if err != nil {
			bad(m.column(surveySpecs, svSkills), "skills: %v", err)
			ok = false
		}
		a.Skills = sk
	}
	for _, c := range skillCols {
		v := ""
		if c.at < len(row) {
			v = strings.TrimSpace(row[c.at])
		}
		if v == "" {
			continue
		}
		lv, whole := parseWhole(v)
		if !whole || lv < 0 || lv > 5 {
			bad(c.title, "level %q: expected a whole number from 0 to 5", v)
			ok = false
			continue
		}
		if k := slices.IndexFunc(a.Skills, func(s mentormatch.Skill) bool { return s.Name == c.skill }); k >= 0 {
			a.Skills[k].Level = lv
		} else {
			a.Skills = append(a.Skills, mentormatch.Skill{Name: c.skill, Level: lv})
		}
	}
	if v := m.cell(row, svMilestone); v != "" {
		st, err := parseMilestone(v)
		if err != nil {
			bad(m.column(surveySpecs, svMilestone), "milestone %q: expected done, on track or behind", v)
			ok = false
		}
		a.Milestone = st
	}
	if v := m.cell(row, svDate); v != "" {
		d, err := parseDate(v)
		if err != nil {
			bad(m.column(surveySpecs, svDate), "date %q: expected a date as YYYY-MM-DD", v)
			ok = false
		}
		a.Date = d
	}
	return ok
}

// parseMilestone reads a milestone status and its usual spellings.
func parseMilestone(s string) (mentormatch.MilestoneStatus, error) {
	switch strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(s))), " ") {
	case "done", "complete", "completed", "finished", "achieved":
		return mentormatch.MilestoneDone, nil
	case "on track", "ontrack", "on schedule", "in progress":
		return mentormatch.MilestoneOnTrack, nil
	case "behind", "late", "delayed", "off track", "behind schedule":
		return mentormatch.MilestoneBehind, nil
	}
	return "", fmt.Errorf("%q: expected done, on track or behind", s)
}

// parseDate reads an answer's date as YYYY-MM-DD, also with slashes or
// with a time of day, which is dropped.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "2006/01/02", time.RFC3339, time.DateTime, "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if d, err := time.Parse(layout, s); err == nil {
			y, mo, day := d.Date()
			return time.Date(y, mo, day, 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q: expected a date as YYYY-MM-DD", s)
}

// parseYesNo reads yes or no and their usual spellings.
func parseYesNo(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1", "x", "ja", "oui", "sí", "si":
		return true, nil
	case "no", "n", "false", "0", "-", "nein", "non":
		return false, nil
	}
	return false, fmt.Errorf("%q: expected yes or no", s)
}

// pairIndex answers whether a mentee–mentor pair is in a roster, and if
// not, says why in words.
type pairIndex struct {
	mentorOf  map[string]string // mentee id → mentor id, for current pairs
	unmatched map[string]bool
	mentors   map[string]bool
	dissolved map[[2]string]bool
}

func newPairIndex(r *mentormatch.Roster) *pairIndex {
	if r == nil {
		return nil
	}
	x := &pairIndex{mentorOf: map[string]string{}, unmatched: map[string]bool{}, mentors: map[string]bool{}, dissolved: map[[2]string]bool{}}
	for _, m := range r.Matches {
		x.mentorOf[m.MenteeID] = m.MentorID
		x.mentors[m.MentorID] = true
	}
	for _, u := range r.Unmatched {
		if u.Role == "mentor" {
			x.mentors[u.ID] = true
		} else {
			x.unmatched[u.ID] = true
		}
	}
	for _, l := range r.Load {
		x.mentors[l.MentorID] = true
	}
	for _, d := range r.Dissolved {
		x.dissolved[[2]string{d.MenteeID, d.MentorID}] = true
	}
	return x
}

// check returns "" when the roster pairs mentee with mentor; otherwise
// what is wrong and the survey column (svMentee or svMentor) at fault.
func (x *pairIndex) check(mentee, mentor string) (int, string) {
	if x == nil {
		return 0, ""
	}
	have, ok := x.mentorOf[mentee]
	switch {
	case ok && have == mentor:
		return 0, ""
	case x.dissolved[[2]string{mentee, mentor}]:
		return svMentor, fmt.Sprintf("%s and %s are no longer a pair: an earlier re-match dissolved it; remove the answer", mentee, mentor)
	case ok:
		return svMentor, fmt.Sprintf("%s's mentor in the roster is %s, not %s", mentee, have, strconv.Quote(mentor))
	case x.unmatched[mentee]:
		return svMentee, fmt.Sprintf("%s has no mentor in the roster", mentee)
	case x.mentors[mentee] && x.mentorOf[mentor] != "":
		return svMentee, fmt.Sprintf("%s is a mentor in the roster: are mentee_id and mentor_id swapped?", mentee)
	}
	return svMentee, fmt.Sprintf("no mentee with id %s in the roster", strconv.Quote(mentee))
}
