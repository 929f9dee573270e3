package scoring

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/matching"
)

// Meets reports whether mentee i and mentor j meet the named criterion:
// both cells say so (a blank that the criterion ignores does not meet it).
// It is false for a name that is no criterion.
func (s *Scorer) Meets(i, j int, criterion string) bool {
	k := s.criterionIndex(criterion)
	return k >= 0 && s.meets(k, i, j)
}

func (s *Scorer) meets(k, i, j int) bool {
	_, st := s.crits[k].eval(&s.mentees[i].crit[k], &s.mentors[j].crit[k])
	return st == met
}

func (s *Scorer) criterionIndex(name string) int {
	name = mentormatch.NormaliseTopic(name)
	for k := range s.crits {
		if s.crits[k].name == name {
			return k
		}
	}
	return -1
}

// quotaNeed is how many of matched pairs must meet q's criterion (at
// least) or may meet it (at most). A small tolerance keeps 40% of 10 at 4.
func quotaNeed(q mentormatch.Quota, matched int) int {
	if q.AtLeast != nil {
		return int(math.Ceil(*q.AtLeast*float64(matched)/100 - 1e-9))
	}
	return int(math.Floor(*q.AtMost*float64(matched)/100 + 1e-9))
}

// QuotaResults reports how an assignment stands against every quota of the
// configuration: rowCol[i] is mentee i's mentor, -1 when none. sol, when
// not nil, is the solution SolveQuota returned, whose certificate becomes
// the hard quota's note. O(mentees × quotas).
func (s *Scorer) QuotaResults(rowCol []int, sol *QuotaSolution) []mentormatch.QuotaResult {
	out := make([]mentormatch.QuotaResult, 0, len(s.cfg.Quotas))
	for qi, q := range s.cfg.Quotas {
		r := mentormatch.QuotaResult{Name: q.Label(), Hard: q.Hard}
		k := s.criterionIndex(q.Criterion)
		for i, j := range rowCol {
			if j < 0 {
				continue
			}
			r.Matched++
			if k >= 0 && s.meets(k, i, j) {
				r.Meeting++
			}
		}
		need := quotaNeed(q, r.Matched)
		crit := mentormatch.NormaliseTopic(q.Criterion)
		if q.AtLeast != nil {
			r.Target = fmt.Sprintf("at least %s%% of pairs meet %s", trimFloat(*q.AtLeast), crit)
			r.Reached = r.Meeting >= need
		} else {
			r.Target = fmt.Sprintf("at most %s%% of pairs meet %s", trimFloat(*q.AtMost), crit)
			r.Reached = r.Meeting <= need
		}
		if r.Matched > 0 {
			r.Percent = Round2(100 * float64(r.Meeting) / float64(r.Matched))
		}
		if sol != nil && sol.Quota == qi {
			r.Note = sol.note()
		}
		out = append(out, r)
	}
	return out
}

// QuotaSolution is an assignment that honours the configuration's hard
// quota, with what proves it optimal or bounds how far it may be from it.
type QuotaSolution struct {
	// Result is the assignment; Total is in the scores' own terms. When
	// the quota was enforced (Bonus above 0) RowDual and ColDual are nil:
	// the Lagrangian bound, not duals, is the certificate.
	*matching.Result
	// Quota indexes the hard quota in Config.Quotas, -1 when there is none
	// (the Result is then the plain optimum).
	Quota int
	// Counted pairs of the assignment: those meeting the criterion for an
	// at_least quota, those not meeting it for at_most. Need is how many
	// the quota asks for.
	Counted, Need int
	// Bonus is the multiplier λ: the points added to every counted pair in
	// the matrix the assignment is optimal for.
	Bonus float64
	// Bound is a total no assignment that meets the quota exceeds:
	// L(λ) − λ·Need, the Lagrangian bound.
	Bound float64
	// Optimal is true when Total reaches Bound (to 1e-6): no assignment
	// matching as many mentees and meeting the quota has a higher total.
	Optimal bool
	// Feasible is false when no assignment matching as many mentees meets
	// the quota; the Result then counts as many pairs as possible.
	Feasible bool
	// Solves is how many assignment problems were solved.
	Solves int
	// Tier, when the scores were lowered by it for pairs who cannot meet
	// (shared time as a tier of the objective, see roster), is that
	// weight: Bonus and Bound are then in the lowered terms, and the note
	// says so in pairs who can meet.
	Tier float64
}

func (q *QuotaSolution) note() string {
	switch {
	case !q.Feasible:
		return fmt.Sprintf("cannot be met: at most %d of the %d matched pairs can count toward it; the roster comes as close as it can", q.Counted, q.Assigned)
	case q.Bonus == 0:
		return "met by the best roster without enforcing it"
	case q.Optimal && q.Tier > 0 && q.Bonus >= q.Tier/2:
		return fmt.Sprintf("enforced; the roster is proven optimal under it (Lagrangian bound reached at the price of pairs who can meet, %d solves)", q.Solves)
	case q.Optimal:
		return fmt.Sprintf("enforced; the roster is proven optimal under it (Lagrangian bound reached, %s points per counted pair, %d solves)", trimFloat(q.Bonus), q.Solves)
	case q.Tier > 0 && q.Bound-q.Total >= q.Tier/2:
		return fmt.Sprintf("enforced; the best roster under it may have up to %d more pairs who can meet (Lagrangian bound, %d solves)", int(math.Round((q.Bound-q.Total)/q.Tier)), q.Solves)
	}
	return fmt.Sprintf("enforced; the total is within %s points of the best possible under it (Lagrangian bound, %d solves)", trimFloat(q.Bound-q.Total), q.Solves)
}

// SolveQuota solves the assignment of scores (Matrix) with mentor
// capacities caps, honouring the configuration's hard quota: first as
// many mentees as possible, then, among those assignments, the quota, then
// the best total. Without a hard quota it is matching.Solve.
//
// Method: Lagrangian relaxation of the one quota constraint. Adding a bonus
// λ to every counted pair leaves the matching problem exact and integral;
// the count of the optimum grows with λ. The slope search (the
// intersection of the two current lines, as in Newton's method for a
// piecewise-linear convex function) finds the λ* where an assignment below
// Need and one at or above it are both optimal, in at most one solve per
// breakpoint and typically a handful. Any assignment optimal at λ* with
// exactly Need counted pairs is optimal under the quota; the components of
// the two assignments' symmetric difference can be swapped independently
// at λ*, so a subset-sum over their counts looks for one. When none exists
// (the quota's integrality gap) the solution reports the Lagrangian bound
// and Optimal is false. Time: the solves, plus O(components × mentees) for
// the subset-sum, skipped when above 5·10⁷.
func (s *Scorer) SolveQuota(scores *mat.Dense, caps []int) (*QuotaSolution, error) {
	hard := -1
	for k, q := range s.cfg.Quotas {
		if q.Hard {
			hard = k
			break
		}
	}
	opt := matching.Options{Maximize: true, Capacity: caps}
	if hard < 0 {
		res, err := matching.Solve(scores, opt)
		if err != nil {
			return nil, err
		}
		return &QuotaSolution{Result: res, Quota: -1, Optimal: true, Feasible: true, Solves: 1}, nil
	}
	q := s.cfg.Quotas[hard]
	k := s.criterionIndex(q.Criterion)
	if k < 0 {
		return nil, fmt.Errorf("%w: quota %q: no criterion %q", mentormatch.ErrConfig, q.Label(), q.Criterion)
	}
	counted := func(i, j int) bool { return s.meets(k, i, j) == (q.AtLeast != nil) }
	need := func(matched int) int {
		if q.AtLeast != nil {
			return quotaNeed(q, matched)
		}
		return matched - quotaNeed(q, matched)
	}
	sol, err := solveQuota(scores, opt, counted, need)
	if err != nil {
		return nil, err
	}
	sol.Quota = hard
	return sol, nil
}

// point is an assignment with its total w and count r.
type point struct {
	res *matching.Result
	w   float64
	r   int
}

// solveQuota is SolveQuota on any counted-pair predicate and need.
func solveQuota(scores *mat.Dense, opt matching.Options, counted func(i, j int) bool, needOf func(matched int) int) (*QuotaSolution, error) {
	rows, cols := scores.Dims()
	data := make([]float64, rows*cols)
	mask := make([]bool, rows*cols)
	for i := range rows {
		for j := range cols {
			v := scores.At(i, j)
			data[i*cols+j] = v
			mask[i*cols+j] = !math.IsNaN(v) && counted(i, j)
		}
	}
	buf := make([]float64, len(data))
	sol := &QuotaSolution{Feasible: true}
	measure := func(res *matching.Result) point {
		p := point{res: res}
		for i, j := range res.RowCol {
			if j >= 0 {
				p.w += data[i*cols+j]
				if mask[i*cols+j] {
					p.r++
				}
			}
		}
		return p
	}
	solveAt := func(lambda float64) (point, error) {
		for k, v := range data {
			buf[k] = v
			if mask[k] {
				buf[k] += lambda
			}
		}
		sol.Solves++
		res, err := matching.SolveData(rows, cols, buf, opt)
		if err != nil {
			return point{}, err
		}
		return measure(res), nil
	}
	finish := func(p point, lambda float64) *QuotaSolution {
		p.res.Total = Round2(p.w)
		sol.Result, sol.Counted, sol.Bonus = p.res, p.r, lambda
		sol.Bound = Round2(p.w + lambda*float64(p.r-sol.Need))
		sol.Optimal = sol.Feasible && sol.Bound-p.w <= 1e-6
		return sol
	}
	lo, err := solveAt(0)
	if err != nil {
		return nil, err
	}
	sol.Need = needOf(lo.res.Assigned)
	if lo.r >= sol.Need {
		return finish(lo, 0), nil
	}
	// A bonus above any difference of totals (scores are 0–100; tiered
	// scores span more, see QuotaSolution.Tier) puts the count first: the
	// most counted pairs, then the best total.
	lowest, highest := 0.0, 100.0
	for _, v := range data {
		if !math.IsNaN(v) {
			lowest, highest = min(lowest, v), max(highest, v)
		}
	}
	top := (highest-lowest)*float64(lo.res.Assigned) + 1
	hi, err := solveAt(top)
	if err != nil {
		return nil, err
	}
	if hi.r < sol.Need {
		sol.Feasible = false
		hi.res.RowDual, hi.res.ColDual = nil, nil
		return finish(hi, top), nil
	}
	lambda := top
	for hi.r > sol.Need {
		lambda = (lo.w - hi.w) / float64(hi.r-lo.r)
		cur, err := solveAt(lambda)
		if err != nil {
			return nil, err
		}
		l := cur.w + lambda*float64(cur.r)
		if l <= lo.w+lambda*float64(lo.r)+1e-7*(1+math.Abs(l)) {
			// lo and hi are both optimal at lambda: λ* is found.
			break
		}
		if cur.r >= sol.Need {
			hi = cur
		} else {
			lo = cur
		}
	}
	if hi.r > sol.Need {
		if p, ok := recombine(lo, hi, sol.Need, rows, cols, mask, data); ok && p.w > hi.w {
			hi = p
		}
	}
	hi.res.RowDual, hi.res.ColDual = nil, nil
	return finish(hi, lambda), nil
}

// recombine looks for an assignment between lo and hi, both optimal at the
// same λ, that counts as few pairs as possible but at least need. Their
// symmetric difference splits into alternating trails (a mentee's old pair
// and new pair in one trail; at a mentor, each old pair joined to one new
// pair); every trail swaps on its own, keeping capacities and the
// Lagrangian value, so this is a subset-sum over the trails' changes in
// count.
func recombine(lo, hi point, need, rows, cols int, mask []bool, data []float64) (point, bool) {
	// Union-find over edges: 2i is mentee i's pair in lo, 2i+1 in hi.
	parent := make([]int, 2*rows)
	for k := range parent {
		parent[k] = k
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int) { parent[find(a)] = find(b) }
	cnt := func(i, j int) int {
		if j >= 0 && mask[i*cols+j] {
			return 1
		}
		return 0
	}
	olds, news := make([][]int, cols), make([][]int, cols)
	for i := range rows {
		a, b := lo.res.RowCol[i], hi.res.RowCol[i]
		if a == b {
			continue
		}
		union(2*i, 2*i+1)
		if a >= 0 {
			olds[a] = append(olds[a], i)
		}
		if b >= 0 {
			news[b] = append(news[b], i)
		}
	}
	for j := range cols {
		for k := range min(len(olds[j]), len(news[j])) {
			union(2*olds[j][k], 2*news[j][k]+1)
		}
	}
	find2 := func(i int) int { return find(2 * i) }
	delta := map[int]int{}
	var order []int
	for i := range rows {
		a, b := lo.res.RowCol[i], hi.res.RowCol[i]
		if a == b {
			continue
		}
		root := find2(i)
		if _, ok := delta[root]; !ok {
			order = append(order, root)
		}
		delta[root] += cnt(i, b) - cnt(i, a)
	}
	var items []int // roots with a non-zero change
	neg, pos := 0, 0
	for _, root := range order {
		switch d := delta[root]; {
		case d < 0:
			neg += d
			items = append(items, root)
		case d > 0:
			pos += d
			items = append(items, root)
		}
	}
	width := pos - neg + 1
	if len(items) == 0 || len(items)*width > 5e7 {
		return point{}, false
	}
	// from[s-neg] is the item that first reached sum s, -1 unreached; the
	// empty subset reaches 0.
	from := make([]int, width)
	for k := range from {
		from[k] = -1
	}
	from[-neg] = len(items)
	reach := []int{0}
	for t, root := range items {
		d := delta[root]
		for _, s := range reach[:len(reach):len(reach)] {
			if ns := s + d; from[ns-neg] < 0 {
				from[ns-neg] = t
				reach = append(reach, ns)
			}
		}
	}
	target := need - lo.r
	best, found := 0, false
	for _, s := range reach {
		if s >= target && (!found || s < best) {
			best, found = s, true
		}
	}
	if !found || best == hi.r-lo.r {
		return point{}, false
	}
	apply := map[int]bool{}
	for s := best; s != 0; {
		t := from[s-neg]
		apply[items[t]] = true
		s -= delta[items[t]]
	}
	res := &matching.Result{RowCol: make([]int, rows)}
	p := point{res: res}
	for i := range rows {
		j := lo.res.RowCol[i]
		if hi.res.RowCol[i] != j && apply[find2(i)] {
			j = hi.res.RowCol[i]
		}
		res.RowCol[i] = j
		if j >= 0 {
			res.Assigned++
			p.w += data[i*cols+j]
			p.r += cnt(i, j)
		}
	}
	return p, true
}
