package table

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

// readErr reads one people file and returns its problems as strings.
func readErr(t *testing.T, f File) []string {
	t.Helper()
	_, err := ReadProgram(Options{}, f)
	var got []string
	for _, p := range problems(t, err) {
		got = append(got, filepath.ToSlash(p.String()))
	}
	return got
}

func TestEncodings(t *testing.T) {
	people := "id,name,role\nL1,José Müller,mentee\nL2,Zoë “Zee” Ørsted,mentor\n"
	cp := func(s string) []byte { // s in Windows-1252
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		require.NoError(t, err)
		return b
	}
	tests := []struct {
		name  string
		data  []byte
		names []string // when it reads
		warn  string
		want  string // the problem when it does not
	}{{
		name:  "UTF-8 with a byte order mark",
		data:  append([]byte("\xEF\xBB\xBF"), people...),
		names: []string{"José Müller", "Zoë “Zee” Ørsted"},
	}, {
		name:  "Windows-1252, with curly quotes",
		data:  cp(people),
		names: []string{"José Müller", "Zoë “Zee” Ørsted"},
		warn:  `x.csv: the file is not UTF-8 (first on row 2): read it as Windows-1252 (Latin-1), the encoding of Excel's "CSV (Comma delimited)"; check accented names, and save as "CSV UTF-8" to avoid this warning`,
	}, {
		name:  "Latin-1 fixture",
		data:  must(os.ReadFile(td("latin1.csv"))),
		names: []string{"José"},
		warn:  `x.csv: the file is not UTF-8 (first on row 2): read it as Windows-1252 (Latin-1), the encoding of Excel's "CSV (Comma delimited)"; check accented names, and save as "CSV UTF-8" to avoid this warning`,
	}, {
		name: "UTF-8 with one Latin-1 byte",
		data: []byte("id,name,role\nL1,José,mentee\nL2,Ren\xe9,mentor\n"),
		want: `x.csv row 3: the file mixes encodings: it is mostly UTF-8, but byte 0xE9 here is not; retype the accented characters on this row or save the whole file again as "CSV UTF-8"`,
	}, {
		name: "byte undefined in Windows-1252",
		data: []byte("id,name,role\nL1,Jos\x81,mentee\n"),
		want: `x.csv row 2: the file is not UTF-8, and byte 0x81 is not Windows-1252 either: save the file as "CSV UTF-8" from the spreadsheet program`,
	}, {
		name: "Shift-JIS",
		data: []byte("id,name,role\nJ1,\x8e\x52\x93\x63\x91\xbe\x98\x59,mentee\nJ2,\x97\xe9\x96\xd8\x89\xd4\x8e\x71,mentor\n"),
		want: `x.csv row 2: the file is not UTF-8 and does not look like Windows-1252 or Latin-1 (perhaps Shift-JIS, GBK or another encoding): save it as "CSV UTF-8" from the spreadsheet program`,
	}, {
		name: "UTF-16 without a byte order mark",
		data: []byte("i\x00d\x00,\x00n\x00a\x00m\x00e\x00\n\x00"),
		want: `x.csv: this file is UTF-16 text without a byte order mark: save it as "CSV UTF-8" instead`,
	}, {
		name: "UTF-16 with a byte order mark",
		data: []byte("\xff\xfei\x00d\x00"),
		want: `x.csv: this file is UTF-16 text (Excel's "Unicode Text"): save it as "CSV UTF-8" instead`,
	}, {
		name: "binary",
		data: []byte("id,name\x01\x02\x03\x04\x05\x06\nabc\x07\x08"),
		want: `x.csv row 1: the file contains control bytes such as 0x01: it is binary data, not CSV text; export the data as CSV UTF-8 or .xlsx`,
	}, {
		name: "NUL bytes",
		data: []byte("id,name,role\nA,B\x00,mentee\n"),
		want: `x.csv row 2: the file contains NUL bytes: it is not a CSV text file; export the data as CSV UTF-8 or .xlsx`,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ReadProgram(Options{}, File{Path: "x.csv", Data: tc.data})
			if tc.want != "" {
				assert.Equal(t, tc.want, problems(t, err).Error())
				return
			}
			require.NoError(t, err)
			var names []string
			for _, q := range p.People {
				names = append(names, q.Name)
			}
			assert.Equal(t, tc.names, names)
			if tc.warn == "" {
				assert.Empty(t, p.Warnings)
			} else {
				require.Len(t, p.Warnings, 1)
				assert.Equal(t, tc.warn, p.Warnings[0].String())
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestWindows1252 checks the decoding of a non-UTF-8 file where
// Windows-1252 differs from Latin-1, and that the five bytes the code page
// leaves undefined are refused rather than read as control characters.
func TestWindows1252(t *testing.T) {
	var tbl rawTable
	out, p := tbl.decodeText([]byte("name\nJos\xe9 \x80 \x92 \x9f\n"))
	require.Nil(t, p)
	assert.Equal(t, "name\nJosé € ’ Ÿ\n", string(out))
	for _, c := range []byte{0x81, 0x8D, 0x8F, 0x90, 0x9D} {
		_, p := tbl.decodeText([]byte{'J', 'o', 's', 0xe9, ' ', c, '\n'})
		require.NotNil(t, p, "byte 0x%02X", c)
		assert.Contains(t, p.Message, "is not Windows-1252 either")
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, path string
		data       []byte
		want       string
	}{
		{"xls", "p.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), "old Excel 97–2003 workbook (.xls)"},
		{"xls renamed", "p.xlsx", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), "old Excel 97–2003 workbook (.xls)"},
		{"PDF renamed", "p.xlsx", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "PDF document"},
		{"HTML saved as xls", "p.xls", []byte("\n  <table><tr><td>id</td></tr></table>"), "web page (HTML)"},
		{"XML spreadsheet", "p.xls", []byte("<?xml version=\"1.0\"?><Workbook>"), "XML file"},
		{"PNG", "p.csv", []byte("\x89PNG\r\n\x1a\n"), "PNG image"},
		{"gzip", "p.csv.gz", []byte("\x1f\x8b\x08\x00"), "gzip archive"},
		{"RTF", "p.csv", []byte(`{\rtf1\ansi`), "Rich Text"},
		{"empty xlsx", "p.xlsx", nil, "the file is empty (0 bytes)"},
		{"text as xlsx", "p.xlsx", []byte("id,name\n"), "the file is not a zip archive"},
		{"ods by name", "p.ods", []byte("id,name\n"), "OpenDocument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, p := sniff(tc.path, tc.data)
			require.NotNil(t, p)
			assert.Contains(t, p.Message, tc.want)
			assert.Equal(t, tc.path, p.File)
		})
	}
	kind, p := sniff("p.txt", []byte("id,name\n"))
	assert.Nil(t, p)
	assert.Equal(t, kindCSV, kind)
}

// zipOf builds a zip archive of the given parts, in order; a part whose
// content is a number is that many zero bytes.
func zipOf(t testing.TB, parts ...any) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for i := 0; i < len(parts); i += 2 {
		w, err := zw.Create(parts[i].(string))
		require.NoError(t, err)
		switch c := parts[i+1].(type) {
		case string:
			_, err = io.WriteString(w, c)
		case int:
			chunk := make([]byte, 1<<20)
			for n := c; n > 0 && err == nil; n -= len(chunk) {
				_, err = w.Write(chunk[:min(n, len(chunk))])
			}
		}
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestZipChecks(t *testing.T) {
	good := must(os.ReadFile("../../testdata/hr-export.xlsx"))
	tests := []struct {
		name string
		data []byte
		want string
	}{{
		name: "zip bomb: a sheet that expands a thousand times",
		data: zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>", "xl/worksheets/sheet1.xml", 20<<20),
		want: "b.xlsx: the part xl/worksheets/sheet1.xml expands 823 times when unpacked: this is a zip bomb or a damaged file, not a workbook a spreadsheet program wrote",
	}, {
		name: "zip bomb: more than the unpacked limit",
		data: zipOf(t, "xl/workbook.xml", "<workbook/>", "xl/worksheets/sheet1.xml", MaxUnzipBytes+1),
		want: "b.xlsx: the workbook unpacks to more than 128 MB; workbooks are limited to 128 MB unpacked: split it, or save only the sheets mentormatch reads",
	}, {
		name: "too many sheets",
		data: func() []byte {
			parts := []any{"xl/workbook.xml", "<workbook/>"}
			for i := range MaxSheets + 1 {
				parts = append(parts, fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), "<worksheet/>")
			}
			return zipOf(t, parts...)
		}(),
		want: "b.xlsx: the workbook has 257 sheets; workbooks are limited to 256 sheets",
	}, {
		name: "Word document renamed",
		data: zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml", "<document/>"),
		want: "b.xlsx: this is a Word document (.docx), not a spreadsheet: put the data in an .xlsx workbook or a CSV UTF-8 file",
	}, {
		name: "OpenDocument renamed",
		data: zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<office/>"),
		want: "b.xlsx: this is an OpenDocument file (.ods or .odt), not an .xlsx workbook: save it as .xlsx or CSV UTF-8",
	}, {
		name: "plain zip",
		data: zipOf(t, "people.csv", "id,name\n", "notes.txt", "hi"),
		want: "b.xlsx: not a valid .xlsx workbook: a zip archive without a workbook inside (it holds people.csv, notes.txt); unpack it, or save the data as .xlsx",
	}, {
		name: "cut short",
		data: good[:len(good)/2],
		want: "b.xlsx: not a valid .xlsx workbook (the zip archive is damaged or cut short): save it again as .xlsx from the spreadsheet program",
	}, {
		name: "row number beyond Excel's last row",
		data: withPart(t, good, "xl/worksheets/sheet2.xml", func(x string) string {
			return strings.Replace(x, `<row r="4"`, `<row r="99999999"`, 1)
		}),
		want: "b.xlsx [Mentors] row 4: the sheet is damaged: a row number is beyond Excel's last row (1048576); save the workbook again from the spreadsheet program",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, []string{tc.want}, readErr(t, File{Path: "b.xlsx", Data: tc.data}))
		})
	}
}

// withPart returns the zip archive data with one part rewritten.
func withPart(t *testing.T, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var parts []any
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		content := string(b)
		if f.Name == name {
			content, found = edit(content), true
		}
		parts = append(parts, f.Name, content)
	}
	require.True(t, found, "no part %s", name)
	return zipOf(t, parts...)
}

// TestLargeInputsRefusedEarly runs the limits that guard memory: each input
// is generated, and refused before it is read whole.
func TestLargeInputsRefusedEarly(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.csv")
	require.NoError(t, os.WriteFile(huge, []byte("id,name,role\n"), 0o644))
	require.NoError(t, os.Truncate(huge, 2<<30)) // sparse: no disk used
	assert.Equal(t, []string{filepath.ToSlash(huge) + ": the file is 2048 MB; files are limited to 200 MB: split it, or keep only the columns mentormatch reads"},
		readErr(t, File{Path: huge}))

	wide := "id,name,role" + strings.Repeat(",x", MaxColumns) + "\n"
	assert.Equal(t, []string{"wide.csv row 1: row has 1003 cells; this file is limited to 1000 columns"},
		readErr(t, File{Path: "wide.csv", Data: []byte(wide)}))

	long := "id,name,role\nA,Al" + strings.Repeat("l", MaxCellBytes) + ",mentee\n"
	assert.Equal(t, []string{`long.csv row 2, column "B": the cell is 32 KiB long; cells are limited to 32 KiB`},
		readErr(t, File{Path: "long.csv", Data: []byte(long)}))

	unclosed := "id,name,role\nA,\"Al,mentee\n" + strings.Repeat("B,Bo,mentor\n", maxRowBytes/10)
	assert.Equal(t, []string{`unclosed.csv row 2: this row is longer than 4 MB: a quoted cell probably never closes (check for a missing closing "); the rest of the file was not read`},
		readErr(t, File{Path: "unclosed.csv", Data: []byte(unclosed)}))

	// 5,000 people of 1,000 columns, most of them empty.
	var many strings.Builder
	many.WriteString("id,name,role" + strings.Repeat(",x", MaxColumns-3) + "\n")
	for i := range MaxCells / MaxColumns {
		fmt.Fprintf(&many, "P%d,B,mentee%s\n", i, strings.Repeat(",", MaxColumns-3))
	}
	got := readErr(t, File{Path: "many.csv", Data: []byte(many.String())})
	assert.Equal(t, []string{"many.csv row 5001: more than 5000000 cells; this file is limited to 5000000 cells (rows × columns): split the file or delete columns mentormatch does not read"}, got)

	rows := "id,name\n" + strings.Repeat(",\n", MaxRows)
	assert.Equal(t, []string{"rows.csv row 500001: more than 500000 rows; files are limited to 500000 rows: split the file"},
		readErr(t, File{Path: "rows.csv", Role: mentormatch.RoleMentee, Data: []byte(rows)}))

	garbage := "id,name,role\n" + strings.Repeat("A,B,boss\n", 2*MaxProblems)
	got = readErr(t, File{Path: "garbage.csv", Data: []byte(garbage)})
	require.Len(t, got, MaxProblems+2) // two problems a row
	assert.Equal(t, "garbage.csv row 503: stopped after 1001 problems: fix these and check the file again", got[len(got)-1])
}

// TestSheetFormattedToTheLastRow: empty rows, even a million of them, cost
// nothing and are not counted; a cell on Excel's last row is still read.
func TestSheetFormattedToTheLastRow(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	require.NoError(t, err)
	require.NoError(t, sw.SetRow("A1", []any{"id", "name", "role"}))
	require.NoError(t, sw.SetRow("A2", []any{"A1", "Ann", "mentee"}))
	require.NoError(t, sw.SetRow(fmt.Sprintf("A%d", excelize.TotalRows), []any{"A2", "Abe", "mentor"}))
	require.NoError(t, sw.Flush())
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	p, err := ReadProgram(Options{}, File{Path: "last.xlsx", Data: buf.Bytes()})
	require.NoError(t, err)
	require.Len(t, p.People, 2)
	assert.Equal(t, excelize.TotalRows, p.People[1].Source.Row)
}

// TestRowNumbersWithLineBreaks: a line break inside a quoted cell does not
// start a new row, so errors name the row a spreadsheet shows.
func TestRowNumbersWithLineBreaks(t *testing.T) {
	data := "id,name,role,goals\nA,Al,mentee,\"tech lead\nand more\r\nand more\"\n\nB,Bo,boss,\n"
	assert.Equal(t, []string{`n.csv row 4, column "role": role "boss": expected mentee, mentor or both`},
		readErr(t, File{Path: "n.csv", Data: []byte(data)}))
	bad := "id,name,role,goals\nA,Al,mentee,\"tech lead\nand more\"\nB,B\"o,mentor,\n"
	assert.Equal(t, []string{`n.csv row 3: a " appears inside a cell that does not start with a quote: put the whole cell in quotes and double each " inside it (line 4, character 4); the rest of the file was not read`},
		readErr(t, File{Path: "n.csv", Data: []byte(bad)}))
}

// TestClassicMacLineEnds: Excel for Mac's "CSV (Macintosh)" ends lines
// with a carriage return alone.
func TestClassicMacLineEnds(t *testing.T) {
	p, err := ReadProgram(Options{}, File{Path: "mac.csv", Data: []byte("id,name,role\rA,Al,mentee\rB,\"Bo\",mentor\r")})
	require.NoError(t, err)
	require.Len(t, p.People, 2)
	assert.Equal(t, "Bo", p.People[1].Name)
	assert.Equal(t, 3, p.People[1].Source.Row)
}

func TestUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	assert.Equal(t, []string{filepath.ToSlash(dir) + ": is a folder, expected a CSV or XLSX file"}, readErr(t, File{Path: dir}))
	if os.Getuid() != 0 { // root reads anything
		locked := filepath.Join(dir, "locked.csv")
		require.NoError(t, os.WriteFile(locked, []byte("id,name,role\n"), 0o000))
		assert.Equal(t, []string{filepath.ToSlash(locked) + ": permission denied: cannot read the file"}, readErr(t, File{Path: locked}))
	}
}

// TestProblemsAreInput: whatever is wrong, the error is Problems naming the
// file, so the command line exits 2 and says where.
func TestProblemsAreInput(t *testing.T) {
	entries, err := os.ReadDir("../../testdata/bad")
	require.NoError(t, err)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".golden") || e.Name() == "README.md" {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			path := filepath.Join("../../testdata/bad", e.Name())
			_, err := ReadProgram(Options{}, File{Path: path})
			for _, p := range problems(t, err) {
				assert.Equal(t, path, p.File, p.String())
			}
		})
	}
}
