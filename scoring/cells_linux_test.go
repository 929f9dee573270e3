package scoring

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A small matrix is left in ordinary pages; a large one is advised where
// the kernel supports huge pages, and the advice withdrawn, the cells as
// they were.
func TestAdviseHuge(t *testing.T) {
	assert.Nil(t, adviseHuge(make([]uint16, 1<<20)))
	data := make([]uint16, 40<<20)
	withdraw := adviseHuge(data)
	for k := range data {
		data[k] = uint16(k)
	}
	if withdraw != nil {
		withdraw()
	}
	for k := 0; k < len(data); k += 4099 {
		assert.Equal(t, uint16(k), data[k])
	}
}
