package scoring

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/synth"
)

func synthProgram(mentees, mentors int) *mentormatch.Program {
	p := &mentormatch.Program{People: synth.Generate(synth.Options{Mentees: mentees, Mentors: mentors, Seniors: -1, Seed: 11})}
	for i := range p.People {
		if p.People[i].Role.IsMentee() {
			p.Mentees = append(p.Mentees, i)
		}
		if p.People[i].Role.IsMentor() {
			p.Mentors = append(p.Mentors, i)
		}
	}
	return p
}

// benchCells runs score on a generated program's scorer and reports the
// time per pair, wall clock.
func benchCells(b *testing.B, mentees, mentors int, score func(s *Scorer, rows, cols int)) {
	s, err := New(synthProgram(mentees, mentors), mentormatch.DefaultConfig())
	require.NoError(b, err)
	rows, cols := s.Size()
	b.ReportAllocs()
	for b.Loop() {
		score(s, rows, cols)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows*cols), "ns/cell")
}

// BenchmarkCell scores pairs one at a time, on one goroutine.
func BenchmarkCell(b *testing.B) {
	benchCells(b, 2000, 1000, func(s *Scorer, rows, cols int) {
		for i := range rows {
			for j := range cols {
				s.Cell(i, j)
			}
		}
	})
}

// BenchmarkRow scores whole rows, on one goroutine.
func BenchmarkRow(b *testing.B) {
	benchRows(b, 2000, 1000, (*Scorer).Row)
}

// benchRows is benchCells calling row for every row of the program in
// turn, into one buffer.
func benchRows(b *testing.B, mentees, mentors int, row func(s *Scorer, i int, dst []float64)) {
	benchCells(b, mentees, mentors, func(s *Scorer, rows, cols int) {
		dst := make([]float64, cols)
		for i := range rows {
			row(s, i, dst)
		}
	})
}

// BenchmarkCompact scores rows as wide as the 100,000 × 10,000 target's,
// where the mentors' fields no longer fit in a core's cache, on every
// processor.
func BenchmarkCompact(b *testing.B) {
	benchCells(b, 1000, 10000, func(s *Scorer, _, _ int) {
		if _, ok := s.Compact(); !ok {
			b.Fatal("not compact")
		}
	})
}

// BenchmarkRowBound bounds whole rows as wide as the 100,000 × 10,000
// target's, on one goroutine: what a solver reads to skip the cells it
// need not score (compare BenchmarkRowWide).
func BenchmarkRowBound(b *testing.B) {
	benchRows(b, 200, 10000, (*Scorer).RowBound)
}

// BenchmarkRowWide scores whole rows as wide as BenchmarkRowBound's, on
// one goroutine.
func BenchmarkRowWide(b *testing.B) {
	benchRows(b, 200, 10000, (*Scorer).Row)
}

// BenchmarkCached bounds and encodes every pair of a program as wide as
// the 100,000 × 10,000 target's, on every processor: what a sparse solve
// builds before it starts (Scorer.Cached).
func BenchmarkCached(b *testing.B) {
	benchCells(b, 4000, 10000, func(s *Scorer, _, _ int) {
		if _, ok := s.Cached(); !ok {
			b.Fatal("not cached")
		}
	})
}

// BenchmarkCachedBound reads every row of a Cached matrix as bounds, as
// the solver does several times over, on one goroutine.
func BenchmarkCachedBound(b *testing.B) {
	s, err := New(synthProgram(4000, 10000), mentormatch.DefaultConfig())
	require.NoError(b, err)
	c, ok := s.Cached()
	require.True(b, ok)
	rows, cols := s.Size()
	dst := make([]float64, cols)
	for b.Loop() {
		for i := range rows {
			c.Bound(i, dst)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows*cols), "ns/cell")
}
