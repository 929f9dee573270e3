package scoring

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func TestCommonWindows(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	require.NoError(t, err)
	slot := func(d time.Weekday, a, b int) mentormatch.Slot { return mentormatch.Slot{Day: d, Start: a, End: b} }
	p := &mentormatch.Program{People: []mentormatch.Person{
		{ID: "e", Role: mentormatch.RoleMentee, TimeZone: "Europe/Berlin", Location: berlin, Availability: []mentormatch.Slot{
			slot(time.Tuesday, 9*60, 13*60), slot(time.Friday, 23*60, 1*60), // Friday night past midnight
		}},
		{ID: "m", Role: mentormatch.RoleMentor, TimeZone: "Asia/Kolkata", Location: kolkata, Capacity: 1, Availability: []mentormatch.Slot{
			// 15:00–16:30 Kolkata in January is 10:30–12:00 Berlin.
			slot(time.Tuesday, 15*60, 16*60+30),
			// Saturday 03:30–05:30 Kolkata is 23:00–01:00 Berlin, Friday night.
			slot(time.Saturday, 3*60+30, 5*60+30),
		}},
		{ID: "x", Role: mentormatch.RoleMentor, Capacity: 1},
	}, Mentees: []int{0}, Mentors: []int{1, 2}}
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2027-01-04"
	s, err := New(p, cfg)
	require.NoError(t, err)
	got := s.CommonWindows(0, 0)
	require.Len(t, got, 2)
	assert.Equal(t, "Tue 10:30-12:00", got[0].String())
	assert.Equal(t, "Fri 23:00-01:00", got[1].String())
	assert.Nil(t, s.CommonWindows(0, 1), "no availability listed")
	// The hours agree with the breakdown.
	total := 0
	for _, w := range got {
		total += w.End - w.Start
	}
	assert.InDelta(t, s.Pair(0, 0).OverlapHours, float64(total)/60, 1e-9)
}
