package mentormatch

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoadmapConfigValidate(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // every message must appear
	}{
		{name: "defaults", yaml: ""},
		{name: "own stages replace the list", yaml: "roadmap:\n  stages:\n    - {name: learn, share: 1, text: \"Learn {topic}\"}\n  families: []\n"},
		{name: "bad counts", yaml: "roadmap:\n  max_objectives: 0\n  min_objectives: 2\n  level_gain: 9\n",
			want: []string{`roadmap.max_objectives (line`, `roadmap.min_objectives (line`, `roadmap.level_gain (line`, `roadmap.goal_objectives (line`}},
		{name: "stagger leaves no time", yaml: "roadmap:\n  stagger: 0.5\n", want: []string{`roadmap.stagger (line`}},
		{name: "level names", yaml: "roadmap:\n  level_names: [a, b]\n", want: []string{"give 6 names"}},
		{name: "unknown placeholder", yaml: "roadmap:\n  skill_objective: \"Learn {skill}\"\n  agenda:\n    kickoff: \"{topic}\"\n",
			want: []string{`roadmap.skill_objective (line`, `unknown placeholder {skill}`, `roadmap.agenda.kickoff (line`, `unknown placeholder {topic}`}},
		{name: "goal title has no levels", yaml: "roadmap:\n  goal_objective: \"{topic} to {to}\"\n", want: []string{"unknown placeholder {to}"}},
		{name: "stages", yaml: "roadmap:\n  families: []\n  stages:\n    - {name: a, share: 0, text: x}\n    - {name: A, share: 1, text: \"\"}\n",
			want: []string{`roadmap.stages[1].share (line`, `must be above 0`, `roadmap.stages[2].name (line`, `"A" appears twice`, `roadmap.stages[2].text (line`, `must not be empty`}},
		{name: "no stages", yaml: "roadmap:\n  stages: []\n  families: []\n", want: []string{`roadmap.stages (line`, `need at least one stage`}},
		{name: "families", yaml: "roadmap:\n  families:\n    - {name: x, topics: [go], wording: {practise: \"p\"}}\n    - {name: y, topics: [Go]}\n",
			want: []string{`no stage is called "practise"`, `"go" is already in family "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig(strings.NewReader(tt.yaml))
			if len(tt.want) == 0 {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrInput)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}
