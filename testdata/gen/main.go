//go:build ignore

// Command gen writes the HR-export-shaped fixtures in testdata/: the
// workbook hr-export.xlsx and the same people as hr-mentees-semicolon-bom.csv
// and hr-mentors.csv, plus broken/people-bad.csv. Run it from the repository
// root after changing the people below, and commit the outputs:
//
//	go run testdata/gen/main.go
package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"

	"github.com/xuri/excelize/v2"
)

const title = "Acme Corp — Mentoring Program Q1"

var menteeHeaders = []string{
	"Employee ID", "First Name", "Last Name", "Work Email", "Job Level", "Team", "Reports To", "Time Zone",
	"Available", "Skill: Kubernetes", "Skill: Go", "Skill: Incident Response", "Learning Goals", "Career Goals", "Language",
}

var mentorHeaders = []string{
	"Employee ID", "First Name", "Last Name", "Work Email", "Job Level", "Team", "Reports To", "Time Zone",
	"Available", "Skill: Kubernetes", "Skill: Go", "Skill: Incident Response", "Can Help With", "Max Mentees", "Mentor Kind", "Language",
}

// Skill cells are numbers or "" (not assessed); Max Mentees is a number.
var mentors = [][]string{
	{"A2001", "Ingrid", "Halvorsen", "ingrid.halvorsen@acme.example", "Staff", "Platform", "", "Europe/Berlin", "Tue 10:00-12:00; Thu 14:00-15:00", "5", "5", "4", "architecture; people management", "0", "Senior", "en; de"},
	{"A2002", "Marcus", "Bell", "marcus.bell@acme.example", "Staff", "SRE", "", "America/New_York", "Mon 11:00-12:00; Wed 15:00-16:30", "4", "3", "5", "public speaking; career growth", "0", "Senior", "en"},
	{"A2003", "Sunita", "Rao", "sunita.rao@acme.example", "Senior", "Platform", "A2001", "Asia/Kolkata", "Mon 14:00-15:30; Wed 10:00-11:00", "5", "4", "3", "tech lead; architecture", "2", "Primary", "en; hi"},
	{"A2004", "Tobias", "Keller", "tobias.keller@acme.example", "Senior", "Platform", "A2001", "Europe/Berlin", "Tue 13:00-14:30; Fri 09:00-10:00", "4", "5", "2", "architecture; promotion", "3", "Primary", "de; en"},
	{"A2005", "Grace", "Adeyemi", "grace.adeyemi@acme.example", "Staff", "SRE", "A2002", "Europe/London", "Mon 09:00-10:30; Thu 13:00-14:00", "4", "2", "5", "people management; tech lead", "3", "Primary", "en"},
	{"A2006", "Diego", "Martins", "diego.martins@acme.example", "Senior", "Payments", "", "America/Sao_Paulo", "Wed 09:00-10:00; Fri 14:00-15:30", "2", "4", "3", "career growth; public speaking", "2", "Primary", "pt; en"},
	{"A2007", "Hannah", "Cole", "hannah.cole@acme.example", "Senior", "SRE", "A2002", "America/Chicago", "Tue 09:00-10:00; Thu 10:00-11:30", "3", "3", "4", "promotion; career growth", "2", "Primary", "en; es"},
	{"A2008", "Kai", "Tanaka", "kai.tanaka@acme.example", "Staff", "Payments", "A2006", "Australia/Sydney", "Mon 08:30-10:00; Wed 16:00-17:00", "3", "5", "2", "architecture; tech lead", "1", "Primary", "en; ja"},
}

var mentees = [][]string{
	{"A3001", "Lena", "Vogel", "lena.vogel@acme.example", "Junior", "Platform", "A2003", "Europe/Berlin", "Tue 10:00-11:00; Thu 14:00-15:30", "1", "2", "0", "kubernetes; incident response", "tech lead", "de; en"},
	{"A3002", "Ravi", "Menon", "ravi.menon@acme.example", "Mid", "Platform", "A2003", "UTC+05:30", "Mon 14:00-15:00", "2", "3", "1", "kubernetes; go", "architecture; promotion", "en; hi"},
	{"A3003", "Chloe", "Martin", "chloe.martin@acme.example", "Junior", "SRE", "A2005", "Europe/London", "Mon 09:00-10:00; Thu 13:00-14:00", "1", "1", "1", "incident response; kubernetes", "career growth", "en"},
	{"A3004", "Jamal", "Wright", "jamal.wright@acme.example", "Mid", "SRE", "A2007", "America/New_York", "Wed 15:00-16:00", "2", "", "2", "incident response", "public speaking", "en"},
	{"A3005", "Sofia", "Almeida", "sofia.almeida@acme.example", "Junior", "Payments", "A2006", "America/Sao_Paulo", "Wed 09:00-10:00; Fri 14:00-15:00", "0", "2", "1", "go; kubernetes", "career growth", "pt"},
	{"A3006", "Noah", "Fischer", "noah.fischer@acme.example", "Mid", "Platform", "A2004", "Europe/Berlin", "Tue 13:00-14:00; Fri 09:00-10:00", "3", "2", "1", "go; incident response", "tech lead", "de; en"},
	{"A3007", "Aisha", "Bello", "aisha.bello@acme.example", "Junior", "SRE", "A2005", "Europe/London", "Thu 13:00-14:00", "1", "0", "2", "go; kubernetes; incident response", "people management", "en"},
	{"A3008", "Ethan", "Park", "ethan.park@acme.example", "Mid", "Payments", "A2008", "Australia/Sydney", "Mon 08:30-09:30; Wed 16:00-17:00", "1", "3", "0", "kubernetes; incident response", "architecture", "en"},
	{"A3009", "Mia", "Schulz", "mia.schulz@acme.example", "Senior", "Platform", "A2004", "Europe/Berlin", "Tue 13:30-14:30", "3", "4", "2", "incident response; kubernetes", "people management; tech lead", "de"},
	{"A3010", "Arjun", "Shah", "arjun.shah@acme.example", "Junior", "Platform", "A2003", "Asia/Kolkata", "Mon 14:00-15:30; Wed 10:00-11:00", "0", "1", "0", "kubernetes; go", "promotion", "en; hi"},
	{"A3011", "Olivia", "Grant", "olivia.grant@acme.example", "Mid", "SRE", "A2007", "America/Chicago", "Tue 09:00-10:00", "2", "1", "3", "go; kubernetes", "tech lead", "en"},
	{"A3012", "Lucas", "Ferreira", "lucas.ferreira@acme.example", "Mid", "Payments", "A2006", "America/Sao_Paulo", "Fri 14:00-15:30", "1", "3", "1", "kubernetes; incident response", "architecture", "pt; en"},
	{"A3013", "Emma", "Lewis", "emma.lewis@acme.example", "Junior", "SRE", "A2005", "America/New_York", "Mon 11:00-12:00; Wed 15:00-16:00", "0", "1", "1", "incident response; go", "public speaking; career growth", "en"},
	{"A3014", "Yuki", "Mori", "yuki.mori@acme.example", "Mid", "Payments", "A2008", "Australia/Sydney", "Wed 16:00-17:00", "2", "2", "1", "go; incident response", "promotion", "ja; en"},
	{"A3015", "Felix", "Braun", "felix.braun@acme.example", "Junior", "Platform", "A2004", "Europe/Berlin", "Thu 14:00-15:00", "1", "1", "0", "kubernetes; go; incident response", "career growth", "de"},
	{"A3016", "Zara", "Hussain", "zara.hussain@acme.example", "Mid", "SRE", "A2007", "Europe/London", "Mon 09:00-10:30", "3", "1", "2", "go; incident response", "tech lead; architecture", "en"},
	{"A3017", "Daniel", "Costa", "daniel.costa@acme.example", "Senior", "Payments", "A2006", "America/New_York", "Wed 09:00-10:00", "2", "4", "2", "kubernetes; incident response", "people management", "en; pt"},
	{"A3018", "Priya", "Desai", "priya.desai@acme.example", "Junior", "Platform", "A2003", "Asia/Kolkata", "Wed 10:00-11:00", "0", "2", "0", "incident response; kubernetes", "public speaking", "en; hi"},
	{"A3019", "Samuel", "Okoye", "samuel.okoye@acme.example", "Mid", "SRE", "A2005", "Europe/London", "Thu 13:00-14:00; Fri 10:00-11:00", "2", "2", "3", "kubernetes; go", "promotion", "en"},
	{"A3020", "Clara", "Jensen", "clara.jensen@acme.example", "Junior", "Payments", "A2008", "Europe/Berlin", "Tue 10:00-11:00", "1", "2", "1", "go; kubernetes", "career growth; tech lead", "en; de"},
}

// numeric says which columns a spreadsheet would hold as numbers.
func numeric(header string) bool {
	switch header {
	case "Skill: Kubernetes", "Skill: Go", "Skill: Incident Response", "Max Mentees":
		return true
	}
	return false
}

func main() {
	log.SetFlags(0)
	must(writeWorkbook("testdata/hr-export.xlsx"))
	must(writeCSV("testdata/hr-mentees-semicolon-bom.csv", ';', true, true, menteeHeaders, mentees, "Exported 2026-11-01"))
	must(writeCSV("testdata/hr-mentors.csv", ',', false, false, mentorHeaders, mentors, ""))
	must(os.MkdirAll("testdata/broken", 0o755))
	must(os.WriteFile("testdata/broken/people-bad.csv", []byte(badPeople), 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func writeWorkbook(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Mentees"); err != nil {
		return err
	}
	if _, err := f.NewSheet("Mentors"); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	for _, s := range []struct {
		sheet, subtitle string
		headers         []string
		rows            [][]string
	}{
		{"Mentees", "Exported 2026-11-01", menteeHeaders, mentees},
		{"Mentors", "", mentorHeaders, mentors},
	} {
		must(f.SetCellStr(s.sheet, "A1", title))
		must(f.SetCellStyle(s.sheet, "A1", "A1", titleStyle))
		if s.subtitle != "" {
			must(f.SetCellStr(s.sheet, "A2", s.subtitle))
		}
		for c, h := range s.headers {
			cell, _ := excelize.CoordinatesToCellName(c+1, 3)
			must(f.SetCellStr(s.sheet, cell, h))
		}
		last, _ := excelize.CoordinatesToCellName(len(s.headers), 3)
		must(f.SetCellStyle(s.sheet, "A3", last, bold))
		for r, row := range s.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+4)
				switch n, err := strconv.Atoi(v); {
				case v == "":
				case numeric(s.headers[c]) && err == nil:
					must(f.SetCellInt(s.sheet, cell, int64(n)))
				default:
					must(f.SetCellStr(s.sheet, cell, v))
				}
			}
		}
		must(f.SetColWidth(s.sheet, "A", "P", 16))
	}
	must(f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "Acme HRIS", Created: "2026-11-01T08:00:00Z", Modified: "2026-11-01T08:00:00Z",
	}))
	if err := f.SaveAs(path); err != nil {
		return err
	}
	return os.Chmod(path, 0o644)
}

// writeCSV writes the table, after the two title rows when titles is set;
// title rows are padded to the header width, as spreadsheets export them.
func writeCSV(path string, comma rune, bom, titles bool, headers []string, rows [][]string, subtitle string) error {
	var b bytes.Buffer
	if bom {
		b.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&b)
	w.Comma = comma
	w.UseCRLF = comma == ';'
	pad := func(first string) []string {
		r := make([]string, len(headers))
		r[0] = first
		return r
	}
	if titles {
		must(w.Write(pad(title)))
		must(w.Write(pad(subtitle)))
	}
	must(w.Write(headers))
	must(w.WriteAll(rows))
	if err := w.Error(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(filepath.FromSlash(path), b.Bytes(), 0o644)
}

// Each data row but the first two carries exactly one mistake; the row
// numbers below are as a spreadsheet shows them (header = row 1).
const badPeople = `id,name,email,role,mentor_type,level,department,manager_id,timezone,availability,skills,wants,goals,offers,capacity,languages,prefers,avoid
B100,Rita Moreno,rita.moreno@example.com,mentor,primary,6,Platform,,Europe/Berlin,Mon 09:00-10:00,go:5; kubernetes:4,,,tech lead,2,en,,
B101,Oskar Lind,oskar.lind@example.com,mentee,,2,Platform,B100,Europe/London,Mon 09:00-10:00,go:1,go,tech lead,,,en,,
B101,Oskar Lind Again,oskar.lind2@example.com,mentee,,2,Platform,B100,Europe/London,Tue 09:00-10:00,go:1,go,tech lead,,,en,,
B102,Mina Cho,mina.cho@example.com,mentee,,3,Data,,Mars/Olympus,Wed 10:00-11:00,python:2,python,architecture,,,en,,
B103,Leo Dubois,leo.dubois@example.com,mentee,,2,Data
B104,Nora Quist,nora.quist@example.com,mentor,primary,7,Data,,Europe/Berlin,Thu 13:00-14:00,python:5,,,architecture,three,en,,
B105,Pavel Horak,pavel.horak@example.com,boss,,8,Data,,Europe/Berlin,Fri 09:00-10:00,sql:5,,,people management,1,en,,
B106,Ana Ruiz,ana.ruiz@example.com,mentee,,1,Platform,B100,Europe/Madrid,Funday 9-5,go:0,go,career growth,,,es; en,,
`
