package notify_test

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/notify"
	"github.com/mentormatch/mentormatch/plan"
)

// examplePlan is the example program's plan, written as plan.json and
// read back, as notify reads it.
func examplePlan(t *testing.T) (*mentormatch.Plan, *mentormatch.Program) {
	t.Helper()
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2027-03-01"
	p, err := table.ReadProgram(table.Options{Levels: cfg.Levels}, table.File{Path: example.PeopleName, Data: example.PeopleCSV()})
	require.NoError(t, err)
	r, err := plan.Build(p, cfg)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, report.EncodePlanJSON(&b, r.Plan))
	back, err := table.ReadPlan(table.File{Path: "plan.json", Data: b.Bytes()})
	require.NoError(t, err)
	require.Len(t, back.Sessions, len(r.Plan.Sessions))
	for i := range back.Sessions {
		require.True(t, back.Sessions[i].Start.Equal(r.Plan.Sessions[i].Start), "session %d", i)
	}
	return back, p
}

func TestBuild(t *testing.T) {
	pl, p := examplePlan(t)
	intros, unmatched, err := notify.Build(pl, p)
	require.NoError(t, err)
	roles := map[string]int{}
	mentors := map[string]bool{}
	for _, m := range pl.Roster.Matches {
		mentors[m.MentorID] = true
	}
	seniors := map[string]bool{}
	for _, c := range pl.Cohorts {
		for _, s := range c.Seniors {
			seniors[s] = true
		}
	}
	for _, in := range intros {
		roles[in.Role]++
		require.NotEmpty(t, in.Partners, in.ID)
		assert.NotEmpty(t, in.Calendar, "%s has sessions, so a calendar", in.ID)
		assert.False(t, in.FirstSession.IsZero(), in.ID)
		per := p.ByID(in.ID)
		assert.Equal(t, per.Location.String(), in.FirstSession.Location().String(), "%s: the first session is in their own zone", in.ID)
		if in.Role == notify.RoleMentee {
			assert.Len(t, in.Partners, 1)
			assert.Len(t, in.Why, 1)
			assert.NotEmpty(t, in.Cohorts, "every matched mentee is in a cohort")
		}
	}
	assert.Equal(t, len(pl.Roster.Matches), roles[notify.RoleMentee])
	assert.Equal(t, len(mentors), roles[notify.RoleMentor])
	assert.Equal(t, len(seniors), roles[notify.RoleSenior])
	assert.Len(t, unmatched, len(p.Mentees)-len(pl.Roster.Matches))

	// A plan made from other people files is refused, naming the ids.
	other := *p
	other.People = other.People[1:]
	_, _, err = notify.Build(pl, &other)
	require.ErrorIs(t, err, mentormatch.ErrInput)
	assert.Contains(t, err.Error(), p.People[0].ID)
}

// Every message is RFC 5322 that Go's mail reader takes, with a UTF-8
// text part and the person's calendar, which a calendar parser imports.
func TestEML(t *testing.T) {
	pl, p := examplePlan(t)
	intros, _, err := notify.Build(pl, p)
	require.NoError(t, err)
	tpl, err := notify.ParseTemplate("default", notify.DefaultTemplate)
	require.NoError(t, err)
	msg := notify.Message{From: mail.Address{Name: "Mentoring Büro", Address: "mentoring@acme.example"}, Date: time.Date(2027, 2, 22, 9, 0, 0, 0, time.UTC)}
	for i := range intros {
		in := &intros[i]
		raw := notify.EML(tpl, in, msg)
		assert.Equal(t, raw, notify.EML(tpl, in, msg), "deterministic")
		for _, line := range strings.Split(string(raw), "\r\n") {
			require.LessOrEqual(t, len(line), 998, "RFC 5322 line limit")
		}
		m, err := mail.ReadMessage(bytes.NewReader(raw))
		require.NoError(t, err, in.ID)
		to, err := m.Header.AddressList("To")
		require.NoError(t, err)
		assert.Equal(t, in.Email, to[0].Address)
		dec := new(mime.WordDecoder)
		subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
		require.NoError(t, err)
		assert.NotContains(t, subject, "{", "every placeholder filled")
		from, err := m.Header.AddressList("From")
		require.NoError(t, err)
		assert.Equal(t, "Mentoring Büro", from[0].Name)
		mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
		require.NoError(t, err)
		require.Equal(t, "multipart/mixed", mediaType)
		mr := multipart.NewReader(m.Body, params["boundary"])
		text, err := mr.NextPart()
		require.NoError(t, err)
		body, err := io.ReadAll(quotedprintable.NewReader(text))
		require.NoError(t, err)
		for _, p := range in.Partners {
			if in.Role != notify.RoleSenior {
				assert.Contains(t, string(body), p.Name)
			}
		}
		assert.Contains(t, string(body), in.FirstSession.Format("Monday 2 January 2006, 15:04"), "the first session in their own zone")
		assert.NotContains(t, string(body), "{")
		att, err := mr.NextPart()
		require.NoError(t, err)
		assert.Equal(t, in.CalendarName, att.FileName())
		cal, err := ics.ParseCalendar(newBase64(att))
		require.NoError(t, err, in.ID)
		assert.NotEmpty(t, cal.Events())
	}
}

func newBase64(r io.Reader) io.Reader {
	data, _ := io.ReadAll(r)
	dec := make([]byte, len(data))
	n, _ := decodeBase64(dec, data)
	return bytes.NewReader(dec[:n])
}

func TestTemplate(t *testing.T) {
	_, err := notify.ParseTemplate("intro.md", "Subject: Hi {frist_name}\n\nHello {name}, meet {partner}. {oops")
	require.ErrorIs(t, err, mentormatch.ErrInput)
	for _, want := range []string{"intro.md", "unknown placeholder {frist_name}", "unknown placeholder {partner}", "a { is not closed", "{first_name}"} {
		assert.Contains(t, err.Error(), want)
	}
	tpl, err := notify.ParseTemplate("t", "Dear {name},\n\n{cohort_line}\n\nSee you {first_session}.\n")
	require.NoError(t, err)
	assert.Equal(t, "Your mentoring program: {match}", tpl.Subject, "a template without a subject gets the default one")
	in := &notify.Intro{Name: "Ana Lima", Role: notify.RoleMentor, TimeZone: "UTC",
		Partners: []notify.Contact{{Name: "Bo"}, {Name: "Cy"}}, Why: []string{"a", "b"}}
	subject, body := tpl.Render(in)
	assert.Equal(t, "Your mentoring program: Bo and Cy", subject)
	assert.Equal(t, "Dear Ana Lima,\n\nSee you not scheduled yet.\n", body, "a line that only held an empty placeholder is dropped")
}

// The messages open in Python's e-mail package too (the standard library
// of most mail tooling), with the attachment a calendar: scripts/check-eml.py.
func TestEMLWithPython(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: scripts/check-eml.py not run")
	}
	pl, p := examplePlan(t)
	intros, _, err := notify.Build(pl, p)
	require.NoError(t, err)
	tpl, err := notify.ParseTemplate("default", notify.DefaultTemplate)
	require.NoError(t, err)
	dir := t.TempDir()
	for i := range intros[:5] {
		in := &intros[i]
		require.NoError(t, os.WriteFile(filepath.Join(dir, in.ID+".eml"), notify.EML(tpl, in, notify.Message{From: mail.Address{Address: "m@acme.example"}, Date: time.Unix(0, 0).UTC()}), 0o644))
	}
	out, err := exec.Command("python3", filepath.Join("..", "scripts", "check-eml.py"), dir).CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Contains(t, string(out), "5 messages ok")
}

// FuzzParseTemplate: a template is refused or renders with no placeholder
// left, and the subject is one line.
func FuzzParseTemplate(f *testing.F) {
	f.Add(notify.DefaultTemplate)
	f.Add("Subject: {name}\n{why}")
	f.Add("{")
	f.Add("Subject:\r\n\r\n{cohort_line}{contacts}")
	f.Fuzz(func(t *testing.T, text string) {
		tpl, err := notify.ParseTemplate("t", text)
		if err != nil {
			return
		}
		in := &notify.Intro{ID: "E1", Name: "Ana", Role: notify.RoleMentee, Partners: []notify.Contact{{Name: "Bo"}}, Why: []string{"w"}}
		subject, _ := tpl.Render(in)
		require.NotContains(t, subject, "\n")
		raw := notify.EML(tpl, in, notify.Message{Date: time.Unix(0, 0).UTC()})
		_, err = mail.ReadMessage(bytes.NewReader(raw))
		require.NoError(t, err)
	})
}
