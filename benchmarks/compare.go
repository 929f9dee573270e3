package benchmarks

import (
	"fmt"
	"io"
	"math"
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

// Reps is how many times Compare runs a case on each side: a run of a few
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

// Row is one line of a comparison.
type Row struct {
	Case     Case
	Ours     float64     // seconds, best of the repetitions
	Total    float64     // our optimal total
	Assigned int         // rows we assign
	Peer     *PeerResult // SciPy's answer; nil without a peer
}

// Agree reports whether SciPy found the same optimum.
func (r Row) Agree() bool {
	return r.Peer != nil && r.Peer.Error == "" && r.Peer.Assigned == r.Assigned &&
		math.Abs(r.Peer.Total-r.Total) <= 1e-6*math.Max(1, math.Abs(r.Total))
}

// Ratio is our time over SciPy's, NaN without a peer.
func (r Row) Ratio() float64 {
	if r.Peer == nil || r.Peer.Error != "" {
		return math.NaN()
	}
	return r.Ours / r.Peer.Seconds
}

// Compare solves each case with matching.SolveData, timed in process
// around the call, and, when peer is not nil, with SciPy on the same
// matrix, timed the same way in its process. Each side runs reps(case)
// times and keeps its best time (Reps is the usual choice). Rows are written
// to w as a Markdown table as they finish.
func Compare(w io.Writer, cases []Case, peer *Peer, reps func(Case) int) ([]Row, error) {
	fmt.Fprintf(w, "| case | ours (s) | SciPy (s) | ours/SciPy | total | same optimum |\n|---|---:|---:|---:|---:|---|\n")
	var rows []Row
	for _, c := range cases {
		data := c.Data()
		row := Row{Case: c, Ours: math.Inf(1)}
		reps := reps(c)
		for range reps {
			runtime.GC()
			t := time.Now()
			res, err := matching.SolveData(c.Rows, c.Cols, data, c.Options())
			el := time.Since(t).Seconds()
			if err != nil {
				return rows, fmt.Errorf("%s: %w", c.Name(), err)
			}
			row.Ours = math.Min(row.Ours, el)
			row.Total, row.Assigned = res.Total, res.Assigned
		}
		peerTime, ratio, same := "–", "–", "–"
		if peer != nil {
			pr, err := peer.Solve(c, data, reps)
			if err != nil {
				return rows, fmt.Errorf("%s: scipy: %w", c.Name(), err)
			}
			row.Peer = &pr
			switch {
			case pr.Error != "":
				peerTime = pr.Error
			default:
				peerTime = fmt.Sprintf("%.4f", pr.Seconds)
				ratio = fmt.Sprintf("%.2f", row.Ratio())
				same = fmt.Sprint(row.Agree())
			}
		}
		fmt.Fprintf(w, "| %s | %.4f | %s | %s | %g | %s |\n", c.Name(), row.Ours, peerTime, ratio, row.Total, same)
		rows = append(rows, row)
	}
	return rows, nil
}
