package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
)

func newConfigCmd() *cobra.Command {
	var print bool
	var check string
	cmd := &cobra.Command{
		Use:   "config --print-defaults",
		Short: "Print the full default configuration, commented, or check a configuration file",
		Example: `  mentormatch config --print-defaults > program.yaml
  mentormatch config --check program.yaml`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConfig(print, check, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&print, "print-defaults", false, "print the default configuration with a comment per key")
	cmd.Flags().StringVar(&check, "check", "", "check a configuration file and report every problem")
	return cmd
}

func runConfig(print bool, check string, stdout io.Writer) error {
	switch {
	case print && check == "":
		_, err := io.WriteString(stdout, mentormatch.DefaultConfigYAML)
		return err
	case check != "" && !print:
		if _, err := mentormatch.LoadConfig(check); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "ok:", check)
		return nil
	}
	return fmt.Errorf("%w: give --print-defaults or --check FILE", mentormatch.ErrUsage)
}
