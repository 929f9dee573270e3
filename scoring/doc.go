// Package scoring scores every mentee–mentor pair of a program.
//
// A pair's score is 100 × Σ wₖcₖ / Σ wₖ over five components cₖ in [0, 1]
// (skills, availability, goals, level, prefers) and the program's soft
// criteria, with the weights of the configuration, rounded to hundredths
// so that totals are exact to the cent. A pair that breaks a hard rule or a
// hard criterion is forbidden: its matrix cell is NaN.
//
// Criteria (mentormatch.Criterion) read any column of the people files,
// found by folded header (FoldHeader) among the extra columns or the
// built-in department, level, languages and timezone. New parses every
// cell once into an interned value, a number or a sorted list, and reports
// every cell that does not fit its rule as a mentormatch.Problem with its
// file, row and column.
//
// New prepares each person once (interned skills, a dense mentor skill table,
// a bitset of the week in 15-minute cells in UTC, the management chain, the
// criteria's cells), so that scoring a pair allocates nothing and costs
// O(wants + goals + 11 words of popcount + chain depth + criteria), list
// criteria adding the length of the lists.
//
// Row scores one mentee against every mentor, a component at a time across
// a run of mentors (the mentors' fields are laid out a slice each), and
// applies the rules that read lists of people (avoid, management chain,
// prefers) only to the few mentors they concern: about 30 ns a pair on the
// development machine, where Cell, one pair at a time, costs 80. Row,
// Cell, Matrix, Compact and Pair give the same value to the bit. Matrix
// scores all pairs in parallel: for m mentees and n mentors it takes
// O(m·n) time on GOMAXPROCS goroutines and O(m·n) memory for the result.
// Compact holds the same matrix at two bytes a cell, for the sparse
// solver of a program too large for float64 cells.
//
// Quotas (mentormatch.Quota) are reported by QuotaResults; SolveQuota
// enforces a hard one by Lagrangian relaxation, certified by its bound (see
// SolveQuota and docs/criteria.md).
package scoring
