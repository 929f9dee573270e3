package report

import (
	"encoding/csv"
	"io"

	"github.com/mentormatch/mentormatch"
)

// EncodeDecisionsCSV writes decisions as the file table.ReadDecisions
// reads: a header (mentee_id, mentor_id, decision, note), then one row per
// decision in the order given, the decision as "pin" or "forbid".
// Formula-looking text is written as text and reads back as given.
func EncodeDecisionsCSV(w io.Writer, ds mentormatch.Decisions) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"mentee_id", "mentor_id", "decision", "note"}); err != nil {
		return err
	}
	for _, d := range ds {
		if err := cw.Write([]string{csvSafe(d.MenteeID), csvSafe(d.MentorID), d.Kind.String(), csvSafe(d.Note)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteDecisions writes decisions to path as CSV (EncodeDecisionsCSV),
// atomically (WriteFile); a path not ending in .csv is a usage error.
func WriteDecisions(path string, ds mentormatch.Decisions) error {
	if ext(path) != ".csv" {
		return usageExt(path, ".csv")
	}
	return WriteFile(path, func(w io.Writer) error { return EncodeDecisionsCSV(w, ds) })
}
