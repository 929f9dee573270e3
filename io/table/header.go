package table

import (
	"fmt"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// field is a column's meaning.
type field int

const (
	fExtra field = iota // not recognised: kept in Person.Extra
	fID
	fName
	fFirst
	fLast
	fEmail
	fRole
	fMentorType
	fLevel
	fDepartment
	fManager
	fTimeZone
	fAvailability
	fSkills
	fSkill // one column per skill: "Skill: Kubernetes"
	fWants
	fGoals
	fOffers
	fCapacity
	fLanguages
	fPrefers
	fAvoid
	numFields
)

// aliases maps normalised header names to fields.
var aliases = map[string]field{}

func init() {
	for f, names := range map[field][]string{
		fID:           {"id", "employee id", "employee number", "employee no", "emp id", "worker id", "person id", "staff id", "staff number", "personnel number", "user id", "participant id"},
		fName:         {"name", "full name", "display name", "employee name", "preferred name", "participant name"},
		fFirst:        {"first name", "given name", "forename", "first"},
		fLast:         {"last name", "surname", "family name", "last"},
		fEmail:        {"email", "e-mail", "work email", "email address", "work email address", "mail", "business email"},
		fRole:         {"role", "type", "participant type", "program role", "participant role"},
		fMentorType:   {"mentor type", "mentor kind"},
		fLevel:        mentormatch.BuiltinHeaders("level"),
		fDepartment:   mentormatch.BuiltinHeaders("department"),
		fManager:      {"manager id", "manager", "reports to", "supervisor id", "supervisor", "line manager", "manager employee id", "reports to id"},
		fTimeZone:     mentormatch.BuiltinHeaders("timezone"),
		fAvailability: {"availability", "available", "free slots", "availability slots"},
		fSkills:       {"skills", "expertise", "strengths", "skill"},
		fWants:        {"wants", "learning goals", "skill gaps", "wants to learn", "learning"},
		fGoals:        {"goals", "career goals", "aspirations"},
		fOffers:       {"offers", "can help with", "mentoring topics", "topics"},
		fCapacity:     {"capacity", "max mentees", "maximum mentees", "mentee capacity"},
		fLanguages:    mentormatch.BuiltinHeaders("languages"),
		fPrefers:      {"prefers", "preferred mentors", "preferred mentor", "preferences"},
		fAvoid:        {"avoid", "do not match", "dont match", "do not pair"},
	} {
		for _, n := range names {
			aliases[mentormatch.FoldHeader(n)] = f
		}
	}
}

// column is one header cell and what it means.
type column struct {
	index  int
	field  field
	header string // as written, trimmed
	skill  string // fSkill: the skill's normalised name
	key    string // fExtra: the key in Person.Extra, the header made unique
}

// header is a mapped header row.
type header struct {
	cols  []column
	by    [numFields]int // index into cols + 1; 0 when absent
	known int            // distinct recognised fields
	dups  []column       // columns whose meaning an earlier column already has
}

func (h *header) has(f field) bool { return h.by[f] > 0 }

func (h *header) col(f field) *column {
	if h.by[f] == 0 {
		return nil
	}
	return &h.cols[h.by[f]-1]
}

// skillColumn recognises "Skill: Kubernetes" and "Skills: Go".
func skillColumn(h string) (string, bool) {
	before, after, ok := strings.Cut(h, ":")
	if !ok {
		return "", false
	}
	switch mentormatch.FoldHeader(before) {
	case "skill", "skills", "expertise":
	default:
		return "", false
	}
	name := normName(after)
	return name, name != ""
}

// mapHeader gives each cell of a candidate header row its meaning.
func mapHeader(row []string) header {
	var h header
	skills := false
	for i, cell := range row {
		text := strings.TrimSpace(strings.TrimPrefix(cell, "\ufeff"))
		if text == "" {
			continue
		}
		c := column{index: i, header: text}
		if name, ok := skillColumn(text); ok {
			c.field, c.skill = fSkill, name
			h.cols = append(h.cols, c)
			if !skills {
				skills = true
				h.known++ // skill columns count once, like a skills column
			}
			continue
		}
		c.field = aliases[mentormatch.FoldHeader(text)]
		if c.field != fExtra {
			if h.by[c.field] > 0 {
				// A second column with the same meaning ("Manager" next to
				// "Manager ID") is kept as an extra column, not guessed at.
				h.dups = append(h.dups, c)
				c.field = fExtra
				h.cols = append(h.cols, c)
				continue
			}
			h.by[c.field] = len(h.cols) + 1
			h.known++
		}
		h.cols = append(h.cols, c)
	}
	seen := map[string]bool{}
	for i := range h.cols {
		if c := &h.cols[i]; c.field == fExtra {
			c.key = c.header
			if seen[c.header] {
				c.key = fmt.Sprintf("%s (%s)", c.header, columnName(c.index))
			}
			seen[c.header] = true
		}
	}
	return h
}

// findHeader returns the index of the header row: the first of the first
// rows that names an id column and at least one other known column.
func findHeader(rows [][]string) (int, header, bool) {
	for i := range min(len(rows), headerSearchRows) {
		h := mapHeader(rows[i])
		if h.has(fID) && h.known >= 2 {
			return i, h, true
		}
	}
	return 0, header{}, false
}

// findHeaderWithoutID returns the first of the first rows that names at
// least two known columns but no id column, to say what is missing rather
// than that no header was found.
func findHeaderWithoutID(rows [][]string) (int, header, bool) {
	for i := range min(len(rows), headerSearchRows) {
		if h := mapHeader(rows[i]); !h.has(fID) && h.known >= 2 {
			return i, h, true
		}
	}
	return 0, header{}, false
}
