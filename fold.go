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

// The headers the people readers take for the built-in columns that a
// criterion may also read, the column's own name first. One list for both,
// so that a "Team" column read as the department is found under "team"
// by a criterion too.
var builtinHeaders = map[string][]string{
	"department": {"department", "dept", "team", "org unit", "organisational unit", "organizational unit"},
	"level":      {"level", "grade", "job level", "seniority", "career level", "job grade"},
	"languages":  {"languages", "language", "spoken languages"},
	"timezone":   {"timezone", "time zone", "tz"},
}

// BuiltinHeaders returns the headers the people readers take for the
// built-in column named name ("department", "level", "languages" or
// "timezone"), name first; nil for any other name. The slice is a copy.
func BuiltinHeaders(name string) []string {
	return append([]string(nil), builtinHeaders[name]...)
}
