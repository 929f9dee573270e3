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
// Failing that it takes the quarter hour, with nobody busy, when the most
// participants are free (the organiser, listed first, must be among them
// when that is possible), and flags who cannot make it; and failing that
// 15:00 UTC on the due date or the first quarter hour after it when nobody
// is busy, flagged.
func (pl *placer) place(m *meeting) mentormatch.Session {
	s := mentormatch.Session{Cohort: cohortID(m.cohort), Kind: m.kind, Round: m.round, Participants: m.ids}
	from, to := window(m.due, m.span)
	common := []interval{{From: from, To: to}}
	for _, id := range m.ids {
		common = intersect(common, pl.freeOf(id, from, to))
	}
	if t, ok := pl.earliest(m.ids, common); ok {
		s.Start, s.End = t, t.Add(pl.sc.dur)
	} else if t, missing, ok := pl.mostFree(m.ids, from, to); ok {
		s.Start, s.End = t, t.Add(pl.sc.dur)
		s.Flag = fmt.Sprintf("%d of %d free; not available: %s", len(m.ids)-len(missing), len(m.ids), strings.Join(missing, ", "))
	} else {
		t := m.due.Add(15 * time.Hour)
		for pl.conflict(m.ids, t) {
			t = t.Add(step)
		}
		s.Start, s.End = t, t.Add(pl.sc.dur)
		if len(common) == 0 {
			s.Flag = "no common availability for " + strings.Join(m.ids, ", ")
		} else {
			s.Flag = "common availability already booked for " + strings.Join(m.ids, ", ")
		}
	}
	for _, id := range m.ids {
		pl.book(id, interval{From: s.Start, To: s.End})
	}
	return s
}

// mostFree finds the quarter hour in [from, to) when nobody in ids is busy
// or on holiday and the most of them are inside their availability, the
// first of ids (the mentor or senior) counting before everyone else; ties
// go to the earliest. It needs at least two participants free, and for a
// group the organiser among them: a senior's visit without the senior is
// no meeting. O(window/15 min × len(ids) × log slots).
func (pl *placer) mostFree(ids []string, from, to time.Time) (time.Time, []string, bool) {
	free := make([][]interval, len(ids))
	for k, id := range ids {
		free[k] = pl.freeOf(id, from, to)
	}
	best, bestScore := time.Time{}, 1 // score: 2 per free participant, +1 for the organiser
	for t := ceilStep(from); !t.Add(pl.sc.dur).After(to); t = t.Add(step) {
		score, n := 0, 0
		for k := range ids {
			if covers(free[k], t, t.Add(pl.sc.dur)) {
				n++
				score += 2
				if k == 0 {
					score++
				}
			}
		}
		if n < 2 || score <= bestScore || (len(ids) > 2 && score%2 == 0) {
			continue
		}
		if pl.conflict(ids, t) || pl.onHoliday(ids, t) {
			continue
		}
		best, bestScore = t, score
	}
	if best.IsZero() {
		return best, nil, false
	}
	var missing []string
	for k, id := range ids {
		if !covers(free[k], best, best.Add(pl.sc.dur)) {
			missing = append(missing, id)
		}
	}
	return best, missing, true
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
