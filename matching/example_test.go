package matching_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/mentormatch/mentormatch/matching"
)

// Three mentees, two mentors with two places each, scores to maximise; the
// NaN forbids mentee 2 with mentor 1 (a management chain, say).
func ExampleSolve() {
	scores := mat.NewDense(3, 2, []float64{
		80, 60,
		math.NaN(), 70,
		75, 90,
	})
	res, err := matching.Solve(scores, matching.Options{Maximize: true, Capacity: []int{2, 2}})
	if err != nil {
		panic(err)
	}
	fmt.Println("mentor of each mentee:", res.RowCol)
	fmt.Println("assigned:", res.Assigned, "total:", res.Total)
	fmt.Println("proven optimal:", matching.Certify(scores, matching.Options{Maximize: true, Capacity: []int{2, 2}}, res) == nil)
	// Output:
	// mentor of each mentee: [0 1 1]
	// assigned: 3 total: 240
	// proven optimal: true
}

// With one place per mentor, one of three mentees stays unassigned; the
// solver first assigns as many as it can, then minimises the cost.
func ExampleSolveData_rectangular() {
	cost := []float64{
		4, 1,
		2, 8,
		3, 3,
	}
	res, err := matching.SolveData(3, 2, cost, matching.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.RowCol, res.Total)
	// Output:
	// [1 0 -1] 3
}

// What would forcing mentee 0 onto mentor 0 cost the program? One
// shortest path search on the duals of the optimum answers it.
func ExampleForceData() {
	scores := []float64{
		9, 8,
		7, 1,
	}
	opt := matching.Options{Maximize: true}
	res, _ := matching.SolveData(2, 2, scores, opt)
	f, err := matching.ForceData(2, 2, scores, opt, res, 0, 0)
	if err != nil {
		panic(err)
	}
	fmt.Println("optimum:", res.Total, "with the pair forced:", f.Total)
	// Output:
	// optimum: 15 with the pair forced: 10
}

// A problem given as a function instead of a matrix: cells are computed on
// demand and the answer is checked against every pair. Here each of the
// 1000 mentees can get a score of 49 within the mentors' places.
func ExampleSolveSparse() {
	const rows, cols = 1000, 100
	cell := func(i, j int) float64 { return float64((i*7 + j*13) % 50) }
	caps := make([]int, cols)
	for j := range caps {
		caps[j] = 10
	}
	res, err := matching.SolveSparse(rows, cols, cell, matching.SparseOptions{Options: matching.Options{Maximize: true, Capacity: caps}})
	if err != nil {
		panic(err)
	}
	fmt.Println("assigned:", res.Assigned, "total:", res.Total)
	// Output:
	// assigned: 1000 total: 49000
}
