package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"testing"
)

// The commands end to end on generated programs, as a user runs them:
// reading, scoring, solving and writing, in process. The people file is
// generated once per size, outside the timing. The smallest size runs by
// default; pick larger ones with -bench, e.g.
//
//	go test ./cmd/mentormatch -run '^$' -bench 'MatchEndToEnd/100000x10000' -benchtime 1x -timeout 1h
//	go test ./cmd/mentormatch -run '^$' -bench 'Plan/10000x2000' -benchtime 1x
//
// --stats and /usr/bin/time on the built binary give the same figures with
// the process's peak memory (README, Performance).

// generated writes a seeded program of mentees × mentors as CSV in a
// temporary folder and returns its path.
func generated(b *testing.B, mentees, mentors int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "people.csv")
	if code := run([]string{"generate", "--mentees", strconv.Itoa(mentees), "--mentors", strconv.Itoa(mentors), "--seed", "7", "--out", path}, io.Discard, io.Discard); code != 0 {
		b.Fatalf("generate exited %d", code)
	}
	return path
}

// benchCommand runs cmd on each size's program, writing out.ext to a
// new name every time.
func benchCommand(b *testing.B, cmd, ext string, sizes [][2]int) {
	for _, s := range sizes {
		b.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(b *testing.B) {
			people := generated(b, s[0], s[1])
			dir := b.TempDir()
			n := 0
			for b.Loop() {
				n++
				out := filepath.Join(dir, fmt.Sprintf("out%d%s", n, ext))
				if code := run([]string{cmd, people, "--out", out, "--quiet"}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("%s exited %d", cmd, code)
				}
			}
		})
	}
}

// BenchmarkMatchEndToEnd is match on programs up to 100,000 × 10,000
// (the largest is solved in sparse mode on two-byte scores).
func BenchmarkMatchEndToEnd(b *testing.B) {
	benchCommand(b, "match", ".json", [][2]int{{1000, 200}, {10000, 2000}, {40000, 2500}, {100000, 10000}})
}

// BenchmarkPlan is plan (match, cohorts, sessions, the plan workbook) on
// programs up to 10,000 × 2,000.
func BenchmarkPlan(b *testing.B) {
	benchCommand(b, "plan", ".xlsx", [][2]int{{1000, 200}, {10000, 2000}})
}
