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

// meetMatrix says which mentees of p (indexes into p.Mentees) can meet
// each other under cfg.
func meetMatrix(p *mentormatch.Program, cfg mentormatch.Config) [][]bool {
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
	return meet
}

// meetPairs counts the peer pairs of groups who can meet.
func meetPairs(groups [][]int, meet [][]bool) int {
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
	return n
}

// optimumCase is a set of seeded worldwide programs of one size, cut
// into cohorts of min–max members.
type optimumCase struct{ mentees, min, max, seeds int }

var optimumCases = []optimumCase{{12, 3, 4, 30}, {15, 3, 5, 20}, {16, 3, 4, 10}}

// optimumPrograms are the programs of c, each with who can meet whom,
// the configuration they are formed under, and the most peer pairs who
// can meet that any split into Form's sizes holds, summed.
func optimumPrograms(c optimumCase) (ps []*mentormatch.Program, meets [][][]bool, cfg mentormatch.Config, opt int) {
	cfg = mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-03-02" // across March's clock changes
	cfg.Cohorts.MinSize, cfg.Cohorts.MaxSize = c.min, c.max
	for seed := range uint64(c.seeds) {
		p := worldwideProgram(c.mentees, seed)
		meet := meetMatrix(p, cfg)
		ps, meets = append(ps, p), append(meets, meet)
		opt += bestMeetPairs(meet, Sizes(len(p.Mentees), c.min, c.max))
	}
	return ps, meets, cfg, opt
}

// formedPairs forms the cohorts of every program and counts the peer
// pairs who can meet they hold.
func formedPairs(ps []*mentormatch.Program, meets [][][]bool, cfg mentormatch.Config) int {
	got := 0
	for k, p := range ps {
		got += meetPairs(Form(p, cfg), meets[k])
	}
	return got
}

// TestFormMeetPairsAgainstOptimum: on small worldwide programs, the
// cohorts hold at least 95% of the peer pairs who can meet that the best
// split into the same sizes holds, and never more.
func TestFormMeetPairsAgainstOptimum(t *testing.T) {
	c := optimumCases[0]
	ps, meets, cfg, opt := optimumPrograms(c)
	got := formedPairs(ps, meets, cfg)
	require.LessOrEqual(t, got, opt)
	ratio := float64(got) / float64(opt)
	t.Logf("peer pairs who can meet: %d of the optimum %d over %d programs (%.1f%%)", got, opt, c.seeds, 100*ratio)
	assert.GreaterOrEqual(t, ratio, 0.95)
}

// BenchmarkFormOptimum forms the cohorts of seeded worldwide programs and
// reports, as "ratio", the peer pairs who can meet they hold over the most
// that any split into the same sizes holds (exhaustive search, outside
// the timing): go test ./cohort -run - -bench FormOptimum.
func BenchmarkFormOptimum(b *testing.B) {
	for _, c := range optimumCases {
		b.Run(fmt.Sprintf("%dx%d-%d", c.mentees, c.min, c.max), func(b *testing.B) {
			ps, meets, cfg, opt := optimumPrograms(c)
			got := 0
			for b.Loop() {
				got = formedPairs(ps, meets, cfg)
			}
			b.ReportMetric(float64(got)/float64(opt), "ratio")
		})
	}
}
