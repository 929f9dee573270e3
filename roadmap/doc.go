// Package roadmap turns a plan into one learning roadmap per mentee–mentor
// pair, and writes each as a Markdown file the pair can keep as a living
// document.
//
// Objectives come from the mentee's wants, most important first: a wanted
// skill becomes an objective when the mentor is stronger in it, aiming
// roadmap.level_gain levels higher but never above the mentor's level or 5.
// Up to roadmap.goal_objectives career goals that the mentor offers take
// the next places. When fewer than roadmap.min_objectives result, wanted
// skills the mentor is not stronger in (one level up) and other goals fill
// in, each saying so. Everything left out is listed in the roadmap's notes,
// with the seniors visiting the cohort who could help.
//
// Dates: the pair's first primary session is the kickoff and its last the
// closing review. Objective k of n runs over the share
// [k·s, 1−(n−1−k)·s] of the program, s being roadmap.stagger, so the most
// wanted skill is taken up first and due first; when a window would hold
// fewer sessions than there are stages, the pair's objectives run side by
// side over the whole program instead. Inside that window each
// stage's milestone falls on the session nearest the end of the stage's
// share, and always after the stage before while sessions allow. Review
// sessions (the first session on or after every roadmap.review_every_days)
// are preferred: another session must be half a review interval nearer
// the target to take the milestone.
// Every milestone date is therefore the start of one of the pair's
// sessions. Skills reviews fall on the first session on or after every
// roadmap.skills_review_every_days.
//
// All wording — objective titles, stages and their shares, milestone texts
// per skill family, what each session is for, level names — comes from
// Config.Roadmap; DefaultRoadmapConfig holds the defaults.
//
// Output is deterministic: it depends only on the program, the plan and the
// config.
package roadmap
