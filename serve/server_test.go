package serve

import (
	"bytes"
	"html/template"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/table"
)

const testToken = "t0ken"

func exampleOptions(t testing.TB) Options {
	cfg := mentormatch.DefaultConfig()
	cfg.Schedule.Start = "2026-11-30"
	return Options{
		Files:  []table.File{{Path: example.PeopleName, Data: example.PeopleCSV()}},
		Config: cfg,
		Dir:    t.TempDir(),
		Token:  testToken,
	}
}

// client drives a server's handler as a browser that opened the printed
// address would: with its cookie.
type client struct {
	t      testing.TB
	s      *Server
	h      http.Handler
	cookie *http.Cookie
}

func newClient(t testing.TB, opt Options) *client {
	t.Helper()
	s, err := New(opt)
	require.NoError(t, err)
	c := &client{t: t, s: s, h: s.Handler()}
	rec := c.do(httptest.NewRequest("GET", "/?token="+testToken, nil), false)
	require.Equal(t, http.StatusSeeOther, rec.Code)
	require.Equal(t, "/", rec.Header().Get("Location"), "the token leaves the address")
	for _, k := range rec.Result().Cookies() {
		c.cookie = k
	}
	require.NotNil(t, c.cookie)
	assert.True(t, c.cookie.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, c.cookie.SameSite)
	return c
}

func (c *client) do(r *http.Request, withCookie bool) *httptest.ResponseRecorder {
	if withCookie && c.cookie != nil {
		r.AddCookie(c.cookie)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, r)
	return rec
}

func (c *client) get(path string) *httptest.ResponseRecorder {
	return c.do(httptest.NewRequest("GET", path, nil), true)
}

// post sends a form as the page does: with the CSRF token and this
// server's Origin.
func (c *client) post(path string, form url.Values) *httptest.ResponseRecorder {
	form.Set("csrf", c.s.csrf)
	r := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Origin", "http://"+r.Host)
	return c.do(r, true)
}

// planned waits for the plan of the roster the page shows, which the
// server builds in the background.
func (c *client) planned() {
	c.t.Helper()
	c.s.mu.Lock()
	st := c.s.st
	c.s.mu.Unlock()
	_, err := st.planned()
	require.NoError(c.t, err)
}

func TestRoutes(t *testing.T) {
	c := newClient(t, exampleOptions(t))
	c.planned()
	tests := []struct {
		path string
		code int
		want []string
	}{
		{"/", 200, []string{"Unmatched (6)", "Total score", "mentormatch match --example --out roster.xlsx"}},
		{"/roster", 200, []string{`aria-sort="ascending"`, "Sven Lindqvist", "<meter"}},
		{"/roster?sort=score&dir=desc", 200, []string{`aria-sort="descending"`}},
		{"/roster?q=lindqvist", 200, []string{"Sven Lindqvist"}},
		{"/roster?sort=skills&dir=desc&page=9", 200, []string{"page 1 of 1"}[:0]},
		{"/mentee/E1101", 200, []string{"Matched with", "Next best mentors", "Total drops by", `value="pin"`, `value="forbid"`}},
		{"/mentee/E1111", 200, []string{"Unmatched:"}},
		{"/mentor/E1032", 200, []string{"load", "Mentees who would gain most"}},
		{"/cohorts", 200, []string{"Cohorts", "Flagged sessions"}},
		{"/cohort/C1", 200, []string{"Week of"}},
		{"/person/E1101", 200, []string{"Times in <strong>Europe/London</strong>"}},
		{"/settings", 200, []string{`name="weight_skills"`, `value="total"`}},
		{"/change", 200, []string{"No change yet"}},
		{"/export", 200, []string{"roster.xlsx", "calendars.zip"}},
		{"/export/roster.json", 200, []string{`"matches"`}},
		{"/static/style.css", 200, []string{"--ink"}},
		{"/static/app.js", 200, []string{"submit"}},
		{"/mentee/NOBODY", 404, []string{"no mentee"}},
		{"/mentor/NOBODY", 404, []string{"no mentor"}},
		{"/cohort/NOPE", 404, []string{"no cohort"}},
		{"/person/NOBODY", 404, []string{"nobody"}},
		{"/export/secrets.txt", 404, []string{"no export"}},
		{"/nothing", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := c.get(tt.path)
			require.Equal(t, tt.code, rec.Code, rec.Body.String())
			for _, w := range tt.want {
				assert.Contains(t, rec.Body.String(), w)
			}
			assert.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'none'")
		})
	}
}

func TestExportNames(t *testing.T) {
	c := newClient(t, exampleOptions(t))
	for _, e := range exportFiles {
		rec := c.get("/export/" + e.Name)
		require.Equal(t, 200, rec.Code, e.Name)
		assert.Equal(t, e.Type, rec.Header().Get("Content-Type"))
		assert.Contains(t, rec.Header().Get("Content-Disposition"), e.Name)
		assert.NotEmpty(t, rec.Body.Bytes())
	}
}

func TestRefusals(t *testing.T) {
	opt := exampleOptions(t)
	c := newClient(t, opt)
	form := func(kv ...string) url.Values {
		v := url.Values{}
		for k := 0; k < len(kv); k += 2 {
			v.Set(kv[k], kv[k+1])
		}
		return v
	}
	postWith := func(csrf, origin string, v url.Values) *httptest.ResponseRecorder {
		v.Set("csrf", csrf)
		r := httptest.NewRequest("POST", "/settings", strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		return c.do(r, true)
	}
	t.Run("no token", func(t *testing.T) {
		for _, p := range []string{"/", "/roster", "/mentee/E1101", "/export/roster.xlsx", "/static/app.js"} {
			rec := c.do(httptest.NewRequest("GET", p, nil), false)
			assert.Equal(t, http.StatusForbidden, rec.Code, p)
			assert.NotContains(t, rec.Body.String(), "Sven", p)
		}
	})
	t.Run("wrong token", func(t *testing.T) {
		rec := c.do(httptest.NewRequest("GET", "/?token=guess", nil), false)
		assert.Equal(t, http.StatusForbidden, rec.Code)
		assert.Empty(t, rec.Result().Cookies())
		r := httptest.NewRequest("GET", "/", nil)
		r.AddCookie(&http.Cookie{Name: c.cookie.Name, Value: "guess"})
		assert.Equal(t, http.StatusForbidden, c.do(r, false).Code)
	})
	t.Run("no token on a change", func(t *testing.T) {
		v := form("csrf", c.s.csrf, "objective", "fair")
		r := httptest.NewRequest("POST", "/settings", strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		assert.Equal(t, http.StatusForbidden, c.do(r, false).Code)
	})
	t.Run("bad CSRF", func(t *testing.T) {
		assert.Equal(t, http.StatusForbidden, postWith("", "", form("objective", "fair")).Code)
		assert.Equal(t, http.StatusForbidden, postWith("forged", "", form("objective", "fair")).Code)
	})
	t.Run("other origin", func(t *testing.T) {
		rec := postWith(c.s.csrf, "http://evil.example", form("objective", "fair"))
		assert.Equal(t, http.StatusForbidden, rec.Code)
		assert.Contains(t, rec.Body.String(), "another site")
	})
	t.Run("cross-site fetch", func(t *testing.T) {
		v := form("csrf", c.s.csrf, "objective", "fair")
		r := httptest.NewRequest("POST", "/settings", strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		assert.Equal(t, http.StatusForbidden, c.do(r, true).Code)
	})
	t.Run("a refused change changes nothing", func(t *testing.T) {
		assert.Equal(t, mentormatch.ObjectiveTotal, c.s.st.cfg.Objective)
		_, err := os.Stat(filepath.Join(opt.Dir, configName))
		assert.ErrorIs(t, err, os.ErrNotExist)
	})
	t.Run("path outside the folder", func(t *testing.T) {
		for _, as := range []string{"../roster.xlsx", "/tmp/roster.xlsx", "sub/roster.xlsx", `..\roster.xlsx`, ".hidden.xlsx", "..", "roster.exe"} {
			rec := c.post("/save", form("file", "roster.xlsx", "as", as))
			assert.Equal(t, http.StatusBadRequest, rec.Code, as)
		}
		assert.NoFileExists(t, filepath.Join(filepath.Dir(opt.Dir), "roster.xlsx"))
		rec := c.post("/save", form("file", "nothing.xlsx"))
		assert.Equal(t, http.StatusBadRequest, rec.Code)
	})
	t.Run("oversized upload", func(t *testing.T) {
		small := opt
		small.MaxUpload = 1 << 10
		small.Dir = t.TempDir()
		c := newClient(t, small)
		rec := c.upload(map[string][]byte{"people": bytes.Repeat([]byte("x"), 4<<20)})
		assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, rec.Body.String())
		entries, _ := os.ReadDir(small.Dir)
		assert.Empty(t, entries, "nothing is written")
	})
	t.Run("too many files", func(t *testing.T) {
		rec := c.upload(map[string][]byte{"people": []byte("a"), "mentees": []byte("b"), "mentors": []byte("c")})
		assert.Equal(t, http.StatusBadRequest, rec.Code)
	})
	t.Run("undo with nothing to undo", func(t *testing.T) {
		assert.Equal(t, http.StatusConflict, c.post("/undo", url.Values{}).Code)
	})
	t.Run("wrong method", func(t *testing.T) {
		assert.Equal(t, http.StatusMethodNotAllowed, c.post("/roster", url.Values{}).Code)
	})
}

// upload posts files as the page's upload form does, by field name.
func (c *client) upload(files map[string][]byte) *httptest.ResponseRecorder {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	c.t.Helper()
	require.NoError(c.t, mw.WriteField("csrf", c.s.csrf))
	for field, data := range files {
		w, err := mw.CreateFormFile(field, field+".csv")
		require.NoError(c.t, err)
		_, err = w.Write(data)
		require.NoError(c.t, err)
	}
	require.NoError(c.t, mw.Close())
	r := httptest.NewRequest("POST", "/upload", &b)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(r, true)
}

func TestSave(t *testing.T) {
	opt := exampleOptions(t)
	c := newClient(t, opt)
	rec := c.post("/save", url.Values{"file": {"roster.json"}, "as": {"final.json"}})
	require.Equal(t, 200, rec.Code, rec.Body.String())
	saved, err := os.ReadFile(filepath.Join(opt.Dir, "final.json"))
	require.NoError(t, err)
	assert.Equal(t, c.get("/export/roster.json").Body.Bytes(), saved)
}

// A people file the page read is never written over, even when it sits
// in the folder.
func TestSaveNeverOverwritesPeople(t *testing.T) {
	opt := exampleOptions(t)
	people := filepath.Join(opt.Dir, "people.csv")
	require.NoError(t, os.WriteFile(people, example.PeopleCSV(), 0o644))
	opt.Files = []table.File{{Path: people}}
	c := newClient(t, opt)
	rec := c.post("/save", url.Values{"file": {"roster.csv"}, "as": {"people.csv"}})
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Contains(t, rec.Body.String(), "never written over")
	got, err := os.ReadFile(people)
	require.NoError(t, err)
	assert.Equal(t, example.PeopleCSV(), got)
}

// Input problems are shown on the page as the command line prints them,
// and a corrected upload replaces the program.
func TestInputProblemsAndUpload(t *testing.T) {
	opt := exampleOptions(t)
	bad := []byte("id,name,role,capacity\nA1,Ann,mentee,\nB1,Bob,mentor,many\n")
	opt.Files = []table.File{{Path: "people.csv", Data: bad}}
	c := newClient(t, opt)
	rec := c.get("/")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	ps := c.s.Problems()
	require.NotEmpty(t, ps)
	for _, p := range ps {
		assert.Contains(t, rec.Body.String(), template.HTMLEscapeString(p.String()))
	}
	assert.Contains(t, rec.Body.String(), "people.csv row 3")
	assert.Equal(t, http.StatusUnprocessableEntity, c.get("/roster").Code)

	rec = c.upload(map[string][]byte{"people": example.PeopleCSV()})
	require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
	assert.Equal(t, 200, c.get("/roster").Code)
	kept, err := os.ReadFile(filepath.Join(opt.Dir, uploadsName, "people.csv"))
	require.NoError(t, err)
	assert.Equal(t, example.PeopleCSV(), kept)
	// A second upload of the same name is kept beside the first.
	rec = c.upload(map[string][]byte{"people": bad})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.FileExists(t, filepath.Join(opt.Dir, uploadsName, "people-2.csv"))
	assert.Equal(t, 200, c.get("/roster").Code, "a bad upload leaves the program as it was")
}

func TestSettings(t *testing.T) {
	opt := exampleOptions(t)
	c := newClient(t, opt)
	before := c.s.st.res.Roster.Summary.TotalScore
	rec := c.post("/settings", url.Values{"objective": {"fair"}, "weight_skills": {"10"}})
	require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
	page := c.get("/change").Body.String()
	assert.Contains(t, page, "objective fair")
	assert.Contains(t, page, "Who moved")
	assert.Contains(t, page, strconvF2(before))
	data, err := os.ReadFile(filepath.Join(opt.Dir, configName))
	require.NoError(t, err)
	cfg, err := mentormatch.ParseConfig(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, c.s.st.cfg, cfg, "the kept configuration reads back as the page's")
	assert.Contains(t, c.get("/").Body.String(), "--config "+filepath.Join(opt.Dir, configName))

	rec = c.post("/settings", url.Values{"weight_level": {"-3"}, "objective": {"best"}})
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), "weight level")

	rec = c.post("/undo", url.Values{})
	require.Equal(t, http.StatusSeeOther, rec.Code)
	assert.Equal(t, before, c.s.st.res.Roster.Summary.TotalScore)
	assert.Equal(t, mentormatch.ObjectiveTotal, c.s.st.cfg.Objective)
}

func strconvF2(v float64) string { return funcs["f2"].(func(float64) string)(v) }
