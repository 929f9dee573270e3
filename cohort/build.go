package cohort

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/internal/parallel"
)

// Build groups the program's mentees into cohorts, rotates peers and senior
// mentors, and dates every session. r gives each mentee's primary mentor
// (r.Matches); it may be nil. The result is deterministic: it depends only
// on p, r and cfg, never on the clock. See the package documentation for
// how dates and times are chosen.
//
// Errors: a start date or holiday that is not YYYY-MM-DD (ErrConfig), and
// roster ids that are nobody in the program (ErrInput), all listed.
func Build(p *mentormatch.Program, r *mentormatch.Roster, cfg mentormatch.Config) (*mentormatch.Plan, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: no program to plan", mentormatch.ErrInput)
	}
	if _, err := newSchedule(cfg); err != nil {
		return nil, err
	}
	if err := CheckSize(p, pairs(r), cfg); err != nil {
		return nil, err
	}
	pr, err := Prepare(p, cfg)
	if err != nil {
		return nil, err
	}
	return pr.Build(r)
}

func pairs(r *mentormatch.Roster) int {
	if r == nil {
		return 0
	}
	return len(r.Matches)
}

// Prepared is the part of a plan that needs no roster: the cohorts, their
// peer and senior sessions still to be dated, and everyone's free time
// over the schedule. A caller prepares it while the match is solved, on
// another core, and builds the plan on the roster (Prepared.Build) when
// the match is made; Build does both in turn, to the same plan.
type Prepared struct {
	sc       *schedule
	plan     *mentormatch.Plan // cohorts, earlier peers and warnings
	cohortOf map[string]int    // mentee id → cohort index
	people   map[string]*mentormatch.Person
	spanDays int
	ms       []meeting // the peer and senior sessions, due on working days
	// span holds the peer and senior sessions' windows; primary, every
	// pair's 1:1s' (each pair's are on the same days).
	span, primary span
	// who is everyone's free time laid out over laidOver, both spans, as
	// the placer keeps it (see placer.freeOf).
	who      map[string]*attendee
	laidOver span
	used     bool
}

// Prepare forms p's cohorts under cfg and lays out what their sessions
// need, for Prepared.Build. It checks no size: a caller that may be given
// a program too large to plan calls CheckSize first, as Build does.
//
// Errors: a start date or holiday that is not YYYY-MM-DD (ErrConfig).
func Prepare(p *mentormatch.Program, cfg mentormatch.Config) (*Prepared, error) {
	if p == nil {
		return nil, fmt.Errorf("%w: no program to plan", mentormatch.ErrInput)
	}
	sc, err := newSchedule(cfg)
	if err != nil {
		return nil, err
	}
	plan := &mentormatch.Plan{Cohorts: []mentormatch.Cohort{}, Sessions: []mentormatch.Session{}, Warnings: []string{}}
	minSize, maxSize := sizeLimits(cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize)
	groups := Form(p, cfg)
	if e := newEarlierPeers(p); e != nil {
		plan.EarlierPeers = e.summary(p, groups)
	}
	if n := len(p.Mentees); n > 0 && n < minSize {
		plan.Warnings = append(plan.Warnings, fmt.Sprintf("only %d mentees: one cohort, smaller than the minimum cohort size %d", n, minSize))
	} else {
		for c, g := range groups {
			if len(g) < minSize {
				plan.Warnings = append(plan.Warnings, fmt.Sprintf("cohort C%d has %d members, fewer than the minimum %d: no balanced split of %d mentees fits sizes %d–%d", c+1, len(g), minSize, n, minSize, maxSize))
			}
		}
	}

	cohortOf := map[string]int{} // mentee id → cohort index
	for c, g := range groups {
		co := mentormatch.Cohort{ID: cohortID(c), Members: make([]string, len(g)), Seniors: []string{}}
		for k, i := range g {
			co.Members[k] = p.Mentee(i).ID
			cohortOf[co.Members[k]] = c
		}
		plan.Cohorts = append(plan.Cohorts, co)
	}

	var seniors []*mentormatch.Person
	seen := map[int]bool{}
	for _, j := range p.Mentors {
		if per := &p.People[j]; per.MentorType == mentormatch.Senior && !seen[j] {
			seen[j] = true
			seniors = append(seniors, per)
		}
	}
	slots, misses := rotation(len(groups), len(seniors), cfg.Schedule.SeniorMaxPerCycle)
	plan.Warnings = append(plan.Warnings, missWarnings(misses, seniors, len(groups), cfg.Schedule.SeniorMaxPerCycle)...)
	for c := range plan.Cohorts {
		for s, per := range seniors {
			for _, row := range slots {
				if row[c] == s {
					plan.Cohorts[c].Seniors = append(plan.Cohorts[c].Seniors, per.ID)
					break
				}
			}
		}
	}

	people := map[string]*mentormatch.Person{}
	for i := range p.People {
		if _, dup := people[p.People[i].ID]; !dup {
			people[p.People[i].ID] = &p.People[i]
		}
	}

	rr := make([][][][]int, len(groups))
	for c, g := range groups {
		rr[c] = RoundRobin(len(g))
	}
	sizes := make([]int, len(groups))
	for c, g := range groups {
		sizes[c] = len(g)
	}
	spanDays := spanDays(sc, sizes, len(slots))

	var ms []meeting
	for c := range groups {
		members := plan.Cohorts[c].Members
		for cy := range sc.cycles {
			for k, groupsOfRound := range rr[c] {
				round := cy*len(rr[c]) + k + 1
				for _, grp := range groupsOfRound {
					ids := make([]string, len(grp))
					for x, pos := range grp {
						ids[x] = members[pos]
					}
					ms = append(ms, meeting{cohort: c, kind: mentormatch.KindPeer, round: round, ids: ids, due: sc.start.AddDate(0, 0, (round-1)*sc.peerEvery), span: sc.peerEvery})
				}
			}
		}
	}
	for cy := range sc.cycles {
		for t, row := range slots {
			round := cy*len(slots) + t + 1
			for c, s := range row {
				if s < 0 {
					continue
				}
				ids := append([]string{seniors[s].ID}, plan.Cohorts[c].Members...)
				ms = append(ms, meeting{cohort: c, kind: mentormatch.KindSenior, round: round, ids: ids, due: sc.start.AddDate(0, 0, (round-1)*sc.seniorEvery), span: sc.seniorEvery})
			}
		}
	}
	pr := &Prepared{sc: sc, plan: plan, cohortOf: cohortOf, people: people, spanDays: spanDays, ms: ms}
	for i := range ms {
		ms[i].due = sc.workingDay(ms[i].due)
		pr.span.add(window(ms[i].due, ms[i].span))
	}
	for k := 0; k*sc.primaryEvery < spanDays; k++ {
		pr.primary.add(window(primaryDue(sc, k), sc.primaryEvery))
	}
	// Everyone's free time over the span with the 1:1s, most of the
	// placer's time, is laid out here, on every core.
	all := pr.span
	all.join(pr.primary)
	ids := make([]string, 0, len(people))
	for i := range p.People {
		if id := p.People[i].ID; people[id] == &p.People[i] {
			ids = append(ids, id)
		}
	}
	laid := make([]*attendee, len(ids))
	parallel.For(len(ids), 0, 64, func(_, k int) {
		per := people[ids[k]]
		laid[k] = &attendee{p: per, loc: locOf(per), free: intervals(per, all.from, all.to), laid: true}
	})
	pr.who = make(map[string]*attendee, len(ids))
	for k, id := range ids {
		pr.who[id] = laid[k]
	}
	pr.laidOver = all
	return pr, nil
}

// primaryDue is when a pair's 1:1 of round k+1 is due: a date, before it
// is moved to a working day.
func primaryDue(sc *schedule, k int) time.Time { return sc.start.AddDate(0, 0, k*sc.primaryEvery) }

// span is the smallest time that holds some windows.
type span struct {
	from, to time.Time
	any      bool
}

func (s *span) add(from, to time.Time) {
	if !s.any || from.Before(s.from) {
		s.from = from
	}
	if !s.any || to.After(s.to) {
		s.to = to
	}
	s.any = true
}

func (s *span) join(o span) {
	if o.any {
		s.add(o.from, o.to)
	}
}

// Build dates every session on r, as the package's Build does: r gives
// each mentee's primary mentor (r.Matches); it may be nil. A Prepared is
// built once.
//
// Errors: roster ids that are nobody in the program (ErrInput), all
// listed.
func (pr *Prepared) Build(r *mentormatch.Roster) (*mentormatch.Plan, error) {
	if pr.used {
		return nil, errors.New("cohort: a prepared plan is built once")
	}
	pr.used = true
	sc, plan, ms := pr.sc, pr.plan, pr.ms
	plan.Roster = r
	spn := pr.span
	if r != nil {
		var ps mentormatch.Problems
		for _, m := range r.Matches {
			c, ok := pr.cohortOf[m.MenteeID]
			if !ok {
				ps = append(ps, mentormatch.Problem{Column: "mentee_id", Message: fmt.Sprintf("roster match %s–%s: mentee %q is not a mentee of the program", m.MenteeID, m.MentorID, m.MenteeID)})
				continue
			}
			if pr.people[m.MentorID] == nil {
				ps = append(ps, mentormatch.Problem{Column: "mentor_id", Message: fmt.Sprintf("roster match %s–%s: mentor %q is nobody in the program", m.MenteeID, m.MentorID, m.MentorID)})
				continue
			}
			for k := 0; k*sc.primaryEvery < pr.spanDays; k++ {
				ms = append(ms, meeting{cohort: c, kind: mentormatch.KindPrimary, round: k + 1, ids: []string{m.MenteeID, m.MentorID}, due: sc.workingDay(primaryDue(sc, k)), span: sc.primaryEvery})
			}
			spn.join(pr.primary)
		}
		if len(ps) > 0 {
			return nil, fmt.Errorf("roster does not fit the people: %w", ps)
		}
	}
	ms = sortedStable(ms, (*meeting).compare)
	pl := newPlacer(sc, pr.people, spn.from, spn.to)
	if spn == pr.laidOver {
		pl.who = pr.who
	}
	plan.Sessions = make([]mentormatch.Session, 0, len(ms))
	for i := range ms {
		s := pl.place(&ms[i])
		s.Local = make([]mentormatch.LocalStart, len(s.Participants))
		for k, a := range pl.as {
			s.Local[k] = mentormatch.LocalStart{ID: s.Participants[k], Start: s.Start.In(a.loc), TimeZone: a.loc.String()}
		}
		if s.Flag != "" {
			plan.Warnings = append(plan.Warnings, fmt.Sprintf("cohort %s %s round %d due %s: %s; placed at %s UTC", s.Cohort, s.Kind, s.Round, ms[i].due.Format(time.DateOnly), s.Flag, s.Start.Format("2006-01-02 15:04")))
		}
		plan.Sessions = append(plan.Sessions, s)
	}
	plan.Sessions = sortedStable(plan.Sessions, compareSessions)
	sort.Strings(plan.Warnings)
	return plan, nil
}

// SpanDays is how many days the schedule of p under cfg spans, from
// schedule.start: cycles × the longest of the primary interval, the peer
// round robin and the senior rotation. Matching reads a pair's shared time
// over these days (package availability).
func SpanDays(p *mentormatch.Program, cfg mentormatch.Config) int {
	sc, err := newSchedule(cfg)
	if err != nil {
		return 0
	}
	minSize, maxSize := sizeLimits(cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize)
	sizes := Sizes(len(p.Mentees), minSize, maxSize)
	seniors := map[int]bool{}
	for _, j := range p.Mentors {
		if p.People[j].MentorType == mentormatch.Senior {
			seniors[j] = true
		}
	}
	seniorRounds, _ := seniorSlots(len(sizes), len(seniors), cfg.Schedule.SeniorMaxPerCycle)
	return spanDays(sc, sizes, seniorRounds)
}

// spanDays: the cycle lasts as long as the longer of the peer and senior
// rotations, and at least one primary interval. sizes are the cohorts'.
func spanDays(sc *schedule, sizes []int, seniorRounds int) int {
	cycleDays := sc.primaryEvery
	for _, n := range sizes {
		cycleDays = max(cycleDays, rounds(n)*sc.peerEvery)
	}
	if seniorRounds > 0 {
		cycleDays = max(cycleDays, seniorRounds*sc.seniorEvery)
	}
	return sc.cycles * cycleDays
}

func cohortID(c int) string { return "C" + strconv.Itoa(c+1) }

// cohortNum orders C2 before C10; ids not of that shape sort after.
func cohortNum(id string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "C"))
	if err != nil || !strings.HasPrefix(id, "C") {
		return 1 << 30
	}
	return n
}

func kindRank(k mentormatch.SessionKind) int {
	switch k {
	case mentormatch.KindSenior:
		return 0
	case mentormatch.KindPeer:
		return 1
	}
	return 2
}

// compareSessions orders sessions by start, cohort, kind, round and
// participants.
func compareSessions(a, b *mentormatch.Session) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(cohortNum(a.Cohort), cohortNum(b.Cohort)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Cohort, b.Cohort); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Round, b.Round); c != 0 {
		return c
	}
	return slices.Compare(a.Participants, b.Participants)
}

// sortedStable is xs sorted by compare, equal elements in their order, in
// a new slice. It sorts a permutation and moves each element once:
// sessions are large, and a stable sort of them in place moves them
// O(log² n) times.
func sortedStable[T any](xs []T, compare func(a, b *T) int) []T {
	perm := make([]int32, len(xs))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(i, j int32) int {
		if c := compare(&xs[i], &xs[j]); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	sorted := make([]T, len(xs))
	for k, i := range perm {
		sorted[k] = xs[i]
	}
	return sorted
}

// meeting is a session still to be placed.
type meeting struct {
	cohort int
	kind   mentormatch.SessionKind
	round  int
	ids    []string
	due    time.Time // a date at 00:00 UTC
	span   int       // days until the next meeting of the same kind is due
}

// compare is the placement order: by due date, larger meetings of the
// day first (seniors, peers, then 1:1s), cohort, round, participants.
func (m *meeting) compare(o *meeting) int {
	if c := m.due.Compare(o.due); c != 0 {
		return c
	}
	if c := cmp.Compare(kindRank(m.kind), kindRank(o.kind)); c != 0 {
		return c
	}
	if c := cmp.Compare(m.cohort, o.cohort); c != 0 {
		return c
	}
	if c := cmp.Compare(m.round, o.round); c != 0 {
		return c
	}
	return slices.Compare(m.ids, o.ids)
}

// maxPairMisses is how many cohort–senior misses are listed one per line;
// beyond it they are summarised per senior.
const maxPairMisses = 50

func missWarnings(misses []miss, seniors []*mentormatch.Person, cohorts, limit int) []string {
	var out []string
	if len(misses) <= maxPairMisses {
		for _, m := range misses {
			s := seniors[m.senior]
			out = append(out, fmt.Sprintf("cohort %s does not meet senior %s (%s): senior limit %d sessions per cycle", cohortID(m.cohort), s.ID, s.Name, limit))
		}
		return out
	}
	bySenior := make([][]int, len(seniors))
	for _, m := range misses {
		bySenior[m.senior] = append(bySenior[m.senior], m.cohort)
	}
	for si, cs := range bySenior {
		if len(cs) == 0 {
			continue
		}
		sort.Ints(cs)
		s := seniors[si]
		out = append(out, fmt.Sprintf("senior %s (%s) does not meet %d of %d cohorts (%s): senior limit %d sessions per cycle", s.ID, s.Name, len(cs), cohorts, ranges(cs), limit))
	}
	return out
}

// ranges writes sorted cohort indexes as "C1–C3, C7".
func ranges(cs []int) string {
	var parts []string
	for i := 0; i < len(cs); {
		j := i
		for j+1 < len(cs) && cs[j+1] == cs[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, cohortID(cs[i]))
		} else {
			parts = append(parts, cohortID(cs[i])+"–"+cohortID(cs[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
