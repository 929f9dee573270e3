// Package parallel runs the rows of a table on all processors.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Rows calls f(i, buf) for every i in [0, n) on GOMAXPROCS goroutines, a
// few consecutive rows at a time; buf is the calling goroutine's own slice
// of width values, for f to fill as it likes. A panic in f stops the other
// goroutines at their next row and is raised again on the caller's
// goroutine, where the command line turns a bug into a short message and
// exit 1.
func Rows(n, width int, f func(i int, buf []float64)) {
	const block = 16
	workers := min(runtime.GOMAXPROCS(0), (n+block-1)/block)
	var (
		wg     sync.WaitGroup
		next   atomic.Int64
		failed atomic.Bool
		crash  any
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil && failed.CompareAndSwap(false, true) {
					crash = r
				}
			}()
			buf := make([]float64, width)
			for !failed.Load() {
				start := int(next.Add(block)) - block
				if start >= n {
					return
				}
				for i := start; i < min(start+block, n); i++ {
					f(i, buf)
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		panic(crash)
	}
}
