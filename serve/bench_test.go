package serve

import (
	"bytes"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/synth"
)

// generated is a review page of a generated program, as serve would open
// it from a people file.
func generated(b *testing.B, mentees, mentors int) *client {
	b.Helper()
	var csv bytes.Buffer
	require.NoError(b, synth.WritePeopleCSV(&csv, synth.Generate(synth.Options{Mentees: mentees, Mentors: mentors, Seniors: -1, Seed: 7})))
	opt := exampleOptions(b)
	opt.Files = []table.File{{Path: "people.csv", Data: csv.Bytes()}}
	return newClient(b, opt)
}

// A page of the 1,000 × 200 program, from request to the last byte of
// HTML (the issue asks under a second). The cohorts page plans the
// program on first use; later loads reuse the plan until a change.
func BenchmarkPageLoad(b *testing.B) {
	c := generated(b, 1000, 200)
	st := c.s.st
	e := st.res.Roster.Matches[0]
	for _, v := range []struct{ name, path string }{
		{"program", "/"},
		{"roster", "/roster?sort=score&dir=desc"},
		{"roster-filtered", "/roster?q=platform&sort=skills&dir=desc"},
		{"mentee", "/mentee/" + e.MenteeID},
		{"mentor", "/mentor/" + e.MentorID},
		{"cohorts", "/cohorts"},
		{"person", "/person/" + e.MenteeID},
	} {
		b.Run(v.name, func(b *testing.B) {
			for b.Loop() {
				if rec := c.get(v.path); rec.Code != 200 {
					b.Fatalf("%s: %d", v.path, rec.Code)
				}
			}
		})
	}
	b.Run("cohorts-first", func(b *testing.B) {
		for b.Loop() {
			c.s.st.plan = nil
			if rec := c.get("/cohorts"); rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
	})
}

// A pin on the 1,000 × 200 program: the request that re-solves exactly,
// writes the decisions file and answers with the redirect to what changed
// (the issue asks under 200 ms of server time). Each pin is undone, off the
// clock, so every iteration pins against the same roster.
func BenchmarkPin(b *testing.B) {
	c := generated(b, 1000, 200)
	st := c.s.st
	var form url.Values
	for i := range st.p.Mentees {
		if cs := st.res.Candidates(i, 2); len(cs) == 2 {
			form = url.Values{"mentee": {st.p.Mentee(i).ID}, "mentor": {st.p.Mentor(cs[1].Mentor).ID}, "decision": {"pin"}}
			break
		}
	}
	require.NotNil(b, form)
	for b.Loop() {
		if rec := c.post("/decide", form); rec.Code != 303 {
			b.Fatal(rec.Code, rec.Body.String())
		}
		b.StopTimer()
		if rec := c.post("/undo", url.Values{}); rec.Code != 303 {
			b.Fatal(rec.Code)
		}
		b.StartTimer()
	}
}
