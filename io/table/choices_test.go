package table

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mentormatch/mentormatch"
)

func TestReadChoices(t *testing.T) {
	cs, err := ReadChoices(File{Path: "s.csv", Data: []byte("mentee_id,mentee_name,rank,mentor_id,mentor_name,score,reason,choice\n" +
		"E1,Ann,1,M1,Max,80,r,2\nE1,Ann,2,M2,Mo,70,r,1st\nE1,Ann,3,M3,Mia,60,r,\nE2,Bo,1,M1,Max,50,r,\n")})
	require.NoError(t, err)
	require.Len(t, cs, 2)
	assert.Equal(t, []string{"M1", "M2", "M3"}, cs[0].Listed)
	assert.Equal(t, []string{"M2", "M1"}, cs[0].Ranked, "first choice first")
	assert.Empty(t, cs[1].Ranked, "a mentee who chose nobody")

	_, err = ReadChoices(File{Path: "s.csv", Data: []byte("mentee_id,mentor_id,choice\nE1,M1,first\nE1,M2,1\nE1,M3,1\n,M4,\n")})
	var ps mentormatch.Problems
	require.ErrorAs(t, err, &ps)
	assert.Len(t, ps, 3)
	assert.Contains(t, ps.Error(), `row 2, column "choice": choice "first"`)
	assert.Contains(t, ps.Error(), "row 4, column \"choice\": choice 1 is given twice by E1")
	assert.Contains(t, ps.Error(), "row 5: a row needs a mentee_id and a mentor_id")
}

// FuzzReadChoices: any file gives choices or problems, never a panic, and
// every ranked mentor was on the mentee's list.
func FuzzReadChoices(f *testing.F) {
	f.Add([]byte("mentee_id,mentor_id,choice\nE1,M1,1\nE1,M2,\n"))
	f.Add([]byte("mentee,mentor,choice\nE1,M1,3rd\nE1,M1,3rd\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := ReadChoices(File{Path: "s.csv", Data: data})
		if err != nil {
			return
		}
		for _, c := range cs {
			for _, id := range c.Ranked {
				require.Contains(t, c.Listed, id)
			}
		}
	})
}
