package calendar

import (
	"bytes"
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
	"github.com/mentormatch/mentormatch/io/output"
)

// WriteDir writes one .ics file per participant and per cohort into dir,
// as one step: the folder is the previous one or the new one, never a mix
// (output.Folder). Calendars of people no longer in the plan go; files
// mentormatch did not write stay.
func WriteDir(dir string, plan *mentormatch.Plan, p *mentormatch.Program) error {
	if plan == nil {
		return fmt.Errorf("calendar: no plan to write")
	}
	var b output.Batch
	defer b.Discard()
	f, err := b.Folder(dir, FolderOptions())
	if err != nil {
		return err
	}
	if err := Put(f, plan, p); err != nil {
		return err
	}
	return b.Commit()
}

// FolderOptions recognise, in a folder written before mentormatch kept a
// manifest, the calendars it wrote.
func FolderOptions() output.FolderOptions {
	return output.FolderOptions{Ours: func(name string, data []byte) bool {
		return strings.HasSuffix(name, ".ics") && bytes.Contains(data, []byte("\nPRODID:-//mentormatch//"))
	}}
}

// Put writes the calendars into f, a folder of the run's batch of outputs,
// over the calendars mentormatch published there before (Republish).
func Put(f *output.Folder, plan *mentormatch.Plan, p *mentormatch.Program) error {
	if plan == nil {
		return fmt.Errorf("calendar: no plan to write")
	}
	previous := map[string][]byte{}
	for _, name := range f.Previous() {
		if !strings.EqualFold(filepath.Ext(name), ".ics") {
			continue
		}
		data, err := f.Read(name)
		if err != nil {
			return fmt.Errorf("calendar: read %s: %w", name, err)
		}
		previous[name] = data
	}
	files, err := Republish(plan, p, previous)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := f.Put(name, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// Calendars returns the files WriteDir writes into an empty folder, by
// file name (FileNames): every event at SEQUENCE 0.
func Calendars(plan *mentormatch.Plan, p *mentormatch.Program) (map[string][]byte, error) {
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
func Republish(plan *mentormatch.Plan, p *mentormatch.Program, previous map[string][]byte) (map[string][]byte, error) {
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
	ids, cohorts, names, err := planFiles(plan)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(names))
	for k, id := range ids {
		name := id
		if per := people[id]; per != nil && per.Name != "" {
			name = per.Name
		}
		out[names[k]] = render("Mentoring: "+name, byPerson[id], events)
	}
	for k, c := range cohorts {
		out[names[len(ids)+k]] = render("Mentoring cohort "+c, byCohort[c], events)
	}
	return out, nil
}

// planFiles lists the people with a session, sorted, the plan's cohorts,
// and the calendar file names of both (FileNames).
func planFiles(plan *mentormatch.Plan) (ids, cohorts, names []string, err error) {
	seen := map[string]bool{}
	for i := range plan.Sessions {
		for _, id := range plan.Sessions[i].Participants {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	cohorts = make([]string, len(plan.Cohorts))
	for k, c := range plan.Cohorts {
		cohorts[k] = c.ID
	}
	names, err = FileNames(ids, cohorts)
	return ids, cohorts, names, err
}

// PersonFiles maps each person with a session in plan to the name of
// their calendar file.
func PersonFiles(plan *mentormatch.Plan) (map[string]string, error) {
	ids, _, names, err := planFiles(plan)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(ids))
	for k, id := range ids {
		out[id] = names[k]
	}
	return out, nil
}

// cohortPrefix starts a cohort's file name. Cohort files have it to
// themselves: a person whose id starts with it gets a hashed name.
const cohortPrefix = "cohort-"

// FileNames names the calendar files of the people ids and then of the
// cohorts, in that order: <id>.ics and cohort-<id>.ics, made safe, with a
// hash of the exact id where the safe name alone could be another's
// (output.Names).
func FileNames(ids, cohorts []string) ([]string, error) {
	keys := make([]output.Key, 0, len(ids)+len(cohorts))
	for _, id := range ids {
		reserved := len(id) >= len(cohortPrefix) && strings.EqualFold(id[:len(cohortPrefix)], cohortPrefix)
		keys = append(keys, output.Key{Text: id, ID: "person\x00" + id, Reserved: reserved})
	}
	for _, c := range cohorts {
		keys = append(keys, output.Key{Text: cohortPrefix + c, ID: "cohort\x00" + c})
	}
	names, err := output.Names(keys, ".ics")
	if err != nil {
		return nil, fmt.Errorf("calendar: %w", err)
	}
	return names, nil
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
