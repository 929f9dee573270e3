// Package calendar publishes a plan's sessions as iCalendar (RFC 5545)
// files: one per participant (<id>.ics) with every session they attend, and
// one per cohort (cohort-<id>.ics) with the cohort's peer rounds and senior
// visits (1:1 sessions stay in the two participants' own files).
//
// Files are meant to be published again when the plan changes. Each event's
// UID is a hash of what the meeting is — cohort, kind, round and the sorted
// participant ids — and not of when it is, so a calendar that imports or
// subscribes to a newer file moves the existing event instead of adding a
// second one. Times are written in UTC ("Z"); DTSTAMP is midnight UTC of the
// plan's first session day, not the time of writing, so the same plan gives
// byte-identical files.
//
// File names are unique by construction and stable (FileNames): an id that
// is safe in a file name as it is names its file; one that is not, or that
// reads like another id but for case, or like a cohort's file, has its
// unsafe characters replaced by '_' and a hash of the exact id added
// ("j_rgen~3f2a9c1b07.ics"). WriteDir writes the folder as one step, with
// a manifest of its files (package output).
package calendar
