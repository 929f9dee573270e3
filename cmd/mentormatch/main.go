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

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit code. An unexpected
// panic becomes exit 1 with a short message; --debug shows the stack.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "mentormatch: internal error: %v\nPlease report it with the command you ran.\n", r)
			if hasFlag(args, "--debug") {
				stderr.Write(debug.Stack())
			}
			code = 1
		}
	}()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "mentormatch:", err)
	return exitCode(err)
}

func exitCode(err error) int {
	if errors.Is(err, mentormatch.ErrInput) || errors.Is(err, mentormatch.ErrUsage) {
		return 2
	}
	return 1
}

func hasFlag(args []string, f string) bool {
	for _, a := range args {
		if a == f {
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
and writes the roster as XLSX, CSV or JSON.

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
		newValidateCmd(),
		newTemplateCmd(),
		newGenerateCmd(),
		newSolveCmd(),
		newExplainCmd(),
		newConfigCmd(),
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
