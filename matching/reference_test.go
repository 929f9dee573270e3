package matching

import (
	"fmt"
	"math"
)

// refFlow is the first solver of the package, kept as an independent
// reference: successive shortest paths from a super source with Dijkstra on
// O(n+m) dense selections, a different algorithm from the one under test.
func refFlow(rows, cols int, data []float64, opt Options) (*Result, error) {
	if rows < 0 || cols < 0 || len(data) != rows*cols {
		return nil, fmt.Errorf("%w: %d×%d matrix needs %d values, got %d", ErrInput, rows, cols, rows*cols, len(data))
	}
	capa := make([]int, cols)
	for j := range capa {
		capa[j] = 1
	}
	if opt.Capacity != nil {
		if len(opt.Capacity) != cols {
			return nil, fmt.Errorf("%w: %d capacities for %d columns", ErrInput, len(opt.Capacity), cols)
		}
		for j, k := range opt.Capacity {
			if k < 0 {
				return nil, fmt.Errorf("%w: column %d has negative capacity %d", ErrInput, j+1, k)
			}
			capa[j] = k
		}
	}
	sign := 1.0
	if opt.Maximize {
		sign = -1
	}
	cost := make([]float64, len(data))
	for i, x := range data {
		x *= sign
		if math.IsNaN(x) || math.IsInf(x, 1) {
			x = math.Inf(1)
		} else if math.IsInf(x, -1) {
			return nil, fmt.Errorf("%w: row %d column %d is infinitely good", ErrInput, i/max(cols, 1)+1, i%max(cols, 1)+1)
		}
		cost[i] = x
	}
	inf := math.Inf(1)
	// Potentials: pr rows, pc columns, pt sink; source is 0.
	pr := make([]float64, rows)
	pc := make([]float64, cols)
	for j := 0; j < cols; j++ {
		pc[j] = inf
		for i := 0; i < rows; i++ {
			pc[j] = math.Min(pc[j], cost[i*cols+j])
		}
		if math.IsInf(pc[j], 1) {
			pc[j] = 0
		}
	}
	pt := inf // sink potential: at most every open column's
	for j := range pc {
		if capa[j] > 0 {
			pt = math.Min(pt, pc[j])
		}
	}
	rowCol := make([]int, rows)
	for i := range rowCol {
		rowCol[i] = -1
	}
	load := make([]int, cols)
	colRows := make([][]int, cols)
	dr := make([]float64, rows)
	dc := make([]float64, cols)
	prevRow := make([]int, cols) // row that reached column j
	prevCol := make([]int, rows) // column that reached row i (-1: from source)
	doneR := make([]bool, rows)
	doneC := make([]bool, cols)
	assigned := 0
	for {
		for i := range dr {
			dr[i], doneR[i], prevCol[i] = inf, false, -1
			if rowCol[i] < 0 {
				dr[i] = -pr[i]
			}
		}
		for j := range dc {
			dc[j], doneC[j], prevRow[j] = inf, false, -1
		}
		bestT, endCol := inf, -1
		for {
			// pick smallest unsettled node
			bi, bj, bd := -1, -1, inf
			for i := range dr {
				if !doneR[i] && dr[i] < bd {
					bi, bj, bd = i, -1, dr[i]
				}
			}
			for j := range dc {
				if !doneC[j] && dc[j] < bd {
					bi, bj, bd = -1, j, dc[j]
				}
			}
			if bd >= bestT || (bi < 0 && bj < 0) {
				break
			}
			if bi >= 0 {
				doneR[bi] = true
				row := cost[bi*cols : (bi+1)*cols]
				for j, x := range row {
					if doneC[j] || j == rowCol[bi] || math.IsInf(x, 1) {
						continue
					}
					d := bd + x + pr[bi] - pc[j]
					if d < 0 {
						d = 0 // rounding
					}
					if d < dc[j] {
						dc[j], prevRow[j] = d, bi
					}
				}
				continue
			}
			doneC[bj] = true
			if load[bj] < capa[bj] {
				if d := bd + pc[bj] - pt; d < bestT {
					bestT, endCol = d, bj
				}
			}
			for _, i := range colRows[bj] {
				if doneR[i] {
					continue
				}
				d := bd - cost[i*cols+bj] + pc[bj] - pr[i]
				if d < bd {
					d = bd
				}
				if d < dr[i] {
					dr[i], prevCol[i] = d, bj
				}
			}
		}
		if endCol < 0 {
			break
		}
		// Update potentials with truncated distances.
		for i := range pr {
			pr[i] += math.Min(dr[i], bestT)
		}
		for j := range pc {
			pc[j] += math.Min(dc[j], bestT)
		}
		pt += bestT
		// Augment along the path ending at endCol.
		j := endCol
		load[j]++
		for {
			i := prevRow[j]
			old := rowCol[i]
			rowCol[i] = j
			colRows[j] = append(colRows[j], i)
			if old < 0 {
				break
			}
			colRows[old] = removeInt(colRows[old], i)
			j = old
		}
		assigned++
	}
	res := &Result{RowCol: rowCol, Assigned: assigned, RowDual: make([]float64, rows), ColDual: make([]float64, cols)}
	for i, j := range rowCol {
		if j >= 0 {
			res.Total += data[i*cols+j]
		}
		res.RowDual[i] = -pr[i] * sign
	}
	for j := range pc {
		res.ColDual[j] = pc[j] * sign
	}
	return res, nil
}

func removeInt(s []int, x int) []int {
	for k, y := range s {
		if y == x {
			s[k] = s[len(s)-1]
			return s[:len(s)-1]
		}
	}
	return s
}
