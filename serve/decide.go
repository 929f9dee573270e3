package serve

import "net/http"

// decisionView is a decision as the page lists it.
type decisionView struct {
	MenteeID, MentorID, Kind, Note string
}

func (st *state) decisions() []decisionView                 { return nil }
func (st *state) pinned(string) bool                        { return false }
func (st *state) decisionsOf(string, string) []decisionView { return nil }

func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	s.refuse(w, http.StatusNotImplemented, "not yet")
}

func (s *Server) undo(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.current(w)
	if !ok {
		return
	}
	if len(st.undo) == 0 {
		s.refuse(w, http.StatusConflict, "There is nothing to undo.")
		return
	}
	prev := st.undo[len(st.undo)-1]
	back := *prev
	back.last = diff("undo: "+lastWhat(st), st, prev)
	s.st = &back
	http.Redirect(w, r, "/change", http.StatusSeeOther)
}

func lastWhat(st *state) string {
	if st.last != nil {
		return st.last.What
	}
	return "the last change"
}

func (s *Server) change(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.current(w)
	if !ok {
		return
	}
	s.render(w, http.StatusOK, "change", page{Title: "What changed", Nav: "change", St: st, Data: st.last})
}
