package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// updateBad rewrites the golden error messages of testdata/bad, and the
// binary files of the corpus, which are generated here.
var updateBad = func() *bool {
	if f := flag.Lookup("update"); f != nil {
		v := f.Value.String() == "true"
		return &v
	}
	return flag.Bool("update", false, "rewrite golden files")
}()

const badDir = "testdata/bad"

// writeBinaryCorpus generates the files of testdata/bad that are not text.
// They are small and committed; generating them here says exactly what
// each one is.
func writeBinaryCorpus(t *testing.T, dir string) {
	t.Helper()
	put := func(name string, data []byte) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	rng := rand.New(rand.NewPCG(8, 1))
	garbage := make([]byte, 2048)
	for i := range garbage {
		garbage[i] = byte(rng.Uint32())
	}
	put("garbage.csv", garbage)
	// An OLE2 compound file header, as every .xls starts.
	put("old-excel.xls", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 504)...))
	put("old-excel-renamed.xlsx", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 504)...))
	put("pdf-renamed.xlsx", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"))
	put("html-export.xls", []byte("<html><body><table>\n<tr><td>id</td><td>name</td></tr>\n<tr><td>E1</td><td>Ana</td></tr>\n</table></body></html>\n"))
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "id\tname\trole\r\nE1\tAna\tmentee\r\n" {
		utf16 = append(utf16, byte(r), 0)
	}
	put("utf16.csv", utf16)

	zipOf := func(parts ...any) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
		for i := 0; i < len(parts); i += 2 {
			w, err := zw.Create(parts[i].(string))
			require.NoError(t, err)
			switch c := parts[i+1].(type) {
			case string:
				_, err = io.WriteString(w, c)
			case int: // that many zero bytes
				_, err = w.Write(make([]byte, c))
			}
			require.NoError(t, err)
		}
		require.NoError(t, zw.Close())
		return buf.Bytes()
	}
	put("zip-bomb.xlsx", zipOf("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>", "xl/worksheets/sheet1.xml", 24<<20))
	put("word-renamed.xlsx", zipOf("[Content_Types].xml", "<Types/>", "word/document.xml", "<document/>"))

	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "Mentees"))
	_, err := f.NewSheet("Mentors")
	require.NoError(t, err)
	rows := map[string][][]any{
		"Mentees": {{"Acme — Mentoring Q1"}, nil, {"Employee ID", "Full Name", "Job Level", "Time Zone", "Available"},
			{"E1", "Ana Silva", "Junior", "Europe/Lisbon", "Mon 09:00-10:00"},
			{"E2", "Bo Chen", "Apprentice", "Asia/Shanghai", "Tue 09:00-10:00"},
			{"E3", "", 2, "UTC+08:00", "someday"}},
		"Mentors": {{"Employee ID", "Full Name", "Max Mentees"}, {"M1", "Mia Wong", "lots"}, {"E1", "Ana Again", 1}},
	}
	for sheet, rs := range rows {
		for i, r := range rs {
			if r != nil {
				require.NoError(t, f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+1), &r))
			}
		}
	}
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	put("bad-cells.xlsx", buf.Bytes())
	put("truncated.xlsx", buf.Bytes()[:buf.Len()/2])
}

// corpus lists the files of testdata/bad, without the goldens.
func corpus(t *testing.T) []string {
	t.Helper()
	dir := repoFile(badDir)
	if *updateBad {
		writeBinaryCorpus(t, dir)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".golden") && e.Name() != "README.md" {
			names = append(names, e.Name())
		}
	}
	require.GreaterOrEqual(t, len(names), 20)
	return names
}

// TestBadCorpus runs every broken file through validate and match as a
// user would: exit 2, the file named (and the row, where there is one),
// the same report from both, and nothing written. The report is golden:
// refresh with go test ./cmd/mentormatch -run TestBadCorpus -update.
func TestBadCorpus(t *testing.T) {
	for _, name := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			path := repoFile(badDir, name)
			shown := badDir + "/" + name // as run from the repository root
			code, stdout, stderr := cli(t, "validate", path)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			report := strings.ReplaceAll(stderr, path, shown)

			out := t.TempDir()
			code, stdout, stderr = cli(t, "match", path, "--out", filepath.Join(out, "roster.xlsx"), "--scores", filepath.Join(out, "scores.csv"))
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Equal(t, report, strings.ReplaceAll(stderr, path, shown), "validate and match report differently")
			entries, err := os.ReadDir(out)
			require.NoError(t, err)
			assert.Empty(t, entries, "match wrote something")

			lines := strings.Split(strings.TrimSpace(report), "\n")
			if len(lines) > 1 {
				lines = lines[1:] // "N problems found:"
			}
			for _, l := range lines {
				assert.Contains(t, l, shown, "a problem without its file")
			}
			golden := repoFile(badDir, name+".golden")
			if *updateBad {
				require.NoError(t, os.WriteFile(golden, []byte(report), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), report)
		})
	}
}

// TestResourceLimitsCLI: a 2 GB file and a zip bomb are refused from their
// declared sizes, before anything is read or unpacked. The files are
// generated: the big one is sparse.
func TestResourceLimitsCLI(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.csv")
	require.NoError(t, os.WriteFile(huge, []byte("id,name,role\n"), 0o644))
	require.NoError(t, os.Truncate(huge, 2<<30))

	bomb := filepath.Join(dir, "bomb.xlsx")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range 300 {
		_, err = w.Write(zeros)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(bomb, buf.Bytes(), 0o644))

	for _, tc := range []struct{ file, want string }{
		{huge, "the file is 2048 MB; files are limited to 200 MB"},
		{bomb, "the workbook unpacks to more than 128 MB"},
	} {
		out := filepath.Join(dir, "roster.json")
		code, _, stderr := cli(t, "match", tc.file, "--out", out)
		assert.Equal(t, 2, code, stderr)
		assert.Contains(t, stderr, tc.file+": "+tc.want)
		assert.NoFileExists(t, out)
	}
}

// TestWindows1252EndToEnd: a CSV saved by Excel as "CSV (Comma delimited)"
// reads with a warning, and the names come out right in every format.
func TestWindows1252EndToEnd(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.csv")
	require.NoError(t, os.WriteFile(people, []byte("id,name,role,skills,wants\r\n"+
		"E1,Ren\xe9 Dubois,mentee,,go\r\nM1,Zo\xeb M\xfcller,mentor,go:5,\r\n"), 0o644))
	code, _, stderr := cli(t, "validate", people)
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "warning: "+people+": the file is not UTF-8 (first on row 2): read it as Windows-1252")
	for _, ext := range []string{".csv", ".json", ".xlsx"} {
		out := filepath.Join(dir, "roster"+ext)
		code, _, stderr = cli(t, "match", people, "--out", out)
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stderr, "Windows-1252")
		var names []string
		if ext == ".xlsx" {
			f, err := excelize.OpenFile(out)
			require.NoError(t, err)
			a, _ := f.GetCellValue("Matches", "B2")
			b, _ := f.GetCellValue("Matches", "D2")
			names = []string{a, b}
			f.Close()
		} else {
			data, err := os.ReadFile(out)
			require.NoError(t, err)
			for _, n := range []string{"René Dubois", "Zoë Müller"} {
				if bytes.Contains(data, []byte(n)) {
					names = append(names, n)
				}
			}
		}
		assert.Equal(t, []string{"René Dubois", "Zoë Müller"}, names, ext)
	}
}

// TestFormulaInjectionEndToEnd: names and ids that a spreadsheet would run
// are written as text in CSV and XLSX rosters.
func TestFormulaInjectionEndToEnd(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.csv")
	require.NoError(t, os.WriteFile(people, []byte("id,name,role,skills,wants\n"+
		"-7,\"=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",mentee,,go\n@M1,+cmd|' /C calc'!A0,mentor,go:5,\n"), 0o644))
	csvOut := filepath.Join(dir, "roster.csv")
	code, _, stderr := cli(t, "match", people, "--out", csvOut)
	require.Equal(t, 0, code, stderr)
	fh, err := os.Open(csvOut)
	require.NoError(t, err)
	recs, err := csv.NewReader(fh).ReadAll()
	fh.Close()
	require.NoError(t, err)
	require.Len(t, recs, 2)
	assert.Equal(t, []string{"-7", `'=HYPERLINK("http://evil","click")`, "'@M1", "'+cmd|' /C calc'!A0"}, recs[1][:4])

	xlsxOut := filepath.Join(dir, "roster.xlsx")
	code, _, stderr = cli(t, "match", people, "--out", xlsxOut)
	require.Equal(t, 0, code, stderr)
	f, err := excelize.OpenFile(xlsxOut)
	require.NoError(t, err)
	defer f.Close()
	for cell, want := range map[string]string{"A2": "-7", "B2": `=HYPERLINK("http://evil","click")`, "C2": "@M1", "D2": "+cmd|' /C calc'!A0"} {
		got, err := f.GetCellValue("Matches", cell)
		require.NoError(t, err)
		assert.Equal(t, want, got, cell)
		formula, err := f.GetCellFormula("Matches", cell)
		require.NoError(t, err)
		assert.Empty(t, formula, cell)
		typ, err := f.GetCellType("Matches", cell)
		require.NoError(t, err)
		assert.Equal(t, excelize.CellTypeInlineString, typ, cell)
	}
	typ, err := f.GetCellType("Matches", "E2")
	require.NoError(t, err)
	assert.NotEqual(t, excelize.CellTypeInlineString, typ, "the score is a number")
}

// TestNoPartialOutput: when the roster cannot be written, a previous roster
// stays as it was and no temporary file is left.
func TestNoPartialOutput(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := cli(t, "match", "--example", "--out", filepath.Join(dir, "no", "such", "roster.csv"))
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, "does not exist")

	code, _, stderr = cli(t, "match", "--example", "--out", dir+"/.csv")
	require.Equal(t, 0, code, stderr) // a file named ".csv" is a file
	require.NoError(t, os.Mkdir(filepath.Join(dir, "taken.csv"), 0o755))
	code, _, stderr = cli(t, "match", "--example", "--out", filepath.Join(dir, "taken.csv"))
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, "it is a folder")
}

// TestReadOnlyFolder runs match into a folder the user may not write to.
// Root writes anywhere, so as root the command runs as user nobody.
func TestReadOnlyFolder(t *testing.T) {
	base, err := os.MkdirTemp("", "mm-ro-")
	require.NoError(t, err)
	t.Cleanup(func() { os.Chmod(filepath.Join(base, "ro"), 0o755); os.RemoveAll(base) })
	require.NoError(t, os.Chmod(base, 0o755))
	ro := filepath.Join(base, "ro")
	require.NoError(t, os.Mkdir(ro, 0o755))
	roster := filepath.Join(ro, "roster.csv")
	require.NoError(t, os.WriteFile(roster, []byte("previous roster\n"), 0o644))
	require.NoError(t, os.Chmod(ro, 0o555))

	code, stderr := runAsUser(t, base, "match", "--example", "--out", roster)
	assert.Equal(t, 3, code, "a folder we may not write in is the environment's error: %s", stderr)
	assert.Contains(t, stderr, "cannot write "+roster+": permission denied in the folder "+ro)
	got, err := os.ReadFile(roster)
	require.NoError(t, err)
	assert.Equal(t, "previous roster\n", string(got))
	entries, err := os.ReadDir(ro)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "a temporary file was left")
}

// runAsUser runs the command line as the current user, or as nobody when
// that is root, in a copy of the test binary placed in dir.
func runAsUser(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	if os.Geteuid() != 0 {
		code, _, stderr := cli(t, args...)
		return code, stderr
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running as root without setpriv: cannot test a read-only folder")
	}
	self, err := os.ReadFile(os.Args[0])
	require.NoError(t, err)
	bin := filepath.Join(dir, "mentormatch.test")
	require.NoError(t, os.WriteFile(bin, self, 0o755))
	cmd := exec.Command(setpriv, append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", bin, "-test.run=^TestHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "MENTORMATCH_HELPER=1", "HOME="+dir)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stderr.String()
	}
	require.NoError(t, err, stderr.String())
	return 0, stderr.String()
}

// TestHelperProcess is the command line when a test runs this binary as
// another user; otherwise it does nothing.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("MENTORMATCH_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(command(args, os.Stdout, os.Stderr))
}

// nilMap makes a real runtime panic, not a panic(…) call.
var nilMap map[string]int

func TestPanicIsExit1WithoutTrace(t *testing.T) {
	boom := func() int { nilMap["x"]++; return 0 }
	for _, tc := range []struct {
		args  []string
		trace bool
	}{{[]string{"match", "x.csv"}, false}, {[]string{"--debug", "match"}, true}, {[]string{"match", "--debug=true"}, true}, {[]string{"match", "--", "--debug"}, false}} {
		var stderr bytes.Buffer
		code := guard(tc.args, &stderr, boom)
		assert.Equal(t, 1, code)
		msg := stderr.String()
		assert.True(t, strings.HasPrefix(msg, "mentormatch: internal error: assignment to entry in nil map\nThis is a bug in mentormatch"), msg)
		assert.Contains(t, msg, issuesURL)
		assert.Equal(t, tc.trace, strings.Contains(msg, "goroutine "), msg)
		if !tc.trace {
			assert.LessOrEqual(t, strings.Count(msg, "\n"), 3, "short")
		}
	}
	var stderr bytes.Buffer
	assert.Equal(t, 1, guard(nil, &stderr, func() int { panic(strings.Repeat("long\n", 500)) }))
	assert.Less(t, len(stderr.String()), 600)
}

func TestUnknownCommandIsUsage(t *testing.T) {
	code, _, stderr := cli(t, "mtach", "people.csv")
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, `unknown command "mtach"`)
}
