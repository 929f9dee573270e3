package availability

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// A group's union bounds Pair's hours for everyone in it, and is Pair
// itself for a group of one.
func TestUnionHours(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 5))
	zones := []string{"America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "UTC"}
	p := &mentormatch.Program{}
	for i := range 60 {
		loc, err := time.LoadLocation(zones[r.IntN(len(zones))])
		require.NoError(t, err)
		q := mentormatch.Person{ID: string(rune('a' + i)), Location: loc}
		if i%11 != 0 {
			for range 1 + r.IntN(3) {
				start := 60 * (6 + r.IntN(10))
				q.Availability = append(q.Availability, mentormatch.Slot{Day: time.Weekday(1 + r.IntN(5)), Start: start, End: start + 60*(1+r.IntN(3))})
			}
		}
		p.People = append(p.People, q)
	}
	// Across a clock change: weeks of two offsets.
	m := New(p, Calendar{Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Days: 60, SessionMinutes: 60}, nil)
	people := make([]int, 0, 40)
	for i := 20; i < 60; i++ {
		people = append(people, i)
	}
	u := m.Unions(people)
	hours := make([]float64, u.Groups())
	below := 0
	for a := range 20 {
		u.UnionHours(a, hours)
		for k, b := range people {
			h, _ := m.Pair(a, b)
			g := u.Group(k)
			if h < 0 {
				assert.True(t, g < 0 || hours[0] < 0, "(%d,%d)", a, b)
				continue
			}
			require.GreaterOrEqual(t, g, 0)
			assert.GreaterOrEqual(t, hours[g], h, "(%d,%d)", a, b)
			if hours[g] > h {
				below++
			}
		}
	}
	assert.Positive(t, below)
	one := m.Unions([]int{25})
	h := make([]float64, 1)
	for a := range 20 {
		want, _ := m.Pair(a, 25)
		one.UnionHours(a, h)
		if want >= 0 {
			assert.Equal(t, want, h[0], "%d", a)
		}
	}
}
