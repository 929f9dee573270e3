package cohort

import (
	"fmt"
	"math"
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
	who    map[string]*attendee
	// from and to bound the placement windows of the meetings to place:
	// a person's free time over them is laid out once (availability.Free
	// is most of the placer's time), and each window's is a part of it.
	from, to time.Time
	as       []*attendee // the meeting being placed, by its ids
	// The free time the meeting's participants share, and the buffer it
	// is intersected into, kept from meeting to meeting.
	common, spare []interval
}

// attendee is what the placer keeps of one person.
type attendee struct {
	p    *mentormatch.Person
	loc  *time.Location
	busy []interval // sorted by start, disjoint
	free []interval // free time over the placer's [from, to), once laid
	laid bool
}

func newPlacer(sc *schedule, people map[string]*mentormatch.Person, from, to time.Time) *placer {
	return &placer{sc: sc, people: people, who: map[string]*attendee{}, from: from, to: to}
}

func (pl *placer) attendee(id string) *attendee {
	a, ok := pl.who[id]
	if !ok {
		p := pl.people[id]
		a = &attendee{p: p, loc: locOf(p)}
		pl.who[id] = a
	}
	return a
}

// window is when a meeting due on d may take place: from d until the next
// meeting of its kind is due (span days), at least a working week and at
// most four weeks. A fortnightly 1:1 may thus fall in either week, which
// is what lets a mentor with several mentees and a narrow slot see them all.
func window(d time.Time, span int) (time.Time, time.Time) {
	return d, d.AddDate(0, 0, min(max(span, 7), 28))
}

// freeOf is a's free time in [from, to): the sorted, disjoint intervals of
// it that meet [from, to), not cut to it, so read them only inside it.
// O(log intervals) inside the placer's span, after the span's are laid
// out on first use; outside it, availability.Free of the window.
func (pl *placer) freeOf(a *attendee, from, to time.Time) []interval {
	if from.Before(pl.from) || to.After(pl.to) {
		return intervals(a.p, from, to)
	}
	if !a.laid {
		a.free, a.laid = intervals(a.p, pl.from, pl.to), true
	}
	f := a.free
	lo := sort.Search(len(f), func(i int) bool { return f[i].To.After(from) })
	hi := lo + sort.Search(len(f)-lo, func(i int) bool { return !f[lo+i].From.Before(to) })
	return f[lo:hi]
}

// place puts m at the earliest quarter hour in its window when all its
// participants are free, not busy and not on a holiday (in their own zone).
// Failing that it takes the fallback (see fallback) and flags the session,
// naming who is outside their stated hours and the local time it is for
// them. The flag says "already booked" only when the participants share a
// free span that holds the whole session and it is taken.
func (pl *placer) place(m *meeting) mentormatch.Session {
	s := mentormatch.Session{Cohort: cohortID(m.cohort), Kind: m.kind, Round: m.round, Participants: m.ids}
	as := pl.as[:0]
	for _, id := range m.ids {
		as = append(as, pl.attendee(id))
	}
	pl.as = as
	from, to := window(m.due, m.span)
	common, spare := append(pl.common[:0], interval{From: from, To: to}), pl.spare[:0]
	for _, a := range as {
		common, spare = availability.AppendIntersect(spare[:0], common, pl.freeOf(a, from, to)), common
	}
	pl.common, pl.spare = common, spare
	if t, ok := pl.earliest(as, common); ok {
		s.Start, s.End = t, t.Add(pl.sc.dur)
	} else {
		t := pl.fallback(m, as, from, to)
		s.Start, s.End = t, t.Add(pl.sc.dur)
		reason := "no shared free time for the session"
		if holds(common, pl.sc.dur) {
			reason = "shared free time already booked"
		}
		var outside []string
		for k, a := range as {
			if !covers(pl.freeOf(a, t, s.End), t, s.End) {
				outside = append(outside, fmt.Sprintf("%s at %s %s", m.ids[k], t.In(a.loc).Format("Mon 15:04"), a.loc))
			}
		}
		s.Flag = reason + "; outside their stated hours: " + strings.Join(outside, ", ")
	}
	for _, a := range as {
		a.book(interval{From: s.Start, To: s.End})
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
// the four weeks after it, and so on. O(window/15 min × participants)
// plus O(participants × log busy) for each quarter hour that would be
// the best so far.
func (pl *placer) fallback(m *meeting, as []*attendee, from, to time.Time) time.Time {
	orgs := organisers(m)
	for range 13 {
		if t, ok := pl.bestFallback(as, orgs, from, to); ok {
			return t
		}
		from, to = to, to.AddDate(0, 0, 28)
	}
	// A year of full calendars: the first quarter hour nobody is busy.
	t := ceilStep(from)
	for pl.conflict(as, t) {
		t = t.Add(step)
	}
	return t
}

func (pl *placer) bestFallback(as []*attendee, orgs []int, from, to time.Time) (time.Time, bool) {
	free := make([][]interval, len(as))
	next := make([]int, len(as)) // per participant: the first free interval ending after t
	clocks := make([]localClock, len(as))
	for k, a := range as {
		free[k] = pl.freeOf(a, from, to)
		clocks[k].loc = a.loc
	}
	isOrg := make([]bool, len(as))
	for _, k := range orgs {
		isOrg[k] = true
	}
	mins := int(pl.sc.dur / time.Minute)
	var best time.Time
	var bestC candidate
	found := false
	for t := ceilStep(from); !t.Add(pl.sc.dur).After(to); t = t.Add(step) {
		u, unix := t.Add(pl.sc.dur), t.Unix()
		var c candidate
		orgFree, allOK, worse := false, true, false
		for k := range as {
			f := free[k]
			for next[k] < len(f) && !f[next[k]].To.After(t) {
				next[k]++
			}
			if n := next[k]; n < len(f) && !f[n].From.After(t) && !f[n].To.Before(u) {
				orgFree = orgFree || isOrg[k]
				continue
			}
			at, wd := clocks[k].at(unix)
			c.absent++
			if at < 7*60 || at+mins > 22*60 {
				c.night++
				// More people at night than the best so far: no
				// other field can make up for it.
				if worse = found && c.night > bestC.night; worse {
					break
				}
			}
			if at < pl.sc.dayStart || at+mins > pl.sc.dayEnd || wd == time.Saturday || wd == time.Sunday {
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
		if worse || found && !c.less(bestC) {
			continue
		}
		if pl.conflict(as, t) || pl.onHoliday(as, t) {
			continue
		}
		best, bestC, found = t, c, true
	}
	return best, found
}

// localClock reads one zone's local time at instants that only increase,
// looking the zone's offset up again only once it may have changed: t.In
// at every quarter hour of a window was most of the fallback's time.
type localClock struct {
	loc    *time.Location
	off    int64 // seconds east of UTC
	until  int64 // Unix seconds before which the offset holds
	looked bool
}

// at is the minute of the local day and the local weekday, as t.In(loc)
// has them, at the instant unix (Unix seconds).
func (c *localClock) at(unix int64) (int, time.Weekday) {
	if !c.looked || unix >= c.until {
		lt := time.Unix(unix, 0).In(c.loc)
		_, off := lt.Zone()
		_, until := lt.ZoneBounds()
		c.off, c.until, c.looked = int64(off), math.MaxInt64, true
		if !until.IsZero() {
			c.until = until.Unix()
		}
	}
	sec := unix + c.off
	day := sec / 86400
	if sec%86400 < 0 {
		day--
	}
	// 1 January 1970 was a Thursday.
	return int(sec-day*86400) / 60, time.Weekday(((day+int64(time.Thursday))%7 + 7) % 7)
}

// covers reports whether one of the sorted, disjoint intervals holds [a, b).
func covers(ivs []interval, a, b time.Time) bool {
	k := sort.Search(len(ivs), func(i int) bool { return ivs[i].To.After(a) })
	return k < len(ivs) && !ivs[k].From.After(a) && !ivs[k].To.Before(b)
}

func (pl *placer) earliest(as []*attendee, common []interval) (time.Time, bool) {
	for _, iv := range common {
		t := ceilStep(iv.From)
		for !t.Add(pl.sc.dur).After(iv.To) {
			if end, busy := pl.busyUntil(as, t); busy {
				t = ceilStep(end)
				continue
			}
			if pl.onHoliday(as, t) {
				t = t.Add(step)
				continue
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// busyUntil reports whether anyone in as is busy during [t, t+dur), and
// when the last such clash ends.
func (pl *placer) busyUntil(as []*attendee, t time.Time) (time.Time, bool) {
	end, clash := time.Time{}, false
	u := t.Add(pl.sc.dur)
	for _, a := range as {
		b := a.busy
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

func (pl *placer) conflict(as []*attendee, t time.Time) bool {
	_, c := pl.busyUntil(as, t)
	return c
}

// onHoliday reports whether t falls on a holiday, in UTC or in any
// participant's own zone.
func (pl *placer) onHoliday(as []*attendee, t time.Time) bool {
	if len(pl.sc.holidays) == 0 {
		return false
	}
	if pl.sc.holidays[t.UTC().Format(time.DateOnly)] {
		return true
	}
	for _, a := range as {
		if pl.sc.holidays[t.In(a.loc).Format(time.DateOnly)] {
			return true
		}
	}
	return false
}

func (a *attendee) book(iv interval) {
	b := a.busy
	k := sort.Search(len(b), func(i int) bool { return !b[i].From.Before(iv.From) })
	b = append(b, interval{})
	copy(b[k+1:], b[k:])
	b[k] = iv
	a.busy = b
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
