package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type planJSON struct {
	Matches []struct {
		MenteeID string `json:"mentee_id"`
		MentorID string `json:"mentor_id"`
	} `json:"matches"`
	Cohorts []struct {
		ID      string   `json:"id"`
		Members []string `json:"members"`
		Seniors []string `json:"seniors"`
	} `json:"cohorts"`
	Sessions []struct {
		Cohort       string    `json:"cohort"`
		Kind         string    `json:"kind"`
		Round        int       `json:"round"`
		Start        time.Time `json:"start"`
		End          time.Time `json:"end"`
		Participants []string  `json:"participants"`
	} `json:"sessions"`
}

// A workbook of ~60 people with a few seniors, as an HR export would be:
// cohorts within the configured sizes, every cohort meets every senior
// once per cycle, nobody is double-booked, every matched pair meets, and
// the .ics files parse.
func TestPlanOnGeneratedWorkbook(t *testing.T) {
	dir := t.TempDir()
	people := filepath.Join(dir, "people.xlsx")
	code, _, stderr := cli(t, "generate", "--mentees", "45", "--mentors", "15", "--seniors", "3", "--seed", "4", "--out", people)
	require.Equal(t, 0, code, stderr)
	cfg := filepath.Join(dir, "program.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("schedule:\n  start: 2027-03-01\n  cycles: 1\n"), 0o644))
	out, ics := filepath.Join(dir, "plan.json"), filepath.Join(dir, "ics")
	code, stdout, stderr := cli(t, "plan", people, "--config", cfg, "--out", out, "--ics", ics)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "from 2027-03-01")

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	var p planJSON
	require.NoError(t, json.Unmarshal(data, &p))
	require.NotEmpty(t, p.Cohorts)

	inCohort := map[string]string{}
	for _, c := range p.Cohorts {
		assert.GreaterOrEqual(t, len(c.Members), 4, c.ID)
		assert.LessOrEqual(t, len(c.Members), 12, c.ID)
		for _, m := range c.Members {
			assert.Empty(t, inCohort[m], "%s in two cohorts", m)
			inCohort[m] = c.ID
		}
		assert.Len(t, c.Seniors, 3, c.ID)
	}
	assert.Len(t, inCohort, 45, "every mentee is in a cohort")

	type visit struct{ cohort, senior string }
	visits := map[visit]int{}
	pairMeets := map[[2]string]int{}
	busy := map[string][][2]time.Time{}
	for _, s := range p.Sessions {
		assert.True(t, s.Start.Before(s.End))
		assert.False(t, s.Start.Before(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)), "before the start: %v", s.Start)
		for _, id := range s.Participants {
			busy[id] = append(busy[id], [2]time.Time{s.Start, s.End})
		}
		switch s.Kind {
		case "senior":
			visits[visit{s.Cohort, s.Participants[0]}]++
		case "primary":
			require.Len(t, s.Participants, 2)
			pairMeets[[2]string{s.Participants[0], s.Participants[1]}]++
		}
	}
	for _, c := range p.Cohorts {
		for _, s := range c.Seniors {
			assert.Equal(t, 1, visits[visit{c.ID, s}], "cohort %s meets senior %s once", c.ID, s)
		}
	}
	for _, m := range p.Matches {
		assert.Positive(t, pairMeets[[2]string{m.MenteeID, m.MentorID}], "%s–%s never meet", m.MenteeID, m.MentorID)
	}
	for id, ivs := range busy {
		sort.Slice(ivs, func(a, b int) bool { return ivs[a][0].Before(ivs[b][0]) })
		for k := 1; k < len(ivs); k++ {
			assert.False(t, ivs[k][0].Before(ivs[k-1][1]), "%s double-booked at %v", id, ivs[k][0])
		}
	}

	// Every participant has a calendar with exactly their sessions.
	for id, ivs := range busy {
		raw, err := os.ReadFile(filepath.Join(ics, id+".ics"))
		require.NoError(t, err, id)
		events := checkICS(t, raw)
		assert.Len(t, events, len(ivs), id)
	}
}

// checkICS is a deliberately small RFC 5545 reader, independent of the
// library that wrote the files: CRLF line ends, lines of at most 75
// octets, folding, balanced BEGIN/END, and in each VEVENT a UID, DTSTAMP,
// DTSTART and DTEND in UTC. It returns the events' DTSTART values.
func checkICS(t *testing.T, raw []byte) []string {
	t.Helper()
	require.True(t, bytes.HasSuffix(raw, []byte("\r\n")), "ends with CRLF")
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Split(scanCRLF)
	for sc.Scan() {
		l := sc.Text()
		require.LessOrEqual(t, len(l), 75, "line longer than 75 octets: %q", l)
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			require.NotEmpty(t, lines, "folded first line")
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	require.NoError(t, sc.Err())
	require.Equal(t, "BEGIN:VCALENDAR", lines[0])
	require.Equal(t, "END:VCALENDAR", lines[len(lines)-1])
	var stack []string
	var starts []string
	var props map[string]string
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		require.True(t, ok, "no colon: %q", l)
		key, _, _ := strings.Cut(name, ";")
		switch key {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				props = map[string]string{}
			}
		case "END":
			require.NotEmpty(t, stack)
			require.Equal(t, stack[len(stack)-1], value)
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				for _, k := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND"} {
					require.NotEmpty(t, props[k], "VEVENT without %s", k)
				}
				for _, k := range []string{"DTSTART", "DTEND"} {
					_, err := time.Parse("20060102T150405Z", props[k])
					require.NoError(t, err, "%s %q", k, props[k])
				}
				starts = append(starts, props["DTSTART"])
			}
		default:
			if props != nil {
				props[key] = value
			}
		}
	}
	require.Empty(t, stack)
	return starts
}

func scanCRLF(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.Index(data, []byte("\r\n")); i >= 0 {
		return i + 2, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
