package example

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

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

// CheckInName is the name of check-in survey wave k (0, 1, …) in messages.
func CheckInName(k int) string { return "example/check-in-" + strconv.Itoa(k+1) + ".csv" }

// CheckInCSV returns wave k (0, 1, 2, …) of the check-in surveys of the
// given pairs, answered on date (YYYY-MM-DD): the health survey's columns
// plus the mentee's self-rated skills, the milestone status and the date,
// as the example program's people might answer them a month apart. Mentees
// rate themselves a level higher in a wanted skill every wave or two;
// milestones move from on track to done. One pair in eight warms up, one
// loses heart (ratings fall, milestone behind, then a wish to change) and
// one answers only every other time, so that a report has trends, pairs at
// risk and a response rate to show.
// It is deterministic. wants gives each mentee's wanted skills with their
// level at the start.
func CheckInCSV(matches []mentormatch.Match, k int, date string, wants func(menteeID string) []mentormatch.Skill) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(append(append([]string(nil), SurveyHeaders...), "skills", "milestone", "date"))
	for i, m := range matches {
		kind := i % 8
		if kind == 6 && k%2 == 1 {
			continue // answers every other wave
		}
		rating, milestone, change := 4+i%2, "on track", "no"
		if kind == 5 { // warms up
			rating = min(5, 3+k)
		}
		switch {
		case kind == 2: // falls away
			rating = max(1, 4-k)
			if k > 0 {
				milestone = "behind"
			}
			if k > 1 {
				change = "yes"
			}
		case k >= 2 || k == 1 && kind%3 == 0:
			milestone = "done"
		}
		var skills []string
		for q, s := range wants(m.MenteeID) {
			gain := (k + q%2) / 2
			if kind == 2 {
				gain = 0
			}
			skills = append(skills, s.Name+":"+strconv.Itoa(min(5, s.Level+gain)))
		}
		note := answers[i%len(answers)]
		w.Write([]string{m.MenteeID, m.MentorID, "mentee", strconv.Itoa(rating), change, note.menteeNote, strings.Join(skills, "; "), milestone, date})
		w.Write([]string{m.MenteeID, m.MentorID, "mentor", strconv.Itoa(max(1, rating-(kind%3)/2)), "no", note.mentorNote, "", milestone, date})
	}
	w.Flush() // writing to a bytes.Buffer cannot fail
	return b.Bytes()
}
