package availability

import (
	"math/bits"
	"strconv"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
)

// Calendar is what of the schedule the model needs.
type Calendar struct {
	Start          time.Time // the program's first day
	Days           int       // how many days its schedule spans; below 1, one week
	SessionMinutes int       // the length of a session; below 1, one cell
}

// DefaultStart is the start of a program whose configuration names none,
// so that results never depend on today (the CLI fills in the Monday after
// today before the libraries see it).
var DefaultStart = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

// StartOf is cfg's schedule.start, or DefaultStart when it is empty or not
// a date (validation reports that).
func StartOf(cfg mentormatch.Config) time.Time {
	if t, err := time.Parse(time.DateOnly, strings.TrimSpace(cfg.Schedule.Start)); err == nil {
		return t
	}
	return DefaultStart
}

// Weeks is how many weeks, from FirstMonday(c.Start), the schedule touches.
func (c Calendar) Weeks() int {
	days := max(c.Days, 1)
	first := FirstMonday(c.Start)
	last := c.Start.AddDate(0, 0, days-1)
	return int(last.Sub(first).Hours()/24)/7 + 1
}

// Model is the availability of a program's people over its weeks. Build
// it with New; it is read-only after and safe for concurrent use.
type Model struct {
	cal     Calendar
	session int // cells
	people  []person
	// Every person's distinct weekly patterns, one per distinct offset of
	// their zone, and where a session can begin in each (starts).
	weeks, starts []Week
	// zones lists the distinct offset sequences; combos[za·len(zones)+zb]
	// the pattern pairs (index into each zone's offsets) that two people of
	// zones za and zb meet in, one per distinct offset difference: a pair's
	// shared cells depend on that difference alone.
	zones  []zone
	combos [][][2]uint8
}

type zone struct {
	offsets []int // distinct UTC offsets in seconds, in the order met
}

type person struct {
	zone   int32 // −1: lists no availability
	at     int32 // first pattern in weeks
	nwords uint8
	words  [Words]uint8 // the words of any pattern that are not zero
}

// New lays the slots of every person of p (by index into p.People) on the
// calendar's weeks. A person who lists no slots takes fallback; with none
// given, their availability is unknown. O(people × distinct offsets ×
// slots) plus one zone lookup per zone and week.
func New(p *mentormatch.Program, cal Calendar, fallback []mentormatch.Slot) *Model {
	m := &Model{cal: cal, session: max(1, (cal.SessionMinutes+CellMinutes-1)/CellMinutes), people: make([]person, len(p.People))}
	first := FirstMonday(cal.Start)
	nweeks := cal.Weeks()
	zoneOf := map[*time.Location]int32{}
	byKey := map[string]int32{}
	var seqs [][]uint8 // each zone's pattern index, week by week
	find := func(loc *time.Location) int32 {
		if z, ok := zoneOf[loc]; ok {
			return z
		}
		l := loc
		if l == nil {
			l = time.UTC
		}
		var key strings.Builder
		offs := make([]int, nweeks)
		for w := range offs {
			_, offs[w] = first.AddDate(0, 0, 7*w+2).Add(12 * time.Hour).In(l).Zone()
			key.WriteString(strconv.Itoa(offs[w]))
			key.WriteByte(',')
		}
		z, ok := byKey[key.String()]
		if !ok {
			z = int32(len(m.zones))
			byKey[key.String()] = z
			var zn zone
			seq := make([]uint8, nweeks)
			for w, o := range offs {
				k := indexOf(zn.offsets, o)
				if k < 0 {
					k = len(zn.offsets)
					zn.offsets = append(zn.offsets, o)
				}
				seq[w] = uint8(k)
			}
			m.zones = append(m.zones, zn)
			seqs = append(seqs, seq)
		}
		zoneOf[loc] = z
		return z
	}
	for i := range p.People {
		q := &p.People[i]
		slots := q.Availability
		if len(slots) == 0 {
			slots = fallback
		}
		pp := &m.people[i]
		pp.zone = -1
		if len(slots) == 0 {
			continue
		}
		pp.zone = find(q.Location)
		pp.at = int32(len(m.weeks))
		var any Week
		for _, o := range m.zones[pp.zone].offsets {
			w := offsetWeek(slots, o)
			m.weeks = append(m.weeks, w)
			m.starts = append(m.starts, starts(&w, m.session))
			for k := range any {
				any[k] |= w[k]
			}
		}
		for k, x := range any {
			if x != 0 {
				pp.words[pp.nwords] = uint8(k)
				pp.nwords++
			}
		}
	}
	nz := len(m.zones)
	m.combos = make([][][2]uint8, nz*nz)
	for a := range nz {
		for b := range nz {
			var diffs []int
			var list [][2]uint8
			for w := range nweeks {
				ia, ib := seqs[a][w], seqs[b][w]
				d := m.zones[a].offsets[ia] - m.zones[b].offsets[ib]
				if indexOf(diffs, d) < 0 {
					diffs = append(diffs, d)
					list = append(list, [2]uint8{ia, ib})
				}
			}
			m.combos[a*nz+b] = list
		}
	}
	return m
}

func indexOf(xs []int, x int) int {
	for k, y := range xs {
		if y == x {
			return k
		}
	}
	return -1
}

// Known reports whether person i lists availability (or took the fallback).
func (m *Model) Known(i int) bool { return m.people[i].zone >= 0 }

// SessionCells is a session's length in cells, rounded up.
func (m *Model) SessionCells() int { return m.session }

// Pair returns the free hours persons a and b share in every week of the
// program (the least of any week; −1 when either lists no availability)
// and whether they can meet: a whole session of shared free time in every
// week (true when either lists none). It is symmetric: Pair(a, b) is
// Pair(b, a), which callers that tabulate pairs rely on. O(words ×
// distinct offset differences of their zones), a few popcounts.
func (m *Model) Pair(a, b int) (hours float64, meet bool) {
	pa, pb := &m.people[a], &m.people[b]
	if pa.zone < 0 || pb.zone < 0 {
		return -1, true
	}
	least, meet := Cells, true
	words := pa.words[:pa.nwords]
	for _, c := range m.combos[int(pa.zone)*len(m.zones)+int(pb.zone)] {
		wa, wb := &m.weeks[int(pa.at)+int(c[0])], &m.weeks[int(pb.at)+int(c[1])]
		n := 0
		for _, k := range words {
			n += bits.OnesCount64(wa[k] & wb[k])
		}
		least = min(least, n)
		if meet && n < m.session {
			meet = false
		}
		if meet {
			sa, sb := &m.starts[int(pa.at)+int(c[0])], &m.starts[int(pb.at)+int(c[1])]
			found := false
			for _, k := range words {
				if sa[k]&sb[k] != 0 {
					found = true
					break
				}
			}
			meet = found
		}
	}
	return Hours(least), meet
}

// Weekly is the free hours person i lists in the week that has fewest
// (−1: none listed).
func (m *Model) Weekly(i int) float64 {
	pp := &m.people[i]
	if pp.zone < 0 {
		return -1
	}
	least := Cells
	for k := range m.zones[pp.zone].offsets {
		least = min(least, m.weeks[int(pp.at)+k].Count())
	}
	return Hours(least)
}

// FirstWeek is person i's free time in the program's first week; ok is
// false when they list none.
func (m *Model) FirstWeek(i int) (w Week, ok bool) {
	pp := &m.people[i]
	if pp.zone < 0 {
		return w, false
	}
	// The first week's pattern is the zone's first offset.
	return m.weeks[pp.at], true
}

// Monday is the program's first Monday, 00:00 UTC.
func (m *Model) Monday() time.Time { return FirstMonday(m.cal.Start) }

// Sessions is how many whole sessions, one after another, person i's free
// time holds in the week that holds fewest (−1: none listed).
func (m *Model) Sessions(i int) int {
	pp := &m.people[i]
	if pp.zone < 0 {
		return -1
	}
	least := Cells
	for k := range m.zones[pp.zone].offsets {
		least = min(least, sessionsIn(&m.weeks[int(pp.at)+k], m.session))
	}
	return least
}

// sessionsIn counts the sessions of n cells that fit in w's free runs,
// round the week.
func sessionsIn(w *Week, n int) int {
	first := -1
	for c := range Cells {
		if !w.Has(c) {
			first = c
			break
		}
	}
	if first < 0 {
		return Cells / n
	}
	total, run := 0, 0
	for k := 1; k <= Cells; k++ {
		if w.Has((first + k) % Cells) {
			run++
			continue
		}
		total += run / n
		run = 0
	}
	return total + run/n
}
