package synth

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

// Headers are the canonical people-file columns, in the order written.
var Headers = []string{
	"id", "name", "email", "role", "mentor_type", "level", "department", "manager_id",
	"timezone", "availability", "skills", "wants", "goals", "offers", "capacity",
	"languages", "prefers", "avoid",
}

// Record returns p as the cells of one row under Headers. Lists are joined
// with "; ", skills as "name:level", slots as "Mon 09:00-10:30".
func Record(p *mentormatch.Person) []string {
	var mentorType, capacity, level string
	if p.Role.IsMentor() {
		mentorType = p.MentorType.String()
		capacity = strconv.Itoa(p.Capacity)
	}
	if p.Level > 0 {
		level = strconv.Itoa(p.Level)
	}
	return []string{
		p.ID, p.Name, p.Email, p.Role.String(), mentorType, level, p.Department, p.ManagerID,
		p.TimeZone, formatSlots(p.Availability), formatSkills(p.Skills),
		join(p.Wants), join(p.Goals), join(p.Offers), capacity,
		join(p.Languages), join(p.Prefers), join(p.Avoid),
	}
}

func join(xs []string) string { return strings.Join(xs, "; ") }

func formatSkills(ss []mentormatch.Skill) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(s.Name)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(s.Level))
	}
	return b.String()
}

func formatSlots(ss []mentormatch.Slot) string {
	var b strings.Builder
	for i, s := range ss {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %02d:%02d-%02d:%02d", s.Day.String()[:3], s.Start/60, s.Start%60, s.End/60, s.End%60)
	}
	return b.String()
}

// WritePeopleCSV writes people as a comma-separated file with a header row
// of Headers. It is O(n) and buffers its output.
func WritePeopleCSV(w io.Writer, people []mentormatch.Person) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(Headers); err != nil {
		return fmt.Errorf("synth: writing CSV: %w", err)
	}
	for i := range people {
		if err := cw.Write(Record(&people[i])); err != nil {
			return fmt.Errorf("synth: writing CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("synth: writing CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("synth: writing CSV: %w", err)
	}
	return nil
}

// SheetName is the sheet WritePeopleXLSX writes.
const SheetName = "People"

// WritePeopleXLSX writes people as a workbook with one sheet, "People",
// under the same headers as WritePeopleCSV. Every cell is text, so ids and
// levels keep their form. It streams rows, so memory stays flat in n.
func WritePeopleXLSX(w io.Writer, people []mentormatch.Person) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return fmt.Errorf("synth: writing XLSX: %w", err)
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return fmt.Errorf("synth: writing XLSX: %w", err)
	}
	row := make([]any, len(Headers))
	writeRow := func(n int, cells []string) error {
		for i, c := range cells {
			row[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(cell, row)
	}
	if err := writeRow(1, Headers); err != nil {
		return fmt.Errorf("synth: writing XLSX: %w", err)
	}
	for i := range people {
		if err := writeRow(i+2, Record(&people[i])); err != nil {
			return fmt.Errorf("synth: writing XLSX row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("synth: writing XLSX: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("synth: writing XLSX: %w", err)
	}
	return nil
}
