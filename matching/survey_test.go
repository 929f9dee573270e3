package matching

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSurvey solves with the rows' survey forced on (lists of allowed
// cells, classes of identical rows) and off, on matrices with many
// identical rows and with many forbidden cells, and checks both against
// the reference flow and the certificate.
func TestSurvey(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 16))
	for _, n := range []int{3, 8, 30, 90} {
		for _, forbid := range []float64{0, 0.5, 0.85} {
			for _, shape := range [][2]int{{n, n}, {n, n + 3}, {n + 3, n}} {
				rows, cols := shape[0], shape[1]
				// Rank one with few distinct factors: many equal rows.
				a, b := make([]float64, rows), make([]float64, cols)
				for i := range a {
					a[i] = float64(1 + rng.IntN(4))
				}
				for j := range b {
					b[j] = float64(1 + rng.IntN(5))
				}
				data := make([]float64, rows*cols)
				for i := range rows {
					for j := range cols {
						data[i*cols+j] = a[i] * b[j]
						if rng.Float64() < forbid && i%3 != 0 {
							// Rows i ≡ 0 mod 3 keep every cell, so some
							// rows stay identical.
							data[i*cols+j] = math.NaN()
						}
					}
				}
				var caps []int
				if rng.IntN(2) == 0 {
					caps = make([]int, cols)
					for j := range caps {
						caps[j] = rng.IntN(3)
					}
				}
				for _, maximize := range []bool{false, true} {
					opt := Options{Maximize: maximize, Capacity: caps}
					want, err := refFlow(rows, cols, data, opt)
					require.NoError(t, err)
					for _, always := range []bool{false, true} {
						name := fmt.Sprintf("%dx%d/forbid=%v/max=%v/caps=%v/survey=%v", rows, cols, forbid, maximize, caps != nil, always)
						in, err := prepare(rows, cols, data, opt)
						require.NoError(t, err)
						in.tune = func(p *dense) { p.alwaysSurvey = always }
						r, ok := in.solve()
						require.True(t, ok, name)
						require.Equal(t, want.Assigned, r.Assigned, name)
						require.InDelta(t, want.Total, r.Total, 1e-9*math.Max(1, math.Abs(want.Total)), name)
						require.NoError(t, CertifyData(rows, cols, data, opt, r), name)
					}
				}
			}
		}
	}
}

// TestSurveyFinds checks that the survey lists forbidden-heavy rows and
// groups identical rows, bit for bit.
func TestSurveyFinds(t *testing.T) {
	nan := math.NaN()
	data := []float64{
		1, nan, nan, nan,
		2, 3, nan, nan,
		1, nan, nan, nan,
		2, nan, nan, 4,
	}
	p := newDense(4, 4, data, nil, 1, []int32{1, 1, 1, 1})
	p.listIfSparse()
	require.NotNil(t, p.sv)
	require.Equal(t, []int{0, 1, 3, 4, 6}, p.sv.start)
	require.Equal(t, []int32{0, 0, 1, 0, 0, 3}, p.sv.at)
	p.alwaysSurvey = true
	p.findClasses(0)
	require.Equal(t, p.sv.class[0], p.sv.class[2])
	require.NotEqual(t, p.sv.class[1], p.sv.class[3])
	require.NotEqual(t, p.sv.class[0], p.sv.class[1])
}
