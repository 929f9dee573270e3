package roadmap

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/mentormatch/mentormatch/internal/wording"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/calendar"
	"github.com/mentormatch/mentormatch/io/report"
)

// IndexName is the file WriteDir writes next to the roadmaps, listing them.
const IndexName = "README.md"

// Date layouts of the Markdown files.
const (
	dateLayout = "Mon 2 Jan 2006"
	timeLayout = "Mon 15:04"
)

// WriteDir writes one Markdown file per roadmap (FileName) and an index
// (IndexName) into dir, creating it if missing. Each file is written whole
// or not at all; files of earlier runs with other names are left alone.
//
// A pair's file is theirs once written: they tick milestones and fill in
// the progress log. So each file ends with a line that holds a digest of
// what was written, and a file that no longer matches its digest (edited,
// or written by hand) is kept as it is, not overwritten; kept lists their
// names. An unedited file is written again with the new plan.
func WriteDir(dir string, rs []mentormatch.Roadmap) (kept []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("roadmaps: create the output folder: %w", err)
	}
	for i := range rs {
		r := &rs[i]
		path := filepath.Join(dir, FileName(r))
		if edited(path) {
			kept = append(kept, FileName(r))
			continue
		}
		if err := report.WriteFile(path, func(w io.Writer) error {
			var b bytes.Buffer
			if err := Markdown(&b, r); err != nil {
				return err
			}
			_, err := w.Write(append(b.Bytes(), seal(b.Bytes())...))
			return err
		}); err != nil {
			return kept, err
		}
	}
	return kept, report.WriteFile(filepath.Join(dir, IndexName), func(w io.Writer) error { return Index(w, rs) })
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

// edited reports whether the file at path exists and is not, to the byte,
// a roadmap as WriteDir wrote it. A file that cannot be read counts as
// edited: it is left for the user to look at.
func edited(path string) bool {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		return true
	}
	k := bytes.LastIndex(data, []byte("\n"+sealPrefix))
	return k < 0 || string(data[k:]) != seal(data[:k])
}

// FileName is the pair's file name: mentee id and mentor id, made safe.
func FileName(r *mentormatch.Roadmap) string {
	return safe(r.MenteeID) + "-" + safe(r.MentorID) + ".md"
}

func safe(id string) string { return strings.TrimSuffix(calendar.FileName(id), ".ics") }

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
	var b bytes.Buffer
	b.WriteString("# Learning roadmaps\n\n")
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
		fmt.Fprintf(&b, "| %s | %s | %s | %s | [%s](%s) |\n", cell(r.MenteeName), cell(r.MentorName), cell(r.Cohort), cell(strings.Join(titles, "; ")), cell(FileName(r)), FileName(r))
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
