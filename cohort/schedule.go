package cohort

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
)

// schedule is cfg.Schedule parsed, with defaults for unset values.
type schedule struct {
	start                                time.Time
	cycles                               int
	dur                                  time.Duration
	primaryEvery, peerEvery, seniorEvery int
	holidays                             map[string]bool // YYYY-MM-DD
	dayStart, dayEnd                     int             // schedule.day_hours, minutes after local midnight
}

func newSchedule(cfg mentormatch.Config) (*schedule, error) {
	s := cfg.Schedule
	def := mentormatch.DefaultConfig().Schedule
	pick := func(v, d int) int {
		if v > 0 {
			return v
		}
		return d
	}
	sc := &schedule{
		start:        availability.DefaultStart,
		cycles:       pick(s.Cycles, def.Cycles),
		dur:          time.Duration(pick(s.SessionMinutes, def.SessionMinutes)) * time.Minute,
		primaryEvery: pick(s.PrimaryEvery, def.PrimaryEvery),
		peerEvery:    pick(s.PeerEvery, def.PeerEvery),
		seniorEvery:  pick(s.SeniorEvery, def.SeniorEvery),
		holidays:     map[string]bool{},
	}
	var ps mentormatch.Problems
	if strings.TrimSpace(s.Start) != "" {
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(s.Start))
		if err != nil {
			ps = append(ps, mentormatch.Problem{Column: "schedule.start", Message: fmt.Sprintf("%q: expected a date as YYYY-MM-DD", s.Start)})
		}
		sc.start = t
	}
	dayHours := cmp.Or(strings.TrimSpace(s.DayHours), def.DayHours)
	if a, b, ok := parseDayHours(dayHours); ok {
		sc.dayStart, sc.dayEnd = a, b
	} else {
		ps = append(ps, mentormatch.Problem{Column: "schedule.day_hours", Message: fmt.Sprintf("%q: expected local day hours as HH:MM-HH:MM in 24-hour time, start before end, as in \"08:00-20:00\"", s.DayHours)})
	}
	for _, h := range s.Holidays {
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(h))
		if err != nil {
			ps = append(ps, mentormatch.Problem{Column: "schedule.holidays", Message: fmt.Sprintf("%q: expected a date as YYYY-MM-DD", h)})
			continue
		}
		sc.holidays[t.Format(time.DateOnly)] = true
	}
	if len(ps) > 0 {
		return nil, fmt.Errorf("%w: %w", mentormatch.ErrConfig, ps)
	}
	return sc, nil
}

// workingDay moves d forward past weekends and holidays.
func (sc *schedule) workingDay(d time.Time) time.Time {
	for i := 0; i < 366; i++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !sc.holidays[d.Format(time.DateOnly)] {
			return d
		}
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// parseDayHours reads "08:00-20:00" into minutes after midnight; the day
// may end at 24:00 but not run past it.
func parseDayHours(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, false
	}
	clock := func(x string) (int, bool) {
		x = strings.TrimSpace(x)
		if x == "24:00" {
			return 24 * 60, true
		}
		t, err := time.Parse("15:04", x)
		if err != nil {
			return 0, false
		}
		return t.Hour()*60 + t.Minute(), true
	}
	start, ok1 := clock(a)
	end, ok2 := clock(b)
	if !ok1 || !ok2 || start >= end {
		return 0, 0, false
	}
	return start, end, true
}
