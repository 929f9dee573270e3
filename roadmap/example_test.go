package roadmap

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/cohort"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/roster"
)

// examplePlan plans the built-in example program from a fixed start.
func examplePlan(t testing.TB, cfg mentormatch.Config) (*mentormatch.Program, *mentormatch.Plan) {
	t.Helper()
	cfg.Schedule.Start = "2026-11-30"
	p, err := table.ReadProgram(table.Options{Levels: cfg.Levels}, table.File{Path: example.PeopleName, Data: example.PeopleCSV()})
	require.NoError(t, err)
	res, err := roster.Match(p, cfg)
	require.NoError(t, err)
	plan, err := cohort.Build(p, res.Roster, cfg)
	require.NoError(t, err)
	plan.Roster = res.Roster
	return p, plan
}
