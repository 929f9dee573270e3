package report

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"

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

func (b *jsonBuf) strs(ss []string) func(int) {
	return func(d int) { b.array(d, len(ss), func(i, _ int) { b.str(ss[i]) }) }
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
			b.object(d,
				field{"mentees", b.i(s.Mentees)},
				field{"mentors", b.i(s.Mentors)},
				field{"matched", b.i(s.Matched)},
				field{"total_score", b.f(s.TotalScore)},
				field{"mean_score", b.f(s.MeanScore)},
				field{"min_score", b.f(s.MinScore)},
				field{"objective", b.s(s.Objective)},
			)
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
// lists are [] and components keep the roster's component order.
func EncodeRosterJSON(w io.Writer, r *mentormatch.Roster) error {
	var b jsonBuf
	fs := b.rosterFields(r)
	fs = append(fs, field{"warnings", b.strs(r.Warnings)})
	b.object(0, fs...)
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// EncodePlanJSON writes the plan: the roster's fields, then cohorts,
// sessions (RFC 3339 times) and warnings.
func EncodePlanJSON(w io.Writer, p *mentormatch.Plan) error {
	var b jsonBuf
	r := p.Roster
	if r == nil {
		r = &mentormatch.Roster{}
	}
	fs := b.rosterFields(r)
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
				fs := []field{{"cohort", b.s(s.Cohort)}, {"kind", b.s(s.Kind)}, {"round", b.i(s.Round)},
					{"start", b.s(s.Start.Format("2006-01-02T15:04:05Z07:00"))},
					{"end", b.s(s.End.Format("2006-01-02T15:04:05Z07:00"))},
					{"participants", b.strs(s.Participants)}}
				if s.Flag != "" {
					fs = append(fs, field{"flag", b.s(s.Flag)})
				}
				b.object(d, fs...)
			})
		}},
		field{"warnings", b.strs(append(append([]string{}, r.Warnings...), p.Warnings...))},
	)
	b.object(0, fs...)
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}
