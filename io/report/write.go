package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
)

func ext(path string) string { return strings.ToLower(filepath.Ext(path)) }

func usageExt(path string, want string) error {
	return fmt.Errorf("%w: %s: unsupported file extension %q (use %s)", mentormatch.ErrUsage, path, filepath.Ext(path), want)
}

// WriteRoster writes r in the format given by path's extension: .xlsx, .csv
// or .json; anything else is an error wrapping mentormatch.ErrUsage.
func WriteRoster(path string, r *mentormatch.Roster, opts ...Option) error {
	o := collect(opts)
	switch ext(path) {
	case ".json":
		return o.write(path, func(w io.Writer) error { return EncodeRosterJSON(w, r, opts...) })
	case ".xlsx":
		return o.write(path, func(w io.Writer) error { return EncodeRosterXLSX(w, r, opts...) })
	case ".csv":
		return o.together(func(b *output.Batch) error {
			if err := writeQuotasCSV(b, path, r); err != nil {
				return err
			}
			return b.File(path, func(w io.Writer) error { return EncodeRosterCSV(w, r) })
		})
	}
	return usageExt(path, ".xlsx, .csv or .json")
}

// WriteFile is output.WriteFile, for the callers of report.
func WriteFile(path string, write func(w io.Writer) error) error {
	return output.WriteFile(path, write)
}

// WritePlan writes p as .json (EncodePlanJSON), .xlsx (EncodePlanXLSX) or
// .csv (the roster only); anything else is an error wrapping
// mentormatch.ErrUsage.
func WritePlan(path string, p *mentormatch.Plan, opts ...Option) error {
	o := collect(opts)
	switch ext(path) {
	case ".json":
		return o.write(path, func(w io.Writer) error { return EncodePlanJSON(w, p, opts...) })
	case ".xlsx":
		return o.write(path, func(w io.Writer) error { return EncodePlanXLSX(w, p, opts...) })
	case ".csv":
		r := p.Roster
		if r == nil {
			r = &mentormatch.Roster{}
		}
		return WriteRoster(path, r, opts...)
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
