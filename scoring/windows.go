package scoring

import (
	"fmt"
	"time"

	"github.com/mentormatch/mentormatch/availability"
)

// Window is a weekly time both people of a pair are free, in the mentee's
// own zone.
type Window struct {
	Day        time.Weekday
	Start, End int // minutes from the mentee's local midnight; End may pass 24:00
}

func (w Window) String() string {
	return fmt.Sprintf("%s %02d:%02d-%02d:%02d", w.Day.String()[:3], w.Start/60, w.Start%60, (w.End/60)%24, w.End%60)
}

// CommonWindows lists the weekly windows when mentee i and mentor j are
// both free, in the mentee's zone as it stands in the program's first
// week, Monday first; nil when either lists no availability. O(week).
func (s *Scorer) CommonWindows(i, j int) []Window {
	e, m := &s.mentees[i], &s.mentors[j]
	ew, ok1 := s.avail.FirstWeek(e.idx)
	mw, ok2 := s.avail.FirstWeek(m.idx)
	if !ok1 || !ok2 {
		return nil
	}
	both := ew.Both(&mw)
	loc := s.p.People[e.idx].Location
	if loc == nil {
		loc = time.UTC
	}
	monday := s.avail.Monday()
	free := both.Has
	// Start the scan at a busy cell so that a window wrapping past Sunday
	// midnight UTC comes out whole.
	first := -1
	for c := range availability.Cells {
		if !free(c) {
			first = c
			break
		}
	}
	if first < 0 { // free all week
		return []Window{{Day: time.Monday, Start: 0, End: 7 * 24 * 60}}
	}
	var out []Window
	for k := 1; k <= availability.Cells; k++ {
		c := (first + k) % availability.Cells
		if !free(c) || free((c+availability.Cells-1)%availability.Cells) {
			continue
		}
		n := 0
		for free((c+n)%availability.Cells) && n < availability.Cells {
			n++
		}
		from := monday.Add(time.Duration(c*availability.CellMinutes) * time.Minute).In(loc)
		start := from.Hour()*60 + from.Minute()
		out = append(out, Window{Day: from.Weekday(), Start: start, End: start + n*availability.CellMinutes})
	}
	// Monday first, as a person reads their week.
	order := func(w Window) int { return ((int(w.Day)+6)%7)*24*60 + w.Start }
	for a := 1; a < len(out); a++ {
		for b := a; b > 0 && order(out[b]) < order(out[b-1]); b-- {
			out[b], out[b-1] = out[b-1], out[b]
		}
	}
	return out
}
