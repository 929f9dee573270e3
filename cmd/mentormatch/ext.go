package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/io/report"
)

// checkExt refuses an output path whose extension is not one of exts, before
// any work is done.
func checkExt(path string, exts ...string) error {
	e := strings.ToLower(filepath.Ext(path))
	for _, x := range exts {
		if e == x {
			return nil
		}
	}
	return fmt.Errorf("%w: %s: the format follows the extension; expected one of %s", mentormatch.ErrUsage, path, strings.Join(exts, ", "))
}

// checkOutputs makes sure, before any work is done, that every output can
// be written and replaces no input (output.Paths.Check), so that a command
// never fails after the work, or leaves some outputs behind because a
// later one has nowhere to go. Empty paths are outputs not asked for.
func checkOutputs(inputs []string, files, folders []output.Out) error {
	p := output.Paths{}
	for _, in := range inputs {
		if in != "" {
			p.Inputs = append(p.Inputs, in)
		}
	}
	for _, f := range files {
		if f.Path != "" {
			p.Files = append(p.Files, f)
		}
	}
	for _, f := range folders {
		if f.Path != "" {
			p.Folders = append(p.Folders, f)
		}
	}
	return p.Check()
}

// rosterOuts are the files a roster, plan or re-match output at path may
// write: path itself and, beside a CSV roster, its quotas.
func rosterOuts(path string) []output.Out {
	outs := []output.Out{{Flag: "--out", Path: path}}
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		outs = append(outs, output.Out{Flag: "--out (its quotas)", Path: report.QuotasPath(path)})
	}
	return outs
}
