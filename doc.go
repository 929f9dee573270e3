// Package mentormatch holds the domain types shared by every part of the
// mentor–mentee matching engine: people, the program they form, the
// roster that matching produces, the plan built on it, decisions and
// surveys, the configuration and the sentinel errors that the command line
// maps to exit codes.
//
// The work itself lives in sub-packages, each named for what it holds:
//
//   - io/table reads people files, matrices, rosters, plans, surveys,
//     decisions and shortlist answers (CSV and XLSX), every problem with
//     its file, row and column;
//   - availability is the one model of free time: people's weekly hours
//     on the program's weeks in their own zones, shared hours, and
//     whether two people can meet;
//   - scoring turns every mentee–mentor pair into a score with reasons,
//     under the hard rules;
//   - matching finds the optimal assignment, exact and certified;
//   - roster scores and solves a program into a roster, explains it
//     (forced-pair prices, blocking pairs) and makes shortlists;
//   - cohort forms cohorts, rotates peers and seniors and dates every
//     session;
//   - plan assembles a whole plan: match, cohorts and sessions, roadmaps;
//   - roadmap writes a learning roadmap per pair;
//   - rematch re-matches after a relationship-health survey;
//   - metrics measures a program from its check-in surveys;
//   - notify writes the introductions, one e-mail per person;
//   - io/report, io/calendar write workbooks, CSV, JSON and calendars,
//     through io/output, which writes every file whole and every folder
//     as one, and never over an input;
//   - serve is the review page on the manager's own machine;
//   - synth and example are the synthetic and the built-in programs;
//   - internal/parallel is the worker loop on every core, and
//     internal/wording how messages write counts, numbers and lists;
//   - benchmarks compares the solver with its peers;
//   - cmd/mentormatch is the command line.
package mentormatch
