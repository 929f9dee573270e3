package availability

import (
	"math"
	"slices"
	"time"

	"github.com/mentormatch/mentormatch"
)

// Interval is a half-open span of time [From, To).
type Interval struct{ From, To time.Time }

// Free lists when someone with these weekly slots in loc (nil: UTC) is free
// between from and to, sorted and merged. Each slot is placed on its
// actual local date as time.Date places it in the zone, so a clock change
// moves it as it should. O(days × slots), a zone look-up only where the
// zone's offset changes.
func Free(slots []mentormatch.Slot, loc *time.Location, from, to time.Time) []Interval {
	if loc == nil {
		loc = time.UTC
	}
	z := wallClock{loc: loc}
	// Local dates from the day before to the day after cover every zone.
	// Days past the end of the month are left for time.Date to carry
	// into the next, as it does.
	d0 := from.In(loc)
	y, m, d := d0.Year(), d0.Month(), d0.Day()-1
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	wd := day.Weekday()
	last := to.AddDate(0, 0, 1)
	out := make([]Interval, 0, len(slots)*(int(last.Sub(day)/(7*24*time.Hour))+1))
	for ; !day.After(last); day, d, wd = day.Add(24*time.Hour), d+1, (wd+1)%7 {
		midnight := day.Unix() // the local date's midnight read as UTC
		for _, s := range slots {
			if s.Day != wd {
				continue
			}
			a := z.date(y, m, d, s.Start, midnight+int64(s.Start)*60)
			endDay, endMidnight := d, midnight
			if s.End <= s.Start {
				endDay, endMidnight = d+1, midnight+24*60*60
			}
			b := z.date(y, m, endDay, s.End, endMidnight+int64(s.End)*60)
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
	if len(out) == 0 {
		return nil
	}
	return merge(out)
}

// wallClock turns one zone's wall-clock times into instants, exactly as
// time.Date does, keeping the zone period (offset and bounds) it last
// found: time.Date looks the zone up twice for every slot of every day,
// which was most of the scheduler's time.
type wallClock struct {
	loc        *time.Location
	off        int64 // seconds east of UTC, in force over [start, end)
	start, end int64 // Unix seconds
	found      bool
}

// date is time.Date(y, m, d, 0, min, 0, 0, loc) in UTC; wall is that
// wall time read as UTC, in Unix seconds. time.Date takes the offset in
// force at the wall time read as UTC, and keeps it when the instant it
// gives lies in the same zone period; when both lie in the period found
// last, the instant is the wall time less its offset.
func (z *wallClock) date(y int, m time.Month, d, min int, wall int64) time.Time {
	if u := wall - z.off; z.found && z.start <= wall && wall < z.end && z.start <= u && u < z.end {
		return time.Unix(u, 0).UTC()
	}
	t := time.Date(y, m, d, 0, min, 0, 0, z.loc)
	// The period of the wall time read as UTC, which time.Date looked up
	// first.
	w := time.Unix(wall, 0).In(z.loc)
	_, off := w.Zone()
	start, end := w.ZoneBounds()
	z.off, z.start, z.end, z.found = int64(off), math.MinInt64, math.MaxInt64, true
	if !start.IsZero() {
		z.start = start.Unix()
	}
	if !end.IsZero() {
		z.end = end.Unix()
	}
	return t.UTC()
}

func merge(ivs []Interval) []Interval {
	if len(ivs) < 2 {
		return ivs
	}
	// Spans that start together merge into one whatever their order.
	slices.SortFunc(ivs, func(a, b Interval) int { return a.From.Compare(b.From) })
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
func Intersect(a, b []Interval) []Interval { return AppendIntersect(nil, a, b) }

// AppendIntersect appends the spans in both a and b, each sorted and
// merged, to out, which must not share memory with a or b. O(len(a) +
// len(b)).
func AppendIntersect(out, a, b []Interval) []Interval {
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
