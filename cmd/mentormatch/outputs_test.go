package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/output"
)

// An output that is an input was silently written over it: the people
// file, the HR workbook or the survey replaced by a roster. Now it is a
// usage error before any work, and the input stays as it was.
func TestOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	people := at("people.csv")
	require.NoError(t, os.WriteFile(people, example.PeopleCSV(), 0o644))
	for name, data := range map[string]string{"survey.csv": "mentee_id,mentor_id,rater,rating\n", "roster.json": "{}", "scores-capacity.csv": "x\n", "m.csv": "1,2\n3,4\n"} {
		require.NoError(t, os.WriteFile(at(name), []byte(data), 0o644))
	}
	require.NoError(t, os.Symlink("people.csv", at("link.csv")))
	require.NoError(t, os.Link(people, at("hard.csv")))
	tests := [][]string{
		{"match", people, "--out", people},
		{"match", people, "--out", at("r.csv"), "--scores", people},
		{"match", at("scores-capacity.csv"), "--out", at("r.csv"), "--scores", at("scores.csv")},
		{"match", people, "--out", at("link.csv")},
		{"match", people, "--out", at("hard.csv")},
		{"match", "--mentees", people, "--mentors", at("m.csv"), "--out", at("m.csv")},
		{"plan", people, "--out", people},
		{"rematch", "--roster", at("roster.json"), "--survey", at("survey.csv"), people, "--out", at("survey.csv")},
		{"rematch", "--roster", at("roster.json"), "--survey", at("survey.csv"), people, "--out", at("roster.json")},
		{"report", "--roster", at("roster.json"), "--survey", at("survey.csv"), "--out", at("roster.json")},
		{"solve", at("m.csv"), "--out", at("m.csv")},
	}
	for _, args := range tests {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			before := snapshot(t, dir)
			code, _, stderr := cli(t, args...)
			assert.Equal(t, 2, code, stderr)
			assert.Contains(t, stderr, "would replace the input", args)
			assert.Equal(t, before, snapshot(t, dir), "nothing was written: %v", args)
		})
	}

	// Two outputs that are one file.
	code, _, stderr := cli(t, "match", "--example", "--out", at("x.csv"), "--scores", at("x.csv"))
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, "are both")
}

// snapshot is every file of dir with its contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		out[path] = string(data)
		return err
	}))
	return out
}

// plan --ics given a regular file wrote the plan and then exited 1. Every
// output is now checked before any work: exit 2 and nothing written.
func TestPlanOutputsCheckedFirst(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	require.NoError(t, os.WriteFile(at("notadir"), []byte("x"), 0o644))
	require.NoError(t, os.Mkdir(at("roadmaps"), 0o755))
	readme := "# Our program\n"
	require.NoError(t, os.WriteFile(at("roadmaps/README.md"), []byte(readme), 0o644))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--ics", at("notadir")}, "is a file; give a folder"},
		{[]string{"--roadmaps", at("notadir")}, "is a file; give a folder"},
		{[]string{"--roadmaps", at("roadmaps")}, "roadmaps/README.md is there and mentormatch did not write it"},
		{[]string{"--ics", at("cal"), "--roadmaps", at("cal")}, "are both"},
		{[]string{"--ics", at("cal"), "--roadmaps", at("cal/r")}, "one inside the other"},
		{[]string{"--ics", dir}, "is inside --ics"},
		{[]string{"--ics", at("notadir/sub")}, "is not a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			before := snapshot(t, dir)
			code, _, stderr := cli(t, append([]string{"plan", "--example", "-q", "--out", at("plan.json")}, tc.args...)...)
			assert.Equal(t, 2, code, stderr)
			assert.Contains(t, stderr, tc.want)
			assert.Equal(t, before, snapshot(t, dir))
		})
	}
}

// Ids that read alike as file names each get their calendar and roadmap:
// jürgen and jörgen were one j_rgen.ics (which survived changed from run
// to run), a person cohort-C1 lost theirs to cohort C1, and a 300-character
// id failed after 63 calendars with exit 1.
func TestPlanLookalikeIDs(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	long := strings.Repeat("x", 300)
	csv := string(example.PeopleCSV())
	for old, id := range map[string]string{"E1101": "jürgen", "E1102": "jörgen", "E1103": "cohort-C1", "E1104": long, "E1105": "CON", "E1106": "e1107"} {
		csv = regexp.MustCompile(`\b`+old+`\b`).ReplaceAllString(csv, id)
	}
	require.NoError(t, os.WriteFile(at("people.csv"), []byte(csv), 0o644))
	require.NoError(t, os.WriteFile(at("program.yaml"), []byte("schedule:\n  start: 2026-11-30\n"), 0o644))
	run := func(out string) (map[string]string, map[string]string, string) {
		code, stdout, stderr := cli(t, "plan", at("people.csv"), "--config", at("program.yaml"), "-q", "--out", at(out+".json"), "--ics", at(out+"-ics"), "--roadmaps", at(out+"-rm"))
		require.Equal(t, 0, code, stderr)
		return snapshot(t, at(out+"-ics")), snapshot(t, at(out+"-rm")), stdout
	}
	ics, rm, stdout := run("a")
	var p planJSON
	readJSON(t, at("a.json"), &p)
	people := map[string]bool{}
	for _, s := range p.Sessions {
		for _, id := range s.Participants {
			people[id] = true
		}
	}
	require.True(t, people["jürgen"] && people["jörgen"] && people["cohort-C1"] && people[long])
	cohorts := 0
	for name := range ics {
		if regexp.MustCompile(`/cohort-C\d+\.ics$`).MatchString(name) {
			cohorts++
		}
		assert.LessOrEqual(t, len(filepath.Base(name)), 143, name)
	}
	assert.Positive(t, cohorts)
	assert.Len(t, ics, len(people)+cohorts+1, "one calendar per person and per cohort, and the manifest")
	assert.Len(t, rm, len(p.Matches)+2, "one roadmap per pair, the index and the manifest")
	assert.Contains(t, stdout, fmt.Sprintf("wrote %d learning roadmaps", len(p.Matches)))
	for name, data := range ics {
		if strings.Contains(name, "j_rgen~") {
			assert.Contains(t, data, "Mentoring: ", name)
		}
	}

	// The same input gives the same names and bytes.
	ics2, rm2, _ := run("b")
	assert.Equal(t, rename(ics, "a-ics", "b-ics"), ics2)
	assert.Equal(t, rename(rm, "a-rm", "b-rm"), rm2)
}

func rename(m map[string]string, from, to string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[strings.Replace(k, from, to, 1)] = v
	}
	return out
}

// A second plan into the same folders replaces the calendars and roadmaps
// of the first as one, drops those of people who left, and keeps the files
// it did not write.
func TestPlanReplacesFolders(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	require.NoError(t, os.WriteFile(at("program.yaml"), []byte("schedule:\n  start: 2026-11-30\n"), 0o644))
	csv := string(example.PeopleCSV())
	require.NoError(t, os.WriteFile(at("people.csv"), []byte(csv), 0o644))
	plan := func() {
		code, _, stderr := cli(t, "plan", at("people.csv"), "--config", at("program.yaml"), "-q", "--out", at("plan.json"), "--ics", at("ics"), "--roadmaps", at("rm"))
		require.Equal(t, 0, code, stderr)
	}
	plan()
	require.FileExists(t, at("ics/E1101.ics"))
	require.NoError(t, os.WriteFile(at("ics/subscribe.txt"), []byte("how to subscribe"), 0o644))
	// E1101 leaves.
	var kept []string
	for _, l := range strings.Split(csv, "\n") {
		if !strings.HasPrefix(l, "E1101,") {
			kept = append(kept, l)
		}
	}
	require.NoError(t, os.WriteFile(at("people.csv"), []byte(strings.Join(kept, "\n")), 0o644))
	plan()
	assert.NoFileExists(t, at("ics/E1101.ics"))
	assert.FileExists(t, at("ics/subscribe.txt"))
	for name := range snapshot(t, at("rm")) {
		assert.NotContains(t, filepath.Base(name), "E1101-")
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"ics", "people.csv", "plan.json", "program.yaml", "rm"}, names, "no staging folder or temporary file left")
}

// Exit 1 is a bug; disk full and permission denied were exit 1 too. Now
// they are the environment's errors: exit 3.
func TestExitCodes(t *testing.T) {
	full := output.WriteFile(filepath.Join(t.TempDir(), "x.csv"), func(w io.Writer) error {
		return &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	})
	tests := []struct {
		err  error
		want int
	}{
		{fmt.Errorf("%w: bad flag", mentormatch.ErrUsage), 2},
		{mentormatch.Problems{{Message: "bad"}}, 2},
		{full, 3},
		{&os.LinkError{Op: "rename", Err: syscall.EXDEV}, 3},
		{fmt.Errorf("cannot write: %w", fs.ErrPermission), 3},
		{fmt.Errorf("writing: %w", syscall.EROFS), 3},
		{fmt.Errorf("writing: %w", syscall.EIO), 3},
		{errors.New("index out of range"), 1},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, exitCode(tc.err), "%v", tc.err)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v))
}

// A calendars folder whose parent may not be written (where its staging
// folder goes) is found before any work: exit 3, and the plan is not
// written either.
func TestPlanReadOnlyFolder(t *testing.T) {
	base, err := os.MkdirTemp("", "mm-ro-plan-")
	require.NoError(t, err)
	t.Cleanup(func() { os.Chmod(base, 0o755); os.RemoveAll(base) })
	require.NoError(t, os.Mkdir(filepath.Join(base, "out"), 0o777))
	require.NoError(t, os.Chmod(filepath.Join(base, "out"), 0o777))
	require.NoError(t, os.Mkdir(filepath.Join(base, "ics"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(base, "ics", "E1101.ics"), []byte("previous"), 0o644))
	require.NoError(t, os.Chmod(base, 0o555))

	out := filepath.Join(base, "out", "plan.json")
	code, stderr := runAsUser(t, filepath.Join(base, "out"), "plan", "--example", "-q", "--out", out, "--ics", filepath.Join(base, "ics"))
	assert.Equal(t, 3, code, stderr)
	assert.Contains(t, stderr, "permission denied in the folder "+base)
	assert.NotContains(t, stderr, "permission denied: permission denied")
	assert.NoFileExists(t, out)
	got, err := os.ReadFile(filepath.Join(base, "ics", "E1101.ics"))
	require.NoError(t, err)
	assert.Equal(t, "previous", string(got))
}

// plan stopped by SIGINT or SIGTERM while it writes its calendars left the
// folder a mix of two plans and a temporary file. Now it exits 130 or 143
// with every previous output as it was and nothing of its own left.
func TestPlanStoppedBySignal(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	code, _, stderr := cli(t, "generate", "--mentees", "1500", "--mentors", "400", "--out", at("people.csv"))
	require.Equal(t, 0, code, stderr)
	for name, start := range map[string]string{"a.yaml": "2026-11-30", "b.yaml": "2026-12-07"} {
		require.NoError(t, os.WriteFile(at(name), []byte("schedule:\n  start: "+start+"\n"), 0o644))
	}
	plan := func(cfg string) []string {
		return []string{"plan", at("people.csv"), "--config", at(cfg), "-q", "--out", at("plan.xlsx"), "--ics", at("ics"), "--roadmaps", at("rm")}
	}
	code, _, stderr = cli(t, plan("a.yaml")...)
	require.Equal(t, 0, code, stderr)
	before := snapshot(t, dir)

	self, err := os.Executable()
	require.NoError(t, err)
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		cmd := exec.Command(self, append([]string{"-test.run=^TestHelperProcess$", "--"}, plan("b.yaml")...)...)
		cmd.Env = append(os.Environ(), "MENTORMATCH_HELPER=1")
		var errb bytes.Buffer
		cmd.Stderr = &errb
		require.NoError(t, cmd.Start())
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Stop it once it is writing calendars into its staging folder.
		var err error
	poll:
		for {
			select {
			case err = <-done:
				t.Fatalf("the plan finished before it was stopped: %v %s", err, errb.String())
			case <-time.After(10 * time.Millisecond):
			}
			stages, _ := filepath.Glob(at(".ics.tmp*"))
			for _, s := range stages {
				if es, _ := os.ReadDir(s); len(es) >= 100 {
					break poll
				}
			}
		}
		require.NoError(t, cmd.Process.Signal(sig))
		err = <-done
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee, errb.String())
		assert.Equal(t, want, ee.ExitCode(), errb.String())
		assert.Contains(t, errb.String(), "stopped by SIG")
		assert.Equal(t, before, snapshot(t, dir), "every output as it was, no temporary file left")
	}
}
