package main

import (
	"regexp"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestVersion: --version prints the module's version, "(devel)" when the build recorded
// none (as in a test binary), and the Go release, on one line.
func TestVersion(t *testing.T) {
	for _, flag := range []string{"--version", "-v"} {
		out, errOut, status := runCmd(t, "", flag)
		assert.Equal(t, 0, status, errOut)
		assert.Equal(t, "voipsim (devel) "+runtime.Version()+"\n", out)
	}
	assert.Regexp(t, regexp.MustCompile(`^(\(devel\)|v\d+\.\d+\.\d+\S*) go\S+$`), version())
}
