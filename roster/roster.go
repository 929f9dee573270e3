package roster

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/internal/parallel"
	"github.com/mentormatch/mentormatch/matching"
	"github.com/mentormatch/mentormatch/scoring"
)

// Result is a roster with what produced it, for callers that audit or
// explain it.
type Result struct {
	Roster   *mentormatch.Roster
	Scores   *mat.Dense // mentees × mentors, NaN where a hard rule forbids the pair
	Solution *matching.Result
	Scorer   *scoring.Scorer
	// Sparse is what a sparse solve took, its certificate included: the
	// pairs outside the last program, every one checked against the duals.
	// Nil when the matrix was solved whole.
	Sparse *matching.SparseResult
	// Apart marks the allowed pairs who cannot meet (scoring.Apart).
	Apart *scoring.Apart

	capacities []int
	src        source           // where the scores are read
	compact    *scoring.Compact // the scores of a sparse solve, when they fit
	// tier, when shared time is a tier of the objective (and some allowed
	// pair cannot meet): Solution and its duals are of the tiered cells,
	// which solved reads.
	tier   *tier
	solved source
	// priced: Solution is the plain optimum of the (tiered) scores (objective
	// total, no hard quota), so its duals price a forced pair.
	priced bool
	// pinTotal is the pinned pairs' score, which Solution leaves out.
	pinTotal float64
	// ranks are both sides' rankings under the objective stable; nil
	// under the others.
	ranks *ranking
}

// withPins is a solution's rowCol with the pinned mentees given their
// mentors.
func withPins(rowCol []int, pins []scoring.Pin) []int {
	if len(pins) == 0 {
		return rowCol
	}
	out := make([]int, len(rowCol))
	copy(out, rowCol)
	for _, p := range pins {
		out[p.Mentee] = p.Mentor
	}
	return out
}

// withoutPins is the solver's view of a roster's rowCol and capacities:
// the pinned mentees set aside, their seats taken.
func withoutPins(rowCol, caps []int, sc *scoring.Scorer) ([]int, []int) {
	pins := sc.Pins()
	if len(pins) == 0 {
		return rowCol, caps
	}
	out := make([]int, len(rowCol))
	copy(out, rowCol)
	for _, p := range pins {
		out[p.Mentee] = -1
	}
	return out, sc.SolveCapacities(caps)
}

// Capacities returns how many 1:1 mentees each mentor of p may take:
// their capacity, or 0 for senior mentors.
func Capacities(p *mentormatch.Program) []int {
	c := make([]int, len(p.Mentors))
	for j := range p.Mentors {
		m := p.Mentor(j)
		if m.MentorType == mentormatch.Senior || m.Capacity < 0 {
			continue
		}
		c[j] = m.Capacity
	}
	return c
}

// Defaults of Options.
const (
	// DefaultDenseCells is the most cells a program's score matrix may
	// have before Match solves it in sparse mode, on compact scores: a
	// memory budget. A dense solve holds about 36 bytes a cell at its
	// peak (the float64 matrix, the tiered copy when shared time is a
	// tier, the solver's copy from the places' side when mentees
	// outnumber places), 0.9 GB at 25 million cells. Below it the whole
	// matrix is the faster of the two on generated programs, one run each
	// of match in CPU seconds: 5,000 × 2,000 in 4.7 s against 8.9 s
	// sparse, 10,000 × 2,000 in 6.0 s and 0.7 GB against 15.2 s and
	// 0.2 GB, 12,500 × 2,000 in 8.5 s and 0.9 GB against 22.8 s and
	// 0.3 GB: their first optimum has a pair who cannot meet, and the
	// sparse solve of the tiered cells, whose values span the tier's
	// weight, takes several rounds. Past it sparse keeps the memory down:
	// 40,000 × 2,500 takes 0.7 GB there against 1.8 GB whole. Fair,
	// stable and hard quotas solve whole at any size.
	DefaultDenseCells = 25_000_000
	// DefaultCompactCells is the most cells a sparse solve keeps, two bytes
	// each (scoring.Compact): 10⁹ cells, 100,000 mentees × 10,000 mentors,
	// are 2 GB. Past it every row is scored again each time the solver
	// reads it, several times slower but in memory that does not grow with
	// the matrix.
	DefaultCompactCells = 1_000_000_000
)

// Options tune how Match holds a program's scores while it solves it.
// The zero value is the defaults; the package functions Match, Sparse,
// Score and MatchScored use it.
type Options struct {
	// DenseCells is the most cells solved whole; 0 is DefaultDenseCells.
	DenseCells int
	// CompactCells is the most cells a sparse solve keeps as compact
	// scores; 0 is DefaultCompactCells, negative keeps none.
	CompactCells int
	// HoldMemory, when set, is called with the bytes that compact scores
	// take while they are most of the live heap, and the function it
	// returns when they are no longer needed. The command line lowers the
	// runtime's soft memory limit there: left alone, the collector lets
	// garbage grow to as much again as the live heap, 2 GB more at
	// 100,000 × 10,000. A library must not change the whole process, so
	// nil does nothing.
	HoldMemory func(bytes int64) (release func())
}

func (o Options) denseCells() int {
	if o.DenseCells == 0 {
		return DefaultDenseCells
	}
	return o.DenseCells
}

func (o Options) compactCells() int {
	if o.CompactCells == 0 {
		return DefaultCompactCells
	}
	return o.CompactCells
}

// hold calls HoldMemory for c, when both are set.
func (o Options) hold(c *scoring.Compact) (release func()) {
	if o.HoldMemory == nil || c == nil {
		return func() {}
	}
	return o.HoldMemory(c.Bytes())
}

// Sparse reports whether Match solves p without holding its score matrix:
// the matrix would pass DefaultDenseCells, and the objective is the total
// with no hard quota (fair, stable and quotas need the whole matrix).
func Sparse(p *mentormatch.Program, cfg mentormatch.Config) bool { return Options{}.Sparse(p, cfg) }

// Sparse is the package's Sparse under o's limits.
func (o Options) Sparse(p *mentormatch.Program, cfg mentormatch.Config) bool {
	return len(p.Mentees)*len(p.Mentors) > o.denseCells() && cfg.Objective != mentormatch.ObjectiveFair &&
		cfg.Objective != mentormatch.ObjectiveStable && !hasHardQuota(cfg)
}

// Match scores and solves p under cfg and builds the roster.
func Match(p *mentormatch.Program, cfg mentormatch.Config) (*Result, error) {
	return Options{}.Match(p, cfg)
}

// Match is the package's Match under o.
func (o Options) Match(p *mentormatch.Program, cfg mentormatch.Config) (*Result, error) {
	sc, err := scoring.New(p, cfg)
	if err != nil {
		return nil, err
	}
	return o.MatchScored(p, cfg, sc, o.Score(p, cfg, sc))
}

// Scores are a program's scores as Match holds them: the whole matrix;
// or, when Sparse, the compact matrix if it fits Options.CompactCells, or neither,
// and then rows are scored again each time the solver reads them. Apart,
// when known, marks the allowed pairs who cannot meet.
type Scores struct {
	Dense   *mat.Dense
	Compact *scoring.Compact
	Apart   *scoring.Apart
}

// Score scores p as Match holds its scores.
func Score(p *mentormatch.Program, cfg mentormatch.Config, sc *scoring.Scorer) Scores {
	return Options{}.Score(p, cfg, sc)
}

// Score is the package's Score under o's limits.
func (o Options) Score(p *mentormatch.Program, cfg mentormatch.Config, sc *scoring.Scorer) Scores {
	if !o.Sparse(p, cfg) {
		d, a := sc.MatrixApart()
		return Scores{Dense: d, Apart: a}
	}
	if len(p.Mentees)*len(p.Mentors) <= o.compactCells() {
		if c, a, ok := sc.CompactApart(); ok {
			return Scores{Compact: c, Apart: a}
		}
	}
	return Scores{Apart: sc.Apart()}
}

// MatchScored solves an already scored program and builds the roster.
// Without a dense matrix, when Sparse(p, cfg), it never holds one: the
// solver reads the rows it needs, from the compact matrix or from sc, and
// proves the result optimal for the whole matrix (matching.SolveSparse).
// Without a dense matrix otherwise, the matrix is computed; without Apart,
// the pairs apart are.
//
// With rules.prefer_shared_time the objective has a tier between the
// number matched (and a hard quota) and the total: the fewest pairs who
// cannot meet (see tier). The summary counts those pairs, and how many
// mentees a roster that required shared time would match, from one more
// solve when some matched pair cannot meet.
//
// The program's decisions (Program.Decisions, read by sc) are honoured
// exactly: pinned mentees are set aside with a seat each of their
// mentor's, vetoed cells are forbidden, the rest is solved optimally on
// what is left, and the pins are put back. Result.Solution and the prices
// of Force are those of the rest; the summary says what the pins cost
// against the optimum without them (Summary.Decisions), one more solve.
func MatchScored(p *mentormatch.Program, cfg mentormatch.Config, sc *scoring.Scorer, given Scores) (*Result, error) {
	return Options{}.MatchScored(p, cfg, sc, given)
}

// MatchScored is the package's MatchScored under o.
func (o Options) MatchScored(p *mentormatch.Program, cfg mentormatch.Config, sc *scoring.Scorer, given Scores) (*Result, error) {
	res, err := o.matchScored(p, cfg, sc, given)
	if err != nil || len(p.Decisions) == 0 {
		return res, err
	}
	ds := &mentormatch.DecisionSummary{Pinned: len(sc.Pins()), Forbidden: len(p.Decisions.Forbids())}
	res.Roster.Summary.Decisions = ds
	if ds.Pinned == 0 {
		return res, nil
	}
	free, err := o.matchScored(p, cfg, sc.WithoutPins(), res.withoutPins(sc))
	if err != nil {
		return nil, err
	}
	ds.FreeMatched = free.Roster.Summary.Matched
	ds.FreeTotal = free.Roster.Summary.TotalScore
	ds.CostMatches = ds.FreeMatched - res.Roster.Summary.Matched
	ds.CostPoints = scoring.Round2(ds.FreeTotal - res.Roster.Summary.TotalScore)
	return res, nil
}

// withoutPins are r's scores (when it holds them whole) with the pinned
// mentees' rows scored again as if unpinned: the scores of the optimum
// without the pins, for the price of the pins' rows, not the whole matrix.
// A mentee's decisions change only their own row.
func (r *Result) withoutPins(sc *scoring.Scorer) Scores {
	if r.Scores == nil || r.Apart == nil {
		return Scores{}
	}
	free := sc.WithoutPins()
	d, a := mat.DenseCopyOf(r.Scores), r.Apart.Clone()
	for _, pin := range sc.Pins() {
		free.RowApart(pin.Mentee, d.RawRowView(pin.Mentee), a)
	}
	return Scores{Dense: d, Apart: a}
}

func (o Options) matchScored(p *mentormatch.Program, cfg mentormatch.Config, sc *scoring.Scorer, given Scores) (*Result, error) {
	full := Capacities(p)
	caps := sc.SolveCapacities(full)
	scores := given.Dense
	sparse := scores == nil && o.Sparse(p, cfg)
	apart := given.Apart
	if scores == nil && !sparse {
		scores, apart = sc.MatrixApart()
	}
	if apart == nil {
		apart = sc.Apart()
	}
	rows, cols := len(p.Mentees), len(p.Mentors)
	var t *tier
	if cfg.Rules.PreferSharedTime {
		t = newTier(apart, rows, caps)
	}
	var (
		sol     *matching.Result
		quota   *scoring.QuotaSolution
		err     error
		src     source
		compact *scoring.Compact
		sparsed *matching.SparseResult
		rk      *ranking
	)
	if sparse {
		src = given.source(sc)
		if c := given.Compact; c != nil {
			compact = c
			defer o.hold(c)()
		}
	} else {
		src = Scores{Dense: scores}.source(sc)
	}
	// With the tier, the total is solved first on the scores alone: when
	// no pair of that optimum is apart, it is the tiered optimum too, and
	// its duals certify it there (tiered cells are only ever lower, so the
	// duals stay feasible, and the assigned cells are unchanged, so they
	// stay tight), at the cost of one solve without the tier's wide
	// range of values. Otherwise the tiered cells are solved.
	solved := src
	if t != nil {
		solved = t.source(src)
	}
	if rows == 0 || cols == 0 {
		sol = &matching.Result{RowCol: fill(rows, -1)}
	} else if cfg.Objective == mentormatch.ObjectiveStable {
		sol, rk = solveStable(p, solved, caps)
	} else if cfg.Objective == "fair" {
		sol, err = solveFair(scores, caps, t)
	} else if sparse {
		opt := matching.SparseOptions{Options: matching.Options{Maximize: true, Capacity: caps}, Row: src.row}
		sparsed, err = matching.SolveSparse(rows, cols, src.cell, opt)
		if err == nil && t != nil && countApart(apart, sparsed.RowCol) > 0 {
			opt.Row = solved.row
			sparsed, err = matching.SolveSparse(rows, cols, solved.cell, opt)
		}
		if err == nil {
			sol = &sparsed.Result
		}
	} else if hasHardQuota(cfg) {
		m := scores
		if t != nil {
			m = t.dense(scores)
		}
		quota, err = sc.SolveQuota(m, caps)
		if err == nil {
			sol = quota.Result
			if t != nil {
				quota.Tier = t.weight
			}
		}
	} else {
		sol, err = matching.Solve(scores, matching.Options{Maximize: true, Capacity: caps})
		if err == nil && t != nil && countApart(apart, sol.RowCol) > 0 {
			restore := t.lowerSaved(scores)
			sol, err = matching.Solve(scores, matching.Options{Maximize: true, Capacity: caps})
			restore()
		}
	}
	if err != nil {
		return nil, fmt.Errorf("solving the assignment: %w", err)
	}
	r := build(p, cfg, sc, src, solved, withPins(sol.RowCol, sc.Pins()), full, nil, rk)
	if r.Summary.CannotMeet > 0 {
		req, err := solveRequired(scores, src, apart, rows, cols, caps, sparse)
		if err != nil {
			return nil, fmt.Errorf("solving the assignment that requires shared time: %w", err)
		}
		// Pinned pairs stay, whether or not they can meet.
		r.Summary.MatchedIfSharedTimeRequired = req + len(sc.Pins())
	}
	if len(cfg.Quotas) > 0 {
		r.Summary.Quotas = sc.QuotaResults(sol.RowCol, quota)
		if hasHardQuota(cfg) && cfg.Objective == "fair" {
			r.Warnings = append(r.Warnings, "hard quotas are enforced with objective total only; with fair they are reported, not enforced")
		}
	}
	for _, w := range sc.Warnings() {
		r.Warnings = append(r.Warnings, w.String())
	}
	pinTotal, pinApart := 0.0, 0
	for _, pin := range sc.Pins() {
		b := sc.Pair(pin.Mentee, pin.Mentor)
		pinTotal += b.Score
		if !b.CanMeet {
			pinApart++
		}
	}
	if cfg.Objective == mentormatch.ObjectiveStable {
		pinned := stablePins{n: len(sc.Pins()), total: pinTotal, apart: pinApart}
		if r.Summary.Stable, err = priceOfStability(r.Summary, scores, src, t, apart, caps, pinned); err != nil {
			return nil, fmt.Errorf("solving for the optimum to compare the stable roster with: %w", err)
		}
	}
	return &Result{
		Roster:   r,
		Scores:   scores,
		Solution: sol,
		Scorer:   sc,
		Sparse:   sparsed,
		Apart:    apart,

		capacities: caps,
		src:        src,
		compact:    compact,
		tier:       t,
		solved:     solved,
		priced:     quota == nil && cfg.Objective != "fair" && cfg.Objective != mentormatch.ObjectiveStable,
		pinTotal:   pinTotal,
		ranks:      rk,
	}, nil
}

// stablePins are the pinned pairs, which a roster's solve leaves out: how
// many, their score and how many of them cannot meet.
type stablePins struct {
	n, apart int
	total    float64
}

// priceOfStability solves the program of a stable roster whose summary is
// s under the objective total (shared time as a tier when t is not nil;
// the same decisions: the pins' seats taken from caps, the pins added
// back) and compares the two. One solve of the dense scores; apart marks
// the pairs who cannot meet.
func priceOfStability(s mentormatch.Summary, scores *mat.Dense, src source, t *tier, apart *scoring.Apart, caps []int, pins stablePins) (*mentormatch.StableSummary, error) {
	matched, total, cannot := pins.n, pins.total, pins.apart
	if rows, cols := scores.Dims(); rows > 0 && cols > 0 {
		m := scores
		if t != nil {
			m = t.dense(scores)
		}
		opt, err := matching.Solve(m, matching.Options{Maximize: true, Capacity: caps})
		if err != nil {
			return nil, err
		}
		for i, j := range opt.RowCol {
			if j >= 0 {
				matched++
				total += src.cell(i, j)
			}
		}
		cannot += countApart(apart, opt.RowCol)
	}
	total = scoring.Round2(total)
	return &mentormatch.StableSummary{
		OptimumMatched: matched, OptimumTotal: total, OptimumCannotMeet: cannot,
		CostMatches: matched - s.Matched, CostPoints: scoring.Round2(total - s.TotalScore),
	}, nil
}

// solveRequired is how many mentees the program matches when pairs who
// cannot meet are forbidden: one more solve, of the scores or of src's
// rows in sparse mode.
func solveRequired(scores *mat.Dense, src source, apart *scoring.Apart, rows, cols int, caps []int, sparse bool) (int, error) {
	opt := matching.Options{Maximize: true, Capacity: caps}
	if sparse {
		req := forbidApart(src, apart)
		res, err := matching.SolveSparse(rows, cols, req.cell, matching.SparseOptions{Options: opt, Row: req.row})
		if err != nil {
			return 0, err
		}
		return res.Assigned, nil
	}
	m := mat.DenseCopyOf(scores)
	raw := m.RawMatrix()
	req := forbidApart(source{row: func(i int, dst []float64) {}}, apart)
	for i := 0; i < raw.Rows; i++ {
		req.row(i, raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols])
	}
	res, err := matching.Solve(m, opt)
	if err != nil {
		return 0, err
	}
	return res.Assigned, nil
}

// solveFair finds the largest threshold t such that forbidding every pair
// scoring below t still matches as many mentees as the unrestricted
// problem (and, with a tier, leaves as few pairs who cannot meet), by
// binary search over the distinct scores, then maximises the (tiered)
// total above t. This is the exact bottleneck optimum followed by the best
// total, at the cost of O(log distinct scores) solves.
func solveFair(scores *mat.Dense, caps []int, t *tier) (*matching.Result, error) {
	opt := matching.Options{Maximize: true, Capacity: caps}
	solve := func(m *mat.Dense) (*matching.Result, error) {
		if t != nil {
			t.lowerDense(m)
		}
		return matching.Solve(m, opt)
	}
	apartOf := func(res *matching.Result) int {
		if t == nil {
			return 0
		}
		return countApart(t.apart, res.RowCol)
	}
	full, err := solve(mat.DenseCopyOf(scores))
	if err != nil || full.Assigned == 0 {
		return full, err
	}
	fullApart := apartOf(full)
	raw := scores.RawMatrix()
	var vals []float64
	for i := 0; i < raw.Rows; i++ {
		for _, v := range raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols] {
			if !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
	}
	sort.Float64s(vals)
	vals = uniq(vals)
	// The lowest score of the full optimum is feasible; search above it.
	lowest := math.Inf(1)
	for i, j := range full.RowCol {
		if j >= 0 {
			lowest = math.Min(lowest, scores.At(i, j))
		}
	}
	lo := sort.SearchFloat64s(vals, lowest) // feasible index
	hi := len(vals) - 1
	best := full
	for lo < hi {
		mid := (lo + hi + 1) / 2
		res, err := solve(above(scores, vals[mid]))
		if err != nil {
			return nil, err
		}
		if res.Assigned == full.Assigned && apartOf(res) == fullApart {
			lo, best = mid, res
		} else {
			hi = mid - 1
		}
	}
	if best == full {
		return solve(above(scores, vals[lo]))
	}
	return best, nil
}

func hasHardQuota(cfg mentormatch.Config) bool {
	for _, q := range cfg.Quotas {
		if q.Hard {
			return true
		}
	}
	return false
}

func above(m *mat.Dense, t float64) *mat.Dense {
	c := mat.DenseCopyOf(m)
	raw := c.RawMatrix()
	for i := 0; i < raw.Rows; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for k, v := range row {
			if v < t {
				row[k] = math.NaN()
			}
		}
	}
	return c
}

func uniq(s []float64) []float64 {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func fill(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// Build writes up an assignment as a roster: rowCol gives each mentee's
// mentor index or -1, caps the mentors' capacities, scores the scores the
// assignment was solved on (none: sc scores the rows it needs).
// reason, when not nil, says why mentee i is unmatched given the mentors'
// loads; by default the scorer's reason. It is called from several
// goroutines. The summary's objective is cfg.Objective.
func Build(p *mentormatch.Program, cfg mentormatch.Config, sc *scoring.Scorer, scores Scores, rowCol []int, caps []int, reason func(i int, assigned []int) string) *mentormatch.Roster {
	src := scores.source(sc)
	return build(p, cfg, sc, src, src, rowCol, caps, reason, nil)
}

// source is where a roster reads its scores: whole rows and single cells.
type source struct {
	row  func(i int, dst []float64)
	cell func(i, j int) float64
}

// source reads the dense matrix, or else the compact one, or else asks sc.
func (s Scores) source(sc *scoring.Scorer) source {
	switch {
	case s.Dense != nil:
	case s.Compact != nil:
		return source{row: s.Compact.Row, cell: s.Compact.Cell}
	default:
		return source{row: sc.Row, cell: sc.Cell}
	}
	raw := s.Dense.RawMatrix()
	return source{
		row:  func(i int, dst []float64) { copy(dst, raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols]) },
		cell: func(i, j int) float64 { return raw.Data[i*raw.Stride+j] },
	}
}

// build is Build reading scores from src; blocking pairs are counted on
// solved, the cells the assignment was solved on (src, or src tiered),
// and under the objective stable on the rankings rk (built when nil).
func build(p *mentormatch.Program, cfg mentormatch.Config, sc *scoring.Scorer, src, solved source, rowCol []int, caps []int, reason func(i int, assigned []int) string, rk *ranking) *mentormatch.Roster {
	r := &mentormatch.Roster{
		Matches:   []mentormatch.Match{},
		Unmatched: []mentormatch.Unmatched{},
		Load:      make([]mentormatch.MentorLoad, len(p.Mentors)),
	}
	assigned := make([]int, len(p.Mentors))
	for _, j := range rowCol {
		if j >= 0 {
			assigned[j]++
		}
	}
	// Each reason reads the mentee's whole row: a large program leaves
	// many mentees unmatched, so they are worked out on every processor.
	var unmatched []int
	for i, j := range rowCol {
		if j < 0 {
			unmatched = append(unmatched, i)
		}
	}
	reasons := make([]string, len(unmatched))
	parallel.Rows(len(unmatched), len(p.Mentors), func(k int, buf []float64) {
		i := unmatched[k]
		if reason != nil {
			reasons[k] = reason(i, assigned)
			return
		}
		src.row(i, buf)
		reasons[k] = sc.UnmatchedReasonRow(i, buf, assigned)
	})
	total, minScore, apart := 0.0, 0.0, 0
	for i := range p.Mentees {
		mentee := p.Mentee(i)
		j := rowCol[i]
		if j < 0 {
			r.Unmatched = append(r.Unmatched, mentormatch.Unmatched{
				ID: mentee.ID, Name: mentee.Name, Role: "mentee",
				Reason: reasons[0],
			})
			reasons = reasons[1:]
			continue
		}
		mentor := p.Mentor(j)
		b := sc.Pair(i, j)
		r.Matches = append(r.Matches, mentormatch.Match{
			MenteeID: mentee.ID, MenteeName: mentee.Name,
			MentorID: mentor.ID, MentorName: mentor.Name,
			Score: b.Score, Components: b.Components, Reason: b.Reason,
		})
		if !b.CanMeet {
			apart++
		}
		if len(r.Matches) == 1 || b.Score < minScore {
			minScore = b.Score
		}
		total += b.Score
	}
	for j := range p.Mentors {
		m := p.Mentor(j)
		r.Load[j] = mentormatch.MentorLoad{
			MentorID: m.ID, MentorName: m.Name, Type: m.MentorType.String(),
			Capacity: caps[j], Assigned: assigned[j],
		}
		if assigned[j] == 0 && caps[j] > 0 {
			r.Unmatched = append(r.Unmatched, mentormatch.Unmatched{
				ID: m.ID, Name: m.Name, Role: "mentor",
				Reason: fmt.Sprintf("no mentee was assigned (capacity %d)", caps[j]),
			})
		}
	}
	r.Summary = mentormatch.Summary{
		Mentees:    len(p.Mentees),
		Mentors:    len(p.Mentors),
		Matched:    len(r.Matches),
		TotalScore: scoring.Round2(total),
		MinScore:   minScore,
		Objective:  cfg.Objective,
	}
	// Pinned mentees are held where they are: they block nothing, and
	// their seats are nobody else's to take.
	freeRowCol, freeCaps := withoutPins(rowCol, caps, sc)
	if cfg.Objective == mentormatch.ObjectiveStable {
		if rk == nil {
			rk = newRanking(p, solved, freeCaps)
		}
		r.Summary.BlockingPairs = rk.blocking(freeRowCol, freeCaps)
	} else {
		r.Summary.BlockingPairs = countBlocking(solved, freeRowCol, freeCaps)
	}
	r.Summary.CannotMeet = apart
	r.Summary.MatchedIfSharedTimeRequired = len(r.Matches)
	if apart > 0 {
		r.Summary.MatchedIfSharedTimeRequired = -1 // MatchScored solves for it
	}
	if len(r.Matches) > 0 {
		r.Summary.MeanScore = scoring.Round2(total / float64(len(r.Matches)))
	}
	for _, w := range p.Warnings {
		r.Warnings = append(r.Warnings, w.String())
	}
	if len(p.Earlier) > 0 {
		r.Summary.History = historySummary(p, cfg, sc, rowCol)
	}
	r.Summary.Preferences = preferenceSummary(p, rowCol)
	return r
}

// preferenceSummary counts the mentees matched with their 1st, 2nd and
// 3rd choice, and the mentors matched with a mentee they asked for; nil
// when nobody stated a preference.
func preferenceSummary(p *mentormatch.Program, rowCol []int) *mentormatch.PreferenceSummary {
	ps := &mentormatch.PreferenceSummary{Choices: make([]int, 3)}
	got := make([]bool, len(p.Mentors))
	for i, j := range rowCol {
		e := p.Mentee(i)
		if len(e.Prefers) > 0 {
			ps.Stated++
		}
		if j < 0 {
			continue
		}
		m := p.Mentor(j)
		if r := slices.Index(e.Prefers, m.ID); r >= 0 && r < len(ps.Choices) {
			ps.Choices[r]++
		} else if r >= 0 {
			ps.Later++
		}
		if slices.Contains(m.Prefers, e.ID) {
			got[j] = true
		}
	}
	for j := range p.Mentors {
		if len(p.Mentor(j).Prefers) > 0 {
			ps.MentorsAsked++
			if got[j] {
				ps.MentorsGot++
			}
		}
	}
	if ps.Stated == 0 && ps.MentorsAsked == 0 {
		return nil
	}
	return ps
}

// historySummary counts the earlier cohorts' pairs among p's people that
// the roster avoided and those it formed again.
func historySummary(p *mentormatch.Program, cfg mentormatch.Config, sc *scoring.Scorer, rowCol []int) *mentormatch.HistorySummary {
	h := &mentormatch.HistorySummary{Earlier: sc.EarlierPairs(), Repeat: cfg.History.Repeat}
	for i, j := range rowCol {
		if j >= 0 && sc.Earlier(i, j) {
			h.Repeated++
			h.RepeatedPairs = append(h.RepeatedPairs, p.Mentee(i).ID+"–"+p.Mentor(j).ID)
		}
	}
	h.Avoided = h.Earlier - h.Repeated
	return h
}
