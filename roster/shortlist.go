package roster

import (
	"math"
	"slices"
)

// Shortlist is the mentors one mentee is offered to choose from, best
// first.
type Shortlist struct {
	Mentee     int
	Candidates []Candidate
}

// Shortlists offers each mentee up to n mentors to choose from, for
// programs where mentees choose. Three promises:
//
//   - every mentee the optimal roster matches finds their optimal mentor on
//     their list, so whenever a roster exists in which everyone has a
//     mentor, one exists in which everyone has a mentor from their own
//     list (the optimum itself), and no list is a dead end;
//   - no mentor appears on far more lists than their capacity can honour:
//     mentor j appears on at most max(capacity_j, ⌈n × capacity_j × M / C⌉)
//     lists, where M is the mentees and C the places, so lists share the
//     places in proportion to them and a popular mentor is not everyone's
//     second choice;
//   - the rest of each list is the best-scoring allowed mentors the caps
//     leave, taken in order of score over all pairs, so that a mentee's
//     list is not emptied by mentees who score lower with the same mentor.
//
// Lists are shorter than n when caps or rules leave fewer mentors.
// Deterministic: ties go to the lower index. O(M × mentors × log) time for
// the sort of allowed pairs, which is the whole matrix: for programs
// of a size where mentees read their lists.
func (r *Result) Shortlists(n int) []Shortlist {
	rows, cols := len(r.Solution.RowCol), len(r.capacities)
	out := make([]Shortlist, rows)
	if n <= 0 {
		return out
	}
	seats := 0
	for _, c := range r.capacities {
		seats += c
	}
	limit := make([]int, cols)
	for j, c := range r.capacities {
		if c > 0 && seats > 0 {
			limit[j] = max(c, int(math.Ceil(float64(n)*float64(c)*float64(rows)/float64(seats))))
		}
	}
	used := make([]int, cols)
	on := make([]map[int]bool, rows)
	add := func(i, j int, v float64) {
		out[i].Candidates = append(out[i].Candidates, Candidate{Mentor: j, Score: v})
		on[i][j] = true
		used[j]++
	}
	for i, j := range r.Solution.RowCol {
		out[i].Mentee = i
		on[i] = map[int]bool{}
		if j >= 0 {
			add(i, j, r.cell(i, j))
		}
	}
	type pair struct {
		i, j int
		v    float64
	}
	var pairs []pair
	row := make([]float64, cols)
	for i := range rows {
		r.src.row(i, row)
		for j, v := range row {
			if !math.IsNaN(v) && limit[j] > 0 && !on[i][j] {
				pairs = append(pairs, pair{i, j, v})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		switch {
		case a.v > b.v:
			return -1
		case a.v < b.v:
			return 1
		}
		return 0
	})
	for _, p := range pairs {
		if len(out[p.i].Candidates) < n && used[p.j] < limit[p.j] {
			add(p.i, p.j, p.v)
		}
	}
	for i := range out {
		slices.SortStableFunc(out[i].Candidates, func(a, b Candidate) int {
			switch {
			case a.Score > b.Score:
				return -1
			case a.Score < b.Score:
				return 1
			}
			return a.Mentor - b.Mentor
		})
	}
	return out
}
