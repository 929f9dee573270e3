package table

import (
	"fmt"
	"testing"

	"github.com/mentormatch/mentormatch"
)

func TestSmoke(t *testing.T) {
	for _, fs := range [][]File{
		{{Path: "../../example/people.csv"}},
		{{Path: "../../testdata/hr-export.xlsx"}},
		{{Path: "../../testdata/hr-mentees-semicolon-bom.csv", Role: mentormatch.RoleMentee}, {Path: "../../testdata/hr-mentors.csv", Role: mentormatch.RoleMentor}},
		{{Path: "../../testdata/broken/people-bad.csv"}},
	} {
		p, err := ReadProgram(Options{}, fs...)
		fmt.Println(err)
		if p != nil {
			fmt.Println(len(p.People), len(p.Mentees), len(p.Mentors), p.Warnings)
			fmt.Printf("%+v\n", p.People[0])
			fmt.Printf("%+v\n", p.People[len(p.People)-1])
		}
	}
}

func TestSmokeMatrix(t *testing.T) {
	for _, p := range []string{"/tmp/m1.csv", "/tmp/m2.csv", "/tmp/m3.csv"} {
		m, err := ReadMatrix(p, "")
		if m != nil { fmt.Printf("%+v\n", *m) }; fmt.Println(err)
	}
}
