package cohort

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// earlierOf is p's plan's cohorts as the next program's history.
func earlierOf(t *testing.T, p *mentormatch.Program, cfg mentormatch.Config) []mentormatch.EarlierCohort {
	t.Helper()
	pl, err := Build(p, nil, cfg)
	require.NoError(t, err)
	var out []mentormatch.EarlierCohort
	for _, c := range pl.Cohorts {
		out = append(out, mentormatch.EarlierCohort{ID: c.ID, Members: c.Members})
	}
	return out
}

// peersTogether lists the earlier peers who share a cohort of groups.
func peersTogether(p *mentormatch.Program, groups [][]int) []string {
	in := map[string]string{}
	for _, c := range p.EarlierCohorts {
		for _, id := range c.Members {
			in[id] = c.ID
		}
	}
	var out []string
	for _, g := range groups {
		for a, i := range g {
			for _, j := range g[a+1:] {
				x, y := p.Mentee(i).ID, p.Mentee(j).ID
				if in[x] != "" && in[x] == in[y] {
					out = append(out, x+"–"+y)
				}
			}
		}
	}
	return out
}

// A programme's two earlier cohorts are re-planned: with room for it, no
// two earlier peers share a cohort (the first plan put the same zones
// together, so the search must undo what it would do unasked); when the
// sizes force peers together, no more than the fewest the sizes allow
// are, and the plan says so.
func TestFormKeepsEarlierPeersApart(t *testing.T) {
	zones := []string{"Europe/Berlin", "Europe/London", "America/New_York", "Asia/Kolkata"}
	for _, tc := range []struct {
		name                string
		before, after       int // mentees in the earlier plan, and now
		beforeMax, afterMax int
		together            int
	}{
		{name: "returning mentees with new joiners", before: 8, after: 16, beforeMax: 4, afterMax: 4, together: 0},
		{name: "same mentees, smaller cohorts", before: 12, after: 12, beforeMax: 6, afterMax: 2, together: 0},
		{name: "same mentees, same sizes: sizes force it", before: 8, after: 8, beforeMax: 4, afterMax: 4, together: 4},
		{name: "uneven: 9 in 3 cohorts, then 2 cohorts", before: 9, after: 9, beforeMax: 3, afterMax: 5, together: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := mentormatch.DefaultConfig()
			cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize = 2, tc.beforeMax
			first := testProgram(tc.before, 2, 0, zones)
			earlier := earlierOf(t, first, cfg)

			p := testProgram(tc.after, 2, 0, zones)
			p.EarlierCohorts = earlier
			cfg.Cohorts.MaxSize = tc.afterMax
			without := *p
			without.EarlierCohorts = nil
			assert.NotEmpty(t, peersTogether(p, Form(&without, cfg)), "without history the search puts earlier peers together")

			groups := Form(p, cfg)
			assert.Len(t, peersTogether(p, groups), tc.together)
			assert.Equal(t, groups, Form(p, cfg), "deterministic")

			pl, err := Build(p, nil, cfg)
			require.NoError(t, err)
			s := pl.EarlierPeers
			require.NotNil(t, s)
			assert.Equal(t, tc.together, s.Together)
			assert.Equal(t, tc.together, s.Unavoidable, "the fewest the sizes allow")
			assert.Len(t, s.TogetherPairs, tc.together)
		})
	}
}

// No earlier cohorts, or none with two of this programme's mentees: no
// summary, and the cohorts are those formed without history.
func TestFormWithoutEarlierPeers(t *testing.T) {
	zones := []string{"Europe/Berlin", "Asia/Tokyo"}
	cfg := mentormatch.DefaultConfig()
	p := testProgram(20, 2, 0, zones)
	want := Form(p, cfg)
	p.EarlierCohorts = []mentormatch.EarlierCohort{{ID: "C1", Members: []string{"E1000", "X1", "X2"}}}
	assert.Equal(t, want, Form(p, cfg))
	pl, err := Build(p, nil, cfg)
	require.NoError(t, err)
	assert.Nil(t, pl.EarlierPeers)
}

// Against every split into the same sizes (enumerated): the cohorts hold
// the fewest earlier peers together that any split does, and
// unavoidable is that fewest.
func TestEarlierPeersAgainstBruteForce(t *testing.T) {
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata"}
	for _, tc := range []struct{ n, before, after int }{
		{8, 3, 4}, {8, 4, 2}, {9, 3, 3}, {9, 4, 3}, {9, 2, 5}, {7, 3, 3}, {6, 3, 2},
	} {
		t.Run(fmt.Sprint(tc), func(t *testing.T) {
			cfg := mentormatch.DefaultConfig()
			cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize = 2, tc.before
			p := testProgram(tc.n, 2, 0, zones)
			p.EarlierCohorts = earlierOf(t, p, cfg)
			cfg.Cohorts.MaxSize = tc.after
			e := newEarlierPeers(p)
			require.NotNil(t, e)
			sizes := Sizes(tc.n, cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize)
			best := tc.n * tc.n
			splits(tc.n, sizes, func(groups [][]int) { best = min(best, e.together(groups)) })
			assert.Equal(t, best, e.together(Form(p, cfg)))
			assert.Equal(t, best, e.unavoidable(len(sizes)))
		})
	}
}

// splits calls f with every split of 0..n-1 into groups of sizes (groups
// of equal size in every order).
func splits(n int, sizes []int, f func([][]int)) {
	groups := make([][]int, len(sizes))
	var place func(i int)
	place = func(i int) {
		if i == n {
			f(groups)
			return
		}
		for c := range groups {
			if len(groups[c]) < sizes[c] {
				groups[c] = append(groups[c], i)
				place(i + 1)
				groups[c] = groups[c][:len(groups[c])-1]
			}
		}
	}
	place(0)
}
