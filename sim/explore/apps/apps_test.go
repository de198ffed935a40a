package apps_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

func names(t *testing.T, name string) []string {
	t.Helper()
	found, err := apps.Lookup(name)
	require.NoError(t, err)
	var out []string
	for _, a := range found {
		require.NotNil(t, a.New())
		out = append(out, a.Name)
	}
	return out
}

func TestLookup(t *testing.T) {
	assert.Equal(t, []string{"reference"}, names(t, "reference"))
	assert.Len(t, names(t, "buggy"), len(buggy.Bugs()))
	assert.Equal(t, "buggy:forgets-disconnect-after-reject", names(t, "buggy")[0])
	assert.Equal(t, []string{"buggy:all"}, names(t, "buggy:all"))
	assert.Equal(t, []string{"buggy:reports-active-twice+never-declines-fourth-call"},
		names(t, "buggy:never-declines-fourth-call+reports-active-twice"))
	_, err := apps.Lookup("buggy:reports-active-twice+nope")
	assert.ErrorContains(t, err, `unknown bug "nope"`)
}
