package report

// Option adds optional content to a roster or plan output.
type Option func(*options)

type options struct {
	gaps     []SkillGap
	haveGaps bool
	levels   map[string]int
}

// WithLevels gives the template's level drop-down the configuration's job
// titles (Config.Levels) beside 1–9.
func WithLevels(levels map[string]int) Option {
	return func(o *options) { o.levels = levels }
}

// WithSkillGaps adds the skills gap map (see SkillGaps): a Skills gap
// sheet in workbooks and a "skill_gaps" list in JSON. A CSV roster, one
// row per match, does not carry it.
func WithSkillGaps(g []SkillGap) Option {
	return func(o *options) { o.gaps, o.haveGaps = g, true }
}

func collect(opts []Option) *options {
	o := &options{}
	for _, f := range opts {
		if f != nil {
			f(o)
		}
	}
	return o
}
