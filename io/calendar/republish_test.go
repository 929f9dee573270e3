package calendar

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// contentLineRE is a content line of RFC 5545 (3.1), unfolded: a name,
// parameters whose values are paramtext or a quoted string, a value.
var contentLineRE = regexp.MustCompile(`^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)(,("[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*))*)*:[^\x00-\x08\x0a-\x1f\x7f]*$`)

// strictCheck checks data as a strict reader of RFC 5545 would: CRLF line
// ends, no line over 75 octets, folds never inside a UTF-8 sequence, every
// unfolded line a well-formed content line, BEGIN and END balanced, every
// VEVENT with one UID, DTSTAMP and SEQUENCE; and golang-ical parses it.
// It returns the events' SEQUENCE and DTSTAMP by UID.
func strictCheck(t *testing.T, name string, data []byte) map[string][2]string {
	t.Helper()
	s := string(data)
	require.True(t, strings.HasSuffix(s, "\r\n"), "%s ends with CRLF", name)
	require.True(t, utf8.ValidString(s), "%s is UTF-8", name)
	raw := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var lines []string
	for k, l := range raw {
		require.NotContains(t, l, "\n", "%s line %d: a bare LF", name, k+1)
		require.LessOrEqual(t, len(l), 75, "%s line %d is %d octets", name, k+1, len(l))
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			require.NotEmpty(t, lines, "%s line %d continues nothing", name, k+1)
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	out := map[string][2]string{}
	var stack []string
	var uid, seq, stamp string
	for k, l := range lines {
		require.Regexp(t, contentLineRE, l, "%s content line %d", name, k+1)
		switch {
		case strings.HasPrefix(l, "BEGIN:"):
			stack = append(stack, l[6:])
			uid, seq, stamp = "", "", ""
		case strings.HasPrefix(l, "END:"):
			require.NotEmpty(t, stack, name)
			require.Equal(t, stack[len(stack)-1], l[4:], name)
			stack = stack[:len(stack)-1]
			if l == "END:VEVENT" {
				require.NotEmpty(t, uid, name)
				require.NotEmpty(t, stamp, "%s %s: DTSTAMP", name, uid)
				_, err := strconv.Atoi(seq)
				require.NoError(t, err, "%s %s: SEQUENCE", name, uid)
				out[uid] = [2]string{seq, stamp}
			}
		case strings.HasPrefix(l, "UID:"):
			uid = l[4:]
		case strings.HasPrefix(l, "SEQUENCE:"):
			seq = l[9:]
		case strings.HasPrefix(l, "DTSTAMP:"):
			stamp = l[8:]
		}
	}
	require.Empty(t, stack, name)
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	require.NoError(t, err, name)
	assert.Len(t, cal.Events(), len(out), name)
	return out
}

// A calendar re-published with one moved event updates that event (same
// UID, higher SEQUENCE, later DTSTAMP) and leaves every other byte alone;
// re-published unchanged, it is the same bytes.
func TestRepublishMovedEvent(t *testing.T) {
	p, r := program(t, 6)
	first := plan(t, p, r)
	dir := t.TempDir()
	require.NoError(t, WriteDir(dir, first, p))
	before := readDir(t, dir)

	require.NoError(t, WriteDir(dir, first, p))
	assert.Equal(t, before, readDir(t, dir), "nothing changed, same bytes")

	moved := *first
	moved.Sessions = append([]mentormatch.Session(nil), first.Sessions...)
	k := 0
	for moved.Sessions[k].Kind != mentormatch.KindPrimary {
		k++
	}
	s := &moved.Sessions[k]
	s.Start, s.End = s.Start.Add(26*time.Hour), s.End.Add(26*time.Hour)
	uid := UID(s)
	require.NoError(t, WriteDir(dir, &moved, p))
	after := readDir(t, dir)
	require.Len(t, after, len(before))
	changed := 0
	for name, data := range after {
		old := strictCheck(t, name, before[name])
		now := strictCheck(t, name, data)
		if _, ok := now[uid]; !ok {
			assert.Equal(t, string(before[name]), string(data), "%s does not hold the moved event", name)
			continue
		}
		changed++
		assert.Equal(t, "0", old[uid][0])
		assert.Equal(t, "1", now[uid][0], "%s: the moved event's SEQUENCE rises", name)
		assert.Greater(t, now[uid][1], old[uid][1], "%s: its DTSTAMP is later", name)
		for id, v := range now {
			if id != uid {
				assert.Equal(t, old[id], v, "%s: %s did not change", name, id)
			}
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(data))
		require.NoError(t, err)
		for _, e := range cal.Events() {
			if e.Id() == uid {
				assert.Equal(t, s.Start.UTC().Format(icsTime), e.GetProperty(ics.ComponentPropertyDtStart).Value)
				assert.Equal(t, "1", e.GetProperty(ics.ComponentPropertySequence).Value)
			}
		}
	}
	assert.Equal(t, 2, changed, "the mentee's and the mentor's calendars")

	require.NoError(t, WriteDir(dir, &moved, p))
	assert.Equal(t, after, readDir(t, dir), "published again unchanged: same bytes, SEQUENCE stays")

	require.NoError(t, WriteDir(dir, first, p))
	back := readDir(t, dir)
	for name := range back {
		if ev := strictCheck(t, name, back[name]); ev[uid] != [2]string{} {
			assert.Equal(t, "2", ev[uid][0], "moved back is a change too")
		}
	}
}

// Names with the characters RFC 5545 reserves make valid ATTENDEE lines,
// their CN quoted, a double quote escaped as RFC 6868 says.
func TestAttendeeNames(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Smith, John", `CN="Smith, John"`},
		{`Ann "Nan" Lee`, `CN="Ann ^'Nan^' Lee"`},
		{"a;b:c", `CN="a;b:c"`},
		{"x^y", `CN="x^^y"`},
		{"two\nlines", `CN="two^nlines"`},
		{"Zoë Ødegård " + strings.Repeat("Långnamn ", 10), `CN="Zoë Ødegård ` + strings.Repeat("Långnamn ", 10) + `"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, r := program(t, 2)
			p.People[0].Name = tt.name
			files, err := Calendars(plan(t, p, r), p)
			require.NoError(t, err)
			data := files[p.People[0].ID+".ics"]
			strictCheck(t, tt.name, data)
			assert.Contains(t, unfold(string(data)), "ATTENDEE;"+tt.want)
			cal, err := ics.ParseCalendar(bytes.NewReader(data))
			require.NoError(t, err)
			found := false
			for _, e := range cal.Events() {
				for _, a := range e.Attendees() {
					if a.Email() == strings.ToLower(p.People[0].ID)+"@example.com" {
						found = true
						assert.Equal(t, []string{strings.Trim(tt.want[3:], `"`)}, a.ICalParameters["CN"][:1])
					}
				}
			}
			assert.True(t, found)
		})
	}
}

// Folding never splits a character and unfolds to the line.
func TestLineFolding(t *testing.T) {
	for _, n := range []int{0, 1, 74, 75, 76, 149, 150, 151, 400} {
		for _, unit := range []string{"a", "é", "€", "😀"} {
			s := "X:" + strings.Repeat(unit, n)
			var b strings.Builder
			line(&b, s)
			out := b.String()
			for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
				assert.LessOrEqual(t, len(l), 75)
				assert.True(t, utf8.ValidString(l), fmt.Sprintf("%d × %s", n, unit))
			}
			assert.Equal(t, s+"\r\n", unfold(out))
		}
	}
}

// Files that are not our calendars, or are broken, in the folder are
// ignored as history; other files are not read.
func TestReadPublished(t *testing.T) {
	got, err := ReadPublished(filepath.Join(t.TempDir(), "missing"))
	require.NoError(t, err)
	assert.Empty(t, got)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.ics"), []byte("garbage"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644))
	got, err = ReadPublished(dir)
	require.NoError(t, err)
	assert.Equal(t, map[string][]byte{"a.ics": []byte("garbage")}, got)
	assert.Empty(t, published(got))
}

// published reads whatever is in the folder without failing: a calendar
// of ours, someone else's, or garbage; and what it reads back from our
// own calendars is every event, at its SEQUENCE.
func FuzzPublished(f *testing.F) {
	p, r := program(&testing.T{}, 2)
	pl := plan(&testing.T{}, p, r)
	files, err := Calendars(pl, p)
	if err != nil {
		f.Fatal(err)
	}
	for _, data := range files {
		f.Add(data)
	}
	f.Add([]byte("BEGIN:VEVENT\r\nUID:x\r\nSEQUENCE:-3\r\nDTSTAMP:garbage\r\nEND:VEVENT\r\n"))
	f.Add([]byte("BEGIN:VEVENT\nUID:x\n SEQUENCE:9\nEND:VEVENT"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := published(map[string][]byte{"a.ics": data})
		for uid := range got {
			assert.NotEmpty(t, uid)
		}
		// Republishing over it never fails and gives strict calendars.
		out, err := Republish(pl, p, map[string][]byte{"a.ics": data})
		require.NoError(t, err)
		for name, b := range out {
			strictCheck(t, name, b)
		}
	})
}
