package matching_test

import (
	"fmt"
	"testing"

	"github.com/mentormatch/mentormatch/benchmarks"
	"github.com/mentormatch/mentormatch/matching"
)

// BenchmarkSolve runs SolveData on the comparison's matrices (fixed seeds)
// from 100 to 4000: go test ./matching -run '^$' -bench Solve/few.
// The larger sizes take seconds each; pick them with -bench, e.g.
// -bench 'Solve/lowrank/4000'.
func BenchmarkSolve(b *testing.B) {
	for _, n := range []int{100, 500, 1000, 2000, 4000} {
		for _, c := range benchmarks.Suite(n) {
			b.Run(c.Name(), func(b *testing.B) {
				data, opt := c.Data(), c.Options()
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if _, err := matching.SolveData(c.Rows, c.Cols, data, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkSolveSparse solves markets of mentees × mentors × 10 places in
// sparse mode, the cells computed on demand.
func BenchmarkSolveSparse(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		m := benchmarks.NewMarket(n, n/10, 10)
		b.Run(fmt.Sprintf("%dx%dx10", n, n/10), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := matching.SolveSparse(m.Rows, m.Cols, m.Cell, matching.SparseOptions{Options: m.Options()}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
