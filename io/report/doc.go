// Package report writes mentormatch results: rosters, plans, score matrices
// and solve results as JSON, CSV or XLSX, and the XLSX people template.
//
// Every file is written atomically (WriteFile): a failed write leaves a
// previous file intact. Output is deterministic: the same input gives
// byte-identical files. Text that a spreadsheet would run as a formula is
// written as text.
package report
