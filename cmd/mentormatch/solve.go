package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/matching"
)

type solveOptions struct {
	Maximize bool
	Out      string
	Sheet    string
	Stats    bool
	Capacity string
}

func newSolveCmd() *cobra.Command {
	o := &solveOptions{}
	cmd := &cobra.Command{
		Use:   "solve matrix.csv [--maximize] [--out assignment.json]",
		Short: "Solve a raw cost or score matrix exactly (empty cell = forbidden)",
		Long: `solve reads a CSV or XLSX of numbers, with an optional first row and first column of labels,
where an empty cell is forbidden. Rows need not equal columns; each column takes one row unless
--capacity says more. It assigns as many rows as
possible, then minimises the total (or maximises it with --maximize). Without --out the JSON
result goes to standard output.`,
		Example: `  mentormatch solve costs.csv
  mentormatch match people.xlsx --scores scores.csv --out roster.xlsx
  mentormatch solve scores.csv --maximize --capacity scores-capacity.csv   # same total as the roster`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSolve(o, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.Maximize, "maximize", false, "maximise the total instead of minimising it")
	f.StringVarP(&o.Out, "out", "o", "", "result file (.json or .csv); default: JSON on standard output")
	f.StringVar(&o.Sheet, "sheet", "", "XLSX sheet to read (default: the first)")
	f.BoolVar(&o.Stats, "stats", false, "print one JSON line of timings to stderr")
	f.StringVar(&o.Capacity, "capacity", "", "rows each column may take: a number for all columns, or a CSV of column label and capacity (match --scores writes one)")
	return cmd
}

func runSolve(o *solveOptions, path string, stdout, stderr io.Writer) error {
	if o.Out != "" {
		if err := checkExt(o.Out, ".json", ".csv"); err != nil {
			return err
		}
	}
	if err := checkOutputs([]string{path, o.Capacity}, []output.Out{{Flag: "--out", Path: o.Out}}, nil); err != nil {
		return err
	}
	var st stats
	t := time.Now()
	m, err := table.ReadMatrix(path, o.Sheet)
	if err != nil {
		return err
	}
	for _, w := range m.Warnings {
		fmt.Fprintln(stderr, "warning:", w.String())
	}
	st.Read = since(&t)
	opt := matching.Options{Maximize: o.Maximize}
	if o.Capacity != "" {
		if opt.Capacity, err = table.ReadCapacities(o.Capacity, m.ColLabels, m.Cols); err != nil {
			return err
		}
	}
	res, err := matching.SolveData(m.Rows, m.Cols, m.Data, opt)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", mentormatch.ErrInput, path, err)
	}
	st.Solve = since(&t)
	out := solveOutput(m, res)
	if o.Out == "" {
		err = report.EncodeSolveJSON(stdout, out)
	} else {
		err = report.WriteSolve(o.Out, out)
		if err == nil {
			fmt.Fprintf(stdout, "assigned %d of %d rows; total %s; wrote %s\n", out.Assigned, m.Rows, fmtNum(out.Total), o.Out)
		}
	}
	if err != nil {
		return err
	}
	st.Write = since(&t)
	if o.Stats {
		return json.NewEncoder(stderr).Encode(st)
	}
	return nil
}

func solveOutput(m *table.Matrix, res *matching.Result) report.SolveOutput {
	out := report.SolveOutput{
		Total: res.Total, Assigned: res.Assigned,
		HasRowLabels: m.RowLabels != nil, HasColLabels: m.ColLabels != nil,
		Assignment: []report.Assignment{}, UnassignedRows: []int{},
	}
	for i, j := range res.RowCol {
		if j < 0 {
			out.UnassignedRows = append(out.UnassignedRows, i+1)
			if m.RowLabels != nil {
				out.UnassignedRowLabels = append(out.UnassignedRowLabels, m.RowLabels[i])
			}
			continue
		}
		a := report.Assignment{Row: i + 1, Col: j + 1, Value: m.Data[i*m.Cols+j]}
		if m.RowLabels != nil {
			a.RowLabel = m.RowLabels[i]
		}
		if m.ColLabels != nil {
			a.ColLabel = m.ColLabels[j]
		}
		out.Assignment = append(out.Assignment, a)
	}
	return out
}

func fmtNum(x float64) string { return fmt.Sprintf("%.10g", x) }
