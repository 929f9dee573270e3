package main

import (
	"fmt"
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
			return nil
		}
	}
	return fmt.Errorf("%w: %s: the format follows the extension; expected one of %s", mentormatch.ErrUsage, path, strings.Join(exts, ", "))
}
