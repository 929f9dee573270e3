package roster_test

import (
	"fmt"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/roster"
)

// people is a small program as an HR export might hold it: one file,
// a role column, skills and goals in the cells.
const people = `id,name,role,level,department,skills,wants,capacity
M1,Ada Park,mentor,staff,Platform,go:5; kubernetes:4,,2
M2,Ben Ruiz,mentor,senior,Data,sql:5; python:4,,1
E1,Cai Lin,mentee,junior,Data,go:1,go; kubernetes,
E2,Dee Moss,mentee,junior,Platform,sql:1,sql; python,
E3,Eli Shah,mentee,mid,Sales,,go,
`

// Reading a program and matching it: every mentee gets the mentor with
// whom the program's total is highest, and the roster says why.
func ExampleMatch() {
	p, err := table.ReadProgram(table.Options{}, table.File{Path: "people.csv", Data: []byte(people)})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := roster.Match(p, mentormatch.DefaultConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range res.Roster.Matches {
		fmt.Printf("%s → %s (%.1f): %s\n", m.MenteeID, m.MentorID, m.Score, m.Reason)
	}
	fmt.Println("matched", res.Roster.Summary.Matched, "of", res.Roster.Summary.Mentees)
	// Output:
	// E1 → M1 (70.5): covers go 5 vs 1, kubernetes 4 vs 0; level 5 vs 2
	// E2 → M2 (72.5): covers sql 5 vs 1, python 4 vs 0; level 4 vs 2
	// E3 → M1 (72.5): covers go 5 vs 0; level 5 vs 3
	// matched 3 of 3
}
