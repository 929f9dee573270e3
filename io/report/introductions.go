package report

import (
	"io"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/mentormatch/mentormatch/notify"
)

// introductionRow is one row of the mail-merge file: fixed columns, which
// is what gocsv is for.
type introductionRow struct {
	Email         string `csv:"email"`
	Name          string `csv:"name"`
	Role          string `csv:"role"`
	Subject       string `csv:"subject"`
	Match         string `csv:"match"`
	MatchEmails   string `csv:"match_emails"`
	Why           string `csv:"why"`
	FirstSession  string `csv:"first_session"`
	FirstWith     string `csv:"first_with"`
	TimeZone      string `csv:"time_zone"`
	Cohort        string `csv:"cohort"`
	CohortMembers string `csv:"cohort_members"`
	Seniors       string `csv:"seniors"`
	Message       string `csv:"message_file"`
	Calendar      string `csv:"calendar_file"`
}

// EncodeIntroductionsCSV writes the mail-merge table of the introductions:
// a row a person with the fields their message is made of and the names
// of their .eml and calendar files (emls[i] is intros[i]'s). Text a
// spreadsheet would run as a formula is written as text.
func EncodeIntroductionsCSV(w io.Writer, t notify.Template, intros []notify.Intro, emls []string) error {
	rows := make([]introductionRow, len(intros))
	for i := range intros {
		in := &intros[i]
		f := notify.Fields(in)
		subject, _ := t.Render(in)
		emails := make([]string, 0, len(in.Partners))
		for _, c := range in.Partners {
			if c.Email != "" {
				emails = append(emails, c.Email)
			}
		}
		rows[i] = introductionRow{
			Email: csvSafe(in.Email), Name: csvSafe(in.Name), Role: in.Role, Subject: csvSafe(subject),
			Match: csvSafe(f["match"]), MatchEmails: csvSafe(strings.Join(emails, "; ")), Why: csvSafe(f["why"]),
			FirstSession: csvSafe(f["first_session"]), FirstWith: csvSafe(f["first_with"]), TimeZone: csvSafe(in.TimeZone),
			Cohort: csvSafe(f["cohort"]), CohortMembers: csvSafe(strings.Join(in.CohortMembers, "; ")),
			Seniors: csvSafe(strings.Join(in.Seniors, "; ")), Message: csvSafe(emls[i]), Calendar: csvSafe(in.CalendarName),
		}
	}
	return gocsv.Marshal(rows, w)
}
