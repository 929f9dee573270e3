package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/io/report"
)

func newTemplateCmd() *cobra.Command {
	var out, config string
	cmd := &cobra.Command{
		Use:   "template --out people.xlsx",
		Short: "Write an XLSX people template with every column, drop-downs and example rows",
		Example: `  mentormatch template --out people.xlsx
  # fill it in, then:
  mentormatch validate people.xlsx`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplate(out, config, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "people-template.xlsx", "template file to write (.xlsx)")
	cmd.Flags().StringVar(&config, "config", "", "program.yaml whose job titles (levels:) the level drop-down offers (default: the built-in titles)")
	return cmd
}

func runTemplate(out, config string, stdout io.Writer) error {
	if err := checkExt(out, ".xlsx"); err != nil {
		return err
	}
	if err := checkOutputs(nil, []output.Out{{Flag: "--out", Path: out}}, nil); err != nil {
		return err
	}
	cfg := mentormatch.DefaultConfig()
	if config != "" {
		var err error
		if cfg, err = mentormatch.LoadConfig(config); err != nil {
			return err
		}
	}
	if err := report.WriteTemplate(out, report.WithLevels(cfg.Levels)); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "wrote", out)
	return nil
}
