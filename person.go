package mentormatch

import "time"

// Role says which side of the program a person is on.
type Role int

const (
	RoleMentee Role = iota + 1
	RoleMentor
	RoleBoth
)

func (r Role) String() string {
	switch r {
	case RoleMentee:
		return "mentee"
	case RoleMentor:
		return "mentor"
	case RoleBoth:
		return "both"
	}
	return ""
}

// IsMentee reports whether the person takes part as a mentee.
func (r Role) IsMentee() bool { return r == RoleMentee || r == RoleBoth }

// IsMentor reports whether the person takes part as a mentor.
func (r Role) IsMentor() bool { return r == RoleMentor || r == RoleBoth }

// MentorType distinguishes 1:1 mentors from seniors who visit cohorts.
type MentorType int

const (
	// Primary mentors take up to Capacity mentees 1:1. It is the default.
	Primary MentorType = iota
	// Senior mentors take no 1:1 mentees; they rotate through cohorts.
	Senior
)

func (t MentorType) String() string {
	if t == Senior {
		return "senior"
	}
	return "primary"
}

// Skill is a named skill at a level from 0 to 5. Names are normalised:
// lower case, single spaces.
type Skill struct {
	Name  string
	Level int
}

// Slot is a weekly window of availability in the owner's own time zone.
// Start and End are minutes after midnight; End may be up to 24*60, and an
// End before Start means the slot runs past midnight into the next day.
type Slot struct {
	Day   time.Weekday
	Start int
	End   int
}

// Source locates where a value came from, as the user's spreadsheet shows it.
type Source struct {
	File  string
	Sheet string
	Row   int // 1-based, as the spreadsheet numbers it
}

// Person is one participant as read from a people file. List fields are kept
// in the order the file gives them (wants: most important first).
type Person struct {
	ID         string
	Name       string
	Email      string
	Role       Role
	MentorType MentorType
	Level      int // 1–9; 0 when unknown
	Department string
	ManagerID  string
	// TimeZone is the zone as written ("Europe/Berlin", "UTC+05:30");
	// Location is the parsed zone, UTC when none was given.
	TimeZone     string
	Location     *time.Location
	Availability []Slot
	Skills       []Skill
	Wants        []string
	Goals        []string
	Offers       []string
	Capacity     int // mentors: how many 1:1 mentees; default 1
	Languages    []string
	Prefers      []string
	Avoid        []string
	// Extra holds the columns the reader did not recognise, by their header
	// as written, for custom criteria.
	Extra  map[string]string
	Source Source
}

// SkillLevel returns the person's level in the named skill and whether they
// listed it.
func (p *Person) SkillLevel(name string) (int, bool) {
	for _, s := range p.Skills {
		if s.Name == name {
			return s.Level, true
		}
	}
	return 0, false
}

// Program is everyone taking part. Mentees and Mentors index into People; a
// person with role "both" appears in both lists. The order is the order of
// the input files and is kept in every output.
type Program struct {
	People  []Person
	Mentees []int
	Mentors []int
	// Warnings are problems that do not stop matching, such as an id in
	// "avoid" that is nobody in the files.
	Warnings []Problem
	// Decisions are the program manager's pins and vetoes: scoring
	// forbids the vetoed pairs and sets the pinned mentees aside, and
	// roster puts the pins back into the roster it solves around them.
	Decisions Decisions
	// Earlier are the 1:1 pairs of earlier cohorts (--history): scoring
	// forbids or penalises them (Config.History).
	Earlier []EarlierPair
	// EarlierCohorts are the peer cohorts of earlier plans (--history):
	// cohort formation keeps their members apart where the sizes allow.
	EarlierCohorts []EarlierCohort
}

// Mentee returns the i-th mentee.
func (p *Program) Mentee(i int) *Person { return &p.People[p.Mentees[i]] }

// Mentor returns the j-th mentor.
func (p *Program) Mentor(j int) *Person { return &p.People[p.Mentors[j]] }

// ByID returns the person with the given id, or nil.
func (p *Program) ByID(id string) *Person {
	for i := range p.People {
		if p.People[i].ID == id {
			return &p.People[i]
		}
	}
	return nil
}
