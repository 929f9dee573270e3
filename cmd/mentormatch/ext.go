package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mentormatch/mentormatch"
)

// checkExt refuses an output path whose extension is not one of exts, before
// any work is done.
func checkExt(path string, exts ...string) error {
	e := strings.ToLower(filepath.Ext(path))
	for _, x := range exts {
		if e == x {
			return checkOutDir(path)
		}
	}
	return fmt.Errorf("%w: %s: the format follows the extension; expected one of %s", mentormatch.ErrUsage, path, strings.Join(exts, ", "))
}

// checkOutDir makes sure an output file can be placed before any work is
// done, so that a command writing several files never leaves some behind
// because a later one has nowhere to go.
func checkOutDir(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%w: %s: it is a folder; give a file name", mentormatch.ErrUsage, path)
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("%w: %s: the folder %s does not exist", mentormatch.ErrUsage, path, dir)
	case !st.IsDir():
		return fmt.Errorf("%w: %s: %s is not a folder", mentormatch.ErrUsage, path, dir)
	}
	return nil
}
