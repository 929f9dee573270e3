package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/mentormatch/mentormatch"
)

// ManifestName is the file, in a folder mentormatch writes, that lists the
// files it wrote there: one name a line after a comment line.
const ManifestName = ".mentormatch-manifest"

const manifestHead = "# Files mentormatch wrote in this folder. It replaces or removes these, and no others."

// oldName is the previous folder's name while the new one is swapped in. A
// run killed between the two renames leaves it; the next run puts it back.
func oldName(base string) string { return "." + base + ".mentormatch-old" }

// FolderOptions say how to read a folder that is already there.
type FolderOptions struct {
	// Ours recognises the files mentormatch wrote in a folder without a
	// manifest, written by a version before manifests. Nil: none.
	Ours func(name string, data []byte) bool
}

// Folder is a folder of outputs being written to a staging folder beside
// it. Files written (Put) or carried over (Keep) make up the new folder;
// files of the previous one that mentormatch wrote and that are neither
// are gone once the batch commits; files it did not write are carried
// over as they are.
type Folder struct {
	dir     string // as given, for messages
	target  string // symbolic links followed
	stage   string
	old     string
	id      int
	exists  bool
	mode    fs.FileMode
	prev    map[string]bool // the previous folder's files that mentormatch wrote
	foreign map[string]bool // and those it did not
	staged  map[string]bool
	written []string
}

// Folder starts writing the folder dir: it checks dir (see Check), puts
// back a previous folder that a killed run left aside, removes staging
// folders of killed runs, reads the manifest and makes the staging folder.
func (b *Batch) Folder(dir string, opts FolderOptions) (*Folder, error) {
	if err := checkFolder("", dir); err != nil {
		return nil, err
	}
	target := resolve(dir)
	parent, base := filepath.Split(target)
	if err := restore(dir, target); err != nil {
		return nil, err
	}
	removeStale(parent, base)
	f := &Folder{dir: dir, target: target, mode: 0o755, prev: map[string]bool{}, foreign: map[string]bool{}, staged: map[string]bool{}}
	if st, err := os.Stat(target); err == nil {
		f.exists, f.mode = true, st.Mode().Perm()
		if err := f.readPrevious(opts); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder %s: %w", parent, err)
	}
	stage, err := os.MkdirTemp(parent, tmpPattern(base))
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", dir, err)
	}
	if f.id, err = track(func() { os.RemoveAll(stage) }); err != nil {
		return nil, err
	}
	f.stage = stage
	b.items = append(b.items, f)
	return f, nil
}

// resolve follows symbolic links in path as far as they exist, so that a
// link to a folder is written through, not replaced.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(real, filepath.Base(abs))
	}
	return abs
}

// restore finishes what a run killed during its swap left: the previous
// folder aside and none in place (put it back), or both (the new one is in
// place: remove the old).
func restore(dir, target string) error {
	parent, base := filepath.Split(target)
	old := filepath.Join(parent, oldName(base))
	if _, err := os.Lstat(old); err != nil {
		return nil
	}
	if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(old, target); err != nil {
			return fmt.Errorf("cannot put back %s, left aside by an interrupted run, as %s: %w", old, dir, err)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(target, ManifestName)); err == nil {
		return os.RemoveAll(old)
	}
	return fmt.Errorf("%w: %s and %s are both there, the second left by an interrupted run; keep the one you want as %s and remove the other", mentormatch.ErrUsage, dir, old, dir)
}

func (f *Folder) readPrevious(opts FolderOptions) error {
	manifest, err := os.ReadFile(filepath.Join(f.target, ManifestName))
	haveManifest := err == nil
	if haveManifest {
		for _, l := range strings.Split(string(manifest), "\n") {
			if l != "" && !strings.HasPrefix(l, "#") {
				f.prev[l] = true
			}
		}
	}
	es, err := os.ReadDir(f.target)
	if err != nil {
		return fmt.Errorf("cannot read the folder %s: %w", f.dir, err)
	}
	for _, e := range es {
		name := e.Name()
		switch {
		case name == ManifestName || legacyTemp(name):
			continue
		case f.prev[name]:
			continue
		case e.IsDir():
			return fmt.Errorf("%w: %s holds a folder mentormatch did not write (%s); give a folder of its own", mentormatch.ErrUsage, f.dir, name)
		case !haveManifest && opts.Ours != nil && e.Type().IsRegular():
			if data, err := os.ReadFile(filepath.Join(f.target, name)); err == nil && opts.Ours(name, data) {
				f.prev[name] = true
				continue
			}
		}
		f.foreign[name] = true
	}
	// A name the manifest lists that is no longer there is forgotten.
	for name := range f.prev {
		if _, err := os.Lstat(filepath.Join(f.target, name)); err != nil {
			delete(f.prev, name)
		}
	}
	return nil
}

// legacyTemp reports whether name is a temporary file left in the folder
// itself by a version that wrote files in place: ".NAME.tmpDIGITS" or
// ".tmp-DIGITS.ics".
func legacyTemp(name string) bool {
	if rest, ok := strings.CutPrefix(name, ".tmp-"); ok {
		rest = strings.TrimSuffix(rest, ".ics")
		return rest != "" && strings.Trim(rest, "0123456789") == ""
	}
	if !strings.HasPrefix(name, ".") {
		return false
	}
	k := strings.LastIndex(name, tmpMark)
	return k > 1 && isTemp(name, name[1:k])
}

// Previous lists, sorted, the files of the folder in place that mentormatch
// wrote: what a run may replace, keep or let go.
func (f *Folder) Previous() []string {
	out := make([]string, 0, len(f.prev))
	for name := range f.prev {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// Read returns the file name of the folder in place when mentormatch wrote
// it, and fs.ErrNotExist otherwise.
func (f *Folder) Read(name string) ([]byte, error) {
	if !f.prev[name] {
		return nil, fs.ErrNotExist
	}
	return os.ReadFile(filepath.Join(f.target, name))
}

// Foreign reports whether the folder in place has a file name that
// mentormatch did not write: Put refuses the name, and the file is carried
// over as it is.
func (f *Folder) Foreign(name string) bool { return f.foreign[name] }

// Put writes name into the new folder. A name that a file mentormatch did
// not write already has is refused: that file is never replaced.
func (f *Folder) Put(name string, data []byte) error {
	if err := f.claim(name); err != nil {
		return err
	}
	// Under the lock, so that once Interrupt has removed the staging
	// folder no file is made in it again.
	live.mu.Lock()
	defer live.mu.Unlock()
	if live.stopped {
		return ErrInterrupted
	}
	return f.put(name, data)
}

func (f *Folder) put(name string, data []byte) error {
	path := filepath.Join(f.stage, name)
	w, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", filepath.Join(f.dir, name), err)
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", filepath.Join(f.dir, name), err)
	}
	f.written = append(f.written, name)
	return nil
}

// Keep carries the previous folder's file name over as it is, for a file
// mentormatch wrote that someone has since edited.
func (f *Folder) Keep(name string) error {
	if !f.prev[name] {
		return fmt.Errorf("keep %s: not a file of %s", name, f.dir)
	}
	if err := f.claim(name); err != nil {
		return err
	}
	live.mu.Lock()
	defer live.mu.Unlock()
	if live.stopped {
		return ErrInterrupted
	}
	return carry(filepath.Join(f.target, name), filepath.Join(f.stage, name))
}

func (f *Folder) claim(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if f.foreign[name] {
		return fmt.Errorf("%w: %s is there and mentormatch did not write it: move it out of %s or give another folder; nothing was written", mentormatch.ErrUsage, filepath.Join(f.dir, name), f.dir)
	}
	if f.staged[name] {
		return fmt.Errorf("%s: %s written twice", f.dir, name)
	}
	f.staged[name] = true
	return nil
}

// carry links the file at from to to, or copies it where links are not
// possible. A symbolic link is carried as a link.
func carry(from, to string) error {
	st, err := os.Lstat(from)
	if err != nil {
		return fmt.Errorf("cannot carry over %s: %w", from, err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		dest, err := os.Readlink(from)
		if err == nil {
			err = os.Symlink(dest, to)
		}
		return err
	}
	if os.Link(from, to) == nil {
		return nil
	}
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("cannot carry over %s: %w", from, err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, st.Mode().Perm())
	if err != nil {
		return fmt.Errorf("cannot carry over %s: %w", from, err)
	}
	if _, err = io.Copy(out, in); err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot carry over %s: %w", from, err)
	}
	return nil
}

// syncWorkers is how many files are fsynced at once: a disk takes about a
// millisecond for each, and many at once share the wait.
const syncWorkers = 32

// ready completes the staging folder: files of others carried over, the
// manifest, every file and the folder itself fsynced.
func (f *Folder) ready() error {
	for _, name := range slices.Sorted(maps.Keys(f.foreign)) {
		if err := carry(filepath.Join(f.target, name), filepath.Join(f.stage, name)); err != nil {
			return err
		}
	}
	var m bytes.Buffer
	m.WriteString(manifestHead + "\n")
	names := make([]string, 0, len(f.staged))
	for name := range f.staged {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		m.WriteString(name + "\n")
	}
	if err := f.put(ManifestName, m.Bytes()); err != nil {
		return err
	}
	if err := syncAll(f.stage, f.written); err != nil {
		return fmt.Errorf("cannot write %s: %w", f.dir, err)
	}
	if err := os.Chmod(f.stage, f.mode); err != nil {
		return fmt.Errorf("cannot write %s: %w", f.dir, err)
	}
	d, err := os.Open(f.stage)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", f.dir, err)
	}
	defer d.Close()
	d.Sync()
	return nil
}

// syncAll fsyncs the files names of dir, several at a time.
func syncAll(dir string, names []string) error {
	work := make(chan string)
	errs := make(chan error, syncWorkers)
	var wg sync.WaitGroup
	for range min(syncWorkers, len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var first error
			for name := range work {
				if first != nil {
					continue
				}
				w, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY, 0)
				if err == nil {
					err = w.Sync()
					if cerr := w.Close(); err == nil {
						err = cerr
					}
				}
				first = err
			}
			errs <- first
		}()
	}
	for _, name := range names {
		work <- name
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (f *Folder) commit() error {
	parent, base := filepath.Split(f.target)
	if f.exists {
		f.old = filepath.Join(parent, oldName(base))
		if err := os.Rename(f.target, f.old); err != nil {
			f.old = ""
			return fmt.Errorf("cannot replace %s: %w", f.dir, err)
		}
	}
	if err := os.Rename(f.stage, f.target); err != nil {
		if f.old != "" {
			os.Rename(f.old, f.target)
			f.old = ""
		}
		return fmt.Errorf("cannot replace %s: %w", f.dir, err)
	}
	untrack(f.id, true)
	f.stage = ""
	syncDir(parent)
	return nil
}

func (f *Folder) after() {
	if f.old != "" {
		os.RemoveAll(f.old)
	}
}

func (f *Folder) discard() {
	if f.stage != "" {
		os.RemoveAll(f.stage)
		untrack(f.id, false)
		f.stage = ""
	}
}
