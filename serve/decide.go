package serve

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/io/table"
)

// decisionView is a decision as the page lists it.
type decisionView struct {
	MenteeID, MentorID, Kind, Note string
}

func (st *state) decisions() mentormatch.Decisions {
	if st.p == nil {
		return nil
	}
	return st.p.Decisions
}

// Decisions lists the decisions for the templates.
func (st *state) Decisions() []decisionView { return st.decisionsOf("") }

// pinned reports whether the mentee is pinned to a mentor.
func (st *state) pinned(mentee string) bool {
	for _, d := range st.decisions() {
		if d.Kind == mentormatch.Pin && d.MenteeID == mentee {
			return true
		}
	}
	return false
}

// decisionsOf lists the decisions on one mentee, or all when mentee is
// empty.
func (st *state) decisionsOf(mentee string) []decisionView {
	var out []decisionView
	for _, d := range st.decisions() {
		if mentee == "" || d.MenteeID == mentee {
			out = append(out, decisionView{d.MenteeID, d.MentorID, d.Kind.String(), d.Note})
		}
	}
	return out
}

// withDecisions is the program with other decisions: a copy of the
// Program value, sharing its people, so the states kept for undo keep
// theirs.
func (st *state) withDecisions(ds mentormatch.Decisions) {
	p := *st.p
	p.Decisions = ds
	st.p = &p
}

// decided is ds with one more decision on a pair: a pin replaces the
// mentee's other pin and a veto of the pair; a veto replaces a pin of the
// pair; "clear" removes the pair's decisions.
func decided(ds mentormatch.Decisions, d mentormatch.Decision, clear bool) mentormatch.Decisions {
	out := make(mentormatch.Decisions, 0, len(ds)+1)
	for _, x := range ds {
		samePair := x.MenteeID == d.MenteeID && x.MentorID == d.MentorID
		otherPin := !clear && d.Kind == mentormatch.Pin && x.Kind == mentormatch.Pin && x.MenteeID == d.MenteeID
		if samePair || otherPin {
			continue
		}
		out = append(out, x)
	}
	if !clear {
		out = append(out, d)
	}
	return out
}

// decide pins, vetoes or clears a pair, re-solves exactly, and keeps the
// decisions in the folder for match --decisions.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, st *state) {
	mentee, mentor := r.PostFormValue("mentee"), r.PostFormValue("mentor")
	i, ok1 := st.mentee[mentee]
	j, ok2 := st.mentor[mentor]
	if !ok1 || !ok2 {
		s.refuse(w, http.StatusBadRequest, fmt.Sprintf("There is no mentee %q with a mentor %q in this program.", mentee, mentor))
		return
	}
	word := r.PostFormValue("decision")
	clear := word == "clear"
	kind, ok := mentormatch.ParseDecisionKind(word)
	if !ok && !clear {
		s.refuse(w, http.StatusBadRequest, fmt.Sprintf("%q is no decision: expected pin, forbid or clear.", word))
		return
	}
	d := mentormatch.Decision{MenteeID: mentee, MentorID: mentor, Kind: kind, Note: strings.TrimSpace(r.PostFormValue("note"))}
	what := fmt.Sprintf("%s %s (%s) with %s (%s)", map[bool]string{true: "clear the decisions on", false: kind.String()}[clear],
		st.p.Mentee(i).Name, mentee, st.p.Mentor(j).Name, mentor)
	n := st.next()
	n.withDecisions(decided(st.decisions(), d, clear))
	if err := n.solve(); err != nil {
		var ps mentormatch.Problems
		if errors.As(err, &ps) {
			s.refuse(w, http.StatusUnprocessableEntity, "This decision cannot be kept: "+ps.Error())
			return
		}
		s.refuse(w, http.StatusInternalServerError, err.Error())
		return
	}
	if err := s.writeDecisions(n.decisions()); err != nil {
		s.refuse(w, http.StatusInternalServerError, err.Error())
		return
	}
	n.last = diff(what, st, n)
	n.made = n.last
	s.show(n)
	http.Redirect(w, r, "/change", http.StatusSeeOther)
}

// writeDecisions keeps the page's decisions as the decisions file.
func (s *Server) writeDecisions(ds mentormatch.Decisions) error {
	return report.WriteDecisions(filepath.Join(s.opt.Dir, decisionsName), ds)
}

// readDecisions reads the folder's decisions file, if there is one, so a
// review carries on where it stopped.
func readDecisions(dir string) (mentormatch.Decisions, error) {
	path := filepath.Join(dir, decisionsName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return table.ReadDecisions(table.File{Path: path, Data: data})
}

func (s *Server) undo(w http.ResponseWriter, r *http.Request, st *state) {
	if len(st.undo) == 0 {
		s.refuse(w, http.StatusConflict, "There is nothing to undo.")
		return
	}
	prev := st.undo[len(st.undo)-1]
	back := *prev
	if err := s.writeDecisions(back.decisions()); err != nil {
		s.refuse(w, http.StatusInternalServerError, err.Error())
		return
	}
	if back.cfg.Weights != st.cfg.Weights || back.cfg.Objective != st.cfg.Objective {
		if err := s.writeConfig(back.cfg); err != nil {
			s.refuse(w, http.StatusInternalServerError, err.Error())
			return
		}
	}
	back.last = diff("undo: "+lastWhat(st), st, prev)
	s.show(&back)
	http.Redirect(w, r, "/change", http.StatusSeeOther)
}

func lastWhat(st *state) string {
	if st.made != nil {
		return st.made.What
	}
	return "the last change"
}

func (s *Server) change(w http.ResponseWriter, r *http.Request, st *state) {
	s.render(w, http.StatusOK, "change", page{Title: "What changed", Nav: "change", St: st, Data: st.last})
}

// exportDecisions is the decisions file, as an export.
func exportDecisions(st *state, w io.Writer) error {
	return report.EncodeDecisionsCSV(w, st.decisions())
}
