package serve

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/calendar"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/notify"
	"github.com/mentormatch/mentormatch/roadmap"
)

// exportFile is one file the page exports, encoded by the library writer
// the command line uses for it.
type exportFile struct {
	Name, Label, Type, CLI string
	encode                 func(st *state, w io.Writer) error
	// plan: the export is made from the plan (cohorts, sessions), which
	// it waits for.
	plan bool
}

// exportFiles are the exports, in the order the page lists them.
var exportFiles = []exportFile{
	{"roster.xlsx", "Roster workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "match", encodeRoster(report.EncodeRosterXLSX), false},
	{"roster.json", "Roster as JSON", "application/json", "match", encodeRoster(report.EncodeRosterJSON), false},
	{"roster.csv", "Roster as CSV", "text/csv; charset=utf-8", "match", func(st *state, w io.Writer) error { return report.EncodeRosterCSV(w, st.res.Roster) }, false},
	{"plan.xlsx", "Plan workbook (roster, cohorts, sessions, roadmaps)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "plan", encodePlan(report.EncodePlanXLSX), true},
	{"plan.json", "Plan as JSON", "application/json", "plan", encodePlan(report.EncodePlanJSON), true},
	{"decisions.csv", "Decisions: pins and vetoes, for match --decisions", "text/csv; charset=utf-8", "match --decisions", exportDecisions, false},
	{"calendars.zip", "Calendars: one .ics per participant and per cohort, zipped", "application/zip", "plan --ics", encodeCalendars, true},
	{"introductions.zip", "Introductions: one e-mail (.eml, with the person's calendar) per participant and introductions.csv, zipped; nothing is sent", "application/zip", "notify", encodeIntroductions, true},
	{"roadmaps.zip", "Learning roadmaps: one Markdown file per pair and the index, zipped", "application/zip", "plan --roadmaps", encodeRoadmaps, true},
}

func encodeRoster(enc func(io.Writer, *mentormatch.Roster, ...report.Option) error) func(*state, io.Writer) error {
	return func(st *state, w io.Writer) error {
		return enc(w, st.res.Roster, report.WithSkillGaps(report.SkillGaps(st.p, st.res.Roster)))
	}
}

func encodePlan(enc func(io.Writer, *mentormatch.Plan, ...report.Option) error) func(*state, io.Writer) error {
	return func(st *state, w io.Writer) error {
		pl, err := st.planned()
		if err != nil {
			return err
		}
		return enc(w, pl.Plan, report.WithSkillGaps(report.SkillGaps(st.p, st.res.Roster)))
	}
}

// zipTime is every zip entry's time, so that the same plan zips to the
// same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// encodeCalendars zips the files `plan --ics` writes, by name.
func encodeCalendars(st *state, w io.Writer) error {
	pl, err := st.planned()
	if err != nil {
		return err
	}
	files, err := calendar.Calendars(pl.Plan, st.p)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	zipped := make([]roadmap.File, len(names))
	for i, n := range names {
		zipped[i] = roadmap.File{Name: n, Data: files[n]}
	}
	return zipFiles(w, zipped)
}

// encodeIntroductions zips the folder `notify` writes from the plan, by
// name: the .eml files, with the built-in template and sender, and the
// mail-merge table.
func encodeIntroductions(st *state, w io.Writer) error {
	pl, err := st.planned()
	if err != nil {
		return err
	}
	ob, err := notify.Write(pl.Plan, st.p, notify.Options{})
	if err != nil {
		return err
	}
	files := make([]roadmap.File, 0, len(ob.Intros)+1)
	for i := range ob.Intros {
		files = append(files, roadmap.File{Name: ob.Names[i], Data: ob.EMLs[i]})
	}
	var csv bytes.Buffer
	if err := report.EncodeIntroductionsCSV(&csv, ob.Template, ob.Intros, ob.Names); err != nil {
		return err
	}
	files = append(files, roadmap.File{Name: notify.CSVName, Data: csv.Bytes()})
	slices.SortFunc(files, func(a, b roadmap.File) int { return strings.Compare(a.Name, b.Name) })
	return zipFiles(w, files)
}

// encodeRoadmaps zips the folder `plan --roadmaps` writes, by name.
func encodeRoadmaps(st *state, w io.Writer) error {
	pl, err := st.planned()
	if err != nil {
		return err
	}
	files, err := roadmap.Files(pl.Plan.Roadmaps)
	if err != nil {
		return err
	}
	slices.SortFunc(files, func(a, b roadmap.File) int { return strings.Compare(a.Name, b.Name) })
	return zipFiles(w, files)
}

// zipFiles writes files, in their order, as a zip with fixed times.
func zipFiles(w io.Writer, files []roadmap.File) error {
	zw := zip.NewWriter(w)
	for _, file := range files {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: file.Name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := f.Write(file.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// planFirst waits for the plan of the roster shown, outside the server's
// lock, before an export made from it: the other pages answer meanwhile,
// the page that waits for the plan among them. (Should the roster change
// in between, the export waits again, under the lock.)
func (s *Server) planFirst(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("file")
		if name == "" {
			name = r.PostFormValue("file")
		}
		i := slices.IndexFunc(exportFiles, func(e exportFile) bool { return e.Name == name })
		if i >= 0 && exportFiles[i].plan {
			s.mu.Lock()
			job := s.st.job
			s.mu.Unlock()
			if job != nil {
				job.wait() // an error is the export's to report
			}
		}
		next(w, r)
	}
}

// findExport is the export called name; when there is none it answers
// with a page that says so, with the status given, and reports false.
func (s *Server) findExport(w http.ResponseWriter, name string, status int) (exportFile, bool) {
	for _, e := range exportFiles {
		if e.Name == name {
			return e, true
		}
	}
	s.refuse(w, status, fmt.Sprintf("There is no export %q.", name))
	return exportFile{}, false
}

func (s *Server) exports(w http.ResponseWriter, r *http.Request, st *state) {
	s.render(w, http.StatusOK, "export", page{Title: "Export", Nav: "export", St: st, Data: struct {
		Files   []exportFile
		Dir     string
		Command string
	}{exportFiles, s.opt.Dir, s.command(st)}})
}

func (s *Server) export(w http.ResponseWriter, r *http.Request, st *state) {
	e, ok := s.findExport(w, r.PathValue("file"), http.StatusNotFound)
	if !ok {
		return
	}
	var b bytes.Buffer
	if err := e.encode(st, &b); err != nil {
		s.refuse(w, http.StatusInternalServerError, "The export failed: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", e.Type)
	w.Header().Set("Content-Disposition", `attachment; filename="`+e.Name+`"`)
	w.Write(b.Bytes())
}

// save writes an export into the folder, under a name of the manager's
// choosing that must stay in it.
func (s *Server) save(w http.ResponseWriter, r *http.Request, st *state) {
	e, ok := s.findExport(w, r.PostFormValue("file"), http.StatusBadRequest)
	if !ok {
		return
	}
	as := strings.TrimSpace(r.PostFormValue("as"))
	if as == "" {
		as = e.Name
	}
	if filepath.Ext(as) != filepath.Ext(e.Name) {
		s.refuse(w, http.StatusBadRequest, fmt.Sprintf("%q: a %s export is saved with the extension %s.", as, e.Label, filepath.Ext(e.Name)))
		return
	}
	if as == decisionsName || as == configName {
		s.refuse(w, http.StatusBadRequest, fmt.Sprintf("%s is the page's own file in %s: save the export under another name.", as, s.opt.Dir))
		return
	}
	path, err := s.inDir(as)
	if err != nil {
		s.refuse(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := report.WriteFile(path, func(w io.Writer) error { return e.encode(st, w) }); err != nil {
		s.refuse(w, http.StatusInternalServerError, "The export could not be saved: "+err.Error())
		return
	}
	s.render(w, http.StatusOK, "refused", page{Title: "Saved", Nav: "export", St: st, Data: "Saved " + path + "."})
}

// inDir is the path of a file named name in the server's folder. The name
// must be a plain file name: no folder, no "..", not hidden, and not a
// people file the server read.
func (s *Server) inDir(name string) (string, error) {
	if name == "" || name != filepath.Base(name) || strings.ContainsAny(name, `/\:`) || strings.HasPrefix(name, ".") {
		return "", fmt.Errorf("%q is not a plain file name: files are written only into %s", name, s.opt.Dir)
	}
	path := filepath.Join(s.opt.Dir, name)
	for _, f := range s.opt.Files {
		if f.Path == "" || f.Data != nil {
			continue
		}
		if sameFile(f.Path, path) {
			return "", fmt.Errorf("%s is a people file the page read: it is never written over", name)
		}
	}
	return path, nil
}

func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}
