package parallel

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRowsVisitsEachOnce(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 1000} {
		seen := make([]atomic.Int32, n)
		Rows(n, 3, func(i int, buf []float64) {
			assert.Len(t, buf, 3)
			seen[i].Add(1)
		})
		for i := range seen {
			assert.Equal(t, int32(1), seen[i].Load(), "n=%d i=%d", n, i)
		}
	}
}

func TestRowsRaisesPanic(t *testing.T) {
	assert.PanicsWithValue(t, "row 500", func() {
		Rows(1000, 1, func(i int, _ []float64) {
			if i == 500 {
				panic("row 500")
			}
		})
	})
}

func TestForNumbersWorkers(t *testing.T) {
	var hits [3]atomic.Int32
	seen := make([]atomic.Int32, 500)
	For(500, 3, 7, func(w, k int) {
		hits[w].Add(1)
		seen[k].Add(1)
	})
	total := int32(0)
	for w := range hits {
		total += hits[w].Load()
	}
	assert.Equal(t, int32(500), total)
	for k := range seen {
		assert.Equal(t, int32(1), seen[k].Load(), "k=%d", k)
	}
	For(0, 0, 0, func(int, int) { t.Fatal("called with n = 0") })
}

func TestGo(t *testing.T) {
	wait := Go(func() (int, error) { return 7, nil })
	got, err := wait()
	assert.Equal(t, 7, got)
	assert.NoError(t, err)
	failed := errors.New("failed")
	_, err = Go(func() (string, error) { return "", failed })()
	assert.ErrorIs(t, err, failed)
	wait = Go(func() (int, error) { panic("on the other core") })
	assert.PanicsWithValue(t, "on the other core", func() { _, _ = wait() }, "raised where it is waited for")
}
