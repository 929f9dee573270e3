package cohort

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
)

const step = availability.CellMinutes * time.Minute

// placer dates meetings one at a time, keeping every person's busy times.
type placer struct {
	sc     *schedule
	people map[string]*mentormatch.Person
	busy   map[string][]interval // sorted by start, disjoint
	free   map[string]freeCache
}

// freeCache holds a person's free intervals for one placement window.
type freeCache struct {
	from, to time.Time
	ivs      []interval
}

// window is when a meeting due on d may take place: from d until the next
// meeting of its kind is due (span days), at least a working week and at
// most four weeks. A fortnightly 1:1 may thus fall in either week, which
// is what lets a mentor with several mentees and a narrow slot see them all.
func window(d time.Time, span int) (time.Time, time.Time) {
	return d, d.AddDate(0, 0, min(max(span, 7), 28))
}

func (pl *placer) freeOf(id string, from, to time.Time) []interval {
	if c, ok := pl.free[id]; ok && c.from.Equal(from) && c.to.Equal(to) {
		return c.ivs
	}
	ivs := intervals(pl.people[id], from, to)
	pl.free[id] = freeCache{from, to, ivs}
	return ivs
}

// place puts m at the earliest quarter hour in its window when all its
// participants are free, not busy and not on a holiday (in their own zone).
// Failing that it takes the fallback (see fallback) and flags the session,
// naming who is outside their stated hours and the local time it is for
// them. The flag says "already booked" only when the participants share a
// free span that holds the whole session and it is taken.
func (pl *placer) place(m *meeting) mentormatch.Session {
	s := mentormatch.Session{Cohort: cohortID(m.cohort), Kind: m.kind, Round: m.round, Participants: m.ids}
	from, to := window(m.due, m.span)
	common := []interval{{From: from, To: to}}
	for _, id := range m.ids {
		common = intersect(common, pl.freeOf(id, from, to))
	}
	if t, ok := pl.earliest(m.ids, common); ok {
		s.Start, s.End = t, t.Add(pl.sc.dur)
	} else {
		t := pl.fallback(m, from, to)
		s.Start, s.End = t, t.Add(pl.sc.dur)
		reason := "no shared free time for the session"
		if holds(common, pl.sc.dur) {
			reason = "shared free time already booked"
		}
		var outside []string
		for _, id := range m.ids {
			if !covers(pl.freeAround(id, t), t, s.End) {
				loc := locOf(pl.people[id])
				outside = append(outside, fmt.Sprintf("%s at %s %s", id, t.In(loc).Format("Mon 15:04"), loc))
			}
		}
		s.Flag = reason + "; outside their stated hours: " + strings.Join(outside, ", ")
	}
	for _, id := range m.ids {
		pl.book(id, interval{From: s.Start, To: s.End})
	}
	return s
}

// holds reports whether one of ivs lasts at least d.
func holds(ivs []interval, d time.Duration) bool {
	for _, iv := range ivs {
		if iv.To.Sub(iv.From) >= d {
			return true
		}
	}
	return false
}

// freeAround is id's free time around t, from the cache when the session
// at t lies in the cached window.
func (pl *placer) freeAround(id string, t time.Time) []interval {
	if c, ok := pl.free[id]; ok && !t.Before(c.from) && !t.Add(pl.sc.dur).After(c.to) {
		return c.ivs
	}
	return intervals(pl.people[id], t.Add(-24*time.Hour), t.Add(24*time.Hour+pl.sc.dur))
}

// organisers are the positions in a meeting's ids of whoever leads it: the
// senior of a senior visit (listed first), the mentor of a 1:1 (listed
// second); a peer meeting has no leader, so anyone's hours will do.
func organisers(m *meeting) []int {
	switch m.kind {
	case mentormatch.KindSenior:
		return []int{0}
	case mentormatch.KindPrimary:
		if len(m.ids) > 1 {
			return []int{1}
		}
	}
	all := make([]int, len(m.ids))
	for k := range all {
		all[k] = k
	}
	return all
}

// candidate is how a quarter hour fares in the fallback; smaller is better,
// field by field.
type candidate struct {
	night   int // participants at 22:00–07:00 local who did not list that hour
	tier    int // 0: an organiser free, the rest free or in day hours; 1: everyone free or in day hours; 2: neither
	outside int // participants neither free nor in their day hours
	absent  int // participants outside their stated hours
	noOrg   int // 1 when no organiser is free
}

func (c candidate) less(o candidate) bool {
	if c.night != o.night {
		return c.night < o.night
	}
	if c.tier != o.tier {
		return c.tier < o.tier
	}
	if c.outside != o.outside {
		return c.outside < o.outside
	}
	if c.absent != o.absent {
		return c.absent < o.absent
	}
	return c.noOrg < o.noOrg
}

// fallback picks when to hold a meeting that fits nobody's shared hours:
// the earliest quarter hour in [from, to), with nobody busy or on holiday,
// that is inside an organiser's stated hours and everyone else's day hours
// (schedule.day_hours on a weekday, local) or stated hours; failing that inside
// everyone's day hours; failing that with the fewest people outside them.
// Nobody is put at 22:00–07:00 local unless they listed that hour while
// the window has any other time; among equals, the most participants are
// inside their stated hours. When the window is fully booked it searches
// the four weeks after it, and so on. O(window/15 min × participants ×
// log slots).
func (pl *placer) fallback(m *meeting, from, to time.Time) time.Time {
	orgs := organisers(m)
	for range 13 {
		if t, ok := pl.bestFallback(m.ids, orgs, from, to); ok {
			return t
		}
		from, to = to, to.AddDate(0, 0, 28)
	}
	// A year of full calendars: the first quarter hour nobody is busy.
	t := ceilStep(from)
	for pl.conflict(m.ids, t) {
		t = t.Add(step)
	}
	return t
}

func (pl *placer) bestFallback(ids []string, orgs []int, from, to time.Time) (time.Time, bool) {
	free := make([][]interval, len(ids))
	locs := make([]*time.Location, len(ids))
	for k, id := range ids {
		free[k] = pl.freeOf(id, from, to)
		locs[k] = locOf(pl.people[id])
	}
	isOrg := make([]bool, len(ids))
	for _, k := range orgs {
		isOrg[k] = true
	}
	mins := int(pl.sc.dur / time.Minute)
	var best time.Time
	var bestC candidate
	found := false
	for t := ceilStep(from); !t.Add(pl.sc.dur).After(to); t = t.Add(step) {
		var c candidate
		orgFree, allOK := false, true
		for k := range ids {
			isFree := covers(free[k], t, t.Add(pl.sc.dur))
			lt := t.In(locs[k])
			at := lt.Hour()*60 + lt.Minute()
			if isFree {
				orgFree = orgFree || isOrg[k]
				continue
			}
			c.absent++
			if at < 7*60 || at+mins > 22*60 {
				c.night++
			}
			if at < pl.sc.dayStart || at+mins > pl.sc.dayEnd || lt.Weekday() == time.Saturday || lt.Weekday() == time.Sunday {
				allOK = false
				c.outside++
			}
		}
		switch {
		case allOK && orgFree:
			c.tier = 0
		case allOK:
			c.tier = 1
		default:
			c.tier = 2
		}
		if !orgFree {
			c.noOrg = 1
		}
		if found && !c.less(bestC) {
			continue
		}
		if pl.conflict(ids, t) || pl.onHoliday(ids, t) {
			continue
		}
		best, bestC, found = t, c, true
	}
	return best, found
}

// covers reports whether one of the sorted, disjoint intervals holds [a, b).
func covers(ivs []interval, a, b time.Time) bool {
	k := sort.Search(len(ivs), func(i int) bool { return ivs[i].To.After(a) })
	return k < len(ivs) && !ivs[k].From.After(a) && !ivs[k].To.Before(b)
}

func (pl *placer) earliest(ids []string, common []interval) (time.Time, bool) {
	for _, iv := range common {
		t := ceilStep(iv.From)
		for !t.Add(pl.sc.dur).After(iv.To) {
			if end, busy := pl.busyUntil(ids, t); busy {
				t = ceilStep(end)
				continue
			}
			if pl.onHoliday(ids, t) {
				t = t.Add(step)
				continue
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// busyUntil reports whether anyone in ids is busy during [t, t+dur), and
// when the last such clash ends.
func (pl *placer) busyUntil(ids []string, t time.Time) (time.Time, bool) {
	end, clash := time.Time{}, false
	u := t.Add(pl.sc.dur)
	for _, id := range ids {
		b := pl.busy[id]
		// The first busy interval ending after t.
		k := sort.Search(len(b), func(i int) bool { return b[i].To.After(t) })
		if k < len(b) && b[k].From.Before(u) {
			clash = true
			if b[k].To.After(end) {
				end = b[k].To
			}
		}
	}
	return end, clash
}

func (pl *placer) conflict(ids []string, t time.Time) bool {
	_, c := pl.busyUntil(ids, t)
	return c
}

// onHoliday reports whether t falls on a holiday, in UTC or in any
// participant's own zone.
func (pl *placer) onHoliday(ids []string, t time.Time) bool {
	if len(pl.sc.holidays) == 0 {
		return false
	}
	if pl.sc.holidays[t.UTC().Format(time.DateOnly)] {
		return true
	}
	for _, id := range ids {
		if pl.sc.holidays[t.In(locOf(pl.people[id])).Format(time.DateOnly)] {
			return true
		}
	}
	return false
}

func (pl *placer) book(id string, iv interval) {
	b := pl.busy[id]
	k := sort.Search(len(b), func(i int) bool { return !b[i].From.Before(iv.From) })
	b = append(b, interval{})
	copy(b[k+1:], b[k:])
	b[k] = iv
	pl.busy[id] = b
}

// ceilStep rounds t up to a quarter hour (of UTC; every zone in use is a
// whole number of quarter hours off UTC).
func ceilStep(t time.Time) time.Time {
	r := t.Truncate(step)
	if r.Before(t) {
		r = r.Add(step)
	}
	return r
}
