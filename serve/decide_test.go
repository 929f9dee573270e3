package serve

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/report"
)

func decisionsFile(t *testing.T, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, decisionsName))
	require.NoError(t, err)
	return b
}

func encoded(t *testing.T, ds ...mentormatch.Decision) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, report.EncodeDecisionsCSV(&b, ds))
	return b.Bytes()
}

// Pin, veto, clear and undo: each re-solves, the total moves by what the
// mentee's page priced, and the decisions file follows every step.
func TestDecide(t *testing.T) {
	opt := exampleOptions(t)
	c := newClient(t, opt)
	st := c.s.st
	start := st.res.Roster.Summary.TotalScore
	i, j := st.mentee["E1101"], st.mentor["E1024"]
	forced, err := st.res.Force(i, j)
	require.NoError(t, err)
	require.Positive(t, forced.Loss)

	decide := func(kv ...string) *http.Response {
		v := url.Values{}
		for k := 0; k < len(kv); k += 2 {
			v.Set(kv[k], kv[k+1])
		}
		return c.post("/decide", v).Result()
	}
	res := decide("mentee", "E1101", "mentor", "E1024", "decision", "pin", "note", "agreed with both")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	assert.Equal(t, "/change", res.Header.Get("Location"))
	after := c.s.st.res.Roster.Summary.TotalScore
	assert.InDelta(t, forced.Loss, start-after, 0.011, "the drop the mentee's page promised")
	assert.Equal(t, "E1024", c.s.st.res.Roster.Matches[c.s.st.pairOf["E1101"]].MentorID)
	pin := mentormatch.Decision{MenteeID: "E1101", MentorID: "E1024", Kind: mentormatch.Pin, Note: "agreed with both"}
	assert.Equal(t, encoded(t, pin), decisionsFile(t, opt.Dir))
	page := c.get("/change").Body.String()
	assert.Contains(t, page, "pin Sven Lindqvist (E1101)")
	assert.Contains(t, page, "Who moved")
	assert.Contains(t, c.get("/mentee/E1101").Body.String(), "pinned")
	assert.Contains(t, c.get("/").Body.String(), "--decisions "+filepath.Join(opt.Dir, decisionsName))

	// A veto of another mentee's pair moves them.
	other := c.s.st.res.Roster.Matches[1]
	require.NotEqual(t, "E1101", other.MenteeID)
	require.Equal(t, http.StatusSeeOther, decide("mentee", other.MenteeID, "mentor", other.MentorID, "decision", "forbid").StatusCode)
	assert.NotEqual(t, other.MentorID, c.s.st.res.Roster.Matches[c.s.st.pairOf[other.MenteeID]].MentorID)
	veto := mentormatch.Decision{MenteeID: other.MenteeID, MentorID: other.MentorID, Kind: mentormatch.Forbid}
	assert.Equal(t, encoded(t, pin, veto), decisionsFile(t, opt.Dir))

	// A second pin of the mentee replaces the first; clear removes it.
	require.Equal(t, http.StatusSeeOther, decide("mentee", "E1101", "mentor", "E1028", "decision", "pin").StatusCode)
	repin := mentormatch.Decision{MenteeID: "E1101", MentorID: "E1028", Kind: mentormatch.Pin}
	assert.Equal(t, encoded(t, veto, repin), decisionsFile(t, opt.Dir))
	require.Equal(t, http.StatusSeeOther, decide("mentee", "E1101", "mentor", "E1028", "decision", "clear").StatusCode)
	assert.Equal(t, encoded(t, veto), decisionsFile(t, opt.Dir))

	// Undo, step by step, back to the start.
	for _, want := range [][]byte{encoded(t, veto, repin), encoded(t, pin, veto), encoded(t, pin), encoded(t)} {
		require.Equal(t, http.StatusSeeOther, c.post("/undo", url.Values{}).Code)
		assert.Equal(t, want, decisionsFile(t, opt.Dir))
	}
	assert.Equal(t, start, c.s.st.res.Roster.Summary.TotalScore)
	assert.Contains(t, c.get("/change").Body.String(), "undo: pin Sven Lindqvist")
	assert.Equal(t, http.StatusConflict, c.post("/undo", url.Values{}).Code)
}

func TestDecideRefusals(t *testing.T) {
	c := newClient(t, exampleOptions(t))
	tests := []struct {
		form url.Values
		code int
		want string
	}{
		{url.Values{"mentee": {"NOBODY"}, "mentor": {"E1024"}, "decision": {"pin"}}, 400, "no mentee"},
		{url.Values{"mentee": {"E1101"}, "mentor": {"E1024"}, "decision": {"maybe"}}, 400, "is no decision"},
		// E1001 is a senior mentor: no 1:1 mentees.
		{url.Values{"mentee": {"E1101"}, "mentor": {"E1001"}, "decision": {"pin"}}, 422, "cannot be kept"},
	}
	for _, tt := range tests {
		rec := c.post("/decide", tt.form)
		assert.Equal(t, tt.code, rec.Code, tt.form)
		assert.Contains(t, rec.Body.String(), tt.want, tt.form)
	}
	assert.Empty(t, c.s.st.decisions(), "a refused decision is not kept")
}

// A review resumes from the folder's decisions file; Options.Decisions
// replace it.
func TestResume(t *testing.T) {
	opt := exampleOptions(t)
	pin := mentormatch.Decision{MenteeID: "E1101", MentorID: "E1024", Kind: mentormatch.Pin}
	require.NoError(t, os.WriteFile(filepath.Join(opt.Dir, decisionsName), encoded(t, pin), 0o644))
	c := newClient(t, opt)
	assert.True(t, c.s.st.pinned("E1101"))

	opt.Decisions = mentormatch.Decisions{}
	c = newClient(t, opt)
	assert.False(t, c.s.st.pinned("E1101"))
	assert.Equal(t, encoded(t), decisionsFile(t, opt.Dir))

	// A decisions file that does not fit is shown on the page, by row.
	bad := mentormatch.Decision{MenteeID: "GONE", MentorID: "E1024", Kind: mentormatch.Pin}
	require.NoError(t, os.WriteFile(filepath.Join(opt.Dir, decisionsName), encoded(t, bad), 0o644))
	opt.Decisions = nil
	c = newClient(t, opt)
	rec := c.get("/")
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), "GONE is no mentee")
}

// A program solved in sparse mode shows its alternatives unpriced (a
// price reads rows on demand, up to a minute at 100,000 × 10,000), and a
// pin still re-solves exactly.
func TestSparseProgram(t *testing.T) {
	opt := exampleOptions(t)
	opt.Roster.DenseCells = 1
	c := newClient(t, opt)
	require.Nil(t, c.s.st.res.Scores, "solved in sparse mode")
	page := c.get("/mentee/E1101").Body.String()
	assert.Contains(t, page, "not priced on the page")
	assert.Contains(t, page, `aria-label="Pin Sven Lindqvist with Ines Garcia"`)
	assert.Contains(t, c.get("/mentor/E1032").Body.String(), "not priced on the page")
	rec := c.post("/decide", url.Values{"mentee": {"E1101"}, "mentor": {"E1024"}, "decision": {"pin"}})
	require.Equal(t, http.StatusSeeOther, rec.Code, rec.Body.String())
	dense := newClient(t, exampleOptions(t))
	require.Equal(t, http.StatusSeeOther, dense.post("/decide", url.Values{"mentee": {"E1101"}, "mentor": {"E1024"}, "decision": {"pin"}}).Code)
	assert.Equal(t, dense.s.st.res.Roster.Summary.TotalScore, c.s.st.res.Roster.Summary.TotalScore)
}
