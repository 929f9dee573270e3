//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// deviceOf is the file system a file is on.
func deviceOf(st fs.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Dev)
	}
	return 0
}
