package mentormatch

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFoldHeader(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Employee ID", "employeeid"},
		{"employee_id", "employeeid"},
		{"\ufeffEMPLOYEE-ID", "employeeid"},
		{"Skill: Go.Lang", "skill:golang"},
		{"Reports\u00a0To", "reportsto"},
		{"", ""},
	} {
		assert.Equal(t, tc.want, FoldHeader(tc.in), tc.in)
	}
}
