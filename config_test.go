package mentormatch

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultConfigYAMLMatchesDefaults(t *testing.T) {
	cfg, err := ParseConfig(strings.NewReader(DefaultConfigYAML))
	require.NoError(t, err)
	assert.Equal(t, DefaultConfig(), cfg)
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name, yaml string
		wantErr    string
		check      func(t *testing.T, c Config)
	}{
		{name: "empty keeps defaults", yaml: "", check: func(t *testing.T, c Config) { assert.Equal(t, DefaultConfig(), c) }},
		{name: "one weight", yaml: "weights:\n  skills: 90\n", check: func(t *testing.T, c Config) {
			assert.Equal(t, 90.0, c.Weights.Skills)
			assert.Equal(t, 25.0, c.Weights.Availability)
		}},
		{name: "misspelt key names key and line", yaml: "weights:\n  skils: 3\n", wantErr: "unknown key weights.skils (line 2); did you mean weights.skills?"},
		{name: "bad objective", yaml: "objective: best\n", wantErr: `"best": expected total, fair or stable`},
		{name: "negative weight", yaml: "weights:\n  goals: -1\n", wantErr: "weights.goals"},
		{name: "wrong type", yaml: "cohorts:\n  min_size: many\n", wantErr: "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig(strings.NewReader(tt.yaml))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.True(t, errors.Is(err, ErrInput))
				return
			}
			require.NoError(t, err)
			tt.check(t, c)
		})
	}
}

func TestProblemsError(t *testing.T) {
	ps := Problems{
		{File: "b.csv", Row: 3, Column: "id", Message: "duplicate"},
		{File: "a.csv", Row: 9, Message: "ragged"},
	}
	ps.Sort()
	assert.Equal(t, "2 problems found:\n  a.csv row 9: ragged\n  b.csv row 3, column \"id\": duplicate", ps.Error())
	assert.True(t, errors.Is(ps, ErrInput))
	assert.Nil(t, Problems(nil).Err())
}

// Values a configuration may not hold: each is refused with its key and
// line, never silently replaced or accepted (issue 15).
func TestParseConfigRefusesOutOfRange(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"schedule:\n  session_minutes: 0\n", "schedule.session_minutes (line 2): 0: expected a whole number from 5 to 480"},
		{"schedule:\n  session_minutes: 100000\n", "schedule.session_minutes (line 2)"},
		{"schedule:\n  cycles: 1000000\n", "schedule.cycles (line 2): 1000000: expected a whole number from 1 to 100"},
		{"schedule:\n  cycles: 0\n", "schedule.cycles (line 2)"},
		{"cohorts:\n  max_size: 1e9\n", "cohorts.max_size (line 2): 1000000000: at most 100"},
		{"schedule:\n  peer_every_days: 0\n", "schedule.peer_every_days (line 2)"},
		{"schedule:\n  primary_every_days: 100000\n", "schedule.primary_every_days (line 2)"},
		{"schedule:\n  start: 9999-12-27\n", "schedule.start (line 2): 9999-12-27: expected a date from 2000-01-01 to 2100-12-31"},
		{"schedule:\n  start: 2027-02-30\n", `schedule.start (line 2): "2027-02-30": expected a date as YYYY-MM-DD`},
		{"schedule:\n  holidays: [2027-01-01, 1066-10-14]\n", "schedule.holidays[2] (line 2)"},
		{"weights:\n  skills: .nan\n", "weights.skills (line 2): NaN: expected a number from 0 to 1,000,000"},
		{"weights:\n  goals: .inf\n", "weights.goals (line 2): +Inf"},
		{"weights:\n  goals: 1e300\n", "weights.goals (line 2)"},
		{"weights:\n  goals: 1e400\n", "weights.goals (line 2): 1e400: beyond the largest number"},
		{"rules:\n  min_score: .nan\n", "rules.min_score (line 2): NaN"},
		{"rules:\n  min_score: 101\n", "rules.min_score (line 2)"},
		{"rules:\n  min_overlap_hours: -1\n", "rules.min_overlap_hours (line 2)"},
		{"rematch:\n  threshold: .nan\n", "rematch.threshold (line 2): NaN: expected a rating from 1 to 5"},
		{"rematch:\n  move_margin: .inf\n", "rematch.move_margin (line 2)"},
		{"rules:\n  max_level_gap: -1\n", "rules.max_level_gap (line 2): -1"},
		{"cohorts:\n  min_size: 2.5\n", "cohorts.min_size (line 2): 2.5: expected a whole number"},
		{"roadmap:\n  stagger: .nan\n", "roadmap.stagger (line 2)"},
		{"roadmap:\n  stages:\n    - {name: a, share: .inf, text: x}\n  families: []\n", "roadmap.stages[1].share (line 3)"},
		{"criteria:\n  - {column: a, rule: closer_is_better, weight: 1, margin: .nan}\n", "criteria[1].margin (line 2): NaN"},
		{"criteria:\n  - {column: a, rule: different, weight: .inf}\n", "criteria[1].weight (line 2): +Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			_, err := ParseConfig(strings.NewReader(tt.yaml))
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInput)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// A configuration past the size limit is refused, never cut: cut at 1 MiB
// "min_score: 99.5" used to read as 9.
func TestParseConfigRefusesLargeFile(t *testing.T) {
	head := "# " + strings.Repeat("x", ConfigMaxBytes-len("rules:\n  min_score: 9")-3) + "\n"
	doc := head + "rules:\n  min_score: 99.5\n"
	require.Greater(t, len(doc), ConfigMaxBytes)
	_, err := ParseConfig(strings.NewReader(doc))
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInput)
	assert.Contains(t, err.Error(), "larger than 1 MiB")

	c, err := ParseConfig(strings.NewReader(head[:len(head)-200] + "\nrules:\n  min_score: 99.5\n"))
	require.NoError(t, err, "a file within the limit is read whole")
	assert.Equal(t, 99.5, c.Rules.MinScore)
}

// Misspelt keys are named with their line and the key meant, all of them
// at once, along with every other problem (issue 19).
func TestParseConfigUnknownKeysInWords(t *testing.T) {
	doc := "rules:\n  max_level_gap: 2\n  min_overlap: 3\nweights: {skils: 1, goals: x}\ncycles: 3\nseed: 1\nseed: 2\ncriteria:\n  - {colum: a, rule: same, weight: 1}\nzzz: 1\n"
	_, err := ParseConfig(strings.NewReader(doc))
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrInput)
	msg := err.Error()
	for _, want := range []string{
		"unknown key rules.min_overlap (line 3); did you mean rules.min_overlap_hours?",
		"unknown key weights.skils (line 4); did you mean weights.skills?",
		`weights.goals (line 4): "x": expected a number`,
		"unknown key cycles (line 5); did you mean schedule.cycles?",
		"seed (line 7): given twice (first at line 6)",
		"unknown key criteria[1].colum (line 9); did you mean criteria[1].column?",
		"unknown key zzz (line 10)\n",
	} {
		assert.Contains(t, msg+"\n", want)
	}
	assert.NotContains(t, msg, "mentormatch.")
	assert.NotContains(t, msg, "not found in type")
}
