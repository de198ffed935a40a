package main

import (
	"regexp"
	"runtime"
	"runtime/debug"
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

// A binary installed from a tag shows the tag; a build that recorded no version, or no
// build info at all, shows (devel). A test binary can only show the last.
func TestModuleVersion(t *testing.T) {
	tagged := &debug.BuildInfo{Main: debug.Module{Path: "github.com/voipsim/voipsim", Version: "v1.2.0"}}
	assert.Equal(t, "v1.2.0", moduleVersion(tagged, true))
	assert.Equal(t, "(devel)", moduleVersion(&debug.BuildInfo{}, true))
	assert.Equal(t, "(devel)", moduleVersion(tagged, false))
}
