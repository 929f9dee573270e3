package serve

import (
	"bytes"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/roster"
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
// HTML (the issue asks under a second). The plan (cohorts, sessions) is
// built in the background from the program's load and after each change:
// the views are measured with it built, "cohorts-planning" is the page
// that answers while it is not, and "plan" is the build itself, which
// starts as a change returns and ends when the cohorts page is ready.
func BenchmarkPageLoad(b *testing.B) {
	c := generated(b, 1000, 200)
	st := c.s.st
	if _, err := st.planned(); err != nil {
		b.Fatal(err)
	}
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
	b.Run("plan", func(b *testing.B) {
		for b.Loop() {
			if _, err := c.s.plans.job(st.p, st.cfg, st.res).wait(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cohorts-planning", func(b *testing.B) {
		gate := make(chan struct{})
		c.s.plans.mu.Lock()
		build := c.s.plans.build
		c.s.plans.build = func(p *mentormatch.Program, cfg mentormatch.Config, res *roster.Result) (*plan.Result, error) {
			<-gate
			return build(p, cfg, res)
		}
		c.s.plans.mu.Unlock()
		n := replan(c.s)
		for b.Loop() {
			if rec := c.get("/cohorts"); rec.Code != http.StatusAccepted {
				b.Fatal(rec.Code)
			}
		}
		close(gate)
		if _, err := n.planned(); err != nil {
			b.Fatal(err)
		}
	})
}

// A pin on the 1,000 × 200 program: the request that re-solves exactly,
// writes the decisions file and answers with the redirect to what changed
// (the issue asks under 200 ms of server time). Each pin is undone, off the
// clock, so every iteration pins against the same roster. A change starts
// its plan (cohorts, sessions) in the background: "quiet" pins once that
// plan is built, as after a look at what changed; "while-planning" pins
// while the plan of the change before is being built, on the same cores.
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
	for _, busy := range []bool{false, true} {
		b.Run(map[bool]string{false: "quiet", true: "while-planning"}[busy], func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				settle(c.s.plans)
				if busy {
					replan(c.s)
				}
				b.StartTimer()
				if rec := c.post("/decide", form); rec.Code != 303 {
					b.Fatal(rec.Code, rec.Body.String())
				}
				b.StopTimer()
				if rec := c.post("/undo", url.Values{}); rec.Code != 303 {
					b.Fatal(rec.Code)
				}
				b.StartTimer()
			}
			b.StopTimer()
			settle(c.s.plans)
		})
	}
}

// settle waits until the planner has built every plan it has started or
// queued.
func settle(pl *planner) {
	for {
		pl.mu.Lock()
		running := pl.running
		pl.mu.Unlock()
		if !running {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}
