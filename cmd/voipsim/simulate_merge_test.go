package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeRun runs simulate with --format json and writes its summary to the file name, in
// the current directory.
func writeRun(t *testing.T, name string, args ...string) {
	t.Helper()
	args = append([]string{"simulate", "--seeds", "6", "--steps", "10", "--format", "json"}, args...)
	js, errOut, status := runCmd(t, "", args...)
	require.Contains(t, []int{0, 1}, status, errOut)
	require.NoError(t, os.WriteFile(name, []byte(js), 0o644))
}

// assertMergeRefuses: merge of the files exits 2 with exactly the message want.
func assertMergeRefuses(t *testing.T, want string, files ...string) {
	t.Helper()
	out, errOut, status := runCmd(t, "", append([]string{"simulate", "merge"}, files...)...)
	assert.Equal(t, exitUsage, status, "%v\n%s", files, out)
	assert.Equal(t, "voipsim: "+want+"\n", errOut, files)
	assert.Empty(t, out, files)
}

// TestMergeRefusesShardsOfNoOneCampaign: merge adds up exactly the shards of one
// campaign, each once; anything else is refused, naming the files.
func TestMergeRefusesShardsOfNoOneCampaign(t *testing.T) {
	t.Chdir(t.TempDir())
	writeRun(t, "whole.json")
	writeRun(t, "whole2.json")
	for _, s := range []string{"1/2", "2/2", "1/3", "2/3", "3/3", "1/4", "3/4"} {
		writeRun(t, "s"+s[2:]+"-"+s[:1]+".json", "--shard", s)
	}
	require.NoError(t, os.WriteFile("copy.json", must(os.ReadFile("s2-1.json")), 0o644))
	writeRun(t, "buggy.json", "--shard", "2/2", "--app", "buggy:reports-active-twice")
	writeRun(t, "long.json", "--shard", "2/2", "--steps", "11")
	for _, tc := range []struct {
		files []string
		want  string
	}{
		{[]string{"s2-1.json", "copy.json"}, "shard 1/2 is given twice: s2-1.json and copy.json"},
		{[]string{"s2-1.json", "s2-2.json", "s2-1.json"}, "shard 1/2 is given twice: s2-1.json and s2-1.json"},
		{[]string{"s2-2.json"}, "shard 1/2 is missing"},
		{[]string{"s4-1.json", "s4-3.json"}, "shards 2/4 and 4/4 are missing"},
		{[]string{"s2-1.json", "s3-2.json", "s3-3.json"}, "s3-2.json is shard 2/3 but s2-1.json is shard 1/2"},
		{[]string{"whole.json", "s2-2.json"}, "s2-2.json is shard 2/2 but whole.json is the whole campaign"},
		{[]string{"s2-1.json", "whole.json"}, "whole.json is the whole campaign but s2-1.json is shard 1/2"},
		{[]string{"whole.json", "whole2.json"}, "the whole campaign is given twice: whole.json and whole2.json"},
		{[]string{"s2-1.json", "buggy.json"}, "buggy.json ran apps buggy:reports-active-twice, s2-1.json ran reference"},
		{[]string{"s2-1.json", "long.json"}, "long.json is of seeds 1..6 with 11 steps, s2-1.json of seeds 1..6 with 10 steps: they are different campaigns"},
	} {
		assertMergeRefuses(t, tc.want, tc.files...)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestMergeOfAWholeCampaignAloneIsIt: a whole campaign's summary merges alone, into
// itself; so does a merge of all its shards.
func TestMergeOfAWholeCampaignAloneIsIt(t *testing.T) {
	t.Chdir(t.TempDir())
	writeRun(t, "whole.json", "--app", "buggy")
	writeRun(t, "s1.json", "--app", "buggy", "--shard", "1/2")
	writeRun(t, "s2.json", "--app", "buggy", "--shard", "2/2")
	for _, files := range [][]string{{"whole.json"}, {"s1.json", "s2.json"}} {
		merged, errOut, status := runCmd(t, "", append([]string{"simulate", "merge", "--format", "json"}, files...)...)
		require.Equal(t, 1, status, errOut)
		require.NoError(t, os.WriteFile("merged.json", []byte(merged), 0o644))
		again, errOut, status := runCmd(t, "", "simulate", "merge", "--format", "json", "merged.json")
		assert.Equal(t, 1, status, errOut)
		assert.Equal(t, merged, again)
	}
	whole, merged := summaryOf(t, string(must(os.ReadFile("whole.json")))), summaryOf(t, string(must(os.ReadFile("merged.json"))))
	merged.Shards, merged.Seconds, whole.Seconds = nil, 0, 0
	assert.Equal(t, whole, merged)
}

// TestMergeRefusesWhatIsNotASummary: every file is checked as it is read: each field the
// summary always has is there and could have come from a campaign; the error names the
// file and the field.
func TestMergeRefusesWhatIsNotASummary(t *testing.T) {
	t.Chdir(t.TempDir())
	writeRun(t, "good.json", "--app", "buggy:reports-incoming-as-dialing", "--shard", "1/2")
	var good map[string]any
	require.NoError(t, json.Unmarshal(must(os.ReadFile("good.json")), &good))
	app := func(s map[string]any) map[string]any { return s["apps"].([]any)[0].(map[string]any) }
	require.NotEmpty(t, app(good)["findings"], "the shard fails, so that findings get checked")
	const not = "x.json: not a summary of voipsim simulate --format json: "
	for _, tc := range []struct {
		text   string
		change func(s map[string]any)
		want   string
	}{
		{text: "{}", want: not + `no field "first"`},
		{text: "null", want: not + "want a JSON object, got null"},
		{text: "[]", want: not + "want a JSON object, got an array"},
		{text: `"summary"`, want: not + "want a JSON object, got a string"},
		{text: `{"name":"pkg"}`, want: not + `no field "first"`},
		{text: "{", want: not + "unexpected end of JSON input"},
		{change: func(s map[string]any) { s["seeds"] = "ten" }, want: not + `seeds is a string, want a number`},
		{change: func(s map[string]any) { app(s)["calls"] = 1.5 }, want: not + `apps[0].calls is 1.5, want a whole number`},
		{change: func(s map[string]any) { delete(s, "seconds") }, want: not + `no field "seconds"`},
		{change: func(s map[string]any) { delete(app(s), "verdicts") }, want: not + `apps[0] has no field "verdicts"`},
		{change: func(s map[string]any) { delete(app(s), "failedScenarios") }, want: not + `apps[0] has no field "failedScenarios"`},
		{change: func(s map[string]any) { delete(app(s)["findings"].([]any)[0].(map[string]any), "seed") }, want: not + `apps[0].findings[0] has no field "seed"`},
		{change: func(s map[string]any) { s["seeds"] = 0 }, want: "x.json: seeds is 0, want at least 1"},
		{change: func(s map[string]any) { s["steps"] = -3 }, want: "x.json: steps is -3, want at least 1"},
		{change: func(s map[string]any) { s["seconds"] = -1 }, want: "x.json: seconds is -1, want at least 0"},
		{change: func(s map[string]any) { s["first"] = uint64(18446744073709551615) }, want: "x.json: first is 18446744073709551615 and seeds 6: the last seed would pass 18446744073709551615"},
		{change: func(s map[string]any) { s["apps"] = []any{} }, want: "x.json: apps is empty, want at least one app"},
		{change: func(s map[string]any) { app(s)["app"] = "" }, want: `x.json: apps[0].app is empty, want an app's name`},
		{change: func(s map[string]any) { s["apps"] = append(s["apps"].([]any), app(s)) }, want: `x.json: apps[1].app is "buggy:reports-incoming-as-dialing" again`},
		{change: func(s map[string]any) { app(s)["scenarios"] = -5 }, want: "x.json: apps[0].scenarios is -5, want at least 0"},
		{change: func(s map[string]any) { app(s)["panics"] = -1 }, want: "x.json: apps[0].panics is -1, want at least 0"},
		{change: func(s map[string]any) { app(s)["scenarios"] = 4 }, want: "x.json: apps[0].scenarios is 4, want 3: one per seed of shard 1/2 of seeds 1..6"},
		{change: func(s map[string]any) { app(s)["failedScenarios"] = 4 }, want: "x.json: apps[0].failedScenarios is 4, want at most apps[0].scenarios, 3"},
		{change: func(s map[string]any) { app(s)["verdicts"].(map[string]any)["ok"] = -2 }, want: `x.json: apps[0].verdicts["ok"] is -2, want at least 0`},
		{change: func(s map[string]any) { s["shards"] = []any{"3/2"} }, want: `x.json: shards[0] is "3/2", want K/N with 1 <= K <= N <= seeds (6)`},
		{change: func(s map[string]any) { s["shards"] = []any{"1/7"} }, want: `x.json: shards[0] is "1/7", want K/N with 1 <= K <= N <= seeds (6)`},
		{change: func(s map[string]any) { s["shards"] = []any{"1/2", "1/2"} }, want: `x.json: shards[1] is "1/2" again`},
		{change: func(s map[string]any) { s["shards"] = []any{"1/2", "1/3"} }, want: `x.json: shards[1] is "1/3", but shards[0] is "1/2"`},
		{change: func(s map[string]any) { finding(app(s))["seed"] = 99 }, want: "x.json: apps[0].findings[0].seed is 99, want one of the seeds 1..6"},
		{change: func(s map[string]any) { finding(app(s))["seed"] = 2 }, want: "x.json: apps[0].findings[0].seed is 2, but shard 1/2 does not run it"},
		{change: func(s map[string]any) { finding(app(s))["scenarios"] = 0 }, want: "x.json: apps[0].findings[0].scenarios is 0, want 1..apps[0].failedScenarios (1)"},
		{change: func(s map[string]any) { finding(app(s))["key"] = "" }, want: "x.json: apps[0].findings[0].key is empty, want the kind of failure"},
		// Text that a terminal would act on is refused, not printed raw: simulate never writes it.
		{change: func(s map[string]any) { app(s)["app"] = "x\x1b[31mred" }, want: not + "apps[0].app holds U+001B, which is not printable text"},
		{change: func(s map[string]any) { app(s)["verdicts"].(map[string]any)["ok\u202e"] = 1 }, want: not + `apps[0].verdicts key "ok\u202e" holds U+202E, which is not printable text`},
		{change: func(s map[string]any) { finding(app(s))["key"] = "k\a" }, want: not + "apps[0].findings[0].key holds U+0007, which is not printable text"},
		{change: func(s map[string]any) { finding(app(s))["repro"] = "0s push c1 voice\n1s push c2\tvoice\n" }, want: not + "apps[0].findings[0].repro holds U+0009, which is not printable text"},
		{change: func(s map[string]any) { s["shards"] = []any{"1/2\u009b"} }, want: not + "shards[0] holds U+009B, which is not printable text"},
		{change: func(s map[string]any) { app(s)["app"] = "\x1b[31mred" }, want: not + "apps[0].app holds U+001B, which is not printable text"},
		{change: func(s map[string]any) { app(s)["app"] = 7 }, want: not + "apps[0].app is a number, want a string"},
		{change: func(s map[string]any) { app(s)["verdicts"] = []any{} }, want: not + "apps[0].verdicts is an array, want an object"},
		{change: func(s map[string]any) { app(s)["verdicts"].(map[string]any)["ok"] = "2" }, want: not + `apps[0].verdicts["ok"] is a string, want a number`},
	} {
		text := tc.text
		if tc.change != nil {
			var s map[string]any
			require.NoError(t, json.Unmarshal(must(os.ReadFile("good.json")), &s))
			tc.change(s)
			text = string(must(json.Marshal(s)))
		}
		require.NoError(t, os.WriteFile("x.json", []byte(text), 0o644))
		assertMergeRefuses(t, tc.want, "x.json", "good.json")
	}
	require.NoError(t, os.Mkdir("dir", 0o755))
	assertMergeRefuses(t, "dir is a directory, not a summary", "dir")
	_, errOut, status := runCmd(t, "", "simulate", "merge", "-")
	assert.Equal(t, exitUsage, status)
	assert.Equal(t, "voipsim: stdin: not a summary of voipsim simulate --format json: unexpected end of JSON input\n", errOut)
	_, errOut, status = runCmd(t, "", "simulate", "merge")
	assert.Equal(t, exitUsage, status)
	assert.Equal(t, "voipsim: no FILE given: name the JSON summary of every shard, or - to read stdin\n", errOut)
}

func finding(app map[string]any) map[string]any { return app["findings"].([]any)[0].(map[string]any) }
