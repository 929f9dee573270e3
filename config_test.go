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
		{name: "misspelt key names key and line", yaml: "weights:\n  skils: 3\n", wantErr: `line 2: field skils not found`},
		{name: "bad objective", yaml: "objective: best\n", wantErr: `"best": expected total or fair`},
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
