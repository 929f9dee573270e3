package matching

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// least composes sampleStep, threshold and settle as sparseRun.list does,
// over a row of keys (+Inf: no cell).
func least(keys []float64, m int) ([]keyed, float64) {
	var buf []keyed
	if m <= 0 {
		b := inf
		for _, k := range keys {
			b = min(b, k)
		}
		return buf, b
	}
	t := inf
	if step := sampleStep(len(keys), m); step > 0 {
		var sample [sampleSize]float64
		for q := range sample {
			sample[q] = keys[q*step]
		}
		t = threshold(sample[:], len(keys), m)
	}
	for {
		buf = buf[:0]
		above := inf
		for j, k := range keys {
			if k < t {
				buf = append(buf, keyed{k, int32(j)})
			} else if k < above {
				above = k
			}
		}
		if len(buf) >= m || t == inf {
			return settle(buf, m, above)
		}
		t = inf
	}
}

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
		picked, bound := least(keys, m)
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

// A lazy row's list, as the auction makes it, against a full sort of the
// row's reduced costs: the 256 least (ties to the lower column), their
// costs, and the next one's as the bound.
func TestLazyList(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	const rows, cols = 3, 3000
	data := make([]float64, rows*cols)
	for k := range data {
		switch rng.IntN(8) {
		case 0:
			data[k] = math.NaN()
		default:
			data[k] = float64(rng.IntN(200)) // many ties
		}
	}
	caps := make([]int, cols)
	for j := range caps {
		caps[j] = rng.IntN(3)
	}
	sr, err := newSparseRun(rows, cols, func(i, j int) float64 { return data[i*cols+j] }, SparseOptions{Options: Options{Maximize: true, Capacity: caps}})
	require.NoError(t, err)
	v := make([]float64, cols)
	for j := range v {
		v[j] = -float64(rng.IntN(50))
	}
	for i := range rows {
		r, lo, hi := sr.list(0, i, v)
		var order []int32
		wlo, whi := inf, -inf
		for j := range cols {
			if x := data[i*cols+j]; caps[j] > 0 && !math.IsNaN(x) {
				order = append(order, int32(j))
				wlo, whi = min(wlo, -x), max(whi, -x)
			}
		}
		key := func(j int32) float64 { return -data[i*cols+int(j)] - v[j] }
		slices.SortStableFunc(order, func(a, b int32) int {
			switch ka, kb := key(a), key(b); {
			case ka < kb:
				return -1
			case ka > kb:
				return 1
			}
			return 0
		})
		require.Equal(t, wlo, lo)
		require.Equal(t, whi, hi)
		want := slices.Clone(order[:lazyList])
		slices.Sort(want)
		got := slices.Clone(r.j)
		for q, j := range r.j {
			require.Equal(t, -data[i*cols+int(j)], r.c[q], "the cost of column %d", j)
		}
		slices.Sort(got)
		require.Equal(t, want, got, "row %d", i)
		require.Equal(t, key(order[lazyList]), r.bound, "row %d", i)
	}
}
