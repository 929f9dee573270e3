package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// randomText is text of every kind a cell meets: plain words, the five
// characters XML escapes, tabs, line feeds and carriage returns (also at
// either end, where spaces are kept), accents, CJK and a character beyond
// the Basic Multilingual Plane, control characters and bytes that are no
// UTF-8, and now and then longer than a cell holds, cut inside or beside a
// surrogate pair.
func randomText(rng *rand.Rand) string {
	pieces := []string{"E1001", "Ada Lovelace", " ", "; ", "&", "<", ">", `"`, "'", "\t", "\n", "\r", "é", "漢字", "😀",
		"\x01", "\x7f", "\xff", "Mon 18:00 Asia/Tokyo", "=1+2", "-3", "_", "x", "_y0041_", "a_b", "&#xA;"}
	switch rng.IntN(20) {
	case 0:
		return ""
	case 1:
		// Around a cell's most UTF-16 units, with a pair at the cut.
		return strings.Repeat("a", excelize.TotalCellChars-1-rng.IntN(2)) + "😀" + strings.Repeat("b", rng.IntN(3))
	}
	var b strings.Builder
	for range 1 + rng.IntN(8) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

func randomValue(rng *rand.Rand) any {
	switch rng.IntN(7) {
	case 0:
		return nil
	case 1:
		return rng.IntN(2_000_000) - 1_000_000
	case 2: // a time of day, as the schedule's clocks
		return float64(rng.IntN(24)*3600+rng.IntN(4)*15*60) / 86400
	case 3:
		return []float64{0, math.Copysign(0, -1), 46000, 0.1, 1.0 / 3, 2.0 / 3, -7.25, 1e-300, 123456789012345.6, 999999999999999, 1e14 + 0.123, 0.30000000000000004}[rng.IntN(12)]
	case 4:
		return (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(30)-15))
	}
	return randomText(rng)
}

// sheetXML is every worksheet of the workbook, by its path.
func sheetXML(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	out := map[string]string{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		out[f.Name] = string(b)
	}
	return out
}

// The rows written beside the stream writer are its own bytes: random
// sheets of plain values, with scores, wrapped and formatted columns and
// rows tall with wrapped text, give the sheets' XML the stream writer
// gives writing every row itself; and a sheet with a value only the
// stream writer writes (a number too large, "_x" text, a bool) is
// streamed whole.
func TestRowsAsStreamed(t *testing.T) {
	spliced, all := 0, 0
	for seed := range uint64(40) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			build := func() []*sheetData {
				rng := rand.New(rand.NewPCG(seed, 7))
				var sheets []*sheetData
				for k := range 1 + rng.IntN(3) {
					cols := 1 + rng.IntN(30)
					d := &sheetData{name: fmt.Sprintf("S%d", k+1), format: map[int]string{}}
					for j := range cols {
						d.head = append(d.head, fmt.Sprintf("col %d", j))
						switch rng.IntN(5) {
						case 0:
							d.score = append(d.score, j)
						case 1:
							d.wrap = append(d.wrap, j)
						case 2:
							d.format[j] = fmtTime
						}
					}
					for range rng.IntN(60) {
						r := make([]any, rng.IntN(cols+1))
						for j := range r {
							r[j] = randomValue(rng)
						}
						d.rows = append(d.rows, r)
					}
					if seed%5 == 4 && len(d.rows) > 0 {
						d.rows[0] = append(d.rows[0][:0], []any{1e20, "a_x0041_b", true}[rng.IntN(3)])
					}
					sheets = append(sheets, d)
				}
				return sheets
			}
			write := func(beside bool) []byte {
				f := newFile()
				defer f.Close()
				bold, num, wrap, err := sheetStyles(f, "0.0")
				require.NoError(t, err)
				sheets := build()
				for _, d := range sheets {
					_, err := f.NewSheet(d.name)
					require.NoError(t, err)
				}
				var buf bytes.Buffer
				if beside {
					rows, err := writeSheets(f, sheets, bold, num, wrap)
					require.NoError(t, err)
					spliced += len(rows)
					all += len(sheets)
					require.NoError(t, writeWithRows(f, &buf, rows))
				} else {
					for _, d := range sheets {
						require.NoError(t, writeSheet(f, d, bold, num, wrap))
					}
					require.NoError(t, writeDeterministic(f, &buf))
				}
				return buf.Bytes()
			}
			want, got := sheetXML(t, write(false)), sheetXML(t, write(true))
			require.Equal(t, len(want), len(got))
			for name, w := range want {
				g := got[name]
				if w == g {
					continue
				}
				k := 0
				for k < min(len(w), len(g)) && w[k] == g[k] {
					k++
				}
				t.Errorf("%s differs at byte %d: stream writer %q, here %q", name, k, w[max(k-80, 0):min(k+80, len(w))], g[max(k-80, 0):min(k+80, len(g))])
			}
		})
	}
	t.Logf("%d of %d sheets written beside the stream writer", spliced, all)
	assert.Greater(t, spliced, all/2)
	assert.Less(t, spliced, all)
}

func TestAppendNumber(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{0, "0"},
		{46000, "46000"},
		{0.375, "0.375"},
		{1.0 / 3, "0.333333333333333"},
		{2.0 / 3, "0.666666666666666"},
		{-7.0 / 24, "-0.291666666666666"},
		{123456789012345.6, "123456789012345"},
		{0.30000000000000004, "0.300000000000000"},
		{1e-7 / 3, "0.0000000333333333333333"},
	} {
		assert.Equal(t, tc.want, string(appendNumber(nil, tc.x)), "%v", tc.x)
	}
}

// Rows for a sheet the workbook does not have, or whose stream has no end
// of its sheet data, are an error, not a workbook without them.
func TestRowsNeedTheirSheet(t *testing.T) {
	d := &sheetData{name: "S1", head: []string{"a"}, rows: [][]any{{"x"}}}
	for _, tc := range []struct {
		name, path string
	}{
		{"no such sheet", "xl/worksheets/sheet9.xml"},
		{"not a streamed sheet", "xl/workbook.xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFile()
			defer f.Close()
			_, err := f.NewSheet(d.name)
			require.NoError(t, err)
			fitWidths(d)
			st, err := startSheet(f, d, 0, 0, 0)
			require.NoError(t, err)
			require.NoError(t, st.finish(f))
			var buf bytes.Buffer
			err = writeWithRows(f, &buf, map[string]*rowWriter{tc.path: newRowWriter(d, st.styleOf, []int{1})})
			assert.ErrorIs(t, err, errRowsCut)
		})
	}
}
