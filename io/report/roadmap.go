package report

import (
	"fmt"
	"io"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/xuri/excelize/v2"
)

// RoadmapSheet is the name of the plan workbook's roadmap sheet.
const RoadmapSheet = "Roadmaps"

// AddRoadmapSheet adds the Roadmaps sheet to f: one row per milestone of
// every pair, in roster order, with its date in the mentee's zone. Pairs
// without objectives get one row that says so. It does nothing when rs is
// empty.
func AddRoadmapSheet(f *excelize.File, rs []mentormatch.Roadmap) error {
	if len(rs) == 0 {
		return nil
	}
	bold, _, wrap, err := sheetStyles(f, "0.0")
	if err != nil {
		return err
	}
	d := roadmapSheet(rs)
	if _, err := f.NewSheet(d.name); err != nil {
		return err
	}
	if err := writeSheet(f, d, bold, 0, wrap); err != nil {
		return fmt.Errorf("sheet %s: %w", d.name, err)
	}
	return nil
}

func roadmapSheet(rs []mentormatch.Roadmap) *sheetData {
	d := &sheetData{name: RoadmapSheet, head: []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "cohort",
		"objective", "title", "from", "to", "stage", "due", "session", "milestone"}, wrap: []int{12}}
	for i := range rs {
		r := &rs[i]
		pair := []any{textCell(r.MenteeID), textCell(r.MenteeName), textCell(r.MentorID), textCell(r.MentorName), textCell(r.Cohort)}
		if len(r.Objectives) == 0 {
			d.rows = append(d.rows, append(pair[:5:5], nil, textCell("no objective yet: agree two at the kickoff"), nil, nil, nil, nil, nil, nil))
			continue
		}
		loc := r.MenteeZone
		if loc == nil {
			loc = time.UTC
		}
		for k, o := range r.Objectives {
			var from, to any
			if o.Kind == mentormatch.ObjectiveSkill {
				from, to = o.From, o.To
			}
			for _, ms := range o.Milestones {
				due, round := any(textCell("not scheduled")), any(nil)
				if ms.Round > 0 {
					due, round = textCell(ms.Due.In(loc).Format(time.DateOnly)), ms.Round
				}
				d.rows = append(d.rows, append(pair[:5:5], k+1, textCell(o.Title), from, to, textCell(ms.Stage), due, round, textCell(ms.Text)))
			}
		}
	}
	return d
}

// EncodeRoadmapsJSON writes {"roadmaps": [...]} with the same fields the
// JSON plan carries under "roadmaps".
func EncodeRoadmapsJSON(w io.Writer, rs []mentormatch.Roadmap) error {
	var b jsonBuf
	b.object(0, b.roadmapsField(rs))
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// roadmapsField is the "roadmaps" key of the JSON plan. Times are RFC 3339
// with the session's offset, null when a pair has no session yet.
func (b *jsonBuf) roadmapsField(rs []mentormatch.Roadmap) field {
	at := func(t time.Time) func(int) {
		return func(int) {
			if t.IsZero() {
				b.WriteString("null")
				return
			}
			b.str(t.Format(time.RFC3339))
		}
	}
	return field{"roadmaps", func(d int) {
		b.array(d, len(rs), func(i, d int) {
			r := &rs[i]
			b.object(d,
				field{"mentee_id", b.s(r.MenteeID)},
				field{"mentee_name", b.s(r.MenteeName)},
				field{"mentor_id", b.s(r.MentorID)},
				field{"mentor_name", b.s(r.MentorName)},
				field{"cohort", b.s(r.Cohort)},
				field{"goals", b.strs(r.Goals)},
				field{"objectives", func(d int) {
					b.array(d, len(r.Objectives), func(k, d int) {
						o := &r.Objectives[k]
						fs := []field{{"kind", b.s(string(o.Kind))}, {"topic", b.s(o.Topic)}}
						if o.Kind == mentormatch.ObjectiveSkill {
							fs = append(fs, field{"from", b.i(o.From)}, field{"to", b.i(o.To)}, field{"mentor_level", b.i(o.MentorLevel)})
						}
						fs = append(fs, field{"title", b.s(o.Title)}, field{"why", b.s(o.Why)},
							field{"start", at(o.Start)}, field{"due", at(o.Due)},
							field{"milestones", func(d int) {
								b.array(d, len(o.Milestones), func(x, d int) {
									ms := &o.Milestones[x]
									b.object(d, field{"stage", b.s(ms.Stage)}, field{"due", at(ms.Due)},
										field{"round", b.i(ms.Round)}, field{"text", b.s(ms.Text)})
								})
							}})
						b.object(d, fs...)
					})
				}},
				field{"sessions", func(d int) {
					b.array(d, len(r.Sessions), func(k, d int) {
						c := &r.Sessions[k]
						b.object(d, field{"round", b.i(c.Round)}, field{"start", at(c.Start)},
							field{"kinds", b.strs(c.Kinds)}, field{"due", b.strs(c.Due)})
					})
				}},
				field{"agenda", func(d int) {
					b.array(d, len(r.Agenda), func(k, d int) {
						b.object(d, field{"kind", b.s(r.Agenda[k].Kind)}, field{"text", b.s(r.Agenda[k].Text)})
					})
				}},
				field{"notes", b.strs(r.Notes)},
			)
		})
	}}
}
