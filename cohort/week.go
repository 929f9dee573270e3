package cohort

import (
	"time"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/availability"
)

// officeHours stands in for people who list no availability: Monday to
// Friday, 09:00–17:00 in their own zone.
var officeHours = []mentormatch.Slot{
	{Day: time.Monday, Start: 9 * 60, End: 17 * 60},
	{Day: time.Tuesday, Start: 9 * 60, End: 17 * 60},
	{Day: time.Wednesday, Start: 9 * 60, End: 17 * 60},
	{Day: time.Thursday, Start: 9 * 60, End: 17 * 60},
	{Day: time.Friday, Start: 9 * 60, End: 17 * 60},
}

// slotsOf returns the person's weekly slots, office hours when none.
func slotsOf(p *mentormatch.Person) []mentormatch.Slot {
	if len(p.Availability) == 0 {
		return officeHours
	}
	return p.Availability
}

func locOf(p *mentormatch.Person) *time.Location {
	if p.Location == nil {
		return time.UTC
	}
	return p.Location
}

// interval is a half-open span of time [From, To).
type interval = availability.Interval

// intervals lists when p is free between from and to, in UTC, sorted and
// merged (availability.Free of their slots, office hours when none).
func intervals(p *mentormatch.Person, from, to time.Time) []interval {
	return availability.Free(slotsOf(p), locOf(p), from, to)
}
