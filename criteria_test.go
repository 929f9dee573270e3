package mentormatch

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCriteria(t *testing.T) {
	const good = `criteria:
  - name: Cross-department
    column: Department
    rule: different
    weight: 10
  - column: work style
    rule: compatible
    weight: 15
    values: [structured, flexible, exploratory]
    table:
      structured: [structured, flexible]
      exploratory: [flexible, exploratory]
  - column: shipped to production
    rule: same
    value: yes
    hard: true
  - column: years
    rule: at_least
    value: 5
    hard: true
quotas:
  - criterion: cross-department
    at_least: 40
    hard: true
`
	c, err := ParseConfig(strings.NewReader(good))
	require.NoError(t, err)
	require.Len(t, c.Criteria, 4)
	assert.Equal(t, "cross-department", c.Criteria[0].ComponentName())
	assert.Equal(t, "work style", c.Criteria[1].ComponentName())
	assert.Equal(t, []int{2, 6, 13, 17}, []int{c.Criteria[0].Line, c.Criteria[1].Line, c.Criteria[2].Line, c.Criteria[3].Line})
	assert.Equal(t, "yes", c.Criteria[2].Value)
	assert.Equal(t, "5", c.Criteria[3].Value)
	require.Len(t, c.Quotas, 1)
	require.NotNil(t, c.Quotas[0].AtLeast)
	assert.Equal(t, 40.0, *c.Quotas[0].AtLeast)
	assert.Equal(t, 22, c.Quotas[0].Line)

	tests := []struct {
		name, yaml string
		want       []string // every one in the error
	}{
		{"unknown rule names key and line", "criteria:\n  - column: gender\n    rule: sames\n    weight: 1\n",
			[]string{`criteria[1].rule (line`, `"sames": expected one of same, different`, "(line 3)"}},
		{"misspelt key", "criteria:\n  - column: gender\n    rul: same\n", []string{"unknown key criteria[1].rul (line 3); did you mean criteria[1].rule?"}},
		{"no column", "criteria:\n  - rule: same\n    weight: 1\n", []string{`criteria[1].column (line`, "(line 2)"}},
		{"does nothing", "criteria:\n  - column: gender\n    rule: same\n", []string{`criteria[1].weight (line`, `the criterion does nothing`}},
		{"negative weight", "criteria:\n  - column: gender\n    rule: same\n    weight: -2\n", []string{`criteria[1].weight (line 4): -2: expected a number from 0 to 1,000,000`}},
		{"built-in name", "criteria:\n  - column: level\n    rule: at_least\n    weight: 1\n", []string{`"level" is a built-in component`}},
		{"duplicate name", "criteria:\n  - column: team\n    rule: same\n    weight: 1\n  - column: Team\n    rule: different\n    weight: 1\n",
			[]string{`criteria[2].name (line`, `"team" is the name of an earlier criterion`, "(line 5)"}},
		{"table outside values names the entry's line", "criteria:\n  - column: style\n    rule: compatible\n    weight: 1\n    values: [a, b]\n    table:\n      a: [a, b]\n      b: [c]\n",
			[]string{`criteria[1].table.b (line 8): "c" is not among the values (a, b)`}},
		{"compatible without table", "criteria:\n  - column: style\n    rule: compatible\n    weight: 1\n", []string{`criteria[1].table (line`, `compatible needs a table`}},
		{"table on another rule", "criteria:\n  - column: style\n    rule: same\n    weight: 1\n    table: {a: [a]}\n", []string{`only compatible takes a table`}},
		{"preference without mentor column", "criteria:\n  - column: wants gender\n    rule: mentee_preference\n    hard: true\n", []string{`criteria[1].mentor_column (line`}},
		{"value not a number", "criteria:\n  - column: years\n    rule: at_least\n    value: lots\n    hard: true\n", []string{`criteria[1].value (line`, `"lots": expected a number`}},
		{"value on overlap", "criteria:\n  - column: hobbies\n    rule: overlap\n    value: chess\n    weight: 1\n", []string{`only same, different, at_least and at_most`}},
		{"values on numbers", "criteria:\n  - column: years\n    rule: closer_is_better\n    values: [1]\n    weight: 1\n", []string{`numbers take no list of values`}},
		{"bad blank", "criteria:\n  - column: erg\n    rule: same\n    blank: skip\n    hard: true\n", []string{`"skip"`, `expected ignore, fail or as_value`}},
		{"as_value on numbers", "criteria:\n  - column: years\n    rule: at_most\n    blank: as_value\n    hard: true\n", []string{`as_value suits same and different only`}},
		{"scale elsewhere", "criteria:\n  - column: years\n    rule: at_most\n    scale: 3\n    hard: true\n", []string{`only closer_is_better takes a scale`}},
		{"quota of an unknown criterion", "criteria:\n  - column: team\n    rule: different\n    weight: 1\nquotas:\n  - criterion: dept\n    at_least: 40\n",
			[]string{`quotas[1].criterion (line 6): "dept": expected the name of a criterion (team)`}},
		{"quota without bound", "criteria:\n  - column: team\n    rule: different\n    weight: 1\nquotas:\n  - criterion: team\n", []string{`give at_least or at_most`}},
		{"quota above 100", "criteria:\n  - column: team\n    rule: different\n    weight: 1\nquotas:\n  - criterion: team\n    at_most: 140\n", []string{`quotas[1].at_most (line`, `must be a percentage`}},
		{"two hard quotas", "criteria:\n  - column: team\n    rule: different\n    weight: 1\nquotas:\n  - {criterion: team, at_least: 10, hard: true}\n  - {criterion: team, at_most: 90, hard: true}\n",
			[]string{`quotas[2].hard (line`, `only one quota can be hard`}},
		{"hard quota with fair", "objective: fair\ncriteria:\n  - column: team\n    rule: different\n    weight: 1\nquotas:\n  - {criterion: team, at_least: 10, hard: true}\n",
			[]string{`a hard quota needs objective total`}},
		{"all problems at once", "criteria:\n  - column: a\n    rule: x\n    weight: 1\n  - column: b\n    rule: y\n    weight: 1\n",
			[]string{"2 problems found", `criteria[1].rule (line`, `criteria[2].rule (line`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig(strings.NewReader(tt.yaml))
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrConfig))
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestCriteriaWeightsCount(t *testing.T) {
	_, err := ParseConfig(strings.NewReader("weights: {skills: 0, availability: 0, goals: 0, level: 0, prefers: 0}\ncriteria:\n  - {column: team, rule: different, weight: 1}\n"))
	assert.NoError(t, err, "a criterion's weight is enough")
}

func TestNumber(t *testing.T) {
	c := DefaultConfig()
	for in, want := range map[string]float64{"3": 3, " 2.5 ": 2.5, "2,5": 2.5, "Senior": 4, "staff": 5, "-1": -1} {
		v, ok := c.Number(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, v, in)
	}
	for _, in := range []string{"", "lots", "NaN", "inf", "1,2,3"} {
		_, ok := c.Number(in)
		assert.False(t, ok, in)
	}
}
