package roadmap

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./roadmap -update to create it")
	assert.Equal(t, string(want), string(got))
}

// goldenRoadmaps are a full pair, a pair without sessions and a pair with
// nothing to work on, with names that would break Markdown.
func goldenRoadmaps(t *testing.T) []mentormatch.Roadmap {
	cfg := mentormatch.DefaultConfig()
	var rs []mentormatch.Roadmap
	p, plan := pairProgram(t, 11,
		mentormatch.Person{Name: "Mia *the* Mentee", Level: 2, Skills: skills("go:1; kubernetes:2; kotlin:3"), Wants: list("go; kubernetes; kotlin"), Goals: list("public speaking; tech lead")},
		mentormatch.Person{Name: "Max | Mentor", Level: 6, Skills: skills("go:5; kubernetes:5; kotlin:2"), Offers: list("public speaking")})
	plan.Sessions[3].Flag = "no common availability for E1, M1"
	got, err := Build(p, plan, cfg)
	require.NoError(t, err)
	rs = append(rs, got...)

	p, plan = pairProgram(t, 0, mentormatch.Person{Skills: skills("sql:1"), Wants: list("sql")}, mentormatch.Person{Skills: skills("sql:4")})
	got, err = Build(p, plan, cfg)
	require.NoError(t, err)
	got[0].MenteeID, got[0].MentorID = "E2", "M2/x"
	rs = append(rs, got...)

	p, plan = pairProgram(t, 2, mentormatch.Person{}, mentormatch.Person{})
	got, err = Build(p, plan, cfg)
	require.NoError(t, err)
	got[0].MenteeID = "E3"
	return append(rs, got...)
}

func TestMarkdownGolden(t *testing.T) {
	rs := goldenRoadmaps(t)
	for _, r := range rs {
		var b bytes.Buffer
		require.NoError(t, Markdown(&b, &r))
		golden(t, FileName(&r)+".golden", b.Bytes())
	}
	var b bytes.Buffer
	require.NoError(t, Index(&b, rs))
	golden(t, "index.md.golden", b.Bytes())
}

func TestWriteDir(t *testing.T) {
	rs := goldenRoadmaps(t)
	dir := filepath.Join(t.TempDir(), "a", "roadmaps")
	kept, err := WriteDir(dir, rs)
	require.NoError(t, err)
	assert.Empty(t, kept)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"E1-M1.md", "E2-M2_x.md", "E3-M1.md", IndexName}, names)
	first, err := os.ReadFile(filepath.Join(dir, "E1-M1.md"))
	require.NoError(t, err)

	// Same input, same bytes.
	_, err = WriteDir(dir, rs)
	require.NoError(t, err)
	again, err := os.ReadFile(filepath.Join(dir, "E1-M1.md"))
	require.NoError(t, err)
	assert.Equal(t, first, again)

	// A file the pair edited is theirs: kept, byte for byte, and named;
	// an unedited one follows the new plan.
	ticked := bytes.Replace(first, []byte("- [ ]"), []byte("- [x]"), 1)
	require.NotEqual(t, first, ticked)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "E1-M1.md"), ticked, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "E3-M1.md"), []byte("notes by hand\n"), 0o644))
	rs[1].MentorName = "Renamed"
	kept, err = WriteDir(dir, rs)
	require.NoError(t, err)
	assert.Equal(t, []string{"E1-M1.md", "E3-M1.md"}, kept)
	after, err := os.ReadFile(filepath.Join(dir, "E1-M1.md"))
	require.NoError(t, err)
	assert.Equal(t, ticked, after)
	second, err := os.ReadFile(filepath.Join(dir, "E2-M2_x.md"))
	require.NoError(t, err)
	assert.Contains(t, string(second), "Renamed")

	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	_, err = WriteDir(filepath.Join(file, "sub"), rs)
	assert.Error(t, err)
}

// tableRows checks that every row of every Markdown table has as many
// cells as its header: text from the people file never adds a column.
func tableRows(t testing.TB, md string) {
	cells := func(line string) int {
		n := 0
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '|':
				n++
			}
		}
		return n
	}
	want := -1
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		if want < 0 {
			want = cells(line)
			continue
		}
		if got := cells(line); got != want {
			t.Fatalf("row has %d bars, header %d: %q", got, want, line)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	for _, r := range goldenRoadmaps(t) {
		var b bytes.Buffer
		require.NoError(t, Markdown(&b, &r))
		tableRows(t, b.String())
		assert.NotContains(t, b.String(), "*the*")
	}
}

func FuzzMarkdown(f *testing.F) {
	f.Add("Mia", "go", "tech lead", "E1")
	f.Add("a|b\\", "*x*", "[l](u)", "<b>")
	f.Add("", "", "", "")
	f.Fuzz(func(t *testing.T, name, skill, goal, id string) {
		mentee := mentormatch.Person{Name: name, Skills: []mentormatch.Skill{{Name: skill, Level: 1}}, Wants: []string{skill}, Goals: []string{goal}}
		mentor := mentormatch.Person{Name: name + name, Skills: []mentormatch.Skill{{Name: skill, Level: 4}}, Offers: []string{goal}}
		p, plan := pairProgram(t, 4, mentee, mentor)
		rs, err := Build(p, plan, mentormatch.DefaultConfig())
		require.NoError(t, err)
		rs[0].MenteeID = id
		var b bytes.Buffer
		require.NoError(t, Markdown(&b, &rs[0]))
		tableRows(t, b.String())
		b.Reset()
		require.NoError(t, Index(&b, rs))
		tableRows(t, b.String())
	})
}
