package table

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
)

// ReadPlan reads a plan that plan --out plan.json wrote: its matches (with
// their reasons), unmatched, cohorts and sessions; every other key is
// ignored. Ids are kept as written; whether they are people is for the
// caller to check against the people files. Errors are
// mentormatch.Problems naming the JSON path of each problem (every
// problem at once) or an I/O error. Linear in the size of the file.
func ReadPlan(f File) (*mentormatch.Plan, error) {
	data, p, err := load(f)
	if err != nil {
		return nil, err
	}
	if p != nil {
		return nil, mentormatch.Problems{*p}
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	var doc struct {
		Matches *[]struct {
			MenteeID   string  `json:"mentee_id"`
			MenteeName string  `json:"mentee_name"`
			MentorID   string  `json:"mentor_id"`
			MentorName string  `json:"mentor_name"`
			Score      float64 `json:"score"`
			Reason     string  `json:"reason"`
		} `json:"matches"`
		Unmatched []mentormatch.Unmatched `json:"unmatched"`
		Cohorts   *[]mentormatch.Cohort   `json:"cohorts"`
		Sessions  *[]struct {
			Cohort       string   `json:"cohort"`
			Kind         string   `json:"kind"`
			Round        int      `json:"round"`
			Start        string   `json:"start"`
			End          string   `json:"end"`
			Participants []string `json:"participants"`
			Flag         string   `json:"flag"`
		} `json:"sessions"`
	}
	problem := func(column, format string, args ...any) mentormatch.Problem {
		return mentormatch.Problem{File: f.Path, Column: column, Message: fmt.Sprintf(format, args...)}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		pr := problem("", "not a plan in JSON: %s", jsonWords(err))
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			pr.Row = lineAt(data, int(min(se.Offset, int64(len(data)))))
		case errors.As(err, &te):
			pr.Row = lineAt(data, int(min(te.Offset, int64(len(data)))))
			pr.Column = te.Field
		}
		return nil, mentormatch.Problems{pr}
	}
	if doc.Matches == nil || doc.Sessions == nil || doc.Cohorts == nil {
		return nil, mentormatch.Problems{problem("", `not a mentormatch plan: it needs "matches", "cohorts" and "sessions" lists (write one with mentormatch plan --out plan.json)`)}
	}
	var ps mentormatch.Problems
	plan := &mentormatch.Plan{Roster: &mentormatch.Roster{}, Cohorts: *doc.Cohorts}
	for k, m := range *doc.Matches {
		if strings.TrimSpace(m.MenteeID) == "" || strings.TrimSpace(m.MentorID) == "" {
			ps = append(ps, problem(fmt.Sprintf("matches[%d]", k), "a match needs a mentee_id and a mentor_id"))
			continue
		}
		plan.Roster.Matches = append(plan.Roster.Matches, mentormatch.Match{
			MenteeID: m.MenteeID, MenteeName: m.MenteeName, MentorID: m.MentorID, MentorName: m.MentorName, Score: m.Score, Reason: m.Reason})
	}
	plan.Roster.Unmatched = doc.Unmatched
	for k, c := range plan.Cohorts {
		if strings.TrimSpace(c.ID) == "" {
			ps = append(ps, problem(fmt.Sprintf("cohorts[%d]", k), "a cohort needs an id"))
		}
	}
	for k, s := range *doc.Sessions {
		at := fmt.Sprintf("sessions[%d]", k)
		start, err1 := time.Parse(time.RFC3339, s.Start)
		end, err2 := time.Parse(time.RFC3339, s.End)
		switch {
		case err1 != nil || err2 != nil:
			ps = append(ps, problem(at, "start %q and end %q: expected times such as 2027-03-08T15:00:00+01:00", s.Start, s.End))
			continue
		case !end.After(start):
			ps = append(ps, problem(at, "ends at %s, not after its start %s", s.End, s.Start))
			continue
		case len(s.Participants) == 0:
			ps = append(ps, problem(at, "a session needs participants"))
			continue
		}
		kind := mentormatch.SessionKind(s.Kind)
		switch kind {
		case mentormatch.KindPrimary, mentormatch.KindPeer, mentormatch.KindSenior:
		default:
			ps = append(ps, problem(at, "kind %q: expected primary, peer or senior", s.Kind))
			continue
		}
		plan.Sessions = append(plan.Sessions, mentormatch.Session{Cohort: s.Cohort, Kind: kind, Round: s.Round,
			Start: start, End: end, Participants: s.Participants, Flag: s.Flag})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return plan, nil
}

// jsonWords is a JSON decoding error without Go's type names.
func jsonWords(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("expected %s, found a JSON %s", jsonKind(te.Type.Kind().String()), te.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func jsonKind(k string) string {
	switch k {
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "a list"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	}
	return "a number"
}
