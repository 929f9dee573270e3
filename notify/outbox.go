package notify

import (
	"net/mail"
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
)

// CSVName is the mail-merge table's name in an outbox.
const CSVName = "introductions.csv"

// DefaultFrom is the sender the messages show when the manager names none.
const DefaultFrom = "Mentoring program <mentoring@example.invalid>"

// Options say how an outbox is written.
type Options struct {
	// Template is the introduction; the zero Template is DefaultTemplate.
	Template Template
	// From is the sender; the zero address is DefaultFrom.
	From mail.Address
}

// Outbox is the introductions of a plan as the notify command writes
// them: per Intro, its .eml file's name and bytes. The mail-merge table
// (CSVName) is io/report's EncodeIntroductionsCSV of Template, Intros and
// Names.
type Outbox struct {
	Template  Template
	Intros    []Intro
	Names     []string // the .eml files' names, made from the ids (output.Names)
	EMLs      [][]byte
	Unmatched []string // mentees without a mentor, who get no introduction
	NoEmail   []string // ids whose message has no recipient
}

// Write builds the outbox of a plan made from p: the command line and
// the review page call it alike, so both write the same bytes. The
// messages are dated by Date.
func Write(plan *mentormatch.Plan, p *mentormatch.Program, o Options) (*Outbox, error) {
	if o.Template == (Template{}) {
		t, err := ParseTemplate("(built in)", DefaultTemplate)
		if err != nil {
			return nil, err
		}
		o.Template = t
	}
	if o.From == (mail.Address{}) {
		from, err := mail.ParseAddress(DefaultFrom)
		if err != nil {
			return nil, err
		}
		o.From = *from
	}
	intros, unmatched, err := Build(plan, p)
	if err != nil {
		return nil, err
	}
	keys := make([]output.Key, len(intros))
	for i, in := range intros {
		keys[i] = output.Key{Text: in.ID, ID: in.ID}
	}
	names, err := output.Names(keys, ".eml")
	if err != nil {
		return nil, err
	}
	ob := &Outbox{Template: o.Template, Intros: intros, Names: names, EMLs: make([][]byte, len(intros)), Unmatched: unmatched}
	msg := Message{From: o.From, Date: Date(plan)}
	for i := range intros {
		if intros[i].Email == "" {
			ob.NoEmail = append(ob.NoEmail, intros[i].ID)
		}
		ob.EMLs[i] = EML(o.Template, &intros[i], msg)
	}
	return ob, nil
}

// Date dates the messages of a plan a week before its first session, at
// 09:00 UTC: a fixed date, so that the same plan gives the same files,
// and the day a manager would send them.
func Date(plan *mentormatch.Plan) time.Time {
	var first time.Time
	for _, s := range plan.Sessions {
		if first.IsZero() || s.Start.Before(first) {
			first = s.Start
		}
	}
	if first.IsZero() {
		first = time.Date(2000, 1, 8, 0, 0, 0, 0, time.UTC)
	}
	d := first.UTC().AddDate(0, 0, -7)
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, time.UTC)
}
