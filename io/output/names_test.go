package output

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Whatever the ids, their names are different even where case is ignored,
// valid file names of at most maxName bytes, and the same in any order.
func TestNamesUniqueAndStable(t *testing.T) {
	alphabet := []string{"a", "A", "b", "-", "_", ".", "ü", "ö", " ", "/", "~", "CON", "cohort-", "x"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		seen := map[string]bool{}
		var keys []Key
		for len(keys) < 1+round%40 {
			var b strings.Builder
			for range rng.IntN(6) {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
			if rng.IntN(50) == 0 {
				b.WriteString(strings.Repeat("y", 150))
			}
			id := b.String()
			if seen[id] {
				continue
			}
			seen[id] = true
			keys = append(keys, Key{Text: id, ID: id, Reserved: strings.HasPrefix(id, "cohort-")})
		}
		names, err := Names(keys, ".ics")
		require.NoError(t, err)
		folded := map[string]bool{}
		byID := map[string]string{}
		for i, n := range names {
			require.NoError(t, checkName(n), "%q", keys[i].ID)
			assert.False(t, folded[strings.ToLower(n)], "%q twice", n)
			folded[strings.ToLower(n)] = true
			byID[keys[i].ID] = n
			if s, exact := safe(keys[i].Text); exact && !keys[i].Reserved && !strings.Contains(n, "~") {
				assert.Equal(t, s+".ics", n)
			}
		}
		shuffled := slices.Clone(keys)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Names(shuffled, ".ics")
		require.NoError(t, err)
		for i, k := range shuffled {
			assert.Equal(t, byID[k.ID], again[i])
		}
	}
	_, err := Names([]Key{{Text: "a", ID: "1"}, {Text: "a", ID: "1"}}, ".ics")
	assert.Error(t, err, "one ID twice")
}

func TestReservedName(t *testing.T) {
	for s, want := range map[string]bool{"CON": true, "con.x": true, "Nul": true, "COM1": true, "lpt9.md": true, "COM": false, "CONSOLE": false, "E1": false} {
		assert.Equal(t, want, reservedName(s), s)
	}
}
