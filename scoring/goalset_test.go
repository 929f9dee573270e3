package scoring

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGoalSet(t *testing.T) {
	var g goalSet
	in := []int32{0, 5, 63, 64, 200}
	for _, id := range in {
		g.add(id)
	}
	for id := int32(0); id < 300; id++ {
		want := false
		for _, x := range in {
			want = want || x == id
		}
		assert.Equal(t, want, g.has(id), "goal %d", id)
	}
	assert.False(t, goalSet(nil).has(3))
}
