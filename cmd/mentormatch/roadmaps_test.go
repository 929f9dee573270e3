package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	sessionRow   = regexp.MustCompile(`(?m)^\| (\d+) \| ([A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}) \|`)
	milestoneRow = regexp.MustCompile(`(?m)^- \[ \] \*\*[^*]+\*\*, ([A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}) \(session (\d+)\): `)
)

// plan --example --roadmaps: one Markdown file per pair and an index, and
// in every file each milestone's date is the date of the session it names
// in the file's own session table, which has one row per 1:1 of the pair.
func TestPlanRoadmaps(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "program.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("schedule:\n  start: 2026-11-30\n"), 0o644))
	out, rdir := filepath.Join(dir, "plan.json"), filepath.Join(dir, "roadmaps")
	code, stdout, stderr := cli(t, "plan", "--example", "--config", cfg, "--out", out, "--roadmaps", rdir)
	require.Equal(t, 0, code, stderr)

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	var p planJSON
	require.NoError(t, json.Unmarshal(data, &p))
	require.NotEmpty(t, p.Matches)
	assert.Contains(t, stdout, "learning roadmaps to "+rdir)

	meets := map[string]int{}
	for _, s := range p.Sessions {
		if s.Kind == "primary" {
			meets[s.Participants[0]+"-"+s.Participants[1]]++
		}
	}
	index, err := os.ReadFile(filepath.Join(rdir, "README.md"))
	require.NoError(t, err)
	for _, m := range p.Matches {
		name := m.MenteeID + "-" + m.MentorID + ".md"
		assert.Contains(t, string(index), "("+name+")")
		md, err := os.ReadFile(filepath.Join(rdir, name))
		require.NoError(t, err, name)
		dates := map[string]string{}
		for _, row := range sessionRow.FindAllStringSubmatch(string(md), -1) {
			dates[row[1]] = row[2]
		}
		assert.Len(t, dates, meets[m.MenteeID+"-"+m.MentorID], name)
		milestones := milestoneRow.FindAllStringSubmatch(string(md), -1)
		assert.GreaterOrEqual(t, len(milestones), 8, "%s: two objectives of four stages at least", name)
		for _, ms := range milestones {
			assert.Equal(t, dates[ms[2]], ms[1], "%s: milestone on session %s", name, ms[2])
		}
		assert.NotContains(t, string(md), "{", name)
	}
	entries, err := os.ReadDir(rdir)
	require.NoError(t, err)
	assert.Len(t, entries, len(p.Matches)+2, "the roadmaps, the index and the manifest")

	// Same input, same files.
	again := filepath.Join(dir, "again")
	code, _, stderr = cli(t, "plan", "--example", "--config", cfg, "--out", filepath.Join(dir, "plan2.json"), "--roadmaps", again)
	require.Equal(t, 0, code, stderr)
	for _, e := range entries {
		a, err := os.ReadFile(filepath.Join(rdir, e.Name()))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(again, e.Name()))
		require.NoError(t, err)
		assert.Equal(t, string(a), string(b), e.Name())
	}

	// Run again into the same folder after a pair wrote in its file: that
	// file is kept and named, the others are written again.
	name := p.Matches[0].MenteeID + "-" + p.Matches[0].MentorID + ".md"
	edited := []byte("# our notes\n\nWe met twice.\n")
	require.NoError(t, os.WriteFile(filepath.Join(rdir, name), edited, 0o644))
	code, stdout, stderr = cli(t, "plan", "--example", "--config", cfg, "--out", out, "--roadmaps", rdir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "roadmaps edited since they were written are kept as they are (1): "+name+";")
	assert.Contains(t, stdout, fmt.Sprintf("wrote %d learning roadmaps", len(p.Matches)-1))
	got, err := os.ReadFile(filepath.Join(rdir, name))
	require.NoError(t, err)
	assert.Equal(t, edited, got)
}

func TestPlanRoadmapsBadConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "program.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("roadmap:\n  stages: []\n"), 0o644))
	code, _, stderr := cli(t, "plan", "--example", "--config", cfg, "--out", filepath.Join(dir, "plan.json"), "--roadmaps", filepath.Join(dir, "r"))
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "roadmap.stages")
	_, err := os.Stat(filepath.Join(dir, "plan.json"))
	assert.True(t, os.IsNotExist(err), "nothing is written when the config is invalid")
}
