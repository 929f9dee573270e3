package roadmap

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/internal/parallel"
)

// Build returns one roadmap per match of plan.Roster, in roster order, with
// milestones on the pair's primary sessions in plan.Sessions. It depends
// only on its arguments. A plan without a roster gives no roadmaps.
//
// Errors: a configuration that does not validate (ErrConfig), and matches
// whose mentee or mentor is nobody in p (ErrInput), all listed.
//
// Build takes O(S log S + M·(W+G+O)·K) time for S sessions, M matches and
// people with W wants, G goals, O offers and K skills.
func Build(p *mentormatch.Program, plan *mentormatch.Plan, cfg mentormatch.Config) ([]mentormatch.Roadmap, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if p == nil || plan == nil {
		return nil, fmt.Errorf("%w: no program or plan to build roadmaps from", mentormatch.ErrInput)
	}
	if plan.Roster == nil {
		return []mentormatch.Roadmap{}, nil
	}
	b := newBuilder(p, plan, cfg)
	matches := plan.Roster.Matches
	var ps mentormatch.Problems
	for _, m := range matches {
		e, mr := b.people[m.MenteeID], b.people[m.MentorID]
		if e == nil || mr == nil {
			id, col := m.MenteeID, "mentee_id"
			if e != nil {
				id, col = m.MentorID, "mentor_id"
			}
			ps = append(ps, mentormatch.Problem{Column: col, Message: fmt.Sprintf("roster match %s–%s: %q is nobody in the program", m.MenteeID, m.MentorID, id)})
		}
	}
	if len(ps) > 0 {
		return nil, fmt.Errorf("roster does not fit the people: %w", ps)
	}
	// Each pair's roadmap reads only the builder, so the pairs are built
	// on every core, each into its own place.
	out := make([]mentormatch.Roadmap, len(matches))
	parallel.For(len(matches), 0, 64, func(_, k int) {
		out[k] = b.pair(b.people[matches[k].MenteeID], b.people[matches[k].MentorID])
	})
	return out, nil
}

// builder holds what every pair's roadmap is built from.
type builder struct {
	rc       mentormatch.RoadmapConfig
	synonyms map[string]string
	people   map[string]*mentormatch.Person
	sessions map[[2]string][]*mentormatch.Session // primary, by mentee and mentor
	visits   map[string][]*mentormatch.Session    // senior visits, by cohort
	cohortOf map[string]string                    // mentee id → cohort
	wording  map[string]map[string]string         // topic → stage → family wording
	titles   map[string]string                    // topic → its family's objective title
	// goalWording is the wording of goals in no family, by stage.
	goalWording map[string]string
	cum         []float64 // stages' cumulative shares, the last 1
}

func newBuilder(p *mentormatch.Program, plan *mentormatch.Plan, cfg mentormatch.Config) *builder {
	b := &builder{
		rc:       cfg.Roadmap,
		synonyms: map[string]string{},
		people:   map[string]*mentormatch.Person{},
		sessions: map[[2]string][]*mentormatch.Session{},
		visits:   map[string][]*mentormatch.Session{},
		cohortOf: map[string]string{},
		wording:  map[string]map[string]string{},
		titles:   map[string]string{},
	}
	for k, v := range cfg.Synonyms {
		b.synonyms[mentormatch.NormaliseTopic(k)] = mentormatch.NormaliseTopic(v)
	}
	for i := range p.People {
		if _, dup := b.people[p.People[i].ID]; !dup {
			b.people[p.People[i].ID] = &p.People[i]
		}
	}
	for i := range plan.Sessions {
		s := &plan.Sessions[i]
		switch {
		case s.Kind == mentormatch.KindPrimary && len(s.Participants) >= 2:
			k := [2]string{s.Participants[0], s.Participants[1]}
			b.sessions[k] = append(b.sessions[k], s)
		case s.Kind == mentormatch.KindSenior && len(s.Participants) > 0:
			b.visits[s.Cohort] = append(b.visits[s.Cohort], s)
		}
	}
	byStart := func(x, y *mentormatch.Session) int {
		return cmp.Or(x.Start.Compare(y.Start), cmp.Compare(x.Round, y.Round))
	}
	for _, ss := range b.sessions {
		slices.SortStableFunc(ss, byStart)
	}
	for _, ss := range b.visits {
		slices.SortStableFunc(ss, byStart)
	}
	for _, c := range plan.Cohorts {
		for _, id := range c.Members {
			b.cohortOf[id] = c.ID
		}
	}
	b.goalWording = map[string]string{}
	for st, w := range b.rc.GoalWording {
		b.goalWording[mentormatch.NormaliseTopic(st)] = w
	}
	for _, f := range b.rc.Families {
		w := map[string]string{}
		for _, st := range slices.Sorted(maps.Keys(f.Wording)) {
			w[mentormatch.NormaliseTopic(st)] = f.Wording[st]
		}
		for _, t := range f.Topics {
			b.wording[mentormatch.NormaliseTopic(t)] = w
			if f.Objective != "" {
				b.titles[mentormatch.NormaliseTopic(t)] = f.Objective
			}
		}
	}
	var sum, acc float64
	for _, s := range b.rc.Stages {
		sum += s.Share
	}
	for i, s := range b.rc.Stages {
		acc += s.Share
		b.cum = append(b.cum, acc/sum)
		if i == len(b.rc.Stages)-1 {
			b.cum[i] = 1
		}
	}
	return b
}

func (b *builder) norm(s string) string {
	s = mentormatch.NormaliseTopic(s)
	if c, ok := b.synonyms[s]; ok {
		return c
	}
	return s
}

func zone(p *mentormatch.Person) *time.Location {
	if p.Location != nil {
		return p.Location
	}
	return time.UTC
}

// pair builds the roadmap of mentee e with mentor m.
func (b *builder) pair(e, m *mentormatch.Person) mentormatch.Roadmap {
	r := mentormatch.Roadmap{
		MenteeID: e.ID, MenteeName: nameOr(e), MentorID: m.ID, MentorName: nameOr(m),
		Cohort: b.cohortOf[e.ID], MenteeLevel: e.Level, MentorLevel: m.Level,
		MenteeZone: zone(e), MentorZone: zone(m),
		Goals: slices.Clone(e.Goals), Intro: b.rc.Intro,
		Objectives: []mentormatch.Objective{}, Sessions: []mentormatch.Checkpoint{}, Agenda: []mentormatch.AgendaItem{}, Notes: []string{},
	}
	if r.Goals == nil {
		r.Goals = []string{}
	}
	cands := b.candidates(e, m)
	r.Objectives = b.choose(cands, e, m)
	ss := b.sessions[[2]string{e.ID, m.ID}]
	cal := b.timeline(ss)
	due := make([][]string, len(ss))
	n, stagger := len(r.Objectives), b.rc.Stagger
	for k := range n {
		// Staggering is worth less than a session per stage.
		if start, end := b.window(cal, k, n, stagger); end-start < len(b.rc.Stages) {
			stagger = 0
		}
	}
	for k := range r.Objectives {
		o := &r.Objectives[k]
		for x, i := range b.place(o, k, n, stagger, cal, ss, e, m) {
			due[i] = append(due[i], o.Milestones[x].Stage+": "+o.Topic)
		}
	}
	r.Sessions, r.Agenda = b.checkpoints(ss, cal, due, e, m)
	r.Notes = b.notes(&r, cands, e, m)
	return r
}

func nameOr(p *mentormatch.Person) string {
	if p.Name != "" {
		return p.Name
	}
	return p.ID
}

// candidate is a wanted skill or a career goal that could become an
// objective.
type candidate struct {
	kind    mentormatch.ObjectiveKind
	topic   string
	rank    int // 1-based place in the mentee's wants or goals
	from    int
	mentor  int  // mentor's level in the skill; -1 when not listed
	covered bool // the mentor is stronger (skills) or offers it (goals)
	target  int
}

// candidates lists the mentee's wants, then goals, in their order.
func (b *builder) candidates(e, m *mentormatch.Person) []candidate {
	var out []candidate
	seen := map[string]bool{}
	for i, w := range e.Wants {
		t := mentormatch.NormaliseTopic(w)
		if seen[t] {
			continue
		}
		seen[t] = true
		from, _ := e.SkillLevel(t)
		c := candidate{kind: mentormatch.ObjectiveSkill, topic: t, rank: i + 1, from: from, mentor: -1}
		if ml, ok := m.SkillLevel(t); ok {
			c.mentor = ml
		}
		c.covered = c.mentor > from
		if c.covered {
			c.target = min(from+b.rc.LevelGain, c.mentor, 5)
		} else {
			c.target = min(from+1, 5)
		}
		out = append(out, c)
	}
	offers := map[string]bool{}
	for _, o := range m.Offers {
		offers[b.norm(o)] = true
	}
	seenGoal := map[string]bool{}
	for i, g := range e.Goals {
		t := b.norm(g)
		if seenGoal[t] {
			continue
		}
		seenGoal[t] = true
		out = append(out, candidate{kind: mentormatch.ObjectiveGoal, topic: t, rank: i + 1, mentor: -1, covered: offers[t]})
	}
	return out
}

// choose picks the objectives: wanted skills the mentor is stronger in,
// most wanted first, leaving room for up to GoalObjectives career goals the
// mentor offers; then, below MinObjectives, wanted skills the mentor is not
// stronger in and the remaining goals. Skills already at 5 never count.
func (b *builder) choose(cands []candidate, e, m *mentormatch.Person) []mentormatch.Objective {
	var skills, goals, fill []candidate
	for _, c := range cands {
		switch {
		case c.kind == mentormatch.ObjectiveSkill && c.from >= 5:
		case c.kind == mentormatch.ObjectiveSkill && c.covered:
			skills = append(skills, c)
		case c.kind == mentormatch.ObjectiveGoal && c.covered:
			goals = append(goals, c)
		}
	}
	g := min(b.rc.GoalObjectives, len(goals))
	s := min(len(skills), b.rc.MaxObjectives-g)
	picked := append(append([]candidate{}, skills[:s]...), goals[:g]...)
	if len(picked) < b.rc.MinObjectives {
		for _, c := range cands {
			if c.kind == mentormatch.ObjectiveSkill && !c.covered && c.from < 5 {
				fill = append(fill, c)
			}
		}
		fill = append(fill, goals[g:]...)
		for _, c := range cands {
			if c.kind == mentormatch.ObjectiveGoal && !c.covered {
				fill = append(fill, c)
			}
		}
		picked = append(picked, fill[:min(len(fill), b.rc.MinObjectives-len(picked))]...)
	}
	out := make([]mentormatch.Objective, len(picked))
	for i, c := range picked {
		o := mentormatch.Objective{Kind: c.kind, Topic: c.topic, Milestones: []mentormatch.Milestone{}}
		title, family := b.titles[mentormatch.NormaliseTopic(c.topic)]
		if c.kind == mentormatch.ObjectiveSkill {
			o.From, o.To, o.MentorLevel = c.from, c.target, max(c.mentor, 0)
			if !family {
				title = b.rc.SkillObjective
			}
			o.Title = expand(title, "{topic}", c.topic, "{a}", article(c.topic), "{from}", b.level(c.from), "{to}", b.level(c.target))
		} else {
			if !family {
				title = b.rc.GoalObjective
			}
			o.Title = expand(title, "{topic}", c.topic, "{a}", article(c.topic), "{from}", "", "{to}", "")
		}
		o.Why = b.why(c, len(e.Wants), len(e.Goals), e, m)
		out[i] = o
	}
	return out
}

// level is a skill level with its name, if the template names levels.
func (b *builder) level(n int) string {
	if n >= 0 && n < len(b.rc.LevelNames) && b.rc.LevelNames[n] != "" {
		return strconv.Itoa(n) + " (" + b.rc.LevelNames[n] + ")"
	}
	return strconv.Itoa(n)
}

// why says, in words, what ties an objective to the pair.
func (b *builder) why(c candidate, wants, goals int, e, m *mentormatch.Person) string {
	me, mm := nameOr(e), nameOr(m)
	switch {
	case c.kind == mentormatch.ObjectiveSkill && c.covered:
		s := fmt.Sprintf("Wanted skill %d of %d for %s; %s is at %s.", c.rank, wants, me, mm, b.level(c.mentor))
		if c.target < min(c.from+b.rc.LevelGain, 5) {
			s += fmt.Sprintf(" The target stops at %s's level.", mm)
		}
		return s
	case c.kind == mentormatch.ObjectiveSkill:
		at := "does not list it"
		if c.mentor >= 0 {
			at = "is at " + b.level(c.mentor)
		}
		return fmt.Sprintf("Wanted skill %d of %d for %s; %s %s, so learn the skill itself with peers and visiting seniors and use the 1:1s to plan and reflect.", c.rank, wants, me, mm, at)
	case c.covered:
		return fmt.Sprintf("Career goal %d of %d for %s, and one %s offers to help with.", c.rank, goals, me, mm)
	}
	return fmt.Sprintf("Career goal %d of %d for %s; %s does not list it among what they offer, so agree early what help is realistic.", c.rank, goals, me, mm)
}

// timeline is a pair's sessions as days since the kickoff, with the
// sessions that fall on the review and skills-review grids.
type timeline struct {
	day     []int
	review  []bool
	skills  []bool
	closing int // index of the last session; -1 when there is none
}

// civilDay numbers t's calendar date in its own zone.
func civilDay(t time.Time) int {
	y, mo, d := t.Date()
	return int(time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (b *builder) timeline(ss []*mentormatch.Session) timeline {
	n := len(ss)
	cal := timeline{day: make([]int, n), review: make([]bool, n), skills: make([]bool, n), closing: n - 1}
	for i, s := range ss {
		cal.day[i] = civilDay(s.Start) - civilDay(ss[0].Start)
	}
	grid(cal.day, b.rc.ReviewEveryDays, cal.review)
	grid(cal.day, b.rc.SkillsReviewDays, cal.skills)
	return cal
}

// grid marks, for each multiple of every days after the kickoff, the first
// session on or after it; a long gap gives one mark, not several.
func grid(day []int, every int, mark []bool) {
	if every <= 0 {
		return
	}
	next := every
	for i := 1; i < len(day); i++ {
		if day[i] >= next {
			mark[i] = true
			next = (day[i]/every + 1) * every
		}
	}
}

// window returns the first and last session of objective k of n when
// consecutive objectives are staggered by the given share of the program.
func (b *builder) window(cal timeline, k, n int, stagger float64) (start, end int) {
	if len(cal.day) == 0 {
		return 0, 0
	}
	span := float64(cal.day[cal.closing])
	lo := float64(k) * stagger
	hi := 1 - float64(n-1-k)*stagger
	start = nearest(cal.day, 0, cal.closing, lo*span)
	end = start
	if start < cal.closing {
		end = nearest(cal.day, start+1, cal.closing, hi*span)
	}
	return start, end
}

// place dates objective k of n: its window of the program is staggered by
// stagger, and each stage's milestone falls on the session nearest its
// share of the window, preferring review sessions, always later than the
// stage before when sessions allow. It returns
// the index in ss of each milestone's session.
func (b *builder) place(o *mentormatch.Objective, k, n int, stagger float64, cal timeline, ss []*mentormatch.Session, e, m *mentormatch.Person) []int {
	rep := []string{"{topic}", o.Topic, "{a}", article(o.Topic), "{mentor}", nameOr(m), "{mentee}", nameOr(e)}
	for _, st := range b.rc.Stages {
		text := st.Text
		if w, ok := b.wording[o.Topic][mentormatch.NormaliseTopic(st.Name)]; ok {
			text = w
		} else if w, ok := b.goalWording[mentormatch.NormaliseTopic(st.Name)]; ok && o.Kind == mentormatch.ObjectiveGoal {
			text = w
		}
		o.Milestones = append(o.Milestones, mentormatch.Milestone{Stage: st.Name, Text: expand(text, rep...)})
	}
	if len(ss) == 0 {
		return nil
	}
	start, end := b.window(cal, k, n, stagger)
	var at []int // the sessions a milestone may fall on
	for i := start + 1; i <= end; i++ {
		at = append(at, i)
	}
	if len(at) == 0 {
		at = append(at, end)
	}
	// A session off the review grid must be half a review interval nearer
	// its target to win, so milestones gather on the reviews.
	offGrid := float64(b.rc.ReviewEveryDays) / 2
	d0, d1 := float64(cal.day[start]), float64(cal.day[end])
	prev := -1
	idx := make([]int, len(o.Milestones))
	for s := range o.Milestones {
		first, last := prev+1, len(at)-(len(o.Milestones)-s)
		if first > last { // fewer sessions than stages: stages share them
			first, last = max(prev, 0), len(at)-1
			if s == len(o.Milestones)-1 {
				first = last
			}
		}
		target := d0 + (d1-d0)*b.cum[s]
		cost := func(x int) float64 {
			c := abs(float64(cal.day[at[x]]) - target)
			if i := at[x]; !cal.review[i] && i != cal.closing {
				c += offGrid
			}
			return c
		}
		prev = first
		for x := first + 1; x <= last; x++ {
			if cost(x) < cost(prev) {
				prev = x
			}
		}
		idx[s] = at[prev]
		ses := ss[at[prev]]
		o.Milestones[s].Due, o.Milestones[s].Round = ses.Start, ses.Round
	}
	o.Start, o.StartRound = ss[start].Start, ss[start].Round
	last := o.Milestones[len(o.Milestones)-1]
	o.Due, o.DueRound = last.Due, last.Round
	return idx
}

// nearest is the index in [lo, hi] whose day is closest to target; ties go
// to the earlier one.
func nearest(day []int, lo, hi int, target float64) int {
	best := lo
	for i := lo + 1; i <= hi; i++ {
		if abs(float64(day[i])-target) < abs(float64(day[best])-target) {
			best = i
		}
	}
	return best
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// checkpoints says what each session is for, and agenda words each kind
// of session that occurs, in a fixed order.
func (b *builder) checkpoints(ss []*mentormatch.Session, cal timeline, due [][]string, e, m *mentormatch.Person) ([]mentormatch.Checkpoint, []mentormatch.AgendaItem) {
	out := make([]mentormatch.Checkpoint, len(ss))
	used := map[string]bool{}
	for i, s := range ss {
		var kinds []string
		switch {
		case i == 0:
			kinds = append(kinds, mentormatch.CheckKickoff)
		case i == cal.closing:
			kinds = append(kinds, mentormatch.CheckClosing)
		default:
			if cal.review[i] || len(due[i]) > 0 {
				kinds = append(kinds, mentormatch.CheckReview)
			}
			if cal.skills[i] {
				kinds = append(kinds, mentormatch.CheckSkills)
			}
			if len(kinds) == 0 {
				kinds = append(kinds, mentormatch.CheckIn)
			}
		}
		for _, k := range kinds {
			used[k] = true
		}
		d := due[i]
		if d == nil {
			d = []string{}
		}
		out[i] = mentormatch.Checkpoint{Round: s.Round, Start: s.Start, End: s.End, Kinds: kinds, Due: d, Flag: s.Flag}
	}
	rep := []string{"{mentor}", nameOr(m), "{mentee}", nameOr(e)}
	ag := b.rc.Agenda
	agenda := []mentormatch.AgendaItem{}
	for _, it := range []mentormatch.AgendaItem{
		{Kind: mentormatch.CheckKickoff, Text: ag.Kickoff},
		{Kind: mentormatch.CheckIn, Text: ag.CheckIn},
		{Kind: mentormatch.CheckReview, Text: ag.Review},
		{Kind: mentormatch.CheckSkills, Text: ag.Skills},
		{Kind: mentormatch.CheckClosing, Text: ag.Closing},
	} {
		if used[it.Kind] && strings.TrimSpace(it.Text) != "" {
			agenda = append(agenda, mentormatch.AgendaItem{Kind: it.Kind, Text: expand(strings.TrimSpace(it.Text), rep...)})
		}
	}
	return out, agenda
}

// notes tells the pair what the objectives leave out: wants the mentor
// cannot lift, wants and goals kept for later, seniors who can help, and a
// missing schedule.
func (b *builder) notes(r *mentormatch.Roadmap, cands []candidate, e, m *mentormatch.Person) []string {
	var out []string
	if len(r.Sessions) == 0 {
		out = append(out, "No 1:1 session is scheduled for this pair yet, so the milestones have no dates; plan again once both have availability in common.")
	}
	if len(r.Objectives) == 0 {
		out = append(out, fmt.Sprintf("%s lists no wanted skill or career goal to build objectives from: agree two at the kickoff.", nameOr(e)))
	}
	taken := map[string]bool{}
	for _, o := range r.Objectives {
		taken[string(o.Kind)+"/"+o.Topic] = true
	}
	var later, weak, goals []string
	for _, c := range cands {
		if taken[string(c.kind)+"/"+c.topic] {
			continue
		}
		switch {
		case c.kind == mentormatch.ObjectiveSkill && c.from >= 5:
		case c.kind == mentormatch.ObjectiveSkill && c.covered:
			later = append(later, fmt.Sprintf("%s (%s %d, %s %d)", c.topic, nameOr(e), c.from, nameOr(m), c.mentor))
		case c.kind == mentormatch.ObjectiveSkill:
			weak = append(weak, c.topic)
		default:
			goals = append(goals, c.topic)
		}
	}
	if len(later) > 0 {
		out = append(out, "Also wanted, to take up when an objective is done: "+strings.Join(later, "; ")+".")
	}
	if len(weak) > 0 {
		out = append(out, fmt.Sprintf("%s is not stronger than %s in %s: look for help from peers and the seniors visiting the cohort.", nameOr(m), nameOr(e), strings.Join(weak, ", ")))
	}
	if len(goals) > 0 {
		out = append(out, "Career goals to keep in view at the skills reviews: "+strings.Join(goals, ", ")+".")
	}
	out = append(out, b.seniors(r, e)...)
	return out
}

// seniors names the seniors visiting the pair's cohort who are at or above
// an objective's target, with the dates of their visits.
func (b *builder) seniors(r *mentormatch.Roadmap, e *mentormatch.Person) []string {
	var out []string
	visits := map[string][]string{}
	var order []string
	loc := zone(e)
	for _, s := range b.visits[r.Cohort] {
		id := s.Participants[0]
		if _, ok := visits[id]; !ok {
			order = append(order, id)
		}
		visits[id] = append(visits[id], s.Start.In(loc).Format("Mon 2 Jan 2006"))
	}
	for _, id := range order {
		sen := b.people[id]
		if sen == nil {
			continue
		}
		var strong []string
		for _, o := range r.Objectives {
			if o.Kind != mentormatch.ObjectiveSkill {
				continue
			}
			if l, ok := sen.SkillLevel(o.Topic); ok && l >= o.To && l > o.From {
				strong = append(strong, fmt.Sprintf("%s %d", o.Topic, l))
			}
		}
		if len(strong) > 0 {
			out = append(out, fmt.Sprintf("%s (senior; %s) visits cohort %s on %s: bring a question.", nameOr(sen), strings.Join(strong, ", "), r.Cohort, strings.Join(visits[id], ", ")))
		}
	}
	return out
}

// article is "an" before a topic that starts with a vowel sound as
// spelled ("an engineering manager", "an architect"), else "a".
func article(topic string) string {
	if topic != "" && strings.ContainsRune("aeiouAEIOU", rune(topic[0])) {
		return "an"
	}
	return "a"
}

// expand puts the values of pairs (placeholder, value, …) in place of the
// placeholders in s, as strings.NewReplacer(pairs...).Replace(s) does:
// every placeholder starts with "{" and none is the start of another, so
// at most one matches anywhere, and values are not read again. A replacer
// made for each pair's texts was most of the time roadmaps took.
func expand(s string, pairs ...string) string {
	k := strings.IndexByte(s, '{')
	if k < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for k >= 0 {
		b.WriteString(s[:k])
		s = s[k:]
		n := 0
		for i := 0; i+1 < len(pairs); i += 2 {
			if strings.HasPrefix(s, pairs[i]) {
				b.WriteString(pairs[i+1])
				n = len(pairs[i])
				break
			}
		}
		if n == 0 {
			b.WriteByte('{')
			n = 1
		}
		s = s[n:]
		k = strings.IndexByte(s, '{')
	}
	b.WriteString(s)
	return b.String()
}
