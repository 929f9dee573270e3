package wording

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 pairs"}, {1, "1 pair"}, {2, "2 pairs"}, {-1, "-1 pairs"}} {
		assert.Equal(t, c.want, Plural(c.n, "pair"))
	}
}

func TestNum(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{
		{3, "3"}, {2.5, "2.5"}, {71.25, "71.25"}, {0.005, "0.01"}, {100, "100"}, {1e6, "1000000"},
		{-2.5, "-2.5"}, {2.999, "3"}, {0, "0"}, {math.NaN(), "NaN"}, {math.Inf(1), "+Inf"},
	} {
		assert.Equal(t, c.want, Num(c.x), "%v", c.x)
	}
}

func TestFirstFew(t *testing.T) {
	xs := []string{"a", "b", "c"}
	assert.Equal(t, []string{"a", "b", "…"}, FirstFew(xs, 2))
	assert.Equal(t, []string{"a", "b", "c"}, xs, "the list given is left as it was")
	assert.Equal(t, xs, FirstFew(xs, 3))
	assert.Empty(t, FirstFew(nil, 2))
}

func TestThousands(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {5e6, "5,000,000"}, {123456.6, "123,457"},
		{-123456, "-123,456"}, {-1234, "-1,234"}, {1e21, "1,000,000,000,000,000,000,000"},
		{math.Inf(1), "+Inf"}, {math.NaN(), "NaN"},
	} {
		assert.Equal(t, c.want, Thousands(c.v), "%v", c.v)
	}
}
