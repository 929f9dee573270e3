package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// planPeers is the "earlier_peers" figure of a plan written as JSON.
type planPeers struct {
	Summary struct {
		EarlierPeers *struct {
			Earlier       int      `json:"earlier_pairs"`
			Apart         int      `json:"apart"`
			Together      int      `json:"together"`
			Unavoidable   int      `json:"unavoidable"`
			TogetherPairs []string `json:"together_pairs"`
		} `json:"earlier_peers"`
	} `json:"summary"`
	Cohorts []struct {
		ID      string   `json:"id"`
		Members []string `json:"members"`
	} `json:"cohorts"`
}

func readPlanPeers(t *testing.T, path string) planPeers {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var p planPeers
	require.NoError(t, json.Unmarshal(data, &p))
	return p
}

// A plan mentormatch wrote, then edited as HR would (the Cohorts sheet's
// columns reordered, a member's row deleted, a match deleted), is read
// as history: the next plan keeps the earlier peers apart where the
// sizes allow (12 cohorts of 4 for 4 earlier cohorts of 12: none
// together), and says how many the sizes force together when they do
// not (4 cohorts again: 3 of each earlier cohort in each new one).
func TestPlanHistoryPeers(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "plan1.xlsx")
	code, _, stderr := cli(t, "plan", "--example", "--out", first, "-q")
	require.Equal(t, 0, code, stderr)

	f, err := excelize.OpenFile(first)
	require.NoError(t, err)
	rows, err := f.GetRows("Cohorts")
	require.NoError(t, err)
	require.Equal(t, []string{"cohort", "role", "id", "name", "mentor_id", "mentor_name"}, rows[0])
	require.NoError(t, f.DeleteSheet("Cohorts"))
	_, err = f.NewSheet("Cohorts")
	require.NoError(t, err)
	deleted := rows[1][2]
	out := 1
	for k, r := range rows {
		if k == 1 {
			continue // HR deleted the first member's row
		}
		r = append(r, make([]string, 6-len(r))...)
		cells := []any{r[2], r[3], "", r[1], r[0]} // id, name, a blank column, role, cohort
		cell, _ := excelize.CoordinatesToCellName(1, out)
		require.NoError(t, f.SetSheetRow("Cohorts", cell, &cells))
		out++
	}
	require.NoError(t, f.RemoveRow("Matches", 2))
	edited := filepath.Join(dir, "plan1-edited.xlsx")
	require.NoError(t, f.SaveAs(edited))
	require.NoError(t, f.Close())

	// 48 mentees in 4 cohorts of 12: 4 × 66 pairs, 11 fewer without the
	// deleted row.
	const earlier = 4*66 - 11

	config := filepath.Join(dir, "small.yaml")
	require.NoError(t, os.WriteFile(config, []byte("cohorts:\n  min_size: 2\n  max_size: 4\n"), 0o644))
	second := filepath.Join(dir, "plan2.json")
	code, stdout, stderr := cli(t, "plan", "--example", "--config", config, "--history", edited, "--out", second, "-q")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "earlier peers: 253 kept apart of 253 pairs of mentees who shared an earlier cohort; none together again\n")
	p := readPlanPeers(t, second)
	require.NotNil(t, p.Summary.EarlierPeers)
	assert.Equal(t, earlier, p.Summary.EarlierPeers.Earlier)
	assert.Zero(t, p.Summary.EarlierPeers.Together)
	assert.Empty(t, p.Summary.EarlierPeers.TogetherPairs)
	assert.Len(t, p.Cohorts, 12)

	third := filepath.Join(dir, "plan3.json")
	code, stdout, stderr = cli(t, "plan", "--example", "--history", edited, "--out", third, "-q")
	require.Equal(t, 0, code, stderr)
	// 4 cohorts of 12 from 4 earlier ones: each holds 3 of every earlier
	// cohort, 3 pairs each; the one of 11 leaves one cohort 2 of them.
	const together = 4*4*3 - 2
	assert.Contains(t, stdout, "earlier peers: 207 kept apart of 253 pairs of mentees who shared an earlier cohort; 46 together again, which the cohort sizes could not avoid: ")
	p = readPlanPeers(t, third)
	require.NotNil(t, p.Summary.EarlierPeers)
	assert.Equal(t, together, p.Summary.EarlierPeers.Together)
	assert.Equal(t, together, p.Summary.EarlierPeers.Unavoidable)
	assert.Len(t, p.Summary.EarlierPeers.TogetherPairs, together)
	for _, pair := range p.Summary.EarlierPeers.TogetherPairs {
		assert.NotContains(t, pair, deleted+"–")
	}

	// The same plan as JSON history reads the same peers.
	firstJSON := filepath.Join(dir, "plan1.json")
	code, _, stderr = cli(t, "plan", "--example", "--out", firstJSON, "-q")
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr = cli(t, "plan", "--example", "--config", config, "--history", firstJSON, "--out", filepath.Join(dir, "plan4.xlsx"), "-q")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "earlier peers: 264 kept apart of 264 pairs")

	// A Cohorts sheet with a member and no cohort is exit 2, with its row.
	f, err = excelize.OpenFile(edited)
	require.NoError(t, err)
	require.NoError(t, f.SetCellValue("Cohorts", "E3", ""))
	bad := filepath.Join(dir, "bad.xlsx")
	require.NoError(t, f.SaveAs(bad))
	require.NoError(t, f.Close())
	code, _, stderr = cli(t, "plan", "--example", "--history", bad, "--out", filepath.Join(dir, "plan5.json"), "-q")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `bad.xlsx [Cohorts] row 3, column "cohort": missing: a cohort member needs the cohort's id`)
}
