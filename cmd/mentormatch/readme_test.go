package main

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeSkip lists the README commands (by prefix) too slow for a test:
// each one takes minutes or gigabytes. They are documented by hand.
var readmeSkip = []string{
	"mentormatch generate --mentees 100000",
	"mentormatch match people-100k",
	"mentormatch rematch --roster roster-100k",
}

// consoleCommand is one "$ " line of a README console session and the
// output shown under it.
type consoleCommand struct {
	line  int // in README.md
	cmd   string
	shown []string
}

// consoleSessions reads the ```console blocks of a Markdown file.
func consoleSessions(t *testing.T, path string) [][]consoleCommand {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out [][]consoleCommand
	in := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		switch {
		case l == "```console":
			in = true
			out = append(out, nil)
		case in && strings.HasPrefix(l, "```"):
			in = false
		case in && strings.HasPrefix(l, "$ "):
			s := &out[len(out)-1]
			*s = append(*s, consoleCommand{line: n, cmd: strings.TrimPrefix(l, "$ ")})
		case in && len(out[len(out)-1]) > 0 && l != "":
			s := out[len(out)-1]
			s[len(s)-1].shown = append(s[len(s)-1].shown, l)
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// trailingComment is a "   # note" the README adds to a line.
var trailingComment = regexp.MustCompile(`\s{2,}# .*$`)

// TestREADMESessions runs every console session of the README as a new
// user would after go install, from a copy of the repository's testdata
// in a temporary folder (nothing is written in the repository): each
// command must exit as shown (0, or what "echo $?" prints) and print the
// lines shown, in order; a line ending in "…" is a prefix, a line "…"
// stands for more.
func TestREADMESessions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs the README's sessions")
	}
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the test builds the command with go")
	bin := t.TempDir()
	build := exec.Command(goTool, "build", "-o", filepath.Join(bin, "mentormatch"), ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	sessions := consoleSessions(t, filepath.Join("..", "..", "README.md"))
	require.GreaterOrEqual(t, len(sessions), 3)
	for k, session := range sessions {
		t.Run(strconv.Itoa(k+1), func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, filepath.Join("..", "..", "testdata"), filepath.Join(dir, "testdata"))
			last := 0
			for _, c := range session {
				if skipped(c.cmd) {
					t.Logf("README.md:%d: skipped (slow): %s", c.line, c.cmd)
					continue
				}
				if c.cmd == "echo $?" {
					require.Len(t, c.shown, 1, "README.md:%d", c.line)
					assert.Equal(t, c.shown[0], strconv.Itoa(last), "README.md:%d: exit code", c.line)
					continue
				}
				sh := exec.Command("sh", "-c", trailingComment.ReplaceAllString(c.cmd, ""))
				sh.Dir = dir
				sh.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
				var stdout, stderr strings.Builder
				sh.Stdout, sh.Stderr = &stdout, &stderr
				err := sh.Run()
				last = 0
				var exit *exec.ExitError
				if errors.As(err, &exit) {
					last = exit.ExitCode()
				} else {
					require.NoError(t, err)
				}
				got := strings.Split(stdout.String()+stderr.String(), "\n")
				checkShown(t, c, got)
				if next := nextCommand(session, c); next != "echo $?" {
					assert.Equal(t, 0, last, "README.md:%d: %s exited %d: %s", c.line, c.cmd, last, stderr.String())
				}
			}
		})
	}
}

func skipped(cmd string) bool {
	for _, p := range readmeSkip {
		if strings.HasPrefix(cmd, p) {
			return true
		}
	}
	return false
}

func nextCommand(session []consoleCommand, c consoleCommand) string {
	for k := range session {
		if session[k].line == c.line && k+1 < len(session) {
			return session[k+1].cmd
		}
	}
	return ""
}

// checkShown finds the lines shown for c in got, in order.
func checkShown(t *testing.T, c consoleCommand, got []string) {
	t.Helper()
	at := 0
	for _, want := range c.shown {
		want = strings.TrimRight(trailingComment.ReplaceAllString(want, ""), " ")
		if strings.TrimSpace(want) == "…" {
			continue
		}
		prefix, isPrefix := strings.CutSuffix(want, "…")
		found := false
		for ; at < len(got); at++ {
			if got[at] == want || isPrefix && strings.HasPrefix(got[at], prefix) {
				found = true
				at++
				break
			}
		}
		if !assert.True(t, found, "README.md:%d: %s\nshown:   %s\nprinted:\n%s", c.line, c.cmd, want, strings.Join(got, "\n")) {
			return
		}
	}
}

// copyDir copies the files under from to to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	}))
}
