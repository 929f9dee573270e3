package matching

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// least against a full sort, on rows with ties, absent entries and every
// size around the sample's.
func TestLeast(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for trial := 0; trial < 3000; trial++ {
		n := rng.IntN(2000)
		if trial%3 == 0 {
			n = rng.IntN(40)
		}
		keys := make([]float64, n)
		for j := range keys {
			switch rng.IntN(10) {
			case 0:
				keys[j] = inf
			case 1, 2:
				keys[j] = float64(rng.IntN(5)) // ties
			default:
				keys[j] = math.Round(rng.Float64()*1000) / 10
			}
		}
		m := rng.IntN(n + 2)
		if trial%2 == 0 {
			m = rng.IntN(300)
		}
		order := make([]int32, 0, n)
		for j, k := range keys {
			if k < inf {
				order = append(order, int32(j))
			}
		}
		slices.SortStableFunc(order, func(a, b int32) int {
			switch {
			case keys[a] < keys[b]:
				return -1
			case keys[a] > keys[b]:
				return 1
			}
			return 0
		})
		picked, bound := least(keys, m, nil)
		got := []int32{}
		for _, e := range picked {
			require.Equal(t, keys[e.j], e.key)
			got = append(got, e.j)
		}
		want := order[:min(m, len(order))]
		wantBound := inf
		if m < len(order) {
			wantBound = keys[order[m]]
		}
		slices.Sort(got)
		want = append([]int32{}, want...)
		slices.Sort(want)
		require.Equal(t, want, got, "trial %d n %d m %d", trial, n, m)
		require.Equal(t, wantBound, bound, "trial %d", trial)
	}
}
