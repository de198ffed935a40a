package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// runCmd runs one voipsim command line in-process and returns its stdout, stderr and exit
// status.
func runCmd(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := run(args, &env{stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr})
	return stdout.String(), stderr.String(), status
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/voipsim -update to create it")
	assert.Equal(t, string(want), got)
}

func TestGraphDrawsTheLifecycle(t *testing.T) {
	out, _, status := runCmd(t, "", "graph")
	assert.Equal(t, 0, status)
	golden(t, "graph.mmd", out)
	out, _, status = runCmd(t, "", "graph", "--format", "dot")
	assert.Equal(t, 0, status)
	golden(t, "graph.dot", out)
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
	golden(t, "codes.txt", out)
}

func TestHelpOnEverySubcommand(t *testing.T) {
	for _, sub := range []string{"check", "codes", "graph"} {
		out, _, status := runCmd(t, "", sub, "--help")
		assert.Equal(t, 0, status, sub)
		assert.Contains(t, out, "Usage:\n  voipsim "+sub, sub)
	}
}
