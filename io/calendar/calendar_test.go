package calendar

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/cohort"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

// program has mentees in two zones, two primary mentors and one senior.
func program(t *testing.T, mentees int) (*mentormatch.Program, *mentormatch.Roster) {
	t.Helper()
	zones := []string{"Europe/Berlin", "America/New_York"}
	p := &mentormatch.Program{}
	add := func(id, name string, role mentormatch.Role, typ mentormatch.MentorType, zone string) int {
		loc, err := time.LoadLocation(zone)
		require.NoError(t, err)
		p.People = append(p.People, mentormatch.Person{ID: id, Name: name, Email: strings.ToLower(id) + "@example.com",
			Role: role, MentorType: typ, TimeZone: zone, Location: loc, Capacity: mentees})
		return len(p.People) - 1
	}
	for i := range mentees {
		p.Mentees = append(p.Mentees, add(fmt.Sprintf("E%d", 100+i), fmt.Sprintf("Mentee %d", i), mentormatch.RoleMentee, mentormatch.Primary, zones[i%2]))
	}
	p.Mentors = append(p.Mentors,
		add("M1", "Ada Ng", mentormatch.RoleMentor, mentormatch.Primary, zones[0]),
		add("M2", "Bo Li", mentormatch.RoleMentor, mentormatch.Primary, zones[1]),
		add("S1", "Cy Senior", mentormatch.RoleMentor, mentormatch.Senior, zones[0]))
	r := &mentormatch.Roster{}
	for i := range mentees {
		r.Matches = append(r.Matches, mentormatch.Match{MenteeID: p.Mentee(i).ID, MentorID: p.Mentor(i % 2).ID})
	}
	return p, r
}

func plan(t *testing.T, p *mentormatch.Program, r *mentormatch.Roster, holidays ...string) *mentormatch.Plan {
	t.Helper()
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-03-02"
	cfg.Schedule.Holidays = holidays
	pl, err := cohort.Build(p, r, cfg)
	require.NoError(t, err)
	return pl
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, e := range entries {
		if e.Name() == output.ManifestName {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = b
	}
	return out
}

func TestWriteDirDeterministic(t *testing.T) {
	p, r := program(t, 8)
	a, b := filepath.Join(t.TempDir(), "a", "nested"), filepath.Join(t.TempDir(), "b")
	require.NoError(t, WriteDir(a, plan(t, p, r), p))
	require.NoError(t, WriteDir(b, plan(t, p, r), p))
	fa, fb := readDir(t, a), readDir(t, b)
	assert.Equal(t, fa, fb)
	// 8 mentees, 2 mentors, 1 senior; 1 cohort.
	assert.Len(t, fa, 11+1)
	assert.Contains(t, fa, "cohort-C1.ics")
	assert.Contains(t, fa, "E100.ics")
	for name, data := range fa {
		assert.True(t, bytes.HasSuffix(data, []byte("END:VCALENDAR\r\n")), name)
		assert.NotContains(t, string(data), ".tmp-")
	}
}

type event struct{ uid, start, end string }

func parse(t *testing.T, data []byte) []event {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	require.NoError(t, err)
	var out []event
	for _, e := range cal.Events() {
		start := e.GetProperty(ics.ComponentPropertyDtStart)
		end := e.GetProperty(ics.ComponentPropertyDtEnd)
		require.NotNil(t, start)
		require.NotNil(t, end)
		assert.True(t, strings.HasSuffix(start.Value, "Z"), "UTC start %q", start.Value)
		assert.True(t, strings.HasSuffix(end.Value, "Z"), "UTC end %q", end.Value)
		require.NotNil(t, e.GetProperty(ics.ComponentPropertyDtstamp))
		out = append(out, event{e.Id(), start.Value, end.Value})
	}
	return out
}

func TestParseBackAndStableUIDs(t *testing.T) {
	p, r := program(t, 8)
	before := plan(t, p, r)
	after := plan(t, p, r, "2026-03-02") // the first day becomes a holiday
	a, b := t.TempDir(), t.TempDir()
	require.NoError(t, WriteDir(a, before, p))
	require.NoError(t, WriteDir(b, after, p))
	fa, fb := readDir(t, a), readDir(t, b)
	require.Equal(t, slices.Sorted(maps.Keys(fa)), slices.Sorted(maps.Keys(fb)))

	moved := 0
	for name := range fa {
		ea, eb := parse(t, fa[name]), parse(t, fb[name])
		id := strings.TrimSuffix(name, ".ics")
		want := 0
		for _, s := range before.Sessions {
			if strings.HasPrefix(id, "cohort-") {
				if "cohort-"+s.Cohort == id && s.Kind != mentormatch.KindPrimary {
					want++
				}
			} else if slices.Contains(s.Participants, id) {
				want++
			}
		}
		require.Len(t, ea, want, name)
		require.Len(t, eb, want, name)
		ua, ub := map[string]event{}, map[string]event{}
		for _, e := range ea {
			ua[e.uid] = e
		}
		for _, e := range eb {
			ub[e.uid] = e
		}
		require.Len(t, ua, want, "%s: UIDs unique", name)
		for uid, e := range ua {
			other, ok := ub[uid]
			require.True(t, ok, "%s: UID %s lost after adding a holiday", name, uid)
			if other.start != e.start {
				moved++
			}
		}
	}
	assert.Positive(t, moved, "the holiday moves events")
}

func TestUIDIgnoresTimeAndOrder(t *testing.T) {
	s := mentormatch.Session{Cohort: "C1", Kind: "peer", Round: 2, Participants: []string{"E2", "E1"},
		Start: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	u := s
	u.Participants = []string{"E1", "E2"}
	u.Start = u.Start.AddDate(0, 0, 1)
	assert.Equal(t, UID(&s), UID(&u))
	for _, change := range []func(*mentormatch.Session){
		func(x *mentormatch.Session) { x.Round = 3 },
		func(x *mentormatch.Session) { x.Cohort = "C2" },
		func(x *mentormatch.Session) { x.Kind = "senior" },
		func(x *mentormatch.Session) { x.Participants = []string{"E1", "E3"} },
		func(x *mentormatch.Session) { x.Participants = []string{"E1E2"} },
	} {
		v := s
		v.Participants = slices.Clone(s.Participants)
		change(&v)
		assert.NotEqual(t, UID(&s), UID(&v))
	}
}

// Ids that read alike in a file name get names of their own, the same on
// every run and in any order: jürgen and jörgen both were j_rgen.ics, and
// the person cohort-C1 was cohort C1's file.
func TestFileNames(t *testing.T) {
	long := strings.Repeat("x", 300)
	ids := []string{"E1001", "jürgen", "jörgen", "j_rgen", "cohort-C1", "a/b c", "..", "", "CON", "A1", "a1", long}
	names, err := FileNames(ids, []string{"C1", "C 2"})
	require.NoError(t, err)
	byID := map[string]string{}
	for k, id := range ids {
		byID[id] = names[k]
	}
	assert.Equal(t, "E1001.ics", byID["E1001"])
	assert.Equal(t, "j_rgen.ics", byID["j_rgen"], "an id safe as it is keeps its name")
	assert.Equal(t, "j_rgen~a73a402cf8.ics", byID["jürgen"], "as the README shows")
	assert.Equal(t, "j_rgen~a6649b544e.ics", byID["jörgen"])
	assert.Regexp(t, `^cohort-C1~[0-9a-f]{10}\.ics$`, byID["cohort-C1"])
	assert.Equal(t, "cohort-C1.ics", names[len(ids)])
	assert.Regexp(t, `^cohort-C_2~[0-9a-f]{10}\.ics$`, names[len(ids)+1])
	assert.Regexp(t, `^CON~`, byID["CON"])
	assert.Regexp(t, `^_\.~`, byID[".."])
	assert.Regexp(t, `^~[0-9a-f]{10}\.ics$`, byID[""])
	assert.Regexp(t, `^A1~`, byID["A1"], "A1 and a1 are one file where case is ignored")
	assert.Regexp(t, `^a1~`, byID["a1"])
	assert.LessOrEqual(t, len(byID[long]), 115)
	seen := map[string]bool{}
	for _, n := range names {
		assert.False(t, seen[strings.ToLower(n)], n)
		seen[strings.ToLower(n)] = true
	}

	// The same ids in another order: the same names.
	rev := slices.Clone(ids)
	slices.Reverse(rev)
	again, err := FileNames(rev, []string{"C1", "C 2"})
	require.NoError(t, err)
	for k, id := range rev {
		assert.Equal(t, byID[id], again[k], id)
	}
}

// Two people whose ids read alike both get their calendar, each with their
// own sessions.
func TestWriteDirLookalikeIDs(t *testing.T) {
	p, r := program(t, 4)
	p.People[0].ID, p.People[1].ID = "jürgen", "jörgen"
	r.Matches[0].MenteeID, r.Matches[1].MenteeID = "jürgen", "jörgen"
	pl := plan(t, p, r)
	dir := t.TempDir()
	require.NoError(t, WriteDir(dir, pl, p))
	files := readDir(t, dir)
	var lookalikes []string
	for name, data := range files {
		if strings.HasPrefix(name, "j_rgen~") {
			lookalikes = append(lookalikes, string(data))
		}
	}
	require.Len(t, lookalikes, 2)
	assert.NotEqual(t, lookalikes[0], lookalikes[1])
}

func TestGolden(t *testing.T) {
	p, r := program(t, 4)
	files, err := Calendars(plan(t, p, r), p)
	require.NoError(t, err)
	for _, name := range []string{"cohort-C1.ics", "E100.ics"} {
		golden := filepath.Join("testdata", name+".golden")
		if *update {
			require.NoError(t, os.MkdirAll("testdata", 0o755))
			require.NoError(t, os.WriteFile(golden, files[name], 0o644))
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err, "run go test ./io/calendar -update")
		assert.Equal(t, string(want), string(files[name]), name)
	}
}

func TestWriteDirErrors(t *testing.T) {
	assert.Error(t, WriteDir(t.TempDir(), nil, nil))
	f := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(f, nil, 0o644))
	p, r := program(t, 4)
	assert.Error(t, WriteDir(filepath.Join(f, "sub"), plan(t, p, r), p))
}
