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
		{6, 2, 4}, {7, 7, 3}, {10, 3, 0}, {5, 4, 5}, {12, 4, 1},
	} {
		t.Run(fmt.Sprint(tc), func(t *testing.T) {
			slots, misses := SeniorRotation(tc.cohorts, tc.seniors, tc.limit)
			require.Len(t, slots, max(tc.cohorts, tc.seniors))
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
			missed := 0
			for c := range tc.cohorts {
				for s := range tc.seniors {
					n := met[[2]int{c, s}]
					assert.LessOrEqual(t, n, 1)
					if tc.limit <= 0 || tc.cohorts <= tc.limit {
						assert.Equal(t, 1, n, "cohort %d senior %d", c, s)
					}
					missed += 1 - n
				}
			}
			assert.Len(t, misses, missed, "one miss per pair that does not meet")
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
