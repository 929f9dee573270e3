package cohort

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/mentormatch/mentormatch"
)

// earlierPeers says which of a program's mentees shared an earlier cohort
// (Program.EarlierCohorts): adj[i] lists the mentees (indexes into
// p.Mentees) who were peers of mentee i, in increasing order; cliques
// are the earlier cohorts as lists of mentee indexes, members no longer
// taking part left out.
type earlierPeers struct {
	adj     [][]int
	cliques [][]int
	pairs   int
}

// newEarlierPeers reads p.EarlierCohorts against p's mentees; nil when no
// two of its mentees were peers. O(Σ earlier cohort size²).
func newEarlierPeers(p *mentormatch.Program) *earlierPeers {
	if len(p.EarlierCohorts) == 0 {
		return nil
	}
	index := make(map[string]int, len(p.Mentees))
	for i := range p.Mentees {
		if _, dup := index[p.Mentee(i).ID]; !dup {
			index[p.Mentee(i).ID] = i
		}
	}
	e := &earlierPeers{adj: make([][]int, len(p.Mentees))}
	for _, c := range p.EarlierCohorts {
		var clique []int
		for _, id := range c.Members {
			if i, ok := index[id]; ok && !slices.Contains(clique, i) {
				clique = append(clique, i)
			}
		}
		if len(clique) < 2 {
			continue
		}
		e.cliques = append(e.cliques, clique)
		for a, i := range clique {
			for _, j := range clique[a+1:] {
				if !slices.Contains(e.adj[i], j) {
					e.adj[i] = append(e.adj[i], j)
					e.adj[j] = append(e.adj[j], i)
					e.pairs++
				}
			}
		}
	}
	if e.pairs == 0 {
		return nil
	}
	for i := range e.adj {
		slices.Sort(e.adj[i])
	}
	return e
}

// peers reports whether mentees i and j shared an earlier cohort.
func (e *earlierPeers) peers(i, j int) bool {
	_, found := slices.BinarySearch(e.adj[i], j)
	return found
}

// together counts the earlier peers who share a cohort of groups.
func (e *earlierPeers) together(groups [][]int) int {
	n := 0
	for _, g := range groups {
		for a, i := range g {
			for _, j := range g[a+1:] {
				if e.peers(i, j) {
					n++
				}
			}
		}
	}
	return n
}

// unavoidable is a lower bound on the earlier peers any k cohorts put
// together: an earlier cohort of c members spread as evenly as can be
// over k cohorts still leaves c mod k of them with ⌈c/k⌉ of its members
// and the rest with ⌊c/k⌋. The bounds of earlier cohorts that share no
// pair add up; the earlier cohorts are taken in order, each one that
// shares at most one member with every one taken before. The bound is
// exact when the earlier cohorts share no pair (the peer cohorts of one
// earlier plan): dealing them out in turn reaches it.
func (e *earlierPeers) unavoidable(k int) int {
	if k <= 0 {
		return 0
	}
	var taken [][]int
	n := 0
	for _, c := range e.cliques {
		ok := true
		for _, t := range taken {
			shared := 0
			for _, i := range c {
				if slices.Contains(t, i) {
					shared++
				}
			}
			if shared > 1 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		taken = append(taken, c)
		q, r := len(c)/k, len(c)%k
		n += r*(q+1)*q/2 + (k-r)*q*(q-1)/2
	}
	return n
}

// dealt is a split of the mentees in order (indexes into p.Mentees, in
// FormWith's sorted order) into cohorts of sizes that spreads every
// earlier cohort as evenly as the sizes allow: the mentees are lined up
// earlier cohort by earlier cohort (each in its first earlier cohort;
// those in none last), keeping the sorted order within, and dealt out to
// the cohorts in turn. Sizes are Sizes' (larger first), so the turns fill
// them exactly.
func (e *earlierPeers) dealt(order []int, sizes []int) [][]int {
	first := make([]int, len(e.adj))
	for i := range first {
		first[i] = len(e.cliques)
	}
	for c := len(e.cliques) - 1; c >= 0; c-- {
		for _, i := range e.cliques[c] {
			first[i] = c
		}
	}
	line := slices.Clone(order)
	slices.SortStableFunc(line, func(a, b int) int { return cmp.Compare(first[a], first[b]) })
	groups := make([][]int, len(sizes))
	for t, i := range line {
		c := t % len(sizes)
		groups[c] = append(groups[c], i)
	}
	return groups
}

// summary is how groups (final, in cohort order) stand against the
// earlier cohorts.
func (e *earlierPeers) summary(p *mentormatch.Program, groups [][]int) *mentormatch.PeerSummary {
	s := &mentormatch.PeerSummary{Earlier: e.pairs, Unavoidable: e.unavoidable(len(groups))}
	for c, g := range groups {
		for a, i := range g {
			for _, j := range g[a+1:] {
				if e.peers(i, j) {
					s.Together++
					s.TogetherPairs = append(s.TogetherPairs, fmt.Sprintf("%s–%s in %s", p.Mentee(i).ID, p.Mentee(j).ID, cohortID(c)))
				}
			}
		}
	}
	s.Unavoidable = min(s.Unavoidable, s.Together)
	return s
}
