package example

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func TestSurveyCSV(t *testing.T) {
	var matches []mentormatch.Match
	for i := range 16 {
		matches = append(matches, mentormatch.Match{MenteeID: fmt.Sprintf("E%d", 1101+i), MentorID: fmt.Sprintf("E%d", 1020+i%14)})
	}
	data := SurveyCSV(matches)
	assert.Equal(t, data, SurveyCSV(matches), "deterministic")
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 1+2*len(matches))
	assert.Equal(t, SurveyHeaders, recs[0])

	unhealthy := map[string]bool{}
	sum := map[string]int{}
	for _, r := range recs[1:] {
		n, err := strconv.Atoi(r[3])
		require.NoError(t, err)
		assert.True(t, n >= 1 && n <= 5)
		sum[r[0]] += n
		if r[4] == "yes" {
			unhealthy[r[0]] = true
		}
	}
	for id, s := range sum {
		if float64(s)/2 < 3 {
			unhealthy[id] = true
		}
	}
	assert.Len(t, unhealthy, 6, "three of every eight pairs")
	assert.True(t, unhealthy["E1103"] && unhealthy["E1105"] && unhealthy["E1108"])

	empty, err := csv.NewReader(bytes.NewReader(SurveyCSV(nil))).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{SurveyHeaders}, empty)
}

func TestCheckInCSV(t *testing.T) {
	var matches []mentormatch.Match
	for i := range 16 {
		matches = append(matches, mentormatch.Match{MenteeID: fmt.Sprintf("E%d", 1101+i), MentorID: fmt.Sprintf("E%d", 1020+i%14)})
	}
	wants := func(string) []mentormatch.Skill {
		return []mentormatch.Skill{{Name: "go", Level: 1}, {Name: "sql", Level: 5}}
	}
	for k := range 3 {
		data := CheckInCSV(matches, k, "2027-01-04", wants)
		assert.Equal(t, data, CheckInCSV(matches, k, "2027-01-04", wants), "deterministic")
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		require.NoError(t, err)
		assert.Equal(t, append(append([]string(nil), SurveyHeaders...), "skills", "milestone", "date"), recs[0])
		want := 2 * len(matches)
		if k == 1 {
			want -= 2 * 2 // pairs 6 and 14 answer every other wave
		}
		require.Len(t, recs, 1+want, "wave %d", k)
		for _, r := range recs[1:] {
			assert.Equal(t, "2027-01-04", r[8])
			if r[2] == "mentee" {
				// Levels rise but never past 5.
				assert.Contains(t, []string{"go:1; sql:5", "go:2; sql:5"}, r[6], "wave %d", k)
			} else {
				assert.Empty(t, r[6])
			}
		}
	}
	assert.Equal(t, "example/check-in-2.csv", CheckInName(1))
}
