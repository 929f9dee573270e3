package benchmarks

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// sizes returns the sizes to compare: MENTORMATCH_COMPARE, a comma-separated
// list such as "1000,2000,4000", or small ones that keep go test quick.
func sizes(t *testing.T) []int {
	env := os.Getenv("MENTORMATCH_COMPARE")
	if env == "" {
		return []int{60, 200}
	}
	var out []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		require.NoError(t, err, "MENTORMATCH_COMPARE is a list of sizes")
		out = append(out, n)
	}
	return out
}

// only keeps the cases named in MENTORMATCH_CASES, a comma-separated list
// of names or their beginnings such as "uniform/2000x2000,equal/", or all
// of them when it is empty.
func only(cases []Case) []Case {
	env := os.Getenv("MENTORMATCH_CASES")
	if env == "" {
		return cases
	}
	var out []Case
	for _, c := range cases {
		for _, f := range strings.Split(env, ",") {
			if f = strings.TrimSpace(f); f != "" && strings.HasPrefix(c.Name(), f) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// TestCompare runs the same matrices through matching and every peer
// found (SciPy, LEMON, npm munkres) and prints the table; all must find
// the same optimum. A missing peer is skipped with its reason; without any
// it still runs our side. Full run: MENTORMATCH_COMPARE=1000,2000,4000 go
// test ./benchmarks -run Compare -v -timeout 3h
func TestCompare(t *testing.T) {
	peers, err := StartPeers()
	require.NoError(t, err)
	defer peers.Close()
	for _, why := range peers.Skipped {
		t.Log(why)
	}
	for _, p := range peers.List {
		t.Logf("peer %s: %s", p.Name, p.What)
	}
	var out strings.Builder
	rows, err := Compare(&out, only(Suite(sizes(t)...)), peers, Reps)
	t.Log("\n" + out.String())
	require.NoError(t, err)
	for _, r := range rows {
		require.True(t, r.Agree(), "%s: ours %v (%d rows), peers %+v", r.Case.Name(), r.Total, r.Assigned, r.Peers)
	}
}
