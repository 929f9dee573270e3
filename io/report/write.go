package report

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

// WriteFile writes path atomically: to a temporary file in the same folder,
// fsync, then rename over path. On any error, including a panic in write,
// the temporary file is removed and a previous file at path is left intact,
// so a roster is written whole or not at all. A previous file keeps its
// permissions; a symbolic link at path is followed, so the file it points
// to is replaced, not the link. A missing folder, or a folder at path, is a
// usage error (mentormatch.ErrUsage).
func WriteFile(path string, write func(w io.Writer) error) (err error) {
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
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp*")
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("%w: cannot write %s: the folder %s does not exist", mentormatch.ErrUsage, path, dir)
		case errors.Is(err, fs.ErrPermission):
			return fmt.Errorf("cannot write %s: permission denied in the folder %s: %w", path, dir, fs.ErrPermission)
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp, target); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	done = true
	return nil
}

func ext(path string) string { return strings.ToLower(filepath.Ext(path)) }

func usageExt(path string, want string) error {
	return fmt.Errorf("%w: %s: unsupported file extension %q (use %s)", mentormatch.ErrUsage, path, filepath.Ext(path), want)
}

// WriteRoster writes r in the format given by path's extension: .xlsx, .csv
// or .json; anything else is an error wrapping mentormatch.ErrUsage.
func WriteRoster(path string, r *mentormatch.Roster, opts ...Option) error {
	var enc func(io.Writer, *mentormatch.Roster, ...Option) error
	switch ext(path) {
	case ".json":
		enc = EncodeRosterJSON
	case ".csv":
		if err := writeQuotasCSV(path, r); err != nil {
			return err
		}
		enc = func(w io.Writer, r *mentormatch.Roster, _ ...Option) error { return EncodeRosterCSV(w, r) }
	case ".xlsx":
		enc = EncodeRosterXLSX
	default:
		return usageExt(path, ".xlsx, .csv or .json")
	}
	return WriteFile(path, func(w io.Writer) error { return enc(w, r, opts...) })
}

// WritePlan writes p as .json (EncodePlanJSON), .xlsx (EncodePlanXLSX) or
// .csv (the roster only); anything else is an error wrapping
// mentormatch.ErrUsage.
func WritePlan(path string, p *mentormatch.Plan, opts ...Option) error {
	switch ext(path) {
	case ".json":
		return WriteFile(path, func(w io.Writer) error { return EncodePlanJSON(w, p, opts...) })
	case ".xlsx":
		return WriteFile(path, func(w io.Writer) error { return EncodePlanXLSX(w, p, opts...) })
	case ".csv":
		r := p.Roster
		if r == nil {
			r = &mentormatch.Roster{}
		}
		return WriteRoster(path, r)
	}
	return usageExt(path, ".xlsx, .csv or .json")
}

// isFormulaLike reports whether a spreadsheet opening a CSV file would
// treat s as a formula: it starts with "=", "+", "-" or "@", or with a tab
// or carriage return that the spreadsheet may strip before one. A plain
// number such as "-3" or "+1.5" is not: it reads as that number.
func isFormulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return true
	case '+', '-':
		return !plainNumber(s)
	}
	return false
}

// plainNumber reports whether s is a decimal number with an optional sign,
// fraction and exponent, and nothing else (not "Inf", "0x1p3" or "1_000").
func plainNumber(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	digits, dot := 0, false
	for len(s) > 0 {
		c := s[0]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case (c == 'e' || c == 'E') && digits > 0:
			s = strings.TrimPrefix(strings.TrimPrefix(s[1:], "+"), "-")
			return s != "" && strings.Trim(s, "0123456789") == ""
		default:
			return false
		}
		s = s[1:]
	}
	return digits > 0
}

// csvSafe prefixes formula-looking text with an apostrophe, the mark a
// spreadsheet itself uses for "this is text", so a cell such as
// =HYPERLINK(...) or @SUM(...) in a name is shown, never run.
func csvSafe(s string) string {
	if isFormulaLike(s) {
		return "'" + s
	}
	return s
}
