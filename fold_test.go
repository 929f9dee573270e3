package mentormatch

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

func TestBuiltinHeaders(t *testing.T) {
	for _, name := range []string{"department", "level", "languages", "timezone"} {
		hs := BuiltinHeaders(name)
		require.NotEmpty(t, hs)
		assert.Equal(t, name, hs[0])
		hs[0] = "changed"
		assert.Equal(t, name, BuiltinHeaders(name)[0], "a copy")
	}
	assert.Nil(t, BuiltinHeaders("skills"))
}
