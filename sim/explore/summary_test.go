package explore_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// shardsOf runs each shard of n of a small campaign of the app, 0 for the whole.
func shardsOf(t *testing.T, app string, n int, ks ...int) []*explore.Summary {
	t.Helper()
	var out []*explore.Summary
	for _, k := range ks {
		c := explore.Campaign{Apps: lookup(t, app), First: 1, Seeds: 12, Steps: 20}
		if k > 0 {
			c.Shard = explore.Shard{K: k, N: n}
		}
		out = append(out, run(t, c))
	}
	return out
}

func parts(names []string, sums ...*explore.Summary) []explore.Part {
	out := make([]explore.Part, len(sums))
	for i := range sums {
		out[i] = explore.Part{Name: names[i], Summary: sums[i]}
	}
	return out
}

// TestMergePartsIsOneCampaignOnly: the parts merge only if they are every shard of one
// campaign, each once; errors name the parts.
func TestMergePartsIsOneCampaignOnly(t *testing.T) {
	s3 := shardsOf(t, "reference", 3, 1, 2, 3)
	s2 := shardsOf(t, "reference", 2, 1, 2)
	whole := shardsOf(t, "reference", 0, 0)[0]
	other := shardsOf(t, "buggy:all", 2, 2)[0]
	moved := *s2[1] // the same seeds and steps, from another first seed
	moved.First = 2
	for _, tc := range []struct {
		parts []explore.Part
		want  string
	}{
		{parts([]string{"a", "b"}, s2[0], s2[0]), "shard 1/2 is given twice: a and b"},
		{parts([]string{"a"}, s2[0]), "shard 2/2 is missing"},
		{parts([]string{"a"}, s3[1]), "shards 1/3 and 3/3 are missing"},
		{parts([]string{"a", "b", "c"}, s2[0], s3[1], s3[2]), "b is shard 2/3 but a is shard 1/2"},
		{parts([]string{"w", "a"}, whole, s2[1]), "a is shard 2/2 but w is the whole campaign"},
		{parts([]string{"w", "v"}, whole, whole), "the whole campaign is given twice: w and v"},
		{parts([]string{"a", "b"}, s2[0], other), "b ran apps buggy:all, a ran reference"},
		{parts([]string{"a", "b"}, s2[0], &moved), "b is of seeds 2..13 with 20 steps, a of seeds 1..12 with 20 steps: they are different campaigns"},
		{nil, "explore: no summary to merge"},
	} {
		_, err := explore.MergeParts(tc.parts...)
		assert.EqualError(t, err, tc.want)
	}
	alone, err := explore.MergeParts(parts([]string{"w"}, whole)...)
	require.NoError(t, err)
	assert.Equal(t, asJSON(t, whole), asJSON(t, alone))
	merged, err := explore.MergeParts(parts([]string{"c", "a", "b"}, s3[2], s3[0], s3[1])...)
	require.NoError(t, err)
	assert.Equal(t, []string{"1/3", "2/3", "3/3"}, merged.Shards)
}

// TestSummaryCheck: a summary no campaign could have written is named by its first
// wrong field.
func TestSummaryCheck(t *testing.T) {
	for _, tc := range []struct {
		change func(s *explore.Summary)
		want   string
	}{
		{func(s *explore.Summary) { *s = explore.Summary{} }, "seeds is 0, want at least 1"},
		{func(s *explore.Summary) { s.Apps[0].Scenarios = -5 }, "apps[0].scenarios is -5, want at least 0"},
		{func(s *explore.Summary) { s.Apps[0].Scenarios = 7 }, "apps[0].scenarios is 7, want 6: one per seed of shard 2/2 of seeds 1..12"},
		{func(s *explore.Summary) { s.Shards = []string{"2/13"} }, `shards[0] is "2/13", want K/N with 1 <= K <= N <= seeds (12)`},
		{func(s *explore.Summary) { s.Seeds = 14 }, "apps[0].scenarios is 6, want 7: one per seed of shard 2/2 of seeds 1..14"},
	} {
		s := shardsOf(t, "reference", 2, 2)[0]
		tc.change(s)
		assert.EqualError(t, s.Check(), tc.want)
	}
	assert.NoError(t, shardsOf(t, "reference", 2, 2)[0].Check())
}

// An app's tally is the sum of the counts of its runs, one per seed, and its verdicts the
// sum of theirs.
func TestTallyIsTheSumOfTheRuns(t *testing.T) {
	app := lookup(t, "buggy:all")[0]
	sum := run(t, explore.Campaign{Apps: []explore.App{app}, First: 1, Seeds: 12, Steps: 30, Workers: 2})
	var want explore.Tally
	verdicts := map[string]int{}
	for seed := uint64(1); seed <= 12; seed++ {
		res := sim.Run(app.New(), explore.Generate(seed, 30), sim.Config{Quiet: true})
		c := res.Counts
		want.Scenarios++
		if res.Failed() {
			want.FailedScenarios++
		}
		want.Steps += c.Steps
		want.Calls += c.Calls
		want.Reports += c.Reports
		want.OK += c.OK
		want.Refused += c.Failed
		want.RefusedByPhone += c.Expected
		want.Pushes += c.Pushes
		want.Dials += c.Dials
		want.UIEvents += c.UIEvents
		want.Skipped += c.Skipped
		want.Violations += c.Violations
		want.Panics += c.Panics
		for v, n := range c.Verdicts {
			verdicts[v.String()] += n
		}
	}
	require.Len(t, sum.Apps, 1)
	assert.Equal(t, want, sum.Apps[0].Tally)
	assert.Equal(t, verdicts, sum.Apps[0].Verdicts)
	assert.Positive(t, want.Refused*want.Dials*want.UIEvents*want.Skipped*want.Violations, "%+v", want)
}

// Every rule of Summary.Check names its field, and each bound is inclusive: a buggy app's
// shard 2/2 of seeds 1..12 (its findings at even seeds) is changed one field at a time.
func TestSummaryCheckEveryRule(t *testing.T) {
	for _, tc := range []struct {
		change func(s *explore.Summary)
		want   string // "" for a change that keeps the summary valid
	}{
		{func(s *explore.Summary) { s.Steps = 0 }, "steps is 0, want at least 1"},
		{func(s *explore.Summary) { s.Steps = 1 }, ""},
		{func(s *explore.Summary) { s.First = math.MaxUint64 - 10 }, "first is 18446744073709551605 and seeds 12: the last seed would pass 18446744073709551615"},
		{func(s *explore.Summary) { s.Seconds = math.NaN() }, "seconds is NaN, want at least 0"},
		{func(s *explore.Summary) { s.Seconds = -1 }, "seconds is -1, want at least 0"},
		{func(s *explore.Summary) { s.Seconds = 0 }, ""},
		{func(s *explore.Summary) { s.Apps = nil }, "apps is empty, want at least one app"},
		{func(s *explore.Summary) { s.Shards = []string{"x"} }, `shards[0] is "x", want K/N with 1 <= K <= N <= seeds (12)`},
		{func(s *explore.Summary) { s.Shards = []string{"2/2", "1/3"} }, `shards[1] is "1/3", but shards[0] is "2/2"`},
		{func(s *explore.Summary) { s.Shards = []string{"2/2", "2/2"} }, `shards[1] is "2/2" again`},
		{func(s *explore.Summary) { s.Apps[0].App = "" }, "apps[0].app is empty, want an app's name"},
		{func(s *explore.Summary) { s.Apps = append(s.Apps, s.Apps[0]) }, `apps[1].app is "buggy:all" again`},
		{func(s *explore.Summary) { s.Apps[0].FailedScenarios = s.Apps[0].Scenarios + 1 }, "apps[0].failedScenarios is 7, want at most apps[0].scenarios, 6"},
		{func(s *explore.Summary) { s.Apps[0].Verdicts["ok"] = -1 }, `apps[0].verdicts["ok"] is -1, want at least 0`},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].Key = "" }, "apps[0].findings[0].key is empty, want the kind of failure"},
		{func(s *explore.Summary) { s.Apps[0].Findings = append(s.Apps[0].Findings, s.Apps[0].Findings[0]) }, "apps[0].findings[4].key is \"verdict reportIncomingCall 1007200001/incoming-not-ringing\" again"},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].Scenarios = 0 }, "apps[0].findings[0].scenarios is 0, want 1..apps[0].failedScenarios (5)"},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].Scenarios = s.Apps[0].FailedScenarios }, ""},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].Scenarios = s.Apps[0].FailedScenarios + 1 }, "apps[0].findings[0].scenarios is 6, want 1..apps[0].failedScenarios (5)"},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].Seed = 0 }, "apps[0].findings[0].seed is 0, want one of the seeds 1..12"},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].Seed = 12 }, ""},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].Seed = 14 }, "apps[0].findings[0].seed is 14, want one of the seeds 1..12"},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].Seed = 3 }, "apps[0].findings[0].seed is 3, but shard 2/2 does not run it"},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].GeneratedSteps = -1 }, "apps[0].findings[0].generatedSteps is -1, want at least 0"},
		{func(s *explore.Summary) { s.Apps[0].Findings[0].ReproSteps = -1 }, "apps[0].findings[0].reproSteps is -1, want at least 0"},
		{func(s *explore.Summary) {
			s.Apps[0].Findings[0].GeneratedSteps, s.Apps[0].Findings[0].ReproSteps = 0, 0
		}, ""},
	} {
		s := shardsOf(t, "buggy:all", 2, 2)[0]
		require.NotEmpty(t, s.Apps[0].Findings)
		tc.change(s)
		if tc.want == "" {
			assert.NoError(t, s.Check())
		} else {
			assert.EqualError(t, s.Check(), tc.want)
		}
	}
}
