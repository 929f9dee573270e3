package report

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// TestNumberJSON pins what the JSON outputs promise for figures, where
// encoding/json on a float64 would fail (NaN, ±Inf) or switch to an
// exponent (below 1e-6, from 1e21).
func TestNumberJSON(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "-0"},
		{72.5, "72.5"},
		{-5, "-5"},
		{1e-7, "0.0000001"},
		{1e21, "1000000000000000000000"},
		{math.NaN(), "null"},
		{math.Inf(1), "null"},
		{math.Inf(-1), "null"},
	} {
		got, err := number(tc.x).MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(got), "%v", tc.x)
	}
}

// TestRosterJSONFigures checks that a roster with figures encoding/json
// cannot write as they are still encodes, components in their order, with
// the same escaping of names as every other string.
func TestRosterJSONFigures(t *testing.T) {
	r := &mentormatch.Roster{Matches: []mentormatch.Match{{MenteeID: "E1", MentorID: "M1", Score: math.NaN(),
		Components: []mentormatch.Component{{Name: "z<&>", Points: 1e-7}, {Name: "a", Points: math.Inf(1)}}}}}
	var b bytes.Buffer
	require.NoError(t, EncodeRosterJSON(&b, r))
	assert.Contains(t, b.String(), `"score": null,
      "components": {
        "z\u003c\u0026\u003e": 0.0000001,
        "a": null
      },`)
}
