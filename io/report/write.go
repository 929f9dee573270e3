package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// WriteFile writes path atomically: to a temporary file in the same folder,
// fsync, then rename; on any error the temporary file is removed and a
// previous file at path is left intact.
func WriteFile(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
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
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func ext(path string) string { return strings.ToLower(filepath.Ext(path)) }

func usageExt(path string, want string) error {
	return fmt.Errorf("%w: %s: unsupported file extension %q (use %s)", mentormatch.ErrUsage, path, filepath.Ext(path), want)
}

// WriteRoster writes r in the format given by path's extension: .xlsx, .csv
// or .json; anything else is an error wrapping mentormatch.ErrUsage.
func WriteRoster(path string, r *mentormatch.Roster) error {
	var enc func(io.Writer, *mentormatch.Roster) error
	switch ext(path) {
	case ".json":
		enc = EncodeRosterJSON
	case ".csv":
		enc = EncodeRosterCSV
	case ".xlsx":
		enc = EncodeRosterXLSX
	default:
		return usageExt(path, ".xlsx, .csv or .json")
	}
	return WriteFile(path, func(w io.Writer) error { return enc(w, r) })
}

// WritePlan writes p (its roster, cohorts, sessions and warnings) as .json,
// .csv (the roster only) or .xlsx.
func WritePlan(path string, p *mentormatch.Plan) error {
	switch ext(path) {
	case ".json":
		return WriteFile(path, func(w io.Writer) error { return EncodePlanJSON(w, p) })
	case ".csv", ".xlsx":
		r := p.Roster
		if r == nil {
			r = &mentormatch.Roster{}
		}
		return WriteRoster(path, r)
	}
	return usageExt(path, ".xlsx, .csv or .json")
}

// isFormulaLike reports whether a spreadsheet would treat s as a formula.
func isFormulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// csvSafe prefixes formula-looking text with a quote so spreadsheets show it as text.
func csvSafe(s string) string {
	if isFormulaLike(s) {
		return "'" + s
	}
	return s
}
