package serve

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

// The page offers the objective stable: choosing it re-solves to a stable
// roster, the programme page gives the optimum to compare with, the
// mentee and mentor pages say a forced pair is not priced (and still
// offer to pin it), and a pin re-solves under stable.
func TestSettingsStable(t *testing.T) {
	c := newClient(t, exampleOptions(t))
	assert.Contains(t, c.get("/settings").Body.String(), `value="stable"`)
	rec := c.post("/settings", url.Values{"objective": {"stable"}})
	require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
	st := c.s.st
	s := st.res.Roster.Summary
	assert.Equal(t, mentormatch.ObjectiveStable, s.Objective)
	assert.Zero(t, s.BlockingPairs)
	require.NotNil(t, s.Stable)
	assert.Contains(t, c.get("/change").Body.String(), "objective stable")
	assert.Contains(t, c.get("/").Body.String(), "The optimum (objective total)")

	m := st.res.Roster.Matches[0]
	page := c.get("/mentee/" + m.MenteeID)
	require.Equal(t, http.StatusOK, page.Code)
	assert.Contains(t, page.Body.String(), "not priced: a stable roster is not an optimum")
	assert.Contains(t, page.Body.String(), `value="pin"`)
	mentor := c.get("/mentor/" + m.MentorID)
	require.Equal(t, http.StatusOK, mentor.Code)

	// Pin the mentee's second choice: the pin holds and the rest stays
	// stable.
	var alt string
	for _, cand := range st.res.Candidates(st.mentee[m.MenteeID], 5) {
		if id := st.p.Mentor(cand.Mentor).ID; id != m.MentorID {
			alt = id
			break
		}
	}
	require.NotEmpty(t, alt)
	rec = c.post("/decide", url.Values{"mentee": {m.MenteeID}, "mentor": {alt}, "decision": {"pin"}})
	require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
	after := c.s.st.res.Roster
	assert.Equal(t, alt, after.Matches[c.s.st.pairOf[m.MenteeID]].MentorID)
	assert.Equal(t, mentormatch.ObjectiveStable, after.Summary.Objective)
	assert.Zero(t, after.Summary.BlockingPairs)
}
