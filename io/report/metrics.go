package report

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/metrics"
)

// WriteMetrics writes a program's metrics report as .xlsx (sheets with
// charts) or .json; anything else is an error wrapping ErrUsage.
func WriteMetrics(path string, rep *metrics.Report) error {
	switch ext(path) {
	case ".json":
		return output.WriteFile(path, func(w io.Writer) error { return EncodeMetricsJSON(w, rep) })
	case ".xlsx":
		return output.WriteFile(path, func(w io.Writer) error { return EncodeMetricsXLSX(w, rep) })
	}
	return usageExt(path, ".xlsx or .json")
}

// round4 keeps figures readable; NaN stays NaN (null in JSON, empty in
// a workbook).
func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func dateOrNull(b *jsonBuf, t time.Time) func(int) {
	return func(int) {
		if t.IsZero() {
			b.WriteString("null")
			return
		}
		b.str(t.Format(time.DateOnly))
	}
}

// EncodeMetricsJSON writes the report with a fixed key order. Figures
// are rounded to 4 decimals; a figure without data (a survey nobody
// answered, a skill rated once) is null.
func EncodeMetricsJSON(w io.Writer, rep *metrics.Report) error {
	var b jsonBuf
	fl := func(x float64) func(int) { return b.f(round4(x)) }
	fls := func(xs []float64) func(int) {
		return func(d int) { b.array(d, len(xs), func(i, _ int) { b.num(round4(xs[i])) }) }
	}
	b.object(0,
		field{"surveys", func(d int) {
			b.array(d, len(rep.Surveys), func(i, d int) {
				s := &rep.Surveys[i]
				b.object(d, field{"name", b.s(s.Name)}, field{"date", dateOrNull(&b, s.Date)},
					field{"pairs", b.i(s.Pairs)}, field{"answered", b.i(s.Answered)}, field{"answers", b.i(s.Answers)},
					field{"response_rate", fl(s.ResponseRate)}, field{"mean_rating", fl(s.MeanRating)}, field{"unhealthy", b.i(s.Unhealthy)},
					field{"milestones", func(d int) {
						b.object(d, field{"done", b.i(s.Done)}, field{"on_track", b.i(s.OnTrack)}, field{"behind", b.i(s.Behind)})
					}},
					field{"milestone_completion", fl(s.Completion)})
			})
		}},
		field{"pairs", func(d int) {
			b.array(d, len(rep.Pairs), func(i, d int) {
				p := &rep.Pairs[i]
				b.object(d, field{"mentee_id", b.s(p.MenteeID)}, field{"mentee_name", b.s(p.MenteeName)},
					field{"mentor_id", b.s(p.MentorID)}, field{"mentor_name", b.s(p.MentorName)}, field{"cohort", b.s(p.Cohort)},
					field{"ratings", fls(p.Ratings)}, field{"milestones", strsOf(&b, p.Milestones)},
					field{"change", fl(p.Change)}, field{"at_risk", func(int) { fmt.Fprint(&b, p.AtRisk) }})
			})
		}},
		field{"cohorts", func(d int) {
			b.array(d, len(rep.Cohorts), func(i, d int) {
				c := &rep.Cohorts[i]
				b.object(d, field{"cohort", b.s(c.Cohort)}, field{"pairs", b.i(c.Pairs)},
					field{"ratings", fls(c.Ratings)}, field{"response_rates", fls(c.ResponseRates)})
			})
		}},
		field{"skills", func(d int) {
			s := &rep.Skills
			b.object(d, field{"rated", b.i(s.Rated)}, field{"mean_change", fl(s.MeanChange)}, field{"per_month", fl(s.PerMonth)},
				field{"by_skill", func(d int) {
					b.array(d, len(s.BySkill), func(i, d int) {
						k := &s.BySkill[i]
						b.object(d, field{"skill", b.s(k.Skill)}, field{"rated", b.i(k.Rated)},
							field{"mean_change", fl(k.MeanChange)}, field{"per_month", fl(k.PerMonth)})
					})
				}})
		}},
		field{"growth", func(d int) {
			b.array(d, len(rep.Growth), func(i, d int) {
				g := &rep.Growth[i]
				b.object(d, field{"mentee_id", b.s(g.MenteeID)}, field{"mentor_id", b.s(g.MentorID)}, field{"skill", b.s(g.Skill)},
					field{"levels", func(d int) {
						b.array(d, len(g.Levels), func(k, _ int) {
							if g.Levels[k] < 0 {
								b.WriteString("null")
							} else {
								b.WriteString(fmt.Sprint(g.Levels[k]))
							}
						})
					}},
					field{"change", b.i(g.Change)}, field{"months", fl(g.Months)}, field{"per_month", fl(g.PerMonth)})
			})
		}},
		field{"at_risk", func(d int) {
			b.array(d, len(rep.AtRisk), func(i, d int) {
				r := &rep.AtRisk[i]
				b.object(d, field{"mentee_id", b.s(r.MenteeID)}, field{"mentee_name", b.s(r.MenteeName)},
					field{"mentor_id", b.s(r.MentorID)}, field{"mentor_name", b.s(r.MentorName)},
					field{"cohort", b.s(r.Cohort)}, field{"why", b.s(r.Why)})
			})
		}},
		field{"warnings", b.strs(rep.Warnings)},
	)
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// cellNum is x for a cell, empty when it is NaN.
func cellNum(x float64) any {
	if math.IsNaN(x) {
		return nil
	}
	return round4(x)
}

func pct(x float64) any {
	if math.IsNaN(x) {
		return nil
	}
	return round4(100 * x)
}

// EncodeMetricsXLSX writes the report as a workbook: Surveys (with charts
// of satisfaction, response rate and milestone completion), Pairs, Cohorts
// (with a chart of each cohort's satisfaction), Skills, Skill growth and At
// risk. Rates are percentages.
func EncodeMetricsXLSX(w io.Writer, rep *metrics.Report) error {
	f := newFile()
	defer f.Close()
	bold, numStyle, wrap, err := sheetStyles(f, "0.00")
	if err != nil {
		return err
	}
	n := len(rep.Surveys)
	surveys := &sheetData{name: "Surveys", head: []string{"survey", "date", "pairs", "answered", "answers", "response rate %",
		"mean rating", "unhealthy", "milestones done", "on track", "behind", "milestone completion %"}, score: []int{5, 6, 11}}
	for _, s := range rep.Surveys {
		date := any(nil)
		if !s.Date.IsZero() {
			date = s.Date.Format(time.DateOnly)
		}
		surveys.rows = append(surveys.rows, []any{textCell(s.Name), date, s.Pairs, s.Answered, s.Answers, pct(s.ResponseRate),
			cellNum(s.MeanRating), s.Unhealthy, s.Done, s.OnTrack, s.Behind, pct(s.Completion)})
	}
	names := make([]string, n)
	for i, s := range rep.Surveys {
		names[i] = s.Name
	}

	pairs := &sheetData{name: "Pairs", head: []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "cohort"}}
	for i := range n {
		pairs.head = append(pairs.head, "rating: "+names[i])
		pairs.score = append(pairs.score, 5+i)
	}
	pairs.score = append(pairs.score, 5+n)
	pairs.head = append(pairs.head, "change", "last milestone", "at risk")
	for _, p := range rep.Pairs {
		row := []any{textCell(p.MenteeID), textCell(p.MenteeName), textCell(p.MentorID), textCell(p.MentorName), textCell(p.Cohort)}
		for _, x := range p.Ratings {
			row = append(row, cellNum(x))
		}
		last := ""
		for _, m := range p.Milestones {
			if m != "" {
				last = string(m)
			}
		}
		risk := "no"
		if p.AtRisk {
			risk = "yes"
		}
		pairs.rows = append(pairs.rows, append(row, round4(p.Change), textCell(last), risk))
	}

	cohorts := &sheetData{name: "Cohorts", head: []string{"cohort", "pairs"}}
	for i := range n {
		cohorts.head = append(cohorts.head, "rating: "+names[i])
		cohorts.score = append(cohorts.score, 2+i)
	}
	for i := range n {
		cohorts.head = append(cohorts.head, "response %: "+names[i])
		cohorts.score = append(cohorts.score, 2+n+i)
	}
	for _, c := range rep.Cohorts {
		row := []any{textCell(c.Cohort), c.Pairs}
		for _, x := range c.Ratings {
			row = append(row, cellNum(x))
		}
		for _, x := range c.ResponseRates {
			row = append(row, pct(x))
		}
		cohorts.rows = append(cohorts.rows, row)
	}

	skills := &sheetData{name: "Skills", head: []string{"skill", "rated", "mean change", "levels per month"}, score: []int{2, 3}}
	skills.rows = append(skills.rows, []any{"all skills", rep.Skills.Rated, cellNum(rep.Skills.MeanChange), cellNum(rep.Skills.PerMonth)})
	for _, s := range rep.Skills.BySkill {
		skills.rows = append(skills.rows, []any{textCell(s.Skill), s.Rated, cellNum(s.MeanChange), cellNum(s.PerMonth)})
	}

	growth := &sheetData{name: "Skill growth", head: []string{"mentee_id", "mentor_id", "skill"}}
	for i := range n {
		growth.head = append(growth.head, "level: "+names[i])
	}
	growth.head = append(growth.head, "change", "months", "levels per month")
	growth.score = []int{4 + n, 5 + n}
	for _, g := range rep.Growth {
		row := []any{textCell(g.MenteeID), textCell(g.MentorID), textCell(g.Skill)}
		for _, l := range g.Levels {
			if l < 0 {
				row = append(row, nil)
			} else {
				row = append(row, l)
			}
		}
		growth.rows = append(growth.rows, append(row, g.Change, cellNum(g.Months), cellNum(g.PerMonth)))
	}

	risk := &sheetData{name: "At risk", head: []string{"mentee_id", "mentee_name", "mentor_id", "mentor_name", "cohort", "why"}, wrap: []int{5}}
	for _, r := range rep.AtRisk {
		risk.rows = append(risk.rows, []any{textCell(r.MenteeID), textCell(r.MenteeName), textCell(r.MentorID), textCell(r.MentorName), textCell(r.Cohort), textCell(r.Why)})
	}
	sheets := []*sheetData{surveys, pairs, cohorts, skills, growth, risk}
	if len(rep.Warnings) > 0 {
		warn := &sheetData{name: "Warnings", head: []string{"warning"}, wrap: []int{0}}
		for _, s := range rep.Warnings {
			warn.rows = append(warn.rows, []any{textCell(s)})
		}
		sheets = append(sheets, warn)
	}
	if err := f.SetSheetName("Sheet1", surveys.name); err != nil {
		return err
	}
	for _, d := range sheets[1:] {
		if _, err := f.NewSheet(d.name); err != nil {
			return err
		}
	}
	if n > 0 {
		surveys.charts, cohorts.charts = metricsCharts(n, len(rep.Cohorts))
	}
	for _, d := range sheets {
		if err := writeSheet(f, d, bold, numStyle, wrap); err != nil {
			return fmt.Errorf("sheet %s: %w", d.name, err)
		}
	}
	f.SetActiveSheet(0)
	return writeDeterministic(f, w)
}

// metricsCharts are the charts of satisfaction and the rates per survey,
// for the Surveys sheet, and of each cohort's satisfaction, for the
// Cohorts sheet.
func metricsCharts(surveys, cohorts int) (onSurveys, onCohorts []placedChart) {
	last := surveys + 1
	cats := fmt.Sprintf("Surveys!$A$2:$A$%d", last)
	line := func(title string, series []excelize.ChartSeries, max float64) *excelize.Chart {
		return &excelize.Chart{
			Type:   excelize.Line,
			Series: series,
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &titleFont}}},
			XAxis:  excelize.ChartAxis{Font: axisFont},
			YAxis:  excelize.ChartAxis{Minimum: float64Ptr(0), Maximum: float64Ptr(max), MajorGridLines: true, Font: axisFont},
			Legend: excelize.ChartLegend{Position: "bottom"},
		}
	}
	onSurveys = []placedChart{
		{"A" + fmt.Sprint(last+3), line("Satisfaction (mean rating, 1–5)", []excelize.ChartSeries{
			{Name: "Surveys!$G$1", Categories: cats, Values: fmt.Sprintf("Surveys!$G$2:$G$%d", last)},
		}, 5)},
		{"H" + fmt.Sprint(last+3), line("Response rate and milestone completion (%)", []excelize.ChartSeries{
			{Name: "Surveys!$F$1", Categories: cats, Values: fmt.Sprintf("Surveys!$F$2:$F$%d", last)},
			{Name: "Surveys!$L$1", Categories: cats, Values: fmt.Sprintf("Surveys!$L$2:$L$%d", last)},
		}, 100)},
	}
	if cohorts == 0 {
		return onSurveys, nil
	}
	first, end := colName(3), colName(2+surveys)
	series := make([]excelize.ChartSeries, cohorts)
	for c := range cohorts {
		row := c + 2
		series[c] = excelize.ChartSeries{Name: fmt.Sprintf("Cohorts!$A$%d", row),
			Categories: fmt.Sprintf("Cohorts!$%s$1:$%s$1", first, end),
			Values:     fmt.Sprintf("Cohorts!$%s$%d:$%s$%d", first, row, end, row)}
	}
	return onSurveys, []placedChart{{"A" + fmt.Sprint(cohorts+4), line("Satisfaction per cohort (mean rating, 1–5)", series, 5)}}
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

func float64Ptr(x float64) *float64 { return &x }
