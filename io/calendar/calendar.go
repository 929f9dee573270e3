package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
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
	files := Calendars(plan, p)
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

// Calendars returns the files WriteDir writes, by file name.
func Calendars(plan *mentormatch.Plan, p *mentormatch.Program) map[string][]byte {
	people := map[string]*mentormatch.Person{}
	if p != nil {
		for i := range p.People {
			if _, dup := people[p.People[i].ID]; !dup {
				people[p.People[i].ID] = &p.People[i]
			}
		}
	}
	stamp := dtStamp(plan)
	byPerson := map[string][]*mentormatch.Session{}
	byCohort := map[string][]*mentormatch.Session{}
	for i := range plan.Sessions {
		s := &plan.Sessions[i]
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
		out[FileName(id)] = render("Mentoring: "+name, ss, people, stamp)
	}
	for _, c := range plan.Cohorts {
		out["cohort-"+FileName(c.ID)] = render("Mentoring cohort "+c.ID, byCohort[c.ID], people, stamp)
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

func render(title string, ss []*mentormatch.Session, people map[string]*mentormatch.Person, stamp time.Time) []byte {
	cal := ics.NewCalendarFor("mentormatch")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(title)
	cal.SetXWRCalName(title)
	for _, s := range ss {
		e := cal.AddEvent(UID(s))
		e.SetDtStampTime(stamp)
		e.SetStartAt(s.Start)
		e.SetEndAt(s.End)
		e.SetSummary(summary(s, people))
		e.SetDescription(description(s, people))
		e.AddCategory(strings.ToUpper(string(s.Kind)))
		for _, id := range s.Participants {
			if per := people[id]; per != nil && per.Email != "" {
				e.AddAttendee("mailto:"+per.Email, ics.WithCN(nameOf(id, people)))
			}
		}
	}
	return []byte(cal.Serialize(ics.WithNewLineWindows))
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
