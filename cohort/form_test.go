package cohort

import (
	"fmt"
	"sort"
	"testing"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		n, min, max int
		want        []int
	}{
		{0, 4, 12, nil},
		{3, 4, 12, []int{3}},
		{12, 4, 12, []int{12}},
		{13, 4, 12, []int{7, 6}},
		{25, 4, 12, []int{9, 8, 8}},
		{60, 4, 12, []int{12, 12, 12, 12, 12}},
		{61, 4, 12, []int{11, 10, 10, 10, 10, 10}},
		{10, 0, 0, []int{10}}, // zero config: defaults 4–12
		{9, 2, 4, []int{3, 3, 3}},
	} {
		t.Run(fmt.Sprint(tc.n, tc.min, tc.max), func(t *testing.T) {
			got := Sizes(tc.n, tc.min, tc.max)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestFormPartitionBalanced(t *testing.T) {
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"}
	for _, n := range []int{1, 5, 12, 13, 30, 61, 100} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			p := testProgram(n, 1, 0, zones)
			cfg := mentormatch.DefaultConfig()
			groups := Form(p, cfg)
			var all []int
			lo, hi := n, 0
			for _, g := range groups {
				require.True(t, sort.IntsAreSorted(g))
				all = append(all, g...)
				lo, hi = min(lo, len(g)), max(hi, len(g))
				assert.LessOrEqual(t, len(g), cfg.Cohorts.MaxSize)
			}
			assert.LessOrEqual(t, hi-lo, 1)
			assert.Len(t, groups, (n+cfg.Cohorts.MaxSize-1)/cfg.Cohorts.MaxSize)
			sort.Ints(all)
			for i := range all {
				require.Equal(t, i, all[i])
			}
			assert.Equal(t, groups, Form(p, cfg), "deterministic")
		})
	}
}

// Mentees in far-apart zones with working-hours availability end up with
// their own zone.
func TestFormGroupsByZone(t *testing.T) {
	zones := []string{"America/Los_Angeles", "Asia/Tokyo"}
	p := testProgram(16, 1, 0, zones)
	cfg := mentormatch.DefaultConfig()
	cfg.Cohorts.MaxSize = 8
	groups := FormWith(p, cfg, FormOptions{MixBonus: 10}) // a strong mix bonus must not break zone bands
	require.Len(t, groups, 2)
	for _, g := range groups {
		zone := p.Mentee(g[0]).TimeZone
		for _, i := range g {
			assert.Equal(t, zone, p.Mentee(i).TimeZone)
		}
	}
}

// objective recomputes what FormWith optimises.
func objective(p *mentormatch.Program, cfg mentormatch.Config, groups [][]int, bonus float64) float64 {
	m := availability.New(p, calendarOf(p, cfg), officeHours)
	total := 0.0
	for _, g := range groups {
		depts, levels := map[string]bool{}, map[int]bool{}
		for a, i := range g {
			for _, j := range g[a+1:] {
				h, meet := m.Pair(p.Mentees[i], p.Mentees[j])
				total += h
				if meet {
					total += meetWeight
				}
			}
			if d := p.Mentee(i).Department; d != "" {
				depts[d] = true
			}
			if l := p.Mentee(i).Level; l != 0 {
				levels[l] = true
			}
		}
		total += bonus * float64(max(len(depts)-1, 0)+max(len(levels)-1, 0))
	}
	return total
}

func TestFormImprovesObjective(t *testing.T) {
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Europe/London", "America/Chicago"}
	p := testProgram(40, 1, 0, zones)
	cfg := mentormatch.DefaultConfig()
	for _, bonus := range []float64{0, 0.5, 5} {
		start := FormWith(p, cfg, FormOptions{MixBonus: bonus, MaxPasses: 0})
		// The full search (the default) against a search of one pass.
		one := FormWith(p, cfg, FormOptions{MixBonus: bonus, MaxPasses: 1})
		assert.GreaterOrEqual(t, objective(p, cfg, start, bonus)+1e-9, objective(p, cfg, one, bonus), "bonus %v", bonus)
		// The search never ends below the contiguous split it starts from.
		noSearch := contiguous(p, cfg)
		assert.GreaterOrEqual(t, objective(p, cfg, one, bonus)+1e-9, objective(p, cfg, noSearch, bonus), "bonus %v", bonus)
	}
}

// contiguous is FormWith before the local search.
func contiguous(p *mentormatch.Program, cfg mentormatch.Config) [][]int {
	return FormWith(p, cfg, FormOptions{MaxPasses: -1})
}
