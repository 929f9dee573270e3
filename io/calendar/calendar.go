package calendar

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
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

// Put writes the calendars into f, a folder of the run's batch of outputs.
func Put(f *output.Folder, plan *mentormatch.Plan, p *mentormatch.Program) error {
	if plan == nil {
		return fmt.Errorf("calendar: no plan to write")
	}
	files, err := Calendars(plan, p)
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

// Calendars returns the files WriteDir writes, by file name (FileNames).
func Calendars(plan *mentormatch.Plan, p *mentormatch.Program) (map[string][]byte, error) {
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
	ids := make([]string, 0, len(byPerson))
	for id := range byPerson {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	cohorts := make([]string, len(plan.Cohorts))
	for k, c := range plan.Cohorts {
		cohorts[k] = c.ID
	}
	names, err := FileNames(ids, cohorts)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(names))
	for k, id := range ids {
		name := id
		if per := people[id]; per != nil && per.Name != "" {
			name = per.Name
		}
		out[names[k]] = render("Mentoring: "+name, byPerson[id], people, stamp)
	}
	for k, c := range cohorts {
		out[names[len(ids)+k]] = render("Mentoring cohort "+c, byCohort[c], people, stamp)
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
	for _, part := range append([]string{s.Cohort, s.Kind, strconv.Itoa(s.Round)}, ids...) {
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
		e.AddCategory(strings.ToUpper(s.Kind))
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
