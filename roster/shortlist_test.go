package roster

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// matchable is the size of a largest roster in which every mentee's
// mentor is on their list, with capacities: augmenting paths, exact.
func matchable(lists []Shortlist, caps []int) int {
	load := make([][]int, len(caps)) // mentor → mentees
	mentorOf := make([]int, len(lists))
	for i := range mentorOf {
		mentorOf[i] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for _, c := range lists[i].Candidates {
			j := c.Mentor
			if seen[j] {
				continue
			}
			seen[j] = true
			if len(load[j]) < caps[j] {
				load[j] = append(load[j], i)
				mentorOf[i] = j
				return true
			}
			for k, other := range load[j] {
				if try(other, seen) {
					load[j][k] = i
					mentorOf[i] = j
					return true
				}
			}
		}
		return false
	}
	n := 0
	for i := range lists {
		if try(i, make([]bool, len(caps))) {
			n++
		}
	}
	return n
}

func TestShortlists(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for trial := range 40 {
		p := program(t, 6+r.IntN(30), 2+r.IntN(8), uint64(trial))
		cfg := mentormatch.DefaultConfig()
		res, err := Match(p, cfg)
		require.NoError(t, err)
		n := 1 + r.IntN(4)
		lists := res.Shortlists(n)
		require.Len(t, lists, len(p.Mentees))
		seats := 0
		for _, c := range res.capacities {
			seats += c
		}
		count := make([]int, len(res.capacities))
		for i, l := range lists {
			assert.Equal(t, i, l.Mentee)
			assert.LessOrEqual(t, len(l.Candidates), n)
			seen := map[int]bool{}
			for k, c := range l.Candidates {
				assert.False(t, seen[c.Mentor], "no mentor twice on a list")
				seen[c.Mentor] = true
				assert.False(t, math.IsNaN(res.cell(i, c.Mentor)), "only allowed pairs")
				assert.Positive(t, res.capacities[c.Mentor], "only mentors who take mentees")
				if k > 0 {
					assert.GreaterOrEqual(t, l.Candidates[k-1].Score, c.Score, "best first")
				}
				count[c.Mentor]++
			}
			if j := res.Solution.RowCol[i]; j >= 0 {
				assert.True(t, seen[j], "trial %d: mentee %d's optimal mentor is on their list", trial, i)
			}
		}
		for j, c := range count {
			limit := max(res.capacities[j], int(math.Ceil(float64(n*res.capacities[j]*len(p.Mentees))/float64(seats))))
			assert.LessOrEqual(t, c, limit, "mentor %d on no more lists than their share", j)
		}
		// As many mentees can be matched from their own lists as in the
		// optimal roster, which matches as many as any roster can.
		assert.Equal(t, res.Roster.Summary.Matched, matchable(lists, res.capacities), "trial %d", trial)
	}
}
