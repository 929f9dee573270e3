package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

// samplePlan is sampleRoster with a senior, one cohort, sessions out of
// time order across a daylight-saving change (one flagged), a warning and
// roadmaps.
func samplePlan(t *testing.T) *mentormatch.Plan {
	ber, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	r := sampleRoster()
	r.Load = append(r.Load, mentormatch.MentorLoad{MentorID: "S1", MentorName: "Sam Senior", Type: "senior"})
	r.Summary.Mentors, r.Summary.BlockingPairs = 2, 1
	r.Warnings = []string{"row 7: avoid names X9, who is nobody in the files"}
	primary := time.Date(2026, 3, 30, 9, 0, 0, 0, ber) // summer time, +02:00
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	peer := time.Date(2026, 3, 27, 16, 0, 0, 0, ber) // winter time, +01:00
	senior := time.Date(2026, 3, 27, 23, 30, 0, 0, time.UTC)
	return &mentormatch.Plan{
		Roster:  r,
		Cohorts: []mentormatch.Cohort{{ID: "C1", Members: []string{"E1", "E2", "E3"}, Seniors: []string{"S1"}}},
		Sessions: []mentormatch.Session{
			{Cohort: "C1", Kind: mentormatch.KindPrimary, Round: 1, Start: primary, End: primary.Add(time.Hour), Participants: []string{"E1", "M1"},
				Local: []mentormatch.LocalStart{{ID: "E1", Start: primary.In(tokyo), TimeZone: "Asia/Tokyo"}, {ID: "M1", Start: primary, TimeZone: "Europe/Berlin"}}},
			{Cohort: "C1", Kind: mentormatch.KindPeer, Round: 1, Start: peer, End: peer.Add(90 * time.Minute), Participants: []string{"E1", "E2", "E3"},
				Flag: "=no common availability for E1, E3"},
			{Cohort: "C1", Kind: mentormatch.KindSenior, Round: 1, Start: senior, End: senior.Add(time.Hour), Participants: []string{"S1", "E1", "E2", "E3"}},
		},
		Warnings: []string{"cohort C1 cannot meet senior S2: no common time"},
		Roadmaps: sampleRoadmaps(t),
	}
}

var (
	chartRefRE  = regexp.MustCompile(`<(?:c:)?f>([^<]*)</(?:c:)?f>`)
	chartTextRE = regexp.MustCompile(`<a:t>([^<]*)</a:t>`)
	anchorRE    = regexp.MustCompile(`<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>`)
)

// dumpWorkbook renders a workbook as text for golden files: per sheet, its
// frozen panes, tables, column widths, each column's number format and
// wrapping on the first data row, and every row as a spreadsheet shows
// it; then the charts' titles and the cells they plot.
func dumpWorkbook(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		panes, err := f.GetPanes(sheet)
		require.NoError(t, err)
		if panes.Freeze {
			fmt.Fprintf(&b, "frozen: %d rows, %d columns\n", panes.YSplit, panes.XSplit)
		}
		tables, err := f.GetTables(sheet)
		require.NoError(t, err)
		for _, tb := range tables {
			fmt.Fprintf(&b, "table %s: %s\n", tb.Name, tb.Range)
		}
		rows, err := f.GetRows(sheet)
		require.NoError(t, err)
		cols := 0
		for _, r := range rows {
			cols = max(cols, len(r))
		}
		var widths, formats []string
		for c := 1; c <= cols; c++ {
			w, err := f.GetColWidth(sheet, colName(c))
			require.NoError(t, err)
			widths = append(widths, fmt.Sprintf("%s=%g", colName(c), w))
			if len(rows) < 2 {
				continue
			}
			cell := fmt.Sprintf("%s2", colName(c))
			id, err := f.GetCellStyle(sheet, cell)
			require.NoError(t, err)
			st, err := f.GetStyle(id)
			require.NoError(t, err)
			desc := ""
			if st.CustomNumFmt != nil {
				desc += " " + *st.CustomNumFmt
			}
			if st.Alignment != nil && st.Alignment.WrapText {
				desc += " wrap"
			}
			if desc != "" {
				formats = append(formats, colName(c)+":"+desc)
			}
		}
		fmt.Fprintf(&b, "widths: %s\n", strings.Join(widths, " "))
		if sheet != summarySheet && len(formats) > 0 {
			fmt.Fprintf(&b, "row 2 styles: %s\n", strings.Join(formats, ";"))
		}
		for i, r := range rows {
			fmt.Fprintf(&b, "%d: %s\n", i+1, strings.Join(r, " | "))
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	var names []string
	files := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		require.NoError(t, err)
		x, err := io.ReadAll(rc)
		rc.Close()
		require.NoError(t, err)
		files[zf.Name] = string(x)
		names = append(names, zf.Name)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.HasPrefix(n, "xl/drawings/drawing") && strings.HasSuffix(n, ".xml") {
			for _, m := range anchorRE.FindAllStringSubmatch(files[n], -1) {
				fmt.Fprintf(&b, "%s: chart at column %s row %s\n", n, m[1], m[2])
			}
		}
		if strings.HasPrefix(n, "xl/charts/chart") {
			fmt.Fprintf(&b, "%s:", n)
			for _, m := range chartTextRE.FindAllStringSubmatch(files[n], -1) {
				fmt.Fprintf(&b, " %q", m[1])
			}
			for _, m := range chartRefRE.FindAllStringSubmatch(files[n], -1) {
				fmt.Fprintf(&b, " %s", m[1])
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestWorkbookGolden(t *testing.T) {
	p, r := gapProgram()
	gaps := WithSkillGaps(SkillGaps(p, r))
	for _, tc := range []struct {
		name string
		enc  func(w io.Writer) error
	}{
		{"roster.xlsx.txt", func(w io.Writer) error { return EncodeRosterXLSX(w, sampleRoster(), gaps) }},
		{"empty.xlsx.txt", func(w io.Writer) error { return EncodeRosterXLSX(w, &mentormatch.Roster{}) }},
		{"plan.xlsx.txt", func(w io.Writer) error { return EncodePlanXLSX(w, samplePlan(t), gaps) }},
		{"plan-empty.xlsx.txt", func(w io.Writer) error { return EncodePlanXLSX(w, &mentormatch.Plan{}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, tc.enc(&b))
			golden(t, tc.name, []byte(dumpWorkbook(t, b.Bytes())))
		})
	}
}

func TestPlanJSONGolden(t *testing.T) {
	p, r := gapProgram()
	var b bytes.Buffer
	require.NoError(t, EncodePlanJSON(&b, samplePlan(t), WithSkillGaps(SkillGaps(p, r))))
	golden(t, "plan.json", b.Bytes())
	assert.Contains(t, b.String(), `"start": "2026-03-30T09:00:00+02:00"`, "RFC 3339 with the session's offset")
	assert.Contains(t, b.String(), `"start": "2026-03-27T16:00:00+01:00"`)

	b.Reset()
	require.NoError(t, EncodePlanJSON(&b, &mentormatch.Plan{}))
	for _, key := range []string{`"cohorts": []`, `"sessions": []`, `"warnings": []`} {
		assert.Contains(t, b.String(), key)
	}
	assert.NotContains(t, b.String(), "skill_gaps", "only with WithSkillGaps")
	assert.NotContains(t, b.String(), "roadmaps", "only when the plan has them")
}

// TestWorkbookDeterministic encodes the plan workbook, charts and all,
// several times: map order inside excelize must not reach the bytes.
func TestWorkbookDeterministic(t *testing.T) {
	p, r := gapProgram()
	plan := samplePlan(t)
	var first []byte
	for i := range 5 {
		var b bytes.Buffer
		require.NoError(t, EncodePlanXLSX(&b, plan, WithSkillGaps(SkillGaps(p, r))))
		if i == 0 {
			first = b.Bytes()
			continue
		}
		require.True(t, bytes.Equal(first, b.Bytes()), "run %d differs", i)
	}
}

func TestPlanWorkbookSheets(t *testing.T) {
	p, r := gapProgram()
	var b bytes.Buffer
	require.NoError(t, EncodePlanXLSX(&b, samplePlan(t), WithSkillGaps(SkillGaps(p, r))))
	f, err := excelize.OpenReader(&b)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	assert.Equal(t, []string{"Summary", "Matches", "Unmatched", "Mentor load", "Skills gap", "Cohorts", "Schedule", "Roadmaps", "Warnings"}, sheets)
	for _, s := range sheets[1:] {
		panes, err := f.GetPanes(s)
		require.NoError(t, err)
		assert.True(t, panes.Freeze && panes.YSplit == 1, "%s: header frozen", s)
		tables, err := f.GetTables(s)
		require.NoError(t, err)
		assert.Len(t, tables, 1, "%s: header filterable", s)
	}
	// A schedule cell that looks like a formula is text.
	v, err := f.GetCellValue("Schedule", "L2")
	require.NoError(t, err)
	assert.Equal(t, "=no common availability for E1, E3", v)
	// Each participant's own start and zone, next to UTC.
	v, err = f.GetCellValue("Schedule", "K4")
	require.NoError(t, err)
	assert.Equal(t, "E1 Mon 16:00 Asia/Tokyo; M1 Mon 09:00 Europe/Berlin", v)
	formula, err := f.GetCellFormula("Schedule", "L2")
	require.NoError(t, err)
	assert.Empty(t, formula)
	// Dates and times are numbers a spreadsheet can sort and filter.
	raw, err := f.GetCellValue("Schedule", "A2", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "46108", raw, "27 March 2026")
	raw, err = f.GetCellValue("Schedule", "B2", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	clock, err := strconv.ParseFloat(raw, 64)
	require.NoError(t, err)
	assert.InDelta(t, 16.0/24, clock, 1e-9, "16:00 in Berlin")
}

func TestSummarise(t *testing.T) {
	r := &mentormatch.Roster{
		Matches: []mentormatch.Match{{Score: 0}, {Score: 9.99}, {Score: 55}, {Score: 100}, {Score: 100.5}},
		Unmatched: []mentormatch.Unmatched{
			{ID: "E7", Role: "mentee", Reason: "the only mentor who could take them is full: M1"},
			{ID: "E8", Role: "mentee", Reason: "no mentor shares a language"},
			{ID: "E9", Role: "mentee", Reason: "the 3 mentors who could take them are full: M1, M2, M3"},
			{ID: "M4", Role: "mentor", Reason: "no mentee was assigned (capacity 2)"},
		},
		Load: []mentormatch.MentorLoad{
			{MentorID: "M1", Type: "primary", Capacity: 3, Assigned: 3},
			{MentorID: "M2", Type: "primary", Capacity: 2, Assigned: 1},
			{MentorID: "M4", Type: "primary", Capacity: 2, Assigned: 0},
			{MentorID: "S1", Type: "senior"},
		},
		Summary: mentormatch.Summary{Mentees: 8, Mentors: 4, Matched: 5, MeanScore: 53.1, MinScore: 0, TotalScore: 265.49, Objective: "fair", BlockingPairs: 2},
	}
	s := summarise(r, nil, 0)
	fig := map[string]figure{}
	for _, f := range s.figures {
		fig[f.label] = f
	}
	assert.Equal(t, 3, fig[labelUnmatched].value)
	assert.Equal(t, 1, fig[labelIdle].value)
	assert.Equal(t, 4.0/7, fig[labelCapacity].value)
	assert.Equal(t, "4 of 7 places with primary mentors", fig[labelCapacity].note)
	assert.Equal(t, "3 primary with 7 places, 1 senior", fig[labelMentors].note)
	assert.Equal(t, 2, fig[labelBlocking].value)
	assert.Contains(t, fig[labelObjective].note, "lowest score")
	assert.NotContains(t, fig, labelCohorts, "a roster has no cohorts")
	assert.Equal(t, [10]int{2, 0, 0, 0, 0, 1, 0, 0, 0, 2}, s.scores, "0 and 9.99 in the first band, 100 in the last")
	assert.Equal(t, []loadRow{{0, 1, 0}, {1, 1, 0}, {2, 0, 2}, {3, 1, 1}}, s.load)
	require.Len(t, s.unplaced, 3)
	assert.Equal(t, reasonGroup{role: "mentee", reason: "every mentor who could take them is full", ids: []string{"E7", "E9"}}, *s.unplaced[0])
	assert.Equal(t, reasonGroup{role: "mentee", reason: "no mentor shares a language", ids: []string{"E8"}}, *s.unplaced[1])
	assert.Equal(t, reasonGroup{role: "mentor", reason: "no mentee was assigned", ids: []string{"M4"}}, *s.unplaced[2])

	empty := summarise(&mentormatch.Roster{}, &mentormatch.Plan{}, 0)
	assert.Equal(t, []loadRow{{}}, empty.load)
	assert.Empty(t, empty.unplaced)
}

func TestReasonKind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"the only mentor who could take them is full: M1", "every mentor who could take them is full"},
		{"the 12 mentors who could take them are full: E1020, E1021 and 7 more", "every mentor who could take them is full"},
		{"no mentee was assigned (capacity 3)", "no mentee was assigned"},
		{"no mentor is allowed: languages (3), avoid (1)", "no mentor is allowed"},
		{"every mentor is excluded: same department", "every mentor is excluded"},
		{"quota 12 of 40 reached", "quota N of N reached"},
		{"", "no reason given"},
		{": x", "no reason given"},
	} {
		assert.Equal(t, tc.want, reasonKind(tc.in), tc.in)
	}
	assert.Equal(t, "a, b", shortList([]string{"a", "b"}, 2))
	assert.Equal(t, "a, b and 1 more", shortList([]string{"a", "b", "c"}, 2))
}

// bigPlan is a plan the size of a generated 10,000-mentee program: 10,000
// matches, 834 cohorts of 12 and 108,000 sessions.
func bigPlan(b *testing.B) *mentormatch.Plan {
	r := &mentormatch.Roster{Summary: mentormatch.Summary{Mentees: 10000, Mentors: 2000, Matched: 10000, Objective: "total"}}
	for j := range 2000 {
		r.Load = append(r.Load, mentormatch.MentorLoad{MentorID: fmt.Sprintf("M%04d", j), MentorName: fmt.Sprintf("Mentor %d", j), Type: "primary", Capacity: 5, Assigned: 5})
	}
	for i := range 10000 {
		comps := []mentormatch.Component{{Name: "skills", Points: 30}, {Name: "availability", Points: 20}, {Name: "goals", Points: 15}}
		r.Matches = append(r.Matches, mentormatch.Match{MenteeID: fmt.Sprintf("E%05d", i), MenteeName: fmt.Sprintf("Mentee %d", i),
			MentorID: fmt.Sprintf("M%04d", i%2000), MentorName: fmt.Sprintf("Mentor %d", i%2000), Score: float64(i%100) + 0.5, Components: comps,
			Reason: "covers go 5 vs 2, kubernetes 5 vs 1; 3.5 h/week shared; goals: tech lead"})
	}
	p := &mentormatch.Plan{Roster: r}
	start := time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC)
	for c := range 834 {
		id := fmt.Sprintf("C%d", c+1)
		var members []string
		for k := range 12 {
			members = append(members, fmt.Sprintf("E%05d", (c*12+k)%10000))
		}
		p.Cohorts = append(p.Cohorts, mentormatch.Cohort{ID: id, Members: members, Seniors: []string{"S1", "S2"}})
		for s := range 129 {
			t := start.Add(time.Duration(s*24+c%8) * time.Hour)
			p.Sessions = append(p.Sessions, mentormatch.Session{Cohort: id, Kind: mentormatch.KindPeer, Round: s + 1, Start: t, End: t.Add(time.Hour),
				Participants: members[s%12 : s%12+1 : s%12+1], Flag: ""})
		}
	}
	return p
}

// BenchmarkEncodePlanXLSX writes the plan workbook of bigPlan.
func BenchmarkEncodePlanXLSX(b *testing.B) {
	p := bigPlan(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := EncodePlanXLSX(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSummaryIsActive(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, EncodePlanXLSX(&b, samplePlan(t)))
	f, err := excelize.OpenReader(&b)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, 0, f.GetActiveSheetIndex())
	assert.Equal(t, summarySheet, f.GetSheetName(f.GetActiveSheetIndex()))
}

// Every key figure of the Summary sheet stands once, whatever the roster
// carries (decisions, preferences, history, a plan).
func TestSummaryFiguresOnce(t *testing.T) {
	r := &mentormatch.Roster{Summary: mentormatch.Summary{Mentees: 2, Matched: 1, Objective: "total",
		Decisions:   &mentormatch.DecisionSummary{Pinned: 1},
		Preferences: &mentormatch.PreferenceSummary{Choices: []int{1, 0, 0}, Stated: 1},
		History:     &mentormatch.HistorySummary{Earlier: 1, Avoided: 1}}}
	seen := map[string]bool{}
	for _, f := range summarise(r, &mentormatch.Plan{EarlierPeers: &mentormatch.PeerSummary{Earlier: 3}}, 0).figures {
		assert.False(t, seen[f.label], "%q stands twice", f.label)
		seen[f.label] = true
	}
	assert.True(t, seen[labelBlocking] && seen[labelApart] && seen[labelPinned] && seen[labelEarlier] && seen[labelPeers])
}

// The Summary sheet says how many earlier peers the cohorts kept apart,
// which are together again, and whether the sizes forced it.
func TestPeerNote(t *testing.T) {
	pairs := []string{"E1–E2 in C1", "E3–E4 in C1", "E5–E6 in C2", "E1–E7 in C1", "E8–E9 in C3", "E2–E7 in C1"}
	for _, tc := range []struct {
		name string
		s    mentormatch.PeerSummary
		want string
	}{
		{"all apart", mentormatch.PeerSummary{Earlier: 16}, "of 16 pairs of mentees who shared an earlier cohort; none together again"},
		{"forced", mentormatch.PeerSummary{Earlier: 16, Together: 2, Unavoidable: 2, TogetherPairs: pairs[:2]},
			"of 16 pairs of mentees who shared an earlier cohort; 2 together again, which the cohort sizes could not avoid: E1–E2 in C1, E3–E4 in C1"},
		{"partly forced, listed in part", mentormatch.PeerSummary{Earlier: 16, Together: 6, Unavoidable: 4, TogetherPairs: pairs},
			"of 16 pairs of mentees who shared an earlier cohort; 6 together again, 4 of which the cohort sizes could not avoid: E1–E2 in C1, E3–E4 in C1, E5–E6 in C2, E1–E7 in C1, E8–E9 in C3, …"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, PeerNote(&tc.s))
			var fig *figure
			for _, f := range summarise(&mentormatch.Roster{}, &mentormatch.Plan{EarlierPeers: &tc.s}, 0).figures {
				if f.label == labelPeers {
					fig = &f
				}
			}
			require.NotNil(t, fig)
			assert.Equal(t, tc.s.Earlier-tc.s.Together, fig.value)
			assert.Equal(t, tc.want, fig.note)
		})
	}
}

// Under the objective stable the Summary sheet says what it is, counts
// blocking pairs on its rankings, and gives the optimum it is priced
// against; the JSON summary carries the same figures.
func TestSummaryStable(t *testing.T) {
	r := &mentormatch.Roster{Summary: mentormatch.Summary{Mentees: 3, Matched: 2, TotalScore: 120.5, Objective: mentormatch.ObjectiveStable,
		Stable: &mentormatch.StableSummary{OptimumMatched: 3, OptimumTotal: 150.25, CostMatches: 1, CostPoints: 29.75}}}
	notes := map[string]string{}
	for _, f := range summarise(r, nil, 0).figures {
		notes[f.label] = f.note
	}
	assert.Contains(t, notes[labelObjective], "deferred acceptance")
	assert.Contains(t, notes[labelBlocking], "prefers first")
	assert.Equal(t, "the price of stability: 2 matched, total 120.50; the optimum (objective total) matches 3 with total 150.25", notes[labelOptimum])
	js := newRosterJSON(r, &options{})
	require.NotNil(t, js.Summary.Stable)
	assert.Equal(t, 3, js.Summary.Stable.OptimumMatched)
	r.Summary.Objective, r.Summary.Stable = mentormatch.ObjectiveTotal, nil
	for _, f := range summarise(r, nil, 0).figures {
		assert.NotEqual(t, labelOptimum, f.label, "only under stable")
	}
}
