package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/internal/wording"
)

const summarySheet = "Summary"

// Rows of the summary's key figures, each with its label.
const (
	labelMentees   = "Mentees"
	labelMentors   = "Mentors"
	labelMatched   = "Matched mentees"
	labelUnmatched = "Unmatched mentees"
	labelIdle      = "Mentors without a mentee"
	labelMean      = "Mean score"
	labelLowest    = "Lowest score"
	labelTotal     = "Total score"
	labelCapacity  = "Capacity used"
	labelObjective = "Objective"
	labelBlocking  = "Blocking pairs"
	labelOptimum   = "Optimum's total"
	labelPinned    = "Pinned pairs"
	labelVetoed    = "Vetoed pairs"
	labelEarlier   = "Earlier pairs avoided"
	labelPeers     = "Earlier peers apart"
	labelChoices   = "Mentees' choices met"
	labelAsked     = "Mentors' asks met"
	labelApart     = "Pairs who cannot meet"
	labelCohorts   = "Cohorts"
	labelSessions  = "Sessions"
	labelWarnings  = "Warnings"
)

// summary is the content of the Summary sheet, worked out before any cell
// is written so that it can be tested on its own.
type summary struct {
	figures  []figure
	scores   [10]int // matches per score band of 10 points
	load     []loadRow
	unplaced []*reasonGroup
}

// figure is one key figure: a label, a value (int, float, string) with its
// number format, and a note in words.
type figure struct {
	label  string
	value  any
	format string // "" for the default
	note   string
}

// loadRow counts the primary mentors with k mentees and with k places.
type loadRow struct{ k, assigned, capacity int }

// reasonGroup is the people left unmatched for one kind of reason.
type reasonGroup struct {
	role, reason string
	ids          []string
}

// objectiveNotes say in words what each objective optimises.
var objectiveNotes = map[mentormatch.MatchObjective]string{
	"total": "the most mentees matched, then the highest total score",
	"fair":  "the most mentees matched, then the highest lowest score, then the total",
	"stable": "no mentee and mentor who would both rather be together (each ranks by their prefers, then score); " +
		"the best such roster for every mentee (deferred acceptance)",
}

// summarise works out the Summary sheet of r, and of plan when not nil,
// whose workbook has warnings warnings. O(matches + mentors + unmatched +
// sessions).
func summarise(r *mentormatch.Roster, plan *mentormatch.Plan, warnings int) *summary {
	s := r.Summary
	out := &summary{}
	var primary, seniors, places, used, idle int
	for _, l := range r.Load {
		if l.Type == mentormatch.Senior.String() {
			seniors++
			continue
		}
		primary++
		places += l.Capacity
		used += min(l.Assigned, l.Capacity)
		if l.Assigned == 0 && l.Capacity > 0 {
			idle++
		}
	}
	pct := func(n, of int) string {
		if of == 0 {
			return ""
		}
		return fmt.Sprintf("%.0f%% of %d", 100*float64(n)/float64(of), of)
	}
	unmatched := max(0, s.Mentees-s.Matched)
	fig := func(label string, value any, format, note string) {
		out.figures = append(out.figures, figure{label, value, format, note})
	}
	fig(labelMentees, s.Mentees, "", "")
	fig(labelMentors, s.Mentors, "", fmt.Sprintf("%d primary with %d places, %d senior", primary, places, seniors))
	fig(labelMatched, s.Matched, "", pct(s.Matched, s.Mentees))
	note := ""
	if unmatched > 0 {
		note = "grouped by reason below; each one on the Unmatched sheet"
	}
	fig(labelUnmatched, unmatched, "", note)
	fig(labelIdle, idle, "", "")
	if s.Matched > 0 {
		fig(labelMean, s.MeanScore, "0.0", "out of 100")
		fig(labelLowest, s.MinScore, "0.0", "")
		fig(labelTotal, s.TotalScore, "0.0", "")
	} else {
		fig(labelMean, nil, "", "no matches")
		fig(labelLowest, nil, "", "no matches")
		fig(labelTotal, 0.0, "0.0", "")
	}
	if places > 0 {
		fig(labelCapacity, float64(used)/float64(places), "0%", fmt.Sprintf("%d of %d places with primary mentors", used, places))
	} else {
		fig(labelCapacity, nil, "", "no primary mentor has a place")
	}
	fig(labelObjective, s.Objective, "", objectiveNotes[s.Objective])
	note = "pairs not matched together who would both be better off together (able to meet first, then score)"
	if s.Objective == mentormatch.ObjectiveStable {
		note = "pairs not matched together who would both rather be together (prefers first, then able to meet, then score)"
	}
	fig(labelBlocking, s.BlockingPairs, "", note)
	if st := s.Stable; st != nil {
		fig(labelOptimum, st.OptimumTotal, "0.0", "the price of stability: "+StableLine(s))
	}
	note = "every pair shares a whole session of free time every week, or lists no availability"
	if s.CannotMeet > 0 {
		note = "no whole session of shared free time every week"
		if s.MatchedIfSharedTimeRequired >= 0 {
			note += fmt.Sprintf("; requiring it would match %d of %d", s.MatchedIfSharedTimeRequired, s.Mentees)
		}
	}
	fig(labelApart, s.CannotMeet, "", note)
	if d := s.Decisions; d != nil {
		note := ""
		if d.Pinned > 0 {
			note = fmt.Sprintf("they cost %d matches and %.2f points against the optimum without them (%d matched, total %.2f)", d.CostMatches, d.CostPoints, d.FreeMatched, d.FreeTotal)
		}
		fig(labelPinned, d.Pinned, "", note)
		fig(labelVetoed, d.Forbidden, "", "never formed")
	}
	if pr := s.Preferences; pr != nil {
		got := 0
		for _, n := range pr.Choices {
			got += n
		}
		fig(labelChoices, got+pr.Later, "", fmt.Sprintf("of %d mentees who listed mentors: %s", pr.Stated, PreferenceLine(pr)))
		fig(labelAsked, pr.MentorsGot, "", fmt.Sprintf("of %d mentors who listed mentees got one of them", pr.MentorsAsked))
	}
	if h := s.History; h != nil {
		note := fmt.Sprintf("of %d earlier pairs among these people; none formed again", h.Earlier)
		if h.Repeated > 0 {
			note = fmt.Sprintf("of %d earlier pairs among these people; formed again: %s", h.Earlier, strings.Join(h.RepeatedPairs, ", "))
		}
		fig(labelEarlier, h.Avoided, "", note)
	}
	if plan != nil {
		lo, hi := 0, 0
		for i, c := range plan.Cohorts {
			n := len(c.Members)
			if i == 0 || n < lo {
				lo = n
			}
			hi = max(hi, n)
		}
		note := ""
		if len(plan.Cohorts) > 0 {
			note = fmt.Sprintf("%d to %d mentees each", lo, hi)
			if lo == hi {
				note = fmt.Sprintf("%d mentees each", lo)
			}
		}
		fig(labelCohorts, len(plan.Cohorts), "", note)
		if pe := plan.EarlierPeers; pe != nil {
			fig(labelPeers, pe.Earlier-pe.Together, "", PeerNote(pe))
		}
		flagged := 0
		for i := range plan.Sessions {
			if plan.Sessions[i].Flag != "" {
				flagged++
			}
		}
		note = ""
		if flagged > 0 {
			note = fmt.Sprintf("%d outside someone's availability: see the flag column of Schedule", flagged)
		}
		fig(labelSessions, len(plan.Sessions), "", note)
	}
	if warnings > 0 {
		fig(labelWarnings, warnings, "", "see the Warnings sheet")
	}

	for _, m := range r.Matches {
		out.scores[min(max(int(m.Score/10), 0), 9)]++
	}

	top := 0
	for _, l := range r.Load {
		if l.Type != mentormatch.Senior.String() {
			top = max(top, l.Capacity, l.Assigned)
		}
	}
	out.load = make([]loadRow, top+1)
	for k := range out.load {
		out.load[k].k = k
	}
	for _, l := range r.Load {
		if l.Type == mentormatch.Senior.String() {
			continue
		}
		out.load[max(l.Assigned, 0)].assigned++
		out.load[max(l.Capacity, 0)].capacity++
	}

	groups := map[[2]string]*reasonGroup{}
	for _, u := range r.Unmatched {
		key := [2]string{u.Role, reasonKind(u.Reason)}
		g := groups[key]
		if g == nil {
			g = &reasonGroup{role: key[0], reason: key[1]}
			groups[key] = g
			out.unplaced = append(out.unplaced, g)
		}
		g.ids = append(g.ids, u.ID)
	}
	roleOrder := func(role string) int {
		if role == "mentee" {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out.unplaced, func(a, b *reasonGroup) int {
		return cmp.Or(cmp.Compare(roleOrder(a.role), roleOrder(b.role)), cmp.Compare(len(b.ids), len(a.ids)), strings.Compare(a.reason, b.reason))
	})
	return out
}

// reasonKind is the general kind of an unmatched reason, so that people
// left out for the same reason group together: the text before any list
// of ids (after ":") or detail in brackets, with numbers as N. "The 12
// mentors who could take them are full: E1, E2" and "the only mentor who
// could take them is full: E3" are one kind.
func reasonKind(reason string) string {
	if strings.Contains(reason, "could take them") && strings.Contains(reason, "full") {
		return "every mentor who could take them is full"
	}
	s, _, _ := strings.Cut(reason, ":")
	s, _, _ = strings.Cut(s, " (")
	var b strings.Builder
	digits := false
	for _, c := range strings.TrimSpace(s) {
		if unicode.IsDigit(c) {
			if !digits {
				b.WriteByte('N')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(c)
	}
	if b.Len() == 0 {
		return "no reason given"
	}
	return b.String()
}

// shortList is ids joined with commas, the first n of them and how many
// more.
func shortList(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ids[:n], ", "), len(ids)-n)
}

// Chart placement on the Summary sheet, right of the tables.
const (
	chartCol    = "E"
	chartWidth  = 560
	chartHeight = 300
)

// writeSummary writes the Summary sheet: a title, the key figures, the
// tables behind the two charts (score distribution and mentor load) and
// the unmatched people grouped by reason; the charts sit to the right.
func writeSummary(f *excelize.File, r *mentormatch.Roster, plan *mentormatch.Plan, warnings int) error {
	sum := summarise(r, plan, warnings)
	st, err := newSummaryStyles(f)
	if err != nil {
		return err
	}
	sh := summarySheet
	w := &cellWriter{f: f, sheet: sh}
	title := "Mentoring program summary"
	if plan != nil {
		title = "Mentoring program plan: summary"
	}
	w.set(1, 1, title, st.title)
	row := 3
	w.set(row, 1, "Key figures", st.section)
	row++
	for _, fg := range sum.figures {
		w.set(row, 1, fg.label, 0)
		style := st.value
		switch fg.format {
		case "0.0":
			style = st.score
		case "0%":
			style = st.pct
		}
		if s, ok := fg.value.(string); ok {
			w.set(row, 2, textCell(s), st.value)
		} else {
			w.set(row, 2, fg.value, style)
		}
		if fg.note != "" {
			w.set(row, 3, fg.note, st.note)
		}
		row++
	}

	if qs := r.Summary.Quotas; len(qs) > 0 {
		row++
		w.set(row, 1, "Quotas", st.section)
		row++
		w.set(row, 1, "quota", st.head)
		w.set(row, 2, "pairs meeting it", st.head)
		w.set(row, 3, "target and result", st.head)
		for _, q := range qs {
			row++
			w.set(row, 1, textCell(q.Name), 0)
			// Percent is already rounded to hundredths; the cell shows it
			// as it is, 31 of 58 as 53.45%.
			w.set(row, 2, q.Percent/100, st.pct2)
			w.set(row, 3, textCell(quotaNote(q)), 0)
		}
		row++
	}

	row++
	w.set(row, 1, "Score distribution", st.section)
	row++
	w.set(row, 1, "score", st.head)
	w.set(row, 2, "matches", st.head)
	scoreHead := row
	for b, n := range sum.scores {
		row++
		w.set(row, 1, fmt.Sprintf("%d–%d", b*10, b*10+10), st.band)
		w.set(row, 2, n, st.value)
	}

	row += 2
	w.set(row, 1, "Mentor load (primary mentors)", st.section)
	row++
	w.set(row, 1, "mentees per mentor", st.head)
	w.set(row, 2, "mentors", st.head)
	w.set(row, 3, "mentors with that many places", st.head)
	loadHead := row
	for _, l := range sum.load {
		row++
		w.set(row, 1, l.k, st.band)
		w.set(row, 2, l.assigned, st.center)
		w.set(row, 3, l.capacity, st.center)
	}

	row += 2
	w.set(row, 1, "Unmatched by reason", st.section)
	row++
	w.set(row, 1, "reason", st.head)
	w.set(row, 2, "people", st.head)
	w.set(row, 3, "who", st.head)
	if len(sum.unplaced) == 0 {
		row++
		w.set(row, 1, "everyone is matched", st.note)
	}
	for _, g := range sum.unplaced {
		row++
		w.set(row, 1, textCell(g.role+"s: "+g.reason), 0)
		w.set(row, 2, len(g.ids), st.value)
		w.set(row, 3, textCell(shortList(g.ids, 6)), 0)
	}
	if w.err != nil {
		return w.err
	}
	for col, width := range w.widths([]float64{16, 10, 16}, []float64{56, 12, 56}) {
		c := colName(col + 1)
		if err := f.SetColWidth(sh, c, c, width); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sh, "D", "D", 2); err != nil {
		return err
	}

	// Each chart plots columns of a table above: its head row names the
	// series, the rows below hold the categories (column A) and values.
	column := func(col string, head, n int) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", sh, col, head),
			Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sh, head+1, head+n),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", sh, col, head+1, col, head+n),
		}
	}
	if err := addColumnChart(f, chartCol+"3", "Score distribution: matches per score band", "score (0–100)", "matches",
		column("B", scoreHead, len(sum.scores))); err != nil {
		return fmt.Errorf("score chart: %w", err)
	}
	if err := addColumnChart(f, chartCol+"20", "Mentor load: mentors by mentees assigned and places offered", "mentees per mentor", "mentors",
		column("B", loadHead, len(sum.load)), column("C", loadHead, len(sum.load))); err != nil {
		return fmt.Errorf("mentor load chart: %w", err)
	}
	// One landscape page, so that the summary prints (and renders to PDF)
	// as the picture a program manager forwards.
	landscape, one := "landscape", 1
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &one}); err != nil {
		return err
	}
	margin, edge := 0.4, 0.2 // inches
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin, Header: &edge, Footer: &edge}); err != nil {
		return err
	}
	return f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)})
}

// addColumnChart adds a column chart of series, with its values shown on
// the columns, at cell of the Summary sheet; a legend only for more than
// one series.
func addColumnChart(f *excelize.File, cell, title, xTitle, yTitle string, series ...excelize.ChartSeries) error {
	legend := "none"
	if len(series) > 1 {
		legend = "bottom"
	}
	return f.AddChart(summarySheet, cell, &excelize.Chart{
		Type:       excelize.Col,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title, Font: &titleFont}}},
		VaryColors: boolPtr(false),
		Legend:     excelize.ChartLegend{Position: legend},
		PlotArea:   excelize.ChartPlotArea{ShowVal: true},
		XAxis:      excelize.ChartAxis{Title: axisTitle(xTitle), Font: axisFont},
		YAxis:      excelize.ChartAxis{Title: axisTitle(yTitle), MajorGridLines: true, Minimum: float64Ptr(0), Font: axisFont},
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
	})
}

func axisTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Size: 9, Color: inkColor}}}}
}

// inkColor is the near-black of chart labels. Excelize's default axis
// labels are 15% black, too pale to read once printed.
const inkColor = "262626"

// axisFont is the font of the charts' axis labels, titleFont of their
// titles.
var (
	axisFont  = excelize.Font{Size: 9, Color: inkColor}
	titleFont = excelize.Font{Size: 12, Color: inkColor}
)

// summaryStyles are the cell styles of the Summary sheet.
type summaryStyles struct {
	title, section, head, band, value, center, score, pct, pct2, note int
}

func newSummaryStyles(f *excelize.File) (summaryStyles, error) {
	var st summaryStyles
	fill := excelize.Fill{Type: "pattern", Color: []string{"DDE5F0"}, Pattern: 1}
	score, pct, pct2 := "0.0", "0%", "0.00%"
	left := &excelize.Alignment{Horizontal: "left"}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.section, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}},
		{&st.head, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill}},
		{&st.band, excelize.Style{Alignment: left}},
		{&st.value, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&st.center, excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&st.score, excelize.Style{CustomNumFmt: &score}},
		{&st.pct, excelize.Style{CustomNumFmt: &pct}},
		{&st.pct2, excelize.Style{CustomNumFmt: &pct2}},
		{&st.note, excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

// cellWriter sets cells of one sheet, keeps the first error and tracks
// the longest text of each column for its width.
type cellWriter struct {
	f       *excelize.File
	sheet   string
	err     error
	longest []int
}

func (w *cellWriter) set(row, col int, v any, style int) {
	if w.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err == nil {
		err = w.f.SetCellValue(w.sheet, cell, v)
	}
	if err == nil && style != 0 {
		err = w.f.SetCellStyle(w.sheet, cell, cell, style)
	}
	if err != nil {
		w.err = err
		return
	}
	for len(w.longest) < col {
		w.longest = append(w.longest, 0)
	}
	n := len([]rune(fmt.Sprint(v)))
	if row == 1 { // the title spans columns
		n = 0
	}
	w.longest[col-1] = max(w.longest[col-1], n)
}

// widths fits each column to its longest text, within lo and hi.
func (w *cellWriter) widths(lo, hi []float64) []float64 {
	out := make([]float64, len(w.longest))
	for i, n := range w.longest {
		out[i] = float64(n) + 2
		if i < len(lo) {
			out[i] = min(max(out[i], lo[i]), hi[i])
		}
	}
	return out
}

// quotaNote is a quota's result in words: "hard quota: at least 40% of
// pairs meet cross-department; 31 of 58 pairs; reached".
func quotaNote(q mentormatch.QuotaResult) string {
	kind := "quota"
	if q.Hard {
		kind = "hard quota"
	}
	state := "reached"
	if !q.Reached {
		state = "NOT reached"
	}
	s := fmt.Sprintf("%s: %s; %d of %d pairs; %s", kind, q.Target, q.Meeting, q.Matched, state)
	if q.Note != "" {
		s += "; " + q.Note
	}
	return s
}

// StableLine compares a stable roster with the optimum of the same program
// under the objective total: "41 matched, total 3120.50; the optimum
// (objective total) matches 42 with total 3301.00", and the pairs who
// cannot meet in each when they differ. s.Stable must be set.
func StableLine(s mentormatch.Summary) string {
	st := s.Stable
	line := fmt.Sprintf("%d matched, total %.2f; the optimum (objective total) matches %d with total %.2f",
		s.Matched, s.TotalScore, st.OptimumMatched, st.OptimumTotal)
	if st.OptimumCannotMeet != s.CannotMeet {
		line += fmt.Sprintf(", and %d of its pairs cannot meet against %d here", st.OptimumCannotMeet, s.CannotMeet)
	}
	return line
}

// PreferenceLine says how many mentees got their 1st, 2nd and 3rd
// choice: "12 their 1st choice, 5 their 2nd, 2 their 3rd, 1 a later one".
func PreferenceLine(pr *mentormatch.PreferenceSummary) string {
	var parts []string
	for r, n := range pr.Choices {
		word := []string{"1st", "2nd", "3rd"}[min(r, 2)]
		if r == 0 {
			parts = append(parts, fmt.Sprintf("%d got their %s choice", n, word))
		} else {
			parts = append(parts, fmt.Sprintf("%d their %s", n, word))
		}
	}
	if pr.Later > 0 {
		parts = append(parts, fmt.Sprintf("%d a later one", pr.Later))
	}
	return strings.Join(parts, ", ")
}

// PeerNote says how a plan's cohorts kept apart the mentees who shared
// an earlier cohort: "of 16 pairs of mentees who shared an earlier
// cohort; none together again", or which are together again and whether
// the cohort sizes could have avoided it (the first five listed).
func PeerNote(pe *mentormatch.PeerSummary) string {
	s := fmt.Sprintf("of %d pairs of mentees who shared an earlier cohort", pe.Earlier)
	switch {
	case pe.Together == 0:
		return s + "; none together again"
	case pe.Unavoidable >= pe.Together:
		s += fmt.Sprintf("; %d together again, which the cohort sizes could not avoid", pe.Together)
	default:
		s += fmt.Sprintf("; %d together again, %d of which the cohort sizes could not avoid", pe.Together, pe.Unavoidable)
	}
	return s + ": " + strings.Join(wording.FirstFew(pe.TogetherPairs, 5), ", ")
}
