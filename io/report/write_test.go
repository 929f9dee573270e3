package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"html"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func TestFormulaLike(t *testing.T) {
	for s, want := range map[string]bool{
		"=1+1": true, "+1+1": true, "-1+1": true, "@SUM(A1)": true, "\t=1": true, "\r=1": true,
		"-": true, "+": true, "-Inf": true, "-0x10": true, "-1e": true, "--1": true, "-1.2.3": true, "-.": true,
		"-3": false, "+1.5": false, "-0.25": false, "-.5": false, "-1e-3": false, "+2E+10": false, "7": false,
		"": false, "Ann": false, " =1": false, "a=b": false,
	} {
		assert.Equal(t, want, isFormulaLike(s), "%q", s)
		if want {
			assert.Equal(t, "'"+s, csvSafe(s))
		} else {
			assert.Equal(t, s, csvSafe(s))
		}
	}
}

// hostileRoster has a formula-looking value in every text field, and
// negative numbers where numbers go.
func hostileRoster() *mentormatch.Roster {
	return &mentormatch.Roster{
		Matches: []mentormatch.Match{{
			MenteeID: "=1+2", MenteeName: "+cmd|' /C calc'!A0", MentorID: "-5", MentorName: "@SUM(A1:A9)",
			Score: -2.5, Components: []mentormatch.Component{{Name: "=evil", Points: -1.25}}, Reason: "\t=HYPERLINK(\"http://x\")",
		}},
		Unmatched: []mentormatch.Unmatched{{ID: "\r=2", Name: "-2+3", Role: "mentee", Reason: "=no"}},
		Load:      []mentormatch.MentorLoad{{MentorID: "-5", MentorName: "@SUM(A1:A9)", Type: "primary", Capacity: 1, Assigned: 1}},
		Summary:   mentormatch.Summary{Mentees: 1, Mentors: 1, Matched: 1, TotalScore: -2.5, Objective: "total"},
	}
}

func TestFormulaInjectionCSV(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, EncodeRosterCSV(&b, hostileRoster()))
	recs, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 3)
	assert.Equal(t, []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "score", "'=evil", "reason"}, recs[0])
	assert.Equal(t, []string{"'=1+2", "'+cmd|' /C calc'!A0", "-5", "'@SUM(A1:A9)", "-2.5", "-1.25", "'\t=HYPERLINK(\"http://x\")"}, recs[1])
	assert.Equal(t, []string{"'\r=2", "'-2+3", "", "", "", "", "'=no"}, recs[2], "a waiting mentee, with their reason")
}

var (
	cellRE    = regexp.MustCompile(`<c [^>]*?(?:/>|>.*?</c>)`)
	typeRE    = regexp.MustCompile(`\bt="([^"]*)"`)
	inlineRE  = regexp.MustCompile(`<is><t[^>]*>(.*?)</t></is>`)
	formulaRE = regexp.MustCompile(`<f[ >]`)
)

// TestFormulaInjectionXLSX reads the sheets' XML itself: every cell whose
// text looks like a formula is stored as text (an inline string), no cell
// of any sheet holds a formula, and negative numbers are numbers.
func TestFormulaInjectionXLSX(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, EncodeRosterXLSX(&b, hostileRoster()))
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	require.NoError(t, err)
	texts, numbers := map[string]bool{}, map[string]bool{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		x, err := io.ReadAll(rc)
		require.NoError(t, err)
		for _, c := range cellRE.FindAllString(string(x), -1) {
			assert.NotRegexp(t, formulaRE, c, "%s holds a formula", f.Name)
			typ := ""
			if m := typeRE.FindStringSubmatch(c); m != nil {
				typ = m[1]
			}
			switch {
			case typ == "inlineStr":
				texts[html.UnescapeString(inlineRE.FindStringSubmatch(c)[1])] = true
			case typ == "" && strings.Contains(c, "<v>"):
				numbers[c[strings.Index(c, "<v>")+3:strings.Index(c, "</v>")]] = true
			}
		}
	}
	for _, s := range []string{"=1+2", "+cmd|' /C calc'!A0", "-5", "@SUM(A1:A9)", "=evil", "=no", "-2+3", "\r=2", "\t=HYPERLINK(\"http://x\")"} {
		assert.True(t, texts[s], "%q is not stored as text: %v", s, texts)
	}
	assert.True(t, numbers["-2.5"], "score not a number: %v", numbers)
	assert.True(t, numbers["-1.25"], "component not a number: %v", numbers)
}
