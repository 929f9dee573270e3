package roadmap

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
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
		golden(t, strings.ReplaceAll(r.MenteeID+"-"+r.MentorID, "/", "_")+".md.golden", b.Bytes())
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
	require.Len(t, names, 5)
	assert.Equal(t, []string{output.ManifestName, "E1-M1.md", "E3-M1.md", IndexName}, slices.Delete(slices.Clone(names), 2, 3))
	assert.Regexp(t, `^E2-M2_x~[0-9a-f]{10}\.md$`, names[2], "M2/x is made safe, and the hash tells it from M2_x")
	m2x := names[2]
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
	second, err := os.ReadFile(filepath.Join(dir, m2x))
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

// Pairs (x-y, z) and (x, y-z) shared one file: the run said "wrote 2" and
// wrote one.
func TestWriteDirPairsAlike(t *testing.T) {
	rs := goldenRoadmaps(t)
	rs[0].MenteeID, rs[0].MentorID = "x-y", "z"
	rs[1].MenteeID, rs[1].MentorID = "x", "y-z"
	dir := t.TempDir()
	_, err := WriteDir(dir, rs)
	require.NoError(t, err)
	names, err := FileNames(rs)
	require.NoError(t, err)
	assert.NotEqual(t, names[0], names[1])
	a, err := os.ReadFile(filepath.Join(dir, names[0]))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, names[1]))
	require.NoError(t, err)
	assert.NotEqual(t, string(a), string(b))
}

// A README.md mentormatch did not write is never replaced by the index,
// and then nothing is written.
func TestWriteDirForeignIndex(t *testing.T) {
	rs := goldenRoadmaps(t)
	dir := t.TempDir()
	readme := []byte("# Our mentoring program\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, IndexName), readme, 0o644))
	_, err := WriteDir(dir, rs)
	require.ErrorIs(t, err, mentormatch.ErrUsage)
	assert.Contains(t, err.Error(), "mentormatch did not write it")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
	got, err := os.ReadFile(filepath.Join(dir, IndexName))
	require.NoError(t, err)
	assert.Equal(t, readme, got)
}

// Roadmaps of pairs gone from the plan go, unless someone wrote in them;
// files mentormatch did not write stay.
func TestWriteDirPairsThatLeft(t *testing.T) {
	rs := goldenRoadmaps(t)
	dir := t.TempDir()
	_, err := WriteDir(dir, rs)
	require.NoError(t, err)
	names, err := FileNames(rs)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, names[2]), []byte("our notes\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "agenda.txt"), []byte("ours\n"), 0o644))
	kept, err := WriteDir(dir, rs[:1])
	require.NoError(t, err)
	assert.Equal(t, []string{names[2]}, kept)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, []string{output.ManifestName, names[0], names[2], IndexName, "agenda.txt"}, got)
}
