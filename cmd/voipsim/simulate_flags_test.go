package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertSimulateRefuses: simulate with the args exits 2 with exactly the message want,
// and prints nothing.
func assertSimulateRefuses(t *testing.T, stdin, want string, args ...string) {
	t.Helper()
	out, errOut, status := runCmd(t, stdin, append([]string{"simulate"}, args...)...)
	assert.Equal(t, exitUsage, status, "%v\n%s", args, out)
	assert.Equal(t, "voipsim: "+want+"\n", errOut, args)
	assert.Empty(t, out, args)
}

// TestSimulateRefusesFlagsOutOfRange: each bound names the flag, its value and what is
// allowed, before anything runs: no panic, no campaign too big for memory or for a
// lifetime.
func TestSimulateRefusesFlagsOutOfRange(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--steps", "0"}, "--steps must be 1..10000, got 0"},
		{[]string{"--steps", "-1"}, "--steps must be 1..10000, got -1"},
		{[]string{"--steps", "9223372036854775807", "--seeds", "1"}, "--steps must be 1..10000, got 9223372036854775807"},
		{[]string{"--steps", "1000000000"}, "--steps must be 1..10000, got 1000000000"},
		{[]string{"--steps", "10001", "--seed", "3"}, "--steps must be 1..10000, got 10001"},
		{[]string{"--seeds", "0"}, "--seeds must be 1..1000000000, got 0"},
		{[]string{"--seeds", "-1"}, "--seeds must be 1..1000000000, got -1"},
		{[]string{"--seeds", "9223372036854775807"}, "--seeds must be 1..1000000000, got 9223372036854775807"},
		{[]string{"--seeds", "9223372036854775807", "--shard", "1/1000000000000"}, "--seeds must be 1..1000000000, got 9223372036854775807"},
		{[]string{"--shard", "1/1000000000000"}, `--shard must be K/N with 1 <= K <= N <= --seeds (1000), got "1/1000000000000"`},
		{[]string{"--seeds", "3", "--shard", "1/4"}, `--shard must be K/N with 1 <= K <= N <= --seeds (3), got "1/4"`},
		{[]string{"--shard", "3/2"}, `--shard must be K/N with 1 <= K <= N <= --seeds (1000), got "3/2"`},
		{[]string{"--shard", "0/2"}, `--shard must be K/N with 1 <= K <= N <= --seeds (1000), got "0/2"`},
		{[]string{"--workers", "-1"}, "--workers must be 0..1024 (0: one per CPU), got -1"},
		{[]string{"--workers", "1025"}, "--workers must be 0..1024 (0: one per CPU), got 1025"},
	} {
		assertSimulateRefuses(t, "", tc.want, tc.args...)
	}
}

// TestSimulateAcceptsTheBounds: the largest --steps and --shard run.
func TestSimulateAcceptsTheBounds(t *testing.T) {
	out, errOut, status := runCmd(t, "", "simulate", "--steps", "10000", "--seeds", "1")
	assert.Equal(t, 0, status, errOut)
	assert.Contains(t, out, "seeds 1..1, 10000 draws per scenario\n")
	out, errOut, status = runCmd(t, "", "simulate", "--seeds", "3", "--shard", "3/3", "--steps", "5", "--format", "json")
	assert.Equal(t, 0, status, errOut)
	s := summaryOf(t, out)
	assert.Equal(t, []string{"3/3"}, s.Shards)
	assert.Equal(t, 1, s.Apps[0].Scenarios)
}

// TestSimulateRefusesFlagsItWouldIgnore: a flag that would change nothing of what runs is
// refused, with what the flag it meets does instead.
func TestSimulateRefusesFlagsItWouldIgnore(t *testing.T) {
	tmp := t.TempDir()
	script, save := filepath.Join(tmp, "s.txt"), filepath.Join(tmp, "dir")
	require.NoError(t, os.WriteFile(script, []byte("0s dial c1 voice\n0s peer answer c1\n20s peer hangup c1\n"), 0o644))
	const replays = ": --script replays the scenario as written"
	const one = ": --seed runs that one seed; --seeds, --shard and --save are for a campaign"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--script", script, "--format", "json"}, "--format json cannot go with --script: --script prints the run as text (--trace writes its trace as JSON Lines)"},
		{[]string{"--script", script, "--seeds", "5"}, "--seeds cannot go with --script" + replays},
		{[]string{"--script", script, "--steps", "5"}, "--steps cannot go with --script" + replays},
		{[]string{"--script", script, "--shard", "1/2"}, "--shard cannot go with --script" + replays},
		{[]string{"--script", script, "--save", save}, "--save cannot go with --script" + replays},
		{[]string{"--script", script, "--workers", "2"}, "--workers cannot go with --script" + replays},
		{[]string{"--script", script, "--seed", "4"}, "--seed cannot go with --script" + replays},
		{[]string{"--seed", "5", "--seeds", "0"}, "--seeds cannot go with --seed" + one},
		{[]string{"--seed", "5", "--seeds", "10"}, "--seeds cannot go with --seed" + one},
		{[]string{"--seed", "5", "--shard", "1/2"}, "--shard cannot go with --seed" + one},
		{[]string{"--seed", "5", "--save", save}, "--save cannot go with --seed" + one},
		{[]string{"--seed", "5", "--save", save, "--format", "json"}, "--save cannot go with --seed" + one},
	} {
		assertSimulateRefuses(t, "", tc.want, tc.args...)
	}
	_, err := os.Stat(save)
	assert.True(t, os.IsNotExist(err), "nothing saved")
}

// TestSimulateHonoursTheFlagsThatGoTogether: --format text is what --script prints, and
// --steps, --format json and --workers apply to --seed.
func TestSimulateHonoursTheFlagsThatGoTogether(t *testing.T) {
	script := filepath.Join(t.TempDir(), "s.txt")
	require.NoError(t, os.WriteFile(script, []byte("0s dial c1 voice\n0s peer answer c1\n20s peer hangup c1\n"), 0o644))
	out, errOut, status := runCmd(t, "", "simulate", "--script", script, "--format", "text", "--app", "buggy:reports-active-twice")
	assert.Equal(t, 1, status, errOut)
	assert.Contains(t, out, "duplicate-report")
	js, errOut, status := runCmd(t, "", "simulate", "--seed", "9", "--steps", "7", "--workers", "1", "--format", "json")
	assert.Equal(t, 0, status, errOut)
	s := summaryOf(t, js)
	assert.Equal(t, uint64(9), s.First)
	assert.Equal(t, 7, s.Steps)
}

// TestSimulateRefusesScriptsWithoutSteps: a script of no step tests nothing; a directory
// is not a script.
func TestSimulateRefusesScriptsWithoutSteps(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"empty.txt":    "",
		"comments.txt": "# just a comment\n\n   # another\n",
		"name.txt":     "scenario only-name\n",
		"repro.txt":    "# app: buggy:reports-active-twice\n# fails: verdict reportCallStateChange 1007200001/duplicate-report\n",
	} {
		file := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(file, []byte(text), 0o644))
		assertSimulateRefuses(t, "", "no steps in "+file+": a script needs at least one step", "--script", file)
	}
	assertSimulateRefuses(t, "", "no steps in stdin: a script needs at least one step", "--script", "-")
	assertSimulateRefuses(t, "# nothing\n", "no steps in stdin: a script needs at least one step", "--script", "-")
	assertSimulateRefuses(t, "", dir+" is a directory, not a script", "--script", dir)
}

// TestSimulateRefusesDashAsOutput: "-" reads stdin everywhere else, so --trace - does not
// write a file named "-", for a seed, a script or a campaign, nor --save - a directory.
func TestSimulateRefusesDashAsOutput(t *testing.T) {
	t.Chdir(t.TempDir())
	const want = "--trace needs a file name: - would mean stdout, where the log or summary goes"
	assertSimulateRefuses(t, "", want, "--trace", "-", "--app", "buggy:reports-active-twice", "--seed", "4")
	assertSimulateRefuses(t, "0s push c1 voice\n", want, "--trace", "-", "--script", "-")
	assertSimulateRefuses(t, "", want, "--trace", "-", "--app", "buggy:reports-active-twice", "--seeds", "20")
	assert.NoFileExists(t, "-")
	assertSimulateRefuses(t, "", "--save needs a directory name: - would mean a standard stream, and reproducers are files",
		"--save", "-", "--app", "buggy:reports-active-twice", "--seeds", "20")
	assert.NoDirExists(t, "-")
}

// TestSimulateAppOverridesTheReproducersApp: a reproducer replays around the app its
// "# app:" line names, or around --app when given, as --help says.
func TestSimulateAppOverridesTheReproducersApp(t *testing.T) {
	const repro = "# app: buggy:reports-active-twice\n0s dial c1 voice\n0s peer answer c1\n20s peer hangup c1\n"
	log, _, status := runCmd(t, repro, "simulate", "--script", "-")
	assert.Equal(t, 1, status, log)
	assert.Contains(t, log, "[duplicate-report]")
	log, _, status = runCmd(t, repro, "simulate", "--script", "-", "--app", "reference")
	assert.Equal(t, 0, status, log)
	help, _, _ := runCmd(t, "", "simulate", "--help")
	assert.Contains(t, help, "instead of generating (with --app, which overrides its # app: line, and --trace only)\n")
}

// TestSimulateHelpSaysTheRules: --help names the bounds and the flags that do not go
// together.
func TestSimulateHelpSaysTheRules(t *testing.T) {
	out, _, status := runCmd(t, "", "simulate", "--help")
	assert.Equal(t, 0, status)
	for _, want := range []string{"1..1000000000", "1..10000", "0..1024", "N <= --seeds",
		"--script replays the scenario as written", "--seed runs that one seed"} {
		assert.Contains(t, strings.Join(strings.Fields(out), " "), want)
	}
}
