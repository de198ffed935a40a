package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/internal/golden"
)

// runCmd runs one voipsim command line in-process and returns its stdout, stderr and exit
// status.
func runCmd(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := run(args, &env{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr})
	return stdout.String(), stderr.String(), status
}

// assertGolden compares got with testdata/name, or rewrites it under -update.
func assertGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Assert(t, filepath.Join("testdata", name), got)
}

func TestGraphDrawsTheLifecycle(t *testing.T) {
	out, _, status := runCmd(t, "", "graph")
	assert.Equal(t, 0, status)
	assertGolden(t, "graph.mmd", out)
	out, _, status = runCmd(t, "", "graph", "--format", "dot")
	assert.Equal(t, 0, status)
	assertGolden(t, "graph.dot", out)
	_, errOut, status := runCmd(t, "", "graph", "--format", "png")
	assert.Equal(t, exitUsage, status)
	assert.Equal(t, "voipsim: --format must be \"mermaid\" or \"dot\", got \"png\"\n", errOut)
}

func TestCodesListsEveryCodeAndCause(t *testing.T) {
	out, _, status := runCmd(t, "", "codes")
	assert.Equal(t, 0, status)
	assert.Contains(t, out, "1007200003  System internal error.\n")
	assert.Contains(t, out, "carrier-conflict         [doc]")
	assert.Contains(t, out, "incoming-not-ringing     [policy]")
	assertGolden(t, "codes.txt", out)
}

func TestHelpOnEverySubcommand(t *testing.T) {
	for _, sub := range []string{"check", "codes", "graph"} {
		out, _, status := runCmd(t, "", sub, "--help")
		assert.Equal(t, 0, status, sub)
		assert.Contains(t, out, "Usage:\n  voipsim "+sub, sub)
	}
}
