package explore_test

import (
	"encoding/json"
	"math"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

func lookup(t *testing.T, name string) []explore.App {
	t.Helper()
	a, err := apps.Lookup(name)
	require.NoError(t, err)
	return a
}

// run runs the campaign, which must be within bounds.
func run(t *testing.T, c explore.Campaign) *explore.Summary {
	t.Helper()
	sum, err := c.Run()
	require.NoError(t, err)
	return sum
}

func asJSON(t *testing.T, s *explore.Summary) string {
	t.Helper()
	b, err := json.MarshalIndent(s, "", " ")
	require.NoError(t, err)
	return string(b)
}

// TestReferenceAppPassesTheDefaultCampaign: the 1,000 seeds of `voipsim simulate`.
func TestReferenceAppPassesTheDefaultCampaign(t *testing.T) {
	var done atomic.Int64
	sum := run(t, explore.Campaign{Apps: lookup(t, "reference"), First: 1, OnSeed: func() { done.Add(1) }})
	assert.EqualValues(t, explore.DefaultSeeds, done.Load())
	require.Len(t, sum.Apps, 1)
	a := sum.Apps[0]
	assert.Equal(t, explore.DefaultSeeds, a.Scenarios)
	assert.False(t, sum.Failed(), "%+v", a.Findings)
	assert.Zero(t, a.Refused)
	assert.Greater(t, a.Reports, 20*explore.DefaultSeeds)
	assert.Greater(t, a.Calls, 5*explore.DefaultSeeds)
	assert.Positive(t, a.RefusedByPhone, "crashes and faults happen")
	assert.Equal(t, a.OK+a.RefusedByPhone, sumOf(a.Verdicts))
}

func sumOf(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// TestBuggyCampaignFindsEveryBug: each bug alone is found, with the failure it is known
// for, and its reproducer replays it, shrunk from the scenario generated for its seed.
func TestBuggyCampaignFindsEveryBug(t *testing.T) {
	sum := run(t, explore.Campaign{Apps: lookup(t, "buggy"), First: 1, Seeds: 200})
	want := map[string]string{
		"buggy:forgets-disconnect-after-reject": "violation unanswered-ui-event VOIP_CALL_EVENT_REJECT",
		"buggy:dials-during-carrier-call":       "verdict reportOutgoingCall 1007200003/carrier-conflict",
		"buggy:reports-active-twice":            "verdict reportCallStateChange 1007200001/duplicate-report",
		"buggy:reports-incoming-as-dialing":     "verdict reportIncomingCall 1007200001/incoming-not-ringing",
		"buggy:never-declines-fourth-call":      "violation push-not-reported",
	}
	require.Len(t, sum.Apps, len(want))
	assert.True(t, sum.Failed())
	for _, a := range sum.Apps {
		var keys []string
		for _, f := range a.Findings {
			keys = append(keys, f.Key)
			assert.NotEmpty(t, f.Repro)
			assert.Positive(t, f.Scenarios)
			assert.Equal(t, len(explore.Generate(f.Seed, explore.DefaultSteps).Steps), f.GeneratedSteps, "%s: %s", a.App, f.Key)
			assert.LessOrEqual(t, f.ReproSteps, f.GeneratedSteps, "%s: %s", a.App, f.Key)
		}
		assert.Contains(t, keys, want[a.App], a.App)
		assert.Positive(t, a.FailedScenarios, a.App)
	}
}

// TestCampaignIsTheSameForAnyWorkers: the summary, reproducers included, does not depend
// on how many workers ran it.
func TestCampaignIsTheSameForAnyWorkers(t *testing.T) {
	c := explore.Campaign{Apps: lookup(t, "buggy:all"), First: 1, Seeds: 60, Steps: 40}
	c.Workers = 1
	one := asJSON(t, run(t, c))
	c.Workers = 4
	assert.Equal(t, one, asJSON(t, run(t, c)))
}

// TestShardsMergeIntoTheWhole: three shards, merged, are the unsharded campaign.
func TestShardsMergeIntoTheWhole(t *testing.T) {
	c := explore.Campaign{Apps: append(lookup(t, "reference"), lookup(t, "buggy")...), First: 1, Seeds: 90, Steps: 50}
	whole := run(t, c)
	var parts []*explore.Summary
	seen := map[uint64]int{}
	for k := 1; k <= 3; k++ {
		c.Shard = explore.Shard{K: k, N: 3}
		for _, s := range c.SeedList() {
			seen[s]++
		}
		parts = append(parts, run(t, c))
	}
	assert.Len(t, seen, 90)
	for i, p := range parts {
		p.Seconds = float64(i) + 0.5 // the wall time of each shard adds up
	}
	merged, err := explore.Merge(parts...)
	require.NoError(t, err)
	assert.Equal(t, []string{"1/3", "2/3", "3/3"}, merged.Shards)
	assert.Equal(t, 4.5, merged.Seconds)
	merged.Shards, merged.Seconds = nil, whole.Seconds
	assert.Equal(t, asJSON(t, whole), asJSON(t, merged))

	c.Steps = 10
	_, err = explore.Merge(whole, run(t, c))
	assert.EqualError(t, err, "summary 2 is of seeds 1..90 with 10 steps, summary 1 of seeds 1..90 with 50 steps: they are different campaigns")
}

func TestShardSeeds(t *testing.T) {
	c := explore.Campaign{First: 10, Seeds: 7, Shard: explore.Shard{K: 2, N: 3}}
	assert.Equal(t, []uint64{11, 14}, c.SeedList())
	assert.Equal(t, 2, c.SeedCount())
	// A share of a large campaign is found without going through the rest.
	big := explore.Campaign{First: 1, Seeds: explore.MaxSeeds, Shard: explore.Shard{K: 5, N: explore.MaxSeeds}}
	assert.Equal(t, []uint64{5}, big.SeedList())
	assert.Equal(t, "2/3", c.Shard.String())
	assert.Equal(t, "", explore.Shard{}.String())
}

// TestCampaignRefusesWhatItCannotRun: a campaign out of bounds is an error before it
// starts, not a panic or a campaign that never ends.
func TestCampaignRefusesWhatItCannotRun(t *testing.T) {
	ref := lookup(t, "reference")
	for _, tc := range []struct {
		c    explore.Campaign
		want string
	}{
		{explore.Campaign{}, "explore: a campaign needs at least one app"},
		{explore.Campaign{Apps: ref, Steps: math.MaxInt}, "explore: the campaign's Steps is 9223372036854775807, want 1..10000 (0: 100)"},
		{explore.Campaign{Apps: ref, Steps: -1}, "explore: the campaign's Steps is -1, want 1..10000 (0: 100)"},
		{explore.Campaign{Apps: ref, Seeds: math.MaxInt}, "explore: the campaign's Seeds is 9223372036854775807, want 1..1000000000 (0: 1000)"},
		{explore.Campaign{Apps: ref, Seeds: -1}, "explore: the campaign's Seeds is -1, want 1..1000000000 (0: 1000)"},
		{explore.Campaign{Apps: ref, Workers: -1}, "explore: the campaign's Workers is -1, want 0..1024 (0: GOMAXPROCS)"},
		{explore.Campaign{Apps: ref, First: math.MaxUint64, Seeds: 2}, "explore: the campaign's 2 seeds from 18446744073709551615 would pass the last seed, 18446744073709551615"},
		{explore.Campaign{Apps: ref, Seeds: 10, Shard: explore.Shard{K: 1, N: 1_000_000_000_000}}, "explore: the campaign's Shard is 1/1000000000000, want K/N with 1 <= K <= N <= Seeds (10)"},
		{explore.Campaign{Apps: ref, Shard: explore.Shard{K: 3, N: 2}}, "explore: the campaign's Shard is 3/2, want K/N with 1 <= K <= N <= Seeds (1000)"},
	} {
		sum, err := tc.c.Run()
		assert.EqualError(t, err, tc.want)
		assert.Nil(t, sum)
	}
	sum := run(t, explore.Campaign{Apps: ref, First: math.MaxUint64, Seeds: 1, Steps: 5})
	assert.Equal(t, "18446744073709551615..18446744073709551615", sum.SeedRange())
}

// TestCampaignRefusesAppsItCannotRun: an app without a name, without a New or of a name
// already taken is an error before the campaign starts, naming the app, not a panic in a
// worker or a summary that cannot merge.
func TestCampaignRefusesAppsItCannotRun(t *testing.T) {
	ref := lookup(t, "reference")[0]
	buggy := lookup(t, "buggy:all")[0]
	noNew := explore.App{Name: "x"}
	unnamed := explore.App{New: ref.New}
	nilApp := explore.App{Name: "nil", New: func() sim.App { return nil }}
	for _, tc := range []struct {
		apps []explore.App
		want string
	}{
		{[]explore.App{ref, buggy, noNew}, `explore: the campaign's Apps[2] ("x") has no New`},
		{[]explore.App{buggy, ref, ref}, `explore: the campaign's Apps[1] and Apps[2] are both named "reference"`},
		{[]explore.App{ref, buggy, ref}, `explore: the campaign's Apps[0] and Apps[2] are both named "reference"`},
		{[]explore.App{ref, unnamed}, `explore: the campaign's Apps[1] has no Name`},
		{[]explore.App{nilApp}, `explore: the campaign's Apps[0] ("nil") has a New that returns nil, want a sim.App`},
	} {
		c := explore.Campaign{Apps: tc.apps, First: 1, Seeds: 3, Steps: 10}
		assert.EqualError(t, c.Check(), tc.want)
		sum, err := c.Run()
		assert.EqualError(t, err, tc.want)
		assert.Nil(t, sum)
	}
	// Apps of distinct names run, and their summary merges.
	sum := run(t, explore.Campaign{Apps: []explore.App{ref, buggy}, First: 1, Seeds: 3, Steps: 10})
	_, err := explore.Merge(sum)
	assert.NoError(t, err)
}

// The bounds of a campaign are inclusive: at each bound it runs, one past it is refused.
// Checking leaves GOMAXPROCS as it found it: the test sets 3 itself, so that a Check that
// set it to 1 fails on a one-CPU machine too.
func TestCampaignBoundsAreInclusive(t *testing.T) {
	ref := lookup(t, "reference")
	prev := runtime.GOMAXPROCS(3)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
	procs := runtime.GOMAXPROCS(0)
	for _, c := range []explore.Campaign{
		{Apps: ref, Seeds: 1}, {Apps: ref, Seeds: explore.MaxSeeds},
		{Apps: ref, Steps: 1}, {Apps: ref, Steps: explore.MaxSteps},
		{Apps: ref, Workers: 1}, {Apps: ref, Workers: explore.MaxWorkers},
		{Apps: ref, First: math.MaxUint64 - 9, Seeds: 10},
		{Apps: ref, Seeds: 10, Shard: explore.Shard{K: 1, N: 10}}, {Apps: ref, Seeds: 10, Shard: explore.Shard{K: 10, N: 10}},
	} {
		assert.NoError(t, c.Check(), "%+v", c)
	}
	assert.Equal(t, procs, runtime.GOMAXPROCS(0))
	for _, tc := range []struct {
		c    explore.Campaign
		want string
	}{
		{explore.Campaign{Apps: ref, Seeds: explore.MaxSeeds + 1}, "explore: the campaign's Seeds is 1000000001, want 1..1000000000 (0: 1000)"},
		{explore.Campaign{Apps: ref, Steps: explore.MaxSteps + 1}, "explore: the campaign's Steps is 10001, want 1..10000 (0: 100)"},
		{explore.Campaign{Apps: ref, Workers: explore.MaxWorkers + 1}, "explore: the campaign's Workers is 1025, want 0..1024 (0: GOMAXPROCS)"},
		{explore.Campaign{Apps: ref, First: math.MaxUint64 - 8, Seeds: 10}, "explore: the campaign's 10 seeds from 18446744073709551607 would pass the last seed, 18446744073709551615"},
		{explore.Campaign{Apps: ref, Seeds: 10, Shard: explore.Shard{K: 0, N: 10}}, "explore: the campaign's Shard is 0/10, want K/N with 1 <= K <= N <= Seeds (10)"},
		{explore.Campaign{Apps: ref, Seeds: 10, Shard: explore.Shard{K: 1, N: 11}}, "explore: the campaign's Shard is 1/11, want K/N with 1 <= K <= N <= Seeds (10)"},
	} {
		assert.EqualError(t, tc.c.Check(), tc.want)
	}
}

// A campaign without Seeds runs the default seeds; the last share of a range runs its last
// seed; a shard of one is the whole range, written as nothing.
func TestShardsAtTheirBounds(t *testing.T) {
	var c explore.Campaign
	assert.Equal(t, explore.DefaultSeeds, c.SeedCount())
	assert.Len(t, (&explore.Campaign{}).SeedList(), explore.DefaultSeeds)
	last := explore.Campaign{First: 10, Seeds: 2, Shard: explore.Shard{K: 2, N: 2}}
	assert.Equal(t, []uint64{11}, last.SeedList())
	assert.Equal(t, "", explore.Shard{K: 1, N: 1}.String())
	assert.Equal(t, "1/2", explore.Shard{K: 1, N: 2}.String())
}

// ParseShard reads K/N with 1 <= K <= N, and refuses anything else, numbers beyond int
// included.
func TestParseShard(t *testing.T) {
	for text, want := range map[string]explore.Shard{"1/1": {1, 1}, "1/3": {1, 3}, "3/3": {3, 3}} {
		got, err := explore.ParseShard(text)
		require.NoError(t, err, text)
		assert.Equal(t, want, got, text)
	}
	for _, text := range []string{"", "3", "0/3", "4/3", "-1/3", "x/3", "1/y", "1/99999999999999999999", "99999999999999999999/3"} {
		got, err := explore.ParseShard(text)
		assert.EqualError(t, err, `explore: shard "`+text+`" is not K/N with 1 <= K <= N`, text)
		assert.Equal(t, explore.Shard{}, got, text)
	}
}
