package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// The run functions are plain functions of their options: these tests
// call them without cobra, as a library user of the commands would, and
// check what each does with the options it is given. Flags and exit codes
// are tested through run (cli) elsewhere.
func TestRunFunctionsWithoutCobra(t *testing.T) {
	monday := func() time.Time { return time.Date(2027, 3, 3, 9, 0, 0, 0, time.UTC) }
	example := inputOptions{Example: true, Now: monday}
	dir := t.TempDir()

	t.Run("match", func(t *testing.T) {
		out := filepath.Join(dir, "roster.json")
		var stdout, stderr bytes.Buffer
		require.NoError(t, runMatch(&matchOptions{inputOptions: example, Out: out, Quiet: true, Objective: "fair"}, nil, &stdout, &stderr))
		var r struct {
			Summary mentormatch.Summary `json:"summary"`
		}
		require.NoError(t, json.Unmarshal(must(os.ReadFile(out)), &r))
		assert.Equal(t, mentormatch.ObjectiveFair, r.Summary.Objective, "the options' objective is the roster's")
		assert.Positive(t, r.Summary.Matched)
	})
	t.Run("match refuses an unknown objective before writing", func(t *testing.T) {
		out := filepath.Join(dir, "never.json")
		err := runMatch(&matchOptions{inputOptions: example, Out: out, Quiet: true, Objective: "fastest"}, nil, &bytes.Buffer{}, &bytes.Buffer{})
		require.ErrorIs(t, err, mentormatch.ErrUsage)
		assert.NoFileExists(t, out)
	})
	t.Run("plan starts on the Monday after the clock", func(t *testing.T) {
		out := filepath.Join(dir, "plan.json")
		require.NoError(t, runPlan(&planOptions{inputOptions: example, Out: out, Quiet: true}, nil, &bytes.Buffer{}, &bytes.Buffer{}))
		var pl struct {
			Sessions []struct {
				Start time.Time `json:"start"`
			} `json:"sessions"`
		}
		require.NoError(t, json.Unmarshal(must(os.ReadFile(out)), &pl))
		require.NotEmpty(t, pl.Sessions)
		first := pl.Sessions[0].Start
		for _, s := range pl.Sessions {
			if s.Start.Before(first) {
				first = s.Start
			}
		}
		assert.False(t, first.Before(time.Date(2027, 3, 8, 0, 0, 0, 0, time.UTC).Add(-14*time.Hour)), "first session %v is in the week of Monday 8 March 2027", first)
		assert.True(t, first.Before(time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC)), "first session %v", first)
	})
	t.Run("validate", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		o := example
		require.NoError(t, runValidate(&o, nil, &stdout, &stderr))
		assert.Contains(t, stdout.String(), "ok")
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestShortlistCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "lists.csv")
	var stdout, stderr bytes.Buffer
	require.NoError(t, runShortlist(&shortlistOptions{inputOptions: inputOptions{Example: true}, Top: 3, Out: out}, nil, &stdout, &stderr))
	assert.Contains(t, stdout.String(), "wrote shortlists of up to 3 mentors for 48 mentees")
	lines := strings.Split(strings.TrimSpace(string(must(os.ReadFile(out)))), "\n")
	assert.Equal(t, "mentee_id,mentee_name,rank,mentor_id,mentor_name,score,reason,choice", lines[0])
	assert.Greater(t, len(lines), 48)
	for _, top := range []int{0, 21} {
		err := runShortlist(&shortlistOptions{inputOptions: inputOptions{Example: true}, Top: top, Out: out}, nil, &stdout, &stderr)
		assert.ErrorIs(t, err, mentormatch.ErrUsage, "--top %d", top)
	}
}
