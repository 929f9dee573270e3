package table

import (
	"fmt"
	"math"
	"strconv"

	"github.com/mentormatch/mentormatch"
)

// ReadCapacities reads the column capacities for a matrix with the given
// column labels. spec is either a whole number, the capacity of every
// column, or a CSV or XLSX file of two columns, label and capacity (as
// written next to `match --scores`), with or without a header. Labels the
// file does not list keep capacity 1; labels it lists that the matrix lacks
// are problems, as are capacities that are not whole numbers ≥ 0.
func ReadCapacities(spec string, colLabels []string, cols int) ([]int, error) {
	caps := make([]int, cols)
	if n, err := strconv.Atoi(spec); err == nil {
		if n < 0 {
			return nil, fmt.Errorf("%w: --capacity %d: expected a whole number ≥ 0 or a file", mentormatch.ErrUsage, n)
		}
		for j := range caps {
			caps[j] = n
		}
		return caps, nil
	}
	m, err := ReadMatrix(spec, "")
	if err != nil {
		return nil, err
	}
	if m.Cols != 1 || m.RowLabels == nil {
		return nil, mentormatch.Problems{{File: spec, Message: fmt.Sprintf("expected two columns, a column label and its capacity; found %d columns", m.Cols+boolInt(m.RowLabels != nil))}}
	}
	if colLabels == nil {
		return nil, fmt.Errorf("%w: --capacity %s names columns, but the matrix has no label row; give a number instead", mentormatch.ErrUsage, spec)
	}
	col := make(map[string]int, len(colLabels))
	for j, l := range colLabels {
		col[l] = j
	}
	for j := range caps {
		caps[j] = 1
	}
	var ps mentormatch.Problems
	row := 1
	if m.ColLabels != nil {
		row = 2
	}
	for i, label := range m.RowLabels {
		v := m.Data[i]
		j, ok := col[label]
		switch {
		case !ok:
			ps = append(ps, mentormatch.Problem{File: spec, Row: row + i, Column: "A", Message: fmt.Sprintf("%q is not a column of the matrix", label)})
		case math.IsNaN(v) || v < 0 || v != math.Trunc(v) || v > math.MaxInt32:
			ps = append(ps, mentormatch.Problem{File: spec, Row: row + i, Column: "B", Message: fmt.Sprintf("capacity %v: expected a whole number ≥ 0", v)})
		default:
			caps[j] = int(v)
		}
	}
	return caps, ps.Err()
}
