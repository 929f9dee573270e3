package availability

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func loadZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func slot(d time.Weekday, from, to string) mentormatch.Slot {
	parse := func(s string) int {
		t, _ := time.Parse("15:04", s)
		return t.Hour()*60 + t.Minute()
	}
	end := parse(to)
	if to == "24:00" {
		end = 24 * 60
	}
	return mentormatch.Slot{Day: d, Start: parse(from), End: end}
}

func date(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// pair models two people over the calendar.
func pair(a, b []mentormatch.Slot, la, lb *time.Location, cal Calendar) (float64, bool) {
	p := &mentormatch.Program{People: []mentormatch.Person{{Availability: a, Location: la}, {Availability: b, Location: lb}}}
	return New(p, cal, nil).Pair(0, 1)
}

func TestOverlapAcrossZones(t *testing.T) {
	berlin, ny, kolkata := loadZone(t, "Europe/Berlin"), loadZone(t, "America/New_York"), loadZone(t, "Asia/Kolkata")
	tests := []struct {
		name   string
		start  string
		a, b   []mentormatch.Slot
		la, lb *time.Location
		want   float64
	}{
		{"same zone", "2026-06-01", []mentormatch.Slot{slot(time.Monday, "09:00", "11:00")}, []mentormatch.Slot{slot(time.Monday, "10:00", "12:00")}, berlin, berlin, 1},
		// Summer: Berlin UTC+2, New York UTC-4: 15:00-17:00 Berlin = 09:00-11:00 New York.
		{"Berlin vs New York in June", "2026-06-01", []mentormatch.Slot{slot(time.Tuesday, "15:00", "17:00")}, []mentormatch.Slot{slot(time.Tuesday, "09:00", "10:00")}, berlin, ny, 1},
		// 16-27 March 2026: the US is on summer time, the EU not yet: the gap is 5 h, not 6.
		{"between the two DST changes", "2026-03-16", []mentormatch.Slot{slot(time.Tuesday, "15:00", "16:00")}, []mentormatch.Slot{slot(time.Tuesday, "10:00", "11:00")}, berlin, ny, 1},
		{"after both DST changes", "2026-04-06", []mentormatch.Slot{slot(time.Tuesday, "15:00", "16:00")}, []mentormatch.Slot{slot(time.Tuesday, "10:00", "11:00")}, berlin, ny, 0},
		// Kolkata is UTC+05:30: 14:30-15:30 IST = 09:00-10:00 UTC.
		{"before both DST changes", "2026-03-02", []mentormatch.Slot{slot(time.Tuesday, "15:00", "16:00")}, []mentormatch.Slot{slot(time.Tuesday, "10:00", "11:00")}, berlin, ny, 0},
		{"half-hour offset", "2026-06-01", []mentormatch.Slot{slot(time.Monday, "14:30", "15:30")}, []mentormatch.Slot{slot(time.Monday, "09:30", "10:30")}, kolkata, time.UTC, 0.5},
		{"slot past midnight", "2026-06-01", []mentormatch.Slot{slot(time.Monday, "23:00", "01:00")}, []mentormatch.Slot{slot(time.Tuesday, "00:00", "02:00")}, time.UTC, time.UTC, 1},
		{"Sunday night wraps to Monday", "2026-06-01", []mentormatch.Slot{slot(time.Sunday, "23:00", "01:00")}, []mentormatch.Slot{slot(time.Monday, "00:00", "00:30")}, time.UTC, time.UTC, 0.5},
		{"no overlap", "2026-06-01", []mentormatch.Slot{slot(time.Monday, "09:00", "10:00")}, []mentormatch.Slot{slot(time.Wednesday, "09:00", "10:00")}, time.UTC, time.UTC, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal := Calendar{Start: date(tt.start), Days: 7, SessionMinutes: 30}
			h, _ := pair(tt.a, tt.b, tt.la, tt.lb, cal)
			assert.Equal(t, tt.want, h)
			h, _ = pair(tt.b, tt.a, tt.lb, tt.la, cal)
			assert.Equal(t, tt.want, h)
		})
	}
}

// A window that holds a session in winter may not after a clock change:
// the program's every week counts, not its first.
func TestOverlapOverTheProgram(t *testing.T) {
	berlin, ny, tokyo := loadZone(t, "Europe/Berlin"), loadZone(t, "America/New_York"), loadZone(t, "Asia/Tokyo")
	// Winter: 14:30-16:00 Berlin = 08:30-10:00 New York; the mentee's
	// 09:00-11:00 shares 1 h. From 8 March New York is an hour later
	// (UTC-4): the window is 09:30-11:00 there, sharing 1.5 h; from 29 March
	// Berlin follows (UTC+2) and it is 1 h again.
	a := []mentormatch.Slot{slot(time.Tuesday, "14:30", "16:00")}
	b := []mentormatch.Slot{slot(time.Tuesday, "09:00", "11:00")}
	one := Calendar{Start: date("2026-01-05"), Days: 7, SessionMinutes: 60}
	h, meet := pair(a, b, berlin, ny, one)
	assert.Equal(t, 1.0, h)
	assert.True(t, meet)
	spring := Calendar{Start: date("2026-03-16"), Days: 7, SessionMinutes: 90}
	h, meet = pair(a, b, berlin, ny, spring)
	assert.Equal(t, 1.5, h)
	assert.True(t, meet)
	whole := Calendar{Start: date("2026-01-05"), Days: 168, SessionMinutes: 90}
	h, meet = pair(a, b, berlin, ny, whole)
	assert.Equal(t, 1.0, h, "the least of any week")
	assert.False(t, meet, "90 minutes fit only in March")
	// Tokyo keeps no summer time: 18:00-19:30 Tokyo is 10:00-11:30 Berlin in
	// winter and 11:00-12:30 in summer; Berlin's 10:00-12:00 shares 1.5 h in
	// winter, 1 h in summer.
	h, meet = pair([]mentormatch.Slot{slot(time.Monday, "10:00", "12:00")}, []mentormatch.Slot{slot(time.Monday, "18:00", "19:30")}, berlin, tokyo, Calendar{Start: date("2026-02-02"), Days: 140, SessionMinutes: 60})
	assert.Equal(t, 1.0, h)
	assert.True(t, meet)
}

func TestCanMeet(t *testing.T) {
	cal := Calendar{Start: date("2026-06-01"), Days: 7, SessionMinutes: 60}
	tests := []struct {
		name string
		a, b []mentormatch.Slot
		want bool
		h    float64
	}{
		{"one whole hour", []mentormatch.Slot{slot(time.Monday, "09:00", "10:00")}, []mentormatch.Slot{slot(time.Monday, "08:00", "12:00")}, true, 1},
		{"two halves are not a session", []mentormatch.Slot{slot(time.Monday, "09:00", "09:30"), slot(time.Tuesday, "09:00", "09:30")}, []mentormatch.Slot{slot(time.Monday, "08:00", "12:00"), slot(time.Tuesday, "08:00", "12:00")}, false, 1},
		{"across Sunday midnight", []mentormatch.Slot{slot(time.Sunday, "23:30", "24:00"), slot(time.Monday, "00:00", "00:30")}, []mentormatch.Slot{slot(time.Sunday, "22:00", "02:00")}, true, 1},
		{"nobody listed", nil, []mentormatch.Slot{slot(time.Monday, "09:00", "10:00")}, true, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, meet := pair(tt.a, tt.b, time.UTC, time.UTC, cal)
			assert.Equal(t, tt.want, meet)
			assert.Equal(t, tt.h, h)
		})
	}
}

// Pair agrees with the weeks laid out one by one (WeekOf, exact on each
// local date), on random people round the world over half a year, outside
// the weeks of a clock change (which WeekOf reads day by day and the model
// at the week's Wednesday).
func TestPairAgreesWithEveryWeek(t *testing.T) {
	locs := []*time.Location{time.UTC, loadZone(t, "America/New_York"), loadZone(t, "Europe/London"), loadZone(t, "Europe/Berlin"),
		loadZone(t, "Asia/Kolkata"), loadZone(t, "Asia/Tokyo"), loadZone(t, "Australia/Sydney"), loadZone(t, "America/Los_Angeles")}
	r := rand.New(rand.NewPCG(7, 7))
	randSlots := func() []mentormatch.Slot {
		out := make([]mentormatch.Slot, 1+r.IntN(3))
		for k := range out {
			s := 15 * r.IntN(96)
			out[k] = mentormatch.Slot{Day: time.Weekday(r.IntN(7)), Start: s, End: (s + 15*(2+r.IntN(12))) % (24 * 60)}
		}
		return out
	}
	cal := Calendar{Start: date("2026-01-07"), Days: 180, SessionMinutes: 45}
	p := &mentormatch.Program{}
	for range 60 {
		p.People = append(p.People, mentormatch.Person{Availability: randSlots(), Location: locs[r.IntN(len(locs))]})
	}
	m := New(p, cal, nil)
	first := FirstMonday(cal.Start)
	// Weeks in which no zone used changes its offset.
	var steady []time.Time
	for w := range cal.Weeks() {
		mon := first.AddDate(0, 0, 7*w)
		ok := true
		for _, l := range locs {
			_, a := mon.In(l).Zone()
			_, b := mon.AddDate(0, 0, 7).Add(-time.Second).In(l).Zone()
			ok = ok && a == b
		}
		if ok {
			steady = append(steady, mon)
		}
	}
	require.Greater(t, len(steady), 20)
	for a := range p.People {
		for b := range p.People {
			least, meet := Cells, true
			for _, mon := range steady {
				wa := WeekOf(p.People[a].Availability, p.People[a].Location, mon)
				wb := WeekOf(p.People[b].Availability, p.People[b].Location, mon)
				both := wa.Both(&wb)
				least = min(least, both.Count())
				st := starts(&both, m.SessionCells())
				meet = meet && st.Count() > 0
			}
			h, ok := m.Pair(a, b)
			require.Equal(t, Hours(least), h, "%d %d", a, b)
			require.Equal(t, meet, ok, "%d %d", a, b)
		}
	}
}

func TestFallbackAndWeekly(t *testing.T) {
	p := &mentormatch.Program{People: []mentormatch.Person{{}, {Availability: []mentormatch.Slot{slot(time.Monday, "09:00", "10:30")}}}}
	m := New(p, Calendar{Start: date("2026-06-01")}, nil)
	assert.False(t, m.Known(0))
	assert.Equal(t, -1.0, m.Weekly(0))
	assert.Equal(t, 1.5, m.Weekly(1))
	m = New(p, Calendar{Start: date("2026-06-01")}, []mentormatch.Slot{slot(time.Monday, "10:00", "17:00")})
	assert.True(t, m.Known(0))
	h, meet := m.Pair(0, 1)
	assert.Equal(t, 0.5, h)
	assert.True(t, meet, "without a session length a session is one cell")
}

func TestCalendarWeeks(t *testing.T) {
	assert.Equal(t, 1, Calendar{Start: date("2026-01-05"), Days: 7}.Weeks())
	assert.Equal(t, 2, Calendar{Start: date("2026-01-07"), Days: 7}.Weeks(), "Wednesday to Tuesday touches two weeks")
	assert.Equal(t, date("2025-12-29"), FirstMonday(date("2026-01-01")))
}

func TestSessions(t *testing.T) {
	p := &mentormatch.Program{People: []mentormatch.Person{
		{Availability: []mentormatch.Slot{slot(time.Monday, "09:00", "11:30"), slot(time.Friday, "09:00", "09:45")}},
		{Availability: []mentormatch.Slot{slot(time.Sunday, "23:00", "24:00"), slot(time.Monday, "00:00", "01:00")}},
		{},
	}}
	m := New(p, Calendar{Start: date("2026-06-01"), SessionMinutes: 60}, nil)
	assert.Equal(t, 2, m.Sessions(0), "two whole hours on Monday, none in Friday's 45 minutes")
	assert.Equal(t, 2, m.Sessions(1), "round Sunday midnight")
	assert.Equal(t, -1, m.Sessions(2))
}
