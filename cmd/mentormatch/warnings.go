package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// shownExamples is how many examples a grouped warning names.
const shownExamples = 3

// printWarnings writes warnings to w, one line per kind: an HR export can
// name hundreds of managers outside the program, and a line for each
// buries the one warning that matters. Every warning stays in the output
// file (the Warnings sheet, the JSON), so the console only summarises.
func printWarnings(w io.Writer, warnings ...[]string) {
	var all []string
	for _, ws := range warnings {
		all = append(all, ws...)
	}
	for _, l := range groupWarnings(all) {
		fmt.Fprintln(w, "warning:", l)
	}
}

// variable is what differs between warnings of one kind: a quoted value or
// a number (a row, a count, an hour).
var variable = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|\d+`)

// groupWarnings folds warnings that differ only in quoted values and
// numbers into one line each, in the order their kinds first appear. A
// kind seen once or twice is left as it is.
func groupWarnings(ws []string) []string {
	type group struct {
		template string
		members  []string
		vars     [][]string
	}
	var groups []*group
	byTemplate := map[string]*group{}
	for _, s := range ws {
		tmpl := variable.ReplaceAllStringFunc(s, func(v string) string {
			if v[0] == '"' {
				return `"…"`
			}
			return "#"
		})
		vars := variable.FindAllString(s, -1)
		key := fmt.Sprint(len(vars), tmpl) // a message may itself hold "…"
		g := byTemplate[key]
		if g == nil {
			g = &group{template: tmpl}
			byTemplate[key] = g
			groups = append(groups, g)
		}
		g.members = append(g.members, s)
		g.vars = append(g.vars, vars)
	}
	var out []string
	for _, g := range groups {
		if len(g.members) <= 2 {
			out = append(out, g.members...)
			continue
		}
		examples := exampleValues(g.vars)
		switch {
		case strings.Contains(g.template, "is not in the files: ignored; managers outside the program are normal"):
			out = append(out, fmt.Sprintf("%d rows name a manager who is not in the files (%s): ignored; managers outside the program are normal",
				len(g.members), strings.Join(examples, ", ")))
		case len(examples) < 2:
			out = append(out, fmt.Sprintf("%s (and %d more like it)", g.members[0], len(g.members)-1))
		default:
			out = append(out, fmt.Sprintf("%s (and %d more like it: %s)", g.members[0], len(g.members)-1, strings.Join(examples[1:], ", ")))
		}
	}
	return out
}

// exampleValues are the first distinct values of the variable that tells
// the members of a group apart, a quoted one (an id) before a number (a
// row), unquoted, ending in "…" when there are more.
func exampleValues(vars [][]string) []string {
	at, numeric := -1, -1
	for k := range vars[0] {
		differs := false
		for _, v := range vars[1:] {
			if v[k] != vars[0][k] {
				differs = true
				break
			}
		}
		if !differs {
			continue
		}
		if vars[0][k][0] == '"' {
			at = k
			break
		}
		if numeric < 0 {
			numeric = k
		}
	}
	if at < 0 {
		at = numeric
	}
	if at < 0 { // identical warnings: nothing tells them apart
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, v := range vars {
		x := strings.Trim(v[at], `"`)
		if seen[x] {
			continue
		}
		if len(out) == shownExamples+1 {
			out = append(out, "…")
			break
		}
		seen[x] = true
		out = append(out, x)
	}
	return out
}
