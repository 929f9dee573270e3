// Package cohort holds everything after the 1:1 match that turns a roster
// into a dated program: it groups mentees into cohorts (peer circles),
// rotates peers within them and senior mentors across them, and dates every
// session in the people's shared hours. Re-matching after a survey lives in
// package rematch.
package cohort
