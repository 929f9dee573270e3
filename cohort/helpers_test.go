package cohort

import (
	"fmt"
	"time"

	"github.com/mentormatch/mentormatch"
)

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func slot(d time.Weekday, from, to string) mentormatch.Slot {
	return mentormatch.Slot{Day: d, Start: minutes(from), End: minutes(to)}
}

func minutes(hhmm string) int {
	var h, m int
	fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	return h*60 + m
}

// testProgram builds mentees from zones (one per mentee, cycled), primary
// mentors and seniors, with weekday availability 09:00–12:00 for every
// second person and none (office hours) for the others.
func testProgram(mentees, primaries, seniors int, zones []string) *mentormatch.Program {
	p := &mentormatch.Program{}
	depts := []string{"eng", "sales", "ops"}
	add := func(id string, role mentormatch.Role, typ mentormatch.MentorType, i int) int {
		zone := zones[i%len(zones)]
		per := mentormatch.Person{
			ID: id, Name: "Person " + id, Email: id + "@example.com", Role: role, MentorType: typ,
			Level: 1 + i%5, Department: depts[i%len(depts)], TimeZone: zone, Location: mustLoc(zone), Capacity: 3,
		}
		if i%2 == 0 {
			for d := time.Monday; d <= time.Friday; d++ {
				per.Availability = append(per.Availability, slot(d, "09:00", "12:00"))
			}
		}
		p.People = append(p.People, per)
		return len(p.People) - 1
	}
	for i := range mentees {
		p.Mentees = append(p.Mentees, add(fmt.Sprintf("E%d", 1000+i), mentormatch.RoleMentee, mentormatch.Primary, i))
	}
	for i := range primaries {
		p.Mentors = append(p.Mentors, add(fmt.Sprintf("M%d", 2000+i), mentormatch.RoleMentor, mentormatch.Primary, i))
	}
	for i := range seniors {
		p.Mentors = append(p.Mentors, add(fmt.Sprintf("S%d", 3000+i), mentormatch.RoleMentor, mentormatch.Senior, i))
	}
	return p
}

// roundRobinRoster pairs mentee i with a primary mentor in the same zone
// when there are at least 8 (zones cycle with period 4), else i mod primaries.
func roundRobinRoster(p *mentormatch.Program, primaries int) *mentormatch.Roster {
	r := &mentormatch.Roster{}
	for i := range p.Mentees {
		me := p.Mentee(i)
		j := i % primaries
		if primaries >= 8 {
			j = i%4 + 4*(i/4%2)
		}
		mo := p.Mentor(j)
		r.Matches = append(r.Matches, mentormatch.Match{MenteeID: me.ID, MenteeName: me.Name, MentorID: mo.ID, MentorName: mo.Name})
	}
	return r
}
