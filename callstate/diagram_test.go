package callstate_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./callstate -update to create %s", path)
	assert.Equal(t, string(want), got)
}

func TestDiagramsGolden(t *testing.T) {
	for _, tc := range []struct {
		file   string
		render func() string
	}{
		{"lifecycle.mmd", callstate.Mermaid},
		{"lifecycle.dot", callstate.DOT},
	} {
		t.Run(tc.file, func(t *testing.T) {
			got := tc.render()
			assert.Equal(t, got, tc.render(), "rendering must be stable")
			golden(t, tc.file, got)
		})
	}
}
