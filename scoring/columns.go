package scoring

import (
	"sort"
	"strconv"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// builtinColumn is a column the people readers turn into a Person field,
// which a criterion may read too.
type builtinColumn struct {
	name string // as the documentation names it
	cell func(p *mentormatch.Person) string
}

// builtinColumns maps folded headers to the built-in columns criteria may
// name, under the headers the people readers take for them
// (mentormatch.BuiltinHeaders).
var builtinColumns = map[string]builtinColumn{}

func init() {
	for _, b := range []struct {
		col     builtinColumn
		aliases []string
	}{
		{builtinColumn{"department", func(p *mentormatch.Person) string { return p.Department }},
			mentormatch.BuiltinHeaders("department")},
		{builtinColumn{"level", func(p *mentormatch.Person) string {
			if p.Level <= 0 {
				return ""
			}
			return strconv.Itoa(p.Level)
		}}, mentormatch.BuiltinHeaders("level")},
		{builtinColumn{"languages", func(p *mentormatch.Person) string { return strings.Join(p.Languages, "; ") }},
			mentormatch.BuiltinHeaders("languages")},
		{builtinColumn{"timezone", func(p *mentormatch.Person) string { return p.TimeZone }},
			mentormatch.BuiltinHeaders("timezone")},
	} {
		for _, a := range b.aliases {
			builtinColumns[mentormatch.FoldHeader(a)] = b.col
		}
	}
}

// column is a criterion's column, resolved.
type column struct {
	asked   string // as the configuration names it
	key     string // folded
	builtin *builtinColumn
}

func newColumn(name string) column {
	c := column{asked: strings.TrimSpace(name), key: mentormatch.FoldHeader(name)}
	if b, ok := builtinColumns[c.key]; ok {
		c.builtin = &b
	}
	return c
}

// cell returns p's cell in the column, trimmed, and the column's header as
// the person's file writes it ("" when the cell is blank).
func (c column) cell(p *mentormatch.Person) (value, header string) {
	if c.builtin != nil {
		return strings.TrimSpace(c.builtin.cell(p)), c.builtin.name
	}
	// Two headers of one file may fold alike ("Gender", "gender"): the
	// first in byte order wins, so the choice never depends on map order.
	for k, v := range p.Extra {
		if mentormatch.FoldHeader(k) == c.key && (header == "" || k < header) {
			value, header = v, k
		}
	}
	return strings.TrimSpace(value), header
}

// extraHeaders lists the headers of the columns the readers kept as extra
// for the people given, sorted, for a message about a missing column.
func extraHeaders(p *mentormatch.Program, people []int) []string {
	seen := map[string]bool{}
	for _, i := range people {
		for k := range p.People[i].Extra {
			seen[k] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
