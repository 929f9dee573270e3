package cohort

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func TestRoundsIsRoundRobin(t *testing.T) {
	for g := range 40 {
		assert.Equal(t, len(RoundRobin(g)), rounds(g), "cohort of %d", g)
	}
}

func TestSeniorSlotsIsRotation(t *testing.T) {
	for cohorts := range 12 {
		for seniors := range 12 {
			for m := range 5 {
				table, _ := rotation(cohorts, seniors, m)
				visits := 0
				for _, row := range table {
					for _, s := range row {
						if s >= 0 {
							visits++
						}
					}
				}
				slots, v := seniorSlots(cohorts, seniors, m)
				assert.Equal(t, len(table), slots, "%d cohorts, %d seniors, %d each", cohorts, seniors, m)
				assert.Equal(t, float64(visits), v, "%d cohorts, %d seniors, %d each", cohorts, seniors, m)
			}
		}
	}
}

// The estimate is exact for peer places and an upper bound for the rest,
// on the example program under several configurations.
func TestEstimateBoundsThePlan(t *testing.T) {
	zones := []string{"UTC", "Europe/Berlin"}
	p := testProgram(30, 8, 4, zones)
	r := roundRobinRoster(p, 8)
	for _, mod := range []func(c *mentormatch.Config){
		func(c *mentormatch.Config) {},
		func(c *mentormatch.Config) { c.Schedule.Cycles = 3 },
		func(c *mentormatch.Config) { c.Cohorts.MinSize, c.Cohorts.MaxSize = 2, 5 },
		func(c *mentormatch.Config) { c.Schedule.SeniorMaxPerCycle = 1; c.Schedule.PrimaryEvery = 7 },
	} {
		cfg := mentormatch.DefaultConfig()
		cfg.Schedule.Start = "2027-01-04"
		mod(&cfg)
		plan, err := Build(p, r, cfg)
		require.NoError(t, err)
		got := map[mentormatch.SessionKind]float64{}
		for _, s := range plan.Sessions {
			got[s.Kind] += float64(len(s.Participants))
		}
		sc, err := newSchedule(cfg)
		require.NoError(t, err)
		e := estimate(len(p.Mentees), len(r.Matches), 4, cfg, sc)
		name := fmt.Sprintf("%+v", cfg.Schedule)
		assert.Equal(t, e.peer, got[mentormatch.KindPeer], name)
		assert.GreaterOrEqual(t, e.senior, got[mentormatch.KindSenior], name)
		assert.GreaterOrEqual(t, e.primary, got[mentormatch.KindPrimary], name)
		assert.LessOrEqual(t, e.primary, 2*got[mentormatch.KindPrimary]+float64(4*len(r.Matches)), name)
	}
}

// A plan past the size limit or the date window is refused before it is
// built, naming the key to change (issue 15: cycles 1000000 reached 5 GB).
func TestCheckSizeRefusesRunaways(t *testing.T) {
	p := testProgram(30, 8, 4, []string{"UTC"})
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2027-01-04"
	require.NoError(t, CheckSize(p, len(p.Mentees), cfg))

	cfg.Schedule.Cycles = 1000000
	err := CheckSize(p, len(p.Mentees), cfg)
	require.Error(t, err)
	assert.ErrorIs(t, err, mentormatch.ErrInput)
	assert.Contains(t, err.Error(), "past the limit of 5,000,000: lower schedule.cycles (now 1000000)")
	assert.Contains(t, err.Error(), "past 2100-12-31")

	cfg.Schedule.Cycles = 100
	cfg.Schedule.PrimaryEvery, cfg.Schedule.PeerEvery, cfg.Schedule.SeniorEvery = 365, 365, 365
	err = CheckSize(p, len(p.Mentees), cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "past 2100-12-31")
	_, err = Build(p, nil, cfg)
	assert.ErrorIs(t, err, mentormatch.ErrConfig)
}
