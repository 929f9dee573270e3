package scoring

import (
	"math/bits"
	"time"

	"github.com/mentormatch/mentormatch"
)

const (
	cellMinutes = 15
	weekCells   = 7 * 24 * 60 / cellMinutes // 672
	weekWords   = (weekCells + 63) / 64     // 11
)

// week is a person's weekly availability in UTC, one bit per 15 minutes
// from Monday 00:00 UTC of the reference week.
type week [weekWords]uint64

func (w *week) set(cell int) {
	cell %= weekCells
	if cell < 0 {
		cell += weekCells
	}
	w[cell/64] |= 1 << (cell % 64)
}

// overlapHours is the weekly time both are free. words lists the words of
// w that are not zero, the only ones that can add to it.
func (w *week) overlapHours(o *week, words []uint8) float64 {
	n := 0
	for _, k := range words {
		n += bits.OnesCount64(w[k] & o[k])
	}
	return float64(n) * cellMinutes / 60
}

// busy lists the words of w that are not zero into buf.
func (w *week) busy(buf *[weekWords]uint8) []uint8 {
	n := 0
	for k, x := range w {
		if x != 0 {
			buf[n] = uint8(k)
			n++
		}
	}
	return buf[:n]
}

// referenceMonday is the Monday on or after the program's start date, or a
// fixed Monday when none is set, so that results never depend on today.
// Daylight saving is applied as it stands in that week.
func referenceMonday(start string) time.Time {
	d := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse("2006-01-02", start); err == nil {
		d = t
	}
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// weekOf converts slots in loc to UTC cells of the week starting monday.
// A slot whose end is before its start runs past midnight.
func weekOf(slots []mentormatch.Slot, loc *time.Location, monday time.Time) week {
	var w week
	if loc == nil {
		loc = time.UTC
	}
	for _, s := range slots {
		offset := (int(s.Day) + 6) % 7 // Monday = 0
		y, m, d := monday.AddDate(0, 0, offset).Date()
		from := time.Date(y, m, d, s.Start/60, s.Start%60, 0, 0, loc)
		endDay := d
		if s.End <= s.Start {
			endDay++
		}
		to := time.Date(y, m, endDay, s.End/60, s.End%60, 0, 0, loc)
		a := int(from.Sub(monday).Minutes()) / cellMinutes
		b := int(to.Sub(monday).Minutes()) / cellMinutes
		for c := a; c < b && c < a+weekCells; c++ {
			w.set(c)
		}
	}
	return w
}
