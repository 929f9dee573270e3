package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGroupWarnings(t *testing.T) {
	manager := func(row int, id string) string {
		return fmt.Sprintf(`hr.xlsx [Mentees] row %d, column "Reports To": manager %q is not in the files: ignored; managers outside the program are normal`, row, id)
	}
	capacity := func(id string, hours int) string {
		return fmt.Sprintf(`mentor %q has %d free hours a week for capacity 6`, id, hours)
	}
	for _, tc := range []struct {
		name string
		in   []string
		want []string
	}{
		{"none", nil, nil},
		{"two of a kind stay", []string{manager(3, "E900"), manager(4, "E901")}, []string{manager(3, "E900"), manager(4, "E901")}},
		{"a kind becomes one line, kinds in order of first appearance",
			[]string{"the file is not UTF-8", manager(3, "E900"), manager(4, "E901"), capacity("M1", 1), manager(5, "E900"), manager(6, "E902"),
				manager(7, "E903"), manager(8, "E904"), capacity("M2", 1), capacity("M3", 2)},
			[]string{
				"the file is not UTF-8",
				"6 rows name a manager who is not in the files (E900, E901, E902, E903, …): ignored; managers outside the program are normal",
				capacity("M1", 1) + " (and 2 more like it: M2, M3)",
			}},
		{"rows tell apart when no quoted value does", []string{`a.csv row 2: blank`, `a.csv row 3: blank`, `a.csv row 9: blank`},
			[]string{`a.csv row 2: blank (and 2 more like it: 3, 9)`}},
		{"identical warnings", []string{"same", "same", "same"}, []string{"same (and 2 more like it)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, groupWarnings(tc.in))
		})
	}
}
