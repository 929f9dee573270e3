// Package report writes mentormatch results: rosters, plans, re-matches,
// program metrics, score matrices and solve results as JSON, CSV or XLSX,
// and the XLSX people template.
//
// The roster workbook is what a program manager forwards: a Summary sheet
// first (key figures, unmatched people grouped by reason, charts of the
// score distribution and of mentor load, one printed page), then Matches,
// Unmatched and Mentor load, the Skills gap map (SkillGaps, WithSkillGaps)
// and any Warnings. A plan adds Cohorts, Schedule and Roadmaps. Data sheets
// have frozen, filterable headers, fitted widths, scores with one decimal,
// dates, times and hours as numbers with formats, and wrapped reasons. The
// Matches sheet keeps the CSV roster's column names so that it reads back
// as a roster.
//
// Every file is written atomically (package output): a failed write leaves
// a previous file intact; Into adds the files to a run's batch of outputs. Output is deterministic: the same input gives
// byte-identical files, workbooks included (their zip entries are written
// in a fixed order with a fixed time). Text that a spreadsheet would run as
// a formula is written as text.
package report
