package scoring

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// status is how a pair stands against a criterion.
type status uint8

const (
	unknown   status = iota // a blank cell: the criterion says nothing
	met                     // the pair meets it
	unmet                   // the pair fails it
	blankFail               // a blank cell fails it (blank: fail)
)

// cval is one person's side of one criterion, parsed once.
type cval struct {
	blank bool
	id    int32   // categorical value; mentee_preference: the mentee's own mentor-column value, -1 when blank
	num   float64 // numbers
	set   []int32 // overlap: the items, sorted; mentee_preference: the values asked for, sorted
	same  bool    // mentee_preference: asked for a mentor like themselves
}

// criterion is a configured Criterion prepared for scoring.
type criterion struct {
	name      string
	kind      ruleKind
	weight    float64
	hard      bool
	component bool // shown in breakdowns: soft, or hard with a weight
	blank     string
	margin    float64
	scale     float64
	need      int    // overlap: items in common to meet it
	compat    []bool // compatible: compat[a*len(values)+b], mentee value a, mentor value b
	values    *interner
	fixed     *cval // Value: the mentor is compared with it instead of the mentee
	failKey   string
	blankKey  string
}

// preferenceBlank are the answers of a mentee who asks for nothing in a
// mentee_preference column.
var preferenceBlank = []string{"any", "anyone", "either", "no preference", "none", "n/a", "na", "-", "not important", "doesn't matter", "does not matter"}

// ruleKind is a rule as a small integer, so that scoring a pair compares
// no strings.
type ruleKind uint8

const (
	kSame ruleKind = iota
	kDifferent
	kOverlap
	kAtLeast
	kAtMost
	kCloser
	kCompatible
	kPreference
)

var ruleKinds = map[string]ruleKind{
	mentormatch.RuleSame: kSame, mentormatch.RuleDifferent: kDifferent, mentormatch.RuleOverlap: kOverlap,
	mentormatch.RuleAtLeast: kAtLeast, mentormatch.RuleAtMost: kAtMost, mentormatch.RuleCloserIsBetter: kCloser,
	mentormatch.RuleCompatible: kCompatible, mentormatch.RuleMenteePreference: kPreference,
}

// numeric rules read cells as numbers.
func (k ruleKind) numeric() bool { return k == kAtLeast || k == kAtMost || k == kCloser }

// splitList splits a list cell on ";" and ",", normalised, blanks dropped.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		if f = normalise(f, nil); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func sortedUnique(ids []int32) []int32 {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// prepareCriteria parses every person's cells for every criterion. Config
// problems (a column nobody has) and input problems (a cell that does not
// fit its rule) are all collected.
func (s *Scorer) prepareCriteria() mentormatch.Problems {
	var ps mentormatch.Problems
	cfg := s.cfg
	for k, cc := range cfg.Criteria {
		c := criterion{
			name: cc.ComponentName(), kind: ruleKinds[cc.Rule], weight: cc.Weight, hard: cc.Hard,
			component: cc.Weight > 0 || !cc.Hard, blank: cc.Blank, margin: cc.Margin, scale: cc.Scale,
			values: &interner{ids: map[string]int32{}},
		}
		if c.blank == "" {
			// A requirement on the mentor (a preference asked, a fixed
			// value) is not met by a mentor who left the cell blank.
			c.blank = mentormatch.BlankIgnore
			if c.kind == kPreference || cc.Value != "" {
				c.blank = mentormatch.BlankFail
			}
		}
		c.need = max(1, int(math.Ceil(cc.Margin)))
		c.failKey, c.blankKey = failKeys(cc, c.name, c.need)
		key := fmt.Sprintf("criteria[%d]", k+1)
		// Allowed values: the list given, and for compatible the table's.
		allowed := map[string]bool{}
		for _, v := range cc.Values {
			allowed[normalise(v, nil)] = true
			c.values.id(normalise(v, nil))
		}
		if c.kind == kCompatible {
			for _, a := range sortedKeys(cc.Table) {
				allowed[normalise(a, nil)] = true
				c.values.id(normalise(a, nil))
				for _, b := range cc.Table[a] {
					allowed[normalise(b, nil)] = true
					c.values.id(normalise(b, nil))
				}
			}
			n := len(c.values.names)
			c.compat = make([]bool, n*n)
			for a, bs := range cc.Table {
				ia, _ := c.values.lookup(normalise(a, nil))
				for _, b := range bs {
					ib, _ := c.values.lookup(normalise(b, nil))
					c.compat[int(ia)*n+int(ib)] = true
				}
			}
		}
		where := "criterion " + quote(c.name)
		if cc.Line > 0 {
			where += fmt.Sprintf(" (config line %d)", cc.Line)
		}
		// parse reads one cell of one person into v.
		parse := func(p *mentormatch.Person, col column, menteeSide bool, v *cval) {
			raw, header := col.cell(p)
			v.id = -1
			if raw == "" {
				v.blank = true
				return
			}
			bad := func(format string, a ...any) {
				ps = append(ps, mentormatch.Problem{File: p.Source.File, Sheet: p.Source.Sheet, Row: p.Source.Row,
					Column: header, Message: fmt.Sprintf(format, a...) + " for " + where})
			}
			check := func(val string) bool {
				if len(allowed) > 0 && !allowed[val] {
					bad("%q is not one of the values %s", val, strings.Join(sortedKeys(allowed), ", "))
					return false
				}
				return true
			}
			switch {
			case c.kind.numeric():
				n, ok := cfg.Number(raw)
				if !ok {
					bad("%q is not a number or a job title of the levels", raw)
					v.blank = true
					return
				}
				v.num = n
			case c.kind == kOverlap:
				for _, item := range splitList(raw) {
					if check(item) {
						v.set = append(v.set, c.values.id(item))
					}
				}
				v.set = sortedUnique(v.set)
				v.blank = len(v.set) == 0
			case c.kind == kPreference && menteeSide:
				if slices.Contains(preferenceBlank, normalise(raw, nil)) {
					v.blank = true
					return
				}
				for _, item := range splitList(raw) {
					if item == "same" {
						v.same = true
					} else if check(item) {
						v.set = append(v.set, c.values.id(item))
					}
				}
				v.set = sortedUnique(v.set)
				v.blank = len(v.set) == 0 && !v.same
			default:
				val := normalise(raw, nil)
				if !check(val) {
					v.blank = true
					return
				}
				v.id = c.values.id(val)
			}
		}
		menteeCol, mentorCol := newColumn(cc.Column), newColumn(cc.Column)
		if cc.MentorColumn != "" {
			mentorCol = newColumn(cc.MentorColumn)
		}
		if cc.Value != "" {
			c.fixed = &cval{id: -1}
			if c.kind.numeric() {
				c.fixed.num, _ = cfg.Number(cc.Value)
			} else {
				c.fixed.id = c.values.id(normalise(cc.Value, nil))
			}
		}
		seenMentee, seenMentor := false, false
		for i := range s.mentees {
			v := cval{id: -1}
			if c.fixed == nil {
				p := &s.p.People[s.mentees[i].idx]
				parse(p, menteeCol, true, &v)
				if c.kind == kPreference && v.same {
					var own cval
					parse(p, mentorCol, false, &own)
					if own.blank {
						ps = append(ps, mentormatch.Problem{File: p.Source.File, Sheet: p.Source.Sheet, Row: p.Source.Row, Column: cellHeader(p, menteeCol),
							Message: fmt.Sprintf(`asks for "same" but their own %q cell is blank, so no mentor can match it, for %s`, mentorCol.asked, where)})
					}
					v.id = own.id
				}
				seenMentee = seenMentee || !v.blank || v.same
			}
			s.mentees[i].crit = append(s.mentees[i].crit, v)
		}
		for j := range s.mentors {
			v := cval{id: -1}
			parse(&s.p.People[s.mentors[j].idx], mentorCol, false, &v)
			seenMentor = seenMentor || !v.blank
			s.mentors[j].crit = append(s.mentors[j].crit, v)
		}
		missing := func(side string, people []int, col column, field string) {
			seen := extraHeaders(s.p, people)
			list := "none"
			if len(seen) > 0 {
				list = strings.Join(seen, ", ")
			}
			ps = append(ps, mentormatch.Problem{Column: key + "." + field, Message: fmt.Sprintf(
				"no %s has a value in column %q, which %s reads: the column is missing or empty (other columns seen: %s)",
				side, col.asked, where, list)})
		}
		menteeMissing := c.fixed == nil && !seenMentee && len(s.mentees) > 0
		mentorMissing := !seenMentor && len(s.mentors) > 0
		switch {
		case !menteeMissing:
		case c.kind == kPreference:
			// Nobody asking is a valid cohort; a misspelt column looks
			// the same, so say so without stopping.
			s.warnings = append(s.warnings, mentormatch.Problem{Column: key + ".column", Message: fmt.Sprintf(
				"no mentee has a value in column %q, which %s reads: nobody asked, or the column is missing", menteeCol.asked, where)})
		case mentorMissing && cc.MentorColumn == "":
			// One column missing on both sides: one problem.
			missing("mentee or mentor", append(slices.Clone(s.p.Mentees), s.p.Mentors...), menteeCol, "column")
			mentorMissing = false
		default:
			missing("mentee", s.p.Mentees, menteeCol, "column")
		}
		if mentorMissing {
			field := "column"
			if cc.MentorColumn != "" {
				field = "mentor_column"
			}
			missing("mentor", s.p.Mentors, mentorCol, field)
		}
		if c.kind == kCloser && c.scale == 0 {
			c.scale = s.spread(len(s.crits))
		}
		s.crits = append(s.crits, c)
		if c.hard {
			s.hardCrits = append(s.hardCrits, len(s.crits)-1)
		}
		if c.component {
			s.softCrits = append(s.softCrits, len(s.crits)-1)
		}
	}
	return ps
}

// cellHeader is the header of p's cell in col, or the column as asked.
func cellHeader(p *mentormatch.Person, col column) string {
	if _, h := col.cell(p); h != "" {
		return h
	}
	return col.asked
}

// spread is the largest difference between two values of criterion k.
func (s *Scorer) spread(k int) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, side := range [][]person{s.mentees, s.mentors} {
		for i := range side {
			if v := side[i].crit[k]; !v.blank {
				lo, hi = math.Min(lo, v.num), math.Max(hi, v.num)
			}
		}
	}
	if hi > lo {
		return hi - lo
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// failKeys are the short reasons a hard criterion gives for a pair it
// forbids, the same for every pair so that unmatched reasons group them.
func failKeys(cc mentormatch.Criterion, name string, need int) (fail, blank string) {
	blank = "no " + name + " given"
	switch cc.Rule {
	case mentormatch.RuleSame:
		fail = name + " differs"
		if cc.Value != "" {
			fail = name + " is not " + normalise(cc.Value, nil)
		}
	case mentormatch.RuleDifferent:
		fail = "same " + name
		if cc.Value != "" {
			fail = name + " is " + normalise(cc.Value, nil)
		}
	case mentormatch.RuleOverlap:
		fail = "no " + name + " in common"
		if need > 1 {
			fail = fmt.Sprintf("fewer than %d %s in common", need, name)
		}
	case mentormatch.RuleAtLeast:
		fail = name + " too low"
	case mentormatch.RuleAtMost:
		fail = name + " too high"
	case mentormatch.RuleCloserIsBetter:
		fail = name + " too far apart"
	case mentormatch.RuleCompatible:
		fail = name + " not compatible"
	case mentormatch.RuleMenteePreference:
		fail = name + " not as the mentee asked"
		blank = name + " not given by the mentor"
	}
	return fail, blank
}

// eval is how mentee side e and mentor side m stand against c, and the
// soft value in [0, 1] when the status is met or unmet. It allocates
// nothing: O(1), or O(list lengths) for overlap and mentee_preference.
func (c *criterion) eval(e, m *cval) (float64, status) {
	if c.fixed != nil {
		e = c.fixed
	}
	if c.kind == kPreference && e.blank {
		return 0, unknown // the mentee asked for nothing
	}
	if e.blank || m.blank {
		switch c.blank {
		case mentormatch.BlankFail:
			return 0, blankFail
		case mentormatch.BlankAsValue:
			// Blank is a value of its own: equal to blank only.
			if equal := e.blank && m.blank; equal == (c.kind == kSame) {
				return 1, met
			}
			return 0, unmet
		}
		return 0, unknown
	}
	ok := false
	v := 0.0
	switch c.kind {
	case kSame:
		ok = e.id == m.id
	case kDifferent:
		ok = e.id != m.id
	case kCompatible:
		n := len(c.values.names)
		ok = c.compat[int(e.id)*n+int(m.id)]
	case kPreference:
		ok = e.same && e.id == m.id
		if !ok {
			_, ok = slices.BinarySearch(e.set, m.id)
		}
	case kAtLeast:
		ok = m.num-e.num >= c.margin
	case kAtMost:
		ok = m.num-e.num <= c.margin
	case kCloser:
		d := math.Abs(m.num - e.num)
		ok = d <= c.margin
		switch {
		case c.scale > 0:
			v = math.Max(0, 1-d/c.scale)
		case d == 0:
			v = 1
		}
	case kOverlap:
		n := shared(e.set, m.set)
		ok = n >= c.need
		v = float64(n) / float64(len(e.set))
	}
	if c.kind != kCloser && c.kind != kOverlap && ok {
		v = 1
	}
	if ok {
		return v, met
	}
	return v, unmet
}

// shared counts the items two sorted lists have in common.
func shared(a, b []int32) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// softValue is the component's value: neutral when the cells say nothing.
func softValue(v float64, st status) float64 {
	if st == unknown {
		return neutral
	}
	return v
}

// critPoints is Σ weight × value over the soft criteria of a pair, added
// in configuration order by Matrix and Pair alike so that both round the
// same.
func (s *Scorer) critPoints(e, m *person) float64 {
	sum := 0.0
	for _, k := range s.softCrits {
		c := &s.crits[k]
		if c.weight == 0 {
			continue
		}
		v, st := c.eval(&e.crit[k], &m.crit[k])
		sum += c.weight * softValue(v, st)
	}
	return sum
}

// failedHard returns the first hard criterion the pair fails, as its short
// reason and index, or "" and -1.
func (s *Scorer) failedHard(e, m *person) (string, int) {
	for _, k := range s.hardCrits {
		c := &s.crits[k]
		switch _, st := c.eval(&e.crit[k], &m.crit[k]); st {
		case unmet:
			return c.failKey, k
		case blankFail:
			return c.blankKey, k
		}
	}
	return "", -1
}

// show is a person's side of a criterion in words.
func (c *criterion) show(v *cval) string {
	switch {
	case v.blank && !v.same:
		return "blank"
	case c.kind.numeric():
		return trimFloat(v.num)
	case v.set != nil || v.same:
		var items []string
		if v.same {
			items = append(items, "same")
		}
		for _, id := range v.set {
			items = append(items, c.values.names[id])
		}
		return strings.Join(items, "; ")
	}
	return c.values.names[v.id]
}

// detail says what the two sides hold, for a forbidden pair.
func (c *criterion) detail(e, m *cval) string {
	if c.fixed != nil {
		return "mentor: " + c.show(m)
	}
	return fmt.Sprintf("mentee: %s, mentor: %s", c.show(e), c.show(m))
}

// reasonPart is the criterion's part of a pair's one-line reason, or ""
// when it adds nothing worth saying.
func (c *criterion) reasonPart(e, m *cval) string {
	v, st := c.eval(e, m)
	if st != met || v <= 0 {
		return ""
	}
	if c.fixed != nil {
		return c.name + ": " + c.show(m)
	}
	switch c.kind {
	case kSame:
		return "same " + c.name + ": " + c.show(m)
	case kDifferent, kAtLeast, kAtMost, kCloser:
		return fmt.Sprintf("%s %s vs %s", c.name, c.show(m), c.show(e))
	case kCompatible:
		return fmt.Sprintf("%s: %s with %s", c.name, c.show(e), c.show(m))
	case kPreference:
		return fmt.Sprintf("%s as asked: %s", c.name, c.show(m))
	case kOverlap:
		var items []string
		for _, id := range m.set {
			if _, ok := slices.BinarySearch(e.set, id); ok {
				items = append(items, c.values.names[id])
			}
		}
		if len(items) > 2 {
			items = append(items[:2], fmt.Sprintf("%d more", len(items)-2))
		}
		return c.name + ": " + strings.Join(items, ", ")
	}
	return ""
}
