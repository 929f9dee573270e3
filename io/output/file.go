package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// tmpMark follows the target's name in a temporary's name:
// ".NAME.tmpDIGITS", the form os.CreateTemp gives the pattern
// ".NAME.tmp*". Earlier versions named single-file temporaries alike.
const tmpMark = ".tmp"

func tmpPattern(base string) string { return "." + base + tmpMark + "*" }

// isTemp reports whether name is a temporary of the target named base.
func isTemp(name, base string) bool {
	rest, ok := strings.CutPrefix(name, "."+base+tmpMark)
	return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
}

// removeStale removes the temporaries that earlier runs writing dir/base
// left behind when they were killed.
func removeStale(dir, base string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		if isTemp(e.Name(), base) {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// WriteFile writes path atomically: to a temporary file in the same folder,
// fsync, then rename over path. On any error, including a panic in write,
// the temporary file is removed and a previous file at path is left intact.
// A previous file keeps its permissions; a symbolic link at path is
// followed, so the file it points to is replaced, not the link. A missing
// folder, or a folder at path, is a usage error (mentormatch.ErrUsage).
func WriteFile(path string, write func(w io.Writer) error) error {
	var b Batch
	defer b.Discard()
	if err := b.File(path, write); err != nil {
		return err
	}
	return b.Commit()
}

// Batch is a run's outputs written in full and put in place together by
// Commit. The zero Batch is ready to use. Discard removes what was not
// committed; it is safe to defer.
type Batch struct {
	items []item
}

type item interface {
	// ready makes the written output durable, before the lock.
	ready() error
	// commit puts the output in place; the caller holds live.mu.
	commit() error
	// after runs once the batch is in place, outside the lock: removing
	// a replaced folder can take a while.
	after()
	discard()
}

// Commit puts every output of the batch in place, in the order they were
// added, as one step that Interrupt does not cut into.
func (b *Batch) Commit() error {
	live.mu.Lock()
	stopped := live.stopped
	live.mu.Unlock()
	if stopped {
		b.Discard()
		return ErrInterrupted
	}
	for _, it := range b.items {
		if err := it.ready(); err != nil {
			b.Discard()
			return err
		}
	}
	live.mu.Lock()
	if live.stopped {
		live.mu.Unlock()
		b.Discard()
		return ErrInterrupted
	}
	var err error
	done := 0
	for _, it := range b.items {
		if err = it.commit(); err != nil {
			break
		}
		done++
	}
	live.mu.Unlock()
	for _, it := range b.items[:done] {
		it.after()
	}
	b.items = b.items[done:]
	b.Discard()
	return err
}

// Discard removes the temporaries of outputs not committed.
func (b *Batch) Discard() {
	for _, it := range b.items {
		it.discard()
	}
	b.items = nil
}

type pendingFile struct {
	path, target, tmp string
	id                int
}

// File writes path's new contents to a temporary file beside it; Commit
// renames it into place. See WriteFile.
func (b *Batch) File(path string, write func(w io.Writer) error) (err error) {
	target, mode := path, fs.FileMode(0o644)
	if real, err := filepath.EvalSymlinks(path); err == nil {
		target = real
	}
	if st, err := os.Stat(target); err == nil {
		if st.IsDir() {
			return fmt.Errorf("%w: cannot write %s: it is a folder; give a file name", mentormatch.ErrUsage, path)
		}
		mode = st.Mode().Perm()
	}
	dir, base := filepath.Dir(target), filepath.Base(target)
	removeStale(dir, base)
	f, err := os.CreateTemp(dir, tmpPattern(base))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%w: cannot write %s: the folder %s does not exist", mentormatch.ErrUsage, path, dir)
		}
		if errors.Is(err, fs.ErrPermission) {
			return denied(path, dir)
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	id, err := track(func() { os.Remove(tmp) })
	if err != nil {
		f.Close()
		return err
	}
	p := &pendingFile{path: path, target: target, tmp: tmp, id: id}
	defer func() {
		if r := recover(); r != nil {
			f.Close()
			p.discard()
			panic(r)
		}
		if err != nil {
			f.Close()
			p.discard()
		}
	}()
	failed := func(err error) error { return fmt.Errorf("writing %s: %w", path, err) }
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return failed(err)
	}
	if err = bw.Flush(); err != nil {
		return failed(err)
	}
	if err = f.Chmod(mode); err != nil {
		return failed(err)
	}
	if err = f.Sync(); err != nil {
		return failed(err)
	}
	if err = f.Close(); err != nil {
		return failed(err)
	}
	b.items = append(b.items, p)
	return nil
}

func (p *pendingFile) commit() error {
	if err := os.Rename(p.tmp, p.target); err != nil {
		return fmt.Errorf("writing %s: %w", p.path, err)
	}
	untrack(p.id, true)
	p.tmp = ""
	syncDir(filepath.Dir(p.target))
	return nil
}

func (p *pendingFile) ready() error { return nil }

func (p *pendingFile) after() {}

func (p *pendingFile) discard() {
	if p.tmp != "" {
		os.Remove(p.tmp)
		untrack(p.id, false)
		p.tmp = ""
	}
}

// syncDir makes a rename in dir durable. Some systems cannot fsync a
// folder; the rename is then as durable as they make it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
