package cohort

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var mixedZones = []string{"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"}

// dstConfig starts before the US (8 March), EU (29 March) and Sydney
// (5 April) clock changes of 2026 and runs across them.
func dstConfig() mentormatch.Config {
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-02-23"
	cfg.Schedule.PeerEvery = 7
	cfg.Schedule.PrimaryEvery = 7
	cfg.Schedule.SeniorEvery = 7
	cfg.Schedule.Holidays = []string{"2026-04-03", "2026-04-06"}
	return cfg
}

func bigPlan(t *testing.T, cfg mentormatch.Config) (*mentormatch.Program, *mentormatch.Plan) {
	t.Helper()
	p := testProgram(48, 9, 3, mixedZones)
	plan, err := Build(p, roundRobinRoster(p, 9), cfg)
	require.NoError(t, err)
	return p, plan
}

func TestBuildNoDoubleBooking(t *testing.T) {
	_, plan := bigPlan(t, dstConfig())
	require.NotEmpty(t, plan.Sessions)
	byPerson := map[string][]mentormatch.Session{}
	for _, s := range plan.Sessions {
		for _, id := range s.Participants {
			byPerson[id] = append(byPerson[id], s)
		}
	}
	require.Equal(t, 59, len(byPerson), "everyone but M2008, who has no mentee")
	for id, ss := range byPerson {
		for i := 1; i < len(ss); i++ { // sessions are sorted by start
			assert.False(t, ss[i].Start.Before(ss[i-1].End), "%s double-booked: %v and %v", id, ss[i-1], ss[i])
		}
	}
}

// inAvailability checks a session against a person's slots independently of
// the placer: the local wall-clock start and end must fall in one slot.
func inAvailability(per *mentormatch.Person, s mentormatch.Session) bool {
	loc := locOf(per)
	a, b := s.Start.In(loc), s.End.In(loc)
	for _, sl := range slotsOf(per) {
		if a.Weekday() != sl.Day {
			continue
		}
		from := a.Hour()*60 + a.Minute()
		to := from + int(b.Sub(a).Minutes())
		end := sl.End
		if end <= sl.Start {
			end += 24 * 60
		}
		if from >= sl.Start && to <= end {
			return true
		}
	}
	return false
}

func TestBuildWithinAvailabilityUnlessFlagged(t *testing.T) {
	cfg := dstConfig()
	p, plan := bigPlan(t, cfg)
	flagged := 0
	for _, s := range plan.Sessions {
		assert.Equal(t, time.UTC, s.Start.Location())
		assert.Equal(t, 60*time.Minute, s.End.Sub(s.Start))
		absent := map[string]bool{}
		if s.Flag != "" {
			flagged++
			for id := range outsideOf(t, s.Flag) {
				absent[id] = true
			}
			assert.NotEmpty(t, absent, s.Flag)
		}
		for _, id := range s.Participants {
			if absent[id] {
				continue
			}
			per := p.ByID(id)
			require.NotNil(t, per)
			assert.True(t, inAvailability(per, s), "%s not free for %s %s round %d at %s (%s)", id, s.Cohort, s.Kind, s.Round, s.Start, per.TimeZone)
			local := s.Start.In(locOf(per)).Format(time.DateOnly)
			assert.NotContains(t, cfg.Schedule.Holidays, local)
		}
	}
	t.Logf("%d sessions, %d flagged", len(plan.Sessions), flagged)
	// Cohorts and pairs share a zone; only seniors from far zones clash.
	assert.Less(t, flagged, 20)
	assert.Zero(t, Measure(p, plan, cfg).NightUnlisted, "nobody at 22:00–07:00 who did not list it")
}

func TestBuildStructure(t *testing.T) {
	cfg := dstConfig()
	p, plan := bigPlan(t, cfg)
	require.Len(t, plan.Cohorts, 4)
	members := map[string]string{}
	for c, co := range plan.Cohorts {
		assert.Equal(t, fmt.Sprintf("C%d", c+1), co.ID)
		assert.Equal(t, []string{"S3000", "S3001", "S3002"}, co.Seniors, "3 seniors ≤ limit 4: everyone visits")
		for _, id := range co.Members {
			members[id] = co.ID
		}
	}
	assert.Len(t, members, len(p.Mentees))
	counts := map[mentormatch.SessionKind]int{}
	for i, s := range plan.Sessions {
		counts[s.Kind]++
		if i > 0 {
			assert.GreaterOrEqual(t, compareSessions(&s, &plan.Sessions[i-1]), 0, "sessions sorted")
		}
		switch s.Kind {
		case mentormatch.KindPrimary:
			require.Len(t, s.Participants, 2)
			assert.Equal(t, members[s.Participants[0]], s.Cohort)
		case mentormatch.KindPeer:
			assert.Contains(t, []int{2, 3}, len(s.Participants))
		case mentormatch.KindSenior:
			assert.True(t, strings.HasPrefix(s.Participants[0], "S"))
		}
	}
	// 4 cohorts of 12: 11 peer rounds × 6 pairs; 4 senior slots; a cycle of
	// 11 weeks gives 11 weekly 1:1s per mentee.
	assert.Equal(t, 4*11*6, counts[mentormatch.KindPeer])
	assert.Equal(t, 4*3, counts[mentormatch.KindSenior])
	assert.Equal(t, 48*11, counts[mentormatch.KindPrimary])
	assert.IsIncreasing(t, plan.Warnings)
}

func TestBuildDeterministic(t *testing.T) {
	_, a := bigPlan(t, dstConfig())
	_, b := bigPlan(t, dstConfig())
	assert.Equal(t, a, b)
}

func TestBuildDefaultStartIsFixed(t *testing.T) {
	p := testProgram(6, 2, 1, []string{"UTC"})
	cfg := mentormatch.DefaultConfig()
	plan, err := Build(p, roundRobinRoster(p, 2), cfg)
	require.NoError(t, err)
	require.NotEmpty(t, plan.Sessions)
	first := plan.Sessions[0].Start
	assert.Equal(t, "2026-01-05", first.Format(time.DateOnly), "the Monday after 2026-01-01, not today")
}

func TestBuildHolidayMovesSessions(t *testing.T) {
	p := testProgram(4, 1, 0, []string{"UTC"})
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-01-05"
	cfg.Schedule.Holidays = []string{"2026-01-05", "2026-01-06"}
	plan, err := Build(p, nil, cfg)
	require.NoError(t, err)
	for _, s := range plan.Sessions {
		d := s.Start.Format(time.DateOnly)
		assert.NotEqual(t, "2026-01-05", d)
		assert.NotEqual(t, "2026-01-06", d)
	}
	assert.Equal(t, "2026-01-07", plan.Sessions[0].Start.Format(time.DateOnly))
}

func TestBuildSeniorLimitWarnings(t *testing.T) {
	p := testProgram(30, 2, 1, []string{"UTC"})
	p.People[p.Mentors[2]].Name = "Ada Ng"
	cfg := mentormatch.DefaultConfig()
	cfg.Cohorts.MaxSize = 5 // 6 cohorts, senior limit 4
	plan, err := Build(p, nil, cfg)
	require.NoError(t, err)
	var misses []string
	for _, w := range plan.Warnings {
		if strings.Contains(w, "does not meet senior") {
			misses = append(misses, w)
		}
	}
	assert.Equal(t, []string{
		"cohort C5 does not meet senior S3000 (Ada Ng): senior limit 4 sessions per cycle",
		"cohort C6 does not meet senior S3000 (Ada Ng): senior limit 4 sessions per cycle",
	}, misses)
	assert.Empty(t, plan.Cohorts[4].Seniors)
	assert.Equal(t, []string{"S3000"}, plan.Cohorts[0].Seniors)
}

func TestBuildFlagsWhenNoCommonTime(t *testing.T) {
	p := testProgram(4, 1, 0, []string{"UTC"})
	// Two mentees whose weekly slots never overlap.
	p.People[p.Mentees[0]].Availability = []mentormatch.Slot{slot(time.Monday, "08:00", "09:00")}
	for _, i := range p.Mentees[1:] {
		p.People[i].Availability = []mentormatch.Slot{slot(time.Tuesday, "08:00", "09:00")}
	}
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-01-05"
	plan, err := Build(p, nil, cfg)
	require.NoError(t, err)
	flagged := 0
	for _, s := range plan.Sessions {
		if strings.Contains(strings.Join(s.Participants, ","), "E1000") {
			flagged++
			// Inside one of them's stated hours (08:00), in the
			// other's day hours.
			assert.Contains(t, s.Flag, "no shared free time for the session; outside their stated hours: ")
			assert.Len(t, outsideOf(t, s.Flag), 1, s.Flag)
			assert.Equal(t, 8, s.Start.Hour())
		}
	}
	assert.Equal(t, 3, flagged)
	assert.Len(t, plan.Warnings, 3)
}

func TestBuildSmallAndEmpty(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	plan, err := Build(&mentormatch.Program{}, nil, cfg)
	require.NoError(t, err)
	assert.Empty(t, plan.Cohorts)
	assert.Empty(t, plan.Sessions)

	p := testProgram(3, 1, 0, []string{"UTC"})
	plan, err = Build(p, nil, cfg)
	require.NoError(t, err)
	require.Len(t, plan.Cohorts, 1)
	assert.Equal(t, []string{"only 3 mentees: one cohort, smaller than the minimum cohort size 4"}, plan.Warnings)
}

func TestBuildErrors(t *testing.T) {
	p := testProgram(4, 1, 0, []string{"UTC"})
	for _, tc := range []struct {
		name string
		edit func(*mentormatch.Config, *mentormatch.Roster)
		want []string
		is   error
	}{
		{"bad start", func(c *mentormatch.Config, _ *mentormatch.Roster) { c.Schedule.Start = "5/1/2026" },
			[]string{`schedule.start`, `"5/1/2026": expected a date as YYYY-MM-DD`}, mentormatch.ErrConfig},
		{"bad holidays", func(c *mentormatch.Config, _ *mentormatch.Roster) { c.Schedule.Holidays = []string{"x", "2026-13-01"} },
			[]string{`"x"`, `"2026-13-01"`}, mentormatch.ErrConfig},
		{"unknown ids", func(_ *mentormatch.Config, r *mentormatch.Roster) {
			r.Matches = append(r.Matches, mentormatch.Match{MenteeID: "E9", MentorID: "M2000"}, mentormatch.Match{MenteeID: "E1000", MentorID: "M9"})
		}, []string{`mentee "E9"`, `mentor "M9"`}, mentormatch.ErrInput},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := mentormatch.DefaultConfig()
			r := roundRobinRoster(p, 1)
			tc.edit(&cfg, r)
			_, err := Build(p, r, cfg)
			require.Error(t, err)
			assert.True(t, errors.Is(err, tc.is))
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
	_, err := Build(nil, nil, mentormatch.DefaultConfig())
	assert.ErrorIs(t, err, mentormatch.ErrInput)
}

func TestMissWarningsSummarised(t *testing.T) {
	seniors := []*mentormatch.Person{{ID: "S1", Name: "Ada Ng"}, {ID: "S2", Name: "Bo Li"}}
	_, misses := rotation(60, 2, 4)
	got := missWarnings(misses, seniors, 60, 4)
	assert.Equal(t, []string{
		"senior S1 (Ada Ng) does not meet 56 of 60 cohorts (C5–C60): senior limit 4 sessions per cycle",
		"senior S2 (Bo Li) does not meet 56 of 60 cohorts (C1–C30, C35–C60): senior limit 4 sessions per cycle",
	}, got)
}
