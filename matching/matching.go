package matching

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// ErrInput reports an unusable matrix or option.
var ErrInput = errors.New("matching: invalid input")

// ErrInfeasible reports a pair that no assignment can contain: a forbidden
// cell or a column that takes no rows.
var ErrInfeasible = errors.New("matching: infeasible")

// Options configures Solve.
type Options struct {
	Maximize bool
	Capacity []int // per column (mentor); nil = 1 each; 0 = column takes nothing; negative = error
	// Warm chooses whether the dense solver first prices every column by
	// an auction (see the package documentation). The default, WarmAuto,
	// does so when augmenting row reduction leaves more than a quarter of
	// 64 or more rows free and the rows exactly fill the places. The
	// answer is the same optimum either way; only the time differs.
	Warm Warm
}

// Warm is when the dense solver starts from an auction's prices.
type Warm int

const (
	WarmAuto   Warm = iota // when many rows are left free (see Options.Warm)
	WarmAlways             // whenever the rows exactly fill the places
	WarmNever              // never: the searches start from zero prices
)

// Result is an optimal assignment with a certificate of its optimality.
//
// Duals, minimising: RowDual[i]+ColDual[j] <= value(i,j) for every allowed
// cell of a column that takes rows, with equality on assigned cells; every
// unassigned row's dual is at least every assigned row's; every column with
// room left has a dual at least that of every column holding a row.
// Maximising, every inequality is reversed. CertifyData checks all of this
// and that no augmenting path exists, which together prove the result
// optimal (see the package documentation).
type Result struct {
	RowCol           []int // column of each row, -1 when unassigned
	Assigned         int
	Total            float64 // sum of the assigned cells' original values
	RowDual, ColDual []float64
}

// Solve assigns rows of m to columns. See SolveData. The matrix is read in
// place when its rows are contiguous.
func Solve(m *mat.Dense, opt Options) (*Result, error) {
	if m == nil {
		return nil, fmt.Errorf("%w: nil matrix", ErrInput)
	}
	rows, cols, data := rawData(m)
	return SolveData(rows, cols, data, opt)
}

// rawData returns m's values row-major, without copying when possible.
func rawData(m *mat.Dense) (rows, cols int, data []float64) {
	raw := m.RawMatrix()
	if raw.Rows == 0 || raw.Cols == 0 {
		return raw.Rows, raw.Cols, nil
	}
	if raw.Stride == raw.Cols {
		return raw.Rows, raw.Cols, raw.Data[:raw.Rows*raw.Cols]
	}
	data = make([]float64, 0, raw.Rows*raw.Cols)
	for i := 0; i < raw.Rows; i++ {
		data = append(data, raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols]...)
	}
	return raw.Rows, raw.Cols, data
}

// SolveData assigns rows to columns of the row-major rows×cols matrix data:
// as many rows as possible, then the least total (the greatest with
// Maximize). A NaN cell is forbidden; so is +Inf when minimising and -Inf
// when maximising. Column j takes at most opt.Capacity[j] rows. data is not
// modified.
//
// Time O(r·k·c) in the worst case for r rows, c columns and k the longest
// augmenting path, typically far less; memory O(rows+cols) beyond data, or
// one transposed copy of data when the columns' capacities add up to fewer
// than rows (the solver then augments from the columns).
func SolveData(rows, cols int, data []float64, opt Options) (*Result, error) {
	in, err := shape(rows, cols, data, opt)
	if err != nil {
		return nil, err
	}
	// The solver's first scan of each row notices an infinitely good cell
	// (see dense.bad), which spares a pass over data that would cost as
	// much as the solve itself on easy matrices; the check that names the
	// cell runs only then.
	res, ok := in.solve()
	if !ok {
		if err := in.check(); err != nil {
			return nil, err
		}
		panic("matching: an infinitely good cell was reported but not found")
	}
	return res, nil
}

// instance is a validated problem.
type instance struct {
	rows, cols int
	data       []float64
	sign       float64 // +1 minimise, -1 maximise: cost = sign·value
	caps       []int32 // capacity of each column, at most rows
	warm       Warm
	tune       func(*dense) // tests: changes the dense solver's choices before it runs
}

// prepare validates a problem.
func prepare(rows, cols int, data []float64, opt Options) (*instance, error) {
	in, err := shape(rows, cols, data, opt)
	if err != nil {
		return nil, err
	}
	return in, in.check()
}

// shape validates a problem's size, data length and options, not its values.
func shape(rows, cols int, data []float64, opt Options) (*instance, error) {
	if rows < 0 || cols < 0 || len(data) != rows*cols {
		return nil, fmt.Errorf("%w: %d×%d matrix needs %d values, got %d", ErrInput, rows, cols, rows*cols, len(data))
	}
	in, err := newInstance(rows, cols, opt)
	if err != nil {
		return nil, err
	}
	in.data = data
	return in, nil
}

// check rejects the first infinitely good cell (−Inf minimising, +Inf
// maximising).
func (in *instance) check() error {
	bad := -in.sign * inf
	for k, x := range in.data {
		if x == bad {
			return fmt.Errorf("%w: row %d column %d is infinitely good (%v)", ErrInput, k/in.cols+1, k%in.cols+1, x)
		}
	}
	return nil
}

// newInstance validates a problem's shape and options.
func newInstance(rows, cols int, opt Options) (*instance, error) {
	if rows < 0 || cols < 0 || rows >= math.MaxInt32 || cols >= math.MaxInt32 {
		return nil, fmt.Errorf("%w: cannot solve a %d×%d matrix", ErrInput, rows, cols)
	}
	if opt.Warm < WarmAuto || opt.Warm > WarmNever {
		return nil, fmt.Errorf("%w: unknown warm start choice %d", ErrInput, opt.Warm)
	}
	in := &instance{rows: rows, cols: cols, sign: 1, caps: make([]int32, cols), warm: opt.Warm}
	if opt.Maximize {
		in.sign = -1
	}
	if opt.Capacity != nil && len(opt.Capacity) != cols {
		return nil, fmt.Errorf("%w: %d capacities for %d columns", ErrInput, len(opt.Capacity), cols)
	}
	for j := range in.caps {
		k := 1
		if opt.Capacity != nil {
			k = opt.Capacity[j]
		}
		if k < 0 {
			return nil, fmt.Errorf("%w: column %d has negative capacity %d", ErrInput, j+1, k)
		}
		in.caps[j] = int32(min(k, rows))
	}
	return in, nil
}

// allowed reports whether a cell's value may be assigned.
func (in *instance) allowed(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0)
}

// solve runs the dense solver in the orientation with fewer units to
// augment and translates its answer back. It returns false when the data
// holds an infinitely good cell; the result is then meaningless.
func (in *instance) solve() (*Result, bool) {
	res := &Result{
		RowCol:  make([]int, in.rows),
		RowDual: make([]float64, in.rows),
		ColDual: make([]float64, in.cols),
	}
	for i := range res.RowCol {
		res.RowCol[i] = -1
	}
	seats := 0
	for _, k := range in.caps {
		seats += int(k)
	}
	if in.rows == 0 || seats == 0 {
		return res, in.closedColumns(res, in.at)
	}
	var ok bool
	if in.rows <= seats {
		ok = in.solveRows(res)
	} else {
		ok = in.solveCols(res, seats)
	}
	for i, j := range res.RowCol {
		if j >= 0 {
			res.Assigned++
			res.Total += in.data[i*in.cols+j]
		}
	}
	return res, ok
}

// solveRows augments from the rows, reading data in place. It returns
// false when it met an infinitely good cell.
func (in *instance) solveRows(res *Result) bool {
	p := newDense(in.rows, in.cols, in.data, nil, in.sign, in.caps)
	p.warmMode = in.warm
	if in.tune != nil {
		in.tune(p)
	}
	u := p.run()
	if p.bad {
		return false
	}
	return in.finish(&p.state, true, u, res)
}

// solveCols augments from the columns, each column repeated as many times
// as its capacity over one shared row of a transposed copy of the costs,
// made only when the solver needs it (see colLists). It returns false
// when it met an infinitely good cell.
func (in *instance) solveCols(res *Result, seats int) bool {
	ones := make([]int32, in.rows)
	for i := range ones {
		ones[i] = 1
	}
	p := newDense(seats, in.rows, nil, copies(in.caps), 1, ones)
	p.nrows, p.src = in.cols, in
	defer p.release()
	p.warmMode = in.warm
	if in.tune != nil {
		in.tune(p)
	}
	u := p.run()
	if p.bad {
		return false
	}
	return in.finish(&p.state, false, u, res)
}

// transposed keeps the transposed copies of solves that have returned, for
// the next tall solve to write over. A fresh copy costs more than the
// transposition itself: the runtime zeroes it and the kernel maps it page
// by page on first touch (a 4000 × 1000 copy is 32 MB), and a program that
// solves tall problems over and over (the server's re-solves, a benchmark)
// would pay that every time. The pool lets the collector drop what is not
// reused; the values are always written whole before they are read.
var transposed sync.Pool

// copyBuffer returns a buffer of n values from transposed, or a new one.
func copyBuffer(n int) *[]float64 {
	if b, ok := transposed.Get().(*[]float64); ok && cap(*b) >= n {
		*b = (*b)[:n]
		return b
	}
	b := make([]float64, n)
	return &b
}

// finish translates a solved state into res, duals in the problem's sense.
// It returns false when a column that takes no rows has an infinitely good
// cell.
func (in *instance) finish(st *state, byRows bool, u []float64, res *Result) bool {
	st.orient(byRows, u, res.RowCol, res.RowDual, res.ColDual)
	return in.closedColumns(res, in.at)
}

func (in *instance) at(i, j int) float64 { return in.data[i*in.cols+j] }

// closedColumns gives each column that takes no rows the tightest dual its
// allowed cells admit, so that every dual is finite, then turns the
// minimising duals of res into the problem's sense. O(rows) per such
// column. It returns false when one of these cells is infinitely good: the
// solver never reads them.
func (in *instance) closedColumns(res *Result, cell func(i, j int) float64) bool {
	ok := true
	for j, k := range in.caps {
		if k > 0 {
			continue
		}
		best := inf
		for i := 0; i < in.rows; i++ {
			x := cell(i, j)
			if in.allowed(x) {
				best = math.Min(best, in.sign*x-res.RowDual[i])
			}
			ok = ok && x != -in.sign*inf
		}
		if math.IsInf(best, 1) {
			best = 0
		}
		res.ColDual[j] = best
	}
	for i := range res.RowDual {
		res.RowDual[i] *= in.sign
	}
	for j := range res.ColDual {
		res.ColDual[j] *= in.sign
	}
	return ok
}

// transpose writes sign·data transposed into t (rows·cols values) and
// returns it. It takes eight rows at a time
// and writes, for each column, their eight values side by side: the eight
// rows are read in order and every write fills one whole cache line of
// the copy, where a square-blocked copy paid a bounds check and an index
// multiplication per cell and wrote each line in eight visits. O(rows·cols).
func transpose(t []float64, rows, cols int, data []float64, sign float64) []float64 {
	t = t[:rows*cols]
	i := 0
	for ; i+8 <= rows; i += 8 {
		r0 := data[(i+0)*cols : (i+1)*cols]
		r1 := data[(i+1)*cols : (i+2)*cols][:len(r0)]
		r2 := data[(i+2)*cols : (i+3)*cols][:len(r0)]
		r3 := data[(i+3)*cols : (i+4)*cols][:len(r0)]
		r4 := data[(i+4)*cols : (i+5)*cols][:len(r0)]
		r5 := data[(i+5)*cols : (i+6)*cols][:len(r0)]
		r6 := data[(i+6)*cols : (i+7)*cols][:len(r0)]
		r7 := data[(i+7)*cols : (i+8)*cols][:len(r0)]
		o := t[i:]
		for j := range r0 {
			w := o[j*rows : j*rows+8 : j*rows+8]
			w[0], w[1], w[2], w[3] = sign*r0[j], sign*r1[j], sign*r2[j], sign*r3[j]
			w[4], w[5], w[6], w[7] = sign*r4[j], sign*r5[j], sign*r6[j], sign*r7[j]
		}
	}
	for ; i < rows; i++ {
		for j, x := range data[i*cols : (i+1)*cols] {
			t[j*rows+i] = sign * x
		}
	}
	return t
}
