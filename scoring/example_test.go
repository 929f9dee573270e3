package scoring_test

import (
	"fmt"
	"path/filepath"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/roster"
	"github.com/mentormatch/mentormatch/scoring"
)

// A hard quota on the example program of testdata/criteria: at least half
// the pairs across departments. The plain optimum has 2 cross-department
// pairs of 12; enforced, the roster has exactly 6, and the Lagrangian
// bound proves that no roster with 6 or more has a higher total.
func ExampleScorer_SolveQuota() {
	dir := filepath.Join("..", "testdata", "criteria")
	cfg, err := mentormatch.LoadConfig(filepath.Join(dir, "cross-department.yaml"))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := table.ReadProgram(table.Options{Levels: cfg.Levels}, table.File{Path: filepath.Join(dir, "people.csv")})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := scoring.New(p, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, err := s.SolveQuota(s.Matrix(), roster.Capacities(p))
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, j := range sol.RowCol {
		if s.Meets(i, j, "cross-department") {
			fmt.Printf("%s (%s) – %s (%s)\n", p.Mentee(i).ID, p.Mentee(i).Department, p.Mentor(j).ID, p.Mentor(j).Department)
		}
	}
	fmt.Printf("total %.2f, bound %.2f, bonus %.2f per pair, %d solves\n", sol.Total, sol.Bound, sol.Bonus, sol.Solves)
	for _, q := range s.QuotaResults(sol.RowCol, sol) {
		fmt.Printf("%s: %d of %d (%.2f%%), reached %v\n%s\n", q.Target, q.Meeting, q.Matched, q.Percent, q.Reached, q.Note)
	}
	// Output:
	// E01 (Platform) – M05 (Web)
	// E03 (Platform) – M05 (Web)
	// E08 (Data) – M06 (Web)
	// E10 (Web) – M03 (Data)
	// E11 (Web) – M01 (Platform)
	// E12 (Web) – M01 (Platform)
	// total 773.32, bound 773.32, bonus 21.42 per pair, 3 solves
	// at least 50% of pairs meet cross-department: 6 of 12 (50.00%), reached true
	// enforced; the roster is proven optimal under it (Lagrangian bound reached, 21.42 points per counted pair, 3 solves)
}
