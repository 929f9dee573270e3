package serve

import (
	"fmt"
	"sync"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/roster"
)

// planner builds plans (cohorts, sessions, roadmaps) in the background,
// one at a time, so that the cohorts page is ready when it is opened: the
// program's load and every change queue the plan of the new roster at
// once. A queued plan that nobody waits for is dropped when a later change
// queues its own; a build under way runs to its end (forming cohorts
// cannot be stopped half-way), and its plan stays with its state, for an
// undo back to it.
type planner struct {
	mu      sync.Mutex
	queue   []*planJob
	running bool
	// current is the plan being built, if any.
	current *planJob
	// took is how long the last plan took to build, for the estimate the
	// waiting page shows.
	took time.Duration
	// build makes a plan: plan.On; tests put a slower one in its place.
	build func(*mentormatch.Program, mentormatch.Config, *roster.Result) (*plan.Result, error)
}

func newPlanner() *planner { return &planner{build: plan.On} }

// planJob is the plan of one roster: built once, by the planner, and
// shared by every state with that roster (an undo copies the state).
type planJob struct {
	pl  *planner
	p   *mentormatch.Program
	cfg mentormatch.Config
	res *roster.Result
	// done is closed when the plan is built.
	done chan struct{}

	// Guarded by pl.mu.
	queued  bool
	started time.Time // zero until the build starts
	waiters int       // callers waiting for the plan: it is never dropped
	built   bool
	plan    *plan.Result
	err     error
}

// job is the plan of a roster just solved, not yet queued.
func (pl *planner) job(p *mentormatch.Program, cfg mentormatch.Config, res *roster.Result) *planJob {
	return &planJob{pl: pl, p: p, cfg: cfg, res: res, done: make(chan struct{})}
}

// ahead queues j as the plan wanted next, dropping the queued plans that
// nobody waits for: they belong to rosters the page no longer shows.
func (pl *planner) ahead(j *planJob) {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	kept := pl.queue[:0]
	for _, q := range pl.queue {
		if q.waiters > 0 && q != j {
			kept = append(kept, q)
		} else {
			q.queued = false
		}
	}
	clear(pl.queue[len(kept):])
	pl.queue = kept
	pl.enqueue(j)
}

// enqueue queues j unless it is queued, under way or built, and starts
// the builder if it is idle. The caller holds pl.mu.
func (pl *planner) enqueue(j *planJob) {
	if j.queued || !j.started.IsZero() {
		return
	}
	j.queued = true
	pl.queue = append(pl.queue, j)
	if !pl.running {
		pl.running = true
		go pl.run()
	}
}

// run builds the queued plans in turn until none is left.
func (pl *planner) run() {
	for {
		pl.mu.Lock()
		if len(pl.queue) == 0 {
			pl.running = false
			pl.mu.Unlock()
			return
		}
		j := pl.queue[0]
		pl.queue[0] = nil
		pl.queue = pl.queue[1:]
		j.queued, j.started, pl.current = false, time.Now(), j
		build := pl.build
		pl.mu.Unlock()

		res, err := safeBuild(build, j)

		pl.mu.Lock()
		j.built, j.plan, j.err = true, res, err
		pl.took, pl.current = time.Since(j.started), nil
		pl.mu.Unlock()
		close(j.done)
	}
}

// safeBuild builds j's plan; a panic, a bug, is the plan's error rather
// than the end of the server, whose other pages still work.
func safeBuild(build func(*mentormatch.Program, mentormatch.Config, *roster.Result) (*plan.Result, error), j *planJob) (res *plan.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("planning failed, a bug: %v", r)
		}
	}()
	return build(j.p, j.cfg, j.res)
}

// wait is the plan, once built; it is queued first if it is not yet.
func (j *planJob) wait() (*plan.Result, error) {
	pl := j.pl
	pl.mu.Lock()
	j.waiters++
	pl.enqueue(j)
	pl.mu.Unlock()
	<-j.done
	pl.mu.Lock()
	defer pl.mu.Unlock()
	j.waiters--
	return j.plan, j.err
}

// planStatus is how far a plan is, for the page that waits for it.
type planStatus struct {
	// Waiting: the plan of an earlier change is still being built, and
	// this one starts after it.
	Waiting bool
	// Elapsed is how long this plan has been under way; Took how long the
	// last one built took (zero before the first).
	Elapsed, Took time.Duration
}

// poll is the plan if it is built; else it is queued if it is not yet
// (an undo back to a roster whose plan was dropped) and poll says how far
// it is.
func (j *planJob) poll() (*plan.Result, *planStatus, error) {
	pl := j.pl
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if j.built {
		return j.plan, nil, j.err
	}
	pl.enqueue(j)
	st := &planStatus{Waiting: pl.current != nil && pl.current != j, Took: pl.took}
	if !j.started.IsZero() {
		st.Elapsed = time.Since(j.started)
	}
	return nil, st, nil
}

// Seconds is d in seconds, to a tenth, for the page.
func (ps *planStatus) Seconds(d time.Duration) string {
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// Percent is the share of the last plan's time this one has taken so
// far, at most 99: an estimate, which the page shows as one when there
// is an earlier plan to go by (Took).
func (ps *planStatus) Percent() int {
	if ps.Took <= 0 {
		return 0
	}
	return min(99, int(100*ps.Elapsed/ps.Took))
}
