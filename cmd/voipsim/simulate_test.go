package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim/explore"
)

// fixedClock makes every campaign take exactly half a second (it reads the clock when it
// starts and when it ends), so that the time line of a golden file holds.
func fixedClock(t *testing.T) {
	t.Helper()
	var now time.Time
	wallClock = func() time.Time {
		now = now.Add(500 * time.Millisecond)
		return now
	}
	t.Cleanup(func() { wallClock = time.Now })
}

func TestSimulateReferenceGolden(t *testing.T) {
	fixedClock(t)
	out, errOut, status := runCmd(t, "", "simulate", "--seeds", "25", "--steps", "40")
	assert.Equal(t, 0, status, errOut)
	assert.Empty(t, errOut, "no progress bar when stderr is not a terminal")
	assert.Contains(t, out, "PASS: no failure in 25 scenarios\n")
	assertGolden(t, filepath.Join("simulate", "reference.txt"), out)
}

func TestSimulateBuggyGolden(t *testing.T) {
	fixedClock(t)
	out, errOut, status := runCmd(t, "", "simulate", "--app", "buggy", "--seeds", "30", "--steps", "40")
	assert.Equal(t, 1, status, errOut)
	assert.Contains(t, out, "FAIL: 5 of 5 apps fail")
	assertGolden(t, filepath.Join("simulate", "buggy.txt"), out)
}

// TestSimulateOutputIsTheSameForAnyWorkers: seeds run in parallel, the output does not
// show it.
func TestSimulateOutputIsTheSameForAnyWorkers(t *testing.T) {
	fixedClock(t)
	one, errOne, status := runCmd(t, "", "simulate", "--app", "buggy:all", "--seeds", "40", "--workers", "1")
	require.Equal(t, 1, status, errOne)
	require.Contains(t, one, "verdict reportCallStateChange 1007200001/duplicate-report", "two runs that print nothing would be equal too")
	four, errFour, status := runCmd(t, "", "simulate", "--app", "buggy:all", "--seeds", "40", "--workers", "4")
	require.Equal(t, 1, status, errFour)
	assert.Equal(t, one, four)
}

// TestSimulateSeedPrintsTheRunAndItsTrace: --seed prints the run; its trace, checked by
// voipsim check, confirms every verdict of the run, and fails where the run did: the
// app's own refusals are unexpected.
func TestSimulateSeedPrintsTheRunAndItsTrace(t *testing.T) {
	tr := filepath.Join(t.TempDir(), "run.jsonl")
	out, errOut, status := runCmd(t, "", "simulate", "--app", "buggy:reports-active-twice", "--seed", "12", "--steps", "20", "--trace", tr)
	assert.Equal(t, 1, status, errOut)
	assertGolden(t, filepath.Join("simulate", "seed.txt"), out)
	checked, _, status := runCmd(t, "", "check", "--format", "json", tr)
	assert.Equal(t, 1, status, checked)
	assert.Equal(t, 2, strings.Count(out, "  verdict reportCallStateChange 1007200001/duplicate-report"), out)
	assert.Contains(t, checked, `"failed":2,"unexpected":2,`)
	assert.Equal(t, 2, strings.Count(checked, `"cause":"duplicate-report"`))
}

var heredoc = regexp.MustCompile(`(?m)^voipsim simulate --app (\S+) --script - <<'EOF'\n((?:.*\n)*?)EOF$`)

// TestSimulateReproducersReplay: every reproducer printed for the buggy app fails again
// when replayed as printed, and the reference app passes it.
func TestSimulateReproducersReplay(t *testing.T) {
	out, _, status := runCmd(t, "", "simulate", "--app", "buggy", "--seeds", "60")
	require.Equal(t, 1, status)
	blocks := heredoc.FindAllStringSubmatch(out, -1)
	require.Len(t, blocks, strings.Count(out, "\n["))
	for _, b := range blocks {
		log, _, status := runCmd(t, b[2], "simulate", "--app", b[1], "--script", "-")
		assert.Equal(t, 1, status, "%s\n%s", b[1], b[2])
		assert.Contains(t, log, "FAIL ")
		_, _, status = runCmd(t, b[2], "simulate", "--app", "reference", "--script", "-")
		assert.Equal(t, 0, status, "the reference app passes\n%s", b[2])
	}
}

// TestSimulateSavesReproducers: --save writes reproducer files that name their app and
// failure; --script replays one with its app; --trace writes each reproducer's trace.
func TestSimulateSavesReproducers(t *testing.T) {
	dir := t.TempDir()
	tr := filepath.Join(dir, "repro.jsonl")
	out, _, status := runCmd(t, "", "simulate", "--app", "buggy:dials-during-carrier-call", "--seeds", "10", "--save", dir, "--trace", tr)
	require.Equal(t, 1, status, out)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	assert.Contains(t, out, "voipsim simulate --script "+files[0]+"\n")
	text, err := os.ReadFile(files[0])
	require.NoError(t, err)
	assert.Equal(t, "# voipsim reproducer: found by `voipsim simulate --app buggy:dials-during-carrier-call` at seed 3, 105 steps shrunk to 4\n"+
		"# app: buggy:dials-during-carrier-call\n"+
		"# fails: verdict reportOutgoingCall 1007200003/carrier-conflict\n"+
		"scenario dials-during-carrier-call--reportOutgoingCall-carrier-conflict-seed-3\n"+
		"0s carrier ring\n0s dial c1 voice\n20s carrier end\n20s peer hangup c1\n", string(text))
	log, _, status := runCmd(t, "", "simulate", "--script", files[0])
	assert.Equal(t, 1, status)
	assert.Contains(t, log, "[carrier-conflict]")
	checked, _, status := runCmd(t, "", "check", tr)
	assert.Equal(t, 1, status, checked)
	assert.Contains(t, checked, "carrier-conflict  UNEXPECTED: expected ok")
}

func summaryOf(t *testing.T, js string) *explore.Summary {
	t.Helper()
	var s explore.Summary
	require.NoError(t, json.Unmarshal([]byte(js), &s), js)
	return &s
}

// TestSimulateShardsMerge: the JSON summaries of two shards merge into the unsharded
// campaign's.
func TestSimulateShardsMerge(t *testing.T) {
	fixedClock(t)
	args := []string{"simulate", "--app", "buggy", "--seeds", "40", "--steps", "50", "--format", "json"}
	whole, _, status := runCmd(t, "", args...)
	assert.Equal(t, 1, status)
	dir := t.TempDir()
	var files []string
	for _, shard := range []string{"1/2", "2/2"} {
		js, _, _ := runCmd(t, "", append(args, "--shard", shard)...)
		name := filepath.Join(dir, strings.ReplaceAll(shard, "/", "of")+".json")
		require.NoError(t, os.WriteFile(name, []byte(js), 0o644))
		files = append(files, name)
	}
	merged, _, status := runCmd(t, "", append([]string{"simulate", "merge", "--format", "json"}, files...)...)
	assert.Equal(t, 1, status)
	m, w := summaryOf(t, merged), summaryOf(t, whole)
	assert.Equal(t, []string{"1/2", "2/2"}, m.Shards)
	assert.InDelta(t, 2*w.Seconds, m.Seconds, 1e-9, "each shard took as long as the whole campaign")
	m.Shards, m.Seconds, w.Seconds = nil, 0, 0
	assert.Equal(t, w, m)

	text, _, status := runCmd(t, "", append([]string{"simulate", "merge"}, files...)...)
	assert.Equal(t, 1, status)
	assertGolden(t, filepath.Join("simulate", "merge.txt"), text)
}

func TestSimulateSeedAsJSON(t *testing.T) {
	js, _, status := runCmd(t, "", "simulate", "--seed", "7", "--format", "json")
	assert.Equal(t, 0, status)
	s := summaryOf(t, js)
	assert.Equal(t, uint64(7), s.First)
	assert.Equal(t, 1, s.Apps[0].Scenarios)
}

func TestSimulateRefusesBadUsage(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(bad, []byte("0s push c1 voice\n1s user dance c1\n"), 0o644))
	notJSON := filepath.Join(dir, "x.json")
	require.NoError(t, os.WriteFile(notJSON, []byte("{"), 0o644))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--shard", "3/2"}, `--shard must be K/N with 1 <= K <= N <= --seeds (1000), got "3/2"`},
		{[]string{"--shard", "x"}, `--shard must be K/N with 1 <= K <= N <= --seeds (1000), got "x"`},
		{[]string{"--format", "xml"}, `--format must be "text" or "json", got "xml"`},
		{[]string{"--app", "nope"}, `unknown app "nope": want reference, buggy, buggy:all or buggy:BUG with BUG one of ` +
			"forgets-disconnect-after-reject, dials-during-carrier-call, reports-active-twice, reports-incoming-as-dialing, never-declines-fourth-call"},
		{[]string{"--app", "buggy:nope"}, `unknown bug "nope": want all or one of forgets-disconnect-after-reject, dials-during-carrier-call, ` +
			"reports-active-twice, reports-incoming-as-dialing, never-declines-fourth-call"},
		{[]string{"--seeds", "0"}, "--seeds must be 1..1000000000, got 0"},
		{[]string{"--script", filepath.Join(dir, "missing.txt")}, "open " + filepath.Join(dir, "missing.txt") + ": no such file or directory"},
		{[]string{"--script", bad}, bad + ": line 2: "},
		{[]string{"--app", "buggy", "--seed", "1", "--trace", filepath.Join(dir, "t.jsonl")}, "--trace writes one run: name one app (e.g. --app buggy:reports-active-twice)"},
		{[]string{"merge", notJSON}, notJSON + ": not a summary of voipsim simulate --format json: unexpected end of JSON input"},
	} {
		_, errOut, status := runCmd(t, "", append([]string{"simulate"}, tc.args...)...)
		assert.Equal(t, exitUsage, status, tc.args)
		assert.True(t, strings.HasPrefix(errOut, "voipsim: "+tc.want), "%v: %s", tc.args, errOut)
	}
}

func TestSimulateHelp(t *testing.T) {
	for _, args := range [][]string{{"simulate", "--help"}, {"simulate", "merge", "--help"}} {
		out, _, status := runCmd(t, "", args...)
		assert.Equal(t, 0, status)
		assert.Contains(t, out, "Usage:\n  voipsim "+strings.Join(args[:len(args)-1], " "))
	}
}

// A campaign writes traces of its reproducers only: when nothing fails, it says so rather
// than leave no file without a word.
func TestSimulateTraceOfACampaignThatPasses(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		quoted bool // a name a terminal would act on is quoted
	}{{"repro.jsonl", false}, {"re\x1bpro.jsonl", true}} {
		tr := filepath.Join(dir, tc.name)
		said := tr
		if tc.quoted {
			said = strconv.Quote(tr)
		}
		_, errOut, status := runCmd(t, "", "simulate", "--app", "reference", "--seeds", "5", "--trace", tr)
		assert.Equal(t, 0, status)
		assert.Equal(t, "voipsim: no trace written to "+said+": nothing failed, so there is no reproducer\n", errOut)
		assert.NoFileExists(t, tr)
	}
}
