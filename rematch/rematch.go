package rematch

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/mentormatch/mentormatch/internal/wording"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/matching"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/scoring"
)

// Defaults of RematchOptions.
const (
	// DefaultThreshold is the mean rating below which a pair is unhealthy.
	DefaultThreshold = mentormatch.DefaultHealthThreshold
	// DefaultMoveMargin is the points each moved healthy pair must add to
	// the total under --max-moves.
	DefaultMoveMargin = 5.0
)

// RematchOptions tune Rematch.
type RematchOptions struct {
	// Threshold is the mean rating below which a pair is unhealthy; 0
	// means DefaultThreshold.
	Threshold float64
	// MaxMoves is how many healthy pairs the optimiser may also move to
	// match more mentees or raise the total; 0 keeps every healthy pair.
	MaxMoves int
	// MoveMargin is how many points each moved pair must add to the total:
	// moves are worth making only when the total rises by more than
	// MoveMargin × moves. Negative means 0.
	MoveMargin float64
	// MaxSolves bounds the assignments solved in the search for the best
	// moves; 0 means 5000. Past it, the best moves found are used and a
	// warning states how far from the optimum they may be.
	MaxSolves int
	// CompactCells is how many cells a re-match's scores may have before
	// they are kept at two bytes a cell (scoring.Compact) rather than as
	// float64; 0 means DefaultCompactCells. Moves (MaxMoves > 0) need the
	// float64 matrix whatever its size.
	CompactCells int
	// SparseCells is how many cells the free mentees' problem may have
	// before it is solved in sparse mode over the score rows rather than
	// on a copy of them; 0 means DefaultSparseCells.
	SparseCells int
	// HoldMemory, when set, is called with the bytes of compact scores
	// while they are most of the live heap, as roster.Options.HoldMemory
	// is; nil does nothing.
	HoldMemory func(bytes int64) (release func())
	// Priority says who gets the places left when they are fewer than the
	// mentees to place (mentormatch.PriorityFreed, PriorityWaiting or
	// PriorityScore); "" means freed: a mentee whose pair ended through no
	// choice of theirs should not lose mentoring to someone who joined the
	// queue later, which is what a program manager promises them.
	Priority string
}

// Defaults of RematchOptions' sizes.
const (
	// DefaultCompactCells: 10⁸ cells are 800 MB as float64, 200 MB
	// compact.
	DefaultCompactCells = 100_000_000
	// DefaultSparseCells is the crossing point of roster's dense and
	// sparse solves, where a copy (and, when the free mentees outnumber
	// the places, a transposed copy besides) starts to cost more than
	// reading rows.
	DefaultSparseCells = 5_000_000
)

// Rematch re-matches a program after a relationship-health survey with as
// little disruption as possible:
//
//   - pairs the survey finds unhealthy (see Health) are dissolved and added
//     to the roster's history; a pair in that history is never formed
//     again, in this re-match or any later one;
//   - a pair whose mentee is no longer a mentee in p has left; a pair whose
//     mentor has left, or now breaks a hard rule, is freed; when a mentor's
//     capacity fell below their healthy pairs, the highest-scoring pairs
//     stay and the rest are freed;
//   - every other pair stays exactly as it is;
//   - freed mentees, mentees left unmatched before and mentees new in p
//     are matched optimally into the capacity that remains: the exact
//     assignment (matching.Solve) that first matches as many as possible,
//     then as many as possible of those opt.Priority puts first (the
//     freed, or the waiting; nobody with "score"), then maximises the
//     total score, with forbidden and dissolved pairs excluded. The
//     objective is the total, whatever cfg.Objective.
//
// With opt.MaxMoves > 0 healthy pairs may move too, at most MaxMoves of
// them, each only when it pays: the result maximises, in this order, the
// mentees matched and the total score minus MoveMargin per moved pair,
// ties going to fewer moves; a moved mentee always gets a new mentor. The
// limit on moves is a side constraint that breaks the assignment
// structure, so it is handled by Lagrangian relaxation inside an exact
// branch and bound (see repair). With MaxMoves 0 it is one assignment.
//
// prev is the previous roster as ReadRoster gives it; people are matched
// to it by id. Changes lists every mentee whose mentor changed, in p's
// mentee order, then the leavers by id. Deterministic; O(mentees ×
// mentors) memory (8 bytes a pair, 2 past 10⁸ pairs without moves) and one
// assignment solve unless MaxMoves > 0.
func Rematch(p *mentormatch.Program, cfg mentormatch.Config, prev *mentormatch.Roster, s *mentormatch.Survey, opt RematchOptions) (*mentormatch.Rematch, error) {
	if p == nil || prev == nil {
		return nil, fmt.Errorf("%w: rematch needs a program and its previous roster", mentormatch.ErrInput)
	}
	if opt.Threshold == 0 {
		opt.Threshold = DefaultThreshold
	}
	if opt.CompactCells == 0 {
		opt.CompactCells = DefaultCompactCells
	}
	if opt.SparseCells == 0 {
		opt.SparseCells = DefaultSparseCells
	}
	if opt.MaxMoves < 0 {
		return nil, fmt.Errorf("%w: max moves %d: expected 0 or more", mentormatch.ErrUsage, opt.MaxMoves)
	}
	switch opt.Priority {
	case "":
		opt.Priority = mentormatch.PriorityFreed
	case mentormatch.PriorityFreed, mentormatch.PriorityWaiting, mentormatch.PriorityScore:
	default:
		return nil, fmt.Errorf("%w: priority %q: expected freed, waiting or score", mentormatch.ErrUsage, opt.Priority)
	}
	if err := checkAnswers(prev, s); err != nil {
		return nil, err
	}
	if err := checkPins(prev, p.Decisions); err != nil {
		return nil, err
	}
	sc, err := scoring.New(p, cfg)
	if err != nil {
		return nil, err
	}
	st := &rematch{p: p, cfg: cfg, prev: prev, sc: sc, opt: opt}
	st.health = mentormatch.SurveyHealth(prev, s, opt.Threshold)
	st.index()
	if c := st.scores.compact; c != nil && opt.HoldMemory != nil {
		defer opt.HoldMemory(c.Bytes())()
	}
	st.classify()
	if err := st.solve(); err != nil {
		return nil, err
	}
	return &mentormatch.Rematch{Roster: st.build(), Changes: st.changes(), Health: st.health, Priority: st.opt.Priority}, nil
}

// checkAnswers reports answers about pairs the roster does not have, in
// case the survey was read without the roster.
func checkAnswers(prev *mentormatch.Roster, s *mentormatch.Survey) error {
	if s == nil {
		return nil
	}
	mentor := map[string]string{}
	for _, m := range prev.Matches {
		mentor[m.MenteeID] = m.MentorID
	}
	var ps mentormatch.Problems
	for _, a := range s.Answers {
		if got, ok := mentor[a.MenteeID]; !ok || got != a.MentorID {
			ps = append(ps, mentormatch.Problem{File: a.Source.File, Sheet: a.Source.Sheet, Row: a.Source.Row, Column: "mentor_id",
				Message: fmt.Sprintf("%s and %s are not a pair in the roster", a.MenteeID, a.MentorID)})
		}
	}
	ps.Sort()
	return ps.Err()
}

// checkPins reports pins of pairs the roster does not have: a re-match
// keeps pairs or re-matches those it frees, and forming a new pinned pair
// would take another mentee's seat. Vetoes need no check: the scorer
// forbids them, and a vetoed pair of the roster is freed as one that now
// breaks a rule.
func checkPins(prev *mentormatch.Roster, ds mentormatch.Decisions) error {
	mentor := map[string]string{}
	for _, m := range prev.Matches {
		mentor[m.MenteeID] = m.MentorID
	}
	var ps mentormatch.Problems
	for _, d := range ds.Pins() {
		if mentor[d.MenteeID] != d.MentorID {
			ps = append(ps, d.Problem("mentor_id", "%s and %s are not a pair in the roster: a re-match keeps pinned pairs; to pin a new pair, run match with --decisions", d.MenteeID, d.MentorID))
		}
	}
	ps.Sort()
	return ps.Err()
}

// rematch is the state of one re-match.
type rematch struct {
	p      *mentormatch.Program
	cfg    mentormatch.Config
	prev   *mentormatch.Roster
	sc     *scoring.Scorer
	opt    RematchOptions
	health mentormatch.Health

	mentee, mentor map[string]int     // id → index in p.Mentees, p.Mentors
	before         map[string]int     // mentee id → index in prev.Matches
	wasUnmatched   map[string]bool    // mentee ids the roster lists as unmatched
	gone           map[[2]string]bool // dissolved pairs, by ids
	history        []mentormatch.Dissolved
	caps           []int
	scores         scoreTable // mentees × mentors, NaN where forbidden or dissolved
	// apart marks the allowed pairs who cannot meet, when shared time is a
	// tier of the objective (rules.prefer_shared_time) and some pair is
	// apart; nil otherwise.
	apart *scoring.Apart

	home    []int                    // per mentee: the mentor of their kept pair, or -1
	pin     []int                    // per mentee: the pinned mentor, or -1 (see pinned)
	freed   []string                 // per mentee: why their previous pair ended, or ""
	kind    []mentormatch.ChangeKind // per mentee: the kind of change when freed
	left    []mentormatch.Change
	rowCol  []int
	moved   int
	gain    float64 // points the moves added, margin not deducted
	warning []string
}

func (st *rematch) index() {
	p := st.p
	st.mentee, st.mentor = map[string]int{}, map[string]int{}
	for i := range p.Mentees {
		st.mentee[p.Mentee(i).ID] = i
	}
	for j := range p.Mentors {
		st.mentor[p.Mentor(j).ID] = j
	}
	st.before, st.wasUnmatched = map[string]int{}, map[string]bool{}
	for k, m := range st.prev.Matches {
		st.before[m.MenteeID] = k
	}
	for _, u := range st.prev.Unmatched {
		if u.Role != "mentor" {
			st.wasUnmatched[u.ID] = true
		}
	}
	st.gone = map[[2]string]bool{}
	for _, d := range st.prev.Dissolved {
		st.dissolve(d)
	}
	st.caps = roster.Capacities(p)
	n, m := len(p.Mentees), len(p.Mentors)
	st.scores = scoreTable{m: m}
	var apart *scoring.Apart
	if n*m > st.opt.CompactCells && st.opt.MaxMoves == 0 {
		st.scores.compact, apart, _ = st.sc.CompactApart() // nil when a score does not fit
	}
	if st.scores.compact == nil && n > 0 && m > 0 {
		var d *mat.Dense
		d, apart = st.sc.MatrixApart()
		st.scores.dense = d.RawMatrix().Data // row-major, stride m: ours to change
	}
	if st.cfg.Rules.PreferSharedTime && apart != nil && apart.Count() > 0 {
		st.apart = apart
	}
	st.home, st.freed, st.kind = fill(n, -1), make([]string, n), make([]mentormatch.ChangeKind, n)
}

// dissolve adds a pair to the history, once, and forbids it.
func (st *rematch) dissolve(d mentormatch.Dissolved) {
	key := [2]string{d.MenteeID, d.MentorID}
	if st.gone[key] {
		return
	}
	st.gone[key] = true
	st.history = append(st.history, d)
}

// classify decides, for every pair of the previous roster, whether it
// stays, dissolves, is freed or has left. Pairs are taken in mentee id
// order, so the result does not depend on the order of the roster's rows.
func (st *rematch) classify() {
	health := map[string]*mentormatch.PairHealth{}
	for k := range st.health.ByPair {
		health[st.health.ByPair[k].MenteeID] = &st.health.ByPair[k]
	}
	pairs := slices.Clone(st.prev.Matches)
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].MenteeID < pairs[b].MenteeID })
	for _, pm := range pairs {
		i, ok := st.mentee[pm.MenteeID]
		if !ok {
			st.left = append(st.left, mentormatch.Change{MenteeID: pm.MenteeID, MenteeName: pm.MenteeName, OldMentorID: pm.MentorID, OldMentorName: pm.MentorName,
				Kind: mentormatch.ChangeLeft, Why: "no longer a mentee in the people file"})
			continue
		}
		j, ok := st.mentor[pm.MentorID]
		ph := health[pm.MenteeID]
		switch {
		case ok && st.pinned(i) == j:
			// The manager's pin holds, whatever the survey says.
			st.home[i] = j
		case !ok:
			st.free(i, mentormatch.ChangeFreed, fmt.Sprintf("mentor %s is no longer a mentor in the people file", pm.MentorID))
		case ph != nil && ph.Unhealthy:
			st.dissolve(mentormatch.Dissolved{MenteeID: pm.MenteeID, MenteeName: st.p.Mentee(i).Name, MentorID: pm.MentorID, MentorName: st.p.Mentor(j).Name, Why: ph.Why})
			st.free(i, mentormatch.ChangeDissolved, "pair dissolved: "+ph.Why)
		case math.IsNaN(st.cell(i, j)):
			st.free(i, mentormatch.ChangeFreed, "the pair now breaks a hard rule: "+st.rule(i, j))
		default:
			st.home[i] = j
		}
	}
	st.fitCapacity()
	// Dissolved pairs are forbidden from here on, the new ones included.
	for _, d := range st.history {
		i, ok1 := st.mentee[d.MenteeID]
		j, ok2 := st.mentor[d.MentorID]
		if ok1 && ok2 {
			st.scores.forbid(i, j)
		}
	}
}

func (st *rematch) cell(i, j int) float64 { return st.scores.at(i, j) }

// pinned is the mentor mentee i is pinned to, or −1.
func (st *rematch) pinned(i int) int {
	if st.pin == nil {
		st.pin = fill(len(st.p.Mentees), -1)
		for _, p := range st.sc.Pins() {
			st.pin[p.Mentee] = p.Mentor
		}
	}
	return st.pin[i]
}

// scoreTable holds a re-match's scores, as float64 or compact.
type scoreTable struct {
	m       int
	dense   []float64 // row-major; nil when compact
	compact *scoring.Compact
}

func (t *scoreTable) at(i, j int) float64 {
	if t.compact != nil {
		return t.compact.Cell(i, j)
	}
	return t.dense[i*t.m+j]
}

// row sets dst to row i.
func (t *scoreTable) row(i int, dst []float64) {
	if t.compact != nil {
		t.compact.Row(i, dst)
		return
	}
	copy(dst, t.dense[i*t.m:(i+1)*t.m])
}

func (t *scoreTable) forbid(i, j int) {
	if t.compact != nil {
		t.compact.Forbid(i, j)
		return
	}
	t.dense[i*t.m+j] = math.NaN()
}

func (st *rematch) free(i int, kind mentormatch.ChangeKind, why string) {
	st.kind[i], st.freed[i] = kind, why
}

// rule names the hard rule a pair breaks.
func (st *rematch) rule(i, j int) string {
	if f := st.sc.Pair(i, j).Forbidden; f != "" {
		return f
	}
	return "not allowed"
}

// fitCapacity frees the lowest-scoring kept pairs of a mentor whose
// capacity is now below their kept pairs (ties: later mentee first).
func (st *rematch) fitCapacity() {
	byMentor := make([][]int, len(st.p.Mentors))
	for i, j := range st.home {
		if j >= 0 {
			byMentor[j] = append(byMentor[j], i)
		}
	}
	for j, is := range byMentor {
		if len(is) <= st.caps[j] {
			continue
		}
		// Pinned pairs stay first (their cells are set aside, NaN).
		key := func(i int) float64 {
			if st.pinned(i) == j {
				return math.Inf(1)
			}
			return st.cell(i, j)
		}
		sort.SliceStable(is, func(a, b int) bool { return key(is[a]) > key(is[b]) })
		why := fmt.Sprintf("mentor %s now takes %s", st.p.Mentor(j).ID, wording.Plural(st.caps[j], "mentee"))
		if st.p.Mentor(j).MentorType == mentormatch.Senior {
			why = fmt.Sprintf("mentor %s is now a senior mentor, who takes no 1:1 mentees", st.p.Mentor(j).ID)
		}
		for _, i := range is[st.caps[j]:] {
			st.home[i] = -1
			st.free(i, mentormatch.ChangeFreed, why)
		}
	}
}

// solve assigns every mentee without a kept pair, and with MaxMoves the
// kept ones too.
func (st *rematch) solve() error {
	n, m := len(st.p.Mentees), len(st.p.Mentors)
	st.rowCol = slices.Clone(st.home)
	if n == 0 || m == 0 {
		return nil
	}
	// The free mentees into the remaining capacity.
	left := slices.Clone(st.caps)
	var rows []int
	for i, j := range st.home {
		if j >= 0 {
			left[j]--
		} else {
			rows = append(rows, i)
		}
	}
	if len(rows) > 0 {
		rc, err := st.solveRows(rows, left)
		if err != nil {
			return fmt.Errorf("re-matching: %w", err)
		}
		for k, i := range rows {
			st.rowCol[i] = rc[k]
		}
	}
	if st.opt.MaxMoves == 0 || slices.Max(st.home) < 0 {
		return nil
	}
	// Moves are weighed under the same tiers: the mentees matched, then
	// the fewest pairs who cannot meet, then score less the margins.
	score := st.scores.dense
	w := st.tierWeight(n, st.caps, 100+max(st.opt.MoveMargin, 0)+1)
	if w > 0 {
		score = slices.Clone(score)
		for i := range n {
			st.lower(i, score[i*m:(i+1)*m], w)
		}
	}
	rp := &repair{n: n, m: m, score: score, caps: st.caps, home: st.home, budget: st.opt.MaxMoves,
		margin: units(max(st.opt.MoveMargin, 0)) + 1, maxSolves: st.opt.MaxSolves}
	out, err := rp.solve(st.rowCol)
	if err != nil {
		return fmt.Errorf("re-matching with moves: %w", err)
	}
	before := st.total(st.rowCol)
	st.rowCol = out
	st.gain = st.total(out) - before
	for i, j := range st.home {
		if j >= 0 && out[i] != j {
			st.moved++
		}
	}
	switch {
	case rp.proven:
	case w > 0 && (rp.gap < 0 || rp.gap >= units(w)/2):
		st.warning = append(st.warning, fmt.Sprintf("the search for the best moves stopped after %d assignments: other moves may let more pairs meet; lower --max-moves for a proven optimum", rp.solves))
	default:
		st.warning = append(st.warning, fmt.Sprintf("the search for the best moves stopped after %d assignments: the moves used are at most %s points below the best possible; lower --max-moves for a proven optimum",
			rp.solves, wording.Num(float64(rp.gap)/200)))
	}
	return nil
}

// solveRows assigns the mentees rows into the places left, the exact
// optimum, and returns each one's mentor or -1.
func (st *rematch) solveRows(rows []int, left []int) ([]int, error) {
	m := len(st.p.Mentors)
	opt := matching.Options{Maximize: true, Capacity: left}
	w := st.tierWeight(len(rows), left, 100)
	bonus := st.bonus(rows, w)
	if len(rows)*m > st.opt.SparseCells {
		res, err := matching.SolveSparse(len(rows), m, func(k, j int) float64 {
			v := st.scores.at(rows[k], j) + bonus[k]
			if w > 0 && st.apart.Has(rows[k], j) {
				v -= w
			}
			return v
		}, matching.SparseOptions{Options: opt, Row: func(k int, dst []float64) {
			st.scores.row(rows[k], dst)
			addTo(dst, bonus[k])
			st.lower(rows[k], dst, w)
		}})
		if err != nil {
			return nil, err
		}
		return res.RowCol, nil
	}
	data := make([]float64, len(rows)*m)
	for k, i := range rows {
		st.scores.row(i, data[k*m:(k+1)*m])
		addTo(data[k*m:(k+1)*m], bonus[k])
		st.lower(i, data[k*m:(k+1)*m], w)
	}
	res, err := matching.SolveData(len(rows), m, data, opt)
	if err != nil {
		return nil, err
	}
	return res.RowCol, nil
}

// tierWeight is what a pair who cannot meet is lowered by in a solve of
// rows mentees into the places left, whose pairs are worth at most most
// each, so that among assignments that match as many (and, in the solve
// of the free mentees, place as many of those the priority puts first)
// the solver takes one with the fewest pairs who cannot meet, then the
// best score: shared time as the tier it is in match
// (rules.prefer_shared_time, see roster.TierWeight). 0 without the tier.
func (st *rematch) tierWeight(rows int, left []int, most float64) float64 {
	if st.apart == nil {
		return 0
	}
	places := 0
	for _, c := range left {
		places += max(c, 0)
	}
	return roster.TierWeight(min(rows, places), most)
}

// lower lowers by w the cells of dst, mentee i's row, whose pair cannot
// meet.
func (st *rematch) lower(i int, dst []float64, w float64) {
	if w == 0 {
		return
	}
	for k, word := range st.apart.Row(i) {
		for word != 0 {
			dst[k*64+bits.TrailingZeros64(word)] -= w
			word &= word - 1
		}
	}
}

// bonus is what each of rows gets on every allowed cell so that the
// solver, which first matches as many rows as it can and then maximises
// the total, places the mentees opt.Priority puts first before anyone
// else. It exceeds any difference in total the other rows could make
// (scores are 0–100; with the shared-time tier w, up to w more for each
// pair), so no score or tier outweighs it; and since the rows that can be
// matched together form a matroid, the solver still matches as many
// mentees as any assignment can.
func (st *rematch) bonus(rows []int, w float64) []float64 {
	out := make([]float64, len(rows))
	b := 100*float64(len(rows)) + 100
	if w > 0 {
		b = w * float64(len(rows)+1)
	}
	for k, i := range rows {
		switch st.opt.Priority {
		case mentormatch.PriorityFreed:
			if st.freed[i] != "" {
				out[k] = b
			}
		case mentormatch.PriorityWaiting:
			if st.wasUnmatched[st.p.Mentee(i).ID] && st.freed[i] == "" {
				out[k] = b
			}
		}
	}
	return out
}

// addTo adds b to every allowed (not NaN) cell of row.
func addTo(row []float64, b float64) {
	if b == 0 {
		return
	}
	for j, v := range row {
		if !math.IsNaN(v) {
			row[j] = v + b
		}
	}
}

func (st *rematch) total(rowCol []int) float64 {
	t := 0.0
	for i, j := range rowCol {
		if j >= 0 {
			t += st.cell(i, j)
		}
	}
	return t
}

// build makes the roster of the new assignment: matches in mentee order,
// unmatched mentees then mentors without mentees, load, summary, the
// history of dissolved pairs sorted by ids.
func (st *rematch) build() *mentormatch.Roster {
	p := st.p
	cfg := st.cfg
	cfg.Objective = "total"
	scores := roster.Scores{Compact: st.scores.compact}
	if st.scores.dense != nil {
		scores.Dense = mat.NewDense(len(p.Mentees), len(p.Mentors), st.scores.dense)
	}
	r := roster.Build(p, cfg, st.sc, scores, st.rowCol, st.caps, func(i int, assigned []int) string {
		why := st.unmatchedReason(i, assigned)
		if st.freed[i] != "" {
			why = st.freed[i] + "; " + why
		}
		return why
	})
	if st.cfg.Objective == "fair" {
		r.Warnings = append(r.Warnings, "rematch maximises the total score; the configured objective fair is not applied to the re-match")
	}
	r.Warnings = append(r.Warnings, st.warning...)
	r.Dissolved = slices.Clone(st.history)
	sort.SliceStable(r.Dissolved, func(a, b int) bool {
		x, y := r.Dissolved[a], r.Dissolved[b]
		return x.MenteeID < y.MenteeID || x.MenteeID == y.MenteeID && x.MentorID < y.MentorID
	})
	return r
}

// unmatchedReason says why mentee i has no mentor now. The optimum
// matches as many as possible, so every mentor who could take them is
// full; or nobody could.
func (st *rematch) unmatchedReason(i int, assigned []int) string {
	var full, dissolved []string
	for j := range st.p.Mentors {
		id := st.p.Mentor(j).ID
		switch {
		case !math.IsNaN(st.cell(i, j)):
			if assigned[j] >= st.caps[j] {
				full = append(full, id)
			}
		case st.gone[[2]string{st.p.Mentee(i).ID, id}]:
			dissolved = append(dissolved, id)
		}
	}
	switch {
	case len(full) > 0:
		more := ""
		if len(full) > 5 {
			more, full = fmt.Sprintf(" and %d more", len(full)-5), full[:5]
		}
		return fmt.Sprintf("every mentor who could take them is full: %s%s", strings.Join(full, ", "), more)
	case len(dissolved) > 0:
		return fmt.Sprintf("no mentor is left who meets the hard rules and was not dissolved from them before (%s)", strings.Join(dissolved, ", "))
	}
	return st.sc.UnmatchedReason(i, assigned)
}

// changes lists every mentee whose mentor changed, in mentee order, then
// the mentees who left, by id.
func (st *rematch) changes() []mentormatch.Change {
	p := st.p
	assigned := make([]int, len(p.Mentors))
	for _, j := range st.rowCol {
		if j >= 0 {
			assigned[j]++
		}
	}
	out := []mentormatch.Change{}
	for i, j := range st.rowCol {
		e := p.Mentee(i)
		c := mentormatch.Change{MenteeID: e.ID, MenteeName: e.Name}
		k, had := st.before[e.ID]
		if had {
			c.OldMentorID, c.OldMentorName = st.prev.Matches[k].MentorID, st.prev.Matches[k].MentorName
		}
		if j >= 0 {
			c.NewMentorID, c.NewMentorName = p.Mentor(j).ID, p.Mentor(j).Name
		}
		// Unchanged, unless new: a newcomer left unmatched is news too.
		if c.OldMentorID == c.NewMentorID && st.freed[i] == "" && (had || st.wasUnmatched[e.ID]) {
			continue
		}
		re := ""
		if st.freed[i] != "" {
			re = "re-"
		}
		outcome := fmt.Sprintf("not %smatched: %s", re, st.unmatchedReason(i, assigned))
		if j >= 0 {
			outcome = fmt.Sprintf("%smatched with %s (score %s)", re, c.NewMentorID, wording.Num(st.cell(i, j)))
		}
		switch {
		case st.freed[i] != "":
			c.Kind, c.Why = st.kind[i], st.freed[i]+"; "+outcome
		case st.home[i] >= 0:
			c.Kind = mentormatch.ChangeMoved
			c.Why = fmt.Sprintf("healthy pair moved: score %s → %s; the %s moved add %s points to the total",
				wording.Num(st.cell(i, st.home[i])), wording.Num(st.cell(i, j)), wording.Plural(st.moved, "pair"), wording.Num(st.gain))
		case st.wasUnmatched[e.ID]:
			c.Kind, c.Why = mentormatch.ChangeMatched, "was unmatched; "+outcome
		default:
			c.Kind, c.Why = mentormatch.ChangeJoined, "not in the previous roster (new in the people file); "+outcome
		}
		out = append(out, c)
	}
	return append(out, st.left...)
}

func fill(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// repair finds the best assignment of every mentee when up to budget of
// the kept pairs (home[i] ≥ 0) may move. The objective is lexicographic:
// first the mentees matched, then the total score minus margin per moved
// pair. Kept mentees stay matched, at home or elsewhere.
//
// Values are whole units of 1/200 point (scores have two decimals, see
// units), and margin carries one unit more than the user's margin, so a
// move must gain strictly more than the margin and ties go to fewer
// moves. Every sum the solver forms is an integer below 2^52: exact in
// float64, with no tolerance to choose.
//
// Method: Lagrangian relaxation of the limit on moves inside a depth-first
// branch and bound. For λ ≥ 0 the relaxation drops the limit and adds
// margin+λ to each kept pair's home cell: one assignment (matching
// solves for the most rows, then the best total). A bonus Bk on every
// cell of a kept row, larger than any other difference, keeps kept
// mentees matched whenever the node allows it (the sets of rows that can
// be matched together form a matroid, so some largest assignment contains
// all kept rows). For any assignment x within the limit, weak duality
// gives val(x) ≤ val(x) + λ(N − moves(x)) ≤ val(x_λ) + λ(N − moves(x_λ)) =
// L(λ), where x_λ is the relaxation's optimum, so L(λ) bounds the node.
// An x_λ within the limit is a candidate, and at λ = 0 it solves the node.
// λ is searched between an infeasible and a feasible x_λ, where their
// lines L cross (or halfway, every other step). When a candidate reaches
// the least L the node is solved; when the least L is no better than the
// best assignment so far the node is pruned; otherwise the node branches
// on a kept mentee who moves in the last infeasible x_λ: first they stay
// (home fixed), then they must move (home forbidden, one move spent).
// Branches partition the node's assignments and every bound is valid, so
// the result is optimal; the worst case is exponential in the number of
// kept pairs, and the search stops after maxSolves assignments, keeping
// the best found and the largest bound left open.
type repair struct {
	n, m      int
	score     []float64 // n × m, NaN where forbidden
	caps      []int
	home      []int
	budget    int
	margin    int64 // units per move, one more than the user's margin
	maxSolves int

	maxUnit int64 // the largest |score| in units
	best    []int
	bestObj worth
	solves  int
	proven  bool
	open    worth // the best bound of a node left unexplored
	gap     int64 // open − best, in units, when the counts agree; -1 otherwise
}

// worth is an assignment's value: mentees matched, then units.
type worth struct {
	count int
	val   int64
}

func (a worth) less(b worth) bool {
	return a.count < b.count || a.count == b.count && a.val < b.val
}

// relaxed is the optimum of one relaxation.
type relaxed struct {
	rowCol []int
	obj    worth
	moves  int
	lambda int64
}

// units turns points into whole units of 1/200 point.
func units(x float64) int64 { return int64(math.Round(x * 200)) }

// solve returns the best assignment, starting from start, the best with no
// move.
func (r *repair) solve(start []int) ([]int, error) {
	if r.maxSolves == 0 {
		r.maxSolves = 5000
	}
	for _, v := range r.score {
		if !math.IsNaN(v) {
			r.maxUnit = max(r.maxUnit, units(math.Abs(v)))
		}
	}
	r.best, r.proven = slices.Clone(start), true
	r.bestObj, _ = r.eval(start)
	err := r.node(make([]bool, r.n), make([]bool, r.n), 0, worth{r.n + 1, math.MaxInt64})
	r.gap = 0
	if !r.proven {
		r.gap = -1
		if r.open.count == r.bestObj.count {
			r.gap = r.open.val - r.bestObj.val
		}
	}
	return r.best, err
}

// eval is the objective of an assignment and the kept pairs it moves.
func (r *repair) eval(rowCol []int) (worth, int) {
	var o worth
	moves := 0
	for i, j := range rowCol {
		if j < 0 {
			if r.home[i] >= 0 {
				moves++
			}
			continue
		}
		o.count++
		o.val += units(r.score[i*r.m+j])
		switch h := r.home[i]; {
		case h == j:
			o.val += r.margin
		case h >= 0:
			moves++
		}
	}
	return o, moves
}

// bound is L(λ) of a relaxation's optimum.
func (r *repair) bound(x relaxed) worth {
	return worth{x.obj.count, x.obj.val + x.lambda*int64(r.budget-x.moves)}
}

func (r *repair) offer(x relaxed) {
	if x.moves <= r.budget && r.bestObj.less(x.obj) {
		r.best, r.bestObj = slices.Clone(x.rowCol), x.obj
	}
}

// lambdaMax is the largest λ worth trying for a node with rows free rows:
// above the most any set of moves can gain, and low enough that the
// values stay exact.
func (r *repair) lambdaMax(rows int) int64 {
	enough := 2*int64(rows)*(r.maxUnit+r.margin) + 1
	a := r.maxUnit + r.margin
	// A cell is at most Bk + a + λ with Bk = 2·rows·(a+λ) + 1, and a path
	// of the solver sums at most 2·rows + 2 cells.
	exact := ((1<<52)/int64(2*rows+2)-1)/int64(2*rows+1) - a
	return max(min(enough, exact), 0)
}

// relax solves the relaxation of the node at λ. It reports false when the
// node has no assignment that keeps every kept mentee matched.
func (r *repair) relax(fixed, banned []bool, lambda int64) (relaxed, bool, error) {
	r.solves++
	left := slices.Clone(r.caps)
	var rows []int
	for i := range r.n {
		if fixed[i] {
			left[r.home[i]]--
		} else {
			rows = append(rows, i)
		}
	}
	bk := 2*int64(len(rows))*(r.maxUnit+r.margin+lambda) + 1
	data := make([]float64, 0, len(rows)*r.m)
	for _, i := range rows {
		h := r.home[i]
		for j, s := range r.score[i*r.m : (i+1)*r.m] {
			if math.IsNaN(s) || banned[i] && j == h {
				data = append(data, math.NaN())
				continue
			}
			v := units(s)
			if h >= 0 {
				v += bk
				if j == h {
					v += r.margin + lambda
				}
			}
			data = append(data, float64(v))
		}
	}
	x := relaxed{rowCol: slices.Clone(r.home), lambda: lambda}
	if len(rows) > 0 {
		res, err := matching.SolveData(len(rows), r.m, data, matching.Options{Maximize: true, Capacity: left})
		if err != nil {
			return x, false, err
		}
		for k, i := range rows {
			if res.RowCol[k] < 0 && r.home[i] >= 0 {
				return x, false, nil
			}
			x.rowCol[i] = res.RowCol[k]
		}
	}
	x.obj, x.moves = r.eval(x.rowCol)
	return x, true, nil
}

// node explores the assignments in which the fixed kept mentees stay home
// and the banned ones move; parent is the parent's bound.
func (r *repair) node(fixed, banned []bool, nbanned int, parent worth) error {
	if r.solves >= r.maxSolves {
		r.proven = false
		if r.open.less(parent) {
			r.open = parent
		}
		return nil
	}
	x0, ok, err := r.relax(fixed, banned, 0)
	if err != nil || !ok {
		return err
	}
	if x0.moves <= r.budget {
		r.offer(x0)
		return nil
	}
	ub, lo := r.bound(x0), x0
	if !r.bestObj.less(ub) {
		return nil
	}
	rows := 0
	for i := range r.n {
		if !fixed[i] {
			rows++
		}
	}
	x, _, err := r.relax(fixed, banned, r.lambdaMax(rows))
	if err != nil {
		return err
	}
	ub = minWorth(ub, r.bound(x))
	var hi *relaxed
	if x.moves <= r.budget {
		r.offer(x)
		hi = &x
	} else {
		lo = x
	}
	for step := 0; hi != nil && hi.lambda-lo.lambda > 1 && r.bestObj.less(ub) && r.solves < r.maxSolves; step++ {
		lambda := (lo.lambda + hi.lambda) / 2
		if step%2 == 0 {
			// Where the lines of lo and hi cross; lo moves more than hi.
			lambda = floorDiv(lo.obj.val-hi.obj.val, int64(lo.moves-hi.moves))
			lambda = min(max(lambda, lo.lambda+1), hi.lambda-1)
		}
		x, _, err := r.relax(fixed, banned, lambda)
		if err != nil {
			return err
		}
		ub = minWorth(ub, r.bound(x))
		if x.moves <= r.budget {
			r.offer(x)
			hi = &x
		} else {
			lo = x
		}
	}
	if !r.bestObj.less(ub) {
		return nil
	}
	pick := -1
	for i, h := range r.home {
		if h >= 0 && !fixed[i] && !banned[i] && lo.rowCol[i] != h {
			pick = i
			break
		}
	}
	if pick < 0 {
		return nil // cannot happen: lo moves more than the budget allows
	}
	fixed[pick] = true
	err = r.node(fixed, banned, nbanned, ub)
	fixed[pick] = false
	if err != nil || nbanned+1 > r.budget {
		return err
	}
	banned[pick] = true
	err = r.node(fixed, banned, nbanned+1, ub)
	banned[pick] = false
	return err
}

func minWorth(a, b worth) worth {
	if b.less(a) {
		return b
	}
	return a
}

// floorDiv is ⌊a/b⌋ for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
