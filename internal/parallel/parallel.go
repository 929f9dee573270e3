// Package parallel runs the rows of a table on all processors.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(w, k) for every k in [0, n) on workers goroutines (0 means
// GOMAXPROCS), chunk consecutive values of k at a time; w, in [0, workers),
// numbers the goroutine making the call, so that f can keep a buffer per
// goroutine. A panic in f stops the other goroutines at their next chunk
// and is raised again on the caller's goroutine, where the command line
// turns a bug into a short message and exit 1 rather than a crash.
func For(n, workers, chunk int, f func(w, k int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	chunk = max(chunk, 1)
	workers = min(workers, (n+chunk-1)/chunk)
	var (
		wg     sync.WaitGroup
		next   atomic.Int64
		failed atomic.Bool
		crash  any
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil && failed.CompareAndSwap(false, true) {
					crash = r
				}
			}()
			for !failed.Load() {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				for k := lo; k < min(lo+chunk, n); k++ {
					f(w, k)
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		panic(crash)
	}
}

// Rows calls f(i, buf) for every i in [0, n) on GOMAXPROCS goroutines, 16
// rows at a time, as For does; buf is the calling goroutine's own slice of
// width values, for f to fill as it likes.
func Rows(n, width int, f func(i int, buf []float64)) {
	workers := runtime.GOMAXPROCS(0)
	bufs := make([][]float64, workers)
	For(n, workers, 16, func(w, i int) {
		if bufs[w] == nil {
			bufs[w] = make([]float64, width)
		}
		f(i, bufs[w])
	})
}

// Go starts f on a goroutine of its own and returns what waits for its
// result: work that needs nothing of what the caller does meanwhile, on
// a second core. A panic in f is raised again on the goroutine that
// waits, as For does. The caller waits in every case, also when it no
// longer needs the result, so that no work outlives it.
func Go[T any](f func() (T, error)) (wait func() (T, error)) {
	var (
		res   T
		err   error
		crash any
		done  = make(chan struct{})
	)
	go func() {
		defer close(done)
		defer func() { crash = recover() }()
		res, err = f()
	}()
	return func() (T, error) {
		<-done
		if crash != nil {
			panic(crash)
		}
		return res, err
	}
}
