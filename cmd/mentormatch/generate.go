package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/synth"
)

type generateOptions struct {
	synth.Options
	Out string
}

func newGenerateCmd() *cobra.Command {
	o := &generateOptions{}
	cmd := &cobra.Command{
		Use:   "generate --mentees N --mentors M --out people.csv",
		Short: "Write a synthetic, realistic, seeded population for demos and benchmarks",
		Example: `  mentormatch generate --mentees 1000 --mentors 250 --seed 7 --out people.csv
  mentormatch generate --mentees 10000 --mentors 2000 --out people.xlsx`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGenerate(o, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.Mentees, "mentees", 100, "number of mentees")
	f.IntVar(&o.Mentors, "mentors", 25, "number of mentors")
	f.IntVar(&o.Seniors, "seniors", -1, "how many of the mentors are senior (visit cohorts, no 1:1); default about 5%")
	f.Int64Var(&o.Seed, "seed", 1, "random seed: the same seed gives the same file")
	f.StringVarP(&o.Out, "out", "o", "", "people file to write: .csv or .xlsx (required)")
	return cmd
}

func runGenerate(o *generateOptions, stdout io.Writer) error {
	if o.Out == "" {
		return fmt.Errorf("%w: --out is required", mentormatch.ErrUsage)
	}
	if err := checkExt(o.Out, ".csv", ".xlsx"); err != nil {
		return err
	}
	if err := checkOutputs(nil, []output.Out{{Flag: "--out", Path: o.Out}}, nil); err != nil {
		return err
	}
	if o.Mentees < 0 || o.Mentors < 0 {
		return fmt.Errorf("%w: --mentees and --mentors must be 0 or more", mentormatch.ErrUsage)
	}
	if o.Seniors < 0 {
		o.Seniors = o.Mentors / 20
	}
	if o.Seniors > o.Mentors {
		return fmt.Errorf("%w: --seniors %d is more than --mentors %d", mentormatch.ErrUsage, o.Seniors, o.Mentors)
	}
	people := synth.Generate(o.Options)
	write := synth.WritePeopleCSV
	if strings.HasSuffix(strings.ToLower(o.Out), ".xlsx") {
		write = synth.WritePeopleXLSX
	}
	if err := output.WriteFile(o.Out, func(w io.Writer) error { return write(w, people) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d people (%d mentees, %d mentors) to %s\n", len(people), o.Mentees, o.Mentors, o.Out)
	return nil
}
