package scoring

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
	"github.com/mentormatch/mentormatch/cohort"
	"github.com/mentormatch/mentormatch/internal/parallel"
)

// Component names, in the order of Breakdown.Components.
const (
	Skills       = "skills"
	Availability = "availability"
	Goals        = "goals"
	Level        = "level"
	Prefers      = "prefers"
)

// Names lists the components in order.
var Names = []string{Skills, Availability, Goals, Level, Prefers}

// neutral is the value of a component the inputs say nothing about, so
// that a blank column neither helps nor hurts a pair much.
const neutral = 0.5

type want struct {
	skill  int32
	own    int8 // the mentee's own level in it
	weight float64
	// gain[d] is what a mentor d levels above adds (d ≤ 3), worked out
	// once: it was a division in every cell.
	gain [4]float64
}

type goal struct {
	id     int32
	weight float64
}

// person is what scoring needs of a participant, prepared once.
type person struct {
	idx      int // into Program.People
	col      int // a mentor's index in Program.Mentors
	level    int
	dept     int32 // -1: none
	langs    []int32
	langMask uint64 // langs as bits, when the program has at most 64 languages
	avoid    []int  // person indexes
	prefers  []int
	chain    []int // managers upward, person indexes
	wants    []want
	wantSum  float64
	goals    []goal
	goalSum  float64
	offers   goalSet
	capacity int
	senior   bool
	blocked  bool // senior or of capacity 0: no 1:1 mentee at all
	isMentee bool
	isMentor bool
	crit     []cval // one per criterion
	// veto lists the mentors (indexes into Program.Mentors) the manager
	// forbade for this mentee; pin is the mentor they are pinned to, or −1.
	veto []int
	pin  int
	// earlier lists the mentors of earlier cohorts' pairs (history).
	earlier []int
	// special lists, for a mentee, the mentors whose cell depends on a
	// list of people (the same person, avoid, management chain, prefers):
	// Row takes these few through score.
	special []int32
}

// Scorer scores the pairs of one program under one configuration. It is safe
// for concurrent use.
type Scorer struct {
	p       *mentormatch.Program
	cfg     mentormatch.Config
	w       [5]float64
	wsum    float64
	mentees []person
	mentors []person
	// levels[s*len(mentors)+j] is mentor j's level in skill s (offers
	// count 3), skill by skill so that a row reads each want's levels in a
	// run.
	levels  []int8
	nskills int
	// smallLevels: every level in levels is in [0, 16), so that a want's
	// gain can be looked up by the mentor's level alone.
	smallLevels bool
	// avail is the people's free time over the program's weeks.
	avail *availability.Model
	// The mentors' fields a row reads, a slice each (see Row).
	mperson   []int // index into Program.People
	mlevel    []int
	mblocked  []bool
	mcapacity []int32
	mlang     []uint64 // langMask, when langBits
	mdept     []int32
	mgroup    []int32 // the mentor's group in unions, Groups() when they list no availability
	// mlevel8 is mlevel when every mentor's level is in [0, 64), else nil:
	// RowBound then reads the level's part of a bound from a table.
	mlevel8   []uint8
	unions    *availability.Unions // the mentors' free time by zone, for RowBound
	offeredBy [][]uint64           // goal id → the mentors offering it, a bit each
	// moffers[j] is the goal ids mentor j offers, a bit each, when there
	// are at most 16 goal ids; else nil.
	moffers    []uint16
	skillNames []string
	goalNames  []string
	// crits are the configured criteria; hardCrits and softCrits index
	// the hard ones and those shown as components.
	crits     []criterion
	hardCrits []int
	softCrits []int
	warnings  []mentormatch.Problem
	langBits  bool // languages fit person.langMask
	pins      []Pin
}

// Breakdown is a pair's score in detail.
type Breakdown struct {
	Score        float64
	Components   []mentormatch.Component
	Reason       string
	Forbidden    string
	OverlapHours float64 // in every week of the program; -1 when either lists no availability
	// CanMeet: they share a whole session of free time every week, or
	// either lists no availability.
	CanMeet bool
}

type interner struct {
	ids   map[string]int32
	names []string
}

func (in *interner) id(name string) int32 {
	if id, ok := in.ids[name]; ok {
		return id
	}
	id := int32(len(in.names))
	in.ids[name] = id
	in.names = append(in.names, name)
	return id
}

func (in *interner) lookup(name string) (int32, bool) {
	id, ok := in.ids[name]
	return id, ok
}

func normalise(s string, syn map[string]string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if c, ok := syn[s]; ok {
		return strings.Join(strings.Fields(strings.ToLower(c)), " ")
	}
	return s
}

// New prepares the program for scoring.
func New(p *mentormatch.Program, cfg mentormatch.Config) (*Scorer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Scorer{p: p, cfg: cfg}
	wt := cfg.Weights
	s.w = [5]float64{wt.Skills, wt.Availability, wt.Goals, wt.Level, wt.Prefers}
	for _, v := range s.w {
		s.wsum += v
	}
	for _, c := range cfg.Criteria {
		s.wsum += c.Weight
	}
	syn := map[string]string{}
	for k, v := range cfg.Synonyms {
		syn[normalise(k, nil)] = v
	}
	byID := make(map[string]int, len(p.People))
	for i := range p.People {
		byID[p.People[i].ID] = i
	}
	resolve := func(ids []string) []int {
		var out []int
		for _, id := range ids {
			if k, ok := byID[id]; ok {
				out = append(out, k)
			}
		}
		return out
	}
	skills := &interner{ids: map[string]int32{}}
	goals := &interner{ids: map[string]int32{}}
	langs := &interner{ids: map[string]int32{}}
	depts := &interner{ids: map[string]int32{}}
	session := cfg.Schedule.SessionMinutes
	if session <= 0 {
		session = mentormatch.DefaultConfig().Schedule.SessionMinutes
	}
	s.avail = availability.New(p, availability.Calendar{
		Start: availability.StartOf(cfg), Days: cohort.SpanDays(p, cfg), SessionMinutes: session,
	}, nil)
	// Skills named by mentees' wants and mentors' skills and offers.
	prep := func(i int) person {
		q := &p.People[i]
		pp := person{idx: i, level: q.Level, dept: -1, capacity: q.Capacity, pin: -1,
			senior: q.MentorType == mentormatch.Senior, isMentee: q.Role.IsMentee(), isMentor: q.Role.IsMentor()}
		if d := normalise(q.Department, nil); d != "" {
			pp.dept = depts.id(d)
		}
		for _, l := range q.Languages {
			pp.langs = append(pp.langs, langs.id(normalise(l, nil)))
		}
		pp.avoid = resolve(q.Avoid)
		pp.prefers = resolve(q.Prefers)
		// Management chain, guarded against cycles.
		seen := map[int]bool{i: true}
		for m, ok := byID[q.ManagerID]; ok && !seen[m]; m, ok = byID[p.People[m].ManagerID] {
			seen[m] = true
			pp.chain = append(pp.chain, m)
		}
		return pp
	}
	s.mentees = make([]person, len(p.Mentees))
	for k, i := range p.Mentees {
		pp := prep(i)
		q := &p.People[i]
		for r, name := range q.Wants {
			name = normalise(name, syn)
			own, _ := q.SkillLevel(name)
			w := 1 / float64(r+1)
			wt := want{skill: skills.id(name), own: int8(own), weight: w}
			for d := 1; d <= 3; d++ {
				wt.gain[d] = w * float64(d) / 3
			}
			pp.wants = append(pp.wants, wt)
			pp.wantSum += w
		}
		for r, g := range q.Goals {
			w := 1 / float64(r+1)
			pp.goals = append(pp.goals, goal{id: goals.id(normalise(g, syn)), weight: w})
			pp.goalSum += w
		}
		s.mentees[k] = pp
	}
	s.mentors = make([]person, len(p.Mentors))
	for k, i := range p.Mentors {
		pp := prep(i)
		pp.col = k
		for _, o := range p.People[i].Offers {
			if id, ok := goals.lookup(normalise(o, syn)); ok {
				pp.offers.add(id)
			}
		}
		s.mentors[k] = pp
	}
	s.langBits = len(langs.names) <= 64
	for _, ps := range [][]person{s.mentees, s.mentors} {
		for k := range ps {
			pp := &ps[k]
			pp.blocked = pp.senior || pp.capacity <= 0
			if s.langBits {
				for _, l := range pp.langs {
					pp.langMask |= 1 << uint(l)
				}
			}
		}
	}
	s.findSpecial()
	// Only skills some mentee wants matter; the table is wanted skills ×
	// mentors.
	s.nskills = len(skills.names)
	s.skillNames = skills.names
	s.goalNames = goals.names
	nm := len(s.mentors)
	s.levels = make([]int8, nm*s.nskills)
	for k, i := range p.Mentors {
		q := &p.People[i]
		for _, o := range q.Offers {
			if id, ok := skills.lookup(normalise(o, syn)); ok {
				s.levels[int(id)*nm+k] = 3
			}
		}
		for _, sk := range q.Skills {
			if id, ok := skills.lookup(normalise(sk.Name, syn)); ok {
				s.levels[int(id)*nm+k] = int8(sk.Level)
			}
		}
	}
	s.smallLevels = true
	for _, l := range s.levels {
		s.smallLevels = s.smallLevels && l >= 0 && l < 16
	}
	s.prepareColumns(len(goals.names))
	s.warnings = append(s.warnings, s.capacityWarnings(cfg, session)...)
	if ps := s.prepareCriteria(); len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	s.prepareHistory()
	if ps := s.prepareDecisions(); len(ps) > 0 {
		ps.Sort()
		return nil, ps
	}
	return s, nil
}

// capacityWarnings names the mentors whose free time cannot hold a session
// with each of their capacity's mentees every primary_every_days: the plan
// would have to flag the rest.
func (s *Scorer) capacityWarnings(cfg mentormatch.Config, session int) []mentormatch.Problem {
	every := cfg.Schedule.PrimaryEvery
	if every <= 0 {
		every = mentormatch.DefaultConfig().Schedule.PrimaryEvery
	}
	var out []mentormatch.Problem
	for j := range s.mentors {
		m := &s.mentors[j]
		n := s.avail.Sessions(m.idx)
		if m.blocked || n < 0 {
			continue
		}
		holds := n * every / 7
		if m.capacity <= holds {
			continue
		}
		q := &s.p.People[m.idx]
		out = append(out, mentormatch.Problem{File: q.Source.File, Sheet: q.Source.Sheet, Row: q.Source.Row, Column: "capacity",
			Message: fmt.Sprintf("mentor %s has capacity %d but free time for %d sessions of %d minutes every %d days (%s h a week): some 1:1 sessions will fall outside their availability",
				q.ID, m.capacity, holds, session, every, trimFloat(s.avail.Weekly(m.idx)))})
	}
	return out
}

// Warnings are problems that do not stop scoring, such as a
// mentee_preference column no mentee filled in, or a mentor whose free
// time cannot hold their capacity's sessions.
func (s *Scorer) Warnings() []mentormatch.Problem { return s.warnings }

// ComponentNames lists the components of every Breakdown in order: the
// built-in ones (Names), then the criteria that are soft or carry a weight,
// in the configuration's order.
func (s *Scorer) ComponentNames() []string {
	names := slices.Clone(Names)
	for _, k := range s.softCrits {
		names = append(names, s.crits[k].name)
	}
	return names
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func shareAny(a, b []int32) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// rule names, also used to group unmatched reasons.
const (
	ruleSelf     = "the same person"
	ruleSenior   = "senior mentors take no 1:1 mentees"
	ruleCapacity = "the mentor's capacity is 0"
	ruleAvoid    = "one of them asked not to be paired"
	ruleChain    = "in the mentee's management chain"
	ruleLanguage = "no shared language"
	ruleDept     = "same department"
	ruleGap      = "level gap too large"
	ruleBelow    = "mentor below the mentee's level"
	ruleOverlap  = "too little shared time"
	ruleMinScore = "score below the minimum"
)

// forbidden returns the first hard rule the pair breaks, or "".
func (s *Scorer) forbidden(e, m *person, overlap float64) string {
	return s.rule(e, m, overlap, true)
}

// rule is forbidden, leaving out the rules that read lists of people (the
// same person, avoid, management chain) unless lists is set.
func (s *Scorer) rule(e, m *person, overlap float64, lists bool) string {
	r := &s.cfg.Rules
	switch {
	case lists && e.idx == m.idx:
		return ruleSelf
	case m.blocked && m.senior:
		return ruleSenior
	case m.blocked:
		return ruleCapacity
	case lists && r.Avoid && (contains(e.avoid, m.idx) || contains(m.avoid, e.idx)):
		return ruleAvoid
	case lists && contains(e.veto, m.col):
		return ruleVeto
	case lists && s.repeatForbidden(e, m):
		return ruleEarlier
	case lists && r.ManagementChain && (contains(e.chain, m.idx) || contains(m.chain, e.idx)):
		return ruleChain
	case r.SharedLanguage && len(e.langs) > 0 && len(m.langs) > 0 && !s.shareLang(e, m):
		return ruleLanguage
	case !r.AllowSameDepartment && e.dept >= 0 && e.dept == m.dept:
		return ruleDept
	case r.MaxLevelGap > 0 && e.level > 0 && m.level > 0 && abs(m.level-e.level) > r.MaxLevelGap:
		return ruleGap
	case r.MentorAboveMentee && e.level > 0 && m.level > 0 && m.level < e.level:
		return ruleBelow
	case s.tooLittleTime(overlap):
		return ruleOverlap
	}
	if len(s.hardCrits) > 0 {
		rule, _ := s.failedHard(e, m)
		return rule
	}
	return ""
}

// tooLittleTime reports whether a pair sharing overlap hours a week (−1:
// unknown) falls short of the rule's minimum.
func (s *Scorer) tooLittleTime(overlap float64) bool {
	r := &s.cfg.Rules
	return r.MinOverlapHours > 0 && overlap >= 0 && overlap < r.MinOverlapHours
}

func (s *Scorer) shareLang(e, m *person) bool {
	if s.langBits {
		return e.langMask&m.langMask != 0
	}
	return shareAny(e.langs, m.langs)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// levelFit prefers a mentor two levels above the mentee.
func levelFit(gap int) float64 {
	switch {
	case gap == 2:
		return 1
	case gap == 1 || gap == 3:
		return 0.8
	case gap == 4:
		return 0.5
	case gap == 0:
		return 0.3
	case gap > 4:
		return 0.2
	}
	return 0
}

// goalSet is a set of goal ids, a bit each: the scoring loop asks it for
// every pair, where a map lookup cost a tenth of the time.
type goalSet []uint64

func (g goalSet) has(id int32) bool {
	w := int(id >> 6)
	return w < len(g) && g[w]&(1<<(uint(id)&63)) != 0
}

func (g *goalSet) add(id int32) {
	w := int(id >> 6)
	for len(*g) <= w {
		*g = append(*g, 0)
	}
	(*g)[w] |= 1 << (uint(id) & 63)
}

// Round2 rounds a score to the hundredths that every output shows, so
// that totals and prices agree with the scores beside them.
func Round2(x float64) float64 { return math.Round(x*100) / 100 }

// total is the pair's score from the built-in components and the
// criteria's weighted sum (critPoints).
func (s *Scorer) total(c *[5]float64, crit float64) float64 {
	// The conversions forbid fusing a product into the sum (FMA), which
	// the compiler may do in one place and not in another.
	t := 0.0
	for k := range c {
		t += float64(s.w[k] * c[k])
	}
	return Round2(100 * (t + crit) / s.wsum)
}

// score is the matrix cell of the pair: NaN when forbidden.
func (s *Scorer) score(i, j int) float64 {
	return s.value(&s.mentees[i], &s.mentors[j], true)
}

// value is the cell of e and m. Without lists it leaves out what reads
// lists of people (the same person, avoid, management chain, prefers):
// Row computes the rest for every mentor, then the few pairs these concern
// with lists.
func (s *Scorer) value(e, m *person, lists bool) float64 {
	// Rules that need no components first: most forbidden pairs stop here.
	if lists && e.pin >= 0 || s.rule(e, m, -1, lists) != "" {
		return math.NaN()
	}
	prefer := 0.0
	if lists {
		prefer = s.preference(e, m)
	}
	c, overlap, _ := s.components(e, m, prefer)
	t := s.finish(e, m, &c, overlap)
	if lists {
		t = s.earlierPenalty(e, m, t)
	}
	return t
}

// finish is the cell of an allowed pair from its components: NaN when
// the shared time or the score falls short.
func (s *Scorer) finish(e, m *person, c *[5]float64, overlap float64) float64 {
	if s.tooLittleTime(overlap) {
		return math.NaN()
	}
	crit := 0.0
	if len(s.softCrits) > 0 {
		crit = s.critPoints(e, m)
	}
	t := s.total(c, crit)
	if t < s.cfg.Rules.MinScore {
		return math.NaN()
	}
	return t
}

// Matrix scores every pair: mentees × mentors, NaN where a hard rule forbids
// the pair.
func (s *Scorer) Matrix() *mat.Dense {
	rows, cols := len(s.mentees), len(s.mentors)
	if rows == 0 || cols == 0 {
		return &mat.Dense{}
	}
	data := make([]float64, rows*cols)
	parallel.Rows(rows, 0, func(i int, _ []float64) { s.Row(i, data[i*cols:(i+1)*cols]) })
	return mat.NewDense(rows, cols, data)
}

// Pair explains the score of mentee i with mentor j.
func (s *Scorer) Pair(i, j int) Breakdown {
	e, m := &s.mentees[i], &s.mentors[j]
	c, overlap, meet := s.components(e, m, s.preference(e, m))
	b := Breakdown{OverlapHours: overlap, CanMeet: meet, Components: make([]mentormatch.Component, len(Names), len(Names)+len(s.softCrits))}
	for k, name := range Names {
		b.Components[k] = mentormatch.Component{Name: name, Value: round4(c[k]), Points: Round2(100 * s.w[k] * c[k] / s.wsum)}
	}
	for _, k := range s.softCrits {
		cr := &s.crits[k]
		v := softValue(cr.eval(&e.crit[k], &m.crit[k]))
		b.Components = append(b.Components, mentormatch.Component{Name: cr.name, Value: round4(v), Points: Round2(100 * cr.weight * v / s.wsum)})
	}
	b.Forbidden = s.forbidden(e, m, overlap)
	// A criterion's reason gets the two cells, when it is the one that forbids.
	if _, k := s.failedHard(e, m); k >= 0 && (b.Forbidden == s.crits[k].failKey || b.Forbidden == s.crits[k].blankKey) {
		b.Forbidden += " (" + s.crits[k].detail(&e.crit[k], &m.crit[k]) + ")"
	}
	t := s.total(&c, s.critPoints(e, m))
	if b.Forbidden == "" && t < s.cfg.Rules.MinScore {
		b.Forbidden = fmt.Sprintf("%s (%.2f < %.2f)", ruleMinScore, t, s.cfg.Rules.MinScore)
	}
	if b.Forbidden == "" && e.pin >= 0 && e.pin != j {
		b.Forbidden = s.pinnedElsewhere(e)
	}
	if b.Forbidden == "" {
		b.Score = s.earlierPenalty(e, m, t)
	}
	b.Reason = s.reason(i, j, c, overlap, meet)
	if b.Forbidden == "" && b.Score != t {
		b.Reason += fmt.Sprintf("; paired in an earlier cohort (−%s)", trimFloat(t-b.Score))
	}
	return b
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// reason names the strongest components of the pair in words, strongest
// first.
func (s *Scorer) reason(i, j int, c [5]float64, overlap float64, meet bool) string {
	e, m := &s.mentees[i], &s.mentors[j]
	type part struct {
		points float64
		text   string
	}
	var parts []part
	if len(e.wants) > 0 {
		var covered []string
		for _, w := range e.wants {
			if b := s.levels[int(w.skill)*len(s.mentors)+m.col]; b > w.own && len(covered) < 2 {
				covered = append(covered, fmt.Sprintf("%s %d vs %d", s.skillNames[w.skill], b, w.own))
			}
		}
		if len(covered) > 0 {
			parts = append(parts, part{s.w[0] * c[0], "covers " + strings.Join(covered, ", ")})
		} else {
			parts = append(parts, part{s.w[0] * c[0], "covers none of the wanted skills"})
		}
	}
	if overlap >= 0 && meet {
		parts = append(parts, part{s.w[1] * c[1], fmt.Sprintf("%s h/week shared", trimFloat(overlap))})
	}
	if len(e.goals) > 0 {
		var hit []string
		for _, g := range e.goals {
			if m.offers.has(g.id) {
				hit = append(hit, s.goalNames[g.id])
			}
		}
		if len(hit) > 0 {
			parts = append(parts, part{s.w[2] * c[2], "goals: " + strings.Join(hit, ", ")})
		}
	}
	if e.level > 0 && m.level > 0 && c[3] >= 0.8 {
		parts = append(parts, part{s.w[3] * c[3], fmt.Sprintf("level %d vs %d", m.level, e.level)})
	}
	if c[4] > 0 {
		parts = append(parts, part{s.w[4] * c[4], s.preferenceText(e, m)})
	}
	for _, k := range s.softCrits {
		cr := &s.crits[k]
		if text := cr.reasonPart(&e.crit[k], &m.crit[k]); text != "" && cr.weight > 0 {
			v, _ := cr.eval(&e.crit[k], &m.crit[k])
			parts = append(parts, part{cr.weight * v, text})
		}
	}
	sort.SliceStable(parts, func(a, b int) bool { return parts[a].points > parts[b].points })
	if len(parts) > 3 {
		parts = parts[:3]
	}
	texts := make([]string, 0, len(parts)+1)
	if !meet {
		// Said first, whatever the points: the pair cannot hold a session.
		texts = append(texts, s.noSharedTime(overlap))
	}
	for _, p := range parts {
		texts = append(texts, p.text)
	}
	if len(texts) == 0 {
		return "no strong reason either way: the inputs say little about this pair"
	}
	return strings.Join(texts, "; ")
}

// noSharedTime says why a pair cannot meet: no free time in common, or
// too little for a whole session in some week of the program.
func (s *Scorer) noSharedTime(overlap float64) string {
	if overlap <= 0 {
		return "no shared free time"
	}
	return fmt.Sprintf("no shared free time for a whole %d-minute session every week (%s h in the leanest week)",
		s.avail.SessionCells()*availability.CellMinutes, trimFloat(overlap))
}

func trimFloat(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".")
}

// UnmatchedReason says in words why mentee i got nobody, given how many
// mentees each mentor took.
func (s *Scorer) UnmatchedReason(i int, assigned []int) string {
	row := make([]float64, len(s.mentors))
	s.Row(i, row)
	return s.UnmatchedReasonRow(i, row, assigned)
}

// UnmatchedReasonRow is UnmatchedReason given the mentee's row of cells,
// as Row sets it.
func (s *Scorer) UnmatchedReasonRow(i int, row []float64, assigned []int) string {
	var list []string
	full := 0
	caps := s.mcapacity[:min(len(row), len(assigned))]
	for j, c := range caps {
		if assigned[j] >= int(c) && !math.IsNaN(row[j]) {
			if full++; full <= 5 {
				list = append(list, s.p.People[s.mperson[j]].ID)
			}
		}
	}
	if full > 0 {
		more := ""
		if full > 5 {
			more = fmt.Sprintf(" and %d more", full-5)
		}
		if full == 1 {
			return fmt.Sprintf("the only mentor who could take them is full: %s", list[0])
		}
		return fmt.Sprintf("the %d mentors who could take them are full: %s%s", full, strings.Join(list, ", "), more)
	}
	blocked := map[string]int{}
	for j, x := range row {
		if !math.IsNaN(x) {
			continue
		}
		e, m := &s.mentees[i], &s.mentors[j]
		rule := s.forbidden(e, m, -1)
		if rule == "" {
			_, overlap, _ := s.components(e, m, 0)
			if rule = s.forbidden(e, m, overlap); rule == "" {
				rule = ruleMinScore
			}
		}
		blocked[rule]++
	}
	if len(s.mentors) == 0 {
		return "there are no mentors"
	}
	// No candidate at all: say which rules block them.
	delete(blocked, ruleSenior)
	delete(blocked, ruleCapacity)
	delete(blocked, ruleSelf)
	if len(blocked) == 0 {
		return "no mentor takes 1:1 mentees"
	}
	if len(blocked) == 1 {
		for rule := range blocked {
			switch rule {
			case ruleLanguage:
				return "no mentor shares a language"
			case ruleChain:
				return "blocked by management chain for all candidates"
			case ruleMinScore:
				return "no mentor scores above the minimum"
			}
			return "every mentor is excluded: " + rule
		}
	}
	rules := make([]string, 0, len(blocked))
	for r, n := range blocked {
		rules = append(rules, fmt.Sprintf("%s (%d)", r, n))
	}
	sort.Strings(rules)
	return "no mentor is allowed: " + strings.Join(rules, ", ")
}
