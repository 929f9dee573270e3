package output

import (
	"errors"
	"sync"
)

// ErrInterrupted is returned by writes started after Interrupt.
var ErrInterrupted = errors.New("interrupted")

// live is this process's temporary files and staging folders not yet in
// place, each with what removes it. It is process state, like the files
// themselves: a signal handler must reach every writer, wherever it runs.
// Renames that put outputs in place hold mu, so Interrupt sees an output
// either before its swap or after it, never half way.
var live = struct {
	mu      sync.Mutex
	undo    map[int]func()
	next    int
	stopped bool
}{undo: map[int]func(){}}

// track records undo, which removes a temporary file or folder just made.
// After Interrupt it runs undo at once and fails.
func track(undo func()) (int, error) {
	live.mu.Lock()
	defer live.mu.Unlock()
	if live.stopped {
		undo()
		return 0, ErrInterrupted
	}
	live.next++
	live.undo[live.next] = undo
	return live.next, nil
}

// untrack forgets id: its temporary is in place or removed. The caller
// holds live.mu when locked is true.
func untrack(id int, locked bool) {
	if !locked {
		live.mu.Lock()
		defer live.mu.Unlock()
	}
	delete(live.undo, id)
}

// Interrupt removes every temporary file and staging folder of this process
// and makes later writes fail with ErrInterrupted. It waits for a swap in
// progress to finish. A signal handler calls it and then exits; the
// outputs already in place stay, the others keep their previous contents.
func Interrupt() {
	live.mu.Lock()
	defer live.mu.Unlock()
	live.stopped = true
	for id, undo := range live.undo {
		undo()
		delete(live.undo, id)
	}
}
