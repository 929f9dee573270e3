package main

import (
	"bytes"
	"encoding/csv"
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

// A shortlist round: the mentees answer, and the roster matches everyone
// who chose from their own list, as many as without the round.
func TestShortlistRound(t *testing.T) {
	dir := t.TempDir()
	lists := filepath.Join(dir, "lists.csv")
	ex := inputOptions{Example: true, Now: func() time.Time { return time.Date(2027, 3, 3, 0, 0, 0, 0, time.UTC) }}
	require.NoError(t, runShortlist(&shortlistOptions{inputOptions: ex, Top: 3, Out: lists}, nil, &bytes.Buffer{}, &bytes.Buffer{}))
	recs, err := csv.NewReader(bytes.NewReader(must(os.ReadFile(lists)))).ReadAll()
	require.NoError(t, err)
	// Every mentee puts their last-listed mentor first and the first
	// second: the answers are not the scores' order.
	listed := map[string][]string{}
	for _, r := range recs[1:] {
		listed[r[0]] = append(listed[r[0]], r[3])
	}
	for _, r := range recs[1:] {
		l := listed[r[0]]
		switch r[3] {
		case l[len(l)-1]:
			r[7] = "1"
		case l[0]:
			r[7] = "2nd"
		}
	}
	var b bytes.Buffer
	require.NoError(t, csv.NewWriter(&b).WriteAll(recs))
	answered := filepath.Join(dir, "answered.csv")
	require.NoError(t, os.WriteFile(answered, b.Bytes(), 0o644))

	free, chosen := filepath.Join(dir, "free.json"), filepath.Join(dir, "chosen.json")
	require.NoError(t, runMatch(&matchOptions{inputOptions: ex, Out: free, Quiet: true}, nil, &bytes.Buffer{}, &bytes.Buffer{}))
	require.NoError(t, runMatch(&matchOptions{inputOptions: ex, Out: chosen, Quiet: true, Choices: answered}, nil, &bytes.Buffer{}, &bytes.Buffer{}))
	var a, c rosterJSON
	require.NoError(t, json.Unmarshal(must(os.ReadFile(free)), &a))
	require.NoError(t, json.Unmarshal(must(os.ReadFile(chosen)), &c))
	assert.Equal(t, a.Summary.Matched, c.Summary.Matched, "as many matched from their own lists")
	firsts := 0
	for _, m := range c.Matches {
		assert.Contains(t, listed[m.MenteeID], m.MentorID, "%s is matched from their own list", m.MenteeID)
		if l := listed[m.MenteeID]; m.MentorID == l[len(l)-1] {
			firsts++
		}
	}
	assert.Positive(t, firsts, "first choices count")

	// A choice given twice is refused with its row, before anything is written.
	recs[1][7], recs[2][7] = "1", "1"
	b.Reset()
	require.NoError(t, csv.NewWriter(&b).WriteAll(recs))
	require.NoError(t, os.WriteFile(answered, b.Bytes(), 0o644))
	err = runMatch(&matchOptions{inputOptions: ex, Out: filepath.Join(dir, "x.json"), Quiet: true, Choices: answered}, nil, &bytes.Buffer{}, &bytes.Buffer{})
	require.ErrorIs(t, err, mentormatch.ErrInput)
	assert.Contains(t, err.Error(), "row 3")
	assert.Contains(t, err.Error(), "choice 1 is given twice")
}
