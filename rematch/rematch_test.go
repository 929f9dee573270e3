package rematch

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/roster"
)

// bruteRepair enumerates every assignment and returns the best worth with
// at most budget moves, kept rows matched; ok is false when none exists.
func bruteRepair(r *repair) (worth, bool) {
	best, found := worth{}, false
	rowCol := make([]int, r.n)
	load := make([]int, r.m)
	var rec func(i int)
	rec = func(i int) {
		if i == r.n {
			w, moves := r.eval(rowCol)
			if moves <= r.budget && (!found || best.less(w)) {
				best, found = w, true
			}
			return
		}
		if r.home[i] < 0 {
			rowCol[i] = -1
			rec(i + 1)
		}
		for j := range r.m {
			if math.IsNaN(r.score[i*r.m+j]) || load[j] >= r.caps[j] {
				continue
			}
			load[j]++
			rowCol[i] = j
			rec(i + 1)
			load[j]--
		}
	}
	rec(0)
	return best, found
}

// randomRepair is a small instance with a valid set of kept pairs and the
// best assignment without moves as the start.
func randomRepair(rng *rand.Rand) (*repair, []int) {
	n, m := 1+rng.IntN(7), 1+rng.IntN(3)
	r := &repair{n: n, m: m, score: make([]float64, n*m), caps: make([]int, m), home: make([]int, n),
		budget: rng.IntN(3), margin: units([]float64{0, 0, 0.5, 5, 20}[rng.IntN(5)]) + 1, maxSolves: 100000}
	for k := range r.score {
		r.score[k] = math.NaN()
		if rng.IntN(4) > 0 {
			r.score[k] = float64(rng.IntN(10001)) / 100
		}
	}
	for j := range r.caps {
		r.caps[j] = rng.IntN(3)
	}
	load := make([]int, m)
	for i := range r.home {
		r.home[i] = -1
		if j := rng.IntN(m); rng.IntN(4) > 0 && !math.IsNaN(r.score[i*m+j]) && load[j] < r.caps[j] {
			r.home[i] = j
			load[j]++
		}
	}
	// The best start: kept rows at home, the others as well as possible.
	zero := *r
	zero.budget = 0
	best, _ := bruteRepair(&zero)
	start := make([]int, n)
	var rec func(i int, load []int) bool
	rec = func(i int, load []int) bool {
		if i == n {
			w, moves := r.eval(start)
			return moves == 0 && w == best
		}
		if h := r.home[i]; h >= 0 {
			start[i] = h
			return rec(i+1, load)
		}
		start[i] = -1
		if rec(i+1, load) {
			return true
		}
		for j := range m {
			if !math.IsNaN(r.score[i*m+j]) && load[j] < r.caps[j]-countHome(r.home, j) {
				load[j]++
				start[i] = j
				if rec(i+1, load) {
					return true
				}
				load[j]--
			}
		}
		return false
	}
	rec(0, make([]int, m))
	return r, start
}

func countHome(home []int, j int) int {
	n := 0
	for _, h := range home {
		if h == j {
			n++
		}
	}
	return n
}

func TestRepairMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	branched := 0
	for trial := range 1500 {
		r, start := randomRepair(rng)
		want, ok := bruteRepair(r)
		require.True(t, ok, "trial %d: the start is always feasible", trial)
		got, err := r.solve(start)
		require.NoError(t, err)
		require.True(t, r.proven, "trial %d", trial)
		w, moves := r.eval(got)
		assert.Equal(t, want, w, "trial %d: n=%d m=%d budget=%d", trial, r.n, r.m, r.budget)
		assert.LessOrEqual(t, moves, r.budget, "trial %d", trial)
		load := make([]int, r.m)
		for i, j := range got {
			if j < 0 {
				assert.Negative(t, r.home[i], "trial %d: kept mentee %d left unmatched", trial, i)
				continue
			}
			load[j]++
			assert.False(t, math.IsNaN(r.score[i*r.m+j]), "trial %d: forbidden cell", trial)
		}
		for j := range load {
			assert.LessOrEqual(t, load[j], r.caps[j], "trial %d: capacity", trial)
		}
		if r.solves > 4 {
			branched++
		}
	}
	assert.Greater(t, branched, 10, "instances that need the Lagrangian search and branching")
}

// TestRepairSolveLimit: cut short, the search still returns an assignment
// within the limit, no better than the optimum, and says it is unproven.
func TestRepairSolveLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	cut := 0
	for range 300 {
		r, start := randomRepair(rng)
		want, _ := bruteRepair(r)
		r.maxSolves = 2
		got, err := r.solve(start)
		require.NoError(t, err)
		w, moves := r.eval(got)
		assert.LessOrEqual(t, moves, r.budget)
		assert.False(t, want.less(w))
		if !r.proven {
			cut++
			assert.True(t, r.gap == -1 || r.gap >= want.val-w.val, "the gap bounds the loss")
		}
	}
	assert.Positive(t, cut)
}

// TestRepairMarginIsStrict: a move that gains exactly the margin is not
// made; one that gains a hundredth more is.
func TestRepairMarginIsStrict(t *testing.T) {
	for _, tc := range []struct {
		gain  float64
		moved bool
	}{{5, false}, {5.01, true}, {4.99, false}} {
		nan := math.NaN()
		// Mentee 0 is kept with mentor 0 (score 50) and would score
		// 50+gain with mentor 1, who is free; mentee 1 can take nobody, so
		// the move changes nothing but mentee 0's score.
		r := &repair{n: 2, m: 2, score: []float64{50, 50 + tc.gain, nan, nan}, caps: []int{1, 1},
			home: []int{0, -1}, budget: 1, margin: units(5) + 1}
		got, err := r.solve([]int{0, -1})
		require.NoError(t, err)
		assert.Equal(t, tc.moved, got[0] == 1, "gain %v", tc.gain)
	}
}

func exampleProgram(t *testing.T) (*mentormatch.Program, mentormatch.Config) {
	t.Helper()
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-03-02"
	p, err := table.ReadProgram(table.Options{}, table.File{Path: example.PeopleName, Data: example.PeopleCSV()})
	require.NoError(t, err)
	return p, cfg
}

func exampleSurvey(t *testing.T, r *mentormatch.Roster) *mentormatch.Survey {
	t.Helper()
	s, err := table.ReadSurvey(table.File{Path: example.SurveyName, Data: example.SurveyCSV(r.Matches)}, table.SurveyOptions{Roster: r})
	require.NoError(t, err)
	return s
}

// checkRematch checks the promises of Rematch on any outcome.
func checkRematch(t *testing.T, p *mentormatch.Program, prev *mentormatch.Roster, h mentormatch.Health, x *mentormatch.Rematch, maxMoves int) {
	t.Helper()
	unhealthy := map[[2]string]bool{}
	for _, ph := range h.ByPair {
		if ph.Unhealthy {
			unhealthy[[2]string{ph.MenteeID, ph.MentorID}] = true
		}
	}
	gone := map[[2]string]bool{}
	for _, d := range x.Roster.Dissolved {
		gone[[2]string{d.MenteeID, d.MentorID}] = true
	}
	for k := range unhealthy {
		assert.True(t, gone[k], "unhealthy pair %v is in the history", k)
	}
	for _, d := range prev.Dissolved {
		assert.True(t, gone[[2]string{d.MenteeID, d.MentorID}], "history is carried")
	}
	now := map[string]string{}
	load := map[string]int{}
	for _, m := range x.Roster.Matches {
		now[m.MenteeID] = m.MentorID
		load[m.MentorID]++
		assert.False(t, gone[[2]string{m.MenteeID, m.MentorID}], "dissolved pair %s–%s re-formed", m.MenteeID, m.MentorID)
	}
	moved := 0
	for _, m := range prev.Matches {
		if unhealthy[[2]string{m.MenteeID, m.MentorID}] || p.ByID(m.MenteeID) == nil || p.ByID(m.MentorID) == nil {
			continue
		}
		if now[m.MenteeID] != m.MentorID {
			moved++
		}
	}
	assert.LessOrEqual(t, moved, maxMoves, "healthy pairs moved")
	caps := roster.Capacities(p)
	for j := range p.Mentors {
		assert.LessOrEqual(t, load[p.Mentor(j).ID], caps[j], "capacity of %s", p.Mentor(j).ID)
	}
	for _, m := range x.Roster.Matches {
		assert.NotEmpty(t, m.Reason)
		assert.Positive(t, m.Score+1, "allowed pair")
	}
	assert.Equal(t, len(p.Mentees), x.Roster.Summary.Matched+countRole(x.Roster.Unmatched, "mentee"))
}

func countRole(us []mentormatch.Unmatched, role string) int {
	n := 0
	for _, u := range us {
		if u.Role == role {
			n++
		}
	}
	return n
}

// exampleCase is the example program, its roster and the example survey.
func exampleCase(t *testing.T) (*mentormatch.Program, mentormatch.Config, *mentormatch.Roster, *mentormatch.Survey) {
	t.Helper()
	p, cfg := exampleProgram(t)
	res, err := roster.Match(p, cfg)
	require.NoError(t, err)
	return p, cfg, res.Roster, exampleSurvey(t, res.Roster)
}

func TestRematchExample(t *testing.T) {
	p, cfg, prev, s := exampleCase(t)
	x, err := Rematch(p, cfg, prev, s, RematchOptions{})
	require.NoError(t, err)
	h := x.Health
	assert.Equal(t, len(prev.Matches), h.Pairs)
	assert.Equal(t, 1.0, h.ResponseRate)
	assert.Positive(t, h.Flagged)
	checkRematch(t, p, prev, h, x, 0)

	dissolved := 0
	for _, c := range x.Changes {
		assert.NotEmpty(t, c.Why)
		if c.Kind == mentormatch.ChangeDissolved {
			dissolved++
			assert.NotEqual(t, c.OldMentorID, c.NewMentorID)
		}
	}
	assert.Equal(t, h.Flagged, dissolved)
	assert.Len(t, x.Roster.Dissolved, h.Flagged)

	// A second re-match with no complaints keeps everything and the history.
	again, err := Rematch(p, cfg, x.Roster, &mentormatch.Survey{}, RematchOptions{})
	require.NoError(t, err)
	assert.Empty(t, again.Changes)
	assert.Equal(t, x.Roster.Dissolved, again.Roster.Dissolved)
	assert.Equal(t, x.Roster.Matches, again.Roster.Matches)

	// Deterministic, and blind to the order of the roster's rows.
	shuffled := *prev
	shuffled.Matches = slices.Clone(prev.Matches)
	slices.Reverse(shuffled.Matches)
	y, err := Rematch(p, cfg, &shuffled, s, RematchOptions{})
	require.NoError(t, err)
	assert.Equal(t, x, y)

	// Scores kept compact: the same values to the bit, the same re-match.
	c, err := Rematch(p, cfg, prev, s, RematchOptions{CompactCells: 1})
	require.NoError(t, err)
	assert.Equal(t, x, c)

	// The free mentees solved in sparse mode: the same number matched and
	// the same total (ties may pair them otherwise), the kept pairs kept.
	z, err := Rematch(p, cfg, prev, s, RematchOptions{SparseCells: 1})
	require.NoError(t, err)
	assert.Equal(t, x.Roster.Summary.Matched, z.Roster.Summary.Matched)
	assert.Equal(t, x.Roster.Summary.TotalScore, z.Roster.Summary.TotalScore)
	checkRematch(t, p, prev, z.Health, z, 0)
}

func TestRematchMoves(t *testing.T) {
	p, cfg, prev, s := exampleCase(t)
	base, err := Rematch(p, cfg, prev, s, RematchOptions{})
	require.NoError(t, err)
	for _, n := range []int{1, 3} {
		x, err := Rematch(p, cfg, prev, s, RematchOptions{MaxMoves: n, MoveMargin: 0.5})
		require.NoError(t, err)
		checkRematch(t, p, prev, x.Health, x, n)
		s0, s1 := base.Roster.Summary, x.Roster.Summary
		// Moves never make it worse: as many matched, as many who can
		// meet (the shared-time tier), as high a total.
		assert.True(t, s1.Matched > s0.Matched || s1.Matched == s0.Matched && (s1.CannotMeet < s0.CannotMeet ||
			s1.CannotMeet == s0.CannotMeet && s1.TotalScore >= s0.TotalScore), "moves never make it worse")
		moved := 0
		for _, c := range x.Changes {
			if c.Kind == mentormatch.ChangeMoved {
				moved++
			}
		}
		assert.LessOrEqual(t, moved, n)
		if moved > 0 && s1.Matched == s0.Matched && s1.CannotMeet == s0.CannotMeet {
			assert.Greater(t, s1.TotalScore, s0.TotalScore+0.5*float64(moved)-1e-9)
		}
	}
}

func TestRematchLeaversAndJoiners(t *testing.T) {
	p, cfg := exampleProgram(t)
	res, err := roster.Match(p, cfg)
	require.NoError(t, err)
	prev := res.Roster
	gone := prev.Matches[0]
	mentorGone := prev.Matches[1].MentorID
	// A new program without one mentee and one mentor, with a newcomer.
	var people []mentormatch.Person
	for _, q := range p.People {
		if q.ID != gone.MenteeID && q.ID != mentorGone {
			people = append(people, q)
		}
	}
	newbie := *p.Mentee(2)
	newbie.ID, newbie.Name = "N1", "New Person"
	people = append(people, newbie)
	q := &mentormatch.Program{People: people}
	for i, x := range people {
		if x.Role.IsMentee() {
			q.Mentees = append(q.Mentees, i)
		}
		if x.Role.IsMentor() {
			q.Mentors = append(q.Mentors, i)
		}
	}
	x, err := Rematch(q, cfg, prev, &mentormatch.Survey{}, RematchOptions{})
	require.NoError(t, err)
	checkRematch(t, q, prev, x.Health, x, 0)
	kinds := map[string]mentormatch.ChangeKind{}
	for _, c := range x.Changes {
		kinds[c.MenteeID] = c.Kind
	}
	assert.Equal(t, mentormatch.ChangeLeft, kinds[gone.MenteeID])
	assert.Equal(t, mentormatch.ChangeJoined, kinds["N1"])
	for _, m := range prev.Matches {
		if m.MentorID == mentorGone && m.MenteeID != gone.MenteeID {
			assert.Equal(t, mentormatch.ChangeFreed, kinds[m.MenteeID], m.MenteeID)
		}
	}
}

func TestHealth(t *testing.T) {
	prev := &mentormatch.Roster{Matches: []mentormatch.Match{
		{MenteeID: "A", MentorID: "X"}, {MenteeID: "B", MentorID: "X"}, {MenteeID: "C", MentorID: "Y"}, {MenteeID: "D", MentorID: "Y"},
	}}
	ans := func(e, m string, rater mentormatch.Role, r int, change bool) mentormatch.Answer {
		return mentormatch.Answer{MenteeID: e, MentorID: m, Rater: rater, Rating: r, WantsChange: change}
	}
	s := &mentormatch.Survey{Answers: []mentormatch.Answer{
		ans("A", "X", mentormatch.RoleMentee, 2, false), ans("A", "X", mentormatch.RoleMentor, 4, false), // mean 3: healthy
		ans("B", "X", mentormatch.RoleMentee, 2, false), ans("B", "X", mentormatch.RoleMentee, 3, false), // 2.5, mentor silent
		ans("C", "Y", mentormatch.RoleMentor, 5, true), // wants a change
	}}
	h := mentormatch.SurveyHealth(prev, s, 3)
	assert.Equal(t, 4, h.Pairs)
	assert.Equal(t, 3, h.Answered)
	assert.Equal(t, 5, h.Answers)
	assert.InDelta(t, 4.0/8, h.ResponseRate, 1e-12)
	assert.InDelta(t, 16.0/5, h.MeanRating, 1e-12)
	assert.Equal(t, 2, h.Flagged)
	want := []struct {
		unhealthy bool
		why       string
	}{
		{false, ""},
		{true, "mean rating 2.5 from 2 answers is below 3"},
		{true, "the mentor wants a change"},
		{false, "no answers"},
	}
	for k, w := range want {
		assert.Equal(t, w.unhealthy, h.ByPair[k].Unhealthy, h.ByPair[k].MenteeID)
		assert.Equal(t, w.why, h.ByPair[k].Why, h.ByPair[k].MenteeID)
	}
	assert.Equal(t, []string{"B with X: no answer from the mentor", "C with Y: no answer from the mentee", "D with Y: no answers"}, h.Missing)
	require.Len(t, h.ByMentor, 2)
	assert.Equal(t, mentormatch.MentorHealth{MentorID: "X", Pairs: 2, Answers: 4, MeanRating: 2.75, Flagged: 1}, h.ByMentor[0])
	assert.Equal(t, mentormatch.MentorHealth{MentorID: "Y", Pairs: 2, Answers: 1, MeanRating: 5, Flagged: 1}, h.ByMentor[1])
}

func TestRematchRefusesUnknownPairs(t *testing.T) {
	p, cfg := exampleProgram(t)
	prev := &mentormatch.Roster{Matches: []mentormatch.Match{{MenteeID: p.Mentee(0).ID, MentorID: p.Mentor(5).ID}}}
	s := &mentormatch.Survey{Answers: []mentormatch.Answer{{MenteeID: p.Mentee(0).ID, MentorID: "NOPE", Rater: mentormatch.RoleMentee, Rating: 3,
		Source: mentormatch.Source{File: "s.csv", Row: 4}}}}
	_, err := Rematch(p, cfg, prev, s, RematchOptions{})
	require.ErrorIs(t, err, mentormatch.ErrInput)
	assert.Contains(t, err.Error(), "s.csv row 4")
}

// rematchPriority places the mentees without a pair by the priority
// asked for: as many matched whatever it is, then as many as possible of
// those it puts first, then the total; and says which applied.
func TestRematchPriority(t *testing.T) {
	p, cfg, prev, s := exampleCase(t)
	waiting := map[string]bool{}
	for _, u := range prev.Unmatched {
		waiting[u.ID] = u.Role == "mentee"
	}
	type outcome struct{ matched, freed, waiting int }
	got := map[string]outcome{}
	sums := map[string]mentormatch.Summary{}
	for _, pr := range []string{"", mentormatch.PriorityFreed, mentormatch.PriorityWaiting, mentormatch.PriorityScore} {
		x, err := Rematch(p, cfg, prev, s, RematchOptions{Priority: pr})
		require.NoError(t, err)
		checkRematch(t, p, prev, x.Health, x, 0)
		var o outcome
		o.matched = x.Roster.Summary.Matched
		now := map[string]bool{}
		for _, m := range x.Roster.Matches {
			now[m.MenteeID] = true
			if waiting[m.MenteeID] {
				o.waiting++
			}
		}
		for _, c := range x.Changes {
			if c.Kind == mentormatch.ChangeDissolved || c.Kind == mentormatch.ChangeFreed {
				if now[c.MenteeID] {
					o.freed++
				}
			}
		}
		want := pr
		if want == "" {
			want = mentormatch.PriorityFreed
		}
		assert.Equal(t, want, x.Priority)
		got[want], sums[want] = o, x.Roster.Summary
	}
	f, w, sc := got[mentormatch.PriorityFreed], got[mentormatch.PriorityWaiting], got[mentormatch.PriorityScore]
	t.Logf("freed %+v, waiting %+v, score %+v", f, w, sc)
	assert.Equal(t, f.matched, w.matched, "the priority never costs a match")
	assert.Equal(t, f.matched, sc.matched)
	assert.GreaterOrEqual(t, f.freed, max(w.freed, sc.freed))
	assert.GreaterOrEqual(t, w.waiting, max(f.waiting, sc.waiting))
	assert.Greater(t, f.freed, w.freed, "the example's places are short: the choice matters")
	// Score puts nobody first: the fewest pairs who cannot meet (the
	// shared-time tier), then the highest total.
	best := sums[mentormatch.PriorityScore]
	for _, pr := range []string{mentormatch.PriorityFreed, mentormatch.PriorityWaiting} {
		other := sums[pr]
		assert.LessOrEqual(t, best.CannotMeet, other.CannotMeet, pr)
		if best.CannotMeet == other.CannotMeet {
			assert.GreaterOrEqual(t, best.TotalScore, other.TotalScore, pr)
		}
	}

	_, err := Rematch(p, cfg, prev, s, RematchOptions{Priority: "seniority"})
	assert.ErrorIs(t, err, mentormatch.ErrUsage)
}

// TestRematchSharedTimeTier: with rules.prefer_shared_time (the default)
// the free mentees are re-matched as match would, among assignments that
// match as many and place as many of the freed first, with the fewest
// pairs who cannot meet; off, by score alone. On the example the two
// differ in who is re-matched with whom; compact scores and the sparse
// solve keep the tier.
func TestRematchSharedTimeTier(t *testing.T) {
	p, cfg, prev, s := exampleCase(t)
	on, err := Rematch(p, cfg, prev, s, RematchOptions{})
	require.NoError(t, err)
	offCfg := cfg
	offCfg.Rules.PreferSharedTime = false
	off, err := Rematch(p, offCfg, prev, s, RematchOptions{})
	require.NoError(t, err)
	checkRematch(t, p, prev, on.Health, on, 0)
	a, b := on.Roster.Summary, off.Roster.Summary
	t.Logf("on: matched %d, cannot meet %d, total %v; off: matched %d, cannot meet %d, total %v", a.Matched, a.CannotMeet, a.TotalScore, b.Matched, b.CannotMeet, b.TotalScore)
	assert.Equal(t, b.Matched, a.Matched, "the tier never costs a match")
	assert.Less(t, a.CannotMeet, b.CannotMeet, "the tier lets more re-matched pairs meet")
	assert.LessOrEqual(t, a.TotalScore, b.TotalScore, "off maximises the score alone")
	assert.NotEqual(t, on.Changes, off.Changes, "the tier changes who is re-matched")
	freed := func(x *mentormatch.Rematch) int {
		n := 0
		for _, c := range x.Changes {
			if (c.Kind == mentormatch.ChangeDissolved || c.Kind == mentormatch.ChangeFreed) && c.NewMentorID != "" {
				n++
			}
		}
		return n
	}
	assert.Equal(t, freed(off), freed(on), "the priority comes before the tier")

	c, err := Rematch(p, cfg, prev, s, RematchOptions{CompactCells: 1})
	require.NoError(t, err)
	assert.Equal(t, on, c)
	z, err := Rematch(p, cfg, prev, s, RematchOptions{SparseCells: 1})
	require.NoError(t, err)
	assert.Equal(t, a.Matched, z.Roster.Summary.Matched)
	assert.Equal(t, a.CannotMeet, z.Roster.Summary.CannotMeet)
	assert.Equal(t, a.TotalScore, z.Roster.Summary.TotalScore)
}
