// Package cohort groups a program's mentees into cohorts (peer circles),
// rotates peers and senior mentors through them, and dates every session.
package cohort
