// Package serve is the review page behind `mentormatch serve`: a small web
// server, on the manager's own machine, that shows a program's match
// (summary, roster, each mentee and mentor, cohorts and their week
// calendars), lets the manager pin and veto pairs and change the objective
// and weights, re-solving exactly each time, and exports the same files
// the command line writes. The plan behind the cohorts pages (cohorts,
// sessions, roadmaps) is built in the background from the program's load
// and after each change (planner.go), so those pages answer at once: with
// the plan, or with a page that says it is being planned.
//
// Nothing leaves the machine: the server listens on loopback unless told
// otherwise, pages and assets are embedded (no request goes to another
// host), and every request needs the random token of the printed URL.
// Every change is a POST that carries the session's CSRF token and, when
// the browser sends one, an Origin of this server. The server writes only
// under its folder (Options.Dir): the decisions file, the edited
// configuration, uploaded people files and saved exports; it never writes
// over a people file it read.
package serve
