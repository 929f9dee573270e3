// Package scoring scores every mentee–mentor pair of a program.
//
// A pair's score is 100 × Σ wₖcₖ / Σ wₖ over five components cₖ in [0, 1]
// (skills, availability, goals, level, prefers) with the weights of the
// configuration, rounded to hundredths so that totals are exact to the cent.
// A pair that breaks a hard rule is forbidden: its matrix cell is NaN.
//
// New prepares each person once (interned skills, a dense mentor skill table,
// a bitset of the week in 15-minute cells in UTC, the management chain), so
// that scoring a pair allocates nothing and costs O(wants + goals + 11 words
// of popcount + chain depth). Matrix scores all pairs in parallel: for m
// mentees and n mentors it takes O(m·n) time on GOMAXPROCS goroutines and
// O(m·n) memory for the result.
package scoring
