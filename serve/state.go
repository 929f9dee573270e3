package serve

import (
	"errors"
	"fmt"
	"os"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/scoring"
)

// state is one programme as the page shows it: its people, configuration
// and decisions, the roster solved from them, and the steps to undo.
type state struct {
	files []table.File
	cfg   mentormatch.Config
	p     *mentormatch.Program
	// problems are the input problems that stopped reading the people.
	problems mentormatch.Problems
	res      *roster.Result
	plan     *plan.Result // built on first use
	mentee   map[string]int
	mentor   map[string]int
	pairOf   map[string]int // mentee id → index in res.Roster.Matches
	// undo are the earlier states, latest last; last is what the latest
	// change did.
	undo []*state
	last *change
}

// checkDir refuses a missing folder or a file, before anything is read.
func checkDir(dir string) error {
	if dir == "" {
		return fmt.Errorf("%w: serve needs a folder to write to (--dir)", mentormatch.ErrUsage)
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return fmt.Errorf("%w: --dir %s: expected an existing folder", mentormatch.ErrUsage, dir)
	}
	return nil
}

// load reads the people and solves them. Input problems are kept for the
// page; anything else is an error.
func load(opt Options) (*state, error) {
	st := &state{files: opt.Files, cfg: opt.Config}
	p, err := table.ReadProgram(table.Options{Levels: opt.Config.Levels}, opt.Files...)
	if err != nil {
		var ps mentormatch.Problems
		if errors.As(err, &ps) {
			st.problems = ps
			return st, nil
		}
		return nil, err
	}
	st.p = p
	if err := st.solve(); err != nil {
		return nil, err
	}
	return st, nil
}

// solve matches the programme under the state's configuration and
// indexes the result.
func (st *state) solve() error {
	res, err := roster.Match(st.p, st.cfg)
	if err != nil {
		return err
	}
	st.res, st.plan = res, nil
	st.mentee = make(map[string]int, len(st.p.Mentees))
	for i := range st.p.Mentees {
		st.mentee[st.p.Mentee(i).ID] = i
	}
	st.mentor = make(map[string]int, len(st.p.Mentors))
	for j := range st.p.Mentors {
		st.mentor[st.p.Mentor(j).ID] = j
	}
	st.pairOf = make(map[string]int, len(res.Roster.Matches))
	for k, m := range res.Roster.Matches {
		st.pairOf[m.MenteeID] = k
	}
	return nil
}

// planned is the plan on the current roster: cohorts, sessions, roadmaps.
func (st *state) planned() (*plan.Result, error) {
	if st.plan == nil {
		pl, err := plan.On(st.p, st.cfg, st.res)
		if err != nil {
			return nil, err
		}
		st.plan = pl
	}
	return st.plan, nil
}

// next is a copy of the state to change, with this one kept for undo.
func (st *state) next() *state {
	n := *st
	n.undo = append(st.undo[:len(st.undo):len(st.undo)], st)
	n.last = nil
	return &n
}

// change is what one decision or setting did to the roster.
type change struct {
	What          string
	TotalBefore   float64
	TotalAfter    float64
	MatchedBefore int
	MatchedAfter  int
	Moved         []move
}

// Delta is the change of the total, after less before.
func (c *change) Delta() float64 { return scoring.Round2(c.TotalAfter - c.TotalBefore) }

// move is a mentee whose mentor changed; an empty id is no mentor.
type move struct {
	MenteeID, MenteeName string
	FromID, FromName     string
	ToID, ToName         string
	ScoreBefore          float64
	ScoreAfter           float64
}

// diff lists who moved from before's roster to after's, in mentee order.
func diff(what string, before, after *state) *change {
	b, a := before.res.Roster, after.res.Roster
	c := &change{What: what, TotalBefore: b.Summary.TotalScore, TotalAfter: a.Summary.TotalScore,
		MatchedBefore: b.Summary.Matched, MatchedAfter: a.Summary.Matched}
	for i := range after.p.Mentees {
		id := after.p.Mentee(i).ID
		var mv move
		mv.MenteeID, mv.MenteeName = id, after.p.Mentee(i).Name
		if k, ok := before.pairOf[id]; ok {
			m := b.Matches[k]
			mv.FromID, mv.FromName, mv.ScoreBefore = m.MentorID, m.MentorName, m.Score
		}
		if k, ok := after.pairOf[id]; ok {
			m := a.Matches[k]
			mv.ToID, mv.ToName, mv.ScoreAfter = m.MentorID, m.MentorName, m.Score
		}
		if mv.FromID != mv.ToID {
			c.Moved = append(c.Moved, mv)
		}
	}
	return c
}

// Roster is the current roster, for the templates; nil before the people
// are read.
func (st *state) Roster() *mentormatch.Roster {
	if st.res == nil {
		return nil
	}
	return st.res.Roster
}

// Problems are the input problems, each as the command line prints it.
func (st *state) Problems() []string {
	out := make([]string, len(st.problems))
	for k, p := range st.problems {
		out[k] = p.String()
	}
	return out
}

// Undoable reports whether there is a change to undo.
func (st *state) Undoable() bool { return len(st.undo) > 0 }

// Last is what the latest change did, if any.
func (st *state) Last() *change { return st.last }
