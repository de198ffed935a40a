package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/internal/rapidflag"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

// The simulate oracles hold `voipsim simulate` as a whole command to README.md and --help,
// over small random campaigns: any app of the README (reference, buggy, buggy:all, one bug
// or two), 1..30 seeds, --steps 1..120 or its default of 100 (given or not), 1..4
// workers. Such campaigns take milliseconds; the shards oracle runs a dozen commands a
// check, so it makes shardsOracleChecks checks by default (under two seconds with -race),
// the others rapid's 100. More: -rapid.checks=N.
const shardsOracleChecks = 50

// oracleCampaign is the flags of one random campaign.
type oracleCampaign struct {
	app            string
	seeds, steps   int
	stepsGiven     bool // --steps on the command line (it may be the default, 100)
	workers        int
	workersGiven   bool
	appsOfTheFlags []string // the apps --app names
}

func (c oracleCampaign) args(more ...string) []string {
	args := []string{"simulate", "--app", c.app, "--seeds", strconv.Itoa(c.seeds)}
	if c.stepsGiven {
		args = append(args, "--steps", strconv.Itoa(c.steps))
	}
	if c.workersGiven {
		args = append(args, "--workers", strconv.Itoa(c.workers))
	}
	return append(args, more...)
}

var oracleAppFlags = []string{"reference", "buggy", "buggy:all", "buggy:reports-active-twice",
	"buggy:dials-during-carrier-call", "buggy:forgets-disconnect-after-reject+never-declines-fourth-call",
	"buggy:reports-incoming-as-dialing+reports-active-twice"}

func oracleCampaignGen(maxSeeds int) *rapid.Generator[oracleCampaign] {
	return rapid.Custom(func(t *rapid.T) oracleCampaign {
		c := oracleCampaign{
			app:          rapid.SampledFrom(oracleAppFlags).Draw(t, "app"),
			seeds:        rapid.IntRange(1, maxSeeds).Draw(t, "seeds"),
			steps:        rapid.OneOf(rapid.IntRange(1, 120), rapid.Just(explore.DefaultSteps)).Draw(t, "steps"),
			workers:      rapid.IntRange(1, 4).Draw(t, "workers"),
			workersGiven: rapid.Bool().Draw(t, "workersGiven"),
		}
		c.stepsGiven = c.steps != explore.DefaultSteps || rapid.Bool().Draw(t, "stepsGiven")
		targets, err := apps.Lookup(c.app)
		require.NoError(t, err)
		for _, a := range targets {
			c.appsOfTheFlags = append(c.appsOfTheFlags, a.Name)
		}
		return c
	})
}

// campaignClock makes every campaign take d of wall time (it reads the clock when it
// starts and when it ends); the function it returns sets another d.
func campaignClock(t *testing.T, d time.Duration) func(time.Duration) {
	var now time.Time
	set := func(d time.Duration) {
		wallClock = func() time.Time {
			now = now.Add(d)
			return now
		}
	}
	set(d)
	t.Cleanup(func() { wallClock = time.Now })
	return set
}

func decodeSummary(t *rapid.T, js string) *explore.Summary {
	var s explore.Summary
	require.NoError(t, json.Unmarshal([]byte(js), &s), js)
	return &s
}

// TestSimulateShardsMergeOracle: the --format json summaries of the N shards of a random
// campaign (--shard K/N for K = 1..N), given to merge in any order, print what the
// unsharded campaign prints, as text and as JSON, with the same exit status: but for the
// header, which lists the shards (", shards 1/N 2/N … N/N" when N > 1), and the time,
// the sum of the shards' (here a second each: the text is the whole campaign's had it
// taken N seconds). Each shard's own header names it; --shard 1/1 prints what no
// --shard does; findings are by first seed, then key.
func TestSimulateShardsMergeOracle(t *testing.T) {
	rapidflag.Checks(t, shardsOracleChecks)
	setClock := campaignClock(t, time.Second)
	base := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		c := oracleCampaignGen(30).Draw(t, "campaign")
		n := rapid.IntRange(1, min(c.seeds, 5)).Draw(t, "n")
		dir, err := os.MkdirTemp(base, "")
		require.NoError(t, err)

		setClock(time.Second)
		wholeText, errOut, status := runCmd(t, "", c.args()...)
		require.Contains(t, []int{0, 1}, status, errOut)
		wholeJSON, _, jsonStatus := runCmd(t, "", c.args("--format", "json")...)
		require.Equal(t, status, jsonStatus)
		one, _, oneStatus := runCmd(t, "", c.args("--shard", "1/1")...)
		require.Equal(t, wholeText, one, "--shard 1/1 is no --shard")
		require.Equal(t, status, oneStatus)
		oneJSON, _, _ := runCmd(t, "", c.args("--shard", "1/1", "--format", "json")...)
		require.Equal(t, wholeJSON, oneJSON, "--shard 1/1 is no --shard")

		header := fmt.Sprintf("voipsim simulate: seeds 1..%d, %d draws per scenario", c.seeds, c.steps)
		files := make([]string, n)
		var shards []string
		for k := 1; k <= n; k++ {
			shard := fmt.Sprintf("%d/%d", k, n)
			text, _, _ := runCmd(t, "", c.args("--shard", shard)...)
			want := header + "\n"
			if n > 1 {
				want = header + ", shards " + shard + "\n"
				shards = append(shards, shard)
			}
			require.True(t, strings.HasPrefix(text, want), "shard %s:\n%s", shard, text)
			js, errOut, status := runCmd(t, "", c.args("--shard", shard, "--format", "json")...)
			require.Contains(t, []int{0, 1}, status, errOut)
			files[k-1] = filepath.Join(dir, strconv.Itoa(k)+".json")
			require.NoError(t, os.WriteFile(files[k-1], []byte(js), 0o644))
		}
		order := rapid.Permutation(files).Draw(t, "order")
		mergedText, errOut, mergedStatus := runCmd(t, "", append([]string{"simulate", "merge"}, order...)...)
		require.Equal(t, status, mergedStatus, errOut)
		mergedJSON, _, _ := runCmd(t, "", append([]string{"simulate", "merge", "--format", "json"}, order...)...)

		setClock(time.Duration(n) * time.Second)
		want, _, _ := runCmd(t, "", c.args()...)
		if n > 1 {
			want = strings.Replace(want, header+"\n", header+", shards "+strings.Join(shards, " ")+"\n", 1)
		}
		require.Equal(t, want, mergedText)

		w, m := decodeSummary(t, wholeJSON), decodeSummary(t, mergedJSON)
		require.Equal(t, shards, m.Shards)
		require.Equal(t, float64(n), m.Seconds, "the shards' times add up")
		require.Equal(t, 1.0, w.Seconds)
		m.Shards, m.Seconds = nil, w.Seconds
		require.Equal(t, w, m)
		for _, a := range w.Apps {
			require.True(t, slices.IsSortedFunc(a.Findings, func(x, y explore.Finding) int {
				return cmp.Or(cmp.Compare(x.Seed, y.Seed), cmp.Compare(x.Key, y.Key))
			}), "%s: findings by first seed, then key", a.App)
		}
	})
}

// finding is one kind of failure as the text of a campaign prints it.
var findingText = regexp.MustCompile(`(?m)^\[(\d+)\] (\S+) fails with: (.+)\n` +
	`    in (\d+) of (\d+) scenarios; the first, seed (\d+) \((\d+) steps\), shrinks to (\d+) steps\n` +
	`    run the seed:  voipsim (.+)\n` +
	`(?:    replay the reproducer:\nvoipsim simulate --app (\S+) --script - <<'EOF'\n((?:.*\n)*?)EOF\n` +
	`|    saved as (.+); replay it:\nvoipsim simulate --script (.+)\n)`)

// TestSimulateReproducersOracle: every finding a random campaign prints, [1] to [n], is
// one of its JSON summary's, in order, and its lines reproduce it exactly: the seed line
// (`--steps` in it only when the campaign's steps are not 100) runs that seed, whose
// summary (the same line with --format json) has the finding with the same seed, steps,
// reproducer and shrunk steps, and whose run fails that way; the reproducer, replayed as
// printed (or, with --save, as saved), fails that way too. A saved reproducer names its
// app, its failure, and the campaign that found it, with --steps as the seed line has it.
func TestSimulateReproducersOracle(t *testing.T) {
	campaignClock(t, time.Second)
	base := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		c := oracleCampaignGen(30).Draw(t, "campaign")
		var more []string
		save := rapid.Bool().Draw(t, "save")
		if save {
			dir, err := os.MkdirTemp(base, "")
			require.NoError(t, err)
			more = []string{"--save", dir}
		}
		text, errOut, status := runCmd(t, "", c.args(more...)...)
		js, _, _ := runCmd(t, "", c.args("--format", "json")...)
		sum := decodeSummary(t, js)
		require.Equal(t, sum.Failed(), status == 1, errOut)
		printed := findingText.FindAllStringSubmatch(text, -1)
		require.Len(t, printed, strings.Count(text, "\n["), text)
		stepsFlag := ""
		if c.steps != explore.DefaultSteps {
			stepsFlag = " --steps " + strconv.Itoa(c.steps)
		}
		i := 0
		for _, a := range sum.Apps {
			for _, f := range a.Findings {
				require.Less(t, i, len(printed), "finding %s of %s is not printed", f.Key, a.App)
				p := printed[i]
				i++
				require.Equal(t, []string{strconv.Itoa(i), a.App, f.Key, strconv.Itoa(f.Scenarios), strconv.Itoa(a.Scenarios),
					strconv.FormatUint(f.Seed, 10), strconv.Itoa(f.GeneratedSteps), strconv.Itoa(f.ReproSteps)}, p[1:9])
				seedLine := "simulate --app " + a.App + stepsFlag + " --seed " + strconv.FormatUint(f.Seed, 10)
				require.Equal(t, seedLine, p[9])
				assertSeedReproduces(t, strings.Fields(seedLine), a.App, f)
				if !save {
					require.Equal(t, a.App, p[10])
					require.Equal(t, f.Repro, p[11])
					log, _, status := runCmd(t, f.Repro, "simulate", "--app", a.App, "--script", "-")
					require.Equal(t, 1, status, "the reproducer passes:\n%s", f.Repro)
					requireFailsWith(t, log, f.Key)
					continue
				}
				require.Equal(t, p[12], p[13])
				saved, err := os.ReadFile(p[12])
				require.NoError(t, err)
				r, err := explore.ParseRepro(string(saved))
				require.NoError(t, err)
				require.Equal(t, a.App, r.App)
				require.Equal(t, f.Key, r.Key)
				require.Equal(t, fmt.Sprintf("found by `voipsim simulate --app %s%s` at seed %d, %d steps shrunk to %d",
					c.app, stepsFlag, f.Seed, f.GeneratedSteps, f.ReproSteps), r.Origin)
				sc := r.Scenario
				sc.Name = "seed-" + strconv.FormatUint(f.Seed, 10)
				require.Equal(t, f.Repro, sc.String(), "the saved reproducer is the printed one")
				log, _, status := runCmd(t, "", "simulate", "--script", p[12])
				require.Equal(t, 1, status, "the saved reproducer passes:\n%s", saved)
				requireFailsWith(t, log, f.Key)
			}
		}
		require.Len(t, printed, i, "a finding printed that the summary has not")
	})
}

// assertSeedReproduces runs a seed line: its summary has the finding as the campaign
// found it, and its run fails that way.
func assertSeedReproduces(t *rapid.T, seedArgs []string, app string, f explore.Finding) {
	js, errOut, status := runCmd(t, "", append(seedArgs, "--format", "json")...)
	require.Equal(t, 1, status, errOut)
	one := decodeSummary(t, js)
	require.Len(t, one.Apps, 1)
	require.Equal(t, app, one.Apps[0].App)
	got := slices.IndexFunc(one.Apps[0].Findings, func(g explore.Finding) bool { return g.Key == f.Key })
	require.GreaterOrEqual(t, got, 0, "seed %d does not fail with %s", f.Seed, f.Key)
	want := f
	want.Scenarios = 1
	require.Equal(t, want, one.Apps[0].Findings[got])
	log, _, status := runCmd(t, "", seedArgs...)
	require.Equal(t, 1, status, log)
	requireFailsWith(t, log, f.Key)
}

// requireFailsWith: the run's log lists a failure of the key.
func requireFailsWith(t *rapid.T, log, key string) {
	require.True(t, strings.Contains(log, "\n  "+key+" (call ") || strings.Contains(log, "\n  "+key+" at "),
		"no failure %s in:\n%s", key, log)
}

// traceNames are --trace files, some with a dot in the directory, some with two in the
// name or none, or a name that is all extension.
var traceNames = []string{"t.jsonl", "trace", "run.trace.jsonl", "t.", "d.x/t", "d.x/t.jsonl", ".jsonl"}

// TestSimulateTraceNumberingOracle: in a campaign, and with --seed … --format json, --trace
// FILE writes the trace of each shrunk reproducer, in the order they are printed: to FILE
// when there is one, to FILE-1, FILE-2, … with the number before FILE's extension
// (filepath.Ext, so "t.jsonl" gives t-1.jsonl, and ".jsonl" -1.jsonl) when there are
// several, and to no file when nothing fails, which stderr says. Each is the trace that
// replaying the reproducer with --script writes, and it writes nothing else.
func TestSimulateTraceNumberingOracle(t *testing.T) {
	base := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		c := oracleCampaignGen(30).Draw(t, "campaign")
		dir, err := os.MkdirTemp(base, "")
		require.NoError(t, err)
		require.NoError(t, os.Mkdir(filepath.Join(dir, "d.x"), 0o755))
		file := filepath.Join(dir, rapid.SampledFrom(traceNames).Draw(t, "trace"))
		args := c.args("--format", "json")
		if rapid.Bool().Draw(t, "seed") {
			args = []string{"simulate", "--app", c.app, "--steps", strconv.Itoa(c.steps), "--format", "json",
				"--seed", strconv.Itoa(rapid.IntRange(0, 60).Draw(t, "seedNumber"))}
		}
		js, errOut, status := runCmd(t, "", append(args, "--trace", file)...)
		require.Contains(t, []int{0, 1}, status, errOut)
		sum := decodeSummary(t, js)
		type repro struct{ app, script string }
		var repros []repro
		for _, a := range sum.Apps {
			for _, f := range a.Findings {
				repros = append(repros, repro{a.App, f.Repro})
			}
		}
		if len(repros) == 0 {
			require.Equal(t, "voipsim: no trace written to "+file+": nothing failed, so there is no reproducer\n", errOut)
		} else {
			require.Empty(t, errOut)
		}
		want := map[string]string{}
		ext := filepath.Ext(file)
		for i, r := range repros {
			name := file
			if len(repros) > 1 {
				name = file[:len(file)-len(ext)] + "-" + strconv.Itoa(i+1) + ext
			}
			replayed := filepath.Join(base, "replayed.jsonl")
			_, errOut, status := runCmd(t, r.script, "simulate", "--app", r.app, "--script", "-", "--trace", replayed)
			require.Equal(t, 1, status, errOut)
			want[name] = string(must(os.ReadFile(replayed)))
		}
		got := map[string]string{}
		require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				got[path] = string(must(os.ReadFile(path)))
			}
			return err
		}))
		require.Equal(t, want, got)
	})
}

// mergeFile is one argument of a merge the oracle makes: a shard's summary, a copy of one,
// or a file that is not one.
type mergeFile struct {
	fault string // "" for a summary as simulate printed it, else how the file is not one
	app   string
	seeds int
	steps int
	k, n  int // its shard: n is 1 for a whole campaign
	id    int // files of one id are one file, given twice
	name  string
}

// The faults of a file, by the phase of merge that finds them: reading the files, in
// order; checking each as a summary, in order; then comparing the files with the first.
var (
	readFaults  = map[string]string{"missing": "", "notJSON": "{", "noField": "{}"}
	checkFaults = map[string]func(map[string]any){
		"seedsZero":       func(s map[string]any) { s["seeds"] = 0 },
		"secondsNegative": func(s map[string]any) { s["seconds"] = -1 },
	}
)

// mergeError is the one error merge must report for the files (exit status 2), or "" if
// they merge: what README.md and `merge --help` say it refuses, the first fault found in
// this order: a file that cannot be read or is not a summary's JSON, in the order given;
// a summary no campaign could have written, in order; a file of another campaign (--seeds
// or --steps) or of other apps than the first file's, file by file; a shard of another
// --shard N than the first file's, or given twice, file by file; shards missing.
func mergeError(files []mergeFile) string {
	for _, f := range files {
		switch f.fault {
		case "missing":
			return "open " + f.name + ": no such file or directory"
		case "notJSON":
			return f.name + ": not a summary of voipsim simulate --format json: unexpected end of JSON input"
		case "noField":
			return f.name + `: not a summary of voipsim simulate --format json: no field "first"`
		}
	}
	for _, f := range files {
		switch f.fault {
		case "seedsZero":
			return f.name + ": seeds is 0, want at least 1"
		case "secondsNegative":
			return f.name + ": seconds is -1, want at least 0"
		}
	}
	a := files[0]
	for _, b := range files[1:] {
		if b.seeds != a.seeds || b.steps != a.steps {
			return fmt.Sprintf("%s is of seeds 1..%d with %d steps, %s of seeds 1..%d with %d steps: they are different campaigns",
				b.name, b.seeds, b.steps, a.name, a.seeds, a.steps)
		}
		if b.app != a.app {
			return fmt.Sprintf("%s ran apps %s, %s ran %s", b.name, b.app, a.name, a.app)
		}
	}
	describe := func(f mergeFile) string {
		if f.n == 1 {
			return "the whole campaign"
		}
		return fmt.Sprintf("shard %d/%d", f.k, f.n)
	}
	given := map[[2]int]string{}
	for _, b := range files {
		if b.n != a.n {
			return fmt.Sprintf("%s is %s but %s is %s", b.name, describe(b), a.name, describe(a))
		}
		if name, ok := given[[2]int{b.k, b.n}]; ok {
			return fmt.Sprintf("%s is given twice: %s and %s", describe(b), name, b.name)
		}
		given[[2]int{b.k, b.n}] = b.name
	}
	var missing []string
	for k := 1; k <= a.n; k++ {
		if _, ok := given[[2]int{k, a.n}]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", k, a.n))
		}
	}
	switch {
	case len(missing) == 1:
		return "shard " + missing[0] + " is missing"
	case len(missing) > 3:
		return fmt.Sprintf("shards %s and %d more are missing", strings.Join(missing[:3], ", "), len(missing)-3)
	case len(missing) > 1:
		return "shards " + strings.Join(missing[:len(missing)-1], ", ") + " and " + missing[len(missing)-1] + " are missing"
	}
	return ""
}

// mergeFilesGen draws the arguments of a merge: the shards of one campaign, in any order,
// some left out, some given twice (the same file, or a copy), and files of other campaigns,
// of other apps, of another split of the seeds, or that are no summary at all.
func mergeFilesGen() *rapid.Generator[[]mergeFile] {
	return rapid.Custom(func(t *rapid.T) []mergeFile {
		app := rapid.SampledFrom([]string{"reference", "buggy:reports-active-twice", "buggy:all"}).Draw(t, "app")
		seeds := rapid.IntRange(2, 8).Draw(t, "seeds")
		steps := rapid.IntRange(1, 20).Draw(t, "steps")
		n := rapid.IntRange(1, min(seeds, 6)).Draw(t, "n")
		shards := rapid.Permutation(ints(1, n)).Draw(t, "shards")
		changes := rapid.IntRange(0, 3).Draw(t, "changes")
		// Half the merges leave shards out and change at most one file, so that shards
		// missing, up to all but one of six, are often the first fault.
		if rapid.Bool().Draw(t, "leaveSomeOut") {
			shards = shards[:rapid.IntRange(1, n).Draw(t, "given")]
			changes = min(changes, 1)
		}
		var files []mergeFile
		for i, k := range shards {
			files = append(files, mergeFile{app: app, seeds: seeds, steps: steps, k: k, n: n, id: i + 1})
		}
		for c := range changes {
			at := rapid.IntRange(0, len(files)).Draw(t, "at")
			f := mergeFile{app: app, seeds: seeds, steps: steps, k: rapid.IntRange(1, n).Draw(t, "k"), n: n, id: n + 1 + c}
			switch change := rapid.SampledFrom([]string{"drop", "again", "copy", "otherN", "otherSteps", "otherSeeds",
				"otherApp", "missing", "notJSON", "noField", "seedsZero", "secondsNegative"}).Draw(t, "change"); change {
			case "drop":
				if len(files) > 1 {
					files = slices.Delete(files, min(at, len(files)-1), min(at, len(files)-1)+1)
				}
				continue
			case "again", "copy":
				if len(files) == 0 {
					continue
				}
				id := f.id
				f = files[rapid.IntRange(0, len(files)-1).Draw(t, "of")]
				if change == "copy" {
					f.id = id
				}
			case "otherN":
				f.n = rapid.IntRange(1, seeds).Filter(func(m int) bool { return m != n }).Draw(t, "otherN")
				f.k = rapid.IntRange(1, f.n).Draw(t, "otherK")
			case "otherSteps":
				f.steps++
			case "otherSeeds":
				f.seeds++
			case "otherApp":
				f.app = rapid.SampledFrom([]string{"reference", "buggy:reports-active-twice", "buggy:all"}).
					Filter(func(a string) bool { return a != app }).Draw(t, "otherApp")
			default:
				f.fault = change
			}
			files = slices.Insert(files, at, f)
		}
		return files
	})
}

func ints(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// TestMergeReportsTheFirstFaultOracle: merge of the files the generator draws fails with
// exactly the one error mergeError says, and prints nothing; files with no fault merge.
func TestMergeReportsTheFirstFaultOracle(t *testing.T) {
	base := t.TempDir()
	summaries := map[string]string{} // the JSON of each campaign's shard, by its arguments
	rapid.Check(t, func(t *rapid.T) {
		files := mergeFilesGen().Draw(t, "files")
		if len(files) == 0 {
			return
		}
		dir, err := os.MkdirTemp(base, "")
		require.NoError(t, err)
		names := make([]string, len(files))
		written := map[int]bool{}
		for i := range files {
			f := &files[i]
			f.name = filepath.Join(dir, strconv.Itoa(f.id)+".json")
			names[i] = f.name
			if written[f.id] {
				continue
			}
			written[f.id] = true
			if text, ok := readFaults[f.fault]; ok {
				if f.fault != "missing" {
					require.NoError(t, os.WriteFile(f.name, []byte(text), 0o644))
				}
				continue
			}
			args := []string{"simulate", "--app", f.app, "--seeds", strconv.Itoa(f.seeds), "--steps", strconv.Itoa(f.steps), "--format", "json"}
			if f.n > 1 {
				args = append(args, "--shard", fmt.Sprintf("%d/%d", f.k, f.n))
			}
			key := strings.Join(args, " ")
			js, ok := summaries[key]
			if !ok {
				var errOut string
				var status int
				js, errOut, status = runCmd(t, "", args...)
				require.Contains(t, []int{0, 1}, status, errOut)
				summaries[key] = js
			}
			if change, ok := checkFaults[f.fault]; ok {
				var s map[string]any
				require.NoError(t, json.Unmarshal([]byte(js), &s))
				change(s)
				js = string(must(json.Marshal(s)))
			}
			require.NoError(t, os.WriteFile(f.name, []byte(js), 0o644))
		}
		out, errOut, status := runCmd(t, "", append([]string{"simulate", "merge"}, names...)...)
		want := mergeError(files)
		if want == "" {
			require.Contains(t, []int{0, 1}, status, errOut)
			require.Empty(t, errOut)
			require.True(t, strings.HasPrefix(out, fmt.Sprintf("voipsim simulate: seeds 1..%d, %d draws per scenario", files[0].seeds, files[0].steps)), out)
			return
		}
		require.Equal(t, exitUsage, status, out)
		require.Empty(t, out)
		require.Equal(t, "voipsim: "+want+"\n", errOut)
	})
}
