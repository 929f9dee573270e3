// Package matching solves the assignment problem of a mentoring program
// exactly: rows (mentees) to columns (mentors), each column taking at most
// its capacity of rows, NaN cells forbidden. The objective is the
// program's: as many rows as possible, then, among assignments of that
// size, the least total cost (or the greatest total score with
// Options.Maximize).
//
// # Dense problems
//
// SolveData (and Solve, over a gonum *mat.Dense) reads a row-major
// []float64 in place. It is a shortest augmenting path method of the
// Jonker–Volgenant family: column reduction, reduction transfer and
// augmenting row reduction find most of the assignment cheaply, then each
// remaining row is assigned by a Dijkstra search over reduced costs, with
// row and column potentials kept so that every reduced cost stays
// non-negative. When many rows remain, the searches read each row's short
// list of its cheapest cells and the rest of the row only once their
// labels reach the list's bound, which gives the same labels as reading
// whole rows; on square problems augmenting row reduction bids from the
// same lists when they tell the bid a whole row would. On matrices of
// few values, the matrix's least cost lets a bid stop at two cells of it. When reduction leaves most rows free and the rows exactly
// fill the places (low-rank scores, where many rows want the same few
// columns), an ε-scaling auction (Bertsekas) first sets every column's
// price at once and the searches start from those prices; the answer is
// still exact, and a row left free sends the solve back to zero prices.
// Rectangular problems are solved as they are, without
// padding to a square: the solver augments from whichever side has fewer
// units to place (the rows, or the columns' places when capacities add up
// to fewer than rows; the columns then read one transposed copy, made only
// once a column must be read whole: their first bids come from lists of
// each column's cheapest cells, found in one pass over the matrix). A column
// of capacity k is a target with k places, never k copied columns, so
// memory is O(rows+cols) beyond the matrix.
//
// Time is O(r²·c) in the worst case for r units placed and c targets, and
// far less on the matrices of real programs; BenchmarkSolve and the
// comparison in ../benchmarks measure it against SciPy's
// linear_sum_assignment, LEMON's network simplex and npm munkres on the
// same matrices.
//
// # Certificates
//
// Every Result carries the dual potentials RowDual and ColDual. With them,
// CertifyData proves a result optimal in O(rows·cols) without solving
// again: the duals are feasible and tight on assigned cells
// (complementary slackness for the program of the same size, so no
// assignment of that size costs less), and a breadth-first search finds no
// augmenting path (so none is larger). ForceData uses the same duals to
// price a pair the optimum did not choose — the best total when row i must
// take column j — by one shortest path search, O(rows·cols), instead of a
// re-solve; mentormatch explain reports that figure. ForceSparse does the
// same for a problem solved by SolveSparse, reading rows on demand.
//
// # Large problems
//
// SolveSparse solves a problem given as a function of (i, j), never held
// whole: 100,000 mentees by 10,000 mentors is 10⁹ cells. It solves the
// problem restricted to a few candidate pairs per row, then checks every
// other pair against the duals of that solution and brings in those that
// violate them, until none does. The final check is the certificate: the
// answer is the optimum of the full problem, not an approximation. Memory
// is O(rows+cols+candidate pairs). The first candidates come from an
// ε-scaling auction (Bertsekas) over whole rows that re-reads a row only
// when its short list of cheapest cells goes stale. Every pass reads whole
// rows; SparseOptions.Row lets the caller produce a row at once (the
// scorer shares the mentee's side of every pair, a compact matrix decodes
// a run of cells) rather than cell by cell.
//
// SparseOptions.Bound lets the caller give, instead, a bound of every cell
// of a row, at least as good as the cell and cheaper to produce (bounded.go).
// The auction then runs on the bounds, since it only chooses candidates,
// whose cells are then evaluated (SparseOptions.Cells, a few at a time);
// the checks settle every pair whose bound satisfies the duals and
// evaluate only the others. The certificate is the same.
//
// # Files
//
// Each file holds one algorithm: shortest_path_dense.go and
// shortest_path_sparse.go the shortest augmenting path searches over dense
// rows and over candidate cells; shortest_path_short.go the dense
// searches over short lists of each row's cheapest cells; state.go what they share, with augmenting
// row reduction; row_survey.go what the dense searches learn of the rows
// first (identical rows, lists of allowed cells when most are forbidden,
// the least cost); tall_lists.go the columns' lists of a tall problem;
// auction.go the ε-scaling auction that warm-starts both;
// auction_lazy.go its variant over whole rows with short lists, whose lists
// selection.go chooses; bounded.go the reading of rows through bounds; pricing.go SolveSparse's loop of solving on
// candidates and pricing every other pair against the duals;
// reoptimize.go the sparse solver's warm restart when pairs join;
// certify.go and force.go the certificate and forced-pair prices.
//
// Floating-point checks allow a rounding tolerance of 10⁻¹² of the largest
// magnitude involved, so on integer scores the optimum is exact.
package matching
