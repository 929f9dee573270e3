package plan_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/roster"
)

func exampleProgram(t testing.TB) (*mentormatch.Program, mentormatch.Config) {
	t.Helper()
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-11-30"
	p, err := table.ReadProgram(table.Options{Levels: cfg.Levels}, table.File{Path: example.PeopleName, Data: example.PeopleCSV()})
	require.NoError(t, err)
	return p, cfg
}

// Build is On over the plain match, and the plan holds the roster it was
// planned on with one roadmap per pair.
func TestBuild(t *testing.T) {
	p, cfg := exampleProgram(t)
	got, err := plan.Build(p, cfg)
	require.NoError(t, err)
	res, err := roster.Match(p, cfg)
	require.NoError(t, err)
	want, err := plan.On(p, cfg, res)
	require.NoError(t, err)
	assert.Equal(t, want.Plan, got.Plan)
	assert.Same(t, got.Match.Roster, got.Plan.Roster)
	assert.NotEmpty(t, got.Plan.Cohorts)
	assert.NotEmpty(t, got.Plan.Sessions)
	assert.Len(t, got.Plan.Roadmaps, len(got.Match.Roster.Matches))
}

func ExampleBuild() {
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-11-30"
	p, err := table.ReadProgram(table.Options{Levels: cfg.Levels}, table.File{Path: example.PeopleName, Data: example.PeopleCSV()})
	if err != nil {
		panic(err)
	}
	r, err := plan.Build(p, cfg)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d pairs, %d cohorts, %d roadmaps\n", len(r.Match.Roster.Matches), len(r.Plan.Cohorts), len(r.Plan.Roadmaps))
	// Output: 42 pairs, 4 cohorts, 42 roadmaps
}

// Cohorts formed while the match is solved give On's plan; their errors
// and the roster's surface from OnCohorts.
func TestOnCohorts(t *testing.T) {
	p, cfg := exampleProgram(t)
	res, err := roster.Match(p, cfg)
	require.NoError(t, err)
	want, err := plan.On(p, cfg, res)
	require.NoError(t, err)
	got, err := plan.OnCohorts(p, cfg, res, plan.Cohorts(p, cfg))
	require.NoError(t, err)
	assert.Equal(t, want.Plan, got.Plan)

	bad := cfg
	bad.Schedule.Start = "2026-02-30"
	_, err = plan.OnCohorts(p, bad, res, plan.Cohorts(p, bad))
	assert.ErrorIs(t, err, mentormatch.ErrConfig)
	_, onErr := plan.On(p, bad, res)
	assert.Equal(t, onErr, err)

	r := *res.Roster
	r.Matches = append([]mentormatch.Match{{MenteeID: "NOBODY", MentorID: r.Matches[0].MentorID}}, r.Matches...)
	_, err = plan.OnCohorts(p, cfg, &roster.Result{Roster: &r}, plan.Cohorts(p, cfg))
	assert.ErrorIs(t, err, mentormatch.ErrInput)
	assert.ErrorContains(t, err, "NOBODY")
}
