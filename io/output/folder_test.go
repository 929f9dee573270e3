package output

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// list is dir's names, sorted.
func list(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func writeFolder(t *testing.T, dir string, files map[string]string) error {
	t.Helper()
	var b Batch
	defer b.Discard()
	f, err := b.Folder(dir, FolderOptions{})
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(mapsKeys(files)) {
		if err := f.Put(name, []byte(files[name])); err != nil {
			return err
		}
	}
	return b.Commit()
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// A second run replaces the files of the first it wrote, drops those it
// no longer writes, and carries over a file it never wrote.
func TestFolderReplacesOnlyItsOwn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ics")
	require.NoError(t, writeFolder(t, dir, map[string]string{"a.ics": "A1", "b.ics": "B1"}))
	assert.Equal(t, []string{ManifestName, "a.ics", "b.ics"}, list(t, dir))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600))

	require.NoError(t, writeFolder(t, dir, map[string]string{"a.ics": "A2", "c.ics": "C2"}))
	assert.Equal(t, []string{ManifestName, "a.ics", "c.ics", "notes.txt"}, list(t, dir))
	got, _ := os.ReadFile(filepath.Join(dir, "a.ics"))
	assert.Equal(t, "A2", string(got))
	got, _ = os.ReadFile(filepath.Join(dir, "notes.txt"))
	assert.Equal(t, "mine", string(got))
	st, err := os.Stat(filepath.Join(dir, "notes.txt"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	manifest, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	assert.Equal(t, manifestHead+"\na.ics\nc.ics\n", string(manifest))
	assert.Equal(t, []string{"ics"}, list(t, filepath.Dir(dir)), "no staging folder or old folder left")

	// A name that a file of someone else's has is refused, and nothing
	// changes.
	err = writeFolder(t, dir, map[string]string{"a.ics": "A3", "notes.txt": "ours"})
	require.ErrorIs(t, err, mentormatch.ErrUsage)
	got, _ = os.ReadFile(filepath.Join(dir, "notes.txt"))
	assert.Equal(t, "mine", string(got))
	got, _ = os.ReadFile(filepath.Join(dir, "a.ics"))
	assert.Equal(t, "A2", string(got))
	assert.Equal(t, []string{"ics"}, list(t, filepath.Dir(dir)))
}

// A run that fails half way, or is interrupted, leaves the folder as it
// was and no staging folder.
func TestFolderFailureLeavesPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ics")
	require.NoError(t, writeFolder(t, dir, map[string]string{"a.ics": "A1", "b.ics": "B1"}))
	before := list(t, dir)

	var b Batch
	f, err := b.Folder(dir, FolderOptions{})
	require.NoError(t, err)
	require.NoError(t, f.Put("a.ics", []byte("A2")))
	assert.Len(t, list(t, filepath.Dir(dir)), 2, "the staging folder is beside the target")
	b.Discard()
	assert.Equal(t, before, list(t, dir))
	assert.Equal(t, []string{"ics"}, list(t, filepath.Dir(dir)))

	// Interrupt, as a signal handler calls it: the staging folder goes,
	// later writes fail, the folder in place is untouched.
	t.Cleanup(func() { live.mu.Lock(); live.stopped = false; live.mu.Unlock() })
	f, err = b.Folder(dir, FolderOptions{})
	require.NoError(t, err)
	require.NoError(t, f.Put("a.ics", []byte("A2")))
	Interrupt()
	assert.Equal(t, []string{"ics"}, list(t, filepath.Dir(dir)))
	assert.ErrorIs(t, b.Commit(), ErrInterrupted)
	assert.ErrorIs(t, WriteFile(filepath.Join(filepath.Dir(dir), "x.csv"), func(io.Writer) error { return nil }), ErrInterrupted)
	got, _ := os.ReadFile(filepath.Join(dir, "a.ics"))
	assert.Equal(t, "A1", string(got))
	assert.Equal(t, []string{"ics"}, list(t, filepath.Dir(dir)))
}

// What a killed run leaves is cleaned up by the next: staging folders and
// temporary files by their prefix, and a folder left aside half way
// through a swap is put back.
func TestStaleLeftoversOfKilledRuns(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "ics")
	require.NoError(t, writeFolder(t, dir, map[string]string{"a.ics": "A1"}))
	// Killed between the two renames of a swap.
	require.NoError(t, os.Rename(dir, filepath.Join(parent, oldName("ics"))))
	// Killed while staging, in an earlier version writing in place, and
	// while writing a single file.
	require.NoError(t, os.Mkdir(filepath.Join(parent, ".ics.tmp123"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(parent, ".plan.xlsx.tmp987"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(parent, ".plan.xlsx.tmpx"), nil, 0o644))

	require.NoError(t, writeFolder(t, dir, map[string]string{"a.ics": "A2"}))
	require.NoError(t, WriteFile(filepath.Join(parent, "plan.xlsx"), func(w io.Writer) error { _, err := io.WriteString(w, "p"); return err }))
	assert.Equal(t, []string{".plan.xlsx.tmpx", "ics", "plan.xlsx"}, list(t, parent), "only the tool's own temporaries go")
	got, _ := os.ReadFile(filepath.Join(dir, "a.ics"))
	assert.Equal(t, "A2", string(got))

	// Killed after the swap, before the old folder was removed.
	require.NoError(t, os.Mkdir(filepath.Join(parent, oldName("ics")), 0o755))
	require.NoError(t, writeFolder(t, dir, map[string]string{"a.ics": "A3"}))
	assert.Equal(t, []string{".plan.xlsx.tmpx", "ics", "plan.xlsx"}, list(t, parent))

	// A folder written in place by an earlier version: its temporaries go
	// with the swap, its files count as ours where Ours says so.
	legacy := filepath.Join(parent, "old")
	require.NoError(t, os.Mkdir(legacy, 0o755))
	for name, data := range map[string]string{"a.ics": "PRODID:mm", "b.ics": "PRODID:mm", ".tmp-42.ics": "", ".a.ics.tmp7": "", "mine.ics": "other"} {
		require.NoError(t, os.WriteFile(filepath.Join(legacy, name), []byte(data), 0o644))
	}
	var b Batch
	f, err := b.Folder(legacy, FolderOptions{Ours: func(_ string, data []byte) bool { return strings.HasPrefix(string(data), "PRODID:mm") }})
	require.NoError(t, err)
	assert.Equal(t, []string{"a.ics", "b.ics"}, f.Previous())
	assert.True(t, f.Foreign("mine.ics"))
	require.NoError(t, f.Put("a.ics", []byte("new")))
	require.NoError(t, b.Commit())
	assert.Equal(t, []string{ManifestName, "a.ics", "mine.ics"}, list(t, legacy))
}

func TestFolderRefusals(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notadir")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	var b Batch
	_, err := b.Folder(file, FolderOptions{})
	require.ErrorIs(t, err, mentormatch.ErrUsage)
	assert.Contains(t, err.Error(), "is a file; give a folder")

	sub := filepath.Join(dir, "withsub")
	require.NoError(t, os.MkdirAll(filepath.Join(sub, "inner"), 0o755))
	_, err = b.Folder(sub, FolderOptions{})
	require.ErrorIs(t, err, mentormatch.ErrUsage)
	assert.Contains(t, err.Error(), "holds a folder mentormatch did not write (inner)")

	wd, err := os.Getwd()
	require.NoError(t, err)
	_, err = b.Folder(filepath.Dir(wd), FolderOptions{})
	require.ErrorIs(t, err, mentormatch.ErrUsage)
	assert.Contains(t, err.Error(), "holds the current folder")
}

// A folder reached through a symbolic link is written through it: the
// link stays.
func TestFolderThroughLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	require.NoError(t, writeFolder(t, real, map[string]string{"a.ics": "A1"}))
	link := filepath.Join(dir, "link")
	require.NoError(t, os.Symlink("real", link))
	require.NoError(t, writeFolder(t, link, map[string]string{"a.ics": "A2"}))
	st, err := os.Lstat(link)
	require.NoError(t, err)
	assert.Equal(t, os.ModeSymlink, st.Mode().Type())
	got, _ := os.ReadFile(filepath.Join(real, "a.ics"))
	assert.Equal(t, "A2", string(got))
}
