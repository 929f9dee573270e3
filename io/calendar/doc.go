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
// byte-identical files. Ids that are not safe in file names have every
// character outside A–Z, a–z, 0–9, '.', '_' and '-' replaced by '_'.
package calendar
