package availability

import (
	"math/bits"
	"time"

	"github.com/mentormatch/mentormatch"
)

const (
	// CellMinutes is the grid's resolution.
	CellMinutes = 15
	// Cells is the number of cells in a week.
	Cells = 7 * 24 * 60 / CellMinutes // 672
	// Words is the number of 64-bit words of a Week.
	Words = (Cells + 63) / 64 // 11
)

// Week is a weekly free time in UTC: bit c is set when the person is free
// for the 15 minutes from Monday 00:00 UTC + 15c minutes.
type Week [Words]uint64

// Set marks cell c free; c is taken round the week.
func (w *Week) Set(c int) {
	c %= Cells
	if c < 0 {
		c += Cells
	}
	w[c/64] |= 1 << (c % 64)
}

// Has reports whether cell c (0 ≤ c < Cells) is free.
func (w *Week) Has(c int) bool { return w[c/64]&(1<<(c%64)) != 0 }

// Shared is the number of cells free in both w and o.
func (w *Week) Shared(o *Week) int {
	n := 0
	for k := range w {
		n += bits.OnesCount64(w[k] & o[k])
	}
	return n
}

// Both is the cells free in both w and o.
func (w *Week) Both(o *Week) Week {
	var out Week
	for k := range w {
		out[k] = w[k] & o[k]
	}
	return out
}

// First is the first free cell, Cells when none.
func (w *Week) First() int {
	for k, x := range w {
		if x != 0 {
			return k*64 + bits.TrailingZeros64(x)
		}
	}
	return Cells
}

// Count is the number of free cells.
func (w *Week) Count() int {
	n := 0
	for _, x := range w {
		n += bits.OnesCount64(x)
	}
	return n
}

// Hours converts cells to hours.
func Hours(cells int) float64 { return float64(cells) * CellMinutes / 60 }

// FirstMonday is the program's first week: the Monday on or before start,
// 00:00 UTC.
func FirstMonday(start time.Time) time.Time {
	y, m, d := start.Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	for t.Weekday() != time.Monday {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// WeekOf lays slots, in loc (nil: UTC), on the week from monday 00:00 UTC,
// each on its actual local date, so a clock change inside the week moves
// the slots after it. A slot whose end is not after its start runs past
// midnight.
func WeekOf(slots []mentormatch.Slot, loc *time.Location, monday time.Time) Week {
	var w Week
	for _, iv := range Free(slots, loc, monday, monday.AddDate(0, 0, 7)) {
		a := int(iv.From.Sub(monday).Minutes()) / CellMinutes
		b := int(iv.To.Sub(monday).Minutes()) / CellMinutes
		for c := a; c < b; c++ {
			w.Set(c)
		}
	}
	return w
}

// offsetWeek lays slots on a week whose zone is offset seconds east of UTC
// throughout; a slot past midnight wraps into the next day, and the
// week round its end.
func offsetWeek(slots []mentormatch.Slot, offset int) Week {
	var w Week
	shift := offset / 60 // minutes
	for _, s := range slots {
		day := (int(s.Day) + 6) % 7 // Monday = 0
		from := day*24*60 + s.Start - shift
		end := s.End
		if end <= s.Start {
			end += 24 * 60
		}
		to := day*24*60 + end - shift
		a := floorDiv(from, CellMinutes)
		b := floorDiv(to, CellMinutes)
		for c := a; c < b && c < a+Cells; c++ {
			w.Set(c)
		}
	}
	return w
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// starts marks the cells from which the week is free for n cells in a row,
// round the week: where a session of n cells can begin.
func starts(w *Week, n int) Week {
	var out Week
	if n <= 0 {
		n = 1
	}
	if n > Cells {
		return out
	}
	first := -1 // a busy cell, so that runs are scanned whole
	for c := range Cells {
		if !w.Has(c) {
			first = c
			break
		}
	}
	if first < 0 {
		for k := range out {
			out[k] = w[k]
		}
		return out
	}
	run := 0
	for k := 1; k <= Cells; k++ {
		c := (first + k) % Cells
		if !w.Has(c) {
			run = 0
			continue
		}
		if run++; run >= n {
			out.Set(c - n + 1)
		}
	}
	return out
}
