package serve

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/roster"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// DecisionsFile is the file in Options.Dir that keeps the page's
// decisions, as match --decisions reads them.
const DecisionsFile = decisionsName

// Options configure a Server.
type Options struct {
	// Files are the people files to read, as the command line reads them.
	Files []table.File
	// Config is the program's configuration, its schedule start set.
	Config mentormatch.Config
	// ConfigPath is the configuration file read, if any, shown on the page
	// in the command that reproduces the roster.
	ConfigPath string
	// Dir is the only folder the server writes to. It must exist. Its
	// decisions file (decisions.csv), if any, is where the review resumes.
	Dir string
	// Decisions, when not nil, start the review instead of the folder's
	// decisions file, which they replace.
	Decisions mentormatch.Decisions
	// Token is the secret every request must carry; random when empty.
	Token string
	// MaxUpload is the most bytes an upload may have (default 32 MiB), and
	// MaxFiles the most files (default 2: mentees and mentors).
	MaxUpload int64
	MaxFiles  int
	// Roster tunes the solver (when to solve in sparse mode); the zero
	// value is the command line's.
	Roster roster.Options
	// PageSize is how many pairs the roster shows per page (default 100).
	PageSize int
	// PlanAhead is the most mentees whose plan is built in the background
	// as soon as a roster is shown (default 20,000); a larger program's
	// plan is built when a page first asks for it, so that a change on a
	// 100,000-mentee program does not start minutes of planning that
	// nobody may look at.
	PlanAhead int
}

// keptPlans is how many of the states before the one shown keep their
// built plan for an undo; older ones build it again if an undo reaches
// them. A plan at 1,000 × 200 holds tens of megabytes, and a long review
// makes a state per change.
const keptPlans = 2

// Server is the review page of one program. Its handlers are safe for
// concurrent use; changes are made one at a time.
type Server struct {
	opt    Options
	token  string
	csrf   string
	cookie string
	pages  map[string]*template.Template
	static http.Handler

	mu sync.Mutex
	st *state
	// plans builds the plans of the rosters shown, in the background.
	plans *planner
}

// New reads the program and solves it. Input problems in the people
// files do not stop the server: they are shown on its first page, with an
// upload form for a corrected file. Other errors (a folder that does not
// exist, a configuration the solver refuses) are returned.
func New(opt Options) (*Server, error) {
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = 32 << 20
	}
	if opt.MaxFiles <= 0 {
		opt.MaxFiles = 2
	}
	if opt.PlanAhead <= 0 {
		opt.PlanAhead = 20000
	}
	if opt.PageSize <= 0 {
		opt.PageSize = 100
	}
	if err := checkDir(opt.Dir); err != nil {
		return nil, err
	}
	s := &Server{opt: opt, token: opt.Token, plans: newPlanner()}
	if s.token == "" {
		s.token = randomHex(16)
	}
	s.csrf = randomHex(16)
	sum := sha256.Sum256([]byte(s.token))
	// Cookies do not tell ports apart: a name of its own per server keeps
	// two servers on one machine from logging each other out.
	s.cookie = "mentormatch-" + hex.EncodeToString(sum[:4])
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	sub, _ := fs.Sub(staticFS, "static")
	s.static = http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
	st, err := load(opt, s.plans)
	if err != nil {
		return nil, err
	}
	if opt.Decisions != nil && st.p != nil {
		if err := s.writeDecisions(opt.Decisions); err != nil {
			return nil, err
		}
	}
	s.show(st)
	return s, nil
}

// show makes st the state the page shows, and starts building its plan
// (cohorts and sessions) in the background, ahead of any other, so that
// the cohorts page is ready by the time it is opened (up to PlanAhead
// mentees). States further back than keptPlans let their plans go. The
// caller holds s.mu, or is New.
func (s *Server) show(st *state) {
	s.st = st
	for _, old := range st.undo[:max(0, len(st.undo)-keptPlans)] {
		if old.job != nil && old.res != nil {
			old.job = st.plans.job(old.p, old.cfg, old.res)
		}
	}
	if st.job != nil && st.p != nil && len(st.p.Mentees) <= s.opt.PlanAhead {
		s.plans.ahead(st.job)
	}
}

// Token is the secret of the server's URL.
func (s *Server) Token() string { return s.token }

// URL is the address to open, with the token, for a server listening on
// addr (host:port).
func (s *Server) URL(addr string) string {
	return "http://" + addr + "/?token=" + url.QueryEscape(s.token)
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// Handler is the server's HTTP handler: every route behind the token,
// every change behind the CSRF check.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", s.static)
	mux.HandleFunc("GET /{$}", s.loaded(s.program))
	mux.HandleFunc("GET /roster", s.loaded(s.roster))
	mux.HandleFunc("GET /mentee/{id}", s.loaded(s.mentee))
	mux.HandleFunc("GET /mentor/{id}", s.loaded(s.mentor))
	mux.HandleFunc("GET /cohorts", s.loaded(s.cohorts))
	mux.HandleFunc("GET /cohort/{id}", s.loaded(s.cohort))
	mux.HandleFunc("GET /person/{id}", s.loaded(s.person))
	mux.HandleFunc("GET /settings", s.loaded(s.settings))
	mux.HandleFunc("GET /change", s.loaded(s.change))
	mux.HandleFunc("GET /export", s.loaded(s.exports))
	mux.HandleFunc("GET /export/{file}", s.planFirst(s.loaded(s.export)))
	mux.HandleFunc("POST /decide", s.loaded(s.decide))
	mux.HandleFunc("POST /undo", s.loaded(s.undo))
	mux.HandleFunc("POST /settings", s.loaded(s.saveSettings))
	mux.HandleFunc("POST /save", s.planFirst(s.loaded(s.save)))
	mux.HandleFunc("POST /upload", s.upload)
	return s.guard(mux)
}

// guard checks the token (from the URL's query, then the cookie it sets)
// and, on a change, the CSRF token and the Origin; and sets the headers
// that keep the page to itself.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		// same-origin, not no-referrer: with no-referrer a browser sends
		// "Origin: null" on the page's own forms, and the Origin check needs it.
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if q := r.URL.Query(); q.Has("token") {
			if !same(q.Get("token"), s.token) {
				s.refuse(w, http.StatusForbidden, "This address has a wrong token. Open the address that mentormatch serve printed.")
				return
			}
			http.SetCookie(w, &http.Cookie{Name: s.cookie, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				// The token leaves the address bar (and the history) once
				// the cookie holds it.
				q.Del("token")
				u := *r.URL
				u.RawQuery = q.Encode()
				http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
				return
			}
		} else if c, err := r.Cookie(s.cookie); err != nil || !same(c.Value, s.token) {
			s.refuse(w, http.StatusForbidden, "This page needs the token of the address that mentormatch serve printed: open that address.")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if code, msg := s.checkChange(w, r); msg != "" {
				s.refuse(w, code, msg)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// checkChange is the CSRF check of a change: the form's token, and the
// browser's Origin and Sec-Fetch-Site when it sends them. It limits the
// body first, so a form is never read past MaxUpload.
func (s *Server) checkChange(w http.ResponseWriter, r *http.Request) (int, string) {
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
		return http.StatusForbidden, "This change came from another site (" + o + ") and was refused."
	}
	if f := r.Header.Get("Sec-Fetch-Site"); f != "" && f != "same-origin" && f != "none" {
		return http.StatusForbidden, "This change came from another site and was refused."
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload+1<<20)
	var got string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		// All in memory: a part spilled to a temporary file would be a
		// write outside the folder.
		if err := r.ParseMultipartForm(s.opt.MaxUpload + 1<<20); err != nil {
			return tooLarge(err, s.opt.MaxUpload)
		}
		got = r.FormValue("csrf")
	} else {
		if err := r.ParseForm(); err != nil {
			return tooLarge(err, s.opt.MaxUpload)
		}
		got = r.PostFormValue("csrf")
	}
	if !same(got, s.csrf) {
		return http.StatusForbidden, "This change did not carry the page's form token and was refused: reload the page and try again."
	}
	return 0, ""
}

func tooLarge(err error, limit int64) (int, string) {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("The upload is larger than %s and was refused.", size(limit))
	}
	return http.StatusBadRequest, "The form could not be read: " + err.Error()
}

// size is a byte count in words.
func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", max(n>>10, 1))
}

func same(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// Problems are the input problems of the people files, if they could not
// be read; the page shows them.
func (s *Server) Problems() mentormatch.Problems {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.problems
}
