package notify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// DefaultTemplate is the introduction sent when the manager gives none.
// Its first line, "Subject: …", is the message's subject.
const DefaultTemplate = `Subject: Your mentoring program: {match}

Hello {first_name},

Welcome to the mentoring program. {match_line}

Why this match: {why}

Your first session: {first_session}, with {first_with}.
The calendar attached ({calendar}) has every session; open it to add them
to your calendar. Times are shown in your own time zone, {time_zone}.

{cohort_line}

{contacts}

If a time does not work for you, reply to this message and we will find
another.
`

// Placeholders are the names a template may use, each in braces, with
// what they stand for.
var Placeholders = []struct{ Name, Means string }{
	{"name", "the person's full name"},
	{"first_name", "the first word of the name"},
	{"email", "the person's e-mail address"},
	{"role", "mentee, mentor or senior"},
	{"match", "the names of the person's mentor, mentees, or cohorts (for a senior)"},
	{"match_line", "one sentence saying who the person is matched with"},
	{"why", "why they were matched: the reason of each pair"},
	{"first_session", "the first session's day, date and time in the person's zone"},
	{"first_with", "who is at the first session"},
	{"time_zone", "the person's time zone"},
	{"cohort", "the person's cohort(s)"},
	{"cohort_line", "one sentence naming the cohort, its members and seniors"},
	{"contacts", "the names and e-mail addresses of the people they are matched with"},
	{"calendar", "the name of the attached calendar file"},
}

// Template is an introduction with {placeholders}. A first line
// "Subject: …" is the subject; the rest is the body, sent as written
// (plain text; Markdown reads well as it is).
type Template struct {
	Subject string
	Body    string
}

// ParseTemplate reads a template, refusing a placeholder that is not one
// of Placeholders (a typing slip would otherwise be sent to everyone)
// and braces left open. name names the template in errors.
func ParseTemplate(name, text string) (Template, error) {
	text = strings.ReplaceAll(strings.TrimPrefix(text, "\ufeff"), "\r\n", "\n")
	var t Template
	if first, rest, ok := strings.Cut(text, "\n"); ok || first != "" {
		if subject, found := strings.CutPrefix(first, "Subject:"); found {
			t.Subject, text = strings.TrimSpace(subject), strings.TrimLeft(rest, "\n")
		}
	}
	if t.Subject == "" {
		t.Subject = "Your mentoring program: {match}"
	}
	t.Body = text
	var problems []string
	for _, part := range []string{t.Subject, t.Body} {
		problems = append(problems, placeholderProblems(part)...)
	}
	if len(problems) > 0 {
		known := make([]string, len(Placeholders))
		for i, p := range Placeholders {
			known[i] = "{" + p.Name + "}"
		}
		return Template{}, fmt.Errorf("%w: template %s: %s; the placeholders are %s", mentormatch.ErrInput, name,
			strings.Join(problems, "; "), strings.Join(known, ", "))
	}
	return t, nil
}

func placeholderProblems(s string) []string {
	var out []string
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return out
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			return append(out, fmt.Sprintf("a { is not closed: %q", clip(s[open:])))
		}
		name := s[open+1 : open+end]
		if !slices.ContainsFunc(Placeholders, func(p struct{ Name, Means string }) bool { return p.Name == name }) {
			out = append(out, fmt.Sprintf("unknown placeholder {%s}", clip(name)))
		}
		s = s[open+end+1:]
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// Fields are the placeholders' values for in.
func Fields(in *Intro) map[string]string {
	names := make([]string, len(in.Partners))
	var contacts []string
	for i, c := range in.Partners {
		names[i] = c.Name
		if c.Email != "" {
			contacts = append(contacts, c.Name+" <"+c.Email+">")
		} else {
			contacts = append(contacts, c.Name+" (no e-mail address on file)")
		}
	}
	match := joinNames(names)
	var line string
	switch in.Role {
	case RoleMentee:
		line = "You will be mentored by " + match + "."
	case RoleMentor:
		line = "You will mentor " + match + "."
	case RoleSenior:
		match = "cohort " + joinNames(in.Cohorts)
		line = "You will visit " + match + " as a senior mentor."
	}
	first := "not scheduled yet"
	if !in.FirstSession.IsZero() {
		first = in.FirstSession.Format("Monday 2 January 2006, 15:04") + "–" + in.FirstEnd.Format("15:04") + " (" + in.TimeZone + ")"
	}
	with := in.FirstWith
	if with == "" {
		with = "your match"
	}
	cohortLine := ""
	if len(in.Cohorts) > 0 && in.Role != RoleSenior {
		cohortLine = "Your peer cohort, " + joinNames(in.Cohorts) + ", is " + joinNames(in.CohortMembers) + "."
		switch len(in.Seniors) {
		case 0:
		case 1:
			cohortLine += " " + in.Seniors[0] + " will visit it as senior mentor."
		default:
			cohortLine += " " + joinNames(in.Seniors) + " will visit it as senior mentors."
		}
	}
	contactText := ""
	if len(contacts) > 0 && in.Role != RoleSenior { // a senior's cohorts are in the calendar's attendees
		contactText = "To reach them: " + strings.Join(contacts, ", ") + "."
	}
	why := strings.Join(in.Why, "; ")
	if in.Role == RoleMentor && len(in.Why) > 1 {
		parts := make([]string, len(in.Why))
		for i, w := range in.Why {
			parts[i] = names[i] + ": " + w
		}
		why = strings.Join(parts, "; ")
	}
	if why == "" {
		why = "you bring experience the cohort's mentees asked for"
	}
	calendarName := in.CalendarName
	if calendarName == "" {
		calendarName = "none"
	}
	firstName, _, _ := strings.Cut(strings.TrimSpace(in.Name), " ")
	return map[string]string{
		"name": in.Name, "first_name": firstName, "email": in.Email, "role": in.Role,
		"match": match, "match_line": line, "why": why, "first_session": first, "first_with": with,
		"time_zone": in.TimeZone, "cohort": joinNames(in.Cohorts), "cohort_line": cohortLine,
		"contacts": contactText, "calendar": calendarName,
	}
}

// Render fills t for in: the subject and the body. Lines left empty by an
// empty placeholder are dropped, so that a mentor without a cohort gets
// no blank paragraph.
func (t Template) Render(in *Intro) (subject, body string) {
	f := Fields(in)
	pairs := make([]string, 0, 2*len(f))
	for k, v := range f {
		pairs = append(pairs, "{"+k+"}", v)
	}
	r := strings.NewReplacer(pairs...)
	subject = strings.Join(strings.Fields(r.Replace(t.Subject)), " ")
	var lines []string
	blank := false
	for _, line := range strings.Split(t.Body, "\n") {
		filled := r.Replace(line)
		if strings.TrimSpace(filled) == "" {
			if strings.TrimSpace(line) != "" || blank {
				continue // a line that only held empty placeholders, or a second blank
			}
			blank = true
		} else {
			blank = false
		}
		lines = append(lines, filled)
	}
	return subject, strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n"
}
