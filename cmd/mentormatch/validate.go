package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch/scoring"
)

func newValidateCmd() *cobra.Command {
	o := &inputOptions{}
	cmd := &cobra.Command{
		Use:   "validate [people.xlsx|people.csv]",
		Short: "Check people files and print every problem; exit 2 if there is any",
		Example: `  mentormatch validate people.xlsx
  mentormatch validate --mentees mentees.csv --mentors mentors.csv --config program.yaml`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd, false)
	return cmd
}

func runValidate(o *inputOptions, args []string, stdout, stderr io.Writer) error {
	p, cfg, err := o.load(args)
	if err != nil {
		return err
	}
	// The configuration's criteria read columns and cells of the people
	// files: scoring checks them, so validate must too.
	sc, err := scoring.New(p, cfg)
	if err != nil {
		return err
	}
	var ws []string
	for _, w := range p.Warnings {
		ws = append(ws, w.String())
	}
	for _, w := range sc.Warnings() {
		ws = append(ws, w.String())
	}
	printWarnings(stderr, ws)
	fmt.Fprintf(stdout, "ok: %d people, %d mentees, %d mentors\n", len(p.People), len(p.Mentees), len(p.Mentors))
	return nil
}
