// Package mentormatch holds the domain types shared by every part of the
// mentor–mentee matching engine: people, the program they form, the roster
// that matching produces, the configuration and the sentinel errors that the
// command line maps to exit codes.
//
// The work itself lives in sub-packages: io/table reads people files,
// scoring turns every mentee–mentor pair into a score, matching finds the
// optimal assignment, cohort plans cohorts and rotations, plan assembles a
// whole plan (match, cohorts, roadmaps), and io/report and
// io/calendar write the results.
package mentormatch
