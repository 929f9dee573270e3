package example

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPeopleCSVShape(t *testing.T) {
	recs, err := csv.NewReader(bytes.NewReader(PeopleCSV())).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	ids := map[string]bool{}
	count := map[string]int{}
	zones := map[string]bool{}
	for _, r := range recs[1:] {
		id := r[col["id"]]
		assert.False(t, ids[id], "duplicate id %s", id)
		ids[id] = true
		kind := r[col["role"]] + "/" + r[col["mentor_type"]]
		count[kind]++
		_, err := time.LoadLocation(r[col["timezone"]])
		assert.NoError(t, err, id)
		zones[r[col["timezone"]]] = true
		if r[col["role"]] == "mentor" {
			c, err := strconv.Atoi(r[col["capacity"]])
			require.NoError(t, err, id)
			if r[col["mentor_type"]] == "senior" {
				assert.Zero(t, c, id)
			} else {
				assert.True(t, c >= 1 && c <= 4, "%s capacity %d", id, c)
			}
		}
	}
	langs := map[string]string{}
	for _, r := range recs[1:] {
		langs[r[col["id"]]] = r[col["languages"]]
	}
	noShared := 0
	for _, r := range recs[1:] {
		id := r[col["id"]]
		if m := r[col["manager_id"]]; m != "" {
			assert.True(t, ids[m], "manager %s of %s", m, id)
		}
		for _, c := range []string{"prefers", "avoid"} {
			for _, other := range list(r[col[c]]) {
				assert.True(t, ids[other], "%s of %s: %s", c, id, other)
				assert.NotEqual(t, id, other)
				if c == "prefers" && !shareAny(list(langs[id]), list(langs[other])) {
					noShared++
				}
			}
		}
		seen := map[string]bool{}
		for _, s := range list(r[col["skills"]]) {
			name := strings.SplitN(s, ":", 2)[0]
			assert.False(t, seen[name], "%s lists %s twice", id, name)
			seen[name] = true
		}
	}
	assert.Equal(t, 1, noShared, "one mentee prefers a mentor they share no language with")
	assert.Equal(t, 48, count["mentee/"])
	assert.Equal(t, 14, count["mentor/primary"])
	assert.Equal(t, 4, count["mentor/senior"])
	assert.GreaterOrEqual(t, len(zones), 6)
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "; ")
}

func shareAny(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func TestPeopleCSVIsACopy(t *testing.T) {
	a := PeopleCSV()
	a[0] = 'X'
	assert.NotEqual(t, a[0], PeopleCSV()[0])
}
