package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// warmCase draws a matrix for the dense warm start (auction, then searches
// from its potentials): square or, with capacities adding up to the rows,
// near-square, the only shapes it runs on, and rectangles that must not
// take it.
type warmCase struct {
	name       string
	rows, cols int
	kind       string  // uniform, few, lowrank, rank1
	forbid     float64 // share of forbidden cells
	capacity   bool    // capacities 1–3 adding up to rows
	deadRow    bool    // one row fully forbidden: no full assignment
}

func (c warmCase) draw(rng *rand.Rand) ([]float64, []int) {
	data := make([]float64, c.rows*c.cols)
	a, b := make([][3]float64, c.rows), make([][3]float64, c.cols)
	for i := range a {
		a[i] = [3]float64{rng.Float64(), rng.Float64(), rng.Float64()}
	}
	for j := range b {
		b[j] = [3]float64{rng.Float64(), rng.Float64(), rng.Float64()}
	}
	for i := 0; i < c.rows; i++ {
		for j := 0; j < c.cols; j++ {
			var x float64
			switch c.kind {
			case "uniform":
				x = rng.Float64()*20 - 5
			case "few":
				x = float64(rng.IntN(3))
			case "lowrank":
				x = math.Round(10 * (a[i][0]*b[j][0] + a[i][1]*b[j][1] + a[i][2]*b[j][2]))
			case "rank1":
				x = math.Round(1+5*a[i][0]) * math.Round(1+5*b[j][0])
			}
			if rng.Float64() < c.forbid || (c.deadRow && i == c.rows/2) {
				x = math.NaN()
			}
			data[i*c.cols+j] = x
		}
	}
	if !c.capacity {
		return data, nil
	}
	caps := make([]int, c.cols)
	left := c.rows
	for j := range caps {
		caps[j] = 1
		left--
	}
	for left > 0 {
		j := rng.IntN(c.cols)
		if caps[j] < 3 {
			caps[j]++
			left--
		}
	}
	return data, caps
}

// TestWarmDense solves every case with the warm start forced (WarmAlways)
// and with the usual choice, both ways of optimising, and checks the
// optimum against the reference flow (and brute force when small) and the
// certificate.
func TestWarmDense(t *testing.T) {
	t.Parallel()
	var cases []warmCase
	for _, n := range []int{4, 7, 20, 60, 130} {
		for _, kind := range []string{"uniform", "few", "lowrank", "rank1"} {
			cases = append(cases,
				warmCase{name: "square", rows: n, cols: n, kind: kind},
				warmCase{name: "forbidden", rows: n, cols: n, kind: kind, forbid: 0.3},
				warmCase{name: "sparse", rows: n, cols: n, kind: kind, forbid: 0.8},
				warmCase{name: "deadrow", rows: n, cols: n, kind: kind, deadRow: true},
				warmCase{name: "capacity", rows: n, cols: n/2 + 1, kind: kind, capacity: true},
				warmCase{name: "capacity-forbidden", rows: n, cols: n/2 + 1, kind: kind, capacity: true, forbid: 0.3},
				warmCase{name: "wide", rows: n, cols: n + 1, kind: kind},
				warmCase{name: "tall", rows: n + 1, cols: n, kind: kind},
			)
		}
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, c := range cases {
		data, caps := c.draw(rng)
		for _, maximize := range []bool{false, true} {
			for _, warm := range []Warm{WarmAlways, WarmAuto, WarmNever} {
				name := fmt.Sprintf("%s/%s/%dx%d/max=%v/warm=%d", c.kind, c.name, c.rows, c.cols, maximize, warm)
				opt := Options{Maximize: maximize, Capacity: caps, Warm: warm}
				r, err := SolveData(c.rows, c.cols, data, opt)
				require.NoError(t, err, name)
				want, err := refFlow(c.rows, c.cols, data, opt)
				require.NoError(t, err, name)
				require.Equal(t, want.Assigned, r.Assigned, name)
				require.InDelta(t, want.Total, r.Total, 1e-6*math.Max(1, math.Abs(want.Total)), name)
				require.NoError(t, CertifyData(c.rows, c.cols, data, opt, r), name)
				if c.rows <= 7 && c.cols <= 7 {
					full := caps
					if full == nil {
						full = make([]int, c.cols)
						for j := range full {
							full[j] = 1
						}
					}
					k, total := brute(c.rows, c.cols, data, full, maximize)
					require.Equal(t, k, r.Assigned, name)
					require.InDelta(t, total, r.Total, 1e-6*math.Max(1, math.Abs(total)), name)
				}
			}
		}
	}
}

// TestWarmTakesOver checks that the warm start itself, not its fallback,
// solves square and near-square problems with a full assignment, and that
// it declines one without.
func TestWarmTakesOver(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, c := range []struct {
		warmCase
		ok bool
	}{
		{warmCase{rows: 50, cols: 50, kind: "lowrank"}, true},
		{warmCase{rows: 50, cols: 50, kind: "rank1"}, true},
		{warmCase{rows: 50, cols: 50, kind: "few"}, true},
		{warmCase{rows: 50, cols: 50, kind: "uniform", forbid: 0.3}, true},
		{warmCase{rows: 50, cols: 20, kind: "lowrank", capacity: true}, true},
		{warmCase{rows: 50, cols: 50, kind: "lowrank", deadRow: true}, false},
	} {
		data, caps := c.draw(rng)
		in, err := prepare(c.rows, c.cols, data, Options{Maximize: true, Capacity: caps})
		require.NoError(t, err)
		p := newDense(in.rows, in.cols, in.data, nil, in.sign, in.caps)
		require.True(t, p.perfect())
		require.Equal(t, c.ok, p.warm(), "%+v", c.warmCase)
	}
}
