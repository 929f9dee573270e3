package mentormatch

import "strings"

// FoldHeader is how a column header is compared: case-insensitively, with
// spaces, tabs, line breaks, non-breaking spaces, "_", "-", "." and a
// stray byte-order mark ignored, so "Employee ID", "employee_id" and
// "EMPLOYEE-ID" are one column. The people readers and the configuration's
// criteria both use it, so a criterion names a column as a reader sees it.
func FoldHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '\t', '\n', '\r', '_', '-', '.', '\u00a0', '\ufeff':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
