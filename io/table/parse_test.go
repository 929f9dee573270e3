package table

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func TestParseAvailabilityAsHRWritesIt(t *testing.T) {
	weekdays := func(start, end int) []mentormatch.Slot {
		var out []mentormatch.Slot
		for d := time.Monday; d <= time.Friday; d++ {
			out = append(out, mentormatch.Slot{Day: d, Start: start, End: end})
		}
		return out
	}
	for _, tc := range []struct {
		in      string
		want    []mentormatch.Slot
		guessed []string
	}{
		{"Mon-Fri 9-5", weekdays(9*60, 17*60), []string{"9-5"}},
		{"weekdays 9:00-17:00", weekdays(9*60, 17*60), nil},
		{"Mon-Fri 9am-5pm", weekdays(9*60, 17*60), nil},
		{"Mon-Fri 9 am - 5 pm", weekdays(9*60, 17*60), nil},
		{"weekdays 9:00-5:00", weekdays(9*60, 17*60), []string{"9:00-5:00"}},
		{"Tue 1-5pm", []mentormatch.Slot{{Day: time.Tuesday, Start: 13 * 60, End: 17 * 60}}, nil},
		{"Tue 9-5pm", []mentormatch.Slot{{Day: time.Tuesday, Start: 9 * 60, End: 17 * 60}}, nil},
		{"Tue 11-1", []mentormatch.Slot{{Day: time.Tuesday, Start: 11 * 60, End: 13 * 60}}, []string{"11-1"}},
		{"Tue 12-1", []mentormatch.Slot{{Day: time.Tuesday, Start: 12 * 60, End: 13 * 60}}, []string{"12-1"}},
		// Past midnight is said in 24-hour times or with am/pm.
		{"Sat 22:00-01:00", []mentormatch.Slot{{Day: time.Saturday, Start: 22 * 60, End: 60}}, nil},
		{"Sat 22-1", []mentormatch.Slot{{Day: time.Saturday, Start: 22 * 60, End: 60}}, nil},
		{"Sat 10pm-1am", []mentormatch.Slot{{Day: time.Saturday, Start: 22 * 60, End: 60}}, nil},
		{"Sat 10am-2am", []mentormatch.Slot{{Day: time.Saturday, Start: 10 * 60, End: 2 * 60}}, nil},
		{"Sun 12:00-00:00", []mentormatch.Slot{{Day: time.Sunday, Start: 12 * 60, End: 0}}, nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, guessed, err := parseAvailability(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.guessed, guessed)
		})
	}
}

func TestReadProgramWarnsOnceAboutDayHours(t *testing.T) {
	csv := "id,name,role,availability\nA,Al,mentor,Mon-Fri 9-5\nB,Bo,mentee,Tue 10:00-11:00\nC,Cy,mentee,weekdays 8-4\nD,Di,mentee,Mon-Fri 9-5\n"
	p, err := ReadProgram(Options{}, File{Path: "people.csv", Data: []byte(csv)})
	require.NoError(t, err)
	assert.Equal(t, 17*60, p.People[0].Availability[0].End)
	require.Len(t, p.Warnings, 1)
	w := p.Warnings[0]
	assert.Equal(t, "people.csv", w.File)
	assert.Equal(t, "availability", w.Column)
	assert.Contains(t, w.Message, `3 availability cells`)
	assert.Contains(t, w.Message, `row 2 "9-5"; row 4 "8-4"; row 5 "9-5"`)
	assert.Contains(t, w.Message, "09:00-17:00")
}
