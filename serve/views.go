package serve

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/plan"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/scoring"
)

// page is what every view's template gets: the layout's parts and the
// view's own data.
type page struct {
	Title string
	Nav   string
	CSRF  string
	St    *state
	Data  any
	// Refresh asks a browser without the page's script to load the page
	// again shortly: the page waits for something being built.
	Refresh bool
}

var funcs = template.FuncMap{
	"f2": func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
	"signed": func(v float64) string {
		if v > 0 {
			return "+" + strconv.FormatFloat(v, 'f', 2, 64)
		}
		return strconv.FormatFloat(v, 'f', 2, 64)
	},
	"pct": func(v float64) string { return strconv.FormatFloat(100*v, 'f', 0, 64) + "%" },
	"esc": url.PathEscape,
}

// parsePages parses each view with the layout around it.
func parsePages() (map[string]*template.Template, error) {
	names, err := templateFS.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, e := range names {
		if e.Name() == "layout.html" {
			continue
		}
		t, err := template.New(e.Name()).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+e.Name())
		if err != nil {
			return nil, err
		}
		out[strings.TrimSuffix(e.Name(), ".html")] = t
	}
	return out, nil
}

// render writes a view; the page is rendered whole before the first byte
// is sent, so a template error is a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) {
	p.CSRF = s.csrf
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		http.Error(w, "the page could not be drawn: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// refuse is a refusal in words, on a page of its own.
func (s *Server) refuse(w http.ResponseWriter, status int, msg string) {
	s.render(w, status, "refused", page{Title: http.StatusText(status), Data: msg})
}

// loaded is a handler of the program the page shows. It runs under the
// server's lock, so that changes are made one at a time and a page is
// drawn from one state; when the people could not be read, it answers
// with the page of their problems instead.
func (s *Server) loaded(h func(http.ResponseWriter, *http.Request, *state)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.st.p == nil {
			s.render(w, http.StatusUnprocessableEntity, "program", page{Title: "Program", Nav: "program", St: s.st})
			return
		}
		h(w, r, s.st)
	}
}

func (s *Server) program(w http.ResponseWriter, r *http.Request, st *state) {
	var warnings []string
	for _, w := range st.p.Warnings {
		warnings = append(warnings, w.String())
	}
	warnings = append(warnings, st.res.Roster.Warnings...)
	s.render(w, http.StatusOK, "program", page{Title: "Program", Nav: "program", St: st, Data: struct {
		Warnings []string
		Command  string
	}{warnings, s.command(st)}})
}

func (s *Server) roster(w http.ResponseWriter, r *http.Request, st *state) {
	q := r.URL.Query()
	filter := strings.TrimSpace(q.Get("q"))
	key, dir := q.Get("sort"), q.Get("dir")
	names := st.res.Scorer.ComponentNames()
	if !slices.Contains(append([]string{"mentee", "mentor", "score"}, names...), key) {
		key = "mentee"
	}
	if dir != "desc" {
		dir = "asc"
	}
	all := st.res.Roster.Matches
	rows := make([]*mentormatch.Match, 0, len(all))
	lf := strings.ToLower(filter)
	for k := range all {
		m := &all[k]
		if lf == "" || strings.Contains(strings.ToLower(m.MenteeID+"\x00"+m.MenteeName+"\x00"+m.MentorID+"\x00"+m.MentorName+"\x00"+m.Reason), lf) {
			rows = append(rows, m)
		}
	}
	less := func(a, b *mentormatch.Match) int {
		switch key {
		case "mentor":
			return strings.Compare(a.MentorName+a.MentorID, b.MentorName+b.MentorID)
		case "score":
			return cmpFloat(a.Score, b.Score)
		case "mentee":
			return 0 // input order
		}
		return cmpFloat(points(a, key), points(b, key))
	}
	sort.SliceStable(rows, func(x, y int) bool {
		c := less(rows[x], rows[y])
		if dir == "desc" {
			c = -c
		}
		return c < 0
	})
	if key == "mentee" && dir == "desc" {
		slices.Reverse(rows)
	}
	size := s.opt.PageSize
	pages := max(1, (len(rows)+size-1)/size)
	n, _ := strconv.Atoi(q.Get("page"))
	n = min(max(n, 1), pages)
	shown := rows[(n-1)*size : min(n*size, len(rows))]
	link := func(v url.Values) string {
		for _, k := range []string{"q", "sort", "dir", "page"} {
			if !v.Has(k) && q.Get(k) != "" {
				v.Set(k, q.Get(k))
			}
		}
		return "/roster?" + v.Encode()
	}
	type col struct {
		Name, Label, Link, Sorted string
	}
	var cols []col
	for _, c := range append([]string{"mentee", "mentor", "score"}, names...) {
		next, sorted := "asc", ""
		if c == key {
			sorted = map[string]string{"asc": "ascending", "desc": "descending"}[dir]
			if dir == "asc" {
				next = "desc"
			}
		} else if c != "mentee" && c != "mentor" {
			next = "desc" // scores read best first
		}
		cols = append(cols, col{c, c, link(url.Values{"sort": {c}, "dir": {next}, "page": {"1"}}), sorted})
	}
	data := struct {
		Rows       []*mentormatch.Match
		Cols       []col
		Components []string
		Filter     string
		Sort, Dir  string
		Page       int
		Pages      int
		Shown      int
		Prev, Next string
	}{shown, cols, names, filter, key, dir, n, pages, len(rows), "", ""}
	if n > 1 {
		data.Prev = link(url.Values{"page": {strconv.Itoa(n - 1)}})
	}
	if n < pages {
		data.Next = link(url.Values{"page": {strconv.Itoa(n + 1)}})
	}
	s.render(w, http.StatusOK, "roster", page{Title: "Roster", Nav: "roster", St: st, Data: data})
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func points(m *mentormatch.Match, name string) float64 {
	for _, c := range m.Components {
		if c.Name == name {
			return c.Points
		}
	}
	return 0
}

// alternative is another mentor for a mentee, priced: what the program's
// optimal total would be with this pair forced.
type alternative struct {
	ID, Name string
	Score    float64
	Loss     float64
	Fewer    int // mentees fewer matched with the pair forced
	// Apart is how many more pairs could not meet with the pair forced:
	// shared time ranks above the total, so a forced pair may raise the
	// total (a negative Loss) only at this price.
	Apart    int
	Error    string // why the pair cannot be forced
	Unpriced bool   // it can, but the page does not price it (see priced)
	// NotPriced says why no objective's price applies (the objective
	// stable); the pair can still be pinned.
	NotPriced string
}

func (s *Server) mentee(w http.ResponseWriter, r *http.Request, st *state) {
	i, ok := s.named(w, r, st.mentee, "mentee")
	if !ok {
		return
	}
	e := st.p.Mentee(i)
	data := struct {
		Person    *mentormatch.Person
		Match     *mentormatch.Match
		Breakdown scoring.Breakdown
		Windows   []string
		Zone      string
		Unmatched string
		Alts      []alternative
		Pinned    bool
		Decisions []decisionView
	}{Person: e, Zone: zoneName(e)}
	cur := -1
	if k, ok := st.pairOf[e.ID]; ok {
		data.Match = &st.res.Roster.Matches[k]
		cur = st.mentor[data.Match.MentorID]
		data.Breakdown = st.res.Scorer.Pair(i, cur)
		for _, win := range st.res.Scorer.CommonWindows(i, cur) {
			data.Windows = append(data.Windows, win.String())
		}
	} else {
		for _, u := range st.res.Roster.Unmatched {
			if u.ID == e.ID && u.Role == "mentee" {
				data.Unmatched = u.Reason
			}
		}
	}
	data.Pinned = st.pinned(e.ID)
	data.Decisions = st.decisionsOf(e.ID)
	for _, c := range st.res.Candidates(i, 9) {
		if c.Mentor == cur || len(data.Alts) == 8 {
			continue
		}
		m := st.p.Mentor(c.Mentor)
		a := alternative{ID: m.ID, Name: m.Name, Score: c.Score}
		st.price(&a, i, c.Mentor)
		data.Alts = append(data.Alts, a)
	}
	s.render(w, http.StatusOK, "mentee", page{Title: e.Name + " (" + e.ID + ")", Nav: "roster", St: st, Data: data})
}

// named is the index of the mentee or mentor (role) whose id the path
// names, in ids; when there is none it answers with a page that says so
// and reports false.
func (s *Server) named(w http.ResponseWriter, r *http.Request, ids map[string]int, role string) (int, bool) {
	k, ok := ids[r.PathValue("id")]
	if !ok {
		s.refuse(w, http.StatusNotFound, fmt.Sprintf("There is no %s with the id %q.", role, r.PathValue("id")))
	}
	return k, ok
}

// price fills in what forcing mentee i with mentor j would cost the
// program, or why the page does not say: the mentee is pinned, the
// program is not priced, or the pair cannot be forced.
func (st *state) price(a *alternative, i, j int) {
	switch {
	case st.pinned(st.p.Mentee(i).ID):
		a.Error = "the mentee is pinned"
	case !st.priced():
		a.Unpriced = true
	default:
		f, err := st.res.Force(i, j)
		if errors.Is(err, roster.ErrNotPriced) {
			a.NotPriced = notPriced
			return
		}
		if err != nil {
			a.Error = err.Error()
			return
		}
		sum := st.res.Roster.Summary
		a.Loss, a.Fewer, a.Apart = f.Loss, sum.Matched-f.Assigned, f.CannotMeet-sum.CannotMeet
	}
}

// notPriced is what the page says in place of a forced pair's price under
// the objective stable.
const notPriced = "not priced: a stable roster is not an optimum"

// priced reports whether the page prices forced pairs as it draws a
// mentee or mentor: when the program's matrix is held whole. In sparse
// mode one price reads rows on demand, up to a minute at 100,000 × 10,000,
// and a page must not wait for eight of them; the pin itself still
// re-solves exactly.
func (st *state) priced() bool { return st.res.Scores != nil }

func zoneName(p *mentormatch.Person) string {
	if p.TimeZone != "" {
		return p.TimeZone
	}
	return "UTC"
}

// gainer is a mentee who would score higher with a mentor than with
// their own, priced as an alternative.
type gainer struct {
	alternative
	Gain    float64
	Current float64
}

func (s *Server) mentor(w http.ResponseWriter, r *http.Request, st *state) {
	j, ok := s.named(w, r, st.mentor, "mentor")
	if !ok {
		return
	}
	m := st.p.Mentor(j)
	var mine []mentormatch.Match
	for _, x := range st.res.Roster.Matches {
		if x.MentorID == m.ID {
			mine = append(mine, x)
		}
	}
	// Who would gain most: every mentee's score with this mentor against
	// their own, one cell each.
	var gains []gainer
	for i := range st.p.Mentees {
		e := st.p.Mentee(i)
		v := st.res.Scorer.Cell(i, j)
		if math.IsNaN(v) {
			continue
		}
		cur := 0.0
		if k, ok := st.pairOf[e.ID]; ok {
			if st.res.Roster.Matches[k].MentorID == m.ID {
				continue
			}
			cur = st.res.Roster.Matches[k].Score
		}
		if v > cur {
			gains = append(gains, gainer{alternative: alternative{ID: e.ID, Name: e.Name, Score: v}, Gain: scoring.Round2(v - cur), Current: cur})
		}
	}
	sort.SliceStable(gains, func(a, b int) bool { return gains[a].Gain > gains[b].Gain })
	gains = gains[:min(len(gains), 5)]
	for k := range gains {
		st.price(&gains[k].alternative, st.mentee[gains[k].ID], j)
	}
	data := struct {
		Person  *mentormatch.Person
		Load    mentormatch.MentorLoad
		Mentees []mentormatch.Match
		Gainers []gainer
	}{m, st.res.Roster.Load[j], mine, gains}
	s.render(w, http.StatusOK, "mentor", page{Title: m.Name + " (" + m.ID + ")", Nav: "roster", St: st, Data: data})
}

func (s *Server) cohorts(w http.ResponseWriter, r *http.Request, st *state) {
	const title = "Cohorts and schedule"
	pl, ok := s.planOf(w, r, st, title)
	if !ok {
		return
	}
	flagged := map[string]int{}
	for _, x := range pl.Plan.Sessions {
		if x.Flag != "" {
			flagged[x.Cohort]++
		}
	}
	type cohortView struct {
		mentormatch.Cohort
		Flagged int
	}
	var cs []cohortView
	for _, c := range pl.Plan.Cohorts {
		cs = append(cs, cohortView{c, flagged[c.ID]})
	}
	data := struct {
		Cohorts  []cohortView
		Sessions int
		Warnings []string
		Names    map[string]string
	}{cs, len(pl.Plan.Sessions), pl.Plan.Warnings, st.names()}
	s.render(w, http.StatusOK, "cohorts", page{Title: title, Nav: "cohorts", St: st, Data: data})
}

// planOf is the plan of st's roster, for the view titled title. While
// the plan is being built it answers at once with a page that says so,
// shows how far the plan is and asks again shortly (the page's script, or
// a refresh without it); when the plan cannot be built, it says why. In
// both cases it reports false.
func (s *Server) planOf(w http.ResponseWriter, r *http.Request, st *state, title string) (*plan.Result, bool) {
	pl, ps, err := st.job.poll()
	switch {
	case err != nil:
		s.refuse(w, http.StatusUnprocessableEntity, "The cohorts could not be planned: "+err.Error())
	case ps != nil:
		// 202: the request is taken, the page is not ready yet.
		s.render(w, http.StatusAccepted, "planning", page{Title: title, Nav: "cohorts", St: st, Refresh: true,
			Data: planningView{planStatus: ps, Path: r.URL.RequestURI(), Mentees: len(st.p.Mentees)}})
	default:
		return pl, true
	}
	return nil, false
}

// planningView is the page that waits for a plan.
type planningView struct {
	*planStatus
	// Path is the page to ask for again.
	Path    string
	Mentees int
}

// names maps every person's id to their name, for views that list ids.
func (st *state) names() map[string]string {
	out := make(map[string]string, len(st.p.People))
	for i := range st.p.People {
		out[st.p.People[i].ID] = st.p.People[i].Name
	}
	return out
}

func (s *Server) cohort(w http.ResponseWriter, r *http.Request, st *state) {
	id := r.PathValue("id")
	pl, ok := s.planOf(w, r, st, "Cohort "+id)
	if !ok {
		return
	}
	i := slices.IndexFunc(pl.Plan.Cohorts, func(c mentormatch.Cohort) bool { return c.ID == id })
	if i < 0 {
		s.refuse(w, http.StatusNotFound, fmt.Sprintf("There is no cohort %q.", id))
		return
	}
	var ss []*mentormatch.Session
	for k := range pl.Plan.Sessions {
		if x := &pl.Plan.Sessions[k]; x.Cohort == id && x.Kind != mentormatch.KindPrimary {
			ss = append(ss, x)
		}
	}
	loc := time.UTC
	if len(ss) > 0 {
		loc = ss[0].Start.Location()
	}
	c := pl.Plan.Cohorts[i]
	s.render(w, http.StatusOK, "calendar", page{Title: "Cohort " + id, Nav: "cohorts", St: st, Data: calendarView{
		Cohort: &c, Zone: loc.String(), Weeks: weeks(ss, loc, st.names()), Names: st.names()}})
}

func (s *Server) person(w http.ResponseWriter, r *http.Request, st *state) {
	id := r.PathValue("id")
	var per *mentormatch.Person
	if i, ok := st.mentee[id]; ok {
		per = st.p.Mentee(i)
	} else if j, ok := st.mentor[id]; ok {
		per = st.p.Mentor(j)
	} else {
		s.refuse(w, http.StatusNotFound, fmt.Sprintf("There is nobody with the id %q.", id))
		return
	}
	title := per.Name + " (" + per.ID + "): sessions"
	pl, ok := s.planOf(w, r, st, title)
	if !ok {
		return
	}
	var ss []*mentormatch.Session
	for k := range pl.Plan.Sessions {
		if x := &pl.Plan.Sessions[k]; slices.Contains(x.Participants, id) {
			ss = append(ss, x)
		}
	}
	loc := per.Location
	if loc == nil {
		loc = time.UTC
	}
	s.render(w, http.StatusOK, "calendar", page{Title: title, Nav: "cohorts", St: st, Data: calendarView{
		Person: per, Zone: zoneName(per), Weeks: weeks(ss, loc, st.names()), Names: st.names()}})
}

// calendarView is a week-by-week calendar of sessions in one zone.
type calendarView struct {
	Person *mentormatch.Person
	Cohort *mentormatch.Cohort
	Zone   string
	Weeks  []week
	Names  map[string]string
}

type week struct {
	Monday string
	Days   [7][]slot
}

// slot is a session as a calendar cell shows it, in the calendar's zone.
type slot struct {
	Time    string
	Kind    string
	Cohort  string
	With    string
	Flag    string
	Weekday string
}

// weeks lays sessions out in weeks from Monday, in loc: only the weeks
// that have sessions.
func weeks(ss []*mentormatch.Session, loc *time.Location, names map[string]string) []week {
	ss = slices.Clone(ss)
	slices.SortStableFunc(ss, func(a, b *mentormatch.Session) int { return a.Start.Compare(b.Start) })
	var out []week
	idx := map[string]int{}
	for _, x := range ss {
		t := x.Start.In(loc)
		d := (int(t.Weekday()) + 6) % 7
		mon := time.Date(t.Year(), t.Month(), t.Day()-d, 0, 0, 0, 0, loc).Format("Mon 2 Jan 2006")
		k, ok := idx[mon]
		if !ok {
			k = len(out)
			idx[mon] = k
			out = append(out, week{Monday: mon})
		}
		var with []string
		for _, id := range x.Participants {
			if n := names[id]; n != "" {
				with = append(with, n)
			} else {
				with = append(with, id)
			}
		}
		out[k].Days[d] = append(out[k].Days[d], slot{Time: t.Format("15:04") + "–" + x.End.In(loc).Format("15:04"),
			Kind: string(x.Kind), Cohort: x.Cohort, With: strings.Join(with, ", "), Flag: x.Flag, Weekday: t.Weekday().String()})
	}
	return out
}
