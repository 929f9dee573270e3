package availability

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// plainFree is Free as it reads: every slot of every local date placed
// with time.Date in the zone.
func plainFree(slots []mentormatch.Slot, loc *time.Location, from, to time.Time) []Interval {
	if loc == nil {
		loc = time.UTC
	}
	var out []Interval
	d0 := from.In(loc)
	day := time.Date(d0.Year(), d0.Month(), d0.Day()-1, 0, 0, 0, 0, time.UTC)
	for ; !day.After(to.AddDate(0, 0, 1)); day = day.AddDate(0, 0, 1) {
		y, m, d := day.Date()
		for _, s := range slots {
			if s.Day != day.Weekday() {
				continue
			}
			a := time.Date(y, m, d, s.Start/60, s.Start%60, 0, 0, loc).UTC()
			endDay := d
			if s.End <= s.Start {
				endDay++
			}
			b := time.Date(y, m, endDay, s.End/60, s.End%60, 0, 0, loc).UTC()
			a, b = later(a, from), earlier(b, to)
			if a.Before(b) {
				out = append(out, Interval{a, b})
			}
		}
	}
	return merge(out)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// TestFreeAsTimeDate: Free places every slot where time.Date does, in
// zones with clock changes of an hour, half an hour and none, slots that
// start or end in the hour a clock change skips or repeats, over windows
// across the changes of several years.
func TestFreeAsTimeDate(t *testing.T) {
	zones := []string{"UTC", "America/New_York", "Europe/Berlin", "Europe/London", "Asia/Kolkata", "Asia/Tokyo",
		"Australia/Sydney", "Australia/Lord_Howe", "America/Santiago", "Asia/Tehran", "Pacific/Chatham", "America/St_Johns"}
	r := rand.New(rand.NewPCG(5, 21))
	for _, name := range zones {
		loc := loadZone(t, name)
		t.Run(name, func(t *testing.T) {
			for range 40 {
				var slots []mentormatch.Slot
				for range 1 + r.IntN(4) {
					// Quarter hours, and round the small hours when clocks change.
					start := 15 * r.IntN(96)
					if r.IntN(3) == 0 {
						start = 60 + 15*r.IntN(12)
					}
					slots = append(slots, mentormatch.Slot{Day: time.Weekday(r.IntN(7)), Start: start, End: (start + 15*(1+r.IntN(40))) % (24 * 60)})
				}
				from := time.Date(2025+r.IntN(4), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), 15*r.IntN(4), 0, 0, time.UTC)
				to := from.Add(time.Duration(1+r.IntN(24*120)) * time.Hour)
				want := plainFree(slots, loc, from, to)
				got := Free(slots, loc, from, to)
				require.Equal(t, want, got, fmt.Sprint(slots, from, to))
			}
		})
	}
}
