package benchmarks

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"time"

	"github.com/mentormatch/mentormatch/matching"
)

// Suite returns the compared cases at each size n: every kind n×n,
// rectangles n/4×n and n×n/4, and n mentees with n/5 mentors of capacity 5.
func Suite(sizes ...int) []Case {
	var cs []Case
	for _, n := range sizes {
		for _, k := range []Kind{Uniform, Few, LowRank, Forbidden, Equal, Rank1} {
			cs = append(cs, Case{Kind: k, Rows: n, Cols: n})
		}
		cs = append(cs,
			Case{Kind: Uniform, Rows: n / 4, Cols: n},
			Case{Kind: Uniform, Rows: n, Cols: n / 4},
			Case{Kind: Capacity, Rows: n, Cols: n / 5, Cap: 5},
		)
	}
	return cs
}

// Reps is how many times Compare runs a case at least on each side (a side
// whose runs are short runs more, see Compare): a run of a few
// milliseconds is mostly the first touch of fresh memory on both sides
// (SciPy's 1000 × 250 takes 7 ms once and 1.3 ms at best of 5), so small
// cases keep the best of five; SciPy's 4000 × 4000 low-rank takes 20 s,
// so the largest run once.
func Reps(c Case) int {
	switch n := max(c.Rows, c.Cols); {
	case n <= 1000:
		return 5
	case n <= 2000:
		return 3
	}
	return 1
}

// quickRun and quickReps bound the further runs of a side whose runs are
// short (see Compare): a side runs on until it has spent quickRun seconds
// or made quickReps runs.
const (
	quickRun  = 0.5
	quickReps = 25
)

// runSide runs side k of a case once (0 is ours, k ≥ 1 the peer
// list[k−1]) and keeps its best time and its answer in row. It returns
// the time of the run.
func runSide(c Case, data []float64, path string, list []*Peer, k int, row *Row) (float64, error) {
	if k == 0 {
		runtime.GC()
		t := time.Now()
		res, err := matching.SolveData(c.Rows, c.Cols, data, c.Options())
		el := time.Since(t).Seconds()
		if err != nil {
			return 0, fmt.Errorf("%s: %w", c.Name(), err)
		}
		row.Ours = math.Min(row.Ours, el)
		row.Total, row.Assigned = res.Total, res.Assigned
		return el, nil
	}
	pr := &row.Peers[k-1]
	if pr.Error != "" {
		return 0, nil
	}
	got, err := list[k-1].solve(c, path, 1)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", c.Name(), err)
	}
	el := got.Seconds
	if got.Error == "" {
		got.Seconds = math.Min(got.Seconds, pr.Seconds)
	}
	*pr = got
	return el, nil
}

// Row is one line of a comparison.
type Row struct {
	Case     Case
	Ours     float64      // seconds, best of the repetitions
	Total    float64      // our optimal total
	Assigned int          // rows we assign
	Peers    []PeerResult // each peer's answer, in the order of Peers.List
}

// Agree reports whether every peer that answered found the same optimum.
func (r Row) Agree() bool {
	for _, p := range r.Peers {
		if p.Error == "" && !r.agrees(p) {
			return false
		}
	}
	return true
}

func (r Row) agrees(p PeerResult) bool {
	return p.Assigned == r.Assigned && math.Abs(p.Total-r.Total) <= 1e-6*math.Max(1, math.Abs(r.Total))
}

// Fastest is the index of the fastest peer that answered, −1 when none
// did.
func (r Row) Fastest() int {
	best := -1
	for k, p := range r.Peers {
		if p.Error == "" && (best < 0 || p.Seconds < r.Peers[best].Seconds) {
			best = k
		}
	}
	return best
}

// Ratio is our time over the fastest peer's, NaN without one.
func (r Row) Ratio() float64 {
	k := r.Fastest()
	if k < 0 {
		return math.NaN()
	}
	return r.Ours / r.Peers[k].Seconds
}

// Compare solves each case with matching.SolveData, timed in process
// around the call, and with every peer on the same matrix, timed the same
// way in its process. The sides take turns, one run each, reps(case)
// times (Reps is the usual choice), so that a busy spell of the machine
// falls on all of them, and a side whose runs are short takes further
// turns up to half a second or 25 runs; each keeps its best time. Rows are written to w as
// a Markdown table as they finish: each side's time, then ours over the
// fastest peer's, with that peer named.
func Compare(w io.Writer, cases []Case, peers *Peers, reps func(Case) int) ([]Row, error) {
	var list []*Peer
	if peers != nil {
		list = peers.List
	}
	fmt.Fprintf(w, "| case | ours (s) |")
	for _, p := range list {
		fmt.Fprintf(w, " %s (s) |", p.Name)
	}
	fmt.Fprintf(w, " ours / fastest peer | total | same optimum |\n|---|---:|")
	for range list {
		fmt.Fprintf(w, "---:|")
	}
	fmt.Fprintf(w, "---|---:|---|\n")
	var rows []Row
	for _, c := range cases {
		data := c.Data()
		row := Row{Case: c, Ours: math.Inf(1), Peers: make([]PeerResult, len(list))}
		for k := range row.Peers {
			row.Peers[k].Seconds = math.Inf(1)
		}
		path := ""
		if len(list) > 0 {
			var err error
			if path, err = peers.write(data); err != nil {
				return rows, err
			}
		}
		// Every side runs reps(c) times; a side whose runs are short
		// runs on in later rounds, until it has spent quickRun seconds
		// or made quickReps runs, so that a busy spell of the shared
		// machine, longer than a few of them, does not set its best.
		sides := 1 + len(list)
		spent, runs := make([]float64, sides), make([]int, sides)
		wants := func(k int) bool {
			return runs[k] < reps(c) || (runs[k] < quickReps && spent[k] < quickRun)
		}
		for {
			more := false
			for k := range sides {
				if !wants(k) {
					continue
				}
				more = true
				el, err := runSide(c, data, path, list, k, &row)
				if err != nil {
					return rows, err
				}
				spent[k] += el
				runs[k]++
			}
			if !more {
				break
			}
		}
		if path != "" {
			os.Remove(path)
		}
		fmt.Fprintf(w, "| %s | %.3g |", c.Name(), row.Ours)
		for _, p := range row.Peers {
			switch {
			case p.Error != "":
				fmt.Fprintf(w, " %s |", p.Error)
			case !row.agrees(p):
				fmt.Fprintf(w, " %.3g (%g, %d rows) |", p.Seconds, p.Total, p.Assigned)
			default:
				fmt.Fprintf(w, " %.3g |", p.Seconds)
			}
		}
		ratio := "–"
		if k := row.Fastest(); k >= 0 {
			ratio = fmt.Sprintf("%.2f (%s)", row.Ratio(), list[k].Name)
		}
		fmt.Fprintf(w, " %s | %g | %v |\n", ratio, row.Total, row.Agree())
		rows = append(rows, row)
	}
	return rows, nil
}
