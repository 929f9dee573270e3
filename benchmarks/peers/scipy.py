# SciPy's linear_sum_assignment, for benchmarks/peers.go: one job a line
# on standard input, "path rows cols cap maximize reps", one JSON answer a
# line. The clock runs around the call only, best of reps. A forbidden cell
# (NaN) becomes an infinite cost, which SciPy accepts as long as a full
# assignment exists; a column with capacity k is repeated k times, as SciPy
# has no capacities.
import json, sys, time
import numpy as np
from scipy.optimize import linear_sum_assignment
print("ready", flush=True)
last, a, orig = None, None, None
for line in sys.stdin:
    path, rows, cols, cap, mx, reps = line.split()
    rows, cols, cap, mx, reps = int(rows), int(cols), int(cap), mx == "1", int(reps)
    if path != last:
        orig = np.fromfile(path, dtype="<f8").reshape(rows, cols)
        a = orig.copy()
        a[np.isnan(a)] = -np.inf if mx else np.inf
        if cap > 1:
            a = np.repeat(a, cap, axis=1)
        last = path
    best, out = None, {}
    try:
        for _ in range(reps):
            t = time.perf_counter()
            r, c = linear_sum_assignment(a, maximize=mx)
            el = time.perf_counter() - t
            best = el if best is None else min(best, el)
        out = {"seconds": best, "total": float(a[r, c].sum()), "assigned": int(len(r))}
    except ValueError as e:
        out = {"error": str(e)}
    print(json.dumps(out), flush=True)
