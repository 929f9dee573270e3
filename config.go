package mentormatch

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch/internal/wording"
	"go.yaml.in/yaml/v3"
)

// Weights are the relative importance of the score components. They need
// not add up to anything: scores are normalised by their sum.
type Weights struct {
	Skills       float64 `yaml:"skills"`
	Availability float64 `yaml:"availability"`
	Goals        float64 `yaml:"goals"`
	Level        float64 `yaml:"level"`
	Prefers      float64 `yaml:"prefers"`
}

// Rules are the hard rules: a pair that breaks one is never formed.
type Rules struct {
	Avoid               bool    `yaml:"avoid"`
	ManagementChain     bool    `yaml:"management_chain"`
	SharedLanguage      bool    `yaml:"shared_language"`
	AllowSameDepartment bool    `yaml:"allow_same_department"`
	MaxLevelGap         int     `yaml:"max_level_gap"` // 0: no limit
	MentorAboveMentee   bool    `yaml:"mentor_at_or_above_mentee"`
	MinScore            float64 `yaml:"min_score"`
	MinOverlapHours     float64 `yaml:"min_overlap_hours"`
	// PreferSharedTime: among rosters matching the most mentees, take one
	// with the most pairs who can meet (a whole session of shared free time
	// every week), then the best total or fair.
	PreferSharedTime bool `yaml:"prefer_shared_time"`
}

// Cohorts configures cohort formation.
type Cohorts struct {
	MinSize int `yaml:"min_size"`
	MaxSize int `yaml:"max_size"`
}

// Schedule configures the session calendar.
type Schedule struct {
	Start             string   `yaml:"start"` // YYYY-MM-DD; empty: next Monday
	Cycles            int      `yaml:"cycles"`
	SessionMinutes    int      `yaml:"session_minutes"`
	PrimaryEvery      int      `yaml:"primary_every_days"`
	PeerEvery         int      `yaml:"peer_every_days"`
	SeniorEvery       int      `yaml:"senior_every_days"`
	SeniorMaxPerCycle int      `yaml:"senior_max_sessions_per_cycle"`
	Holidays          []string `yaml:"holidays"`
	// DayHours are everyone's local day, "08:00-20:00": a meeting that
	// fits nobody's shared free time is put inside them, never at night.
	DayHours string `yaml:"day_hours"`
}

// RematchConfig tunes re-matching after a relationship-health survey; the
// rematch command's flags override it.
type RematchConfig struct {
	Threshold  float64 `yaml:"threshold"`   // a pair whose mean rating is below it is unhealthy
	MaxMoves   int     `yaml:"max_moves"`   // healthy pairs the optimiser may also move
	MoveMargin float64 `yaml:"move_margin"` // points each moved pair must add
	// Priority says who gets the places left when there are fewer than
	// mentees to place: "freed" (mentees whose pair ended), "waiting"
	// (mentees unmatched before) or "score" (the highest total, nobody
	// first).
	Priority string `yaml:"priority"`
}

// MatchObjective is what a roster optimises once it matches as many
// mentees as it can.
type MatchObjective string

// Objectives.
const (
	ObjectiveTotal MatchObjective = "total" // the highest total score
	ObjectiveFair  MatchObjective = "fair"  // the highest lowest score, then the total
	// ObjectiveStable is a stable roster, mentee-optimal: no mentee and
	// mentor would both rather be together than with whom they have.
	ObjectiveStable MatchObjective = "stable"
)

// Priorities of a re-match, RematchConfig.Priority.
const (
	PriorityFreed   = "freed"
	PriorityWaiting = "waiting"
	PriorityScore   = "score"
)

// Config is a program's configuration. The zero value is not useful: start
// from DefaultConfig or LoadConfig.
type Config struct {
	Weights   Weights           `yaml:"weights"`
	Levels    map[string]int    `yaml:"levels"`
	Synonyms  map[string]string `yaml:"synonyms"`
	Rules     Rules             `yaml:"rules"`
	Objective MatchObjective    `yaml:"objective"` // total | fair | stable
	Cohorts   Cohorts           `yaml:"cohorts"`
	Schedule  Schedule          `yaml:"schedule"`
	Seed      int64             `yaml:"seed"`
	Roadmap   RoadmapConfig     `yaml:"roadmap"`
	Rematch   RematchConfig     `yaml:"rematch"`
	History   HistoryConfig     `yaml:"history"`
	// Preferences value the stated preferences (the prefers columns).
	Preferences Preferences `yaml:"preferences"`
	// Criteria are the program's own matching rules on any column.
	Criteria []Criterion `yaml:"criteria"`
	// Quotas are program-level targets on the share of pairs meeting a
	// criterion.
	Quotas []Quota `yaml:"quotas"`
}

// DefaultConfig returns the configuration used when no file is given.
func DefaultConfig() Config {
	return Config{
		Weights: Weights{Skills: 40, Availability: 25, Goals: 20, Level: 10, Prefers: 5},
		Levels: map[string]int{
			"intern": 1, "junior": 2, "mid": 3, "senior": 4, "staff": 5,
			"principal": 6, "director": 7, "vp": 8, "executive": 9,
		},
		Synonyms: map[string]string{},
		Rules: Rules{
			Avoid: true, ManagementChain: true, SharedLanguage: true,
			AllowSameDepartment: true, MentorAboveMentee: false, PreferSharedTime: true,
		},
		Objective: "total",
		Cohorts:   Cohorts{MinSize: 4, MaxSize: 12},
		Schedule: Schedule{
			Cycles: 1, SessionMinutes: 60,
			PrimaryEvery: 14, PeerEvery: 14, SeniorEvery: 28, SeniorMaxPerCycle: 4,
			Holidays: []string{}, DayHours: "08:00-20:00",
		},
		Seed:        1,
		Roadmap:     DefaultRoadmapConfig(),
		Rematch:     RematchConfig{Threshold: 3, MoveMargin: 5, Priority: PriorityFreed},
		History:     HistoryConfig{Repeat: RepeatForbid, Penalty: 50},
		Preferences: Preferences{Ranks: []float64{1, 0.8, 0.6}, Mentor: 0.5},
		Criteria:    []Criterion{},
		Quotas:      []Quota{},
	}
}

// LoadConfig reads a YAML configuration over the defaults. Unknown keys are
// errors that name the key and its line.
func LoadConfig(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	defer f.Close()
	cfg, err := ParseConfig(f)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// ParseConfig reads a YAML configuration over the defaults. Every
// problem is reported at once, each with its key and line: unknown keys
// (with the nearest known one), values of the wrong kind, and values out
// of range. A file larger than ConfigMaxBytes is refused.
func ParseConfig(r io.Reader) (Config, error) {
	cfg := DefaultConfig()
	data, err := io.ReadAll(io.LimitReader(r, ConfigMaxBytes+1))
	if err != nil {
		return cfg, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	if len(data) > ConfigMaxBytes {
		return cfg, fmt.Errorf("%w: the file is larger than 1 MiB, the most a configuration may be: it holds settings, not data", ErrConfig)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return cfg, fmt.Errorf("%w: %s", ErrConfig, yamlSyntax(err))
	}
	y := yamlChecker{budget: configNodeBudget}
	y.check(&root, reflect.TypeFor[Config](), "", 0)
	if y.budget < 0 {
		return cfg, fmt.Errorf("%w: the file expands to more than %d values through its aliases", ErrConfig, configNodeBudget)
	}
	ps := y.ps
	if err := root.Decode(&cfg); err != nil {
		// What the walk found is said better; anything else is reported
		// as the decoder words it.
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			ps = append(ps, Problem{Message: yamlSyntax(err)})
		} else if len(ps) == 0 {
			for _, e := range te.Errors {
				ps = append(ps, Problem{Message: e})
			}
		}
	}
	for i := range cfg.Criteria {
		cfg.Criteria[i].Line = keyLine(&root, fmt.Sprintf("criteria[%d]", i+1))
	}
	for i := range cfg.Quotas {
		cfg.Quotas[i].Line = keyLine(&root, fmt.Sprintf("quotas[%d]", i+1))
	}
	ps = append(ps, cfg.problems()...)
	if len(ps) == 0 {
		return cfg, nil
	}
	return cfg, fmt.Errorf("%w: %w", ErrConfig, located(ps, &root))
}

// Validate checks values that YAML types cannot.
func (c Config) Validate() error {
	if ps := c.problems(); len(ps) > 0 {
		return fmt.Errorf("%w: %w", ErrConfig, located(ps, nil))
	}
	return nil
}

// Limits of configuration values, stated in DefaultConfigYAML and the
// README. They keep a run to what a program can use: a value past them
// is a typing slip that would otherwise run for hours or fill the disk.
const (
	MaxWeight         = 1_000_000 // each weight, built-in or a criterion's
	MaxCohortSize     = 100       // cohorts.max_size
	MaxCycles         = 100       // schedule.cycles
	MinSessionMinutes = 5         // schedule.session_minutes
	MaxSessionMinutes = 480
	MaxEveryDays      = 365 // schedule.*_every_days, roadmap review cadences
	MaxSeniorSessions = 1000
	MaxRematchMoves   = 1_000_000
	MaxObjectives     = 50
)

// FirstDate and LastDate bound every date of a configuration and of a plan.
var (
	FirstDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	LastDate  = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
)

// problems lists what Validate reports; each names its key.
func (c Config) problems() Problems {
	var ps Problems
	add := func(key, format string, a ...any) {
		ps = append(ps, Problem{Column: key, Message: fmt.Sprintf(format, a...)})
	}
	// within checks a number against its range; NaN and the infinities
	// are never within one.
	within := func(key string, v, lo, hi float64) {
		if !(v >= lo && v <= hi) {
			add(key, "%v: expected a number from %s to %s", v, thousands(lo), thousands(hi))
		}
	}
	whole := func(key string, v, lo, hi int) {
		if v < lo || v > hi {
			add(key, "%d: expected a whole number from %s to %s", v, thousands(float64(lo)), thousands(float64(hi)))
		}
	}
	if r := c.Rematch; !(r.Threshold >= 1 && r.Threshold <= 5) {
		add("rematch.threshold", "%v: expected a rating from 1 to 5", r.Threshold)
	}
	whole("rematch.max_moves", c.Rematch.MaxMoves, 0, MaxRematchMoves)
	within("rematch.move_margin", c.Rematch.MoveMargin, 0, 100)
	switch c.Rematch.Priority {
	case PriorityFreed, PriorityWaiting, PriorityScore:
	default:
		add("rematch.priority", "%q: expected freed, waiting or score", c.Rematch.Priority)
	}
	switch c.History.Repeat {
	case RepeatForbid, RepeatPenalty:
	default:
		add("history.repeat", "%q: expected forbid or penalty", c.History.Repeat)
	}
	within("history.penalty", c.History.Penalty, 0, 100)
	if len(c.Preferences.Ranks) > 100 {
		add("preferences.ranks", "%d values: at most 100", len(c.Preferences.Ranks))
	}
	for k, v := range c.Preferences.Ranks {
		within(fmt.Sprintf("preferences.ranks[%d]", k+1), v, 0, 1)
	}
	within("preferences.mentor", c.Preferences.Mentor, 0, 1)
	w := c.Weights
	for _, kv := range []struct {
		name string
		v    float64
	}{{"skills", w.Skills}, {"availability", w.Availability}, {"goals", w.Goals}, {"level", w.Level}, {"prefers", w.Prefers}} {
		within("weights."+kv.name, kv.v, 0, MaxWeight)
	}
	if !(w.Skills+w.Availability+w.Goals+w.Level+w.Prefers+c.criteriaWeight() > 0) {
		add("weights", "at least one weight must be above 0")
	}
	if c.Objective != ObjectiveTotal && c.Objective != ObjectiveFair && c.Objective != ObjectiveStable {
		add("objective", "%q: expected total, fair or stable", c.Objective)
	}
	r := c.Rules
	whole("rules.max_level_gap", r.MaxLevelGap, 0, 8)
	within("rules.min_score", r.MinScore, 0, 100)
	within("rules.min_overlap_hours", r.MinOverlapHours, 0, 168)
	switch co := c.Cohorts; {
	case co.MinSize < 2 || co.MaxSize < co.MinSize:
		add("cohorts", "need 2 ≤ min_size ≤ max_size")
	case co.MaxSize > MaxCohortSize:
		add("cohorts.max_size", "%d: at most %d", co.MaxSize, MaxCohortSize)
	}
	s := c.Schedule
	whole("schedule.cycles", s.Cycles, 1, MaxCycles)
	whole("schedule.session_minutes", s.SessionMinutes, MinSessionMinutes, MaxSessionMinutes)
	whole("schedule.primary_every_days", s.PrimaryEvery, 1, MaxEveryDays)
	whole("schedule.peer_every_days", s.PeerEvery, 1, MaxEveryDays)
	whole("schedule.senior_every_days", s.SeniorEvery, 1, MaxEveryDays)
	whole("schedule.senior_max_sessions_per_cycle", s.SeniorMaxPerCycle, 0, MaxSeniorSessions)
	if strings.TrimSpace(s.Start) != "" {
		if msg := dateProblem(s.Start); msg != "" {
			add("schedule.start", "%s", msg)
		}
	}
	for i, h := range s.Holidays {
		if msg := dateProblem(h); msg != "" {
			add(fmt.Sprintf("schedule.holidays[%d]", i+1), "%s", msg)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c.Levels)) {
		if v := c.Levels[k]; v < 1 || v > 9 {
			add("levels."+k, "must be 1–9")
		}
	}
	ps = append(ps, c.Roadmap.problems()...)
	ps = append(ps, c.criteriaProblems()...)
	sortProblems(ps)
	return ps
}

// dateProblem says what is wrong with a configuration date, or "".
func dateProblem(s string) string {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	switch {
	case err != nil:
		return fmt.Sprintf("%q: expected a date as YYYY-MM-DD", s)
	case t.Before(FirstDate) || t.After(LastDate):
		return fmt.Sprintf("%s: expected a date from %s to %s", strings.TrimSpace(s), FirstDate.Format(time.DateOnly), LastDate.Format(time.DateOnly))
	}
	return ""
}

// thousands writes a limit as people read it: 1,000,000, and 5000 or
// 0.5 as they are.
func thousands(v float64) string {
	if v != math.Trunc(v) || math.Abs(v) < 10000 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return wording.Thousands(v)
}

// keyLine is the line of key ("criteria[2].rule", list indexes from 1) in
// a YAML document, or of the nearest enclosing key the document holds (a
// missing "criteria[2].name" is reported at criteria[2]); 0 when none.
func keyLine(root *yaml.Node, key string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, part := range strings.Split(key, ".") {
		name, index, _ := strings.Cut(part, "[")
		if n.Kind != yaml.MappingNode {
			return line
		}
		var next *yaml.Node
		for k := 0; k+1 < len(n.Content); k += 2 {
			if n.Content[k].Value == name {
				line, next = n.Content[k].Line, n.Content[k+1]
				break
			}
		}
		if next == nil {
			return line
		}
		n = next
		if index != "" {
			k, err := strconv.Atoi(strings.TrimSuffix(index, "]"))
			if err != nil || n.Kind != yaml.SequenceNode || k < 1 || k > len(n.Content) {
				return line
			}
			n = n.Content[k-1]
			line = n.Line
		}
	}
	return line
}
