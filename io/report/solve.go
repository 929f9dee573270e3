package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/xuri/excelize/v2"
	"gonum.org/v1/gonum/mat"
)

// Assignment is one assigned cell of a solved matrix; Row and Col are 1-based.
type Assignment struct {
	Row, Col           int
	Value              float64
	RowLabel, ColLabel string
}

// SolveOutput is the result of `mentormatch solve`.
type SolveOutput struct {
	Total               float64
	Assigned            int
	Assignment          []Assignment
	UnassignedRows      []int
	HasRowLabels        bool
	HasColLabels        bool
	UnassignedRowLabels []string
}

// EncodeSolveJSON writes s as {"total","assigned","assignment","unassigned_rows"}.
func EncodeSolveJSON(w io.Writer, s SolveOutput) error {
	var b jsonBuf
	b.object(0,
		field{"total", b.f(s.Total)},
		field{"assigned", b.i(s.Assigned)},
		field{"assignment", func(d int) {
			b.array(d, len(s.Assignment), func(i, d int) {
				a := s.Assignment[i]
				fs := []field{{"row", b.i(a.Row)}, {"col", b.i(a.Col)}, {"value", b.f(a.Value)}}
				if s.HasRowLabels {
					fs = append(fs, field{"row_label", b.s(a.RowLabel)})
				}
				if s.HasColLabels {
					fs = append(fs, field{"col_label", b.s(a.ColLabel)})
				}
				b.object(d, fs...)
			})
		}},
		field{"unassigned_rows", func(d int) {
			b.array(d, len(s.UnassignedRows), func(i, _ int) { b.WriteString(strconv.Itoa(s.UnassignedRows[i])) })
		}},
	)
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// WriteSolve writes s as .json or .csv (row, col, value[, row_label, col_label]).
func WriteSolve(path string, s SolveOutput) error {
	switch ext(path) {
	case ".json":
		return output.WriteFile(path, func(w io.Writer) error { return EncodeSolveJSON(w, s) })
	case ".csv":
		return output.WriteFile(path, func(w io.Writer) error {
			cw := csv.NewWriter(w)
			head := []string{"row", "col", "value"}
			if s.HasRowLabels {
				head = append(head, "row_label")
			}
			if s.HasColLabels {
				head = append(head, "col_label")
			}
			cw.Write(head)
			for _, a := range s.Assignment {
				rec := []string{strconv.Itoa(a.Row), strconv.Itoa(a.Col), fmtNum(a.Value)}
				if s.HasRowLabels {
					rec = append(rec, csvSafe(a.RowLabel))
				}
				if s.HasColLabels {
					rec = append(rec, csvSafe(a.ColLabel))
				}
				cw.Write(rec)
			}
			cw.Flush()
			return cw.Error()
		})
	}
	return usageExt(path, ".json or .csv")
}

// WriteScores writes the score matrix the optimiser saw: first row
// "mentee_id" then mentor ids, first column mentee ids, an empty cell for
// NaN (forbidden). The format is .csv or .xlsx.
func WriteScores(path string, m *mat.Dense, menteeIDs, mentorIDs []string) error {
	r, c := m.Dims()
	if r != len(menteeIDs) || c != len(mentorIDs) {
		return fmt.Errorf("scores %s: matrix is %d×%d but there are %d mentees and %d mentors", path, r, c, len(menteeIDs), len(mentorIDs))
	}
	switch ext(path) {
	case ".csv":
		return output.WriteFile(path, func(w io.Writer) error {
			cw := csv.NewWriter(w)
			rec := append([]string{"mentee_id"}, mentorIDs...)
			for k := 1; k < len(rec); k++ {
				rec[k] = csvSafe(rec[k])
			}
			cw.Write(rec)
			for i := range r {
				rec = append(rec[:0], csvSafe(menteeIDs[i]))
				for j := range c {
					v := m.At(i, j)
					if math.IsNaN(v) {
						rec = append(rec, "")
					} else {
						rec = append(rec, fmtNum(v))
					}
				}
				cw.Write(rec)
			}
			cw.Flush()
			return cw.Error()
		})
	case ".xlsx":
		return output.WriteFile(path, func(w io.Writer) error {
			f := newFile()
			defer f.Close()
			sheet := "Scores"
			f.SetSheetName("Sheet1", sheet)
			sw, err := f.NewStreamWriter(sheet)
			if err != nil {
				return err
			}
			if err := sw.SetPanes(frozen(1, 1)); err != nil {
				return err
			}
			head := make([]any, c+1)
			head[0] = "mentee_id"
			for j, id := range mentorIDs {
				head[j+1] = textCell(id)
			}
			if err := sw.SetRow("A1", head); err != nil {
				return err
			}
			row := make([]any, c+1)
			for i := range r {
				row[0] = textCell(menteeIDs[i])
				for j := range c {
					v := m.At(i, j)
					if math.IsNaN(v) {
						row[j+1] = nil
					} else {
						row[j+1] = v
					}
				}
				cell, _ := excelize.CoordinatesToCellName(1, i+2)
				if err := sw.SetRow(cell, row); err != nil {
					return err
				}
			}
			if err := sw.Flush(); err != nil {
				return err
			}
			return writeDeterministic(f, w)
		})
	}
	return usageExt(path, ".csv or .xlsx")
}

var _ = mentormatch.ErrUsage

// WriteCapacities writes a two-column CSV, mentor_id and capacity, that
// `mentormatch solve --capacity` reads next to a scores matrix so that the
// audit solves the same problem as match: one column per mentor, each
// taking as many rows as its capacity.
func WriteCapacities(path string, mentorIDs []string, caps []int) error {
	if len(mentorIDs) != len(caps) {
		return fmt.Errorf("capacities %s: %d mentors but %d capacities", path, len(mentorIDs), len(caps))
	}
	return output.WriteFile(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write([]string{"mentor_id", "capacity"})
		for j, id := range mentorIDs {
			cw.Write([]string{csvSafe(id), strconv.Itoa(caps[j])})
		}
		cw.Flush()
		return cw.Error()
	})
}
