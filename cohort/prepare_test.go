package cohort

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// The free time Prepare lays out for everyone at once gives the plan the
// placer gives when it lays out each person's as it first meets them, with
// a roster and without (a span without the 1:1s, where nothing laid out
// beforehand is used); and a Prepared builds one plan.
func TestPreparedLaidOutAsPlaced(t *testing.T) {
	weekly := dstConfig()
	fortnightly := mentormatch.DefaultConfig()
	fortnightly.Schedule.Start = "2026-03-02"
	for _, tc := range []struct {
		name   string
		cfg    mentormatch.Config
		roster bool
	}{
		{"weekly across clock changes, with a roster", weekly, true},
		{"weekly, no roster", weekly, false},
		{"default schedule, with a roster", fortnightly, true},
		{"default schedule, no roster", fortnightly, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testProgram(48, 9, 3, mixedZones)
			var r *mentormatch.Roster
			if tc.roster {
				r = roundRobinRoster(p, 9)
			}
			laid, err := Prepare(p, tc.cfg)
			require.NoError(t, err)
			lazy, err := Prepare(p, tc.cfg)
			require.NoError(t, err)
			lazy.who, lazy.laidOver = nil, span{}
			want, err := lazy.Build(r)
			require.NoError(t, err)
			got, err := laid.Build(r)
			require.NoError(t, err)
			require.NotEmpty(t, got.Sessions)
			assert.Equal(t, want, got)
			whole, err := Build(p, r, tc.cfg)
			require.NoError(t, err)
			assert.Equal(t, whole, got)
			_, err = laid.Build(r)
			assert.Error(t, err, "built twice")
		})
	}
}

// Prepare's errors are Build's: no program, a start date that is no date.
func TestPrepareErrors(t *testing.T) {
	_, err := Prepare(nil, mentormatch.DefaultConfig())
	assert.ErrorIs(t, err, mentormatch.ErrInput)
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-02-30"
	_, err = Prepare(testProgram(8, 2, 1, mixedZones), cfg)
	assert.ErrorIs(t, err, mentormatch.ErrConfig)
	_, berr := Build(testProgram(8, 2, 1, mixedZones), nil, cfg)
	assert.Equal(t, berr, err)
}
