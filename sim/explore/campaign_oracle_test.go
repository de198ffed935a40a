package explore_test

import (
	"cmp"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

// The campaign oracles hold Campaign, MergeParts and Shrink to what their documentation
// and README.md promise, over small random campaigns: random apps (the reference app,
// each bug alone, every bug at once, two bugs together), a first seed anywhere up to the
// last one, 1..40 seeds of 1..120 steps, 1..6 shards, 1..4 workers. Such campaigns take
// milliseconds: rapid's 100 checks run in a second or so under -race. More:
// -rapid.checks=N.

// oracleApps are the apps an oracle campaign draws from.
var oracleApps = func() []explore.App {
	var out []explore.App
	for _, name := range []string{"reference", "buggy", "buggy:all", "buggy:reports-active-twice+never-declines-fourth-call",
		"buggy:forgets-disconnect-after-reject+reports-incoming-as-dialing"} {
		a, err := apps.Lookup(name)
		if err != nil {
			panic(err)
		}
		out = append(out, a...)
	}
	return out
}()

// campaignGen draws a campaign of the whole seed range (no shard).
func campaignGen() *rapid.Generator[explore.Campaign] {
	return rapid.Custom(func(t *rapid.T) explore.Campaign {
		picked := rapid.SliceOfNDistinct(rapid.IntRange(0, len(oracleApps)-1), 1, 3, rapid.ID).Draw(t, "apps")
		c := explore.Campaign{Seeds: rapid.IntRange(1, 40).Draw(t, "seeds"), Steps: rapid.IntRange(1, 120).Draw(t, "steps"),
			Workers: rapid.IntRange(1, 4).Draw(t, "workers")}
		for _, i := range picked {
			c.Apps = append(c.Apps, oracleApps[i])
		}
		// Seeds near 0, anywhere, and ending at the last seed there is.
		last := math.MaxUint64 - uint64(c.Seeds-1)
		c.First = rapid.OneOf(rapid.Uint64Range(0, 50), rapid.Uint64Range(0, last), rapid.Uint64Range(last-20, last)).Draw(t, "first")
		return c
	})
}

func runCampaign(t *rapid.T, c explore.Campaign) *explore.Summary {
	sum, err := c.Run()
	require.NoError(t, err)
	return sum
}

// TestShardsMergeIntoTheWholeOracle: the N shards of a random campaign, each run with
// its own number of workers and merged in any order, are the unsharded campaign: the same
// counts, verdicts and findings, sorted by first seed then key, with the shards listed
// 1/N…N/N and their times summed. Shard 1/1 is the whole campaign, and a merged summary
// merges alone into itself. The whole campaign is what running each seed alone makes
// of it: a scenario per seed and app, the failed ones, and each kind of failure with
// how many scenarios fail that way and the first seed that does.
func TestShardsMergeIntoTheWholeOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := campaignGen().Draw(t, "campaign")
		c.NoShrink = rapid.Bool().Draw(t, "noShrink")
		whole := runCampaign(t, c)
		assertIsTheRunOfEachSeed(t, c, whole)

		one := c
		one.Shard = explore.Shard{K: 1, N: 1}
		require.Equal(t, whole, runCampaign(t, one), "shard 1/1 is the whole campaign")

		n := rapid.IntRange(1, min(c.Seeds, 6)).Draw(t, "n")
		parts := make([]explore.Part, n)
		for k := 1; k <= n; k++ {
			sc := c
			sc.Shard = explore.Shard{K: k, N: n}
			sc.Workers = rapid.IntRange(1, 4).Draw(t, "shardWorkers")
			p := runCampaign(t, sc)
			if n > 1 {
				require.Equal(t, []string{sc.Shard.String()}, p.Shards)
			}
			p.Seconds = rapid.Float64Range(0, 1e4).Draw(t, "seconds")
			parts[k-1] = explore.Part{Name: "shard " + sc.Shard.String(), Summary: p}
		}
		order := rapid.Permutation(parts).Draw(t, "order")
		merged, err := explore.MergeParts(order...)
		require.NoError(t, err)
		var seconds float64
		var shards []string
		for i, p := range order {
			seconds += p.Seconds
			if n > 1 {
				shards = append(shards, explore.Shard{K: i + 1, N: n}.String())
			}
		}
		require.Equal(t, shards, merged.Shards)
		require.Equal(t, seconds, merged.Seconds, "the times add up, in the order given")
		again, err := explore.MergeParts(explore.Part{Name: "merged", Summary: merged})
		require.NoError(t, err)
		require.Equal(t, merged, again, "a merged summary merges alone into itself")
		merged.Shards, merged.Seconds = nil, whole.Seconds
		require.Equal(t, whole, merged)
	})
}

// assertIsTheRunOfEachSeed checks the whole campaign's summary against each of its seeds
// run alone.
func assertIsTheRunOfEachSeed(t *rapid.T, c explore.Campaign, sum *explore.Summary) {
	require.Equal(t, c.First, sum.First)
	require.Equal(t, c.Seeds, sum.Seeds)
	require.Equal(t, c.Steps, sum.Steps)
	require.Empty(t, sum.Shards)
	require.Len(t, sum.Apps, len(c.Apps))
	for a, app := range c.Apps {
		got := &sum.Apps[a]
		require.Equal(t, app.Name, got.App)
		failed := 0
		var want []explore.Finding
		for i := range c.Seeds {
			seed := c.First + uint64(i)
			sc := explore.Generate(seed, c.Steps)
			keys := explore.Keys(sim.Run(app.New(), sc, sim.Config{Quiet: true}))
			if len(keys) > 0 {
				failed++
			}
			for _, k := range keys {
				if j := slices.IndexFunc(want, func(f explore.Finding) bool { return f.Key == k }); j >= 0 {
					want[j].Scenarios++
					continue
				}
				want = append(want, explore.Finding{Key: k, Scenarios: 1, Seed: seed, GeneratedSteps: len(sc.Steps)})
			}
		}
		require.Equal(t, c.Seeds, got.Scenarios, app.Name)
		require.Equal(t, failed, got.FailedScenarios, app.Name)
		require.True(t, slices.IsSortedFunc(got.Findings, func(a, b explore.Finding) int {
			return cmp.Or(cmp.Compare(a.Seed, b.Seed), cmp.Compare(a.Key, b.Key))
		}), "%s: findings by first seed, then key: %v", app.Name, got.Findings)
		slices.SortFunc(want, func(a, b explore.Finding) int { return cmp.Or(cmp.Compare(a.Seed, b.Seed), cmp.Compare(a.Key, b.Key)) })
		require.Len(t, got.Findings, len(want), app.Name)
		for i := range want {
			f := got.Findings[i]
			if c.NoShrink {
				require.Equal(t, explore.Generate(f.Seed, c.Steps).String(), f.Repro, "NoShrink keeps the scenario as generated")
				require.Equal(t, f.GeneratedSteps, f.ReproSteps)
			}
			f.Repro, f.ReproSteps = "", 0
			require.Equal(t, want[i], f, app.Name)
		}
	}
}

// TestShrunkFindingsAreMinimalOracle: the reproducer of every finding of a random campaign
// replays it: it fails with the finding's key, it has ReproSteps steps, and it reads back
// as it was written. It is minimal: no single step of its body (before the wind-down,
// which is made anew for what is left) can go and still fail that way, with the scenario
// fair (explore.Fair) when the generated one was. Shrinking it again, or shrinking its
// seed's scenario again, gives it back.
func TestShrunkFindingsAreMinimalOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := campaignGen().Draw(t, "campaign")
		sum := runCampaign(t, c)
		cfg := sim.Config{Quiet: true}
		for a, app := range c.Apps {
			for _, f := range sum.Apps[a].Findings {
				generated := explore.Generate(f.Seed, c.Steps)
				require.Equal(t, len(generated.Steps), f.GeneratedSteps)
				repro, err := sim.ParseScenario(f.Repro)
				require.NoError(t, err)
				require.Equal(t, f.Repro, repro.String(), "the reproducer reads back as written")
				require.Len(t, repro.Steps, f.ReproSteps)
				require.LessOrEqual(t, f.ReproSteps, f.GeneratedSteps)
				require.True(t, failsWith(app, repro.Steps, f.Key), "%s: the reproducer does not fail with %s:\n%s", app.Name, f.Key, f.Repro)

				_, wound := explore.SplitWindDown(generated.Steps)
				fair := explore.Fair(generated.Steps) == nil
				body, reproWound := explore.SplitWindDown(repro.Steps)
				require.Equal(t, wound, reproWound, "the reproducer ends with a wind-down when the scenario did:\n%s", f.Repro)
				if fair {
					require.NoError(t, explore.Fair(repro.Steps), "a fair scenario shrinks to a fair one")
				}
				for i := range body {
					fewer := slices.Delete(slices.Clone(body), i, i+1)
					if wound {
						fewer = explore.WindDown(fewer)
					}
					if fair && explore.Fair(fewer) != nil {
						continue
					}
					require.False(t, failsWith(app, fewer, f.Key), "%s, %s: step %d (%s) of the reproducer could go:\n%s",
						app.Name, f.Key, i+1, body[i], f.Repro)
				}

				again := explore.Shrink(app.New, repro, f.Key, cfg)
				require.Equal(t, f.Repro, again.String(), "shrinking the reproducer again changes it")
				fromSeed := explore.Shrink(app.New, generated, f.Key, cfg)
				require.Equal(t, f.Repro, fromSeed.String(), "shrinking the seed's scenario again gives another reproducer")
			}
		}
	})
}

// failsWith reports whether the app fails the steps with the key.
func failsWith(app explore.App, steps []sim.Step, key string) bool {
	return slices.Contains(explore.Keys(sim.Run(app.New(), sim.Scenario{Steps: steps}, sim.Config{Quiet: true})), key)
}
