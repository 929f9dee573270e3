package matching

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzSolve decodes a small problem from bytes — shape, sense, capacities,
// cells of few distinct values (ties everywhere) or forbidden — and holds
// the dense solver (also with its searches over short lists of one and two
// cells) and the sparse solver to brute force and to CertifyData.
func FuzzSolve(f *testing.F) {
	f.Add([]byte{3, 3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{4, 2, 3, 2, 0, 255, 1, 1, 1, 1, 255, 255, 255, 7, 7})
	f.Add([]byte{2, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{6, 3, 2, 1, 2, 1, 200, 100, 50, 25, 12, 6, 3, 1, 0, 255, 128, 64, 32, 16, 8, 4})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 3 {
			return
		}
		rows, cols, flags := int(b[0]%7)+1, int(b[1]%7)+1, b[2]
		b = b[3:]
		next := func() byte {
			if len(b) == 0 {
				return 0
			}
			x := b[0]
			b = b[1:]
			return x
		}
		opt := Options{Maximize: flags&1 != 0}
		full := make([]int, cols)
		for j := range full {
			full[j] = 1
		}
		if flags&2 != 0 {
			opt.Capacity = make([]int, cols)
			for j := range opt.Capacity {
				opt.Capacity[j] = int(next() % 4)
			}
			copy(full, opt.Capacity)
		}
		data := make([]float64, rows*cols)
		for k := range data {
			x := next()
			switch {
			case x == 255:
				data[k] = math.NaN()
			case flags&4 != 0:
				data[k] = float64(x) / 7 // fractions
			default:
				data[k] = float64(int(x%10) - 3)
			}
		}
		res, err := SolveData(rows, cols, data, opt)
		require.NoError(t, err)
		k, total := brute(rows, cols, data, full, opt.Maximize)
		require.Equal(t, k, res.Assigned)
		require.InDelta(t, total, res.Total, 1e-9)
		require.NoError(t, CertifyData(rows, cols, data, opt, res))

		for _, short := range []int{1, 2} {
			in, err := prepare(rows, cols, data, opt)
			require.NoError(t, err)
			in.tune = func(p *dense) { p.shortK = short }
			r, ok := in.solve()
			require.True(t, ok)
			require.Equal(t, k, r.Assigned)
			require.InDelta(t, total, r.Total, 1e-9)
			require.NoError(t, CertifyData(rows, cols, data, opt, r))
		}

		sp, err := SolveSparse(rows, cols, func(i, j int) float64 { return data[i*cols+j] }, SparseOptions{Options: opt, K: 1, Workers: 1})
		require.NoError(t, err)
		require.Equal(t, k, sp.Assigned)
		require.InDelta(t, total, sp.Total, 1e-9)
		require.NoError(t, CertifyData(rows, cols, data, opt, &sp.Result))

		byRow, err := SolveSparse(rows, cols, func(i, j int) float64 { return data[i*cols+j] }, SparseOptions{Options: opt, K: 1,
			Row: func(i int, dst []float64) { copy(dst, data[i*cols:(i+1)*cols]) }})
		require.NoError(t, err)
		require.Equal(t, sp.Assigned, byRow.Assigned)
		require.InDelta(t, sp.Total, byRow.Total, 1e-9)
	})
}
