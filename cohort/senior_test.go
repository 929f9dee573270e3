package cohort

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSeniorRotation(t *testing.T) {
	for _, tc := range []struct{ cohorts, seniors, limit int }{
		{1, 1, 4}, {3, 1, 4}, {1, 3, 4}, {4, 4, 4}, {5, 3, 4}, {3, 5, 4},
		{6, 2, 4}, {7, 7, 3}, {10, 3, 0}, {5, 4, 5}, {12, 4, 1}, {12, 3, 4}, {13, 3, 4},
		{834, 200, 4}, {100, 300, 4},
	} {
		t.Run(fmt.Sprint(tc), func(t *testing.T) {
			slots, misses := SeniorRotation(tc.cohorts, tc.seniors, tc.limit)
			T := max(tc.cohorts, tc.seniors)
			if tc.limit <= 0 || tc.cohorts <= tc.limit {
				require.Len(t, slots, T)
			} else {
				require.LessOrEqual(t, len(slots), T)
				require.GreaterOrEqual(t, len(slots), tc.limit)
			}
			met := map[[2]int]int{}
			perSenior := make([]int, tc.seniors)
			for ti, row := range slots {
				require.Len(t, row, tc.cohorts)
				inSlot := map[int]bool{}
				for c, s := range row {
					if s < 0 {
						continue
					}
					require.Less(t, s, tc.seniors)
					assert.False(t, inSlot[s], "slot %d: senior %d twice", ti, s)
					inSlot[s] = true
					met[[2]int{c, s}]++
					perSenior[s]++
				}
			}
			for s, n := range perSenior {
				if tc.limit > 0 {
					assert.LessOrEqual(t, n, tc.limit, "senior %d", s)
				}
			}
			missed, twice, unmet := 0, 0, 0
			for c := range tc.cohorts {
				for s := range tc.seniors {
					n := met[[2]int{c, s}]
					if n > 1 {
						twice++
					}
					if n == 0 {
						unmet++
					}
					missed += 1 - n
				}
			}
			assert.Zero(t, twice, "pairs meeting twice")
			if tc.limit <= 0 || tc.cohorts <= tc.limit {
				assert.Zero(t, unmet, "every cohort meets every senior")
			}
			assert.Len(t, misses, missed, "one miss per pair that does not meet")
			if tc.limit > 0 && tc.seniors*tc.limit <= tc.cohorts {
				visited := map[int]int{}
				for k := range met {
					visited[k[0]]++
				}
				assert.Len(t, visited, tc.seniors*tc.limit, "visits spread over distinct cohorts")
			}
			for s, n := range perSenior {
				if tc.limit > 0 {
					assert.Equal(t, min(tc.cohorts, tc.limit), n, "senior %d uses their limit", s)
				}
			}
		})
	}
}

func TestSeniorRotationMissText(t *testing.T) {
	_, misses := SeniorRotation(3, 1, 2)
	assert.Equal(t, []string{"cohort C3 does not meet senior 1: senior limit 2 sessions per cycle"}, misses)
	slots, misses := SeniorRotation(0, 3, 4)
	assert.Nil(t, slots)
	assert.Nil(t, misses)
}
