package mentormatch

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ConfigMaxBytes is the largest configuration file read. A larger one is
// refused whole: cutting it could change a value that straddles the cut.
const ConfigMaxBytes = 1 << 20

// configNodeBudget bounds the nodes walked, aliases expanded, so that a
// file of nested aliases cannot make the check run away.
const configNodeBudget = 1_000_000

// yamlChecker walks a YAML document against the Config type and collects,
// in words and with lines, every key the type does not know, every value
// of the wrong kind and every key given twice. The YAML decoder reports
// the first of these in Go's terms ("field x not found in type
// mentormatch.Rules"); a user needs all of them, named as they wrote them.
type yamlChecker struct {
	ps     Problems // Column: the key; Row: its line
	budget int
}

func (y *yamlChecker) add(key string, line int, format string, a ...any) {
	y.ps = append(y.ps, Problem{Column: key, Row: line, Message: fmt.Sprintf(format, a...)})
}

// yamlFields lists the YAML keys of a struct type and their field types.
func yamlFields(t reflect.Type) (names []string, types map[string]reflect.Type) {
	types = map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		names = append(names, name)
		types[name] = f.Type
	}
	return names, types
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// check walks n, which is to be decoded into a value of type t at key.
func (y *yamlChecker) check(n *yaml.Node, t reflect.Type, key string, depth int) {
	y.budget--
	if n == nil || n.Kind == 0 || y.budget < 0 || depth > 64 {
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			y.check(c, t, key, depth+1)
		}
		return
	case yaml.AliasNode:
		y.check(n.Alias, t, key, depth+1)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value keeps the default
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			y.add(key, n.Line, "expected keys under %s, found %s", keyName(key), nodeWords(n))
			return
		}
		names, types := yamlFields(t)
		y.mapping(n, key, depth, func(k *yaml.Node) (reflect.Type, bool) {
			ft, ok := types[k.Value]
			if !ok {
				y.unknown(join(key, k.Value), k.Line, names, key)
			}
			return ft, ok
		})
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			y.add(key, n.Line, "expected name: value pairs, found %s", nodeWords(n))
			return
		}
		y.mapping(n, key, depth, func(k *yaml.Node) (reflect.Type, bool) {
			if k.Kind != yaml.ScalarNode {
				y.add(key, k.Line, "expected a name as key, found %s", nodeWords(k))
				return nil, false
			}
			return t.Elem(), true
		})
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			y.add(key, n.Line, "expected a list, found %s", nodeWords(n))
			return
		}
		for i, c := range n.Content {
			y.check(c, t.Elem(), fmt.Sprintf("%s[%d]", key, i+1), depth+1)
		}
	default:
		y.scalar(n, t, key)
	}
}

// mapping checks the keys of a mapping node: given twice, merged (<<), and
// each value against the type field returns for its key.
func (y *yamlChecker) mapping(n *yaml.Node, key string, depth int, field func(k *yaml.Node) (reflect.Type, bool)) {
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			y.merge(v, key, depth, field)
			continue
		}
		if k.Kind == yaml.ScalarNode {
			if at, dup := first[k.Value]; dup {
				y.add(join(key, k.Value), k.Line, "given twice (first at line %d): keep one", at)
				continue
			}
			first[k.Value] = k.Line
		}
		if ft, ok := field(k); ok {
			y.check(v, ft, join(key, k.Value), depth+1)
		}
	}
}

// merge checks the value of a merge key (<<: *anchor): a mapping, or a
// list of them, whose keys join the enclosing mapping.
func (y *yamlChecker) merge(v *yaml.Node, key string, depth int, field func(k *yaml.Node) (reflect.Type, bool)) {
	y.budget--
	if y.budget < 0 || depth > 64 {
		return
	}
	switch v.Kind {
	case yaml.AliasNode:
		y.merge(v.Alias, key, depth+1, field)
	case yaml.MappingNode:
		y.mapping(v, key, depth+1, field)
	case yaml.SequenceNode:
		for _, c := range v.Content {
			y.merge(c, key, depth+1, field)
		}
	default:
		y.add(key, v.Line, "<< merges keys from a mapping, found %s", nodeWords(v))
	}
}

// scalar checks a value to be decoded into a bool, a number or text.
func (y *yamlChecker) scalar(n *yaml.Node, t reflect.Type, key string) {
	if n.Kind != yaml.ScalarNode {
		y.add(key, n.Line, "expected %s, found %s", kindWords(t), nodeWords(n))
		return
	}
	var v any
	if err := n.Decode(&v); err != nil {
		y.add(key, n.Line, "%q: expected %s", n.Value, kindWords(t))
		return
	}
	switch t.Kind() {
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			y.add(key, n.Line, "%q: expected true or false", n.Value)
		}
	case reflect.Int, reflect.Int64:
		f, ok := number(v)
		switch {
		case !ok:
			y.add(key, n.Line, "%q: expected %s", n.Value, kindWords(t))
		case f != math.Trunc(f) || math.IsInf(f, 0):
			y.add(key, n.Line, "%s: expected a whole number", n.Value)
		case f < -(1<<53) || f > 1<<53:
			y.add(key, n.Line, "%s: too large", n.Value)
		}
	case reflect.Float64:
		if _, ok := number(v); !ok {
			if _, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); errors.Is(err, strconv.ErrRange) {
				y.add(key, n.Line, "%s: beyond the largest number (about 1.8e308)", n.Value)
			} else {
				y.add(key, n.Line, "%q: expected a number", n.Value)
			}
		}
	case reflect.String:
		var s string
		if err := n.Decode(&s); err != nil {
			y.add(key, n.Line, "%q: expected text", n.Value)
		}
	}
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func kindWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "keys"
	}
	return "text"
}

func nodeWords(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "keys"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

func keyName(key string) string {
	if key == "" {
		return "the top level"
	}
	return key
}

// unknown reports a key the type does not hold, with the nearest known
// key at that level, or else the same name elsewhere in the configuration.
func (y *yamlChecker) unknown(key string, line int, known []string, prefix string) {
	name := key[strings.LastIndex(key, ".")+1:]
	msg := fmt.Sprintf("unknown key %s (line %d)", key, line)
	if s := suggest(name, known); s != "" {
		msg += "; did you mean " + join(prefix, s) + "?"
	} else if s := configKeys()[name]; s != "" && s != key {
		msg += "; did you mean " + s + "?"
	}
	y.ps = append(y.ps, Problem{Row: line, Message: msg})
}

// suggest is the known name nearest to name: a few letters apart, or one
// the start of the other.
func suggest(name string, known []string) string {
	best, bestD := "", math.MaxInt
	for _, k := range known {
		d := editDistance(strings.ToLower(name), k)
		ok := d <= max(2, len(k)/4)
		if len(name) >= 4 && (strings.HasPrefix(k, strings.ToLower(name)) || strings.HasPrefix(strings.ToLower(name), k)) {
			ok = true
		}
		if ok && d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and
// swaps of neighbours that turn a into b.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	if len(x) > 64 || len(y) > 64 {
		return math.MaxInt / 2
	}
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// configKeys maps the last part of every key a configuration may hold to
// its full key, for names given at the wrong level. Lists and maps of
// free names are not entered.
func configKeys() map[string]string {
	out := map[string]string{}
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		names, types := yamlFields(t)
		for _, n := range names {
			full := join(prefix, n)
			if _, dup := out[n]; !dup {
				out[n] = full
			}
			if types[n].Kind() == reflect.Struct {
				walk(types[n], full)
			}
		}
	}
	walk(reflect.TypeFor[Config](), "")
	return out
}

// yamlSyntax words a YAML syntax error without the library's prefix.
func yamlSyntax(err error) string {
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// located turns problems that name a key (Column) into lines that say
// where the key is, sorted by line: "weights.goals (line 2): must be 0 or
// more". Row, when set, is the line; otherwise it is looked up in root.
func located(ps Problems, root *yaml.Node) Problems {
	out := make(Problems, 0, len(ps))
	seen := map[string]bool{}
	for _, p := range ps {
		line := p.Row
		if line == 0 && root != nil {
			line = keyLine(root, p.Column)
		}
		msg := p.Message
		switch {
		case p.Column == "":
		case line > 0:
			msg = fmt.Sprintf("%s (line %d): %s", p.Column, line, p.Message)
		default:
			msg = p.Column + ": " + p.Message
		}
		if seen[msg] {
			continue
		}
		seen[msg] = true
		out = append(out, Problem{Row: line, Message: msg})
	}
	slices.SortStableFunc(out, func(a, b Problem) int {
		if c := cmp.Compare(a.Row, b.Row); c != 0 {
			return c
		}
		return cmp.Compare(a.Message, b.Message)
	})
	for i := range out {
		out[i].Row = 0
	}
	return out
}
