package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/internal/golden"
)

// runCmd runs one voipsim command line in-process and returns its stdout, stderr and exit
// status.
func runCmd(t interface{ Helper() }, stdin string, args ...string) (string, string, int) {
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

// TestHelpGolden: every command's --help, as a user reads it.
func TestHelpGolden(t *testing.T) {
	for _, args := range [][]string{{}, {"check"}, {"simulate"}, {"simulate", "merge"}, {"codes"}, {"graph"}} {
		out, errOut, status := runCmd(t, "", append(args, "--help")...)
		assert.Equal(t, 0, status, "%v: %s", args, errOut)
		name := strings.Join(append([]string{"voipsim"}, args...), "-")
		assertGolden(t, filepath.Join("help", name+".txt"), out)
	}
}

// TestErrorsQuoteUnsafeNames: an error that names a file or a line of input quotes it, as
// check does, when it holds what a terminal would act on: simulate's and merge's too.
func TestErrorsQuoteUnsafeNames(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no\x1bexist")
	unsafeDir := filepath.Join(dir, "\x1b]0;title\a")
	require.NoError(t, os.Mkdir(unsafeDir, 0o755))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"simulate", "--script", missing}, `voipsim: "open ` + dir + `/no\x1bexist: no such file or directory"`},
		{[]string{"simulate", "merge", missing}, `voipsim: "open ` + dir + `/no\x1bexist: no such file or directory"`},
		{[]string{"simulate", "--script", unsafeDir}, `voipsim: "` + dir + `/\x1b]0;title\a is a directory, not a script"`},
		{[]string{"simulate", "merge", unsafeDir}, `voipsim: "` + dir + `/\x1b]0;title\a is a directory, not a summary"`},
		{[]string{"check", missing}, `voipsim check: "open ` + dir + `/no\x1bexist: no such file or directory"`},
	} {
		_, errOut, status := runCmd(t, "", tc.args...)
		assert.Equal(t, exitUsage, status, "%q", tc.args)
		assert.Equal(t, tc.want+"\n", errOut, "%q", tc.args)
	}
}

// TestHelpPointsToTheReadme: the rules a command's --help refers to are in a section of
// README.md, named by its heading (SPEC.md does not ship with the repository).
func TestHelpPointsToTheReadme(t *testing.T) {
	readme := string(must(os.ReadFile(filepath.Join("..", "..", "README.md"))))
	var headings []string
	for line := range strings.Lines(readme) {
		if strings.HasPrefix(line, "#") {
			headings = append(headings, strings.ReplaceAll(strings.TrimSpace(strings.TrimLeft(line, "#")), "`", ""))
		}
	}
	for sub, heading := range map[string]string{
		"check":    "Checking a recorded trace: voipsim check",
		"simulate": "Simulating the phone around your app: sim",
		"graph":    "Lifecycle of one call [policy, from the documented flows]",
	} {
		out, _, status := runCmd(t, "", sub, "--help")
		require.Equal(t, 0, status, sub)
		oneLine := strings.Join(strings.Fields(out), " ")
		assert.Contains(t, oneLine, `README.md, section "`+heading+`"`, sub)
		assert.NotContains(t, out, "SPEC.md", sub)
		assert.Contains(t, headings, heading, "README.md has no section %q", heading)
	}
}

// fullDisk is stdout on a full disk: every write fails.
type fullDisk struct{ writes int }

func (f *fullDisk) Write([]byte) (int, error) {
	f.writes++
	return 0, errNoSpace
}

var errNoSpace = errors.New("write /dev/stdout: no space left on device")

// TestOutputThatCannotBeWrittenFails: every command whose output is lost to a full disk
// says so on stderr and exits 2, rather than exit 0 with nothing printed.
func TestOutputThatCannotBeWrittenFails(t *testing.T) {
	summary, _, status := runCmd(t, "", "simulate", "--seeds", "2", "--steps", "5", "--format", "json")
	require.Equal(t, 0, status)
	summaryFile := filepath.Join(t.TempDir(), "1.json")
	require.NoError(t, os.WriteFile(summaryFile, []byte(summary), 0o644))
	trace := filepath.Join("..", "..", "examples", "traces", "carrier-conflict.jsonl")
	for _, args := range [][]string{
		{"--help"},
		{"--version"},
		{"check", "--help"},
		{"codes"},
		{"graph"},
		{"graph", "--format", "dot"},
		{"check", trace},
		{"check", "--format", "json", trace},
		{"simulate", "--seeds", "2", "--steps", "5"},
		{"simulate", "--seeds", "2", "--steps", "5", "--format", "json"},
		{"simulate", "--seed", "3", "--steps", "5"},
		{"simulate", "--script", "-"},
		{"simulate", "merge", summaryFile},
	} {
		stdout := &fullDisk{}
		var stderr bytes.Buffer
		status := run(args, &env{stdin: strings.NewReader("0s push c1 voice\n"), stdout: stdout, stderr: &stderr})
		assert.Equal(t, exitUsage, status, "%v", args)
		assert.Positive(t, stdout.writes, "%v", args)
		assert.Contains(t, stderr.String(), errNoSpace.Error()+"\n", "%v", args)
	}
}

// TestFilesThatCannotBeWrittenFail: a --trace or --save that cannot be written is an error
// that names the file (exit 2), for a run, a script and a campaign.
func TestFilesThatCannotBeWrittenFail(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("needs /dev/full, a device every write to fails")
	}
	notADir := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(notADir, nil, 0o644))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--app", "buggy:reports-active-twice", "--seed", "4", "--trace", "/dev/full"}, "voipsim: write /dev/full: no space left on device\n"},
		{[]string{"--script", "-", "--trace", "/dev/full"}, "voipsim: write /dev/full: no space left on device\n"},
		{[]string{"--app", "buggy:reports-active-twice", "--seeds", "20", "--trace", "/dev/full"}, "voipsim: write /dev/full: no space left on device\n"},
		{[]string{"--app", "buggy:reports-active-twice", "--seeds", "20", "--save", notADir}, "voipsim: mkdir " + notADir + ": not a directory\n"},
	} {
		_, errOut, status := runCmd(t, "0s push c1 voice\n", append([]string{"simulate"}, tc.args...)...)
		assert.Equal(t, exitUsage, status, "%v", tc.args)
		assert.Equal(t, tc.want, errOut, "%v", tc.args)
	}
}
