package table

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A capacity file is read with or without a header: without one, its
// first line is a column's capacity, not lost as a header (issue 15).
func TestReadCapacities(t *testing.T) {
	dir := t.TempDir()
	cols := []string{"M1", "M2", "M3"}
	for _, tc := range []struct {
		name, data string
		want       []int
	}{
		{"header", "mentor_id,capacity\nM1,2\nM2,3\n", []int{2, 3, 1}},
		{"no header", "M1,2\nM2,3\n", []int{2, 3, 1}},
		{"no header, one line", "M3,4\n", []int{1, 1, 4}},
		{"header with an empty corner", ",capacity\nM2,0\n", []int{1, 0, 1}},
		{"spaces", "M1 2\nM3 5\n", []int{2, 1, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".csv")
			require.NoError(t, os.WriteFile(path, []byte(tc.data), 0o644))
			caps, err := ReadCapacities(path, cols, len(cols))
			require.NoError(t, err)
			assert.Equal(t, tc.want, caps)
		})
	}
	path := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(path, []byte("M1,2\nM9,1\nM2,1.5\n"), 0o644))
	_, err := ReadCapacities(path, cols, len(cols))
	assert.EqualError(t, err, "2 problems found:\n  "+path+` row 2, column "A": "M9" is not a column of the matrix`+"\n  "+path+` row 3, column "B": capacity 1.5: expected a whole number ≥ 0`)
}
