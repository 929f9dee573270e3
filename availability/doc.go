// Package availability is the one model of when a program's people are
// free: their weekly slots, in their own IANA zones, laid on the weeks the
// program's schedule spans.
//
// A week is a grid of 15-minute cells from Monday 00:00 UTC (Week). A
// person's slots are placed on it with their zone's UTC offset of that
// week, so a clock change moves them for the weeks after it; the
// program's first week is the one holding schedule.start (the Monday on
// or before it). Each week is read at its zone offsets of Wednesday
// 12:00 UTC: clock changes fall on weekends, so only a weekend slot in the
// very week of a change can be read an hour off.
//
// Model answers, for any two people, the free time they share in every
// week of the program (the least of any week: what they can count on)
// and whether they can meet: share at least one whole session of free time,
// a run of schedule.session_minutes, in every week. A person who lists no
// availability can meet anyone; their shared hours are unknown (−1).
//
// Free lists a person's free intervals between two instants, with each
// slot placed on its actual local date (the scheduler's view, exact across
// a clock change); Intersect intersects such lists.
package availability
