// Command mentormatch matches mentees with mentors, plans cohorts and
// schedules, and re-matches after a relationship-health survey.
//
// Exit codes: 0 done; 2 usage, configuration or input error; 3 the
// environment's error (disk full, permission denied, I/O); 1 a bug;
// 130 and 143 stopped by SIGINT and SIGTERM.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/roster"
)

func main() {
	os.Exit(command(os.Args[1:], os.Stdout, os.Stderr))
}

// command is the command line as the process runs it: run, with SIGINT
// and SIGTERM handled.
func command(args []string, stdout, stderr io.Writer) int {
	stopOnSignal(stderr)
	code := run(args, stdout, stderr)
	// A write cut short by the signal handler returns here too: exit as
	// the handler does, whichever of the two gets there first.
	if c := stopping.Load(); c != 0 {
		code = int(c)
	}
	return code
}

// stopping is the exit code of a signal being handled, 0 until one is.
var stopping atomic.Int32

// stopNote is what the signal handler says after "stopped by SIGINT;":
// by default that the outputs not yet in place are as they were; a
// command that writes otherwise (serve) sets its own with onStop.
var stopNote atomic.Pointer[string]

// onStop sets what the signal handler says a stop leaves behind.
func onStop(note string) { stopNote.Store(&note) }

// stopMessage is the line the signal handler prints.
func stopMessage(name string) string {
	note := "the outputs not yet in place keep their previous contents"
	if n := stopNote.Load(); n != nil {
		note = *n
	}
	return fmt.Sprintf("\nmentormatch: stopped by %s; %s\n", name, note)
}

// stopOnSignal makes SIGINT and SIGTERM remove this run's temporary files
// and staging folders (output.Interrupt) and exit with 128 plus the
// signal's number, as shells do: 130 and 143. Outputs already in place
// stay; the others keep their previous contents.
func stopOnSignal(stderr io.Writer) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		code, name := 130, "SIGINT"
		if sig == syscall.SIGTERM {
			code, name = 143, "SIGTERM"
		}
		// The message first: once Interrupt has cleaned up, the run's own
		// goroutine may exit before this one.
		stopping.Store(int32(code))
		fmt.Fprint(stderr, stopMessage(name))
		output.Interrupt()
		os.Exit(code)
	}()
}

// memoryMargin is what a solve may hold besides compact scores before the
// garbage collector works harder: the sparse solver's own state is under
// 1 GB at 100,000 × 10,000.
const memoryMargin = 3 << 29 // 1.5 GiB

// holdGarbage is the garbage the collector lets grow while compact
// scores are held, at most: they are most of the live heap and never
// garbage, so the collector's pace (GOGC=100, garbage as much again as
// the live heap) is lowered to this share of them. At 100,000 × 10,000
// the peak resident set went from 3.43–3.75 million kB, where the memory
// limit alone decided it, to 3.13 million kB, for three more collections
// of about a second of CPU each.
const holdGarbage = 3 << 27 // 384 MiB

// holdMemory lowers the runtime's soft memory limit to bytes of compact
// scores plus memoryMargin, and its garbage collection percentage so that
// garbage grows to about holdGarbage, unless they are lower already, and
// returns the function that restores them. Left alone, the collector lets
// garbage grow to as much again as the live heap (GOGC=100): 2 GB more at
// 100,000 × 10,000. The limit and the pace are the whole process's, so
// they are set here and only here; the libraries call it through their
// options.
func holdMemory(bytes int64) (restore func()) {
	n := bytes + memoryMargin
	prev := debug.SetMemoryLimit(-1)
	if n < prev {
		debug.SetMemoryLimit(n)
	}
	pace := debug.SetGCPercent(100)
	p := int(max(10, 100*holdGarbage/max(bytes, 1)))
	if pace < p { // lower already, or collection off (negative)
		p = pace
	}
	debug.SetGCPercent(p)
	return func() {
		debug.SetMemoryLimit(prev)
		debug.SetGCPercent(pace)
	}
}

// solving is how every command holds a program's scores while it
// solves it.
func solving() roster.Options { return roster.Options{HoldMemory: holdMemory} }

// issuesURL is where users report bugs.
const issuesURL = "https://github.com/mentormatch/mentormatch/issues"

// run executes the command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return guard(args, stderr, func() int {
		root := newRootCmd(stdout, stderr)
		root.SetArgs(args)
		err := root.Execute()
		if err == nil {
			return 0
		}
		// Cobra's own complaint about a mistyped command is a usage error.
		if strings.HasPrefix(err.Error(), "unknown command ") {
			err = fmt.Errorf("%w: %v", mentormatch.ErrUsage, err)
		}
		if !errors.Is(err, output.ErrInterrupted) { // the signal handler says why
			fmt.Fprintln(stderr, "mentormatch:", err)
		}
		return exitCode(err)
	})
}

// guard runs f and turns a panic, a bug, into exit code 1 and a short message that
// says it is a bug and where to report it; the stack trace, which means
// nothing to a program manager, is shown only with --debug. A panic on
// another goroutine cannot be caught here, so code that starts goroutines
// must hand their panics back to the goroutine that waits for them.
func guard(args []string, stderr io.Writer, f func() int) (code int) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		msg := []rune(strings.Join(strings.Fields(fmt.Sprint(r)), " "))
		if len(msg) > 200 {
			msg = append(msg[:200], '…')
		}
		fmt.Fprintf(stderr, "mentormatch: internal error: %s\n"+
			"This is a bug in mentormatch, not a problem with your files.\n"+
			"Please report it at %s with the command you ran", string(msg), issuesURL)
		if debugFlag(args) {
			fmt.Fprintf(stderr, " and this trace:\n\n%s", debug.Stack())
		} else {
			fmt.Fprint(stderr, " (run it again with --debug to see the details to include).\n")
		}
		code = exitBug
	}()
	return f()
}

// Exit codes.
const (
	exitBug         = 1
	exitUsage       = 2
	exitEnvironment = 3
)

func exitCode(err error) int {
	if errors.Is(err, mentormatch.ErrInput) || errors.Is(err, mentormatch.ErrUsage) {
		return exitUsage
	}
	if environmental(err) {
		return exitEnvironment
	}
	return exitBug
}

// environmental reports whether err is the system's refusal to read or
// write a file (disk full, permission denied, read-only file system, an
// I/O error), which the user fixes on the machine, not in mentormatch.
func environmental(err error) bool {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	var errno syscall.Errno
	return errors.As(err, &pe) || errors.As(err, &le) || errors.As(err, &se) || errors.As(err, &errno) ||
		errors.Is(err, fs.ErrPermission) || errors.Is(err, output.ErrInterrupted)
}

// debugFlag reports whether args ask for --debug, before cobra has parsed
// them (the panic may come from the parsing).
func debugFlag(args []string) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--debug"); ok && (v == "" || v == "=true" || v == "=1") {
			return true
		}
	}
	return false
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "mentormatch",
		Short: "Optimal mentor–mentee matching and cohort planning from HR spreadsheets",
		Long: `mentormatch reads mentees and mentors from CSV or Excel files exported by an HR system,
scores every pair on skills, availability and goals, finds the provably optimal assignment
and writes the roster as XLSX, CSV or JSON. plan then forms cohorts, rotates peers and senior
mentors and dates every session (with .ics calendars and learning roadmaps); rematch repairs
a roster after a relationship-health survey; report measures the program.

Start with: mentormatch plan --example --out plan.xlsx

Exit codes: 0 done; 2 usage, configuration or input error; 3 the environment's
error (disk full, permission denied, I/O); 1 a bug; 130/143 stopped by SIGINT/SIGTERM.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().Bool("debug", false, "show internal details of unexpected errors")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w: %v (see '%s --help')", mentormatch.ErrUsage, err, c.CommandPath())
	})
	root.AddCommand(
		newMatchCmd(),
		newPlanCmd(),
		newReportCmd(),
		newRematchCmd(),
		newValidateCmd(),
		newTemplateCmd(),
		newGenerateCmd(),
		newSolveCmd(),
		newExplainCmd(),
		newConfigCmd(),
		newServeCmd(),
		newNotifyCmd(),
		newShortlistCmd(),
	)
	return root
}

// usageArgs wraps a cobra argument check so its error is a usage error.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return fmt.Errorf("%w: %v", mentormatch.ErrUsage, err)
		}
		return nil
	}
}
