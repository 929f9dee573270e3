package matching

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// tolerance is the relative rounding allowed in checks of reduced costs.
const tolerance = 1e-12

// ErrNotOptimal reports a result that CertifyData cannot prove optimal.
var ErrNotOptimal = errors.New("matching: not proven optimal")

// Certify checks res against m. See CertifyData.
func Certify(m *mat.Dense, opt Options, res *Result) error {
	if m == nil {
		return fmt.Errorf("%w: nil matrix", ErrInput)
	}
	rows, cols, data := rawData(m)
	return CertifyData(rows, cols, data, opt, res)
}

// CertifyData proves res an optimal assignment of data under opt, or
// returns an error wrapping ErrNotOptimal that names the first row, column
// or cell at fault. It checks, minimising (maximising mirrors every
// inequality), with u = RowDual and v = ColDual:
//
//   - the assignment is feasible and Assigned and Total match it;
//   - u(i) + v(j) ≤ c(i,j) on every allowed cell of a column that takes rows,
//     with equality on assigned cells;
//   - u of every unassigned row with an allowed cell ≥ u of every assigned row;
//   - v of every column with room left ≥ v of every column holding a row;
//   - no augmenting path exists (breadth-first search from the unassigned
//     rows), so no assignment has more rows.
//
// The middle three are complementary slackness for the linear program that
// fixes the number of assigned rows, so no assignment of that size costs
// less. Comparisons allow a tolerance of 1e-12·max(1, |largest value or
// dual|) for floating-point rounding, so the total is within rows times that
// of the optimum: for integer data, exactly optimal. Time O(rows·cols).
func CertifyData(rows, cols int, data []float64, opt Options, res *Result) error {
	in, err := prepare(rows, cols, data, opt)
	if err != nil {
		return err
	}
	if res == nil || len(res.RowCol) != rows || len(res.RowDual) != rows || len(res.ColDual) != cols {
		return fmt.Errorf("%w: result does not have %d rows and %d columns", ErrNotOptimal, rows, cols)
	}
	s := in.sign
	scale := 1.0
	for _, x := range data {
		if in.allowed(x) {
			scale = math.Max(scale, math.Abs(x))
		}
	}
	for _, x := range res.RowDual {
		scale = math.Max(scale, math.Abs(x))
	}
	for _, x := range res.ColDual {
		scale = math.Max(scale, math.Abs(x))
	}
	tol := tolerance * scale
	load := make([]int, cols)
	assigned, total := 0, 0.0
	for i, j := range res.RowCol {
		if j < 0 {
			continue
		}
		if j >= cols {
			return fmt.Errorf("%w: row %d is assigned to column %d of %d", ErrNotOptimal, i+1, j+1, cols)
		}
		if x := data[i*cols+j]; !in.allowed(x) {
			return fmt.Errorf("%w: row %d is assigned to forbidden column %d", ErrNotOptimal, i+1, j+1)
		} else {
			total += x
		}
		load[j]++
		assigned++
	}
	for j, k := range load {
		if k > int(in.caps[j]) {
			return fmt.Errorf("%w: column %d holds %d rows, capacity %d", ErrNotOptimal, j+1, k, in.caps[j])
		}
	}
	if assigned != res.Assigned {
		return fmt.Errorf("%w: Assigned is %d, the assignment has %d rows", ErrNotOptimal, res.Assigned, assigned)
	}
	if math.Abs(total-res.Total) > tol*float64(rows+1) {
		return fmt.Errorf("%w: Total is %v, the assignment sums to %v", ErrNotOptimal, res.Total, total)
	}
	for i, u := range res.RowDual {
		if math.IsNaN(u) || math.IsInf(u, 0) {
			return fmt.Errorf("%w: row %d has dual %v", ErrNotOptimal, i+1, u)
		}
	}
	for j, v := range res.ColDual {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: column %d has dual %v", ErrNotOptimal, j+1, v)
		}
	}
	// Reduced costs, minimising: c − u − v.
	topRow, canRow := math.Inf(-1), make([]bool, rows)
	for i := 0; i < rows; i++ {
		u := s * res.RowDual[i]
		for j := 0; j < cols; j++ {
			x := data[i*cols+j]
			if !in.allowed(x) || in.caps[j] == 0 {
				continue
			}
			canRow[i] = true
			rc := s*x - u - s*res.ColDual[j]
			if rc < -tol {
				return fmt.Errorf("%w: cell row %d column %d has reduced cost %v < 0", ErrNotOptimal, i+1, j+1, rc)
			}
			if res.RowCol[i] == j && rc > tol {
				return fmt.Errorf("%w: assigned cell row %d column %d has reduced cost %v ≠ 0", ErrNotOptimal, i+1, j+1, rc)
			}
		}
		if res.RowCol[i] >= 0 {
			topRow = math.Max(topRow, u)
		}
	}
	for i, j := range res.RowCol {
		if j < 0 && canRow[i] && s*res.RowDual[i] < topRow-tol {
			return fmt.Errorf("%w: unassigned row %d has dual below an assigned row's", ErrNotOptimal, i+1)
		}
	}
	topCol := math.Inf(-1)
	for j, k := range load {
		if k > 0 {
			topCol = math.Max(topCol, s*res.ColDual[j])
		}
	}
	for j, k := range load {
		if k < int(in.caps[j]) && s*res.ColDual[j] < topCol-tol {
			return fmt.Errorf("%w: column %d has room and a dual below a used column's", ErrNotOptimal, j+1)
		}
	}
	if i, j := augmentingPath(in, res.RowCol, load); i >= 0 {
		return fmt.Errorf("%w: an augmenting path from unassigned row %d reaches column %d with room", ErrNotOptimal, i+1, j+1)
	}
	return nil
}

// augmentingPath returns an unassigned row and a column with room that an
// alternating path joins, or −1, −1. Breadth-first, O(rows·cols).
func augmentingPath(in *instance, rowCol, load []int) (int, int) {
	cols := in.cols
	colRows := make([][]int, cols)
	var queue, from []int
	for i, j := range rowCol {
		if j >= 0 {
			colRows[j] = append(colRows[j], i)
		} else {
			queue = append(queue, i)
			from = append(from, i)
		}
	}
	seenRow := make([]bool, len(rowCol))
	for _, i := range queue {
		seenRow[i] = true
	}
	seenCol := make([]bool, cols)
	for q := 0; q < len(queue); q++ {
		i := queue[q]
		for j := 0; j < cols; j++ {
			if seenCol[j] || j == rowCol[i] || in.caps[j] == 0 || !in.allowed(in.data[i*cols+j]) {
				continue
			}
			seenCol[j] = true
			if load[j] < int(in.caps[j]) {
				return from[q], j
			}
			for _, r := range colRows[j] {
				if !seenRow[r] {
					seenRow[r] = true
					queue = append(queue, r)
					from = append(from, from[q])
				}
			}
		}
	}
	return -1, -1
}
