package cohort

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
)

// plainImprove is the local search as FormWith documents it, written
// plainly: every pair of cohorts in the window visited in every pass,
// every pair look-up and mix counted afresh. improve must swap exactly as
// it does.
func plainImprove(s *search, groups [][]int) {
	passes := cmpOr(s.opt.MaxPasses, 50)
	window := 2
	if len(groups) <= 16 {
		window = len(groups)
	}
	mix := func(g []int, out, in int) float64 {
		if s.opt.MixBonus == 0 {
			return 0
		}
		var depts, levels []int32
		for _, x := range g {
			if x == out {
				x = in
			}
			if d := s.dept[x]; d != 0 && !slices.Contains(depts, d) {
				depts = append(depts, d)
			}
			if l := int32(s.p.Mentee(x).Level); l != 0 && !slices.Contains(levels, l) {
				levels = append(levels, l)
			}
		}
		return s.opt.MixBonus * float64(max(len(depts)-1, 0)+max(len(levels)-1, 0))
	}
	gain := func(g []int, out, in int) float64 {
		d := 0.0
		for _, x := range g {
			if x != out {
				d += s.hours(in, x) - s.hours(out, x)
			}
		}
		return d
	}
	for range passes {
		swapped := false
		for a := range groups {
			for b := a + 1; b < len(groups) && b <= a+window; b++ {
				A, B := groups[a], groups[b]
				for ia := range A {
					for ib := range B {
						i, j := A[ia], B[ib]
						parted := s.peersParted(A, i, j) + s.peersParted(B, j, i)
						if parted < 0 {
							continue
						}
						d := gain(A, i, j) + gain(B, j, i)
						if s.opt.MixBonus != 0 {
							d += mix(A, i, j) - mix(A, -1, -1) + mix(B, j, i) - mix(B, -1, -1)
						}
						if parted > 0 || d > 1e-9 {
							A[ia], B[ib] = j, i
							swapped = true
						}
					}
				}
			}
		}
		if !swapped {
			return
		}
	}
}

func cmpOr(v, d int) int {
	if v == 0 {
		return d
	}
	return v
}

// TestImproveAsPlainSearch: on worldwide and office-hours programs, with
// and without mix and earlier peers, at most and more than 16 cohorts,
// from a random split, improve ends where the plain search ends.
func TestImproveAsPlainSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	for _, tc := range []struct {
		n       int
		world   bool
		mix     float64
		earlier bool
		passes  int
	}{
		{30, true, DefaultMixBonus, false, 0},
		{30, true, 0, false, 0},
		{150, true, DefaultMixBonus, true, 0},
		{200, false, DefaultMixBonus, false, 0},
		{400, true, DefaultMixBonus, false, 0},
		{400, true, DefaultMixBonus, true, 0},
		{400, true, 1e-12, false, 0},
		{400, true, DefaultMixBonus, false, 2},
	} {
		t.Run(fmt.Sprint(tc), func(t *testing.T) {
			var p *mentormatch.Program
			if tc.world {
				p = worldwideProgram(tc.n, uint64(tc.n))
				for i := range p.People {
					p.People[i].Department = []string{"", "eng", "ops", "sales"}[r.IntN(4)]
					p.People[i].Level = r.IntN(6)
				}
			} else {
				p = testProgram(tc.n, 1, 0, benchZones)
			}
			if tc.earlier {
				for c := range tc.n / 8 {
					var ids []string
					for range 6 {
						ids = append(ids, p.Mentee(r.IntN(tc.n)).ID)
					}
					p.EarlierCohorts = append(p.EarlierCohorts, mentormatch.EarlierCohort{ID: fmt.Sprint("C", c), Members: ids})
				}
			}
			cfg := mentormatch.DefaultConfig()
			cfg.Schedule.Start = "2026-03-02"
			m := availability.New(p, calendarOf(p, cfg), officeHours)
			s := newSearch(p, func(i, j int) (float64, bool) { return m.Pair(p.Mentees[i], p.Mentees[j]) }, newEarlierPeers(p), FormOptions{MixBonus: tc.mix, MaxPasses: tc.passes})
			order := r.Perm(tc.n)
			var got, want [][]int
			at := 0
			for _, size := range Sizes(tc.n, 4, 12) {
				got = append(got, slices.Clone(order[at:at+size]))
				want = append(want, slices.Clone(order[at:at+size]))
				at += size
			}
			s.improve(got)
			plainImprove(s, want)
			require.Equal(t, want, got)
		})
	}
}
