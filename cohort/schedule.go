package cohort

import (
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
