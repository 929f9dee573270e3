package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestShortLists forces the searches over short lists with lists of 1, 2
// and 5 cells, so that rows are read whole again often (the least label
// passing a list's bound), on random problems of every shape, with ties,
// forbidden cells and capacities, and on rank-one matrices with many
// identical rows (classes), against brute force or the reference flow and
// the certificate.
func TestShortLists(t *testing.T) {
	t.Parallel()
	g := instanceGen{rand.New(rand.NewPCG(24, 7))}
	type problem struct {
		name       string
		rows, cols int
		data       []float64
		opt        Options
		full       []int // capacities for brute, nil: use the reference flow
	}
	var problems []problem
	for it := range 600 {
		n, m := g.rng.IntN(7)+1, g.rng.IntN(7)+1
		data, opt, full := g.draw(n, m)
		problems = append(problems, problem{fmt.Sprintf("small %d", it), n, m, data, opt, full})
	}
	for _, n := range []int{20, 60, 150} {
		for it := range 6 {
			rows, cols := n, n
			switch it % 3 {
			case 1:
				cols = n/3 + 1
			case 2:
				rows = n/3 + 1
			}
			data, opt, _ := g.draw(rows, cols)
			problems = append(problems, problem{fmt.Sprintf("%dx%d/%d", rows, cols, it), rows, cols, data, opt, nil})
		}
		// Rank one with few distinct factors: plateaus and identical rows.
		a, b := make([]float64, n), make([]float64, n)
		for i := range a {
			a[i], b[i] = float64(1+g.rng.IntN(4)), float64(1+g.rng.IntN(5))
		}
		data := make([]float64, n*n)
		for i := range n {
			for j := range n {
				data[i*n+j] = a[i] * b[j]
			}
		}
		problems = append(problems, problem{fmt.Sprintf("rank one %d", n), n, n, data, Options{Maximize: true}, nil})
	}
	both := 0 // solves with short lists and classes of identical rows
	for _, pr := range problems {
		var want struct {
			assigned int
			total    float64
		}
		if pr.full != nil {
			want.assigned, want.total = brute(pr.rows, pr.cols, pr.data, pr.full, pr.opt.Maximize)
		} else {
			ref, err := refFlow(pr.rows, pr.cols, pr.data, pr.opt)
			require.NoError(t, err, pr.name)
			want.assigned, want.total = ref.Assigned, ref.Total
		}
		for _, k := range []int{1, 2, 5} {
			name := fmt.Sprintf("%s/k=%d", pr.name, k)
			in, err := prepare(pr.rows, pr.cols, pr.data, pr.opt)
			require.NoError(t, err, name)
			var seen *dense
			in.tune = func(p *dense) { p.shortK, seen = k, p }
			r, ok := in.solve()
			if seen != nil && seen.short != nil && seen.sv != nil && seen.sv.class != nil {
				both++
			}
			require.True(t, ok, name)
			require.Equal(t, want.assigned, r.Assigned, name)
			require.InDelta(t, want.total, r.Total, 1e-9*math.Max(1, math.Abs(want.total)), name)
			require.NoError(t, CertifyData(pr.rows, pr.cols, pr.data, pr.opt, r), name)
		}
	}
	require.Positive(t, both, "no solve met classes of identical rows")
}
