package cohort

import (
	"math/bits"
	"sort"
	"time"

	"github.com/mentormatch/mentormatch"
)

const (
	cellMinutes = 15
	weekCells   = 7 * 24 * 60 / cellMinutes
	weekWords   = (weekCells + 63) / 64
)

// week is weekly availability in UTC, one bit per 15 minutes from the
// reference Monday 00:00 UTC.
type week [weekWords]uint64

// officeHours stands in for people who list no availability: Monday to
// Friday, 09:00–17:00 in their own zone.
var officeHours = []mentormatch.Slot{
	{Day: time.Monday, Start: 9 * 60, End: 17 * 60},
	{Day: time.Tuesday, Start: 9 * 60, End: 17 * 60},
	{Day: time.Wednesday, Start: 9 * 60, End: 17 * 60},
	{Day: time.Thursday, Start: 9 * 60, End: 17 * 60},
	{Day: time.Friday, Start: 9 * 60, End: 17 * 60},
}

// slotsOf returns the person's weekly slots, office hours when none.
func slotsOf(p *mentormatch.Person) []mentormatch.Slot {
	if len(p.Availability) == 0 {
		return officeHours
	}
	return p.Availability
}

func locOf(p *mentormatch.Person) *time.Location {
	if p.Location == nil {
		return time.UTC
	}
	return p.Location
}

// weekOf converts a person's slots to UTC cells of the week that starts on
// monday (00:00 UTC), with the zone's offsets as they are on each day.
func weekOf(p *mentormatch.Person, monday time.Time) week {
	var w week
	for _, iv := range intervals(p, monday, monday.AddDate(0, 0, 7)) {
		a := int(iv.from.Sub(monday).Minutes()) / cellMinutes
		b := int(iv.to.Sub(monday).Minutes()) / cellMinutes
		for c := a; c < b; c++ {
			w[c/64] |= 1 << (c % 64)
		}
	}
	return w
}

func (w *week) overlap(o *week) int {
	n := 0
	for k := range w {
		n += bits.OnesCount64(w[k] & o[k])
	}
	return n
}

// first is the first free cell of the week, weekCells when none.
func (w *week) first() int {
	for k, x := range w {
		if x != 0 {
			return k*64 + bits.TrailingZeros64(x)
		}
	}
	return weekCells
}

// interval is a half-open span of time [from, to).
type interval struct{ from, to time.Time }

// intervals lists when p is free between from and to, in UTC, sorted and
// merged. Each slot is placed on the actual local date with time.Date in the
// person's zone, so a daylight-saving change moves it as it should.
func intervals(p *mentormatch.Person, from, to time.Time) []interval {
	loc := locOf(p)
	slots := slotsOf(p)
	var out []interval
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
				out = append(out, interval{a, b})
			}
		}
	}
	return mergeIntervals(out)
}

func mergeIntervals(ivs []interval) []interval {
	if len(ivs) < 2 {
		return ivs
	}
	sortIntervals(ivs)
	out := ivs[:1]
	for _, iv := range ivs[1:] {
		last := &out[len(out)-1]
		if !iv.from.After(last.to) {
			if iv.to.After(last.to) {
				last.to = iv.to
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

func sortIntervals(ivs []interval) {
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].from.Before(ivs[j].from) })
}

// intersect returns the spans in both a and b; both sorted and merged.
func intersect(a, b []interval) []interval {
	var out []interval
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		from, to := a[i].from, a[i].to
		if b[j].from.After(from) {
			from = b[j].from
		}
		if b[j].to.Before(to) {
			to = b[j].to
		}
		if from.Before(to) {
			out = append(out, interval{from, to})
		}
		if a[i].to.Before(b[j].to) {
			i++
		} else {
			j++
		}
	}
	return out
}
