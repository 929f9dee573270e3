package report

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
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

// Figures in the metrics JSON are rounded to 4 decimals; NaN is null.
func fig(x float64) number { return number(round4(x)) }

func figs(xs []float64) []number {
	out := make([]number, len(xs))
	for i, x := range xs {
		out[i] = fig(x)
	}
	return out
}

type (
	metricsJSON struct {
		Surveys  []surveyJSON      `json:"surveys"`
		Pairs    []pairTrendJSON   `json:"pairs"`
		Cohorts  []cohortTrendJSON `json:"cohorts"`
		Skills   skillStatsJSON    `json:"skills"`
		Growth   []growthJSON      `json:"growth"`
		AtRisk   []metrics.Risk    `json:"at_risk"`
		Warnings []string          `json:"warnings"`
	}
	surveyJSON struct {
		Name         string  `json:"name"`
		Date         *string `json:"date"` // null without dates
		Pairs        int     `json:"pairs"`
		Answered     int     `json:"answered"`
		Answers      int     `json:"answers"`
		ResponseRate number  `json:"response_rate"`
		MeanRating   number  `json:"mean_rating"`
		Unhealthy    int     `json:"unhealthy"`
		Milestones   struct {
			Done    int `json:"done"`
			OnTrack int `json:"on_track"`
			Behind  int `json:"behind"`
		} `json:"milestones"`
		Completion number `json:"milestone_completion"`
	}
	pairTrendJSON struct {
		MenteeID   string                        `json:"mentee_id"`
		MenteeName string                        `json:"mentee_name"`
		MentorID   string                        `json:"mentor_id"`
		MentorName string                        `json:"mentor_name"`
		Cohort     string                        `json:"cohort"`
		Ratings    []number                      `json:"ratings"`
		Milestones []mentormatch.MilestoneStatus `json:"milestones"`
		Change     number                        `json:"change"`
		AtRisk     bool                          `json:"at_risk"`
	}
	cohortTrendJSON struct {
		Cohort        string   `json:"cohort"`
		Pairs         int      `json:"pairs"`
		Ratings       []number `json:"ratings"`
		ResponseRates []number `json:"response_rates"`
	}
	skillStatsJSON struct {
		Rated      int                `json:"rated"`
		MeanChange number             `json:"mean_change"`
		PerMonth   number             `json:"per_month"`
		BySkill    []skillSummaryJSON `json:"by_skill"`
	}
	skillSummaryJSON struct {
		Skill      string `json:"skill"`
		Rated      int    `json:"rated"`
		MeanChange number `json:"mean_change"`
		PerMonth   number `json:"per_month"`
	}
	growthJSON struct {
		MenteeID string `json:"mentee_id"`
		MentorID string `json:"mentor_id"`
		Skill    string `json:"skill"`
		Levels   []*int `json:"levels"` // null when not rated
		Change   int    `json:"change"`
		Months   number `json:"months"`
		PerMonth number `json:"per_month"`
	}
)

// EncodeMetricsJSON writes the report with a fixed key order. Figures
// are rounded to 4 decimals; a figure without data (a survey nobody
// answered, a skill rated once) is null.
func EncodeMetricsJSON(w io.Writer, rep *metrics.Report) error {
	out := metricsJSON{
		Surveys:  make([]surveyJSON, len(rep.Surveys)),
		Pairs:    make([]pairTrendJSON, len(rep.Pairs)),
		Cohorts:  make([]cohortTrendJSON, len(rep.Cohorts)),
		Growth:   make([]growthJSON, len(rep.Growth)),
		AtRisk:   list(rep.AtRisk),
		Warnings: list(rep.Warnings),
	}
	for i := range rep.Surveys {
		s := &rep.Surveys[i]
		o := &out.Surveys[i]
		*o = surveyJSON{Name: s.Name, Pairs: s.Pairs, Answered: s.Answered, Answers: s.Answers,
			ResponseRate: fig(s.ResponseRate), MeanRating: fig(s.MeanRating), Unhealthy: s.Unhealthy, Completion: fig(s.Completion)}
		if !s.Date.IsZero() {
			d := s.Date.Format(time.DateOnly)
			o.Date = &d
		}
		o.Milestones.Done, o.Milestones.OnTrack, o.Milestones.Behind = s.Done, s.OnTrack, s.Behind
	}
	for i := range rep.Pairs {
		p := &rep.Pairs[i]
		out.Pairs[i] = pairTrendJSON{MenteeID: p.MenteeID, MenteeName: p.MenteeName, MentorID: p.MentorID, MentorName: p.MentorName,
			Cohort: p.Cohort, Ratings: figs(p.Ratings), Milestones: list(p.Milestones), Change: fig(p.Change), AtRisk: p.AtRisk}
	}
	for i := range rep.Cohorts {
		c := &rep.Cohorts[i]
		out.Cohorts[i] = cohortTrendJSON{Cohort: c.Cohort, Pairs: c.Pairs, Ratings: figs(c.Ratings), ResponseRates: figs(c.ResponseRates)}
	}
	s := &rep.Skills
	out.Skills = skillStatsJSON{Rated: s.Rated, MeanChange: fig(s.MeanChange), PerMonth: fig(s.PerMonth), BySkill: make([]skillSummaryJSON, len(s.BySkill))}
	for i, k := range s.BySkill {
		out.Skills.BySkill[i] = skillSummaryJSON{Skill: k.Skill, Rated: k.Rated, MeanChange: fig(k.MeanChange), PerMonth: fig(k.PerMonth)}
	}
	for i := range rep.Growth {
		g := &rep.Growth[i]
		levels := make([]*int, len(g.Levels))
		for k := range g.Levels {
			if g.Levels[k] >= 0 {
				levels[k] = &g.Levels[k]
			}
		}
		out.Growth[i] = growthJSON{MenteeID: g.MenteeID, MentorID: g.MentorID, Skill: g.Skill, Levels: levels,
			Change: g.Change, Months: fig(g.Months), PerMonth: fig(g.PerMonth)}
	}
	return encodeJSON(w, out)
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
