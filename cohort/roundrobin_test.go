package cohort

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoundRobinProperties(t *testing.T) {
	for n := 2; n <= 25; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			rounds := RoundRobin(n)
			wantRounds := n - 1
			if n%2 == 1 {
				wantRounds = n
			}
			if n == 3 {
				wantRounds = 1 // one group of three is the whole cycle
			}
			require.Len(t, rounds, wantRounds)
			met := map[[2]int]int{}
			for r, groups := range rounds {
				seen := make([]int, n)
				triples := 0
				for _, g := range groups {
					require.True(t, len(g) == 2 || len(g) == 3, "round %d group %v", r, g)
					if len(g) == 3 {
						triples++
					}
					for i, a := range g {
						seen[a]++
						for _, b := range g[i+1:] {
							require.Less(t, a, b, "group %v not increasing", g)
							met[[2]int{a, b}]++
						}
					}
				}
				for m, c := range seen {
					assert.Equal(t, 1, c, "round %d: member %d in %d groups", r, m, c)
				}
				assert.Equal(t, n%2, triples, "round %d: groups of three", r)
			}
			for a := 0; a < n; a++ {
				for b := a + 1; b < n; b++ {
					c := met[[2]int{a, b}]
					if n%2 == 0 {
						assert.Equal(t, 1, c, "pair %d-%d", a, b)
					} else {
						// Five members cannot avoid a third meeting: no five
						// triples with their complementary pairs cover K5 evenly.
						most := 2
						if n == 5 {
							most = 3
						}
						assert.True(t, c >= 1 && c <= most, "pair %d-%d met %d times", a, b, c)
					}
				}
			}
		})
	}
}

// In an even cohort, no pair meets a second time before every pair has met:
// the second cycle repeats the first.
func TestRoundRobinEvenNoEarlyRepeat(t *testing.T) {
	for n := 2; n <= 12; n += 2 {
		rounds := RoundRobin(n)
		met := map[[2]int]bool{}
		for _, groups := range rounds {
			for _, g := range groups {
				k := [2]int{g[0], g[1]}
				require.False(t, met[k], "n=%d pair %v repeated", n, k)
				met[k] = true
			}
		}
		require.Len(t, met, n*(n-1)/2)
	}
}

func TestRoundRobinSmall(t *testing.T) {
	assert.Nil(t, RoundRobin(0))
	assert.Nil(t, RoundRobin(1))
	assert.Equal(t, [][][]int{{{0, 1}}}, RoundRobin(2))
	assert.Equal(t, [][][]int{{{0, 1, 2}}}, RoundRobin(3))
}
