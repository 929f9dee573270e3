package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch/serve"
)

// servePage starts the review page as serve --example does and returns a
// client that opened its printed address.
func servePage(t *testing.T, dir string) (*http.Client, string) {
	t.Helper()
	o := &inputOptions{Example: true}
	files, err := o.files(nil)
	require.NoError(t, err)
	cfg, err := o.loadConfig()
	require.NoError(t, err)
	srv, err := serve.New(serve.Options{Files: files, Config: cfg, Dir: dir})
	require.NoError(t, err)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar}
	res, err := c.Get(srv.URL(ts.Listener.Addr().String()))
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	return c, ts.URL
}

func fetch(t *testing.T, c *http.Client, url string) []byte {
	t.Helper()
	res, err := c.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, url)
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return b
}

// The page's exports are the command line's files, byte for byte.
func TestServeExportsAreTheCLIs(t *testing.T) {
	dir := t.TempDir()
	c, base := servePage(t, t.TempDir())
	for _, out := range []string{"roster.xlsx", "roster.json", "roster.csv"} {
		code, _, stderr := cli(t, "match", "--example", "-q", "--out", filepath.Join(dir, out))
		require.Equal(t, 0, code, stderr)
	}
	for _, out := range []string{"plan.xlsx", "plan.json"} {
		code, _, stderr := cli(t, "plan", "--example", "-q", "--out", filepath.Join(dir, out), "--ics", filepath.Join(dir, "ics"), "--roadmaps", filepath.Join(dir, "roadmaps"))
		require.Equal(t, 0, code, stderr)
	}
	for _, name := range []string{"roster.xlsx", "roster.json", "roster.csv", "plan.xlsx", "plan.json"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, fetch(t, c, base+"/export/"+name)), "%s differs from the CLI's", name)
	}
	code, _, stderr := cli(t, "notify", "--example", "--plan", filepath.Join(dir, "plan.json"), "--out", filepath.Join(dir, "outbox"))
	require.Equal(t, 0, code, stderr)
	for zipName, folder := range map[string]string{"calendars.zip": "ics", "roadmaps.zip": "roadmaps", "introductions.zip": "outbox"} {
		zipped := fetch(t, c, base+"/export/"+zipName)
		zipIsFolder(t, zipped, filepath.Join(dir, folder))
		assert.Equal(t, zipped, fetch(t, c, base+"/export/"+zipName), "%s is the same bytes each time", zipName)
	}
}

// zipIsFolder checks that zipped holds the files of dir, the folder's
// manifest aside, byte for byte.
func zipIsFolder(t *testing.T, zipped []byte, dir string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	require.NoError(t, err)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	files := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") { // the folder's manifest is not an output
			files++
		}
	}
	require.Len(t, zr.File, files, dir)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		got, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		want, err := os.ReadFile(filepath.Join(dir, f.Name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "%s differs from %s", f.Name, dir)
	}
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve"}, "no people file"},
		{[]string{"serve", "--example", "people.csv"}, "--example takes no people files"},
		{[]string{"serve", "--example", "--addr", "nonsense"}, "expected host:port"},
		{[]string{"serve", "a.csv", "b.csv"}, "accepts at most 1 arg"},
	}
	for _, tt := range tests {
		code, _, stderr := cli(t, tt.args...)
		assert.Equal(t, 2, code, tt.args)
		assert.Contains(t, stderr, tt.want, tt.args)
	}
}

// runServe prints one address and stops cleanly when its context ends.
func TestRunServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb bytes.Buffer
	dir := filepath.Join(t.TempDir(), "review")
	done := make(chan error, 1)
	o := &serveOptions{inputOptions: inputOptions{Example: true}, Dir: dir, Addr: "127.0.0.1:0"}
	go func() { done <- runServe(ctx, o, nil, &out, &errb) }()
	cancel()
	require.NoError(t, <-done)
	assert.DirExists(t, dir)
	assert.Regexp(t, `^mentormatch serve: open http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}\n`, out.String())
	assert.Empty(t, errb.String())
}

// Ctrl-C on serve printed plan's "the outputs not yet in place keep their
// previous contents": serve has no outputs in flight. It says where it
// wrote, and exits 130 as every command stopped by SIGINT does.
func TestServeStoppedByCtrlC(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "review")
	self, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(self, "-test.run=^TestHelperProcess$", "--", "serve", "--example", "--dir", dir)
	cmd.Env = append(os.Environ(), "MENTORMATCH_HELPER=1")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err, errb.String())
	require.Contains(t, line, "mentormatch serve: open http://127.0.0.1:")
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err = cmd.Wait()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, errb.String())
	assert.Equal(t, 130, ee.ExitCode(), errb.String())
	assert.Equal(t, "\nmentormatch: stopped by SIGINT; the page is closed; it wrote only into "+dir+", where decisions.csv keeps its decisions\n", errb.String())
}

// Pins and vetoes made on the page are the decisions file that match and
// plan --decisions read: the command line writes the page's roster and
// plan byte for byte.
func TestServeDecisionsReproduce(t *testing.T) {
	review, dir := t.TempDir(), t.TempDir()
	c, base := servePage(t, review)
	csrf := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindSubmatch(fetch(t, c, base+"/"))
	require.NotNil(t, csrf)
	for _, d := range []url.Values{
		{"mentee": {"E1101"}, "mentor": {"E1024"}, "decision": {"pin"}, "note": {"agreed, with both"}},
		{"mentee": {"E1137"}, "mentor": {"E1032"}, "decision": {"forbid"}},
	} {
		d.Set("csrf", string(csrf[1]))
		res, err := c.PostForm(base+"/decide", d)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode, "redirected to what changed")
	}
	decisions := filepath.Join(review, "decisions.csv")
	code, _, stderr := cli(t, "match", "--example", "-q", "--decisions", decisions, "--out", filepath.Join(dir, "roster.xlsx"))
	require.Equal(t, 0, code, stderr)
	code, _, stderr = cli(t, "plan", "--example", "-q", "--decisions", decisions, "--out", filepath.Join(dir, "plan.json"), "--roadmaps", filepath.Join(dir, "roadmaps"))
	require.Equal(t, 0, code, stderr)
	code, _, stderr = cli(t, "notify", "--example", "--plan", filepath.Join(dir, "plan.json"), "--out", filepath.Join(dir, "outbox"))
	require.Equal(t, 0, code, stderr)
	zipIsFolder(t, fetch(t, c, base+"/export/roadmaps.zip"), filepath.Join(dir, "roadmaps"))
	zipIsFolder(t, fetch(t, c, base+"/export/introductions.zip"), filepath.Join(dir, "outbox"))
	for _, name := range []string{"roster.xlsx", "plan.json"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, fetch(t, c, base+"/export/"+name)), "%s differs from the CLI's with the page's decisions", name)
	}
	assert.Equal(t, fetch(t, c, base+"/export/decisions.csv"), readFile(t, decisions))
	assert.Contains(t, string(fetch(t, c, base+"/")), "mentormatch match --example --decisions "+decisions+" --out roster.xlsx")
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
