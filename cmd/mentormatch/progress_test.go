package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProgressOnlyOnATerminal: a buffer, a file or --quiet get no progress
// display, and every method is safe on the display that shows nothing.
func TestProgressOnlyOnATerminal(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "stderr.txt"))
	require.NoError(t, err)
	defer file.Close()
	var buf bytes.Buffer
	for name, p := range map[string]*progressBar{
		"buffer": newProgressBar(&buf, false, 3),
		"file":   newProgressBar(file, false, 3),
		"quiet":  newProgressBar(os.Stderr, true, 3),
		"nil":    nil,
	} {
		assert.NotPanics(t, func() {
			p.next("reading")
			p.next("scoring")
			p.done()
			p.done()
		}, name)
		if p != nil {
			assert.Nil(t, p.bar, name)
		}
	}
	assert.Empty(t, buf.String())
	st, err := file.Stat()
	require.NoError(t, err)
	assert.Zero(t, st.Size())
}

// TestQuietFlag: match, plan and rematch take --quiet (-q), and with stderr
// not a terminal their stderr holds no progress either way.
func TestQuietFlag(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"match", "--example", "--out", filepath.Join(dir, "r.json")},
		{"match", "--example", "-q", "--out", filepath.Join(dir, "r.json")},
		{"plan", "--example", "--quiet", "--out", filepath.Join(dir, "p.json")},
		{"rematch", "--example", "-q", "--out", filepath.Join(dir, "r2.json")},
		{"rematch", "--example", "--out", filepath.Join(dir, "r2.json")},
	} {
		var stdout, stderr bytes.Buffer
		require.Equal(t, 0, run(args, &stdout, &stderr), "%v: %s", args, stderr.String())
		assert.NotContains(t, stderr.String(), "[1/", args)
		assert.Contains(t, stdout.String(), "matched", args)
	}
}
