package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentormatch/mentormatch"
)

// WriteDir writes one .ics file per participant (<id>.ics) and per cohort
// (cohort-<id>.ics) into dir, creating it if missing. Each file is written
// to a temporary name and renamed, so a reader never sees half a file.
func WriteDir(dir string, plan *mentormatch.Plan, p *mentormatch.Program) error {
	if plan == nil {
		return fmt.Errorf("calendar: no plan to write")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("calendar: create the output folder: %w", err)
	}
	previous, err := ReadPublished(dir)
	if err != nil {
		return err
	}
	files := Republish(plan, p, previous)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := writeFile(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
	}
	return nil
}

// Calendars returns the files WriteDir writes into an empty folder, by
// file name: every event at SEQUENCE 0.
func Calendars(plan *mentormatch.Plan, p *mentormatch.Program) map[string][]byte {
	return Republish(plan, p, nil)
}

// Republish returns the files WriteDir writes, by file name, over the
// calendars published before (file contents by name, as ReadPublished
// reads them). Calendar clients apply an event again only when its
// SEQUENCE rises (RFC 5545, 3.8.7.4), so an event whose UID was published
// keeps its SEQUENCE and DTSTAMP when nothing in it changed, and gets the
// next SEQUENCE and a later DTSTAMP when anything did (its time, title,
// description or attendees). Re-publishing an unchanged plan gives the same
// bytes. New events are at SEQUENCE 0, stamped with the day of the plan's
// first session. O(events + size of previous).
func Republish(plan *mentormatch.Plan, p *mentormatch.Program, previous map[string][]byte) map[string][]byte {
	people := map[string]*mentormatch.Person{}
	if p != nil {
		for i := range p.People {
			if _, dup := people[p.People[i].ID]; !dup {
				people[p.People[i].ID] = &p.People[i]
			}
		}
	}
	before := published(previous)
	stamp := dtStamp(plan)
	byPerson := map[string][]*mentormatch.Session{}
	byCohort := map[string][]*mentormatch.Session{}
	events := make(map[*mentormatch.Session]string, len(plan.Sessions))
	for i := range plan.Sessions {
		s := &plan.Sessions[i]
		events[s] = renderEvent(s, people, stamp, before)
		for _, id := range s.Participants {
			byPerson[id] = append(byPerson[id], s)
		}
		if s.Kind != mentormatch.KindPrimary {
			byCohort[s.Cohort] = append(byCohort[s.Cohort], s)
		}
	}
	out := map[string][]byte{}
	for id, ss := range byPerson {
		name := id
		if per := people[id]; per != nil && per.Name != "" {
			name = per.Name
		}
		out[FileName(id)] = render("Mentoring: "+name, ss, events)
	}
	for _, c := range plan.Cohorts {
		out["cohort-"+FileName(c.ID)] = render("Mentoring cohort "+c.ID, byCohort[c.ID], events)
	}
	return out
}

// FileName is id made safe as a file name, with the .ics extension.
func FileName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	if s == "" || strings.Trim(s, ".") == "" {
		s = "_" + s
	}
	return s + ".ics"
}

// UID identifies a meeting across re-publications: it hashes the cohort,
// kind, round and sorted participants, never the time.
func UID(s *mentormatch.Session) string {
	ids := slices.Clone(s.Participants)
	slices.Sort(ids)
	h := sha256.New()
	for _, part := range append([]string{s.Cohort, string(s.Kind), strconv.Itoa(s.Round)}, ids...) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16]) + "@mentormatch"
}

func dtStamp(plan *mentormatch.Plan) time.Time {
	if len(plan.Sessions) == 0 {
		return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	first := plan.Sessions[0].Start
	for _, s := range plan.Sessions {
		if s.Start.Before(first) {
			first = s.Start
		}
	}
	return first.UTC().Truncate(24 * time.Hour)
}

func render(title string, ss []*mentormatch.Session, events map[*mentormatch.Session]string) []byte {
	var b strings.Builder
	line(&b, "BEGIN:VCALENDAR")
	line(&b, "VERSION:2.0")
	line(&b, "PRODID:-//mentormatch//mentormatch//EN")
	line(&b, "METHOD:PUBLISH")
	line(&b, "NAME:"+text(title))
	line(&b, "X-WR-CALNAME:"+text(title))
	for _, s := range ss {
		b.WriteString(events[s])
	}
	line(&b, "END:VCALENDAR")
	return []byte(b.String())
}

// renderEvent is the VEVENT of s, at the SEQUENCE and DTSTAMP that its
// publication before (by UID, in before) calls for.
func renderEvent(s *mentormatch.Session, people map[string]*mentormatch.Person, stamp time.Time, before map[string]publishedEvent) string {
	var body strings.Builder
	line(&body, "DTSTART:"+s.Start.UTC().Format(icsTime))
	line(&body, "DTEND:"+s.End.UTC().Format(icsTime))
	line(&body, "SUMMARY:"+text(summary(s, people)))
	line(&body, "DESCRIPTION:"+text(description(s, people)))
	line(&body, "CATEGORIES:"+text(strings.ToUpper(string(s.Kind))))
	for _, id := range s.Participants {
		if per := people[id]; per != nil && per.Email != "" {
			line(&body, "ATTENDEE;CN="+paramValue(nameOf(id, people))+":mailto:"+per.Email)
		}
	}
	uid := UID(s)
	seq := 0
	if old, ok := before[uid]; ok {
		seq = old.sequence
		if old.body != unfold(body.String()) {
			seq++
			stamp = later(stamp, old.stamp.Add(time.Second))
		} else {
			stamp = old.stamp
		}
	}
	var b strings.Builder
	line(&b, "BEGIN:VEVENT")
	line(&b, "UID:"+uid)
	line(&b, "DTSTAMP:"+stamp.UTC().Format(icsTime))
	line(&b, "SEQUENCE:"+strconv.Itoa(seq))
	b.WriteString(body.String())
	line(&b, "END:VEVENT")
	return b.String()
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// icsTime is a UTC DATE-TIME of RFC 5545.
const icsTime = "20060102T150405Z"

// line writes one content line, folded as RFC 5545 (3.1) asks: no line
// longer than 75 octets, continuation lines starting with a space, never
// inside a UTF-8 sequence.
func line(b *strings.Builder, s string) {
	const limit = 75
	first := true
	for {
		room := limit
		if !first {
			room-- // the leading space
		}
		if len(s) <= room {
			if !first {
				b.WriteByte(' ')
			}
			b.WriteString(s)
			b.WriteString("\r\n")
			return
		}
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if !first {
			b.WriteByte(' ')
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n")
		s, first = s[cut:], false
	}
}

// unfold joins folded lines: the inverse of line, on the text of one or
// more content lines.
func unfold(s string) string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	return strings.ReplaceAll(s, "\r\n\t", "")
}

// text escapes a TEXT value (RFC 5545, 3.3.11).
func text(s string) string {
	return textEscaper.Replace(s)
}

var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// paramValue is s as a parameter value: always quoted (RFC 5545, 3.2), so
// that a comma, a semicolon or a colon in a name is text; a double quote,
// which a quoted value cannot hold, a caret and a line break are escaped
// as RFC 6868 says (^', ^^, ^n); other control characters are dropped.
func paramValue(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString("^'")
		case r == '^':
			b.WriteString("^^")
		case r == '\n':
			b.WriteString("^n")
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func nameOf(id string, people map[string]*mentormatch.Person) string {
	if per := people[id]; per != nil && per.Name != "" {
		return per.Name
	}
	return id
}

func names(ids []string, people map[string]*mentormatch.Person) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = nameOf(id, people)
	}
	return strings.Join(out, ", ")
}

func summary(s *mentormatch.Session, people map[string]*mentormatch.Person) string {
	switch s.Kind {
	case mentormatch.KindPrimary:
		if len(s.Participants) == 2 {
			return fmt.Sprintf("1:1 mentoring: %s with %s (#%d)", nameOf(s.Participants[0], people), nameOf(s.Participants[1], people), s.Round)
		}
	case mentormatch.KindPeer:
		return fmt.Sprintf("Peer session %s round %d: %s", s.Cohort, s.Round, names(s.Participants, people))
	case mentormatch.KindSenior:
		if len(s.Participants) > 0 {
			return fmt.Sprintf("Senior visit %s: %s", s.Cohort, nameOf(s.Participants[0], people))
		}
	}
	return fmt.Sprintf("%s session %s round %d", s.Kind, s.Cohort, s.Round)
}

func description(s *mentormatch.Session, people map[string]*mentormatch.Person) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Cohort %s, %s session, round %d.\n", s.Cohort, s.Kind, s.Round)
	b.WriteString("Participants:")
	for _, id := range s.Participants {
		fmt.Fprintf(&b, "\n- %s (%s)", nameOf(id, people), id)
	}
	if s.Flag != "" {
		b.WriteString("\nNote: " + s.Flag + "; please agree on a time.")
	}
	return b.String()
}

// writeFile writes data to a temporary file next to path and renames it.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*.ics")
	if err != nil {
		return fmt.Errorf("calendar: write %s: %w", path, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("calendar: write %s: %w", path, werr)
	}
	return nil
}

// publishedEvent is what calendars published before said about one event.
type publishedEvent struct {
	sequence int
	stamp    time.Time
	body     string // its lines after SEQUENCE, unfolded
}

// ReadPublished reads the calendars (*.ics) already in dir, by file name,
// for Republish; a missing folder has none.
func ReadPublished(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("calendar: read the calendars already in %s: %w", dir, err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".ics") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("calendar: read %s: %w", filepath.Join(dir, e.Name()), err)
		}
		out[e.Name()] = data
	}
	return out, nil
}

// published collects the events of files by UID. An event published in
// several files (each participant's and the cohort's) is taken at its
// highest SEQUENCE; files are read in name order, so ties are settled the
// same way every time. What is not an event of ours is ignored.
func published(files map[string][]byte) map[string]publishedEvent {
	out := map[string]publishedEvent{}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		lines := strings.Split(unfold(string(files[name])), "\r\n")
		var (
			in        bool
			uid, body string
			ev        publishedEvent
		)
		for _, l := range lines {
			switch {
			case l == "BEGIN:VEVENT":
				in, uid, body, ev = true, "", "", publishedEvent{}
			case l == "END:VEVENT" && in:
				in = false
				ev.body = body
				if old, ok := out[uid]; uid != "" && (!ok || ev.sequence > old.sequence) {
					out[uid] = ev
				}
			case !in:
			case strings.HasPrefix(l, "UID:"):
				uid = l[len("UID:"):]
			case strings.HasPrefix(l, "SEQUENCE:"):
				ev.sequence, _ = strconv.Atoi(l[len("SEQUENCE:"):])
			case strings.HasPrefix(l, "DTSTAMP:"):
				ev.stamp, _ = time.Parse(icsTime, l[len("DTSTAMP:"):])
			default:
				body += l + "\r\n"
			}
		}
	}
	return out
}
