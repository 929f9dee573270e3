package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// progressBar shows which step a long command is on: a spinner with the step
// and the time elapsed, on stderr, only when stderr is a terminal and
// --quiet is not given. A pipe, a file or a test gets nothing from it, and
// results never go to stderr. The zero value (and nil) shows nothing.
//
// The steps (reading, scoring, solving, writing) have no count of their
// own to show, so it is a spinner rather than a filling bar; the step
// number says how far the command is.
type progressBar struct {
	bar      *progressbar.ProgressBar
	step, of int
}

// addQuietFlag registers --quiet, which turns the progress display off.
func addQuietFlag(cmd *cobra.Command, quiet *bool) {
	cmd.Flags().BoolVarP(quiet, "quiet", "q", false, "no progress display on the terminal")
}

// newProgressBar returns the progress display of a command of steps steps:
// nothing unless stderr is a terminal and quiet is false.
func newProgressBar(stderr io.Writer, quiet bool, steps int) *progressBar {
	if quiet || !isTerminal(stderr) {
		return &progressBar{}
	}
	return &progressBar{of: steps, bar: progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetSpinnerChangeInterval(120*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// next shows that the command has moved on to the next step.
func (p *progressBar) next(what string) {
	if p == nil || p.bar == nil {
		return
	}
	p.step++
	p.bar.Describe(fmt.Sprintf("[%d/%d] %s", min(p.step, p.of), p.of, what))
}

// done clears the display, so that what the command prints next starts on
// a clean line. It may be called more than once.
func (p *progressBar) done() {
	if p == nil || p.bar == nil {
		return
	}
	_ = p.bar.Finish()
	_ = p.bar.Clear()
	p.bar = nil
}
