package availability

import (
	"sort"
	"time"

	"github.com/mentormatch/mentormatch"
)

// Interval is a half-open span of time [From, To).
type Interval struct{ From, To time.Time }

// Free lists when someone with these weekly slots in loc (nil: UTC) is free
// between from and to, sorted and merged. Each slot is placed on its
// actual local date with time.Date in the zone, so a clock change moves it
// as it should.
func Free(slots []mentormatch.Slot, loc *time.Location, from, to time.Time) []Interval {
	if loc == nil {
		loc = time.UTC
	}
	var out []Interval
	// Local dates from the day before to the day after cover every zone.
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
			if a.Before(from) {
				a = from
			}
			if b.After(to) {
				b = to
			}
			if a.Before(b) {
				out = append(out, Interval{a, b})
			}
		}
	}
	return merge(out)
}

func merge(ivs []Interval) []Interval {
	if len(ivs) < 2 {
		return ivs
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].From.Before(ivs[j].From) })
	out := ivs[:1]
	for _, iv := range ivs[1:] {
		last := &out[len(out)-1]
		if !iv.From.After(last.To) {
			if iv.To.After(last.To) {
				last.To = iv.To
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// Intersect returns the spans in both a and b, each sorted and merged.
func Intersect(a, b []Interval) []Interval {
	var out []Interval
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		from, to := a[i].From, a[i].To
		if b[j].From.After(from) {
			from = b[j].From
		}
		if b[j].To.Before(to) {
			to = b[j].To
		}
		if from.Before(to) {
			out = append(out, Interval{from, to})
		}
		if a[i].To.Before(b[j].To) {
			i++
		} else {
			j++
		}
	}
	return out
}
