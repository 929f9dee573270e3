package report

import (
	"io"

	"github.com/mentormatch/mentormatch/io/output"
)

// Option adds optional content to a roster or plan output.
type Option func(*options)

type options struct {
	gaps     []SkillGap
	haveGaps bool
	batch    *output.Batch
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

// Into writes the files into b, to be put in place with the run's other
// outputs when b commits, instead of at once.
func Into(b *output.Batch) Option {
	return func(o *options) { o.batch = b }
}

// write writes path into the batch, or at once when there is none.
func (o *options) write(path string, write func(w io.Writer) error) error {
	if o.batch != nil {
		return o.batch.File(path, write)
	}
	return output.WriteFile(path, write)
}

// together writes several files through fn into the batch, or, when there
// is none, into one of its own that it commits: either way they are put
// in place together.
func (o *options) together(fn func(b *output.Batch) error) error {
	if o.batch != nil {
		return fn(o.batch)
	}
	var b output.Batch
	defer b.Discard()
	if err := fn(&b); err != nil {
		return err
	}
	return b.Commit()
}
