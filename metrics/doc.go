// Package metrics measures a mentoring program over time from its
// check-in surveys: response rate and satisfaction per survey, per pair
// and per cohort, milestone completion, skill development (the change in
// each mentee's self-rated level of each wanted skill per calendar month)
// and the pairs at risk.
//
// Surveys are read by io/table.ReadSurvey; the optional check-in columns
// (skills, milestone, date) feed skill development and milestones. The
// health of each survey comes from mentormatch.SurveyHealth, so the figures agree
// with what rematch reports for the same survey.
//
// Measure is deterministic: lists follow the roster's order, cohorts the
// order given, skills sort by name.
package metrics
