package cohort

import (
	"sort"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
)

const step = cellMinutes * time.Minute

// placer dates meetings one at a time, keeping every person's busy times.
type placer struct {
	sc     *schedule
	people map[string]*mentormatch.Person
	busy   map[string][]interval // sorted by start, disjoint
	free   map[string]freeCache
}

// freeCache holds a person's free intervals for one placement window.
type freeCache struct {
	from time.Time
	ivs  []interval
}

// window is when a meeting due on d may take place: the seven days from d.
func window(d time.Time) (time.Time, time.Time) { return d, d.AddDate(0, 0, 7) }

func (pl *placer) freeOf(id string, from, to time.Time) []interval {
	if c, ok := pl.free[id]; ok && c.from.Equal(from) {
		return c.ivs
	}
	ivs := intervals(pl.people[id], from, to)
	pl.free[id] = freeCache{from, ivs}
	return ivs
}

// place puts m at the earliest quarter hour in its window when all its
// participants are free, not busy and not on a holiday (in their own zone),
// or, failing that, at 15:00 UTC on the due date or the first quarter hour
// after it when none of them is busy, flagged.
func (pl *placer) place(m *meeting) mentormatch.Session {
	s := mentormatch.Session{Cohort: cohortID(m.cohort), Kind: m.kind, Round: m.round, Participants: m.ids}
	from, to := window(m.due)
	common := []interval{{from, to}}
	for _, id := range m.ids {
		common = intersect(common, pl.freeOf(id, from, to))
	}
	if t, ok := pl.earliest(m.ids, common); ok {
		s.Start, s.End = t, t.Add(pl.sc.dur)
	} else {
		t := m.due.Add(15 * time.Hour)
		for pl.conflict(m.ids, t) {
			t = t.Add(step)
		}
		s.Start, s.End = t, t.Add(pl.sc.dur)
		s.Flag = "no common availability for " + strings.Join(m.ids, ", ")
	}
	for _, id := range m.ids {
		pl.book(id, interval{s.Start, s.End})
	}
	return s
}

func (pl *placer) earliest(ids []string, common []interval) (time.Time, bool) {
	for _, iv := range common {
		t := ceilStep(iv.from)
		for !t.Add(pl.sc.dur).After(iv.to) {
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
		k := sort.Search(len(b), func(i int) bool { return b[i].to.After(t) })
		if k < len(b) && b[k].from.Before(u) {
			clash = true
			if b[k].to.After(end) {
				end = b[k].to
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
	k := sort.Search(len(b), func(i int) bool { return !b[i].from.Before(iv.from) })
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
