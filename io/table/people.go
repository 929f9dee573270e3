package table

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mentormatch/mentormatch"
)

// File is one input file.
type File struct {
	// Path names the file, in errors too. It is read unless Data is set.
	Path string
	// Role is the role of every row in the file (the --mentees and
	// --mentors flags). 0 takes roles from a role column or from sheets
	// named Mentees and Mentors.
	Role mentormatch.Role
	// Data, when not nil, is the file's content (the built-in example).
	Data []byte
}

// Options tune how people files are read.
type Options struct {
	// Sheet is the XLSX sheet to read; empty reads the sheets named
	// Mentees and Mentors, or else the first sheet.
	Sheet string
	// Levels maps job titles to levels 1–9 (Config.Levels); nil uses the
	// default configuration's titles.
	Levels map[string]int
}

// ReadProgram reads people files into a program. When given a mentees file
// and a mentors file, mentees come first whatever the order of the
// arguments. The error is mentormatch.Problems, listing every problem in
// every file sorted by file, sheet, row and column, or an I/O error. Ids in
// manager_id, prefers and avoid that name nobody are not errors: they are
// returned as Program.Warnings.
//
// Reading takes time and memory linear in the size of the files.
func ReadProgram(opt Options, files ...File) (*mentormatch.Program, error) {
	files = slices.Clone(files)
	slices.SortStableFunc(files, func(a, b File) int {
		return boolInt(b.Role == mentormatch.RoleMentee) - boolInt(a.Role == mentormatch.RoleMentee)
	})
	titles := map[string]int{}
	levels := opt.Levels
	if levels == nil {
		levels = mentormatch.DefaultConfig().Levels
	}
	for k, v := range levels {
		titles[normName(k)] = v
	}
	b := &builder{titles: titles, seen: map[string]mentormatch.Source{}}
	if len(files) == 0 {
		b.problems = append(b.problems, mentormatch.Problem{Message: "no people file given"})
	}
	for _, f := range files {
		data, p, err := load(f)
		if err != nil {
			return nil, err
		}
		if p != nil {
			b.problems = append(b.problems, *p)
			continue
		}
		kind, p := sniff(f.Path, data)
		if p != nil {
			b.problems = append(b.problems, *p)
			continue
		}
		var tables []*rawTable
		switch kind {
		case kindXLSX:
			ts, ps := readXLSX(f.Path, data, opt.Sheet, f.Role == 0)
			tables = ts
			b.problems = append(b.problems, ps...)
		default:
			t, ps := readCSV(f.Path, data, peopleDelimiter)
			tables = []*rawTable{t}
			b.problems = append(b.problems, ps...)
		}
		for _, t := range tables {
			if f.Role != 0 {
				t.Role = f.Role
			}
			b.table(t)
		}
	}
	prog := b.finish()
	if len(b.problems) > 0 {
		b.problems.Sort()
		return nil, b.problems
	}
	return prog, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// builder accumulates people and problems over all files.
type builder struct {
	titles   map[string]int
	people   []mentormatch.Person
	seen     map[string]mentormatch.Source // id -> first row
	problems mentormatch.Problems
	warnings mentormatch.Problems
	refs     []ref
	// readers read rows, one for each core.
	readers []*rowReader
	// guesses are the availability cells read as day hours without am
	// or pm ("9-5"), warned about once.
	guesses []guess
}

// guess is an availability cell whose hours were read as day hours.
type guess struct {
	src    mentormatch.Source
	column string
	ranges []string
}

type zoneCell struct {
	loc  *time.Location
	name string
	err  error
}

type slotsCell struct {
	slots   []mentormatch.Slot
	guessed []string
	err     error
}

func (b *rowReader) zone(v string) zoneCell {
	z, ok := b.zones[v]
	if !ok {
		z.loc, z.name, z.err = ParseTimeZone(v)
		if b.zones == nil {
			b.zones = map[string]zoneCell{}
		}
		b.zones[v] = z
	}
	return z
}

// availability parses v once; every person gets a copy of the slots.
func (b *rowReader) availability(v string) ([]mentormatch.Slot, []string, error) {
	c, ok := b.slots[v]
	if !ok {
		c.slots, c.guessed, c.err = parseAvailability(v)
		if b.slots == nil {
			b.slots = map[string]slotsCell{}
		}
		b.slots[v] = c
	}
	return slices.Clone(c.slots), c.guessed, c.err
}

// shownGuesses is how many cells the day-hours warning names.
const shownGuesses = 5

// guessWarning is one warning for every availability cell read as day
// hours without am or pm, naming the first cells.
func (b *builder) guessWarning() []mentormatch.Problem {
	if len(b.guesses) == 0 {
		return nil
	}
	g0 := b.guesses[0]
	cells := make([]string, 0, shownGuesses)
	sameFile := true
	for _, g := range b.guesses {
		sameFile = sameFile && g.src.File == g0.src.File && g.src.Sheet == g0.src.Sheet
	}
	for _, g := range b.guesses[:min(len(b.guesses), shownGuesses)] {
		where := fmt.Sprintf("row %d", g.src.Row)
		if !sameFile {
			where = mentormatch.Problem{File: g.src.File, Sheet: g.src.Sheet, Row: g.src.Row}.String()
		}
		cells = append(cells, fmt.Sprintf("%s %q", where, strings.Join(g.ranges, ", ")))
	}
	list := strings.Join(cells, "; ")
	if more := len(b.guesses) - len(cells); more > 0 {
		list += fmt.Sprintf("; and %d more", more)
	}
	w := mentormatch.Problem{Column: g0.column, Message: fmt.Sprintf(
		"%d availability cells give hours without am or pm that would end before they start (%s): read as day hours, 9-5 as 09:00-17:00; write 24-hour times such as 09:00-17:00, or 22:00-01:00 for a window past midnight, to say so",
		len(b.guesses), list)}
	if sameFile {
		w.File, w.Sheet = g0.src.File, g0.src.Sheet
	}
	if len(b.guesses) == 1 {
		w.Row = g0.src.Row
		w.Message = fmt.Sprintf("%q has hours without am or pm that would end before they start: read as day hours, 9-5 as 09:00-17:00; write 24-hour times such as 09:00-17:00, or 22:00-01:00 for a window past midnight, to say so", strings.Join(g0.ranges, ", "))
	}
	return []mentormatch.Problem{w}
}

// ref is an id one person's cell refers to, checked once everyone is read.
type ref struct {
	id      string
	column  string
	src     mentormatch.Source
	manager bool
}

// table reads the people of one sheet or CSV file.
func (b *builder) table(t *rawTable) {
	b.warnings = append(b.warnings, t.Warnings...)
	if t.Limited {
		return
	}
	if len(t.Rows) == 0 {
		if !t.Cut {
			b.problems = append(b.problems, t.problem(0, "", "the file is empty: expected a header row with id, name and the other columns, then one row per person"))
		}
		return
	}
	hi, h, ok := findHeader(t.Rows)
	if !ok {
		if t.Cut && len(t.Rows) < headerSearchRows {
			return
		}
		if i, _, ok := findHeaderWithoutID(t.Rows); ok {
			b.problems = append(b.problems, t.problem(t.Lines[i], "", "missing column: this looks like the header row, but no column is an id (expected id, employee id, worker id, person id or staff id)"))
			return
		}
		b.problems = append(b.problems, t.problem(0, "", "no header row found in the first %d rows: expected a row naming an id column (id, employee id, worker id, ...) and a name column", headerSearchRows))
		return
	}
	hrow := t.Lines[hi]
	missing := false
	if !h.has(fName) && !h.has(fFirst) && !h.has(fLast) {
		b.problems = append(b.problems, t.problem(hrow, "", "missing column: expected a name column (name, full name, or first name and last name)"))
		missing = true
	}
	if t.Role == 0 && !h.has(fRole) {
		b.problems = append(b.problems, t.problem(hrow, "", "missing column: expected a role column (mentee, mentor or both), or sheets named Mentees and Mentors, or separate --mentees and --mentors files"))
		missing = true
	}
	for _, d := range h.dups {
		first := h.cols[h.by[aliases[mentormatch.FoldHeader(d.header)]]-1]
		b.warnings = append(b.warnings, t.problem(hrow, d.header, "means the same as column %q, which is used; this one is kept as an extra column", first.header))
	}
	if missing {
		return
	}
	width := len(t.Rows[hi])
	for width > 0 && strings.TrimSpace(t.Rows[hi][width-1]) == "" {
		width--
	}
	people := 0
	b.people = slices.Grow(b.people, len(t.Rows)-hi-1)
	var batch []rowRead
	for i := hi + 1; i < len(t.Rows); i++ {
		if (i-hi-1)%batchRows == 0 {
			batch = b.readRows(batch, t, &h, i, min(i+batchRows, len(t.Rows)))
		}
		row, line := t.Rows[i], t.Lines[i]
		if blank(row) {
			continue
		}
		if len(b.problems) >= MaxProblems {
			b.problems = append(b.problems, t.problem(line, "", "stopped after %d problems: fix these and check the file again", len(b.problems)))
			return
		}
		people++
		if t.Strict && len(row) != width {
			n := len(row)
			for n > width && strings.TrimSpace(row[n-1]) == "" {
				n--
			}
			if n != width {
				b.problems = append(b.problems, t.problem(line, "", "row has %d cells but the header (row %d) has %d: check for a missing or extra %s or an unclosed quote", len(row), hrow, width, delimName(t.Delim)))
				continue
			}
		}
		b.person(t, &batch[(i-hi-1)%batchRows], line)
	}
	if people == 0 && !t.Cut {
		b.problems = append(b.problems, t.problem(hrow, "", "no people below the header row"))
	}
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func delimName(d rune) string {
	switch d {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return "comma"
}

// batchRows is how many rows readRows reads at a time: enough to keep
// every core busy, few enough that a file of nothing but bad rows stops
// soon after MaxProblems.
const batchRows = 8192

// readRows reads rows lo to hi of t into out, each row on its own: the
// rows are shared among as many goroutines as there are cores, and
// b.person then takes them in order, so that problems, references and
// warnings come out as if read one after the other.
func (b *builder) readRows(out []rowRead, t *rawTable, h *header, lo, hi int) []rowRead {
	out = slices.Grow(out[:0], hi-lo)[:hi-lo]
	const chunk = 512
	workers := min(runtime.GOMAXPROCS(0), (len(out)+chunk-1)/chunk)
	for len(b.readers) < max(workers, 1) {
		b.readers = append(b.readers, &rowReader{titles: b.titles})
	}
	if workers <= 1 {
		for i := range out {
			b.readers[0].read(&out[i], t, h, t.Rows[lo+i], t.Lines[lo+i])
		}
		return out
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, r := range b.readers[:workers] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				from := int(next.Add(chunk)) - chunk
				if from >= len(out) {
					return
				}
				for i := from; i < min(from+chunk, len(out)); i++ {
					r.read(&out[i], t, h, t.Rows[lo+i], t.Lines[lo+i])
				}
			}
		}()
	}
	wg.Wait()
	return out
}

// rowRead is one row read on its own: the person, and the problems,
// references and day-hours guess it adds, in the order found. The id is
// checked against the other rows later, by builder.person.
type rowRead struct {
	p        mentormatch.Person
	idCol    string
	problems []mentormatch.Problem
	refs     []ref
	guess    *guess
}

// person takes one row read by readRows: it checks the id against the
// rows before it and adds the person.
func (b *builder) person(t *rawTable, r *rowRead, line int) {
	if id := r.p.ID; id == "" {
		b.problems = append(b.problems, t.problem(line, r.idCol, "id is required"))
	} else if first, dup := b.seen[id]; dup {
		b.problems = append(b.problems, t.problem(line, r.idCol, "duplicate id %q: already used %s", id, where(first, r.p.Source)))
	} else {
		b.seen[id] = r.p.Source
	}
	b.problems = append(b.problems, r.problems...)
	b.refs = append(b.refs, r.refs...)
	if r.guess != nil {
		b.guesses = append(b.guesses, *r.guess)
	}
	b.people = append(b.people, r.p)
}

// rowReader reads rows on its own; titles is shared and only read. zones
// and slots remember the cells this reader parsed: an export repeats a
// few zones and shifts thousands of times, and loading a zone reads the
// time zone database.
type rowReader struct {
	titles map[string]int
	zones  map[string]zoneCell
	slots  map[string]slotsCell
}

// read reads one row into out.
func (b *rowReader) read(out *rowRead, t *rawTable, h *header, row []string, line int) {
	*out = rowRead{}
	p := mentormatch.Person{Location: time.UTC, Source: mentormatch.Source{File: t.File, Sheet: t.Sheet, Row: line}}
	cell := func(c *column) string {
		if c == nil || c.index >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[c.index])
	}
	get := func(f field) (string, string) {
		c := h.col(f)
		if c == nil {
			return "", fieldLabel(f)
		}
		return cell(c), c.header
	}
	bad := func(column string, err error) {
		out.problems = append(out.problems, t.problem(line, column, "%v", err))
	}

	p.ID, out.idCol = get(fID)

	name, nameCol := get(fName)
	if name == "" {
		first, _ := get(fFirst)
		last, _ := get(fLast)
		name = strings.TrimSpace(first + " " + last)
		if !h.has(fName) {
			nameCol = firstOf(h, fFirst, fLast)
		}
	}
	p.Name = strings.Join(strings.Fields(name), " ")
	if p.Name == "" {
		out.problems = append(out.problems, t.problem(line, nameCol, "name is required"))
	}

	if v, col := get(fEmail); v != "" {
		if err := checkEmail(v); err != nil {
			bad(col, err)
		}
		p.Email = v
	}

	p.Role = t.Role
	if v, col := get(fRole); t.Role == 0 {
		if v == "" {
			out.problems = append(out.problems, t.problem(line, col, "role is required: expected mentee, mentor or both"))
		} else if r, err := parseRole(v); err != nil {
			bad(col, err)
		} else {
			p.Role = r
		}
	} else if v != "" {
		// A role column in a mentees or mentors file may still say "both".
		if r, err := parseRole(v); err != nil {
			bad(col, err)
		} else if r == mentormatch.RoleBoth {
			p.Role = r
		}
	}

	if v, col := get(fMentorType); v != "" {
		if mt, err := parseMentorType(v); err != nil {
			bad(col, err)
		} else if p.Role.IsMentor() {
			p.MentorType = mt
		}
	}

	if v, col := get(fLevel); v != "" {
		if lv, err := parseLevel(v, b.titles); err != nil {
			bad(col, err)
		} else {
			p.Level = lv
		}
	}
	p.Department, _ = get(fDepartment)

	if v, col := get(fManager); v != "" {
		p.ManagerID = v
		out.refs = append(out.refs, ref{id: v, column: col, src: p.Source, manager: true})
	}

	if v, col := get(fTimeZone); v != "" {
		if z := b.zone(v); z.err != nil {
			bad(col, z.err)
		} else {
			p.Location, p.TimeZone = z.loc, z.name
		}
	}

	if v, col := get(fAvailability); v != "" {
		if slots, guessed, err := b.availability(v); err != nil {
			bad(col, err)
		} else {
			p.Availability = slots
			if len(guessed) > 0 {
				out.guess = &guess{src: p.Source, column: col, ranges: guessed}
			}
		}
	}

	if v, col := get(fSkills); v != "" {
		if sk, err := ParseSkills(v); err != nil {
			bad(col, err)
		} else {
			p.Skills = sk
		}
	}
	for i := range h.cols {
		c := &h.cols[i]
		if c.field != fSkill {
			continue
		}
		v := cell(c)
		if v == "" {
			continue
		}
		lv, ok := parseWhole(v)
		if !ok || lv < 0 || lv > 5 {
			out.problems = append(out.problems, t.problem(line, c.header, "skill level %q: expected a whole number 0–5", v))
			continue
		}
		if k := slices.IndexFunc(p.Skills, func(s mentormatch.Skill) bool { return s.Name == c.skill }); k >= 0 {
			p.Skills[k].Level = max(p.Skills[k].Level, lv)
		} else {
			p.Skills = append(p.Skills, mentormatch.Skill{Name: c.skill, Level: lv})
		}
	}

	if v, _ := get(fWants); v != "" {
		p.Wants = parseNames(v)
	}
	if v, _ := get(fGoals); v != "" {
		p.Goals = parseNames(v)
	}
	if v, _ := get(fOffers); v != "" {
		p.Offers = parseNames(v)
	}
	if v, _ := get(fLanguages); v != "" {
		p.Languages = parseNames(v)
	}

	if p.Role.IsMentor() {
		p.Capacity = 1
		if p.MentorType == mentormatch.Senior {
			p.Capacity = 0
		}
	}
	if v, col := get(fCapacity); v != "" {
		n, ok := parseWhole(v)
		if !ok || n < 0 || n > 1_000_000 {
			out.problems = append(out.problems, t.problem(line, col, "capacity %q: expected a whole number 0 or more (how many mentees this mentor takes)", v))
		} else if p.Role.IsMentor() {
			p.Capacity = n
		}
	}

	for _, f := range []field{fPrefers, fAvoid} {
		v, col := get(f)
		if v == "" {
			continue
		}
		ids := parseIDs(v)
		for _, id := range ids {
			out.refs = append(out.refs, ref{id: id, column: col, src: p.Source})
		}
		if f == fPrefers {
			p.Prefers = ids
		} else {
			p.Avoid = ids
		}
	}

	// Extra columns keep their non-empty cells only: a wide export of
	// mostly empty columns must not cost a map entry per cell.
	for _, c := range h.cols {
		if c.field != fExtra {
			continue
		}
		v := cell(&c)
		if v == "" {
			continue
		}
		if p.Extra == nil {
			p.Extra = map[string]string{}
		}
		p.Extra[c.key] = v
	}
	out.p = p
}

func fieldLabel(f field) string {
	switch f {
	case fID:
		return "id"
	case fName:
		return "name"
	case fRole:
		return "role"
	}
	return ""
}

func firstOf(h *header, fs ...field) string {
	for _, f := range fs {
		if c := h.col(f); c != nil {
			return c.header
		}
	}
	return ""
}

// where says where an earlier row is, relative to the current one.
func where(first, cur mentormatch.Source) string {
	switch {
	case first.File != cur.File:
		if first.Sheet != "" {
			return fmt.Sprintf("in %s [%s] row %d", first.File, first.Sheet, first.Row)
		}
		return fmt.Sprintf("in %s row %d", first.File, first.Row)
	case first.Sheet != cur.Sheet:
		return fmt.Sprintf("on sheet %q row %d", first.Sheet, first.Row)
	}
	return fmt.Sprintf("on row %d", first.Row)
}

// finish checks references and builds the program.
func (b *builder) finish() *mentormatch.Program {
	for _, r := range b.refs {
		if _, ok := b.seen[r.id]; !ok {
			msg := fmt.Sprintf("unknown id %q: nobody in the input has this id, so it is ignored", r.id)
			if r.manager {
				msg = fmt.Sprintf("manager %q is not in the files: ignored; managers outside the program are normal", r.id)
			}
			b.warnings = append(b.warnings, mentormatch.Problem{File: r.src.File, Sheet: r.src.Sheet, Row: r.src.Row, Column: r.column, Message: msg})
		}
	}
	b.warnings = append(b.warnings, b.guessWarning()...)
	if len(b.people) == 0 && len(b.problems) == 0 {
		b.problems = append(b.problems, mentormatch.Problem{Message: "no people found"})
	}
	prog := &mentormatch.Program{People: b.people}
	for i := range b.people {
		if b.people[i].Role.IsMentee() {
			prog.Mentees = append(prog.Mentees, i)
		}
		if b.people[i].Role.IsMentor() {
			prog.Mentors = append(prog.Mentors, i)
		}
	}
	b.warnings.Sort()
	prog.Warnings = b.warnings
	return prog
}
