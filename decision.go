package mentormatch

import (
	"fmt"
	"strings"
)

// DecisionKind is what a program manager decided about one pair.
type DecisionKind int

const (
	// Pin puts the pair in the roster; it uses one of the mentor's seats.
	Pin DecisionKind = iota + 1
	// Forbid keeps the pair out of every roster.
	Forbid
)

// String is the word a decisions file carries: "pin" or "forbid".
func (k DecisionKind) String() string {
	switch k {
	case Pin:
		return "pin"
	case Forbid:
		return "forbid"
	}
	return ""
}

// ParseDecisionKind reads the decision column of a decisions file: pin or
// accept, forbid or decline (any case, surrounding spaces ignored).
func ParseDecisionKind(s string) (DecisionKind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "pin", "accept":
		return Pin, true
	case "forbid", "decline":
		return Forbid, true
	}
	return 0, false
}

// MarshalText writes the kind as a decisions file does, so that JSON
// carries "pin" and "forbid".
func (k DecisionKind) MarshalText() ([]byte, error) {
	if k.String() == "" {
		return nil, fmt.Errorf("decision kind %d: expected pin or forbid", int(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads any word ParseDecisionKind accepts.
func (k *DecisionKind) UnmarshalText(b []byte) error {
	v, ok := ParseDecisionKind(string(b))
	if !ok {
		return fmt.Errorf("decision %q: expected pin, accept, forbid or decline", string(b))
	}
	*k = v
	return nil
}

// Decision is the program manager's word on one mentee–mentor pair. A
// roster keeps every pin, never forms a forbidden pair, and is optimal for
// everyone else around them.
type Decision struct {
	MenteeID string       `json:"mentee_id"`
	MentorID string       `json:"mentor_id"`
	Kind     DecisionKind `json:"decision"`
	// Note is the manager's own words ("agreed with both"), kept as given.
	Note string `json:"note,omitempty"`
	// Source is where the decision was read; empty for decisions made in
	// a program, such as a web page's.
	Source Source `json:"-"`
}

// Decisions are a program's decisions, in the order given. A Program
// carries them (Program.Decisions); scoring and roster honour them.
type Decisions []Decision

// Pins lists the pin decisions, in order.
func (ds Decisions) Pins() Decisions { return ds.of(Pin) }

// Forbids lists the forbid decisions, in order.
func (ds Decisions) Forbids() Decisions { return ds.of(Forbid) }

func (ds Decisions) of(k DecisionKind) Decisions {
	var out Decisions
	for _, d := range ds {
		if d.Kind == k {
			out = append(out, d)
		}
	}
	return out
}

// Problem locates a problem with the decision, for messages.
func (d Decision) Problem(column, format string, args ...any) Problem {
	return Problem{File: d.Source.File, Sheet: d.Source.Sheet, Row: d.Source.Row, Column: column, Message: fmt.Sprintf(format, args...)}
}

// Where says where the decision was read ("decisions.csv row 4"), or
// names the pair when it was not read from a file.
func (d Decision) Where() string {
	if d.Source.Row > 0 {
		return fmt.Sprintf("%s row %d", d.Source.File, d.Source.Row)
	}
	return fmt.Sprintf("%s %s–%s", d.Kind, d.MenteeID, d.MentorID)
}

// Conflicts lists the decisions that contradict each other on their own,
// without the people: a pair both pinned and forbidden, and a mentee
// pinned to two mentors. Each names both rows. Repeating a decision is no
// conflict. What needs the people (unknown ids, hard rules, capacities) is
// checked where the program is scored (scoring.New).
func (ds Decisions) Conflicts() Problems {
	var ps Problems
	type pair struct{ mentee, mentor string }
	first := map[pair]int{}
	pinned := map[string]int{}
	for k, d := range ds {
		key := pair{d.MenteeID, d.MentorID}
		if f, ok := first[key]; ok && ds[f].Kind != d.Kind {
			ps = append(ps, d.Problem("decision", "%s %s with %s contradicts %s (%s): a pair is pinned or forbidden, not both",
				d.Kind, d.MenteeID, d.MentorID, ds[f].Where(), ds[f].Kind))
		} else if !ok {
			first[key] = k
		}
		if d.Kind != Pin {
			continue
		}
		if f, ok := pinned[d.MenteeID]; ok && ds[f].MentorID != d.MentorID {
			ps = append(ps, d.Problem("mentor_id", "mentee %s is pinned to %s here and to %s at %s: a mentee has one mentor",
				d.MenteeID, d.MentorID, ds[f].MentorID, ds[f].Where()))
		} else if !ok {
			pinned[d.MenteeID] = k
		}
	}
	return ps
}
