package report_test

import (
	"fmt"
	"os"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/roster"
)

// Writing a roster: the CSV a mail merge or an HRIS import takes, one row
// a pair. WriteRoster picks the format from the file name (.xlsx, .csv,
// .json) and writes through a temporary file, so a reader never sees half
// a roster.
func ExampleEncodeRosterCSV() {
	const people = `id,name,role,skills,wants,capacity
M1,Ada Park,mentor,go:5,,1
E1,Cai Lin,mentee,go:1,go,
E2,Dee Moss,mentee,,go,
`
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
	if err := report.EncodeRosterCSV(os.Stdout, res.Roster); err != nil {
		fmt.Println(err)
	}
	// Output:
	// mentee_id,mentee_name,mentor_id,mentor_name,score,skills,availability,goals,level,prefers,reason
	// E1,Cai Lin,M1,Ada Park,67.5,40,12.5,10,5,0,covers go 5 vs 1
	// E2,Dee Moss,,,,,,,,,the only mentor who could take them is full: M1
}
