package serve

import (
	"errors"
	"fmt"
	"os"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/scoring"
)

// state is one program as the page shows it: its people, configuration
// and decisions, the roster solved from them, and the steps to undo.
type state struct {
	files  []table.File
	cfg    mentormatch.Config
	solver roster.Options
	p      *mentormatch.Program
	// problems are the input problems that stopped reading the people.
	problems mentormatch.Problems
	res      *roster.Result
	// plans builds plans in the background; job is the plan of res.
	plans  *planner
	job    *planJob
	mentee map[string]int
	mentor map[string]int
	pairOf map[string]int // mentee id → index in res.Roster.Matches
	// undo are the earlier states, latest last; last is what the latest
	// change did.
	undo []*state
	last *change
	// made is the change that made this state, which undo takes back;
	// unlike last, an undo does not replace it.
	made *change
	// notice is news for the program page, such as decisions dropped.
	notice string
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

// load reads the people and the folder's decisions, and solves them.
// Input problems are kept for the page; anything else is an error.
func load(opt Options, plans *planner) (*state, error) {
	st := &state{files: opt.Files, cfg: opt.Config, solver: opt.Roster, plans: plans}
	p, err := table.ReadProgram(table.Options{Levels: opt.Config.Levels}, opt.Files...)
	if err != nil {
		return st.problem(err)
	}
	p.Decisions = opt.Decisions
	if opt.Decisions == nil {
		if p.Decisions, err = readDecisions(opt.Dir); err != nil {
			return st.problem(err)
		}
	}
	st.p = p
	if err := st.solve(); err != nil {
		st.p = nil
		return st.problem(err)
	}
	return st, nil
}

// problem keeps input problems for the page and returns other errors.
func (st *state) problem(err error) (*state, error) {
	var ps mentormatch.Problems
	if errors.As(err, &ps) {
		st.problems = ps
		return st, nil
	}
	return nil, err
}

// solve matches the program under the state's configuration and
// indexes the result. The plan of the new roster is made ready to build;
// it is queued when the state is shown (Server.show).
func (st *state) solve() error {
	res, err := st.match()
	if err != nil {
		return err
	}
	st.res, st.job = res, st.plans.job(st.p, st.cfg, res)
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

// match solves the program. After a decision on a program held whole,
// it scores again only the rows of the mentees whose decisions changed
// (their scores and which pairs cannot meet) and copies the others from
// the state before (scoring a row is what the
// scorer's matrix does row by row, so the scores are the same): a pin
// re-solves in a fraction of the time of scoring every pair anew.
func (st *state) match() (*roster.Result, error) {
	var prev *state
	if len(st.undo) > 0 {
		prev = st.undo[len(st.undo)-1]
	}
	if prev == nil || prev.res == nil || prev.res.Scores == nil || prev.cfg.Objective != st.cfg.Objective ||
		prev.cfg.Weights != st.cfg.Weights || len(st.p.People) == 0 || len(prev.p.People) != len(st.p.People) || &prev.p.People[0] != &st.p.People[0] {
		return st.solver.Match(st.p, st.cfg)
	}
	sc, err := scoring.New(st.p, st.cfg)
	if err != nil {
		return nil, err
	}
	m := mat.DenseCopyOf(prev.res.Scores)
	var apart *scoring.Apart
	if prev.res.Apart != nil {
		apart = prev.res.Apart.Clone()
	}
	for id := range changedMentees(prev.p.Decisions, st.p.Decisions) {
		if i, ok := prev.mentee[id]; ok {
			if apart != nil {
				sc.RowApart(i, m.RawRowView(i), apart)
			} else {
				sc.Row(i, m.RawRowView(i))
			}
		}
	}
	return st.solver.MatchScored(st.p, st.cfg, sc, roster.Scores{Dense: m, Apart: apart})
}

// changedMentees are the mentees with a decision in one list and not the
// other.
func changedMentees(a, b mentormatch.Decisions) map[string]bool {
	key := func(d mentormatch.Decision) string {
		return d.MenteeID + "\x00" + d.MentorID + "\x00" + d.Kind.String()
	}
	in := map[string]int{}
	for _, d := range a {
		in[key(d)] |= 1
	}
	for _, d := range b {
		in[key(d)] |= 2
	}
	out := map[string]bool{}
	for _, d := range append(a[:len(a):len(a)], b...) {
		if in[key(d)] != 3 {
			out[d.MenteeID] = true
		}
	}
	return out
}

// planned is the plan on the state's roster: cohorts, sessions,
// roadmaps; it waits for the planner when the plan is not built yet.
func (st *state) planned() (*plan.Result, error) { return st.job.wait() }

// next is a copy of the state to change, with this one kept for undo.
func (st *state) next() *state {
	n := *st
	n.undo = append(st.undo[:len(st.undo):len(st.undo)], st)
	n.last, n.made, n.notice = nil, nil, ""
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

// Notice is news for the program page.
func (st *state) Notice() string { return st.notice }

// Made is the change that undo would take back.
func (st *state) Made() *change { return st.made }

// Last is what the latest change did, if any.
func (st *state) Last() *change { return st.last }
