package mentormatch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

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
	Avoid             bool    `yaml:"avoid"`
	ManagementChain   bool    `yaml:"management_chain"`
	SharedLanguage    bool    `yaml:"shared_language"`
	SameDepartment    bool    `yaml:"allow_same_department"`
	MaxLevelGap       int     `yaml:"max_level_gap"` // 0: no limit
	MentorAboveMentee bool    `yaml:"mentor_at_or_above_mentee"`
	MinScore          float64 `yaml:"min_score"`
	MinOverlapHours   float64 `yaml:"min_overlap_hours"`
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
}

// RematchConfig tunes re-matching after a relationship-health survey; the
// rematch command's flags override it.
type RematchConfig struct {
	Threshold  float64 `yaml:"threshold"`   // a pair whose mean rating is below it is unhealthy
	MaxMoves   int     `yaml:"max_moves"`   // healthy pairs the optimiser may also move
	MoveMargin float64 `yaml:"move_margin"` // points each moved pair must add
}

// Config is a program's configuration. The zero value is not useful: start
// from DefaultConfig or LoadConfig.
type Config struct {
	Weights   Weights           `yaml:"weights"`
	Levels    map[string]int    `yaml:"levels"`
	Synonyms  map[string]string `yaml:"synonyms"`
	Rules     Rules             `yaml:"rules"`
	Objective string            `yaml:"objective"` // total | fair
	Cohorts   Cohorts           `yaml:"cohorts"`
	Schedule  Schedule          `yaml:"schedule"`
	Seed      int64             `yaml:"seed"`
	Roadmap   RoadmapConfig     `yaml:"roadmap"`
	Rematch   RematchConfig     `yaml:"rematch"`
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
			SameDepartment: true, MentorAboveMentee: false, PreferSharedTime: true,
		},
		Objective: "total",
		Cohorts:   Cohorts{MinSize: 4, MaxSize: 12},
		Schedule: Schedule{
			Cycles: 1, SessionMinutes: 60,
			PrimaryEvery: 14, PeerEvery: 14, SeniorEvery: 28, SeniorMaxPerCycle: 4,
			Holidays: []string{},
		},
		Seed:     1,
		Roadmap:  DefaultRoadmapConfig(),
		Rematch:  RematchConfig{Threshold: 3, MoveMargin: 5},
		Criteria: []Criterion{},
		Quotas:   []Quota{},
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

// ParseConfig reads a YAML configuration over the defaults.
func ParseConfig(r io.Reader) (Config, error) {
	cfg := DefaultConfig()
	data, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return cfg, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return cfg, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	// The document again as a tree, to say on which line a bad value is.
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return cfg, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	for i := range cfg.Criteria {
		cfg.Criteria[i].Line = keyLine(&root, fmt.Sprintf("criteria[%d]", i+1))
	}
	for i := range cfg.Quotas {
		cfg.Quotas[i].Line = keyLine(&root, fmt.Sprintf("quotas[%d]", i+1))
	}
	ps := cfg.problems()
	if len(ps) == 0 {
		return cfg, nil
	}
	for k := range ps {
		if line := keyLine(&root, ps[k].Column); line > 0 {
			ps[k].Message = fmt.Sprintf("%s (line %d)", ps[k].Message, line)
		}
	}
	return cfg, fmt.Errorf("%w: %w", ErrConfig, ps)
}

// Validate checks values that YAML types cannot.
func (c Config) Validate() error {
	if ps := c.problems(); len(ps) > 0 {
		return fmt.Errorf("%w: %w", ErrConfig, ps)
	}
	return nil
}

// problems lists what Validate reports, sorted; each names its key.
func (c Config) problems() Problems {
	var ps Problems
	if r := c.Rematch; r.Threshold < 1 || r.Threshold > 5 {
		ps = append(ps, Problem{Column: "rematch.threshold", Message: fmt.Sprintf("%v: expected a rating from 1 to 5", r.Threshold)})
	}
	if c.Rematch.MaxMoves < 0 {
		ps = append(ps, Problem{Column: "rematch.max_moves", Message: "must be 0 or more"})
	}
	if c.Rematch.MoveMargin < 0 {
		ps = append(ps, Problem{Column: "rematch.move_margin", Message: "must be 0 or more"})
	}
	w := c.Weights
	for name, v := range map[string]float64{"skills": w.Skills, "availability": w.Availability, "goals": w.Goals, "level": w.Level, "prefers": w.Prefers} {
		if v < 0 {
			ps = append(ps, Problem{Column: "weights." + name, Message: "must be 0 or more"})
		}
	}
	if w.Skills+w.Availability+w.Goals+w.Level+w.Prefers+c.criteriaWeight() <= 0 {
		ps = append(ps, Problem{Column: "weights", Message: "at least one weight must be above 0"})
	}
	if c.Objective != "total" && c.Objective != "fair" {
		ps = append(ps, Problem{Column: "objective", Message: fmt.Sprintf("%q: expected total or fair", c.Objective)})
	}
	if c.Cohorts.MinSize < 2 || c.Cohorts.MaxSize < c.Cohorts.MinSize {
		ps = append(ps, Problem{Column: "cohorts", Message: "need 2 ≤ min_size ≤ max_size"})
	}
	for k, v := range c.Levels {
		if v < 1 || v > 9 {
			ps = append(ps, Problem{Column: "levels." + k, Message: "must be 1–9"})
		}
	}
	ps = append(ps, c.Roadmap.problems()...)
	ps = append(ps, c.criteriaProblems()...)
	sortProblems(ps)
	return ps
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
