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

func BenchmarkCell(b *testing.B) {
	p := synthProgram(2000, 1000)
	s, err := New(p, mentormatch.DefaultConfig())
	require.NoError(b, err)
	rows, cols := s.Size()
	b.ReportAllocs()
	sum := 0.0
	for b.Loop() {
		for i := range rows {
			for j := range cols {
				sum += s.Cell(i, j)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows*cols), "ns/cell")
}

func BenchmarkRow(b *testing.B) {
	p := synthProgram(2000, 1000)
	s, err := New(p, mentormatch.DefaultConfig())
	require.NoError(b, err)
	rows, cols := s.Size()
	dst := make([]float64, cols)
	b.ReportAllocs()
	for b.Loop() {
		for i := range rows {
			s.Row(i, dst)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows*cols), "ns/cell")
}

// BenchmarkCompact scores rows as wide as the 100,000 × 10,000 target's,
// where the mentors' fields no longer fit in a core's cache.
func BenchmarkCompact(b *testing.B) {
	p := synthProgram(1000, 10000)
	s, err := New(p, mentormatch.DefaultConfig())
	require.NoError(b, err)
	rows, cols := s.Size()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := s.Compact(); !ok {
			b.Fatal("not compact")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows*cols), "ns/cell")
}
