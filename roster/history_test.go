package roster

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/scoring"
)

// A second cohort run with the first's pairs as history forms none of
// them again, and matches as many as any roster without them could
// (enumerated); with repeat: penalty an earlier pair scores the penalty
// less and is reported when formed again.
func TestHistoryAgainstBruteForce(t *testing.T) {
	cfg := mentormatch.DefaultConfig()
	for seed := uint64(1); seed <= 30; seed++ {
		p := program(t, 6, 3, seed)
		first, err := Match(p, cfg)
		require.NoError(t, err)
		q := *p
		for _, m := range first.Roster.Matches {
			q.Earlier = append(q.Earlier, mentormatch.EarlierPair{MenteeID: m.MenteeID, MentorID: m.MentorID})
		}
		second, err := Match(&q, cfg)
		require.NoError(t, err)
		before := map[[2]string]bool{}
		for _, m := range first.Roster.Matches {
			before[[2]string{m.MenteeID, m.MentorID}] = true
		}
		for _, m := range second.Roster.Matches {
			assert.False(t, before[[2]string{m.MenteeID, m.MentorID}], "seed %d: %s–%s again", seed, m.MenteeID, m.MentorID)
		}
		h := second.Roster.Summary.History
		require.NotNil(t, h)
		assert.Equal(t, len(first.Roster.Matches), h.Earlier)
		assert.Equal(t, h.Earlier, h.Avoided)
		assert.Zero(t, h.Repeated)

		// As many as any roster avoiding the earlier pairs.
		sc, err := scoring.New(p, cfg)
		require.NoError(t, err)
		m := sc.Matrix()
		rows, cols := m.Dims()
		data := make([]float64, rows*cols)
		for i := range rows {
			for j := range cols {
				data[i*cols+j] = m.At(i, j)
			}
		}
		for i, j := range first.RowCol() {
			if j >= 0 {
				data[i*cols+j] = math.NaN()
			}
		}
		best := 0
		assignments(rows, cols, data, Capacities(p), func(rc []int) {
			n := 0
			for _, j := range rc {
				if j >= 0 {
					n++
				}
			}
			best = max(best, n)
		})
		assert.Equal(t, best, second.Roster.Summary.Matched, "seed %d", seed)

		pen := cfg
		pen.History = mentormatch.HistoryConfig{Repeat: mentormatch.RepeatPenalty, Penalty: 10}
		third, err := Match(&q, pen)
		require.NoError(t, err)
		for i, j := range first.RowCol() {
			if j < 0 {
				continue
			}
			b := third.Scorer.Pair(i, j)
			assert.InDelta(t, math.Max(0, m.At(i, j)-10), b.Score, 0.001)
			assert.Contains(t, b.Reason, "paired in an earlier cohort (−")
		}
		h = third.Roster.Summary.History
		assert.Equal(t, h.Earlier, h.Avoided+h.Repeated)
		assert.Len(t, h.RepeatedPairs, h.Repeated)
	}
}
