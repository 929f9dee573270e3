package benchmarks

import (
	"errors"
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

// TestCompare runs the same matrices through matching and SciPy and prints
// the table; both must find the same optimum. Without SciPy it still runs
// our side. Full run: MENTORMATCH_COMPARE=1000,2000,4000 go test ./benchmarks
// -run Compare -v -timeout 3h
func TestCompare(t *testing.T) {
	peer, err := StartPeer()
	if errors.Is(err, ErrNoPeer) {
		t.Log(err, "- timing our side only")
	} else {
		require.NoError(t, err)
		defer peer.Close()
		t.Log("peer:", peer.Python)
	}
	var out strings.Builder
	rows, err := Compare(&out, Suite(sizes(t)...), peer, Reps)
	require.NoError(t, err)
	t.Log("\n" + out.String())
	for _, r := range rows {
		if peer != nil {
			require.True(t, r.Agree(), "%s: ours %v (%d rows), scipy %+v", r.Case.Name(), r.Total, r.Assigned, *r.Peer)
		}
	}
}
