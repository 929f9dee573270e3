// Command mentormatch matches mentees with mentors, plans cohorts and
// schedules, and re-matches after a relationship-health survey.
//
// Exit codes: 0 done; 2 usage or input error; 1 anything else.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

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
		fmt.Fprintln(stderr, "mentormatch:", err)
		return exitCode(err)
	})
}

// guard runs f and turns a panic into exit code 1 and a short message that
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
		code = 1
	}()
	return f()
}

func exitCode(err error) int {
	if errors.Is(err, mentormatch.ErrInput) || errors.Is(err, mentormatch.ErrUsage) {
		return 2
	}
	return 1
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
a roster after a relationship-health survey; report measures the programme.

Start with: mentormatch plan --example --out plan.xlsx

Exit codes: 0 done; 2 usage or input error; 1 anything else.`,
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
