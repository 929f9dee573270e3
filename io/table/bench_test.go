package table

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// peopleWorkbook is an HR-export-shaped workbook of n people, a third of
// them mentors, with the columns a real export fills.
func peopleWorkbook(b *testing.B, n int) []byte {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	head := []any{"Employee ID", "Full Name", "Work Email", "Role", "Job Level", "Team", "Reports To", "Time Zone", "Available", "Skill: Go", "Skill: SQL", "Wants to learn", "Max Mentees"}
	if err := sw.SetRow("A1", head); err != nil {
		b.Fatal(err)
	}
	zones := []string{"Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC+05:30"}
	for i := range n {
		role, capacity := "mentee", ""
		if i%3 == 0 {
			role, capacity = "mentor", "2"
		}
		row := []any{
			fmt.Sprintf("E%06d", i), fmt.Sprintf("Person Number %d", i), fmt.Sprintf("p%d@acme.example", i),
			role, []string{"junior", "mid", "senior", "staff"}[i%4], []string{"Platform", "Data", "Sales"}[i%3],
			"", zones[i%len(zones)], "Mon 09:00-11:00; Wed 14:00-15:30", i % 6, (i / 7) % 6, "go; sql", capacity,
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkReadPeopleXLSX reads HR workbooks of 1,000 and 10,000 people
// through the streaming sheet reader: the reason that reader exists is
// that excelize's own holds every cell of a large export in memory.
func BenchmarkReadPeopleXLSX(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		data := peopleWorkbook(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				p, err := ReadProgram(Options{}, File{Path: "people.xlsx", Data: data})
				if err != nil {
					b.Fatal(err)
				}
				if len(p.Mentees)+len(p.Mentors) != n {
					b.Fatalf("read %d people of %d", len(p.Mentees)+len(p.Mentors), n)
				}
			}
		})
	}
}
