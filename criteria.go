package mentormatch

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Criteria and quotas are the program's own matching rules and targets,
// and their checks; scoring/criteria.go applies them to pairs.

// Rules a Criterion may follow. The mentee's cell is compared with the
// mentor's (or with Criterion.Value).
const (
	RuleSame             = "same"              // equal values
	RuleDifferent        = "different"         // unequal values
	RuleOverlap          = "overlap"           // lists with items in common
	RuleAtLeast          = "at_least"          // mentor ≥ mentee + margin
	RuleAtMost           = "at_most"           // mentor ≤ mentee + margin
	RuleCloserIsBetter   = "closer_is_better"  // numbers near each other
	RuleCompatible       = "compatible"        // values that the table pairs
	RuleMenteePreference = "mentee_preference" // the mentor is what the mentee asked for
)

// CriterionRules lists the rules, in the order the documentation gives them.
var CriterionRules = []string{RuleSame, RuleDifferent, RuleOverlap, RuleAtLeast, RuleAtMost,
	RuleCloserIsBetter, RuleCompatible, RuleMenteePreference}

// What a blank cell means to a criterion (Criterion.Blank).
const (
	BlankIgnore  = "ignore"   // the criterion says nothing about the pair
	BlankFail    = "fail"     // the pair fails the criterion
	BlankAsValue = "as_value" // blank is a value of its own (same, different)
)

// Criterion is a matching rule of the program's own on any column of the
// people files. A soft criterion (Weight above 0) is a score component
// like the built-in ones; a hard one forbids every pair that fails it.
type Criterion struct {
	// Name is the component's name in breakdowns and quotas; empty: the
	// column in lower case.
	Name string `yaml:"name"`
	// Column is a header of the people files, matched like the built-in
	// columns (case, spaces, "_", "-" and "." do not matter). The built-in
	// department, level, languages and timezone columns may be named too.
	Column string `yaml:"column"`
	// MentorColumn is read on the mentor's side instead of Column.
	// mentee_preference needs it: Column holds what the mentee asks for,
	// MentorColumn what the mentor is.
	MentorColumn string `yaml:"mentor_column"`
	// Rule is one of CriterionRules.
	Rule string `yaml:"rule"`
	// Weight is the component's weight, on the scale of Weights.
	Weight float64 `yaml:"weight"`
	// Hard forbids every pair that fails the criterion.
	Hard bool `yaml:"hard"`
	// Values, when given, are the only values a cell may hold.
	Values []string `yaml:"values"`
	// Table (compatible) maps a mentee's value to the mentor values that
	// pair well with it.
	Table map[string][]string `yaml:"table"`
	// Margin: at_least needs mentor ≥ mentee + margin, at_most mentor ≤
	// mentee + margin; closer_is_better is met when the two are at most
	// margin apart; overlap is met with at least margin items in common
	// (0 counts as 1).
	Margin float64 `yaml:"margin"`
	// Scale (closer_is_better) is the distance at which the soft value
	// falls to 0; 0 takes the spread of the column's values.
	Scale float64 `yaml:"scale"`
	// Value, when set, is compared with the mentor's cell instead of the
	// mentee's: a requirement on mentors alone.
	Value string `yaml:"value"`
	// Blank is BlankIgnore, BlankFail or BlankAsValue; empty: ignore,
	// except that mentee_preference, and a criterion with a Value, fail a
	// blank mentor cell. A mentee who
	// leaves a mentee_preference cell blank asked for nothing: it is
	// ignored for them whatever Blank says.
	Blank string `yaml:"blank"`
	// Line is where the criterion starts in the configuration file, 0 when
	// it was not read from one.
	Line int `yaml:"-"`
}

// ComponentName is the criterion's name as breakdowns and quotas use it.
func (c Criterion) ComponentName() string {
	if n := NormaliseTopic(c.Name); n != "" {
		return n
	}
	return NormaliseTopic(c.Column)
}

// Quota is a program-level target on the share of matched pairs that meet
// a criterion, such as "at least 40% of pairs cross-department". A soft
// quota is reported; a hard one is enforced by the solver.
type Quota struct {
	// Name labels the quota in the summary; empty: the criterion's name.
	Name string `yaml:"name"`
	// Criterion is a criterion's name: the pairs that meet it count.
	Criterion string `yaml:"criterion"`
	// AtLeast and AtMost are percentages of the matched pairs, 0–100; a
	// quota gives one of the two.
	AtLeast *float64 `yaml:"at_least"`
	AtMost  *float64 `yaml:"at_most"`
	// Hard makes the solver meet the quota; at most one quota is hard.
	Hard bool `yaml:"hard"`
	// Line is where the quota starts in the configuration file.
	Line int `yaml:"-"`
}

// Label is the quota's name in the summary.
func (q Quota) Label() string {
	if n := NormaliseTopic(q.Name); n != "" {
		return n
	}
	return NormaliseTopic(q.Criterion)
}

// QuotaResult is how a roster stands against a Quota.
type QuotaResult struct {
	Name    string  `json:"name"`
	Target  string  `json:"target"`  // "at least 40% of pairs meet cross-department"
	Meeting int     `json:"meeting"` // matched pairs that meet the criterion
	Matched int     `json:"matched"`
	Percent float64 `json:"percent"` // Meeting as a percentage of Matched
	Reached bool    `json:"reached"`
	Hard    bool    `json:"hard"`
	// Note says, for a hard quota, whether the roster is proven optimal
	// under it, or why the quota could not be met.
	Note string `json:"note,omitempty"`
}

// Number reads a number cell of a criterion: a decimal number (a comma may
// stand for the point) or a job title of Levels.
func (c Config) Number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		return v, true
	}
	for title, level := range c.Levels {
		if NormaliseTopic(title) == NormaliseTopic(s) {
			return float64(level), true
		}
	}
	return 0, false
}

func (c Config) criteriaWeight() float64 {
	sum := 0.0
	for _, cr := range c.Criteria {
		if cr.Weight > 0 {
			sum += cr.Weight
		}
	}
	return sum
}

// builtinComponents are the names criteria may not take.
var builtinComponents = []string{"skills", "availability", "goals", "level", "prefers"}

// criteriaProblems checks criteria and quotas; every problem names its key.
func (c Config) criteriaProblems() Problems {
	var ps Problems
	add := func(key, format string, a ...any) {
		ps = append(ps, Problem{Column: key, Message: fmt.Sprintf(format, a...)})
	}
	names := map[string]Criterion{}
	used := map[string]bool{}
	for _, q := range c.Quotas {
		used[NormaliseTopic(q.Criterion)] = true
	}
	for i, cr := range c.Criteria {
		key := fmt.Sprintf("criteria[%d]", i+1)
		rule := cr.Rule
		name := cr.ComponentName()
		switch {
		case strings.TrimSpace(cr.Column) == "":
			add(key+".column", "name the column of the people files the criterion reads")
		case slices.Contains(builtinComponents, name):
			add(key+".name", "%q is a built-in component: give the criterion a name of its own", name)
		default:
			if _, dup := names[name]; dup {
				add(key+".name", "%q is the name of an earlier criterion: give each a name of its own", name)
			}
		}
		names[name] = cr
		if !slices.Contains(CriterionRules, rule) {
			add(key+".rule", "%q: expected one of %s", rule, strings.Join(CriterionRules, ", "))
		}
		numeric := rule == RuleAtLeast || rule == RuleAtMost || rule == RuleCloserIsBetter
		switch {
		case !(cr.Weight >= 0 && cr.Weight <= MaxWeight):
			add(key+".weight", "%v: expected a number from 0 to %s", cr.Weight, thousands(MaxWeight))
		case cr.Weight == 0 && !cr.Hard && !used[name]:
			add(key+".weight", "the criterion does nothing: give it a weight above 0, hard: true, or use it in a quota")
		}
		if rule == RuleMenteePreference && strings.TrimSpace(cr.MentorColumn) == "" {
			add(key+".mentor_column", "mentee_preference compares what the mentee asks for (column) with what the mentor is: name the mentor's column")
		}
		if cr.Value != "" {
			switch {
			case rule == RuleSame || rule == RuleDifferent:
			case rule == RuleAtLeast || rule == RuleAtMost:
				if _, ok := c.Number(cr.Value); !ok {
					add(key+".value", "%q: expected a number or a job title of levels", cr.Value)
				}
			default:
				add(key+".value", "only same, different, at_least and at_most compare the mentor with a fixed value")
			}
			if cr.MentorColumn != "" {
				add(key+".mentor_column", "with value set only the mentor's cell is read: give column alone")
			}
		}
		if math.IsNaN(cr.Margin) || math.IsInf(cr.Margin, 0) {
			add(key+".margin", "%v: expected a number", cr.Margin)
		}
		if cr.Margin != 0 && !numeric && rule != RuleOverlap {
			add(key+".margin", "only at_least, at_most, closer_is_better and overlap take a margin")
		}
		if (rule == RuleCloserIsBetter || rule == RuleOverlap) && cr.Margin < 0 {
			add(key+".margin", "must be 0 or more")
		}
		if cr.Scale != 0 && rule != RuleCloserIsBetter {
			add(key+".scale", "only closer_is_better takes a scale")
		} else if !(cr.Scale >= 0) || math.IsInf(cr.Scale, 0) {
			add(key+".scale", "must be 0 (the spread of the values) or more")
		}
		switch cr.Blank {
		case "", BlankIgnore, BlankFail:
		case BlankAsValue:
			if rule != RuleSame && rule != RuleDifferent {
				add(key+".blank", "as_value suits same and different only")
			}
		default:
			add(key+".blank", "%q: expected ignore, fail or as_value", cr.Blank)
		}
		allowed := map[string]bool{}
		if numeric && len(cr.Values) > 0 {
			add(key+".values", "numbers take no list of values")
		}
		for k, v := range cr.Values {
			if numeric {
				break
			}
			v = NormaliseTopic(v)
			switch {
			case v == "":
				add(fmt.Sprintf("%s.values[%d]", key, k+1), "must not be empty")
			case allowed[v]:
				add(fmt.Sprintf("%s.values[%d]", key, k+1), "%q appears twice", v)
			}
			allowed[v] = true
		}
		if cr.Value != "" && len(allowed) > 0 && !allowed[NormaliseTopic(cr.Value)] {
			add(key+".value", "%q is not among the values", cr.Value)
		}
		switch {
		case rule == RuleCompatible && len(cr.Table) == 0:
			add(key+".table", "compatible needs a table: each mentee value with the mentor values that pair well with it")
		case rule != RuleCompatible && len(cr.Table) > 0:
			add(key+".table", "only compatible takes a table")
		}
		for _, mv := range slices.Sorted(maps.Keys(cr.Table)) {
			tk := key + ".table." + mv
			if len(allowed) > 0 && !allowed[NormaliseTopic(mv)] {
				add(tk, "%q is not among the values (%s)", mv, strings.Join(cr.Values, ", "))
			}
			for _, v := range cr.Table[mv] {
				if len(allowed) > 0 && !allowed[NormaliseTopic(v)] {
					add(tk, "%q is not among the values (%s)", v, strings.Join(cr.Values, ", "))
				}
			}
		}
	}
	hard := 0
	for i, q := range c.Quotas {
		key := fmt.Sprintf("quotas[%d]", i+1)
		if _, ok := names[NormaliseTopic(q.Criterion)]; !ok {
			known := slices.Sorted(maps.Keys(names))
			if len(known) == 0 {
				add(key+".criterion", "%q: there are no criteria to count", q.Criterion)
			} else {
				add(key+".criterion", "%q: expected the name of a criterion (%s)", q.Criterion, strings.Join(known, ", "))
			}
		}
		switch {
		case (q.AtLeast == nil) == (q.AtMost == nil):
			add(key, "give at_least or at_most, a percentage of the matched pairs (one per quota)")
		case q.AtLeast != nil && !(*q.AtLeast >= 0 && *q.AtLeast <= 100):
			add(key+".at_least", "must be a percentage, 0–100")
		case q.AtMost != nil && !(*q.AtMost >= 0 && *q.AtMost <= 100):
			add(key+".at_most", "must be a percentage, 0–100")
		}
		if q.Hard {
			hard++
			if hard == 2 {
				add(key+".hard", "only one quota can be hard")
			}
			if c.Objective != ObjectiveTotal {
				add(key+".hard", "a hard quota needs objective total")
			}
		}
	}
	return ps
}
