package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExplainJSONAgreesWithRoster(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	code, _, stderr := cli(t, "match", "--example", "--out", out)
	require.Equal(t, 0, code, stderr)
	r := readRoster(t, out)
	require.NotEmpty(t, r.Matches)
	m := r.Matches[0]

	code, stdout, stderr := cli(t, "explain", "--example", "--mentee", m.MenteeID, "--mentor", r.Matches[1].MentorID, "--json")
	require.Equal(t, 0, code, stderr)
	var e struct {
		MenteeID      string             `json:"mentee_id"`
		MentorID      string             `json:"mentor_id"`
		Score         float64            `json:"score"`
		Components    map[string]float64 `json:"components"`
		Reason        string             `json:"reason"`
		CommonWindows []string           `json:"common_windows"`
		Alternative   *struct {
			MentorID  string  `json:"mentor_id"`
			Score     float64 `json:"score"`
			TotalLoss float64 `json:"total_loss"`
			Matched   int     `json:"matched"`
			Forbidden string  `json:"forbidden"`
		} `json:"alternative"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &e), stdout)
	assert.Equal(t, m.MentorID, e.MentorID)
	assert.Equal(t, m.Score, e.Score)
	assert.Equal(t, m.Reason, e.Reason)
	sum := 0.0
	for _, v := range e.Components {
		sum += v
	}
	assert.InDelta(t, e.Score, sum, 0.011)
	require.NotNil(t, e.Alternative)
	assert.Equal(t, r.Matches[1].MentorID, e.Alternative.MentorID)
	if e.Alternative.Forbidden == "" {
		// The optimum can only drop when a pair is imposed.
		assert.GreaterOrEqual(t, e.Alternative.TotalLoss, 0.0)
		assert.LessOrEqual(t, e.Alternative.Matched, r.Summary.Matched)
	}

	code, stdout, _ = cli(t, "explain", "--example", "--mentee", "E1101")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "both free (Europe/London): Wed 12:30-14:00, Fri 08:30-10:30")

	code, _, stderr = cli(t, "explain", "--example", "--mentee", "NOPE")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `"NOPE"`)
}
