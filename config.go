package mentormatch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

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
			SameDepartment: true, MentorAboveMentee: false,
		},
		Objective: "total",
		Cohorts:   Cohorts{MinSize: 4, MaxSize: 12},
		Schedule: Schedule{
			Cycles: 1, SessionMinutes: 60,
			PrimaryEvery: 14, PeerEvery: 14, SeniorEvery: 28, SeniorMaxPerCycle: 4,
			Holidays: []string{},
		},
		Seed:    1,
		Roadmap: DefaultRoadmapConfig(),
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
	return cfg, cfg.Validate()
}

// Validate checks values that YAML types cannot.
func (c Config) Validate() error {
	var ps Problems
	w := c.Weights
	for name, v := range map[string]float64{"skills": w.Skills, "availability": w.Availability, "goals": w.Goals, "level": w.Level, "prefers": w.Prefers} {
		if v < 0 {
			ps = append(ps, Problem{Column: "weights." + name, Message: "must be 0 or more"})
		}
	}
	if w.Skills+w.Availability+w.Goals+w.Level+w.Prefers <= 0 {
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
	if len(ps) > 0 {
		sortProblems(ps)
		return fmt.Errorf("%w: %w", ErrConfig, ps)
	}
	return nil
}
