package explore_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// shrinkCases are failures as a campaign finds them: each is the first seed whose
// generated scenario fails that way, the seed `voipsim simulate --app buggy --steps N`
// reports, the same for N = 100, 1,000 and 10,000 (a seed's scenario grows at its end).
// They are a verdict in mid-scenario, a violation that needs four calls, and a leaked
// call that needs the wind-down.
var shrinkCases = []struct {
	name string
	bug  buggy.Bug
	seed uint64
	key  string
}{
	{"duplicate-report", buggy.ReportsActiveTwice, 4, "verdict reportCallStateChange 1007200001/duplicate-report"},
	{"fourth-call", buggy.NeverDeclinesFourthCall, 2, "violation push-not-reported"},
	{"leaked-call", buggy.ForgetsDisconnectAfterReject, 23, "violation leaked-call"},
}

// BenchmarkShrink: what shrinking one finding costs a campaign, by the length of the
// generated scenario. runs/op counts the scenario runs Shrink makes (one fresh app each).
func BenchmarkShrink(b *testing.B) {
	for _, steps := range []int{100, 1_000, explore.MaxSteps} {
		for _, tc := range shrinkCases {
			b.Run("steps="+strconv.Itoa(steps)+"/"+tc.name, func(b *testing.B) {
				sc := explore.Generate(tc.seed, steps)
				runs := 0
				newApp := func() sim.App { runs++; return buggy.New(tc.bug) }
				if !slices.Contains(explore.Keys(sim.Run(newApp(), sc, sim.Config{Quiet: true})), tc.key) {
					b.Fatalf("seed %d of %d steps does not fail with %s", tc.seed, steps, tc.key)
				}
				b.ReportAllocs()
				runs = 0
				for b.Loop() {
					explore.Shrink(newApp, sc, tc.key, sim.Config{})
				}
				b.ReportMetric(float64(runs)/float64(b.N), "runs/op")
			})
		}
	}
}
