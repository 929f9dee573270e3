package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

// quotaRoster is sampleRoster with the results of two quotas, one of them
// 31 of 58 pairs: 53.448…%, 53.45% rounded once.
func quotaRoster() *mentormatch.Roster {
	r := sampleRoster()
	r.Summary.Quotas = []mentormatch.QuotaResult{
		{Name: "cross-department", Target: "at least 40% of pairs meet cross-department", Meeting: 31, Matched: 58, Percent: 53.45, Reached: true, Hard: true, Note: "proven optimal"},
		{Name: "=same office", Target: "at most 10% of pairs meet same office", Meeting: 9, Matched: 58, Percent: 15.52},
	}
	return r
}

// Quotas are reported with the roster in every format: the JSON summary,
// the Summary sheet and, beside a CSV roster, a quotas file.
func TestQuotasReported(t *testing.T) {
	r := quotaRoster()

	var js bytes.Buffer
	require.NoError(t, EncodeRosterJSON(&js, r))
	var doc struct {
		Summary struct {
			Quotas []map[string]any `json:"quotas"`
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal(js.Bytes(), &doc))
	require.Len(t, doc.Summary.Quotas, 2)
	assert.Equal(t, map[string]any{"name": "cross-department", "target": "at least 40% of pairs meet cross-department", "hard": true,
		"meeting": 31.0, "matched": 58.0, "percent": 53.45, "reached": true, "note": "proven optimal"}, doc.Summary.Quotas[0])
	assert.Equal(t, false, doc.Summary.Quotas[1]["reached"])
	var plain bytes.Buffer
	require.NoError(t, EncodeRosterJSON(&plain, sampleRoster()))
	assert.NotContains(t, plain.String(), "quotas", "no quotas configured, no key")

	var wb bytes.Buffer
	require.NoError(t, EncodeRosterXLSX(&wb, r))
	f, err := excelize.OpenReader(&wb)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(summarySheet)
	require.NoError(t, err)
	var got [][]string
	for k, row := range rows {
		if len(row) > 0 && row[0] == "Quotas" {
			got = rows[k+1 : k+4]
		}
	}
	assert.Equal(t, [][]string{
		{"quota", "pairs meeting it", "target and result"},
		{"cross-department", "53.45%", "hard quota: at least 40% of pairs meet cross-department; 31 of 58 pairs; reached; proven optimal"},
		{"=same office", "15.52%", "quota: at most 10% of pairs meet same office; 9 of 58 pairs; NOT reached"},
	}, got)
	formula, err := f.GetCellFormula(summarySheet, "A7")
	require.NoError(t, err)
	assert.Empty(t, formula)

	dir := t.TempDir()
	path := filepath.Join(dir, "roster.csv")
	require.NoError(t, WriteRoster(path, r))
	data, err := os.ReadFile(QuotasPath(path))
	require.NoError(t, err)
	assert.Equal(t, "quota,target,hard,meeting,matched,percent,reached,note\n"+
		"cross-department,at least 40% of pairs meet cross-department,true,31,58,53.45,true,proven optimal\n"+
		"'=same office,at most 10% of pairs meet same office,false,9,58,15.52,false,\n", string(data))
	require.NoError(t, WriteRoster(filepath.Join(dir, "plain.csv"), sampleRoster()))
	assert.NoFileExists(t, filepath.Join(dir, "plain-quotas.csv"))
}
