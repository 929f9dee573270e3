package table

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // IANA zones on machines without a zoneinfo database

	"github.com/mentormatch/mentormatch"
)

// normName lower-cases a name and collapses runs of white space, so that
// "Incident  Response" and "incident response" are the same skill.
func normName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// splitList splits a list cell on ";" (or on "," when there is no ";") and
// on line breaks, dropping empty items.
func splitList(s string) []string {
	s = strings.ReplaceAll(s, "\n", ";")
	sep := ";"
	if !strings.Contains(s, ";") {
		sep = ","
	}
	var out []string
	for item := range strings.SplitSeq(s, sep) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// parseNames is a list of normalised names in the order given, without
// repeats.
func parseNames(s string) []string {
	var out []string
	for _, item := range splitList(s) {
		if n := normName(item); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// parseIDs is a list of ids in the order given, without repeats.
func parseIDs(s string) []string {
	var out []string
	for _, item := range splitList(s) {
		if !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	return out
}

// parseWhole reads a whole number, also as a spreadsheet may format it
// ("4.0").
func parseWhole(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

// ParseSkills parses a skills cell such as "go:4; kubernetes:2; incident
// response". Items are separated by ";" (or "," when there is no ";"); a
// level is a whole number 0–5 after ":" or "="; a bare name is level 3.
// Names are normalised to lower case with single spaces. A skill named
// twice keeps its higher level, in its first position.
func ParseSkills(s string) ([]mentormatch.Skill, error) {
	var out []mentormatch.Skill
	for _, item := range splitList(s) {
		name, level := item, 3
		if i := strings.LastIndexAny(item, ":="); i >= 0 {
			name = item[:i]
			lv, ok := parseWhole(item[i+1:])
			if !ok || lv < 0 || lv > 5 {
				return nil, fmt.Errorf("skill level %q in %q: expected a whole number 0–5, as in \"go:4; kubernetes:2\"", strings.TrimSpace(item[i+1:]), item)
			}
			level = lv
		}
		name = normName(name)
		if name == "" {
			return nil, fmt.Errorf("%q has no skill name: expected name:level, as in \"go:4; kubernetes:2\"", item)
		}
		if k := slices.IndexFunc(out, func(sk mentormatch.Skill) bool { return sk.Name == name }); k >= 0 {
			out[k].Level = max(out[k].Level, level)
			continue
		}
		out = append(out, mentormatch.Skill{Name: name, Level: level})
	}
	return out, nil
}

var dayNames = map[string]time.Weekday{
	"mon": time.Monday, "monday": time.Monday, "mo": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday, "tu": time.Tuesday,
	"wed": time.Wednesday, "weds": time.Wednesday, "wednesday": time.Wednesday, "we": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday, "th": time.Thursday,
	"fri": time.Friday, "friday": time.Friday, "fr": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday, "sa": time.Saturday,
	"sun": time.Sunday, "sunday": time.Sunday, "su": time.Sunday,
}

const availabilityExample = `as in "Mon 09:00-11:00; Wed 14:00-15:30"`

// The spellings availability cells use for a range and for am and pm,
// made uniform before parsing.
var (
	dayDashes  = strings.NewReplacer("–", "-", "—", "-", " to ", "-", ".", " ")
	timeDashes = strings.NewReplacer("–", "-", "—", "-", " to ", "-")
	meridiem   = strings.NewReplacer(" am", "am", " pm", "pm", " a.m.", "am", " p.m.", "pm")
)

// parseDays reads "Mon", "Monday", "Mon-Fri", "Mon/Wed", "weekdays".
func parseDays(s string) ([]time.Weekday, error) {
	s = dayDashes.Replace(strings.ToLower(s))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(strings.ReplaceAll(s, " -", "-"), "- ", "-")
	var out []time.Weekday
	for tok := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ' ' || r == '/' || r == '&' || r == ',' || r == '+' }) {
		switch tok {
		case "and":
			continue
		case "weekdays", "workdays":
			out = append(out, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
			continue
		case "daily", "everyday":
			out = append(out, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday)
			continue
		}
		from, to, isRange := strings.Cut(tok, "-")
		a, ok := dayNames[from]
		if !ok {
			return nil, fmt.Errorf("unknown day %q: expected Mon, Tue, Wed, Thu, Fri, Sat or Sun (or full names, or a range like Mon-Fri)", from)
		}
		if !isRange {
			out = append(out, a)
			continue
		}
		b, ok := dayNames[to]
		if !ok {
			return nil, fmt.Errorf("unknown day %q: expected Mon, Tue, Wed, Thu, Fri, Sat or Sun (or full names, or a range like Mon-Fri)", to)
		}
		for d := a; ; d = (d + 1) % 7 {
			out = append(out, d)
			if d == b {
				break
			}
		}
	}
	return out, nil
}

var clockRE = regexp.MustCompile(`^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$`)

// parseClock reads "09:00", "9:30", "9", "0930", "9am", "2:30 pm" into
// minutes after midnight; 24:00 is allowed.
func parseClock(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) == 4 && strings.Trim(s, "0123456789") == "" {
		s = s[:2] + ":" + s[2:]
	}
	m := clockRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1])
	mins := 0
	if m[2] != "" {
		mins, _ = strconv.Atoi(m[2])
	}
	if mins > 59 {
		return 0, false
	}
	if m[3] != "" {
		if h < 1 || h > 12 {
			return 0, false
		}
		h %= 12
		if m[3][0] == 'p' {
			h += 12
		}
	}
	if h > 24 || h == 24 && mins > 0 {
		return 0, false
	}
	return h*60 + mins, true
}

// ParseAvailability parses weekly slots such as "Mon 09:00-11:00; Wed
// 14:00-15:30". Entries are separated by ";" (or "," when there is no ";")
// or line breaks; an entry without days takes the days of the one before
// ("Mon 09:00-10:00, 14:00-15:00"). Days are Mon..Sun, full names, ranges
// ("Mon-Fri") and lists ("Mon/Wed"); times are 24-hour or am/pm, 24:00 is
// the end of the day.
//
// Ranges are read as HR writes them: "9-5" and "9:00-5:00" are day hours,
// 09:00–17:00, and "1-5pm" is 13:00–17:00. A range that runs past midnight
// must say so in 24-hour times ("22:00-01:00") or with am/pm ("10pm-1am"):
// an end before a start that is before 13:00, without am or pm on the end,
// is read as afternoon.
func ParseAvailability(s string) ([]mentormatch.Slot, error) {
	slots, _, err := parseAvailability(s)
	return slots, err
}

// parseAvailability is ParseAvailability that also returns the ranges it
// read as day hours although they lack am or pm ("9-5"): those readings are
// a guess the reader warns about.
func parseAvailability(s string) ([]mentormatch.Slot, []string, error) {
	var (
		out     []mentormatch.Slot
		days    []time.Weekday
		guessed []string
	)
	for _, entry := range splitList(s) {
		i := strings.IndexFunc(entry, func(r rune) bool { return r >= '0' && r <= '9' })
		if i < 0 {
			return nil, nil, fmt.Errorf("%q has no times: expected a day and a time range, %s", entry, availabilityExample)
		}
		if d := strings.TrimSpace(entry[:i]); d != "" {
			var err error
			if days, err = parseDays(d); err != nil {
				return nil, nil, fmt.Errorf("%q: %w", entry, err)
			}
		}
		if len(days) == 0 {
			return nil, nil, fmt.Errorf("%q has no day: expected a day before the times, %s", entry, availabilityExample)
		}
		times := timeDashes.Replace(strings.ToLower(entry[i:]))
		times = strings.Join(strings.Fields(times), " ")
		times = strings.ReplaceAll(strings.ReplaceAll(times, " -", "-"), "- ", "-")
		// "9 am-5 pm" has a space inside each time; join those first.
		times = meridiem.Replace(times)
		for rng := range strings.FieldsFuncSeq(times, func(r rune) bool { return r == ' ' || r == ',' }) {
			from, to, ok := strings.Cut(rng, "-")
			if !ok {
				return nil, nil, fmt.Errorf("time range %q in %q: expected start-end, %s", rng, entry, availabilityExample)
			}
			start, ok1 := parseClock(from)
			end, ok2 := parseClock(to)
			if !ok1 || !ok2 || start == 24*60 {
				return nil, nil, fmt.Errorf("time range %q in %q: expected times like 09:00-11:00 (24-hour, up to 24:00), %s", rng, entry, availabilityExample)
			}
			// "1-5pm": the start shares the end's pm when that keeps
			// it before the end, as in speech.
			if !hasMeridiem(from) && strings.HasSuffix(to, "pm") && start >= 60 && start < 12*60 && start+12*60 < end {
				start += 12 * 60
			}
			// "9-5": nobody is free from nine in the morning until five
			// the next morning; HR means the afternoon.
			if !hasMeridiem(to) && end > 0 && end < start && start < 13*60 && end <= 12*60 {
				end += 12 * 60
				guessed = append(guessed, rng)
			}
			if start == end {
				return nil, nil, fmt.Errorf("time range %q in %q is empty: the end must differ from the start", rng, entry)
			}
			for _, d := range days {
				slot := mentormatch.Slot{Day: d, Start: start, End: end}
				if !slices.Contains(out, slot) {
					out = append(out, slot)
				}
			}
		}
	}
	return out, guessed, nil
}

// hasMeridiem reports whether a time as written says am or pm.
func hasMeridiem(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "am") || strings.HasSuffix(s, "pm") || strings.HasSuffix(s, "a.m.") || strings.HasSuffix(s, "p.m.")
}

var offsetRE = regexp.MustCompile(`^(?i:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$`)

// ParseTimeZone reads an IANA zone name ("Europe/Berlin") or a fixed
// offset ("UTC+05:30", "UTC-3", "GMT+1"). Blank, "UTC", "GMT" and "Z" are
// UTC. The returned name is the canonical spelling to keep.
func ParseTimeZone(s string) (*time.Location, string, error) {
	s = strings.TrimSpace(s)
	switch strings.ToUpper(s) {
	case "", "UTC", "GMT", "Z", "UTC+0", "UTC-0", "GMT+0", "UTC+00:00":
		if s == "" {
			return time.UTC, "", nil
		}
		return time.UTC, "UTC", nil
	}
	if m := offsetRE.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[2])
		mins := 0
		if m[3] != "" {
			mins, _ = strconv.Atoi(m[3])
		}
		if h > 14 || mins > 59 || h == 14 && mins > 0 {
			return nil, "", fmt.Errorf("time zone %q: the offset must be between UTC-14:00 and UTC+14:00", s)
		}
		off := h*3600 + mins*60
		if off == 0 { // "UTC+000", "GMT-00:00": one name for UTC
			return time.UTC, "UTC", nil
		}
		if m[1] == "-" {
			off = -off
		}
		name := fmt.Sprintf("UTC%s%02d:%02d", m[1], h, mins)
		return time.FixedZone(name, off), name, nil
	}
	bad := fmt.Errorf("time zone %q: expected an IANA name such as Europe/Berlin or America/New_York, or an offset such as UTC+05:30", s)
	if strings.EqualFold(s, "local") || strings.ContainsAny(s, " \\") || strings.Contains(s, "..") || len(s) > 64 {
		return nil, "", bad
	}
	if loc, err := time.LoadLocation(s); err == nil {
		return loc, s, nil
	}
	// Spreadsheets often lose the case: "europe/berlin", "AMERICA/NEW_YORK".
	if fixed := titleZone(s); fixed != s {
		if loc, err := time.LoadLocation(fixed); err == nil {
			return loc, fixed, nil
		}
	}
	return nil, "", bad
}

// titleZone capitalises each word of a zone name the way the IANA database
// does for most zones.
func titleZone(s string) string {
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '/' || c == '_' || c == '-'
	}
	return string(b)
}

// parseLevel reads a level 1–9 or a title from the configuration.
func parseLevel(s string, titles map[string]int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if n, ok := parseWhole(strings.TrimPrefix(strings.TrimPrefix(s, "L"), "l")); ok {
		if n < 1 || n > 9 {
			return 0, fmt.Errorf("level %q: expected a whole number 1–9 or a title (%s)", s, titleList(titles))
		}
		return n, nil
	}
	if n, ok := titles[normName(s)]; ok {
		return n, nil
	}
	return 0, fmt.Errorf("level %q: expected a whole number 1–9 or a title (%s)", s, titleList(titles))
}

func titleList(titles map[string]int) string {
	names := make([]string, 0, len(titles))
	for k := range titles {
		names = append(names, k)
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := titles[a] - titles[b]; c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return strings.Join(names, ", ")
}

// parseRole reads mentee, mentor or both, in any case, also plural.
func parseRole(s string) (mentormatch.Role, error) {
	switch mentormatch.FoldHeader(s) {
	case "mentee", "mentees":
		return mentormatch.RoleMentee, nil
	case "mentor", "mentors":
		return mentormatch.RoleMentor, nil
	case "both", "menteeandmentor", "mentorandmentee", "mentee/mentor", "mentor/mentee", "mentee&mentor", "mentor&mentee":
		return mentormatch.RoleBoth, nil
	}
	return 0, fmt.Errorf("role %q: expected mentee, mentor or both", strings.TrimSpace(s))
}

// parseMentorType reads primary (the default) or senior.
func parseMentorType(s string) (mentormatch.MentorType, error) {
	switch mentormatch.FoldHeader(s) {
	case "", "primary", "primarymentor", "1:1":
		return mentormatch.Primary, nil
	case "senior", "seniormentor", "seniors":
		return mentormatch.Senior, nil
	}
	return 0, fmt.Errorf("mentor type %q: expected primary or senior", strings.TrimSpace(s))
}

// checkEmail checks the shape of an address: one "@", a local part and a
// dotted domain, no spaces. Delivery is not the reader's business.
func checkEmail(s string) error {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.ContainsAny(s, " \t<>,;\"") || strings.Contains(domain, "@") ||
		!strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return fmt.Errorf("email %q: expected an address like name@example.com", s)
	}
	return nil
}
