package callstate_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/internal/golden"
)

// assertGolden compares got with testdata/name, or rewrites the file under -update.
func assertGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Assert(t, filepath.Join("testdata", name), got)
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
			assertGolden(t, tc.file, got)
		})
	}
}
