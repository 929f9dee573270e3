package example

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"github.com/mentormatch/mentormatch"
)

// SurveyName is the name the example survey goes by in messages.
const SurveyName = "example/survey.csv"

// SurveyHeaders are the columns of SurveyCSV.
var SurveyHeaders = []string{"mentee_id", "mentor_id", "rater", "rating", "wants_change", "comment"}

type answer struct {
	mentee, mentor int
	change         string
	menteeNote     string
	mentorNote     string
}

// Most pairs are healthy; the answers cycle through this list so that about
// one pair in four is unhealthy, each for a different reason.
var answers = []answer{
	{5, 5, "no", "Great sessions, very practical.", "Motivated and well prepared."},
	{4, 4, "no", "Helpful, we set clear goals.", "Good progress so far."},
	{2, 3, "no", "We keep rescheduling; time zones are hard.", "Hard to find a time that works."},
	{4, 5, "no", "Learning a lot about the codebase.", "Enjoying it."},
	{4, 3, "yes", "Would like someone closer to my goals.", "Happy to continue if useful."},
	{5, 4, "no", "Exactly the help I needed.", "Sessions are going well."},
	{3, 4, "no", "Fine, a bit unstructured.", "Could use more structure from my side."},
	{1, 2, "yes", "Sessions are often cancelled.", "I do not have the time this quarter."},
}

// SurveyCSV returns a relationship-health survey of the given pairs as the
// example program's people might answer it: one row from the mentee and one
// from the mentor per pair, in the order of matches. It is deterministic, and
// pairs 3, 5 and 8 of every eight come out unhealthy under the default
// threshold (mean rating below 3, or a wish to change).
func SurveyCSV(matches []mentormatch.Match) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(SurveyHeaders)
	for i, m := range matches {
		a := answers[i%len(answers)]
		w.Write([]string{m.MenteeID, m.MentorID, "mentee", strconv.Itoa(a.mentee), a.change, a.menteeNote})
		w.Write([]string{m.MenteeID, m.MentorID, "mentor", strconv.Itoa(a.mentor), "no", a.mentorNote})
	}
	w.Flush() // writing to a bytes.Buffer cannot fail
	return b.Bytes()
}
