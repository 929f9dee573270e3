package synth

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/mentormatch/mentormatch"
)

func csvBytes(t testing.TB, people []mentormatch.Person) []byte {
	var b bytes.Buffer
	require.NoError(t, WritePeopleCSV(&b, people))
	return b.Bytes()
}

func TestGenerateIsDeterministic(t *testing.T) {
	opt := Options{Mentees: 300, Mentors: 80, Seniors: -1, Seed: 7}
	a, b := csvBytes(t, Generate(opt)), csvBytes(t, Generate(opt))
	assert.Equal(t, a, b)
	opt.Seed = 8
	assert.NotEqual(t, a, csvBytes(t, Generate(opt)), "another seed, another population")

	var x, y bytes.Buffer
	people := Generate(Options{Mentees: 20, Mentors: 5, Seed: 1})
	require.NoError(t, WritePeopleXLSX(&x, people))
	require.NoError(t, WritePeopleXLSX(&y, people))
	assert.Equal(t, x.Bytes(), y.Bytes())
}

func TestGenerateSizes(t *testing.T) {
	tests := []struct {
		name                        string
		opt                         Options
		mentees, primaries, seniors int
	}{
		{"empty", Options{}, 0, 0, 0},
		{"mentees only", Options{Mentees: 10, Seniors: -1}, 10, 0, 0},
		{"mentors only", Options{Mentors: 10, Seniors: 2}, 0, 8, 2},
		{"default seniors", Options{Mentees: 100, Mentors: 40, Seniors: -1}, 100, 38, 2},
		{"no seniors", Options{Mentees: 100, Mentors: 40}, 100, 40, 0},
		{"seniors capped", Options{Mentees: 3, Mentors: 2, Seniors: 9}, 3, 0, 2},
		{"negative sizes", Options{Mentees: -1, Mentors: -5}, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mentees, primaries, seniors int
			for _, p := range Generate(tt.opt) {
				switch {
				case p.Role == mentormatch.RoleMentee:
					mentees++
				case p.MentorType == mentormatch.Senior:
					seniors++
				default:
					primaries++
				}
			}
			assert.Equal(t, []int{tt.mentees, tt.primaries, tt.seniors}, []int{mentees, primaries, seniors})
		})
	}
}

func TestGenerateIsValid(t *testing.T) {
	people := Generate(Options{Mentees: 2000, Mentors: 400, Seniors: -1, Seed: 3})
	byID := make(map[string]*mentormatch.Person, len(people))
	for i := range people {
		p := &people[i]
		require.NotContains(t, byID, p.ID, "unique ids")
		byID[p.ID] = p
	}
	assert.Equal(t, "E100001", people[0].ID)
	langs := map[string]bool{}
	for i := range people {
		p := &people[i]
		require.NotEmpty(t, p.Name)
		require.NotNil(t, p.Location, p.ID)
		assert.Equal(t, p.TimeZone, p.Location.String())
		require.True(t, len(p.Availability) >= 2 && len(p.Availability) <= 5, p.ID)
		for _, s := range p.Availability {
			assert.True(t, s.Start >= 8*60 && s.End <= 18*60 && s.End > s.Start, "%s: %+v", p.ID, s)
		}
		for _, s := range p.Skills {
			assert.True(t, s.Level >= 0 && s.Level <= 5, p.ID)
		}
		for _, id := range append(append([]string{p.ManagerID}, p.Avoid...), p.Prefers...) {
			if id != "" {
				assert.Contains(t, byID, id, "%s refers to %s", p.ID, id)
				assert.NotEqual(t, p.ID, id, "%s refers to itself", p.ID)
			}
		}
		for _, l := range p.Languages {
			langs[l] = true
		}
		switch {
		case p.Role == mentormatch.RoleMentee:
			assert.True(t, p.Level >= 1 && p.Level <= 6, p.ID)
			assert.True(t, len(p.Wants) >= 2 && len(p.Wants) <= 4, "%s wants %v", p.ID, p.Wants)
			assert.NotEmpty(t, p.Goals)
			for _, w := range p.Wants {
				lv, ok := p.SkillLevel(w)
				require.True(t, ok)
				assert.Less(t, lv, 5, "%s wants %s, which they master", p.ID, w)
			}
		case p.MentorType == mentormatch.Senior:
			assert.True(t, p.Level >= 6 && p.Level <= 9, p.ID)
			assert.Zero(t, p.Capacity)
		default:
			assert.True(t, p.Level >= 4 && p.Level <= 8, p.ID)
			assert.True(t, p.Capacity >= 1 && p.Capacity <= 4, p.ID)
			assert.NotEmpty(t, p.Offers)
		}
	}
	// Chains end at a department head and never loop.
	for _, p := range people {
		seen := map[string]bool{}
		for id := p.ManagerID; id != ""; id = byID[id].ManagerID {
			require.False(t, seen[id], "loop above %s", p.ID)
			seen[id] = true
			assert.Equal(t, p.Department, byID[id].Department)
		}
	}
	for _, l := range []string{"en", "de", "es", "pt", "hi", "ja"} {
		assert.True(t, langs[l], l)
	}
}

// Mentors in a department are stronger in its core skill than its mentees.
func TestSkillsFollowSeniority(t *testing.T) {
	people := Generate(Options{Mentees: 3000, Mentors: 600, Seed: 5})
	var sum, n [2]float64
	for i := range people {
		p := &people[i]
		if p.Department != "Platform" {
			continue
		}
		lv, ok := p.SkillLevel("kubernetes")
		require.True(t, ok)
		k := 0
		if p.Role.IsMentor() {
			k = 1
		}
		sum[k] += float64(lv)
		n[k]++
	}
	assert.Greater(t, sum[1]/n[1], sum[0]/n[0]+1)
}

var (
	slotRE  = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri) \d\d:\d\d-\d\d:\d\d$`)
	skillRE = regexp.MustCompile(`^[a-z][a-z -]*:[0-5]$`)
)

func TestWritePeopleCSV(t *testing.T) {
	people := Generate(Options{Mentees: 50, Mentors: 20, Seniors: 2, Seed: 11})
	recs, err := csv.NewReader(bytes.NewReader(csvBytes(t, people))).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, len(people)+1)
	assert.Equal(t, Headers, recs[0])
	for _, rec := range recs[1:] {
		for _, s := range splitList(rec[9]) {
			assert.Regexp(t, slotRE, s)
		}
		for _, s := range splitList(rec[10]) {
			assert.Regexp(t, skillRE, s)
		}
		assert.Contains(t, []string{"mentee", "mentor"}, rec[3])
	}
	assert.Equal(t, []string{"E100051", people[50].Name}, recs[51][:2])
	assert.Equal(t, "senior", recs[51][4])
	assert.Equal(t, "0", recs[51][14])
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return regexp.MustCompile(`; `).Split(s, -1)
}

func TestWritePeopleXLSX(t *testing.T) {
	people := Generate(Options{Mentees: 30, Mentors: 10, Seed: 2})
	var b bytes.Buffer
	require.NoError(t, WritePeopleXLSX(&b, people))
	f, err := excelize.OpenReader(&b)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{SheetName}, f.GetSheetList())
	rows, err := f.GetRows(SheetName)
	require.NoError(t, err)
	require.Len(t, rows, len(people)+1)
	assert.Equal(t, Headers, rows[0])
	want, _ := csv.NewReader(bytes.NewReader(csvBytes(t, people))).ReadAll()
	for i := 1; i < len(rows); i++ {
		// GetRows drops trailing empty cells.
		assert.Equal(t, want[i][:len(rows[i])], rows[i])
	}
}

func BenchmarkGenerate100k(b *testing.B) {
	for b.Loop() {
		Generate(Options{Mentees: 80000, Mentors: 20000, Seniors: -1, Seed: 1})
	}
}

func BenchmarkWritePeopleCSV100k(b *testing.B) {
	people := Generate(Options{Mentees: 80000, Mentors: 20000, Seniors: -1, Seed: 1})
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePeopleCSV(&buf, people); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
	}
}

func BenchmarkWritePeopleXLSX100k(b *testing.B) {
	people := Generate(Options{Mentees: 80000, Mentors: 20000, Seniors: -1, Seed: 1})
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePeopleXLSX(&buf, people); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(buf.Len()))
	}
}

// Any sizes and seed give a population whose references all resolve.
func FuzzGenerate(f *testing.F) {
	f.Add(10, 3, -1, int64(1))
	f.Add(0, 1, 1, int64(-7))
	f.Fuzz(func(t *testing.T, mentees, mentors, seniors int, seed int64) {
		opt := Options{Mentees: mentees % 200, Mentors: mentors % 60, Seniors: seniors % 60, Seed: seed}
		people := Generate(opt)
		ids := make(map[string]bool, len(people))
		for _, p := range people {
			ids[p.ID] = true
		}
		for _, p := range people {
			for _, id := range append(append([]string{p.ManagerID}, p.Avoid...), p.Prefers...) {
				if id != "" && (!ids[id] || id == p.ID) {
					t.Fatalf("%s refers to %q", p.ID, id)
				}
			}
		}
		var b bytes.Buffer
		if err := WritePeopleCSV(&b, people); err != nil {
			t.Fatal(err)
		}
	})
}
