package roadmap

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mentormatch/mentormatch/internal/wording"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
)

// IndexName is the file WriteDir writes next to the roadmaps, listing them.
const IndexName = "README.md"

// Date layouts of the Markdown files.
const (
	dateLayout = "Mon 2 Jan 2006"
	timeLayout = "Mon 15:04"
)

// WriteDir writes one Markdown file per roadmap (FileNames) and an index
// (IndexName) into dir, as one step: the folder is the previous one or the
// new one, never a mix (output.Folder). Roadmaps of pairs no longer in the
// plan go, unless someone wrote in them; files mentormatch did not write
// stay.
//
// A pair's file is theirs once written: they tick milestones and fill in
// the progress log. So each file ends with a line that holds a digest of
// what was written, and a file that no longer matches its digest (edited,
// or written by hand) is kept as it is, not overwritten; kept lists their
// names. An unedited file is written again with the new plan.
func WriteDir(dir string, rs []mentormatch.Roadmap) (kept []string, err error) {
	var b output.Batch
	defer b.Discard()
	f, err := b.Folder(dir, FolderOptions())
	if err != nil {
		return nil, err
	}
	if _, kept, err = Put(f, rs); err != nil {
		return kept, err
	}
	return kept, b.Commit()
}

// FolderOptions recognise, in a folder written before mentormatch kept a
// manifest, the roadmaps and the index it wrote.
func FolderOptions() output.FolderOptions {
	return output.FolderOptions{Ours: func(name string, data []byte) bool {
		if name == IndexName {
			return bytes.HasPrefix(data, []byte(indexTitle))
		}
		return strings.HasSuffix(name, ".md") && bytes.Contains(data, []byte("\n"+sealPrefix))
	}}
}

// Put writes the roadmaps and the index into f, a folder of the run's
// batch of outputs. It returns how many roadmaps it wrote and, sorted, the
// files it kept as someone left them (see WriteDir).
func Put(f *output.Folder, rs []mentormatch.Roadmap) (written int, kept []string, err error) {
	names, err := FileNames(rs)
	if err != nil {
		return 0, nil, err
	}
	current := map[string]bool{IndexName: true}
	for i := range rs {
		name := names[i]
		current[name] = true
		if f.Foreign(name) {
			kept = append(kept, name)
			continue
		}
		if old, err := f.Read(name); err == nil && edited(old) {
			if err := f.Keep(name); err != nil {
				return written, kept, err
			}
			kept = append(kept, name)
			continue
		}
		data, err := sealed(&rs[i])
		if err != nil {
			return written, kept, err
		}
		if err := f.Put(name, data); err != nil {
			return written, kept, err
		}
		written++
	}
	for _, name := range f.Previous() {
		if current[name] {
			continue
		}
		if old, err := f.Read(name); err == nil && edited(old) {
			if err := f.Keep(name); err != nil {
				return written, kept, err
			}
			kept = append(kept, name)
		}
	}
	slices.Sort(kept)
	var index bytes.Buffer
	if err := writeIndex(&index, rs, names); err != nil {
		return written, kept, err
	}
	return written, kept, f.Put(IndexName, index.Bytes())
}

// File is one file of a roadmaps folder: its name and its bytes.
type File struct {
	Name string
	Data []byte
}

// Files are the files Put writes into an empty folder, each roadmap (by
// FileNames) and then the index, byte for byte: what the review page
// zips.
func Files(rs []mentormatch.Roadmap) ([]File, error) {
	names, err := FileNames(rs)
	if err != nil {
		return nil, err
	}
	files := make([]File, 0, len(rs)+1)
	for i := range rs {
		data, err := sealed(&rs[i])
		if err != nil {
			return nil, err
		}
		files = append(files, File{names[i], data})
	}
	var index bytes.Buffer
	if err := writeIndex(&index, rs, names); err != nil {
		return nil, err
	}
	return append(files, File{IndexName, index.Bytes()}), nil
}

// sealed is r's file as written: the Markdown and its seal.
func sealed(r *mentormatch.Roadmap) ([]byte, error) {
	var b bytes.Buffer
	if err := Markdown(&b, r); err != nil {
		return nil, err
	}
	return append(b.Bytes(), seal(b.Bytes())...), nil
}

// sealPrefix starts the last line of a roadmap file as written; the digest
// of the text above it follows.
const sealPrefix = "<!-- written by mentormatch plan; unedited while this matches: "

// seal is the last line of a roadmap file whose text is body: invisible
// when the Markdown is shown.
func seal(body []byte) string {
	sum := sha256.Sum256(body)
	return "\n" + sealPrefix + hex.EncodeToString(sum[:12]) + " -->\n"
}

// edited reports whether data is not, to the byte, a roadmap as WriteDir
// wrote it.
func edited(data []byte) bool {
	k := bytes.LastIndex(data, []byte("\n"+sealPrefix))
	return k < 0 || string(data[k:]) != seal(data[:k])
}

// FileNames names the roadmaps' files: mentee id and mentor id, made
// safe, joined by "-", with a hash of the exact pair where the name alone
// could be another pair's, (x-y, z) and (x, y-z) say (output.Names).
func FileNames(rs []mentormatch.Roadmap) ([]string, error) {
	keys := make([]output.Key, len(rs))
	for i, r := range rs {
		keys[i] = output.Key{Text: r.MenteeID + "-" + r.MentorID, ID: r.MenteeID + "\x00" + r.MentorID}
	}
	names, err := output.Names(keys, ".md")
	if err != nil {
		return nil, fmt.Errorf("roadmaps: %w", err)
	}
	return names, nil
}

// Markdown writes r as a Markdown document: who, the objectives with their
// milestones as a checklist, the sessions and what each is for, notes, and
// an empty progress log to fill in.
func Markdown(w io.Writer, r *mentormatch.Roadmap) error {
	var b bytes.Buffer
	me, mm := esc(r.MenteeName), esc(r.MentorName)
	loc := r.MenteeZone
	if loc == nil {
		loc = time.UTC
	}
	mloc := r.MentorZone
	if mloc == nil {
		mloc = time.UTC
	}
	day := func(t time.Time) string { return t.In(loc).Format(dateLayout) }

	fmt.Fprintf(&b, "# Learning roadmap: %s with %s\n\n", me, mm)
	if r.Intro != "" {
		fmt.Fprintf(&b, "_%s_\n\n", strings.TrimSpace(r.Intro))
	}
	b.WriteString("| | Mentee | Mentor |\n|---|---|---|\n")
	fmt.Fprintf(&b, "| Name | %s (%s) | %s (%s) |\n", cell(r.MenteeName), cell(r.MenteeID), cell(r.MentorName), cell(r.MentorID))
	fmt.Fprintf(&b, "| Job level | %s | %s |\n", levelText(r.MenteeLevel), levelText(r.MentorLevel))
	fmt.Fprintf(&b, "| Time zone | %s | %s |\n\n", cell(loc.String()), cell(mloc.String()))
	var facts []string
	if r.Cohort != "" {
		facts = append(facts, "Cohort "+esc(r.Cohort))
	}
	if n := len(r.Sessions); n > 0 {
		facts = append(facts, fmt.Sprintf("%s from %s to %s", wording.Plural(n, "one-to-one session"), day(r.Sessions[0].Start), day(r.Sessions[n-1].Start)))
	}
	if len(r.Goals) > 0 {
		facts = append(facts, "career goals: "+esc(strings.Join(r.Goals, ", ")))
	}
	if len(facts) > 0 {
		b.WriteString(strings.Join(facts, " · ") + "\n\n")
	}

	b.WriteString("## Objectives\n\n")
	if len(r.Objectives) == 0 {
		b.WriteString("None yet: agree two at the kickoff.\n")
	}
	for k, o := range r.Objectives {
		fmt.Fprintf(&b, "%d. %s%s\n", k+1, esc(o.Title), byDate(o.Due, day))
	}
	for k, o := range r.Objectives {
		fmt.Fprintf(&b, "\n### %d. %s\n\n", k+1, esc(o.Title))
		if o.DueRound > 0 {
			fmt.Fprintf(&b, "From %s (session %d), due %s (session %d). ", day(o.Start), o.StartRound, day(o.Due), o.DueRound)
		}
		b.WriteString(esc(o.Why) + "\n\n")
		for _, ms := range o.Milestones {
			when := "not scheduled yet"
			if ms.Round > 0 {
				when = fmt.Sprintf("%s (session %d)", day(ms.Due), ms.Round)
			}
			fmt.Fprintf(&b, "- [ ] **%s**, %s: %s\n", esc(capitalise(ms.Stage)), when, esc(ms.Text))
		}
	}

	if len(r.Sessions) > 0 {
		fmt.Fprintf(&b, "\n## Sessions\n\nDates are %s's; times are each one's own.\n\n", me)
		for _, it := range r.Agenda {
			fmt.Fprintf(&b, "- **%s**: %s\n", esc(capitalise(it.Kind)), esc(it.Text))
		}
		if len(r.Agenda) > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "| # | Date | %s | %s | What for | Milestones due |\n|---|---|---|---|---|---|\n", cell(r.MenteeName), cell(r.MentorName))
		for _, c := range r.Sessions {
			what := cell(capitalise(strings.Join(c.Kinds, ", ")))
			if c.Flag != "" {
				what += " **Check the time:** " + cell(c.Flag) + "."
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s |\n", c.Round, day(c.Start), c.Start.In(loc).Format(timeLayout), c.Start.In(mloc).Format(timeLayout), what, cell(strings.Join(c.Due, "; ")))
		}
	}

	if len(r.Notes) > 0 {
		b.WriteString("\n## Notes\n\n")
		for _, n := range r.Notes {
			fmt.Fprintf(&b, "- %s\n", esc(n))
		}
	}
	b.WriteString("\n## Progress log\n\n| Date | What happened | Next step |\n|---|---|---|\n| | | |\n")
	_, err := w.Write(b.Bytes())
	return err
}

// Index writes the list of roadmaps: one row per pair with its objectives
// and a link to its file.
func Index(w io.Writer, rs []mentormatch.Roadmap) error {
	names, err := FileNames(rs)
	if err != nil {
		return err
	}
	return writeIndex(w, rs, names)
}

// indexTitle starts the index.
const indexTitle = "# Learning roadmaps\n"

func writeIndex(w io.Writer, rs []mentormatch.Roadmap, names []string) error {
	var b bytes.Buffer
	b.WriteString(indexTitle + "\n")
	if len(rs) == 0 {
		b.WriteString("No pairs were matched, so there are no roadmaps.\n")
	} else {
		fmt.Fprintf(&b, "%s, one per pair.\n\n", wording.Plural(len(rs), "roadmap"))
		b.WriteString("| Mentee | Mentor | Cohort | Objectives | Roadmap |\n|---|---|---|---|---|\n")
	}
	for i := range rs {
		r := &rs[i]
		titles := make([]string, len(r.Objectives))
		for k, o := range r.Objectives {
			titles[k] = o.Title
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | [%s](%s) |\n", cell(r.MenteeName), cell(r.MentorName), cell(r.Cohort), cell(strings.Join(titles, "; ")), cell(names[i]), names[i])
	}
	_, err := w.Write(b.Bytes())
	return err
}

func byDate(t time.Time, day func(time.Time) string) string {
	if t.IsZero() {
		return ""
	}
	return ", by " + day(t)
}

func levelText(n int) string {
	if n <= 0 {
		return "not given"
	}
	return fmt.Sprint(n)
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// mdEscaper keeps names and topics from the people file from turning into
// Markdown emphasis, links or HTML.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)

func esc(s string) string { return mdEscaper.Replace(oneLine(s)) }

// cell is esc for a table cell, where a bar would end the cell.
func cell(s string) string { return strings.ReplaceAll(esc(s), "|", `\|`) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
