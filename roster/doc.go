// Package roster turns a scored program into a roster: it solves the
// assignment under the configured objective, builds the matches with their
// breakdowns and reasons, the unmatched with theirs, mentor load and the
// summary, and answers what-if questions about it.
//
// Objectives. "total", the default, is the exact optimum: as many mentees
// matched as the hard rules and capacities allow, then the highest total
// score, one solve. "fair" keeps that cardinality, then maximises the
// lowest score of any pair (a bottleneck search: binary search over the
// distinct scores, each step one exact solve with the pairs below the
// threshold forbidden, O(log distinct scores) solves), then the highest
// total among those. "stable" is no optimum: a stable roster, mentee-
// optimal, by deferred acceptance with capacities (stable.go), both sides
// ranking by their stated preferences, then the solved cell; pins are set
// aside with their seats first, so stability is that of the rest. One more
// solve under "total" prices stability (Summary.Stable); forced pairs are
// not priced (ErrNotPriced).
//
// Shared time. With rules.prefer_shared_time, the default, the pairs who
// can meet come second, between the mentees matched and the score: a
// pair who cannot meet has its cell lowered by TierWeight, a power of two
// wider than any difference of totals (tier.go), so every objective,
// price and blocking pair is taken on the tiered cells. The scores alone
// are solved first; when no pair of that optimum is apart it is the
// tiered optimum too, which saves the wide cells' slower solve.
//
// Size. A program of more than 25 million pairs (DefaultDenseCells, a
// memory budget), under "total" with no hard quota, is solved in sparse
// mode (matching.SolveSparse) on its scores kept at two bytes a pair
// (scoring.Compact, up to 10⁹ pairs) or scored row by row past that, and
// its what-if questions are priced from the sparse duals
// (matching.ForceSparse). Smaller programs, and fair, stable or hard
// quotas at any size, hold the float64 matrix.
//
// Blocking pairs are reported, not removed: a pair who would both score
// higher together than with their partners is a question a program
// manager will be asked, and the count says how many such questions the
// optimum leaves. Under "stable" they are counted on its rankings, and
// there are none.
package roster
