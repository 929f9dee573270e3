package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// solve reads matrices as numpy, pandas and SciPy users write them
// (issue 15): numbers in the first row are never labels, inf is a
// forbidden pair, space-separated files are read, and a total is never
// null.
func TestSolveAsNumpyWrites(t *testing.T) {
	dir := t.TempDir()
	type result struct {
		Total    *float64 `json:"total"`
		Assigned int      `json:"assigned"`
	}
	for _, tc := range []struct {
		name, data string
		args       []string
		total      float64
		assigned   int
	}{
		{"inf in the corner is a forbidden pair", "inf,1\n2,3\n", nil, 3, 2},
		{"-inf with --maximize is a forbidden pair", "-inf,1\n2,3\n", []string{"--maximize"}, 3, 2},
		{"quoted thousands in the first row", "\"1,000\",2\n3,4\n", nil, 5, 2},
		{"numpy savetxt", "1.0e+00 5.0e+00\n5.0e+00 2.0e+00\n", nil, 3, 2},
		{"a representable total that overflows in row order", "1e308\n1e308\n-1e308\n", []string{"--capacity", "3"}, 1e308, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := writeFile(t, dir, "m.csv", tc.data)
			code, stdout, stderr := cli(t, append([]string{"solve", m}, tc.args...)...)
			require.Equal(t, 0, code, stderr)
			var r result
			require.NoError(t, json.Unmarshal([]byte(stdout), &r))
			require.NotNil(t, r.Total)
			assert.Equal(t, tc.total, *r.Total)
			assert.Equal(t, tc.assigned, r.Assigned)
		})
	}
	for _, tc := range []struct {
		name, data, want string
		args             []string
	}{
		{"a total beyond a double", "1e308,1\n1,1e308\n", "the total of the assignment is beyond the largest number a double holds", []string{"--maximize"}},
		{"-inf when minimising", "1,-inf\n2,3\n", `row 1, column "B": -Inf when minimising would make this pair infinitely good`, nil},
		{"nan in the first row", "nan,1\n2,3\n", `row 1, column "A": "nan": NaN is not a value the solver can use`, nil},
		{"1e400 in the first column", "1,2\n1e400,3\n", `row 2, column "A": 1e400 is beyond the largest number a double holds`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := writeFile(t, dir, "m.csv", tc.data)
			code, stdout, stderr := cli(t, append([]string{"solve", m}, tc.args...)...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.want)
		})
	}
}
