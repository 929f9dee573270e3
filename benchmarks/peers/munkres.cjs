// npm munkres, for benchmarks/peers.go: one job a line on standard input,
// "path rows cols cap maximize reps", one JSON answer a line. argv[2] is
// the folder whose node_modules holds munkres. The clock runs around the
// call only, best of reps. Costs are minimised, so a maximised score is
// negated; a forbidden cell (NaN) is +Infinity; a column with capacity k is
// repeated k times. Total and count are over allowed cells only, so an
// answer that needs a forbidden cell shows as a different optimum.
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const { createRequire } = require("module");
const munkres = createRequire(path.join(process.argv[2], "noop.js"))("munkres").munkres;

let last = null, cost = null, orig = null, R = 0, C = 0, K = 1;
console.log("ready");
const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  const [file, rows, cols, cap, mx, reps] = line.trim().split(/\s+/);
  if (file !== last) {
    const buf = fs.readFileSync(file);
    orig = new Float64Array(buf.buffer, buf.byteOffset, buf.length / 8);
    R = +rows; C = +cols; K = Math.max(+cap, 1);
    const sign = mx === "1" ? -1 : 1;
    cost = new Array(R);
    for (let i = 0; i < R; i++) {
      const row = new Float64Array(C * K);
      for (let j = 0; j < C; j++) {
        const x = orig[i * C + j];
        const c = Number.isNaN(x) ? Infinity : sign * x;
        for (let k = 0; k < K; k++) row[j * K + k] = c;
      }
      cost[i] = row;
    }
    last = file;
  }
  let best = Infinity, pairs = null;
  for (let n = 0; n < +reps; n++) {
    const t = process.hrtime.bigint();
    pairs = munkres(cost);
    const el = Number(process.hrtime.bigint() - t) / 1e9;
    best = Math.min(best, el);
  }
  let total = 0, assigned = 0;
  for (const [i, jk] of pairs) {
    const x = orig[i * C + Math.floor(jk / K)];
    if (!Number.isNaN(x)) { total += x; assigned++; }
  }
  console.log(JSON.stringify({ seconds: best, total, assigned }));
});
