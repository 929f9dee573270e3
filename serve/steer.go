package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/example"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/io/table"
)

// Files the server keeps in its folder.
const (
	decisionsName = "decisions.csv"
	configName    = "program.yaml"
	uploadsName   = "uploads"
)

// objectives are the objectives the page offers.
var objectives = []string{"total", "fair", "stable"}

// weightNames are the weights the page edits, as the configuration names
// them.
var weightNames = []string{"skills", "availability", "goals", "level", "prefers"}

func weightOf(w *mentormatch.Weights, name string) *float64 {
	switch name {
	case "skills":
		return &w.Skills
	case "availability":
		return &w.Availability
	case "goals":
		return &w.Goals
	case "level":
		return &w.Level
	}
	return &w.Prefers
}

func (s *Server) settings(w http.ResponseWriter, r *http.Request, st *state) {
	s.render(w, http.StatusOK, "settings", page{Title: "Objective and weights", Nav: "settings", St: st, Data: s.settingsData(st, nil)})
}

type weightField struct {
	Name  string
	Value float64
}

type settingsData struct {
	Objectives []string
	Objective  string
	Weights    []weightField
	Problems   []string
}

func (s *Server) settingsData(st *state, problems []string) settingsData {
	d := settingsData{Objectives: objectives, Objective: string(st.cfg.Objective), Problems: problems}
	for _, n := range weightNames {
		d.Weights = append(d.Weights, weightField{n, *weightOf(&st.cfg.Weights, n)})
	}
	return d
}

// saveSettings re-solves under the objective and weights of the form and
// keeps the configuration in the folder, where match --config reads it.
func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request, st *state) {
	cfg := st.cfg
	var problems []string
	if o := r.PostFormValue("objective"); o != "" {
		cfg.Objective = mentormatch.MatchObjective(o)
	}
	for _, n := range weightNames {
		v := strings.TrimSpace(r.PostFormValue("weight_" + n))
		if v == "" {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x < 0 || x > 1000 {
			problems = append(problems, fmt.Sprintf("weight %s: %q: expected a number from 0 to 1000", n, v))
			continue
		}
		*weightOf(&cfg.Weights, n) = x
	}
	if err := cfg.Validate(); err != nil {
		problems = append(problems, err.Error())
	}
	if len(problems) > 0 {
		s.render(w, http.StatusUnprocessableEntity, "settings", page{Title: "Objective and weights", Nav: "settings", St: st, Data: s.settingsData(st, problems)})
		return
	}
	n := st.next()
	n.cfg = cfg
	if err := n.solve(); err != nil {
		s.render(w, http.StatusUnprocessableEntity, "settings", page{Title: "Objective and weights", Nav: "settings", St: st, Data: s.settingsData(st, []string{err.Error()})})
		return
	}
	if err := s.writeConfig(cfg); err != nil {
		s.refuse(w, http.StatusInternalServerError, err.Error())
		return
	}
	n.last = diff(fmt.Sprintf("objective %s, weights %s", cfg.Objective, weightsText(cfg.Weights)), st, n)
	n.made = n.last
	s.show(n)
	http.Redirect(w, r, "/change", http.StatusSeeOther)
}

func weightsText(w mentormatch.Weights) string {
	var parts []string
	for _, n := range weightNames {
		parts = append(parts, n+" "+strconv.FormatFloat(*weightOf(&w, n), 'g', -1, 64))
	}
	return strings.Join(parts, ", ")
}

// writeConfig keeps the page's configuration in the folder, for the
// command line's --config.
func (s *Server) writeConfig(cfg mentormatch.Config) error {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return err
	}
	return report.WriteFile(filepath.Join(s.opt.Dir, configName), func(w io.Writer) error {
		_, err := io.WriteString(w, "# Written by mentormatch serve: the objective and weights chosen on the page.\n"+b.String())
		return err
	})
}

// configChanged reports whether the page's configuration differs from the
// one the server started with, so the command to reproduce it names the
// folder's copy.
func (s *Server) configChanged(st *state) bool {
	return st.cfg.Objective != s.opt.Config.Objective || st.cfg.Weights != s.opt.Config.Weights
}

// command is the command line that writes the page's roster.
func (s *Server) command(st *state) string {
	var b strings.Builder
	b.WriteString("mentormatch match")
	example := len(st.files) == 1 && st.files[0].Data != nil && st.files[0].Role == 0 && st.files[0].Path == example.PeopleName
	switch {
	case example:
		b.WriteString(" --example")
	case len(st.files) == 2:
		fmt.Fprintf(&b, " --mentees %s --mentors %s", shellQuote(st.files[0].Path), shellQuote(st.files[1].Path))
	default:
		for _, f := range st.files {
			b.WriteString(" " + shellQuote(f.Path))
		}
	}
	switch {
	case s.configChanged(st):
		b.WriteString(" --config " + shellQuote(filepath.Join(s.opt.Dir, configName)))
	case s.opt.ConfigPath != "":
		b.WriteString(" --config " + shellQuote(s.opt.ConfigPath))
	}
	if len(st.decisions()) > 0 {
		b.WriteString(" --decisions " + shellQuote(filepath.Join(s.opt.Dir, decisionsName)))
	}
	b.WriteString(" --out roster.xlsx")
	return b.String()
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+,:@", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// upload replaces the program with uploaded people files: one people
// file, or a mentees and a mentors file. They are kept in the folder's
// uploads, never over a file already there.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	mf := r.MultipartForm
	if mf == nil {
		s.refuse(w, http.StatusBadRequest, "An upload is sent as a form with files.")
		return
	}
	var files []table.File
	count := 0
	for _, field := range []string{"people", "mentees", "mentors"} {
		count += len(mf.File[field])
	}
	if count == 0 || count > s.opt.MaxFiles {
		s.refuse(w, http.StatusBadRequest, fmt.Sprintf("Upload one people file, or a mentees file and a mentors file (at most %d files); %d were sent.", s.opt.MaxFiles, count))
		return
	}
	for _, field := range []string{"people", "mentees", "mentors"} {
		for _, fh := range mf.File[field] {
			if fh.Size > s.opt.MaxUpload {
				s.refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("%s is larger than %s and was refused.", fh.Filename, size(s.opt.MaxUpload)))
				return
			}
			f, err := fh.Open()
			if err != nil {
				s.refuse(w, http.StatusBadRequest, err.Error())
				return
			}
			data, err := io.ReadAll(io.LimitReader(f, s.opt.MaxUpload+1))
			f.Close()
			if err != nil {
				s.refuse(w, http.StatusBadRequest, err.Error())
				return
			}
			tf := table.File{Path: filepath.Base(fh.Filename), Data: data}
			switch field {
			case "mentees":
				tf.Role = mentormatch.RoleMentee
			case "mentors":
				tf.Role = mentormatch.RoleMentor
			}
			files = append(files, tf)
		}
	}
	if len(files) == 2 && (files[0].Role == 0 || files[1].Role == 0) {
		s.refuse(w, http.StatusBadRequest, "Two files are a mentees file and a mentors file: upload them in those two fields.")
		return
	}
	for k := range files {
		path, err := s.keepUpload(files[k].Path, files[k].Data)
		if err != nil {
			s.refuse(w, http.StatusBadRequest, err.Error())
			return
		}
		files[k].Path = path
	}
	opt := s.opt
	opt.Files = files
	opt.Config = s.st.cfg
	st, err := load(opt, s.plans)
	if err != nil {
		s.refuse(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	if st.p == nil && len(s.st.decisions()) > 0 {
		// The decisions may be what no longer fits (an id that is gone):
		// the new people are matched without them, and the page says so.
		kept := st.problems
		if err := s.writeDecisions(nil); err != nil {
			s.refuse(w, http.StatusInternalServerError, err.Error())
			return
		}
		if st, err = load(opt, s.plans); err != nil {
			s.refuse(w, http.StatusUnprocessableEntity, err.Error())
			return
		}
		if st.p != nil {
			st.notice = "The earlier decisions do not fit the uploaded people and were dropped: " + kept.Error()
		}
	}
	if st.p == nil {
		s.render(w, http.StatusUnprocessableEntity, "program", page{Title: "Program", Nav: "program", St: st})
		return
	}
	s.show(st)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// keepUpload writes an uploaded file into the folder's uploads under its
// own name, or name-2, name-3… when that is taken, and returns its path.
func (s *Server) keepUpload(name string, data []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".xlsx" {
		return "", fmt.Errorf("%s: expected a .csv or .xlsx people file", name)
	}
	dir := filepath.Join(s.opt.Dir, uploadsName)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	base := strings.TrimSuffix(name, filepath.Ext(name))
	if base == "" || strings.HasPrefix(base, ".") {
		base = "people"
	}
	for k := 1; ; k++ {
		n := base + ext
		if k > 1 {
			n = fmt.Sprintf("%s-%d%s", base, k, ext)
		}
		path := filepath.Join(dir, n)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return "", err
		}
		return path, f.Close()
	}
}
