package report

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/mentormatch/mentormatch"
)

// jsonBuf builds indented JSON by hand so object key order is fixed.
type jsonBuf struct{ bytes.Buffer }

func (b *jsonBuf) str(s string) {
	v, _ := json.Marshal(s)
	b.Write(v)
}

func (b *jsonBuf) num(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		b.WriteString("null")
		return
	}
	b.WriteString(strconv.FormatFloat(f, 'f', -1, 64))
}

func (b *jsonBuf) ind(n int) {
	b.WriteByte('\n')
	for range n {
		b.WriteString("  ")
	}
}

// field is one key of an object: its value is written by fn at indent depth.
type field struct {
	key string
	fn  func(depth int)
}

func (b *jsonBuf) object(depth int, fields ...field) {
	if len(fields) == 0 {
		b.WriteString("{}")
		return
	}
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.ind(depth + 1)
		b.str(f.key)
		b.WriteString(": ")
		f.fn(depth + 1)
	}
	b.ind(depth)
	b.WriteByte('}')
}

func (b *jsonBuf) array(depth, n int, item func(i, depth int)) {
	if n == 0 {
		b.WriteString("[]")
		return
	}
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.ind(depth + 1)
		item(i, depth+1)
	}
	b.ind(depth)
	b.WriteByte(']')
}

func (b *jsonBuf) strs(ss []string) func(int) { return strsOf(b, ss) }

// strsOf writes a list of any string type.
func strsOf[S ~string](b *jsonBuf, ss []S) func(int) {
	return func(d int) { b.array(d, len(ss), func(i, _ int) { b.str(string(ss[i])) }) }
}
func (b *jsonBuf) s(s string) func(int)  { return func(int) { b.str(s) } }
func (b *jsonBuf) f(f float64) func(int) { return func(int) { b.num(f) } }
func (b *jsonBuf) i(n int) func(int)     { return func(int) { b.WriteString(strconv.Itoa(n)) } }

func (b *jsonBuf) rosterFields(r *mentormatch.Roster) []field {
	fs := []field{
		{"matches", func(d int) {
			b.array(d, len(r.Matches), func(i, d int) {
				m := &r.Matches[i]
				b.object(d,
					field{"mentee_id", b.s(m.MenteeID)},
					field{"mentee_name", b.s(m.MenteeName)},
					field{"mentor_id", b.s(m.MentorID)},
					field{"mentor_name", b.s(m.MentorName)},
					field{"score", b.f(m.Score)},
					field{"components", func(d int) {
						fs := make([]field, len(m.Components))
						for k, c := range m.Components {
							fs[k] = field{c.Name, b.f(c.Points)}
						}
						b.object(d, fs...)
					}},
					field{"reason", b.s(m.Reason)},
				)
			})
		}},
		{"unmatched", func(d int) {
			b.array(d, len(r.Unmatched), func(i, d int) {
				u := &r.Unmatched[i]
				b.object(d, field{"id", b.s(u.ID)}, field{"name", b.s(u.Name)},
					field{"role", b.s(u.Role)}, field{"reason", b.s(u.Reason)})
			})
		}},
		{"summary", func(d int) {
			s := &r.Summary
			fs := []field{
				{"mentees", b.i(s.Mentees)},
				{"mentors", b.i(s.Mentors)},
				{"matched", b.i(s.Matched)},
				{"total_score", b.f(s.TotalScore)},
				{"mean_score", b.f(s.MeanScore)},
				{"min_score", b.f(s.MinScore)},
				{"objective", b.s(string(s.Objective))},
				{"blocking_pairs", b.i(s.BlockingPairs)},
				{"cannot_meet", b.i(s.CannotMeet)},
			}
			if s.MatchedIfSharedTimeRequired >= 0 {
				fs = append(fs, field{"matched_if_shared_time_required", b.i(s.MatchedIfSharedTimeRequired)})
			}
			if len(s.Quotas) > 0 {
				fs = append(fs, field{"quotas", func(d int) { b.quotas(d, s.Quotas) }})
			}
			b.object(d, fs...)
		}},
		{"mentor_load", func(d int) {
			b.array(d, len(r.Load), func(i, d int) {
				l := &r.Load[i]
				b.object(d, field{"mentor_id", b.s(l.MentorID)}, field{"mentor_name", b.s(l.MentorName)},
					field{"type", b.s(l.Type)}, field{"capacity", b.i(l.Capacity)}, field{"assigned", b.i(l.Assigned)})
			})
		}},
	}
	if len(r.Dissolved) > 0 { // the history of re-matches (rematch.go)
		fs = append(fs, b.dissolvedField(r.Dissolved))
	}
	return fs
}

// EncodeRosterJSON writes r as indented JSON with a fixed key order; empty
// lists are [] and components keep the roster's component order. With
// WithSkillGaps it adds "skill_gaps".
func EncodeRosterJSON(w io.Writer, r *mentormatch.Roster, opts ...Option) error {
	var b jsonBuf
	o := collect(opts)
	fs := b.rosterFields(r)
	if o.haveGaps {
		fs = append(fs, b.gapsField(o.gaps))
	}
	fs = append(fs, field{"warnings", b.strs(r.Warnings)})
	b.object(0, fs...)
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// EncodePlanJSON writes the plan: the roster's fields, "skill_gaps" (with
// WithSkillGaps), "cohorts", "sessions" (RFC 3339 times with offset, a
// "flag" on a meeting placed outside someone's availability), "roadmaps"
// when the plan has them, and "warnings": the roster's, then the plan's.
func EncodePlanJSON(w io.Writer, p *mentormatch.Plan, opts ...Option) error {
	var b jsonBuf
	o := collect(opts)
	r := p.Roster
	if r == nil {
		r = &mentormatch.Roster{}
	}
	fs := b.rosterFields(r)
	if o.haveGaps {
		fs = append(fs, b.gapsField(o.gaps))
	}
	fs = append(fs,
		field{"cohorts", func(d int) {
			b.array(d, len(p.Cohorts), func(i, d int) {
				c := &p.Cohorts[i]
				b.object(d, field{"id", b.s(c.ID)}, field{"members", b.strs(c.Members)}, field{"seniors", b.strs(c.Seniors)})
			})
		}},
		field{"sessions", func(d int) {
			b.array(d, len(p.Sessions), func(i, d int) {
				s := &p.Sessions[i]
				fs := []field{{"cohort", b.s(s.Cohort)}, {"kind", b.s(string(s.Kind))}, {"round", b.i(s.Round)},
					{"start", b.s(s.Start.Format(time.RFC3339))},
					{"end", b.s(s.End.Format(time.RFC3339))},
					{"participants", b.strs(s.Participants)}}
				if s.Flag != "" {
					fs = append(fs, field{"flag", b.s(s.Flag)})
				}
				b.object(d, fs...)
			})
		}},
	)
	if len(p.Roadmaps) > 0 {
		fs = append(fs, b.roadmapsField(p.Roadmaps))
	}
	fs = append(fs, field{"warnings", b.strs(append(append([]string{}, r.Warnings...), p.Warnings...))})
	b.object(0, fs...)
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// gapsField is the "skill_gaps" list: the SkillGap fields, then coverage
// (0–1, four decimals), not_covered and places_short.
func (b *jsonBuf) gapsField(gs []SkillGap) field {
	return field{"skill_gaps", func(d int) {
		b.array(d, len(gs), func(i, d int) {
			g := gs[i]
			b.object(d,
				field{"skill", b.s(g.Skill)},
				field{"mentees_wanting", b.i(g.Wanting)},
				field{"mentors_4plus", b.i(g.Mentors)},
				field{"places_4plus", b.i(g.Places)},
				field{"seniors_4plus", b.i(g.Seniors)},
				field{"covered", b.i(g.Covered)},
				field{"coverage", b.f(round4(g.Coverage()))},
				field{"not_covered", b.i(g.NotCovered())},
				field{"places_short", b.i(g.PlacesShort())},
			)
		})
	}}
}

// quotas writes how the roster stands against each quota; percent is
// rounded once, to hundredths, as the roster computed it.
func (b *jsonBuf) quotas(d int, qs []mentormatch.QuotaResult) {
	b.array(d, len(qs), func(i, d int) {
		q := &qs[i]
		b.object(d, field{"name", b.s(q.Name)}, field{"target", b.s(q.Target)}, field{"hard", b.bool(q.Hard)},
			field{"meeting", b.i(q.Meeting)}, field{"matched", b.i(q.Matched)}, field{"percent", b.f(q.Percent)},
			field{"reached", b.bool(q.Reached)}, field{"note", b.s(q.Note)})
	})
}

func (b *jsonBuf) bool(v bool) func(int) { return func(int) { b.WriteString(strconv.FormatBool(v)) } }
