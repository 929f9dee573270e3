//go:build !linux

package scoring

// adviseHuge is a Linux hint (cells_linux.go); elsewhere the cells stay in
// the pages the runtime gives.
func adviseHuge([]uint16) (withdraw func()) { return nil }
