package table

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

// Fuzz targets for every parser in the package, seeded from the fixtures.
// CI runs each for a few seconds (.ci/run); an input that once failed is
// kept under testdata/fuzz/NAME and replayed by every plain go test.

// seedFiles adds every fixture matching the patterns to the corpus.
func seedFiles(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		names, err := filepath.Glob(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				f.Fatal(err)
			}
			if len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
}

// checkRead holds for every read of people: the error is Problems naming
// the file, or the people are complete and consistent; and reading is
// deterministic.
func checkRead(t *testing.T, path string, read func() (*mentormatch.Program, error)) {
	p, err := read()
	if err != nil {
		var ps mentormatch.Problems
		if !errors.As(err, &ps) || !errors.Is(err, mentormatch.ErrInput) || len(ps) == 0 {
			t.Fatalf("error is not Problems: %T %v", err, err)
		}
		if len(ps) > 2*MaxProblems+50 {
			t.Fatalf("%d problems: the cap did not hold", len(ps))
		}
		for _, pr := range ps {
			if pr.File != path || pr.Row < 0 || pr.Message == "" {
				t.Fatalf("badly located problem %+v", pr)
			}
		}
	} else {
		seen := map[string]bool{}
		for _, q := range p.People {
			if q.ID == "" || q.Name == "" || seen[q.ID] || q.Location == nil || q.Role == 0 {
				t.Fatalf("incomplete person %+v", q)
			}
			seen[q.ID] = true
			if q.Capacity < 0 || q.Level < 0 || q.Level > 9 {
				t.Fatalf("out of range: %+v", q)
			}
			for _, s := range q.Skills {
				if s.Level < 0 || s.Level > 5 || s.Name == "" {
					t.Fatalf("bad skill %+v", s)
				}
			}
		}
		if len(p.Mentees)+len(p.Mentors) < len(p.People) {
			t.Fatalf("someone is neither mentee nor mentor")
		}
	}
	p2, err2 := read()
	if fmt.Sprint(err) != fmt.Sprint(err2) || !reflect.DeepEqual(p, p2) {
		t.Fatalf("two reads differ")
	}
}

func FuzzReadPeopleCSV(f *testing.F) {
	seedFiles(f, "testdata/*.csv", "testdata/*.tsv", "../../testdata/*.csv", "../../testdata/bad/*.csv", "../../example/people.csv")
	f.Add([]byte("id,name,role\nA,\"B\nC\",mentee\n"))
	f.Add([]byte("x,Jos\xe9\nRen\xe9,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "f.csv", func() (*mentormatch.Program, error) {
			return ReadProgram(Options{}, File{Path: "f.csv", Data: data})
		})
	})
}

// FuzzReadPeopleXLSX writes the fuzzer's text as a workbook, rows split at
// line breaks and cells at tabs, with the first line naming the sheet, and
// reads it back.
func FuzzReadPeopleXLSX(f *testing.F) {
	f.Add("Mentees\nid\tname\tlevel\tskill: go\nE1\tEve\tjunior\t3\n\nE2\tEd\t4\t")
	f.Add("People\nTitle\nid\tname\trole\tavailability\nA\tAl\tmentor\tMon 9-5\nB\tBo\tboth\tTue 10:00-11:00")
	f.Add("Sheet1\n\t\t\nid\tname\trole\tcapacity\tavoid\nA\tAl\tmentor\t-1\tB\nB\tBo\tmentee\t\tA")
	f.Fuzz(func(t *testing.T, text string) {
		name, body, _ := strings.Cut(text, "\n")
		wb := excelize.NewFile()
		// XML 1.0 cannot carry control characters; excelize writes them
		// anyway, and a spreadsheet program never makes such a name.
		if !strings.ContainsFunc(name, unicode.IsControl) {
			_ = wb.SetSheetName("Sheet1", name) // an invalid name keeps Sheet1
		}
		name = wb.GetSheetName(0)
		// Keep each run short: a workbook is slow to build.
		if strings.Count(body, "\n") > 50 || strings.Count(body, "\t") > 500 {
			return
		}
		lines := strings.Split(body, "\n")
		for i, line := range lines {
			cells := strings.Split(line, "\t")
			row := make([]any, len(cells))
			for j, c := range cells {
				row[j] = c
			}
			if wb.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &row) != nil {
				return
			}
		}
		var buf bytes.Buffer
		if err := wb.Write(&buf); err != nil {
			return
		}
		checkRead(t, "f.xlsx", func() (*mentormatch.Program, error) {
			return ReadProgram(Options{}, File{Path: "f.xlsx", Data: buf.Bytes()})
		})
		// The streaming reader sees the cells excelize wrote.
		tables, ps := readXLSX("f.xlsx", buf.Bytes(), name, false)
		back, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil || len(ps) > 0 || len(tables) != 1 {
			t.Fatalf("reading back: %v %v", err, ps)
		}
		defer back.Close()
		want, err := back.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int][]string{}
		for i, r := range tables[0].Rows {
			got[tables[0].Lines[i]] = r
		}
		for i, r := range want {
			for len(r) > 0 && strings.TrimSpace(r[len(r)-1]) == "" {
				r = r[:len(r)-1]
			}
			if len(r) > 0 && !reflect.DeepEqual(r, got[i+1]) {
				t.Fatalf("row %d: excelize reads %q, we read %q", i+1, r, got[i+1])
			}
		}
	})
}

// FuzzSheetXML feeds the streaming reader sheet XML and shared strings of
// any shape; rows come out in order, within the limits, as valid text.
func FuzzSheetXML(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>a&amp;b</t></r><rPh><t>x</t></rPh></is></c></row><row r="3"><c><v>1E-3</v></c></row>`, `<si><t>id</t></si>`)
	f.Add(`<x:row><x:c t="b"><x:v>1</x:v></x:c></x:row><!-- c --><row r="2"/><row><c r="XFD2"><v>1</v></c></row>`, `<si/><si><t><![CDATA[<]]></t></si>`)
	f.Add(`<row r="2"><c r="B2" t="s"><v>1</v></c></row><row r="1"/>`, `<si><t>_x000D_</t></si>`)
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		data := rawBook(t, "", sheet, sst)
		tables, _ := readXLSX("f.xlsx", data, "", false)
		for _, tb := range tables {
			for i, r := range tb.Rows {
				if i > 0 && tb.Lines[i] <= tb.Lines[i-1] || tb.Lines[i] < 1 || tb.Lines[i] > xlsxMaxRows || len(r) > MaxColumns {
					t.Fatalf("row %d at line %d with %d cells", i, tb.Lines[i], len(r))
				}
				for _, c := range r {
					if len(c) > MaxCellBytes || !utf8.ValidString(c) && utf8.ValidString(sheet+sst) {
						t.Fatalf("cell %q", c)
					}
				}
			}
		}
	})
}

// FuzzReadPeopleBytes feeds raw bytes named .xlsx: damaged archives,
// archives that are not workbooks, anything.
func FuzzReadPeopleBytes(f *testing.F) {
	seedFiles(f, "../../testdata/*.xlsx", "testdata/*.xls*", "../../testdata/bad/*.xls*")
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "f.xlsx", func() (*mentormatch.Program, error) {
			return ReadProgram(Options{}, File{Path: "f.xlsx", Data: data})
		})
	})
}

func FuzzMapHeader(f *testing.F) {
	f.Add("Employee ID,First Name,Last Name,Work Email,Skill: Go,Skill: Go,Manager,Reports To")
	f.Add("\ufeffid;name;role")
	f.Add("id,skills:,skill: ,Skill:Kubernetes,,x,x")
	f.Fuzz(func(t *testing.T, text string) {
		row := strings.Split(text, ",")
		h := mapHeader(row)
		known := 0
		for fld := field(1); fld < numFields; fld++ {
			if c := h.col(fld); c != nil {
				known++
				if c.field != fld || c.index >= len(row) {
					t.Fatalf("field %d maps to %+v", fld, c)
				}
			}
		}
		if h.has(fSkill) {
			known-- // counted once through the skill columns below
		}
		skills := false
		keys := map[string]bool{}
		for i, c := range h.cols {
			if i > 0 && c.index <= h.cols[i-1].index {
				t.Fatalf("columns out of order: %+v", h.cols)
			}
			switch c.field {
			case fSkill:
				skills = true
				if c.skill == "" || c.skill != normName(c.skill) {
					t.Fatalf("skill column %+v", c)
				}
			case fExtra:
				if keys[c.key] {
					t.Fatalf("two extra columns share the key %q", c.key)
				}
				keys[c.key] = true
			}
		}
		if skills {
			known++
		}
		if known != h.known {
			t.Fatalf("known = %d, counted %d", h.known, known)
		}
	})
}

// formatSlots writes slots the way a person would, to parse them again.
func formatSlots(slots []mentormatch.Slot) string {
	parts := make([]string, len(slots))
	for i, s := range slots {
		end := fmt.Sprintf("%02d:%02d", s.End/60, s.End%60)
		if s.End > 0 && s.End < s.Start && s.Start < 13*60 {
			// Past midnight from the morning: 24-hour "02:00" would be
			// read as the afternoon, so say am.
			h := s.End / 60 % 12
			if h == 0 {
				h = 12
			}
			end = fmt.Sprintf("%d:%02d%s", h, s.End%60, map[bool]string{true: "am", false: "pm"}[s.End < 12*60])
		}
		parts[i] = fmt.Sprintf("%s %02d:%02d-%s", s.Day.String()[:3], s.Start/60, s.Start%60, end)
	}
	return strings.Join(parts, "; ")
}

func FuzzParseAvailability(f *testing.F) {
	for _, s := range []string{"Mon 09:00-11:00; Wed 14:00-15:30", "Mon-Fri 9am-5pm", "weekdays 9-17, 18-19", "Sat 22:00-02:00",
		"Mon/Wed 0930-1030", "Tue 8:00 to 9:30\nThu 24:00-1", "Funday 9-5", "Mon 25:00-26:00", "daily 12.00-13.00",
		"We0010-0", // found by fuzzing: a slot that ends at midnight has End 0
		"Mon-Fri 9-5", "weekdays 9:00-5:00", "Tue 1-5pm", "Wed 10am-2am", "Thu 11-1", "Fri 12:45-12:30", "Sat 10pm-1am"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slots, guessed, err := parseAvailability(s)
		if err != nil {
			if slots != nil || guessed != nil || err.Error() == "" {
				t.Fatalf("slots with an error")
			}
			return
		}
		if plain, err := ParseAvailability(s); err != nil || !reflect.DeepEqual(plain, slots) {
			t.Fatalf("ParseAvailability(%q) = %v, %v; want %v", s, plain, err, slots)
		}
		for _, sl := range slots {
			if sl.Day < time.Sunday || sl.Day > time.Saturday || sl.Start < 0 || sl.Start >= 24*60 || sl.End < 0 || sl.End > 24*60 || sl.Start == sl.End {
				t.Fatalf("bad slot %+v from %q", sl, s)
			}
		}
		// A cell without am or pm never runs from the morning past
		// midnight: that reading is the afternoon.
		if l := strings.ToLower(s); !strings.Contains(l, "am") && !strings.Contains(l, "pm") && !strings.Contains(l, "a.m") && !strings.Contains(l, "p.m") {
			for _, sl := range slots {
				if sl.End > 0 && sl.End < sl.Start && sl.Start < 13*60 && sl.End <= 12*60 {
					t.Fatalf("%q: slot %+v runs from the morning past midnight", s, sl)
				}
			}
		}
		again, err := ParseAvailability(formatSlots(slots))
		if err != nil || !reflect.DeepEqual(again, slots) {
			t.Fatalf("%q: %v, then %v (%v)", s, slots, again, err)
		}
	})
}

func FuzzParseSkills(f *testing.F) {
	for _, s := range []string{"go:4; kubernetes:2; incident response", "Go=5, SQL", "a:b:3", "go:6", ":3", "go:4.0;go:2", "x:-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		skills, err := ParseSkills(s)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		parts := make([]string, len(skills))
		roundTrip := true
		for i, sk := range skills {
			if sk.Name == "" || sk.Name != normName(sk.Name) || seen[sk.Name] || sk.Level < 0 || sk.Level > 5 {
				t.Fatalf("bad skill %+v from %q", sk, s)
			}
			seen[sk.Name] = true
			parts[i] = fmt.Sprintf("%s:%d", sk.Name, sk.Level)
			roundTrip = roundTrip && !strings.ContainsAny(sk.Name, ";,\n")
		}
		if !roundTrip {
			return
		}
		again, err := ParseSkills(strings.Join(parts, "; "))
		if err != nil || !reflect.DeepEqual(again, skills) {
			t.Fatalf("%q: %v, then %v (%v)", s, skills, again, err)
		}
	})
}

func FuzzParseTimeZone(f *testing.F) {
	for _, s := range []string{"Europe/Berlin", "america/new_york", "UTC+05:30", "GMT-3", "Z", "", "Mars/Olympus", "UTC+14:01", "../../etc/passwd", "Local",
		"UTC+000", "GMT-00:00"} { // "UTC+000" found by fuzzing
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		loc, name, err := ParseTimeZone(s)
		if err != nil {
			return
		}
		if loc == nil || strings.TrimSpace(s) != "" && name == "" {
			t.Fatalf("%q: zone %v, name %q", s, loc, name)
		}
		if name == "" {
			return
		}
		// The name kept reads back as itself, the same zone.
		loc2, name2, err := ParseTimeZone(name)
		at := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
		if err != nil || name2 != name || at.In(loc).Format(time.RFC3339) != at.In(loc2).Format(time.RFC3339) {
			t.Fatalf("%q gives %q, which gives %q (%v)", s, name, name2, err)
		}
	})
}

func FuzzReadMatrix(f *testing.F) {
	seedFiles(f, "testdata/matrix-*")
	f.Add([]byte(",M1,M2\nE1,1,\nE2,,2,5\n"))
	f.Add([]byte("1;2,5\n3;4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := readMatrix("m.csv", data, "")
		if err != nil {
			var ps mentormatch.Problems
			if !errors.As(err, &ps) || len(ps) == 0 || len(ps) > MaxProblems+1 {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if m.Rows <= 0 || m.Cols <= 0 || len(m.Data) != m.Rows*m.Cols {
			t.Fatalf("%d × %d with %d cells", m.Rows, m.Cols, len(m.Data))
		}
		if m.RowLabels != nil && len(m.RowLabels) != m.Rows || m.ColLabels != nil && len(m.ColLabels) != m.Cols {
			t.Fatalf("labels %d, %d for %d × %d", len(m.RowLabels), len(m.ColLabels), m.Rows, m.Cols)
		}
		for _, v := range m.Data {
			if math.IsInf(v, 0) {
				t.Fatalf("infinite cell")
			}
		}
	})
}

func FuzzDecodeText(f *testing.F) {
	seedFiles(f, "testdata/*.csv")
	f.Add([]byte("\xEF\xBB\xBFid,name\n"))
	f.Add([]byte("Jos\xe9 \x93quoted\x94\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb := &rawTable{File: "f.csv"}
		out, p := tb.decodeText(data)
		if p != nil {
			if out != nil || p.File != "f.csv" || p.Message == "" {
				t.Fatalf("problem %+v with text", p)
			}
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("not UTF-8 after decoding: %q", out)
		}
		plain := bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
		if utf8.Valid(plain) != (len(tb.Warnings) == 0) {
			t.Fatalf("warnings %v for valid UTF-8 %v", tb.Warnings, utf8.Valid(plain))
		}
		if utf8.Valid(plain) && !bytes.Equal(out, plain) {
			t.Fatalf("UTF-8 text changed")
		}
	})
}
