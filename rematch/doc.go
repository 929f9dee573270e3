// Package rematch re-matches a program after a relationship-health
// survey: unhealthy pairs are dissolved and never formed again, pairs whose
// people left or changed are freed, every other pair stays, and the freed
// and waiting mentees are matched optimally into the capacity that remains
// (optionally moving a bounded number of healthy pairs, by an exact branch
// and bound). The survey's health figures come from
// mentormatch.SurveyHealth, which the program metrics (package metrics) read too.
package rematch
