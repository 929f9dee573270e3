package cohort_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/cohort"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/synth"
)

// The sizes the review page (1,000 × 200) and plan (10,000 × 2,000) are
// held to, on programs as `generate --seed 7` writes them, matched as plan
// matches them. The match is made once per size, outside the timing (at
// 10,000 × 2,000 it takes longer than a Build):
//
//	go test ./cohort -run '^$' -bench 'Generated' -count 6 -timeout 1h
var generatedSizes = [][2]int{{1000, 200}, {10000, 2000}}

type generatedPlan struct {
	p   *mentormatch.Program
	r   *mentormatch.Roster
	cfg mentormatch.Config
}

var (
	generatedMu    sync.Mutex
	generatedPlans = map[[2]int]generatedPlan{}
)

// generated is the program of size s, its roster and configuration; the
// schedule starts on 2026-03-02, so it spans March's clock changes.
func generated(b *testing.B, s [2]int) generatedPlan {
	b.Helper()
	generatedMu.Lock()
	defer generatedMu.Unlock()
	if g, ok := generatedPlans[s]; ok {
		return g
	}
	p := &mentormatch.Program{People: synth.Generate(synth.Options{Mentees: s[0], Mentors: s[1], Seniors: -1, Seed: 7})}
	for i := range p.People {
		if p.People[i].Role.IsMentee() {
			p.Mentees = append(p.Mentees, i)
		}
		if p.People[i].Role.IsMentor() {
			p.Mentors = append(p.Mentors, i)
		}
	}
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-03-02"
	res, err := roster.Match(p, cfg)
	if err != nil {
		b.Fatal(err)
	}
	g := generatedPlan{p, res.Roster, cfg}
	generatedPlans[s] = g
	return g
}

// BenchmarkFormGenerated is cohort formation alone.
func BenchmarkFormGenerated(b *testing.B) {
	for _, s := range generatedSizes {
		b.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(b *testing.B) {
			g := generated(b, s)
			for b.Loop() {
				cohort.Form(g.p, g.cfg)
			}
		})
	}
}

// BenchmarkBuildGenerated is formation, rotations and the dated sessions:
// what plan and the review page's Cohorts view spend in package cohort.
func BenchmarkBuildGenerated(b *testing.B) {
	for _, s := range generatedSizes {
		b.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(b *testing.B) {
			g := generated(b, s)
			for b.Loop() {
				if _, err := cohort.Build(g.p, g.r, g.cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
