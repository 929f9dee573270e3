package report

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

var (
	sheetNameRE = regexp.MustCompile(`<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"`)
	relRE       = regexp.MustCompile(`<Relationship [^>]*>`)
	attrRE      = regexp.MustCompile(`(\w+(?::\w+)?)="([^"]*)"`)
	// The stream writer declares the relationships namespace on the
	// element itself (<drawing xmlns:relationships="…" relationships:id=…>),
	// excelize's other sheets use the r prefix of the root: both are the
	// same XML.
	drawingElRE = regexp.MustCompile(`<drawing(?: xmlns:\w+="http://schemas.openxmlformats.org/officeDocument/2006/relationships")? \w+:id="([^"]*)"`)
	drawChartRE = regexp.MustCompile(`<c:chart [^>]*r:id="([^"]*)"`)
)

// zipFiles is every entry of a zip archive by name.
func zipFiles(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		out[zf.Name] = string(b)
	}
	return out
}

// rels reads a relationships part: id → (type suffix, target resolved
// against dir).
func rels(part, dir string) map[string][2]string {
	out := map[string][2]string{}
	for _, r := range relRE.FindAllString(part, -1) {
		a := map[string]string{}
		for _, m := range attrRE.FindAllStringSubmatch(r, -1) {
			a[m[1]] = m[2]
		}
		typ := a["Type"][strings.LastIndex(a["Type"], "/")+1:]
		out[a["Id"]] = [2]string{typ, path.Clean(path.Join(dir, a["Target"]))}
	}
	return out
}

// chartsBySheet follows a workbook the way a spreadsheet does: from each
// sheet's <drawing r:id> element through the sheet's relationships to a
// drawing part, and from its <c:chart r:id> anchors to chart parts. It
// fails when a chart part is not reached that way (its sheet lacks the
// <drawing> element, the bug where a chart added after a streamed sheet
// was flushed was never drawn) or a reference leads nowhere. It returns
// how many charts each sheet shows.
func chartsBySheet(t *testing.T, data []byte) map[string]int {
	t.Helper()
	files := zipFiles(t, data)
	book := rels(files["xl/_rels/workbook.xml.rels"], "xl")
	shown := map[string]int{}
	reached := map[string]bool{}
	for _, m := range sheetNameRE.FindAllStringSubmatch(files["xl/workbook.xml"], -1) {
		name, sheetPath := m[1], book[m[2]][1]
		xml, ok := files[sheetPath]
		require.True(t, ok, "sheet %s: part %s missing", name, sheetPath)
		dir, file := path.Split(sheetPath)
		sheetRels := rels(files[dir+"_rels/"+file+".rels"], dir)
		hasDrawingRel := false
		for _, r := range sheetRels {
			hasDrawingRel = hasDrawingRel || r[0] == "drawing"
		}
		el := drawingElRE.FindStringSubmatch(xml)
		if hasDrawingRel {
			require.NotNil(t, el, "sheet %s has a drawing part but no <drawing r:id> element: its charts are not shown", name)
		}
		if el == nil {
			continue
		}
		rel, ok := sheetRels[el[1]]
		require.True(t, ok && rel[0] == "drawing", "sheet %s: <drawing r:id=%q> names no drawing relationship", name, el[1])
		drawing, ok := files[rel[1]]
		require.True(t, ok, "sheet %s: drawing part %s missing", name, rel[1])
		ddir, dfile := path.Split(rel[1])
		drawingRels := rels(files[ddir+"_rels/"+dfile+".rels"], ddir)
		for _, c := range drawChartRE.FindAllStringSubmatch(drawing, -1) {
			chart, ok := drawingRels[c[1]]
			require.True(t, ok && chart[0] == "chart", "sheet %s: chart anchor %s names no chart", name, c[1])
			_, ok = files[chart[1]]
			require.True(t, ok, "sheet %s: chart part %s missing", name, chart[1])
			reached[chart[1]] = true
			shown[name]++
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "xl/charts/chart") {
			assert.True(t, reached[name], "chart %s is in the file but no sheet shows it", name)
		}
	}
	return shown
}

// Every workbook with charts shows each of them on its sheet.
func TestWorkbookChartsAreDrawn(t *testing.T) {
	encode := func(fn func(*bytes.Buffer) error) []byte {
		var b bytes.Buffer
		require.NoError(t, fn(&b))
		return b.Bytes()
	}
	for _, tt := range []struct {
		name string
		data []byte
		want map[string]int
	}{
		{"metrics", encode(func(b *bytes.Buffer) error { return EncodeMetricsXLSX(b, sampleMetrics()) }), map[string]int{"Surveys": 2, "Cohorts": 1}},
		{"plan", encode(func(b *bytes.Buffer) error { return EncodePlanXLSX(b, samplePlan(t)) }), map[string]int{summarySheet: 2}},
		{"roster", encode(func(b *bytes.Buffer) error { return EncodeRosterXLSX(b, sampleRoster()) }), map[string]int{summarySheet: 2}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, chartsBySheet(t, tt.data))
			// Titles and both axes' labels in near-black, readable on
			// paper; excelize's default is 15% black.
			for name, part := range zipFiles(t, tt.data) {
				if strings.HasPrefix(name, "xl/charts/chart") {
					for _, ax := range regexp.MustCompile(`(?s)<c:(?:catAx|valAx)>.*?</c:(?:catAx|valAx)>`).FindAllString(part, -1) {
						assert.Contains(t, ax, `<a:srgbClr val="`+inkColor+`"`, name)
					}
					assert.Contains(t, part, `<a:srgbClr val="`+inkColor+`"`, name)
				}
			}
		})
	}
}

// Every sheet of the workbooks prints landscape, one page wide, with its
// header row on every page; long text wraps.
func TestWorkbooksPrint(t *testing.T) {
	for _, tt := range []struct {
		name string
		enc  func(*bytes.Buffer) error
	}{
		{"metrics", func(b *bytes.Buffer) error { return EncodeMetricsXLSX(b, sampleMetrics()) }},
		{"plan", func(b *bytes.Buffer) error { return EncodePlanXLSX(b, samplePlan(t)) }},
		{"template", func(b *bytes.Buffer) error { return encodeTemplate(b, map[string]int{"junior": 2}) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tt.enc(&b))
			f, err := excelize.OpenReader(&b)
			require.NoError(t, err)
			defer f.Close()
			titles := map[string]string{}
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm.Print_Titles" {
					titles[d.Scope] = d.RefersTo
				}
			}
			for _, sheet := range f.GetSheetList() {
				lay, err := f.GetPageLayout(sheet)
				require.NoError(t, err)
				require.NotNil(t, lay.Orientation, sheet)
				assert.Equal(t, "landscape", *lay.Orientation, sheet)
				require.NotNil(t, lay.FitToWidth, sheet)
				assert.Equal(t, 1, *lay.FitToWidth, sheet)
				props, err := f.GetSheetProps(sheet)
				require.NoError(t, err)
				require.NotNil(t, props.FitToPage, sheet)
				assert.True(t, *props.FitToPage, sheet)
				if sheet == summarySheet {
					continue // one page, no header row
				}
				assert.Equal(t, "'"+sheet+"'!$1:$1", titles[sheet], "sheet %s repeats its header row", sheet)
			}
		})
	}
}

// A column with text wider than a column may be wraps, named as a reason
// or not.
func TestLongTextWraps(t *testing.T) {
	d := &sheetData{name: "X", head: []string{"id", "note"}, rows: [][]any{{"a", strings.Repeat("word ", 20)}}}
	fitWidths(d)
	assert.Equal(t, []int{1}, d.wrap)
	assert.Equal(t, float64(maxWidth), d.widths[1])
}

// A row with wrapped text is as tall as its lines, so that it does not
// print over the rows below.
func TestWrappedLines(t *testing.T) {
	d := &sheetData{head: []string{"id", "reason"}, widths: []float64{8, 20}, wrap: []int{1}}
	for _, tt := range []struct {
		text string
		want int
	}{
		{"short", 1},
		{"", 1},
		{"covers go 5 vs 2, kubernetes", 2},
		{"one two three four five six seven eight nine ten eleven twelve", 4},
		{"first line\nsecond", 2},
		{strings.Repeat("x", 50), 1}, // one word is not split
	} {
		assert.Equal(t, tt.want, wrappedLines(d, []any{"E1", tt.text}), tt.text)
	}
	assert.Equal(t, 1, wrappedLines(d, []any{"E1", 42.0}), "numbers do not wrap")
}
