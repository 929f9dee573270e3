package benchmarks

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNoPeer reports that no Python with SciPy was found.
var ErrNoPeer = errors.New("benchmarks: no python3 with scipy (apt-get install -y python3-scipy)")

// peerScript times scipy.optimize.linear_sum_assignment on each job it
// reads from standard input, one JSON object a line, and answers one JSON
// object a line. The clock runs around the call only, best of reps. A
// forbidden cell (NaN) becomes an infinite cost, which SciPy accepts as
// long as a full assignment exists; a column with capacity k is repeated k
// times, as SciPy has no capacities.
const peerScript = `
import json, sys, time
import numpy as np
from scipy.optimize import linear_sum_assignment
print("ready", flush=True)
for line in sys.stdin:
    job = json.loads(line)
    a = np.fromfile(job["path"], dtype="<f8").reshape(job["rows"], job["cols"])
    mx = job["maximize"]
    a[np.isnan(a)] = -np.inf if mx else np.inf
    if job["cap"] > 1:
        a = np.repeat(a, job["cap"], axis=1)
    best, out = None, {}
    try:
        for _ in range(job["reps"]):
            t = time.perf_counter()
            r, c = linear_sum_assignment(a, maximize=mx)
            el = time.perf_counter() - t
            best = el if best is None else min(best, el)
        out = {"seconds": best, "total": float(a[r, c].sum()), "assigned": int(len(r))}
    except ValueError as e:
        out = {"error": str(e)}
    print(json.dumps(out), flush=True)
`

// Peer runs SciPy in one long-lived Python process.
type Peer struct {
	dir    string
	cmd    *exec.Cmd
	in     *bufio.Writer
	out    *bufio.Scanner
	stdin  interface{ Close() error }
	Python string // the interpreter found
	n      int
}

// PeerResult is SciPy's answer for one case.
type PeerResult struct {
	Seconds  float64 `json:"seconds"`
	Total    float64 `json:"total"`
	Assigned int     `json:"assigned"`
	Error    string  `json:"error"`
}

// StartPeer finds a python3 that imports scipy (python3 on PATH, then
// /usr/bin/python3, where Debian's python3-scipy lives) and starts it.
// It returns ErrNoPeer when there is none.
func StartPeer() (*Peer, error) {
	var python string
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import scipy.optimize").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		return nil, ErrNoPeer
	}
	dir, err := os.MkdirTemp("", "mentormatch-peer-")
	if err != nil {
		return nil, err
	}
	script := filepath.Join(dir, "peer.py")
	if err := os.WriteFile(script, []byte(peerScript), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cmd := exec.Command(python, script)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting %s: %w", python, err)
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	p := &Peer{dir: dir, cmd: cmd, in: bufio.NewWriter(stdin), out: sc, stdin: stdin, Python: python}
	// Python imports NumPy and SciPy for a second or so of CPU; waiting for
	// it keeps that off the clock of our first case.
	if !sc.Scan() || sc.Text() != "ready" {
		p.Close()
		return nil, fmt.Errorf("starting %s: no ready line from the peer script: %v", python, sc.Err())
	}
	return p, nil
}

// Solve writes data to a file and has SciPy solve it reps times.
func (p *Peer) Solve(c Case, data []float64, reps int) (PeerResult, error) {
	p.n++
	path := filepath.Join(p.dir, fmt.Sprintf("m%d.f64", p.n))
	buf := make([]byte, 8*len(data))
	for k, x := range data {
		binary.LittleEndian.PutUint64(buf[8*k:], math.Float64bits(x))
	}
	if err := os.WriteFile(path, buf, 0o600); err != nil {
		return PeerResult{}, err
	}
	defer os.Remove(path)
	job, _ := json.Marshal(map[string]any{
		"path": path, "rows": c.Rows, "cols": c.Cols, "cap": max(c.Cap, 1),
		"maximize": c.Options().Maximize, "reps": reps,
	})
	p.in.Write(append(job, '\n'))
	if err := p.in.Flush(); err != nil {
		return PeerResult{}, err
	}
	if !p.out.Scan() {
		return PeerResult{}, fmt.Errorf("scipy stopped: %v", p.out.Err())
	}
	var r PeerResult
	if err := json.NewDecoder(bytes.NewReader(p.out.Bytes())).Decode(&r); err != nil {
		return PeerResult{}, fmt.Errorf("reading scipy's answer: %w", err)
	}
	return r, nil
}

// Close stops Python and removes the files.
func (p *Peer) Close() error {
	p.stdin.Close()
	err := p.cmd.Wait()
	os.RemoveAll(p.dir)
	return err
}
