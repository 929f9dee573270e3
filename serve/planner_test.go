package serve

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/roster"
)

// heldPlans makes pl's builds wait until release is called, and records
// the rosters built, in order.
type heldPlans struct {
	gate    chan struct{}
	once    sync.Once
	mu      sync.Mutex
	started []*roster.Result
}

func holdPlans(t *testing.T, pl *planner) *heldPlans {
	h := &heldPlans{gate: make(chan struct{})}
	pl.mu.Lock()
	build := pl.build
	pl.build = func(p *mentormatch.Program, cfg mentormatch.Config, res *roster.Result) (*plan.Result, error) {
		h.mu.Lock()
		h.started = append(h.started, res)
		h.mu.Unlock()
		<-h.gate
		return build(p, cfg, res)
	}
	pl.mu.Unlock()
	t.Cleanup(h.release)
	return h
}

func (h *heldPlans) release() { h.once.Do(func() { close(h.gate) }) }

func (h *heldPlans) built() []*roster.Result {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]*roster.Result(nil), h.started...)
}

// status is the job's state under the planner's lock.
func status(j *planJob) (queued, started, built bool, waiters int) {
	j.pl.mu.Lock()
	defer j.pl.mu.Unlock()
	return j.queued, !j.started.IsZero(), j.built, j.waiters
}

// The planner builds one plan at a time, the newest first after the one
// under way; a queued plan nobody waits for is dropped when a newer one
// comes, and built when it is wanted again; a plan someone waits for is
// never dropped; a build that panics is an error, not the end of the
// server.
func TestPlanner(t *testing.T) {
	pl := &planner{build: func(_ *mentormatch.Program, _ mentormatch.Config, res *roster.Result) (*plan.Result, error) {
		return &plan.Result{Match: res}, nil
	}}
	h := holdPlans(t, pl)
	var rs [5]*roster.Result
	var js [5]*planJob
	for k := range rs {
		rs[k] = &roster.Result{}
		js[k] = pl.job(nil, mentormatch.Config{}, rs[k])
	}
	pl.ahead(js[0])
	require.Eventually(t, func() bool { return len(h.built()) == 1 }, time.Minute, time.Millisecond, "the first plan starts at once")
	pl.ahead(js[1])
	got := make(chan *plan.Result)
	go func() {
		r, err := js[1].wait()
		assert.NoError(t, err)
		got <- r
	}()
	require.Eventually(t, func() bool { _, _, _, w := status(js[1]); return w == 1 }, time.Minute, time.Millisecond)
	pl.ahead(js[2])
	pl.ahead(js[3]) // drops 2, keeps 1: it is waited for
	queued, started, _, _ := status(js[2])
	assert.False(t, queued || started, "a plan nobody waits for is dropped for a newer one")
	res, ps, err := js[3].poll()
	require.NoError(t, err)
	require.NotNil(t, ps)
	assert.Nil(t, res)
	assert.True(t, ps.Waiting, "the newest waits for the build under way")

	h.release()
	assert.Same(t, rs[1], (<-got).Match)
	r3, err := js[3].wait()
	require.NoError(t, err)
	assert.Same(t, rs[3], r3.Match)
	assert.Equal(t, []*roster.Result{rs[0], rs[1], rs[3]}, h.built(), "the dropped plan was not built")

	// Wanted again (an undo back to its roster), the dropped plan is built.
	r2, err := js[2].wait()
	require.NoError(t, err)
	assert.Same(t, rs[2], r2.Match)
	r0, ps, err := js[0].poll()
	require.NoError(t, err)
	assert.Nil(t, ps)
	assert.Same(t, rs[0], r0.Match)
	assert.Len(t, h.built(), 4, "a plan is built once")

	pl.mu.Lock()
	pl.build = func(*mentormatch.Program, mentormatch.Config, *roster.Result) (*plan.Result, error) { panic("a bug") }
	pl.mu.Unlock()
	_, err = js[4].wait()
	assert.ErrorContains(t, err, "planning failed, a bug: a bug")
}

// replan shows the page's roster again with its plan not built, as after
// a change.
func replan(s *Server) *state {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := *s.st
	n.job = s.plans.job(n.p, n.cfg, n.res)
	s.show(&n)
	return &n
}

// While the plan is being built, the cohorts, cohort and person pages
// answer at once with a page that says so and asks again; every other
// page is as it was. Once built, the pages show the plan the command line
// builds on the same roster.
func TestCohortsWhilePlanning(t *testing.T) {
	c := newClient(t, exampleOptions(t))
	c.planned()
	h := holdPlans(t, c.s.plans)
	st := replan(c.s)
	for _, p := range []string{"/cohorts", "/cohort/C1", "/person/E1101", "/person/E1032"} {
		rec := c.get(p)
		require.Equal(t, http.StatusAccepted, rec.Code, p)
		body := rec.Body.String()
		for _, want := range []string{`id="planning" role="status"`, "are being planned", `<a href="` + p + `">Check again</a>`,
			`<noscript><meta http-equiv="refresh" content="2"></noscript>`, `aria-current="page">Cohorts`} {
			assert.Contains(t, body, want, p)
		}
	}
	assert.Contains(t, c.get("/person/E1101").Body.String(), "<h1>Sven Lindqvist (E1101): sessions</h1>", "the page's own title, before and after")
	assert.Equal(t, http.StatusNotFound, c.get("/person/NOBODY").Code, "nobody is nobody, plan or not")
	for _, p := range []string{"/", "/roster", "/mentee/E1101", "/settings", "/export"} {
		rec := c.get(p)
		assert.Equal(t, http.StatusOK, rec.Code, p)
		assert.NotContains(t, rec.Body.String(), "being planned", p)
		assert.NotContains(t, rec.Body.String(), "http-equiv", p)
	}
	require.Eventually(t, func() bool { return len(h.built()) == 1 }, time.Minute, time.Millisecond)
	page := c.get("/cohorts").Body.String()
	assert.Regexp(t, `about \d+%, an estimate from the last plan, which took \d+\.\d s; under way for \d+\.\d s\.`, page)
	assert.Contains(t, page, "under way for")

	h.release()
	c.planned()
	rec := c.get("/cohorts")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "Flagged sessions")
	assert.NotContains(t, rec.Body.String(), "being planned")
	got, err := st.planned()
	require.NoError(t, err)
	want, err := plan.On(st.p, st.cfg, st.res)
	require.NoError(t, err)
	assert.Equal(t, want.Plan, got.Plan, "the plan built in the background is the command line's")
}

// A change starts the plan of its roster, and the plans of changes made
// while one was being built are not built unless the page goes back to
// them (undo).
func TestChangesPlanInTheBackground(t *testing.T) {
	c := newClient(t, exampleOptions(t))
	c.planned()
	h := holdPlans(t, c.s.plans)
	var jobs []*planJob
	for _, mentor := range []string{"E1024", "E1028", "E1032"} {
		rec := c.post("/decide", url.Values{"mentee": {"E1101"}, "mentor": {mentor}, "decision": {"pin"}})
		require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
		jobs = append(jobs, c.s.st.job)
		if len(jobs) == 1 {
			require.Eventually(t, func() bool { return len(h.built()) == 1 }, time.Minute, time.Millisecond, "a change starts its plan")
		}
	}
	queued, started, _, _ := status(jobs[1])
	assert.False(t, queued || started, "the plan of a change followed by another is dropped")
	queued, _, _, _ = status(jobs[2])
	assert.True(t, queued, "the newest is next")
	assert.Equal(t, http.StatusAccepted, c.get("/cohorts").Code)

	h.release()
	c.planned()
	assert.Equal(t, http.StatusOK, c.get("/cohorts").Code)
	assert.Equal(t, []*roster.Result{jobs[0].res, jobs[2].res}, h.built())

	require.Equal(t, http.StatusSeeOther, c.post("/undo", url.Values{}).Code)
	assert.Same(t, jobs[1], c.s.st.job, "undo goes back to the roster and its plan")
	c.planned()
	rec := c.get("/cohorts")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.True(t, strings.Contains(rec.Body.String(), "Flagged sessions"))
	assert.Len(t, h.built(), 3)
}

// An export made from the plan waits for it without holding the server:
// the other pages, the one that waits for the plan among them, answer
// meanwhile, and the export is the plan's once built.
func TestExportWaitsForThePlanAlone(t *testing.T) {
	c := newClient(t, exampleOptions(t))
	c.planned()
	want := c.get("/export/plan.json").Body.Bytes()
	h := holdPlans(t, c.s.plans)
	st := replan(c.s)
	got := make(chan []byte)
	go func() {
		rec := c.get("/export/plan.json")
		assert.Equal(t, http.StatusOK, rec.Code)
		got <- rec.Body.Bytes()
	}()
	require.Eventually(t, func() bool { _, _, _, w := status(st.job); return w == 1 }, time.Minute, time.Millisecond, "the export waits for the plan")
	answered := make(chan int)
	go func() {
		answered <- c.get("/cohorts").Code
		answered <- c.get("/roster").Code
		answered <- c.get("/export/roster.csv").Code
	}()
	for _, code := range []int{http.StatusAccepted, http.StatusOK, http.StatusOK} {
		select {
		case have := <-answered:
			assert.Equal(t, code, have)
		case <-time.After(time.Minute):
			require.Fail(t, "a page waited for the export's plan")
		}
	}
	h.release()
	assert.Equal(t, want, <-got, "the same plan, the same bytes")
}

// A long review keeps the built plans of the state shown and the
// keptPlans before it only: an undo further back builds its plan again,
// the same plan.
func TestOldPlansAreLetGo(t *testing.T) {
	c := newClient(t, exampleOptions(t))
	c.planned()
	first := c.get("/cohorts").Body.String()
	for _, mentor := range []string{"E1024", "E1028", "E1032", "E1021"} {
		rec := c.post("/decide", url.Values{"mentee": {"E1101"}, "mentor": {mentor}, "decision": {"pin"}})
		require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
		c.planned()
	}
	c.s.mu.Lock()
	undo := c.s.st.undo
	c.s.mu.Unlock()
	require.Len(t, undo, 4)
	for i, old := range undo {
		_, _, built, _ := status(old.job)
		assert.Equal(t, i >= len(undo)-keptPlans, built, "state %d of %d keeps its plan", i+1, len(undo))
	}
	for range undo {
		require.Equal(t, http.StatusSeeOther, c.post("/undo", url.Values{}).Code)
	}
	c.planned()
	assert.Equal(t, first, c.get("/cohorts").Body.String(), "the plan built again is the same")
}

// A program of more mentees than PlanAhead is planned when a page asks
// for it, not as soon as it is shown.
func TestPlanAheadLimit(t *testing.T) {
	opt := exampleOptions(t)
	opt.PlanAhead = 10 // the example has 48 mentees
	c := newClient(t, opt)
	queued, started, _, _ := status(c.s.st.job)
	assert.False(t, queued || started, "no plan is built before it is asked for")
	assert.Equal(t, http.StatusAccepted, c.get("/cohorts").Code)
	c.planned()
	assert.Equal(t, http.StatusOK, c.get("/cohorts").Code)
}
