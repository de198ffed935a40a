package explore_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// boundsBase is a summary a campaign could have written: shard 2/3 of seeds 5..16 (it
// runs 6, 9, 12 and 15), one app that failed two of its four scenarios, the first at
// seed 6.
func boundsBase() *explore.Summary {
	return &explore.Summary{First: 5, Seeds: 12, Steps: 20, Shards: []string{"2/3"}, Seconds: 1.5,
		Apps: []explore.AppSummary{{App: "a", Tally: explore.Tally{Scenarios: 4, FailedScenarios: 2, Panics: 2},
			Verdicts: map[string]int{"ok": 3},
			Findings: []explore.Finding{{Key: "panic", Scenarios: 2, Seed: 6, GeneratedSteps: 20, Repro: "0s dial c1 voice\n", ReproSteps: 1}}}}}
}

// whole makes s the whole campaign of its seeds, each app with one scenario per seed.
func whole(s *explore.Summary) {
	s.Shards = nil
	for i := range s.Apps {
		s.Apps[i].Scenarios = s.Seeds
	}
}

// TestSummaryCheckBounds: every bound of Summary.Check, the value on it accepted and the
// one past it refused by name.
func TestSummaryCheckBounds(t *testing.T) {
	finding := func(s *explore.Summary) *explore.Finding { return &s.Apps[0].Findings[0] }
	for _, tc := range []struct {
		name   string
		change func(s *explore.Summary)
		want   string // "" for a summary Check accepts
	}{
		{"as is", func(*explore.Summary) {}, ""},
		{"one seed", func(s *explore.Summary) {
			s.Seeds = 1
			whole(s)
			s.Apps[0].FailedScenarios, finding(s).Scenarios, finding(s).Seed = 1, 1, 5
		}, ""},
		{"no seed", func(s *explore.Summary) { s.Seeds = 0 }, "seeds is 0, want at least 1"},
		{"one step", func(s *explore.Summary) { s.Steps = 1 }, ""},
		{"no step", func(s *explore.Summary) { s.Steps = 0 }, "steps is 0, want at least 1"},
		{"last seed the largest", func(s *explore.Summary) {
			s.First = math.MaxUint64 - 11
			finding(s).Seed = math.MaxUint64 - 10
		}, ""},
		{"last seed past the largest", func(s *explore.Summary) { s.First = math.MaxUint64 - 10 },
			"first is 18446744073709551605 and seeds 12: the last seed would pass 18446744073709551615"},
		{"no time", func(s *explore.Summary) { s.Seconds = 0 }, ""},
		{"less than no time", func(s *explore.Summary) { s.Seconds = -0.001 }, "seconds is -0.001, want at least 0"},
		{"as many shards as seeds", func(s *explore.Summary) {
			s.Shards = []string{"12/12"}
			s.Apps[0].Scenarios, s.Apps[0].FailedScenarios, finding(s).Scenarios, finding(s).Seed = 1, 1, 1, 16
		}, ""},
		{"more shards than seeds", func(s *explore.Summary) { s.Shards = []string{"1/13"} },
			`shards[0] is "1/13", want K/N with 1 <= K <= N <= seeds (12)`},
		{"whole campaign, a scenario short", func(s *explore.Summary) { whole(s); s.Apps[0].Scenarios = 11 },
			"apps[0].scenarios is 11, want 12: one per seed of seeds 5..16"},
		{"two shards, a scenario short", func(s *explore.Summary) { s.Shards = []string{"1/3", "2/3"}; s.Apps[0].Scenarios = 7 },
			"apps[0].scenarios is 7, want 8: one per seed of shards 1/3 2/3 of seeds 5..16"},
		{"no count", func(s *explore.Summary) { s.Apps[0].Tally = explore.Tally{Scenarios: 4}; s.Apps[0].Findings = nil }, ""},
		{"a count below 0", func(s *explore.Summary) { s.Apps[0].Panics = -1 }, "apps[0].panics is -1, want at least 0"},
		{"every scenario failed", func(s *explore.Summary) { s.Apps[0].FailedScenarios = 4 }, ""},
		{"more failed than run", func(s *explore.Summary) { s.Apps[0].FailedScenarios = 5 },
			"apps[0].failedScenarios is 5, want at most apps[0].scenarios, 4"},
		{"no verdict of a kind", func(s *explore.Summary) { s.Apps[0].Verdicts["ok"] = 0 }, ""},
		{"a verdict count below 0", func(s *explore.Summary) { s.Apps[0].Verdicts["ok"] = -1 },
			`apps[0].verdicts["ok"] is -1, want at least 0`},
		{"a finding in one scenario", func(s *explore.Summary) { finding(s).Scenarios = 1 }, ""},
		{"a finding in none", func(s *explore.Summary) { finding(s).Scenarios = 0 },
			"apps[0].findings[0].scenarios is 0, want 1..apps[0].failedScenarios (2)"},
		{"a finding in more than failed", func(s *explore.Summary) { finding(s).Scenarios = 3 },
			"apps[0].findings[0].scenarios is 3, want 1..apps[0].failedScenarios (2)"},
		{"a finding at the first seed", func(s *explore.Summary) { whole(s); finding(s).Seed = 5 }, ""},
		{"a finding before the first seed", func(s *explore.Summary) { whole(s); finding(s).Seed = 4 },
			"apps[0].findings[0].seed is 4, want one of the seeds 5..16"},
		{"a finding at the last seed", func(s *explore.Summary) { whole(s); finding(s).Seed = 16 }, ""},
		{"a finding past the last seed", func(s *explore.Summary) { whole(s); finding(s).Seed = 17 },
			"apps[0].findings[0].seed is 17, want one of the seeds 5..16"},
		{"a finding at the shard's last seed", func(s *explore.Summary) { finding(s).Seed = 15 }, ""},
		{"a finding at a seed of another shard", func(s *explore.Summary) { finding(s).Seed = 7 },
			"apps[0].findings[0].seed is 7, but shard 2/3 does not run it"},
		{"a finding at a seed no shard given runs", func(s *explore.Summary) {
			s.Shards = []string{"1/3", "2/3"}
			s.Apps[0].Scenarios = 8
			finding(s).Seed = 7
		}, "apps[0].findings[0].seed is 7, but shards 1/3 2/3 does not run it"},
		{"a finding shrunk to nothing from nothing", func(s *explore.Summary) {
			finding(s).GeneratedSteps, finding(s).ReproSteps = 0, 0
		}, ""},
		{"generated steps below 0", func(s *explore.Summary) { finding(s).GeneratedSteps = -1 },
			"apps[0].findings[0].generatedSteps is -1, want at least 0"},
		{"repro steps below 0", func(s *explore.Summary) { finding(s).ReproSteps = -1 },
			"apps[0].findings[0].reproSteps is -1, want at least 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := boundsBase()
			tc.change(s)
			if tc.want == "" {
				assert.NoError(t, s.Check())
			} else {
				assert.EqualError(t, s.Check(), tc.want)
			}
		})
	}
}

// TestTallyCountsPanics: an app that panics in every run has a panic in its tally for
// each, as sim counts them, in a whole campaign and in its shards merged.
func TestTallyCountsPanics(t *testing.T) {
	app := explore.App{Name: "broken", New: func() sim.App { return &probe{bug: startsBroken} }}
	c := explore.Campaign{Apps: []explore.App{app}, First: 1, Seeds: 3, Steps: 10}
	want := 0
	for seed := uint64(1); seed <= 3; seed++ {
		want += sim.Run(app.New(), explore.Generate(seed, 10), sim.Config{Quiet: true}).Counts.Panics
	}
	require.Positive(t, want)
	sum := run(t, c)
	c.Shard = explore.Shard{K: 1, N: 2}
	first := run(t, c)
	c.Shard = explore.Shard{K: 2, N: 2}
	merged, err := explore.Merge(first, run(t, c))
	require.NoError(t, err)
	for _, s := range []*explore.Summary{sum, merged} {
		require.Len(t, s.Apps, 1)
		assert.Equal(t, want, s.Apps[0].Panics)
		assert.Equal(t, 3, s.Apps[0].FailedScenarios)
	}
}

// TestSummaryFailedByOneScenario: one failed scenario of one app fails the summary.
func TestSummaryFailedByOneScenario(t *testing.T) {
	s := boundsBase()
	s.Apps = append(s.Apps, explore.AppSummary{App: "b", Tally: explore.Tally{Scenarios: 4}})
	s.Apps[0].FailedScenarios, s.Apps[0].Findings[0].Scenarios = 1, 1
	require.NoError(t, s.Check())
	assert.True(t, s.Failed())
	s.Apps[0].FailedScenarios, s.Apps[0].Findings = 0, nil
	require.NoError(t, s.Check())
	assert.False(t, s.Failed())
}
