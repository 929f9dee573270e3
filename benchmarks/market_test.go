package benchmarks

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch/matching"
)

// TestMarket solves markets in sparse mode and reports their time, peak
// memory and certificate. The sizes come from MENTORMATCH_MARKET, a
// comma-separated list such as "100000x10000x10,100000x10000x5" (mentees ×
// mentors × places each); go test alone solves two small ones, one with
// places for everyone and one with half as many. SolveSparse proves its
// answer against every pair; on the markets small enough to enumerate, the
// test checks that proof again with CertifyData.
//
//	MENTORMATCH_MARKET=100000x10000x10 go test ./benchmarks -run Market -v -timeout 1h
func TestMarket(t *testing.T) {
	env := os.Getenv("MENTORMATCH_MARKET")
	if env == "" {
		env = "3000x300x10,3000x300x5"
	}
	for _, size := range strings.Split(env, ",") {
		var rows, cols, capacity int
		_, err := fmt.Sscanf(strings.ReplaceAll(strings.TrimSpace(size), "x", " "), "%d %d %d", &rows, &cols, &capacity)
		require.NoError(t, err, "MENTORMATCH_MARKET is a list of ROWSxCOLSxCAP")
		m := NewMarket(rows, cols, capacity)
		var trace strings.Builder
		runtime.GC()
		start := time.Now()
		res, err := matching.SolveSparse(rows, cols, m.Cell, matching.SparseOptions{Options: m.Options(), Trace: &trace})
		el := time.Since(start)
		require.NoError(t, err)
		t.Logf("%s: %.1f s, peak RSS %d MB, %d assigned, total %g; %d rounds, %d candidate pairs, %d others checked against the duals\n%s",
			m.Name(), el.Seconds(), peakRSS()>>20, res.Assigned, res.Total, res.Rounds, res.Pairs, res.Checked, trace.String())
		require.Equal(t, min(rows, cols*capacity), res.Assigned)
		if int64(rows)*int64(cols) <= 1e7 {
			data := make([]float64, rows*cols)
			for i := range rows {
				for j := range cols {
					data[i*cols+j] = m.Cell(i, j)
				}
			}
			require.NoError(t, matching.CertifyData(rows, cols, data, m.Options(), &res.Result))
		}
	}
}

// peakRSS is the process's largest resident set so far, in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss << 10 // kilobytes on Linux
}
