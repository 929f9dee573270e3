// LEMON's network simplex, for benchmarks/peers.go: one job a line on
// standard input, "path rows cols cap maximize reps", one JSON answer a
// line. The assignment is a min-cost flow of k = min(rows, places) units
// from a source through one arc per row and one arc per allowed cell to
// the columns, each column passing up to its capacity on to the sink. A
// cell's cost is its distance from the best value (max − x maximising,
// x − min minimising): every flow uses k cell arcs, so the shift leaves
// the optimum where it was, and the simplex sizes its artificial arcs by
// the largest positive cost, which negated scores would not have. The graph is built once per matrix
// and not timed; the clock covers the solver object, its maps and run(),
// best of reps. An answer with fewer than k rows (no such flow) is an
// error, as it is for SciPy.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

using Graph = lemon::SmartDigraph;
using Solver = lemon::NetworkSimplex<Graph, int, double>;

struct Problem {
  Graph g;
  Graph::NodeMap<int> supply{g};
  Graph::ArcMap<int> upper{g};
  Graph::ArcMap<double> cost{g};
  std::vector<Graph::Arc> cells;      // arcs of allowed cells
  std::vector<double> value;          // their original values
};

int main() {
  std::ios::sync_with_stdio(false);
  std::cout << "ready" << std::endl;
  std::string path, last;
  long rows, cols, cap;
  int maximize, reps;
  std::unique_ptr<Problem> p;
  long k = 0;
  while (std::cin >> path >> rows >> cols >> cap >> maximize >> reps) {
    if (cap < 1) cap = 1;
    if (path != last) {
      std::vector<double> data(rows * cols);
      FILE* f = std::fopen(path.c_str(), "rb");
      if (!f || std::fread(data.data(), sizeof(double), data.size(), f) != data.size()) {
        std::cout << "{\"error\":\"cannot read " << path << "\"}" << std::endl;
        if (f) std::fclose(f);
        continue;
      }
      std::fclose(f);
      p = std::make_unique<Problem>();
      Graph& g = p->g;
      long allowed = 0;
      double lo = INFINITY, hi = -INFINITY;
      for (double x : data) {
        if (std::isnan(x)) continue;
        allowed++;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
      g.reserveNode(rows + cols + 2);
      g.reserveArc(allowed + rows + cols);
      Graph::Node s = g.addNode(), t = g.addNode();
      std::vector<Graph::Node> r(rows), c(cols);
      for (auto& n : r) n = g.addNode();
      for (auto& n : c) n = g.addNode();
      for (long i = 0; i < rows; i++) {
        Graph::Arc a = g.addArc(s, r[i]);
        p->upper[a] = 1;
        p->cost[a] = 0;
      }
      for (long j = 0; j < cols; j++) {
        Graph::Arc a = g.addArc(c[j], t);
        p->upper[a] = cap;
        p->cost[a] = 0;
      }
      p->cells.reserve(allowed);
      p->value.reserve(allowed);
      for (long i = 0; i < rows; i++) {
        for (long j = 0; j < cols; j++) {
          double x = data[i * cols + j];
          if (std::isnan(x)) continue;
          Graph::Arc a = g.addArc(r[i], c[j]);
          p->upper[a] = 1;
          p->cost[a] = maximize ? hi - x : x - lo;
          p->cells.push_back(a);
          p->value.push_back(x);
        }
      }
      k = std::min(rows, cols * cap);
      for (Graph::NodeIt n(g); n != lemon::INVALID; ++n) p->supply[n] = 0;
      p->supply[s] = k;
      p->supply[t] = -k;
      last = path;
    }
    double best = INFINITY, total = 0;
    long assigned = 0;
    bool ok = true;
    for (int n = 0; n < reps; n++) {
      auto t0 = std::chrono::steady_clock::now();
      Solver ns(p->g);
      ns.upperMap(p->upper).costMap(p->cost).supplyMap(p->supply);
      Solver::ProblemType res = ns.run();
      double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (el < best) best = el;
      if (res != Solver::OPTIMAL) {
        ok = false;
        break;
      }
      total = 0;
      assigned = 0;
      for (size_t a = 0; a < p->cells.size(); a++) {
        if (ns.flow(p->cells[a]) > 0) {
          total += p->value[a];
          assigned++;
        }
      }
    }
    if (!ok) {
      std::cout << "{\"error\":\"no assignment of " << k << " rows\"}" << std::endl;
      continue;
    }
    std::cout.precision(17);
    std::cout << "{\"seconds\":" << best << ",\"total\":" << total << ",\"assigned\":" << assigned << "}" << std::endl;
  }
  return 0;
}
