package output

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// onlyFile asserts that dir holds exactly the file name with the content
// want: no temporary file is left behind.
func onlyFile(t *testing.T, dir, name, want string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{name}, names)
	got, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	assert.Equal(t, want, string(got))
}

func TestWriteFileLeavesPreviousIntact(t *testing.T) {
	tests := []struct {
		name  string
		write func(w io.Writer) error
		want  string // in the error
	}{{
		name: "disk full halfway",
		write: func(w io.Writer) error {
			if _, err := w.Write(bytes.Repeat([]byte("x"), 200<<10)); err != nil {
				return err
			}
			return syscall.ENOSPC
		},
		want: "roster.csv: no space left on device",
	}, {
		name:  "encoder error at once",
		write: func(w io.Writer) error { return errors.New("cannot encode") },
		want:  "roster.csv: cannot encode",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "roster.csv")
			require.NoError(t, os.WriteFile(path, []byte("previous"), 0o600))
			err := WriteFile(path, tc.write)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			onlyFile(t, dir, "roster.csv", "previous")
		})
	}
}

func TestWriteFilePanicLeavesPreviousIntact(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "roster.csv")
	require.NoError(t, os.WriteFile(path, []byte("previous"), 0o644))
	assert.Panics(t, func() {
		_ = WriteFile(path, func(w io.Writer) error {
			_, _ = w.Write([]byte("half"))
			panic("bug")
		})
	})
	onlyFile(t, dir, "roster.csv", "previous")
}

func TestWriteFileKeepsModeAndFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.csv")
	require.NoError(t, os.WriteFile(real, []byte("old"), 0o600))
	link := filepath.Join(dir, "link.csv")
	require.NoError(t, os.Symlink("real.csv", link))
	require.NoError(t, WriteFile(link, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }))
	st, err := os.Lstat(link)
	require.NoError(t, err)
	assert.Equal(t, fs.ModeSymlink, st.Mode().Type(), "the link stays a link")
	got, err := os.ReadFile(real)
	require.NoError(t, err)
	assert.Equal(t, "new", string(got))
	st, err = os.Stat(real)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o600), st.Mode().Perm())
}

func TestWriteFileBadPaths(t *testing.T) {
	dir := t.TempDir()
	nop := func(io.Writer) error { return nil }

	err := WriteFile(filepath.Join(dir, "missing", "x.csv"), nop)
	assert.ErrorIs(t, err, mentormatch.ErrUsage)
	assert.Contains(t, err.Error(), "the folder "+filepath.Join(dir, "missing")+" does not exist")

	err = WriteFile(dir, nop)
	assert.ErrorIs(t, err, mentormatch.ErrUsage)
	assert.Contains(t, err.Error(), "it is a folder")

	ro := filepath.Join(dir, "ro")
	require.NoError(t, os.Mkdir(ro, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(ro, "x.csv"), []byte("previous"), 0o644))
	require.NoError(t, os.Chmod(ro, 0o555))
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	if os.Geteuid() == 0 {
		t.Log("running as root, which writes into read-only folders: the command-line test covers this as another user")
		return
	}
	err = WriteFile(filepath.Join(ro, "x.csv"), nop)
	assert.ErrorIs(t, err, fs.ErrPermission)
	assert.Contains(t, err.Error(), "permission denied in the folder "+ro)
	onlyFile(t, ro, "x.csv", "previous")
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	boom := errors.New("boom")
	err := WriteFile(path, func(w io.Writer) error {
		w.Write([]byte("partial"))
		return boom
	})
	require.ErrorIs(t, err, boom)
	got, _ := os.ReadFile(path)
	assert.Equal(t, "old", string(got))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "temporary file left behind")

	if os.Getuid() != 0 {
		ro := filepath.Join(dir, "ro")
		require.NoError(t, os.Mkdir(ro, 0o555))
		assert.Error(t, WriteFile(filepath.Join(ro, "x"), func(io.Writer) error { return nil }))
	}
	assert.Error(t, WriteFile(filepath.Join(dir, "missing", "x"), func(io.Writer) error { return nil }))
}
