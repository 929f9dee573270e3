package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // the zones below must load on machines without tzdata

	"github.com/mentormatch/mentormatch"
)

// Options sizes a population.
type Options struct {
	Mentees int
	Mentors int
	// Seniors is how many of the mentors are of the senior type (no 1:1
	// mentees; they visit cohorts). A negative value asks for the default,
	// about 5% of the mentors; it is capped at Mentors.
	Seniors int
	Seed    int64
}

// FirstID is the number in the first generated id, "E100001".
const FirstID = 100001

type department struct {
	name   string
	weight float64
	skills []string // core skills, most central first
}

var departments = []department{
	{"Platform", 18, []string{"go", "kubernetes", "terraform", "observability", "linux"}},
	{"Payments", 14, []string{"java", "api design", "sql", "security", "distributed systems"}},
	{"Data", 14, []string{"python", "sql", "spark", "data modeling", "machine learning"}},
	{"Mobile", 12, []string{"kotlin", "swift", "ui design", "accessibility", "testing"}},
	{"Security", 8, []string{"security", "threat modeling", "go", "incident response", "cryptography"}},
	{"SRE", 10, []string{"incident response", "kubernetes", "observability", "linux", "go"}},
	{"Design", 8, []string{"ui design", "user research", "accessibility", "prototyping", "writing"}},
	{"Product", 10, []string{"product strategy", "user research", "writing", "sql", "roadmapping"}},
	{"Frontend", 12, []string{"typescript", "react", "accessibility", "testing", "ui design"}},
}

// Skills anyone may have a little of, whatever the department.
var commonSkills = []string{"public speaking", "writing", "sql", "python", "testing", "distributed systems", "api design", "go"}

var goals = []string{"tech lead", "architecture", "people management", "public speaking", "career growth", "promotion", "system design", "product sense", "work-life balance"}

type zone struct {
	name   string
	weight float64
	langs  []string // usual languages in that zone, besides en
	noEn   float64  // share of people who list no en
}

var zones = []zone{
	{"America/Los_Angeles", 16, []string{"es"}, 0},
	{"America/New_York", 16, []string{"es"}, 0},
	{"America/Sao_Paulo", 7, []string{"pt", "es"}, 0.25},
	{"Europe/London", 12, nil, 0},
	{"Europe/Berlin", 14, []string{"de"}, 0.1},
	{"Europe/Madrid", 4, []string{"es"}, 0.1},
	{"Asia/Kolkata", 14, []string{"hi"}, 0},
	{"Asia/Singapore", 6, nil, 0},
	{"Asia/Tokyo", 5, []string{"ja"}, 0.3},
	{"Australia/Sydney", 6, nil, 0},
}

var firstNames = []string{
	"Ada", "Ben", "Chen", "Dana", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kavya", "Lena",
	"Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wei", "Xavier",
	"Yara", "Zoe", "Arjun", "Bianca", "Carlos", "Daria", "Emil", "Fatima", "Goran", "Hana", "Ivan",
	"Julia", "Kenji", "Lucia", "Marta", "Nikhil", "Olga", "Pedro", "Rahul", "Sofia", "Tomas", "Yusuf",
}

var lastNames = []string{
	"Okafor", "Schmidt", "Silva", "Tanaka", "Kumar", "Novak", "Lindqvist", "Haddad", "Rossi", "Muller",
	"Patel", "Costa", "Nguyen", "Walsh", "Fischer", "Iyer", "Moreau", "Santos", "Berg", "Khan", "Lopez",
	"Weber", "Sato", "Reyes", "Brown", "Meyer", "Garcia", "Ito", "Nair", "Petrov", "Kim", "Andersen",
}

// table picks an index with probability proportional to its weight in O(log n).
type table []float64

func newTable(ws []float64) table {
	t := make(table, len(ws))
	sum := 0.0
	for i, w := range ws {
		sum += w
		t[i] = sum
	}
	return t
}

func (t table) pick(r *rand.Rand) int {
	x := r.Float64() * t[len(t)-1]
	i, _ := slices.BinarySearch(t, x)
	return min(i, len(t)-1)
}

// Generate returns Mentees mentees followed by Mentors mentors; the same
// Options always give the same people. Ids run from E100001 upwards. It takes
// O(n) time and memory for n people.
func Generate(opt Options) []mentormatch.Person {
	nMentees, nMentors := max(opt.Mentees, 0), max(opt.Mentors, 0)
	nSeniors := opt.Seniors
	if nSeniors < 0 {
		nSeniors = (nMentors + 10) / 20
	}
	nSeniors = min(nSeniors, nMentors)
	seed := uint64(opt.Seed)
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	deptTable := newTable(weights(departments, func(d department) float64 { return d.weight }))
	zoneTable := newTable(weights(zones, func(z zone) float64 { return z.weight }))
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		loc, err := time.LoadLocation(z.name)
		if err != nil { // cannot happen with time/tzdata linked in
			loc = time.UTC
		}
		locs[i] = loc
	}

	people := make([]mentormatch.Person, nMentees+nMentors)
	emails := make(map[string]int, len(people))
	// Mentors come after the mentees; the first nSeniors of them are seniors.
	// Each department's most senior mentor heads it; about one mentor in
	// three manages people.
	heads := make([]int, len(departments))
	for i := range heads {
		heads[i] = -1
	}
	managers := make([][]int, len(departments))
	for k := range nMentors {
		i := nMentees + k
		p := &people[i]
		d := deptTable.pick(r)
		if k < len(departments) && k < nMentors/3 {
			d = k // every department gets a mentor early when there are enough
		}
		p.Role = mentormatch.RoleMentor
		if k < nSeniors {
			p.MentorType = mentormatch.Senior
			p.Level = 6 + r.IntN(4)
			p.Capacity = 0
		} else {
			p.MentorType = mentormatch.Primary
			p.Level = 4 + r.IntN(5)
			p.Capacity = 1 + r.IntN(4)
		}
		fill(r, p, i, d, zoneTable, locs, emails)
		p.Offers = sample(r, goals, 2+r.IntN(3))
		switch {
		case heads[d] < 0:
			heads[d] = i
		case people[heads[d]].Level < p.Level:
			// The newcomer outranks the head: promote them.
			managers[d] = append(managers[d], heads[d])
			heads[d] = i
		case r.IntN(3) == 0 || len(managers[d]) == 0:
			managers[d] = append(managers[d], i)
		}
	}
	// Chains: managers report to the head, other mentors to a manager (or the
	// head), mentees to a manager of their department.
	isManager := make(map[int]bool)
	for d := range departments {
		for _, m := range managers[d] {
			isManager[m] = true
		}
	}
	for k := range nMentors {
		i := nMentees + k
		p := &people[i]
		d := deptIndex(p.Department)
		switch {
		case i == heads[d]:
		case isManager[i] || len(managers[d]) == 0:
			p.ManagerID = people[heads[d]].ID
		default:
			p.ManagerID = people[managers[d][r.IntN(len(managers[d]))]].ID
		}
	}

	primaryLo, primaryHi := nMentees+nSeniors, nMentees+nMentors // primary mentors
	for i := range nMentees {
		p := &people[i]
		d := deptTable.pick(r)
		p.Role = mentormatch.RoleMentee
		p.Level = menteeLevel(r)
		fill(r, p, i, d, zoneTable, locs, emails)
		switch {
		case len(managers[d]) > 0:
			p.ManagerID = people[managers[d][r.IntN(len(managers[d]))]].ID
		case heads[d] >= 0:
			p.ManagerID = people[heads[d]].ID
		}
		p.Wants = wants(r, p)
		p.Goals = sample(r, goals, 1+r.IntN(3))
		if primaryHi > primaryLo {
			if r.IntN(100) < 4 {
				p.Prefers = []string{people[primaryLo+r.IntN(primaryHi-primaryLo)].ID}
			}
			if r.IntN(100) < 2 {
				p.Avoid = []string{people[primaryLo+r.IntN(primaryHi-primaryLo)].ID}
			}
		}
	}
	// A few mentors would rather not mentor someone in particular.
	for k := nSeniors; k < nMentors && nMentees > 0; k++ {
		if r.IntN(100) < 2 {
			people[nMentees+k].Avoid = []string{people[r.IntN(nMentees)].ID}
		}
	}
	return people
}

func weights[T any](xs []T, w func(T) float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = w(x)
	}
	return out
}

func deptIndex(name string) int {
	for i, d := range departments {
		if d.name == name {
			return i
		}
	}
	return 0
}

// menteeLevel is mostly 1–4, with a tail up to 6.
func menteeLevel(r *rand.Rand) int {
	switch x := r.IntN(100); {
	case x < 15:
		return 1
	case x < 45:
		return 2
	case x < 72:
		return 3
	case x < 92:
		return 4
	case x < 98:
		return 5
	}
	return 6
}

// fill sets what mentees and mentors share: id, name, department, zone,
// availability, skills and languages.
func fill(r *rand.Rand, p *mentormatch.Person, i, d int, zt table, locs []*time.Location, emails map[string]int) {
	p.ID = fmt.Sprintf("E%d", FirstID+i)
	first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
	p.Name = first + " " + last
	local := strings.ToLower(first + "." + last)
	emails[local]++
	if n := emails[local]; n > 1 {
		local += fmt.Sprint(n)
	}
	p.Email = local + "@example.com"
	p.Department = departments[d].name
	z := zt.pick(r)
	p.TimeZone, p.Location = zones[z].name, locs[z]
	p.Availability = availability(r)
	p.Skills = skills(r, d, p.Level)
	p.Languages = languages(r, zones[z])
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// availability is 2–5 weekly slots on different weekdays inside
// 08:00–18:00, each of 1½–4 hours: the blocks people offer for mentoring.
// (Narrower slots made pairs in the same zone rarely overlap, which no
// real program looks like.)
func availability(r *rand.Rand) []mentormatch.Slot {
	n := 2 + r.IntN(4)
	days := sample(r, weekdays, n)
	slices.Sort(days)
	out := make([]mentormatch.Slot, n)
	for i, d := range days {
		length := 30 * (3 + r.IntN(6))               // 90–240 minutes
		start := 8*60 + 30*r.IntN((600-length)/30+1) // ends by 18:00
		out[i] = mentormatch.Slot{Day: d, Start: start, End: start + length}
	}
	return out
}

// skills draws the department's core skills at levels that grow with the
// person's job level, plus one or two skills from elsewhere, weaker.
func skills(r *rand.Rand, d, level int) []mentormatch.Skill {
	core := departments[d].skills
	out := make([]mentormatch.Skill, 0, len(core)+2)
	base := float64(level) * 0.6 // level 1 → ~0.6, level 8 → ~4.8
	for rank, name := range core {
		v := base - 0.3*float64(rank) + r.NormFloat64()*0.8
		out = append(out, mentormatch.Skill{Name: name, Level: clamp(int(v+0.5), 0, 5)})
	}
	for range 1 + r.IntN(2) {
		name := commonSkills[r.IntN(len(commonSkills))]
		if hasSkill(out, name) {
			continue
		}
		v := base*0.5 + r.NormFloat64()
		out = append(out, mentormatch.Skill{Name: name, Level: clamp(int(v+0.5), 0, 5)})
	}
	return out
}

func hasSkill(ss []mentormatch.Skill, name string) bool {
	for _, s := range ss {
		if s.Name == name {
			return true
		}
	}
	return false
}

// wants is 2–4 skills the mentee is weakest in, weakest first; core skills
// of the department win ties, as that is what their job needs.
func wants(r *rand.Rand, p *mentormatch.Person) []string {
	idx := make([]int, len(p.Skills))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return p.Skills[a].Level - p.Skills[b].Level })
	n := min(2+r.IntN(3), len(idx))
	out := make([]string, 0, n)
	for _, i := range idx[:n] {
		if p.Skills[i].Level < 4 || len(out) < 2 {
			out = append(out, p.Skills[i].Name)
		}
	}
	return out
}

func languages(r *rand.Rand, z zone) []string {
	var out []string
	if r.Float64() >= z.noEn {
		out = append(out, "en")
	}
	for _, l := range z.langs {
		if len(out) == 0 || r.IntN(2) == 0 {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		out = append(out, "en")
	}
	return out
}

// sample returns n distinct elements of xs in random order (n ≤ len(xs)).
func sample[T any](r *rand.Rand, xs []T, n int) []T {
	n = min(n, len(xs))
	pool := slices.Clone(xs)
	for i := range n {
		j := i + r.IntN(len(pool)-i)
		pool[i], pool[j] = pool[j], pool[i]
	}
	return pool[:n]
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
