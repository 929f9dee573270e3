package cohort

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
)

// worldwideProgram is n mentees between New York and Tokyo, each free two
// or three two-hour blocks a week on weekdays between 07:00 and 21:00 local.
func worldwideProgram(n int, seed uint64) *mentormatch.Program {
	zones := []string{"America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo"}
	r := rand.New(rand.NewPCG(seed, 5))
	p := &mentormatch.Program{}
	for i := range n {
		z := zones[r.IntN(len(zones))]
		per := mentormatch.Person{ID: fmt.Sprintf("E%d", i), Role: mentormatch.RoleMentee, TimeZone: z, Location: mustLoc(z)}
		for range 2 + r.IntN(2) {
			h := 7 + r.IntN(13)
			per.Availability = append(per.Availability, mentormatch.Slot{Day: time.Monday + time.Weekday(r.IntN(5)), Start: h * 60, End: h*60 + 120})
		}
		p.People = append(p.People, per)
		p.Mentees = append(p.Mentees, i)
	}
	return p
}

// bestMeetPairs is the most peer pairs who can meet over every split of
// the mentees into cohorts of these sizes, by exhaustive search.
func bestMeetPairs(meet [][]bool, sizes []int) int {
	n := len(meet)
	group := make([]int, n)
	fill := make([]int, len(sizes))
	best := -1
	var rec func(k, pairs int)
	rec = func(k, pairs int) {
		if k == n {
			best = max(best, pairs)
			return
		}
		for g := range sizes {
			if fill[g] == sizes[g] {
				continue
			}
			// Empty groups of one size are alike: try the first only.
			if fill[g] == 0 && g > 0 && fill[g-1] == 0 && sizes[g-1] == sizes[g] {
				continue
			}
			add := 0
			for j := range k {
				if group[j] == g && meet[j][k] {
					add++
				}
			}
			group[k] = g
			fill[g]++
			rec(k+1, pairs+add)
			fill[g]--
		}
	}
	rec(0, 0)
	return best
}

// TestFormMeetPairsAgainstOptimum: on small worldwide programs, the
// cohorts hold at least 95% of the peer pairs who can meet that the best
// split into the same sizes holds.
func TestFormMeetPairsAgainstOptimum(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-03-02" // across March's clock changes
	cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize = 3, 4
	got, opt := 0, 0
	for seed := range uint64(30) {
		p := worldwideProgram(12, seed)
		m := availability.New(p, calendarOf(p, cfg), officeHours)
		meet := make([][]bool, len(p.Mentees))
		for i := range meet {
			meet[i] = make([]bool, len(p.Mentees))
			for j := range meet {
				if i != j {
					_, meet[i][j] = m.Pair(p.Mentees[i], p.Mentees[j])
				}
			}
		}
		groups := Form(p, cfg)
		n := 0
		for _, g := range groups {
			for a, i := range g {
				for _, j := range g[a+1:] {
					if meet[i][j] {
						n++
					}
				}
			}
		}
		best := bestMeetPairs(meet, Sizes(len(p.Mentees), cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize))
		require.LessOrEqual(t, n, best, "seed %d", seed)
		got += n
		opt += best
	}
	ratio := float64(got) / float64(opt)
	t.Logf("peer pairs who can meet: %d of the optimum %d over 30 programs (%.1f%%)", got, opt, 100*ratio)
	assert.GreaterOrEqual(t, ratio, 0.95)
}
