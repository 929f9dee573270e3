package benchmarks

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The peers' harnesses. Each is a long-lived process that answers one job
// a line, "path rows cols cap maximize reps", with one JSON object a line
// (PeerResult), after a first line "ready" once it has loaded its solver,
// so that start-up stays off every clock. Each keeps the last matrix it
// read, so that interleaved runs of one case read it once.
var (
	//go:embed peers/scipy.py
	scipyScript []byte
	//go:embed peers/munkres.cjs
	munkresScript []byte
	//go:embed peers/lemon.cpp
	lemonSource []byte
)

// MunkresVersion is the npm munkres the comparison is written for.
const MunkresVersion = "2.0.4"

// Peer is another assignment solver, run in its own process.
type Peer struct {
	Name   string // SciPy, LEMON or munkres
	What   string // the program or package found
	cmd    *exec.Cmd
	in     *bufio.Writer
	out    *bufio.Scanner
	stdin  interface{ Close() error }
	closed bool
}

// PeerResult is one peer's answer for one case.
type PeerResult struct {
	Seconds  float64 `json:"seconds"`
	Total    float64 `json:"total"`
	Assigned int     `json:"assigned"`
	Error    string  `json:"error"`
}

// Peers are the peers found and started, with the matrix files they
// share.
type Peers struct {
	List    []*Peer
	Skipped []string // why each missing peer is missing, in words
	dir     string
	n       int
}

// MunkresDir is where the comparison looks for npm munkres:
// MENTORMATCH_MUNKRES, else mentormatch/npm under the user's cache folder
// (install it with npm install --prefix "$dir" munkres@2.0.4).
func MunkresDir() string {
	if d := os.Getenv("MENTORMATCH_MUNKRES"); d != "" {
		return d
	}
	c, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(c, "mentormatch", "npm")
}

// StartPeers starts every peer that this machine has: SciPy (python3 with
// scipy), LEMON (liblemon-dev and g++, the harness compiled here) and npm
// munkres (node and the package in MunkresDir). A peer that is missing or
// fails to start is named in Skipped with the reason; only a failure to
// make the working folder is an error. Close stops them.
func StartPeers() (*Peers, error) {
	dir, err := os.MkdirTemp("", "mentormatch-peers-")
	if err != nil {
		return nil, err
	}
	ps := &Peers{dir: dir}
	for _, start := range []func(dir string) (*Peer, error){startSciPy, startLEMON, startMunkres} {
		p, err := start(dir)
		if err != nil {
			ps.Skipped = append(ps.Skipped, err.Error())
			continue
		}
		ps.List = append(ps.List, p)
	}
	return ps, nil
}

func startSciPy(dir string) (*Peer, error) {
	var python string
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import scipy.optimize").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		return nil, fmt.Errorf("SciPy skipped: no python3 with scipy (apt-get install -y python3-scipy)")
	}
	// Not scipy.py: Python would import the script itself as scipy.
	script := filepath.Join(dir, "peer_scipy.py")
	if err := os.WriteFile(script, scipyScript, 0o600); err != nil {
		return nil, err
	}
	return startPeer("SciPy", python+" "+pythonModuleVersion(python, "scipy"), exec.Command(python, script))
}

func pythonModuleVersion(python, module string) string {
	out, err := exec.Command(python, "-c", "import "+module+"; print("+module+".__version__)").Output()
	if err != nil {
		return module
	}
	return module + " " + strings.TrimSpace(string(out))
}

func startLEMON(dir string) (*Peer, error) {
	cxx := os.Getenv("CXX")
	if cxx == "" {
		cxx = "g++"
	}
	if _, err := exec.LookPath(cxx); err != nil {
		return nil, fmt.Errorf("LEMON skipped: no C++ compiler %s (apt-get install -y g++ liblemon-dev)", cxx)
	}
	if _, err := os.Stat("/usr/include/lemon/network_simplex.h"); err != nil {
		return nil, fmt.Errorf("LEMON skipped: no lemon/network_simplex.h (apt-get install -y liblemon-dev)")
	}
	src, bin := filepath.Join(dir, "lemon.cpp"), filepath.Join(dir, "lemon-peer")
	if err := os.WriteFile(src, lemonSource, 0o600); err != nil {
		return nil, err
	}
	if out, err := exec.Command(cxx, "-O2", "-march=native", "-std=c++17", "-o", bin, src).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("LEMON skipped: the harness did not compile: %v\n%s", err, out)
	}
	return startPeer("LEMON", "network simplex, liblemon "+debianVersion("liblemon-dev"), exec.Command(bin))
}

func debianVersion(pkg string) string {
	out, err := exec.Command("dpkg-query", "-W", "-f=${Version}", pkg).Output()
	if err != nil {
		return "(version unknown)"
	}
	return string(out)
}

func startMunkres(dir string) (*Peer, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return nil, fmt.Errorf("munkres skipped: no node (apt-get install -y nodejs npm)")
	}
	mod := MunkresDir()
	if _, err := os.Stat(filepath.Join(mod, "node_modules", "munkres", "package.json")); err != nil {
		return nil, fmt.Errorf("munkres skipped: no npm munkres in %s (npm install --prefix %q munkres@%s)", mod, mod, MunkresVersion)
	}
	script := filepath.Join(dir, "munkres.cjs")
	if err := os.WriteFile(script, munkresScript, 0o600); err != nil {
		return nil, err
	}
	return startPeer("munkres", "npm munkres "+npmVersion(mod), exec.Command("node", script, mod))
}

func npmVersion(mod string) string {
	raw, err := os.ReadFile(filepath.Join(mod, "node_modules", "munkres", "package.json"))
	var pkg struct{ Version string }
	if err != nil || json.Unmarshal(raw, &pkg) != nil {
		return "(version unknown)"
	}
	return pkg.Version
}

// startPeer starts cmd and waits for its "ready" line.
func startPeer(name, what string, cmd *exec.Cmd) (*Peer, error) {
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s skipped: %v", name, err)
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	p := &Peer{Name: name, What: what, cmd: cmd, in: bufio.NewWriter(stdin), out: sc, stdin: stdin}
	if !sc.Scan() || sc.Text() != "ready" {
		p.close()
		return nil, fmt.Errorf("%s skipped: no ready line from its harness: %v", name, sc.Err())
	}
	return p, nil
}

// write stores a case's matrix as raw little-endian float64 for the peers
// and returns its path.
func (ps *Peers) write(data []float64) (string, error) {
	ps.n++
	path := filepath.Join(ps.dir, fmt.Sprintf("m%d.f64", ps.n))
	buf := make([]byte, 8*len(data))
	for k, x := range data {
		binary.LittleEndian.PutUint64(buf[8*k:], math.Float64bits(x))
	}
	return path, os.WriteFile(path, buf, 0o600)
}

// solve has the peer solve the matrix at path reps times.
func (p *Peer) solve(c Case, path string, reps int) (PeerResult, error) {
	mx := 0
	if c.Options().Maximize {
		mx = 1
	}
	fmt.Fprintf(p.in, "%s %d %d %d %d %d\n", path, c.Rows, c.Cols, max(c.Cap, 1), mx, reps)
	if err := p.in.Flush(); err != nil {
		return PeerResult{}, fmt.Errorf("%s: %w", p.Name, err)
	}
	if !p.out.Scan() {
		return PeerResult{}, fmt.Errorf("%s stopped: %v", p.Name, p.out.Err())
	}
	var r PeerResult
	if err := json.NewDecoder(bytes.NewReader(p.out.Bytes())).Decode(&r); err != nil {
		return PeerResult{}, fmt.Errorf("reading %s's answer: %w", p.Name, err)
	}
	return r, nil
}

func (p *Peer) close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	p.stdin.Close()
	return p.cmd.Wait()
}

// Close stops every peer and removes the matrix files.
func (ps *Peers) Close() error {
	var first error
	for _, p := range ps.List {
		if err := p.close(); err != nil && first == nil {
			first = fmt.Errorf("%s: %w", p.Name, err)
		}
	}
	os.RemoveAll(ps.dir)
	return first
}
