package cohort

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// outsideOf reads a session flag's "outside their stated hours: ID at Mon
// 15:04 Zone, …" into id → "Mon 15:04 Zone".
func outsideOf(t *testing.T, flag string) map[string]string {
	_, list, ok := strings.Cut(flag, "outside their stated hours: ")
	require.True(t, ok, flag)
	out := map[string]string{}
	for _, item := range strings.Split(list, ", ") {
		id, at, ok := strings.Cut(item, " at ")
		require.True(t, ok, flag)
		out[id] = at
	}
	return out
}

// pairProgram is one mentee and one primary mentor with the given zones and
// slots, and the roster pairing them.
func pairProgram(menteeZone string, mentee []mentormatch.Slot, mentorZone string, mentor []mentormatch.Slot) (*mentormatch.Program, *mentormatch.Roster) {
	p := &mentormatch.Program{People: []mentormatch.Person{
		{ID: "E1", Name: "Emi", Role: mentormatch.RoleMentee, TimeZone: menteeZone, Location: mustLoc(menteeZone), Availability: mentee},
		{ID: "M1", Name: "Max", Role: mentormatch.RoleMentor, TimeZone: mentorZone, Location: mustLoc(mentorZone), Availability: mentor, Capacity: 3},
	}, Mentees: []int{0}, Mentors: []int{1}}
	return p, &mentormatch.Roster{Matches: []mentormatch.Match{{MenteeID: "E1", MentorID: "M1"}}}
}

func TestFallbackRespectsTheNight(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-01-05"
	for _, tc := range []struct {
		name                string
		menteeZone, mentorZ string
		mentee, mentor      []mentormatch.Slot
		wantLocal, wantZone string // the mentee's local time and zone in the flag
		wantMentorOutside   bool
	}{{
		// The mentor's Wednesday hour is 18:00 in Tokyo: inside the
		// organiser's stated hours and the mentee's day.
		name: "organiser's hours in the others' day", menteeZone: "Asia/Tokyo", mentorZ: "Europe/Berlin",
		mentee: []mentormatch.Slot{slot(time.Monday, "09:00", "10:00")}, mentor: []mentormatch.Slot{slot(time.Wednesday, "10:00", "11:00")},
		wantLocal: "Wed 18:00", wantZone: "Asia/Tokyo",
	}, {
		// The mentor's hour is midnight in Tokyo, the mentee's 04:00 in
		// New York: a time in both working days instead, Monday 18:00 in
		// New York, Tuesday 08:00 in Tokyo (not Sunday evening in New York).
		name: "everyone's day hours", menteeZone: "Asia/Tokyo", mentorZ: "America/New_York",
		mentee: []mentormatch.Slot{slot(time.Wednesday, "18:00", "19:00")}, mentor: []mentormatch.Slot{slot(time.Tuesday, "10:00", "11:00")},
		wantLocal: "Tue 08:00", wantZone: "Asia/Tokyo", wantMentorOutside: true,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			p, r := pairProgram(tc.menteeZone, tc.mentee, tc.mentorZ, tc.mentor)
			plan, err := Build(p, r, cfg)
			require.NoError(t, err)
			require.NotEmpty(t, plan.Sessions)
			for _, s := range plan.Sessions {
				require.NotEmpty(t, s.Flag)
				assert.Contains(t, s.Flag, "no shared free time for the session")
				out := outsideOf(t, s.Flag)
				assert.Equal(t, tc.wantLocal+" "+tc.wantZone, out["E1"], s.Flag)
				_, mentorOut := out["M1"]
				assert.Equal(t, tc.wantMentorOutside, mentorOut, s.Flag)
			}
			f := Measure(p, plan, cfg)
			assert.Zero(t, f.Night, "no night attendance")
		})
	}
}

func TestFlagSaysBookedOnlyWhenAWindowFits(t *testing.T) {
	t.Run("taken", func(t *testing.T) {
		// One mentor, two mentees, one shared hour a week, weekly 1:1s:
		// the second mentee finds the hour booked.
		p, r := pairProgram("UTC", []mentormatch.Slot{slot(time.Monday, "09:00", "10:00")}, "UTC", []mentormatch.Slot{slot(time.Monday, "09:00", "10:00")})
		p.People = append(p.People, mentormatch.Person{ID: "E2", Name: "Eve", Role: mentormatch.RoleMentee, Location: time.UTC,
			Availability: []mentormatch.Slot{slot(time.Monday, "09:00", "10:00")}})
		p.Mentees = append(p.Mentees, 2)
		r.Matches = append(r.Matches, mentormatch.Match{MenteeID: "E2", MentorID: "M1"})
		cfg := mentormatch.DefaultConfig()
		cfg.Schedule.Start = "2026-01-05"
		cfg.Schedule.PrimaryEvery, cfg.Schedule.PeerEvery, cfg.Schedule.SeniorEvery = 7, 7, 7
		plan, err := Build(p, r, cfg)
		require.NoError(t, err)
		booked := 0
		for _, s := range plan.Sessions {
			if s.Kind == mentormatch.KindPrimary && s.Flag != "" {
				assert.True(t, strings.HasPrefix(s.Flag, "shared free time already booked; outside their stated hours: "), s.Flag)
				booked++
			}
		}
		assert.Positive(t, booked)
	})
	t.Run("shrunk by a clock change", func(t *testing.T) {
		// 1.5 h shared in winter; after America's change on 8 March and
		// before Europe's on 29 March, 30 min: too short, not booked.
		p, r := pairProgram("America/New_York", []mentormatch.Slot{slot(time.Monday, "08:00", "09:30")},
			"Europe/London", []mentormatch.Slot{slot(time.Monday, "13:00", "14:30")})
		cfg := mentormatch.DefaultConfig()
		cfg.Schedule.Start = "2026-02-23"
		cfg.Schedule.PrimaryEvery, cfg.Schedule.Cycles = 7, 6
		plan, err := Build(p, r, cfg)
		require.NoError(t, err)
		var flags []string
		for _, s := range plan.Sessions {
			day := s.Start.Format(time.DateOnly)
			switch {
			case day < "2026-03-08" || day >= "2026-03-30":
				assert.Empty(t, s.Flag, day)
			case day < "2026-03-29":
				require.NotEmpty(t, s.Flag, day)
				flags = append(flags, s.Flag)
				assert.True(t, strings.HasPrefix(s.Flag, "no shared free time for the session; "), s.Flag)
			}
		}
		assert.NotEmpty(t, flags)
	})
}

func TestDayHoursConfig(t *testing.T) {
	for _, tc := range []struct {
		in         string
		start, end int
		ok         bool
	}{
		{"08:00-20:00", 480, 1200, true},
		{"07:30 - 24:00", 450, 1440, true},
		{"20:00-08:00", 0, 0, false},
		{"8-20", 0, 0, false},
		{"", 0, 0, false},
	} {
		a, b, ok := parseDayHours(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		if tc.ok {
			assert.Equal(t, []int{tc.start, tc.end}, []int{a, b}, tc.in)
		}
	}
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.DayHours = "late"
	_, err := Build(&mentormatch.Program{}, nil, cfg)
	require.ErrorIs(t, err, mentormatch.ErrConfig)
	assert.Contains(t, err.Error(), "schedule.day_hours")
}

// TestLocalClockAsIn: the fallback's local minute and weekday are t.In's,
// quarter hour by quarter hour across clock changes of an hour and of half
// an hour, and in zones without any.
func TestLocalClockAsIn(t *testing.T) {
	for _, name := range []string{"UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "America/Santiago"} {
		t.Run(name, func(t *testing.T) {
			loc := mustLoc(name)
			c := localClock{loc: loc}
			for _, from := range []time.Time{time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 9, 20, 0, 0, 0, 0, time.UTC)} {
				c.looked = false
				for tm := from; tm.Before(from.AddDate(0, 0, 60)); tm = tm.Add(step) {
					lt := tm.In(loc)
					at, wd := c.at(tm.Unix())
					require.Equal(t, lt.Hour()*60+lt.Minute(), at, tm)
					require.Equal(t, lt.Weekday(), wd, tm)
				}
			}
		})
	}
}
