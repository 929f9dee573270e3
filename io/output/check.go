package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// Out is one output of a run, named by the flag that gave it.
type Out struct {
	Flag string // as the user typed it: "--out", "--ics"
	Path string
	// For a folder: names the run writes in it whatever the data, such
	// as an index, and how to recognise the files an earlier version
	// wrote there (Folder).
	Fixed   []string
	Options FolderOptions
}

// Paths are the files a run reads and writes.
type Paths struct {
	Inputs  []string // files read
	Files   []Out    // files written
	Folders []Out    // folders written (Folder)
}

// maxFileName bounds an output file's name: its temporary, ".NAME.tmp"
// and up to ten digits, must fit in 255 bytes.
const maxFileName = 240

// maxFolderPath bounds an output folder's path, so that every file name
// Names gives fits in the 4096 bytes of a path.
const maxFolderPath = 3800

// Check finds, before any work, what would make writing fail or lose a
// file: an output that is an input (the same file, through links), two
// outputs that are one file, a folder where a file is wanted and the
// reverse, a missing folder, a file name too long, an output folder that
// holds an input or an output file, and a folder that cannot be written
// (permission, read-only file system). Mistakes in the command line wrap
// mentormatch.ErrUsage; a folder that cannot be written is the
// environment's error (fs.ErrPermission and the like).
func (p Paths) Check() error {
	var in []fs.FileInfo
	var inPaths []string
	for _, path := range p.Inputs {
		if st, err := os.Stat(path); err == nil {
			in = append(in, st)
			inPaths = append(inPaths, path)
		}
	}
	for _, o := range p.Files {
		if err := checkFile(o); err != nil {
			return err
		}
		if st, err := os.Stat(o.Path); err == nil {
			for k, st2 := range in {
				if os.SameFile(st, st2) {
					return fmt.Errorf("%w: %s %s is the input file %s: writing it would replace the input; give another file name", mentormatch.ErrUsage, o.Flag, o.Path, inPaths[k])
				}
			}
		}
	}
	for _, o := range p.Folders {
		if err := checkFolder(o.Flag, o.Path); err != nil {
			return err
		}
		dir := resolve(o.Path)
		if err := checkFixed(o, dir); err != nil {
			return err
		}
		for _, path := range p.Inputs {
			if within(resolve(path), dir) {
				return fmt.Errorf("%w: %s %s holds the input file %s; give a folder of its own", mentormatch.ErrUsage, o.Flag, o.Path, path)
			}
		}
		for _, f := range p.Files {
			if within(resolve(f.Path), dir) {
				return fmt.Errorf("%w: %s %s is inside %s %s; give a folder of its own", mentormatch.ErrUsage, f.Flag, f.Path, o.Flag, o.Path)
			}
		}
	}
	all := append(append([]Out{}, p.Files...), p.Folders...)
	for i, a := range all {
		for _, b := range all[:i] {
			ra, rb := resolve(a.Path), resolve(b.Path)
			if ra == rb || sameFile(a.Path, b.Path) {
				return fmt.Errorf("%w: %s and %s are both %s; give each its own", mentormatch.ErrUsage, b.Flag, a.Flag, a.Path)
			}
			if within(ra, rb) || within(rb, ra) {
				return fmt.Errorf("%w: %s %s and %s %s are one inside the other; give each a folder of its own", mentormatch.ErrUsage, b.Flag, b.Path, a.Flag, a.Path)
			}
		}
	}
	return nil
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// within reports whether path is inside dir, at any depth.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func flagged(flag, path string) string {
	if flag == "" {
		return path
	}
	return flag + " " + path
}

func checkFile(o Out) error {
	what := flagged(o.Flag, o.Path)
	if st, err := os.Stat(o.Path); err == nil && st.IsDir() {
		return fmt.Errorf("%w: %s: it is a folder; give a file name", mentormatch.ErrUsage, what)
	}
	target := resolve(o.Path)
	dir, base := filepath.Dir(target), filepath.Base(target)
	if len(base) > maxFileName {
		return fmt.Errorf("%w: %s: the file name is %d bytes long; at most %d", mentormatch.ErrUsage, what, len(base), maxFileName)
	}
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("%w: %s: the folder %s does not exist", mentormatch.ErrUsage, what, filepath.Dir(o.Path))
	case !st.IsDir():
		return fmt.Errorf("%w: %s: %s is not a folder", mentormatch.ErrUsage, what, filepath.Dir(o.Path))
	}
	removeStale(dir, base)
	return probe(o.Path, dir, base)
}

// probe finds out whether a file can be made in dir by making one, the
// only test that knows about permissions, access lists and read-only file
// systems alike.
func probe(path, dir, base string) error {
	f, err := os.CreateTemp(dir, tmpPattern(base))
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return denied(path, dir)
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

func checkFolder(flag, path string) error {
	what := flagged(flag, path)
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		return fmt.Errorf("%w: %s is a file; give a folder (it is made if missing)", mentormatch.ErrUsage, what)
	}
	target := resolve(path)
	if len(target) > maxFolderPath {
		return fmt.Errorf("%w: %s: the path is %d bytes long; at most %d", mentormatch.ErrUsage, what, len(target), maxFolderPath)
	}
	parent := filepath.Dir(target)
	if parent == target {
		return fmt.Errorf("%w: %s is the root of the file system; give a folder of its own", mentormatch.ErrUsage, what)
	}
	if wd, err := os.Getwd(); err == nil {
		if wd = resolve(wd); wd == target || within(wd, target) {
			return fmt.Errorf("%w: %s holds the current folder; give a folder of its own, such as %s", mentormatch.ErrUsage, what, filepath.Join(path, "out"))
		}
	}
	if st, err := os.Stat(target); err == nil {
		if pst, err := os.Stat(parent); err == nil && deviceOf(st) != deviceOf(pst) {
			return fmt.Errorf("%w: %s is a mount point, which cannot be replaced; give a folder inside it", mentormatch.ErrUsage, what)
		}
		if _, err := os.ReadDir(target); err != nil {
			return fmt.Errorf("cannot read the folder %s: %w", what, err)
		}
	}
	// The staging folder goes beside the target, in its parent or, when
	// that is missing too, in the first folder above it that exists.
	dir := parent
	for {
		st, err := os.Stat(dir)
		if err == nil {
			if !st.IsDir() {
				return fmt.Errorf("%w: %s: %s is not a folder", mentormatch.ErrUsage, what, dir)
			}
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			return fmt.Errorf("%w: %s: no folder above it exists", mentormatch.ErrUsage, what)
		}
		dir = up
	}
	return probe(path, dir, filepath.Base(target))
}

// checkFixed refuses a folder that has a file at one of the names the run
// always writes, when mentormatch did not write that file.
func checkFixed(o Out, dir string) error {
	if len(o.Fixed) == 0 {
		return nil
	}
	manifest, err := os.ReadFile(filepath.Join(dir, ManifestName))
	ours := map[string]bool{}
	for _, l := range strings.Split(string(manifest), "\n") {
		ours[l] = true
	}
	for _, name := range o.Fixed {
		data, rerr := os.ReadFile(filepath.Join(dir, name))
		if _, serr := os.Lstat(filepath.Join(dir, name)); serr != nil || ours[name] {
			continue
		}
		if err != nil && rerr == nil && o.Options.Ours != nil && o.Options.Ours(name, data) {
			continue
		}
		return fmt.Errorf("%w: %s is there and mentormatch did not write it: move it out of %s or give another folder; nothing was written", mentormatch.ErrUsage, filepath.Join(o.Path, name), o.Path)
	}
	return nil
}

// permissionError says which folder refused, and is fs.ErrPermission.
type permissionError struct{ path, dir string }

func denied(path, dir string) error { return permissionError{path, dir} }

func (e permissionError) Error() string {
	return fmt.Sprintf("cannot write %s: permission denied in the folder %s", e.path, e.dir)
}

func (permissionError) Unwrap() error { return fs.ErrPermission }
