package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/mentormatch/mentormatch"
)

// ShortlistRow is one mentor offered to one mentee.
type ShortlistRow struct {
	MenteeID, MenteeName string
	Rank                 int // 1 is the best-scoring mentor on the list
	MentorID, MentorName string
	Score                float64
	Reason               string
}

// shortlistHead are the columns of a shortlist. "choice" is for the
// mentee to fill: 1 for their first choice, 2, 3.
var shortlistHead = []string{"mentee_id", "mentee_name", "rank", "mentor_id", "mentor_name", "score", "reason", "choice"}

// WriteShortlists writes the shortlists as .xlsx (a Shortlists sheet,
// printable, with a How to answer sheet) or .csv, one row a mentee and
// mentor, with an empty choice column for the answer.
func WriteShortlists(path string, rows []ShortlistRow, opts ...Option) error {
	o := collect(opts)
	switch ext(path) {
	case ".csv":
		return o.write(path, func(w io.Writer) error { return encodeShortlistsCSV(w, rows) })
	case ".xlsx":
		return o.write(path, func(w io.Writer) error { return encodeShortlistsXLSX(w, rows) })
	}
	return fmt.Errorf("%w: %s: a shortlist is written as .xlsx or .csv", mentormatch.ErrUsage, path)
}

func encodeShortlistsCSV(w io.Writer, rows []ShortlistRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(shortlistHead); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{csvSafe(r.MenteeID), csvSafe(r.MenteeName), strconv.Itoa(r.Rank), csvSafe(r.MentorID), csvSafe(r.MentorName),
			strconv.FormatFloat(r.Score, 'f', -1, 64), csvSafe(r.Reason), ""}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// shortlistHelp is the How to answer sheet.
var shortlistHelp = []string{
	"Each mentee has a few mentors to choose from, best-matching first.",
	"Write 1 in the choice column of your first choice, 2 of your second, 3 of your third; leave the rest empty.",
	"Every list holds a mentor who can take you, so everyone can be matched from their own list.",
	"Return the file as it is to the program manager.",
}

func encodeShortlistsXLSX(w io.Writer, rows []ShortlistRow) error {
	f := newFile()
	defer f.Close()
	const sheet = "Shortlists"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, scoreStyle, wrapStyle, err := sheetStyles(f, "0.0")
	if err != nil {
		return err
	}
	d := &sheetData{name: sheet, head: shortlistHead, score: []int{5}, wrap: []int{6}}
	for _, r := range rows {
		d.rows = append(d.rows, []any{textCell(r.MenteeID), textCell(r.MenteeName), r.Rank, textCell(r.MentorID), textCell(r.MentorName), r.Score, textCell(r.Reason), nil})
	}
	help := &sheetData{name: "How to answer", head: []string{"how to answer"}, wrap: []int{0}}
	for _, s := range shortlistHelp {
		help.rows = append(help.rows, []any{textCell(s)})
	}
	if _, err := f.NewSheet(help.name); err != nil {
		return err
	}
	for _, s := range []*sheetData{d, help} {
		if err := writeSheet(f, s, bold, scoreStyle, wrapStyle); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	return writeDeterministic(f, w)
}
