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

// TestMarket solves a market in sparse mode and reports its time, peak
// memory and certificate. The size comes from MENTORMATCH_MARKET, such as
// "100000x10000x10" (mentees × mentors × capacity); go test alone solves a
// small one. The answer must pass the dual check on every pair, which
// SolveSparse proves; the test checks the proof again here on the pairs
// it can afford to enumerate.
//
//	MENTORMATCH_MARKET=100000x10000x10 go test ./benchmarks -run Market -v -timeout 1h
func TestMarket(t *testing.T) {
	rows, cols, capacity := 3000, 300, 10
	if env := os.Getenv("MENTORMATCH_MARKET"); env != "" {
		_, err := fmt.Sscanf(strings.ReplaceAll(env, "x", " "), "%d %d %d", &rows, &cols, &capacity)
		require.NoError(t, err, "MENTORMATCH_MARKET is ROWSxCOLSxCAP")
	}
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

// peakRSS is the process's largest resident set so far, in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Maxrss << 10 // kilobytes on Linux
}
