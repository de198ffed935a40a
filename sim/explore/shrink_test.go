package explore_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// firstFailure is the first seed whose scenario makes the app fail with key.
func firstFailure(t *testing.T, newApp func() sim.App, key string) sim.Scenario {
	t.Helper()
	for seed := uint64(1); seed <= 500; seed++ {
		sc := explore.Generate(seed, explore.DefaultSteps)
		if slices.Contains(explore.Keys(sim.Run(newApp(), sc, sim.Config{Quiet: true})), key) {
			return sc
		}
	}
	t.Fatalf("no seed in 1..500 fails with %s", key)
	return sim.Scenario{}
}

// TestShrinkMakesMinimalReproducers: each bug's first failing scenario shrinks to the few
// steps that show it, the same every time and in the same number of runs; the reference
// app passes it.
func TestShrinkMakesMinimalReproducers(t *testing.T) {
	for _, tc := range []struct {
		bug  buggy.Bug
		key  string
		want string
		runs int // the app runs Shrink makes
	}{
		{buggy.ReportsActiveTwice, "verdict reportCallStateChange 1007200001/duplicate-report",
			"0s dial c1 voice\n0s peer answer c1\n20s peer hangup c1\n", 29},
		{buggy.DialsDuringCarrierCall, "verdict reportOutgoingCall 1007200003/carrier-conflict",
			"0s carrier ring\n0s dial c1 voice\n20s carrier end\n20s peer hangup c1\n", 23},
		{buggy.ReportsIncomingAsDialing, "verdict reportIncomingCall 1007200001/incoming-not-ringing",
			"0s push c1 voice\n20s peer hangup c1\n", 13},
		{buggy.ForgetsDisconnectAfterReject, "violation unanswered-ui-event VOIP_CALL_EVENT_REJECT",
			"0s push c1 voice\n0s user reject c1\n20s peer hangup c1\n", 34},
		{buggy.NeverDeclinesFourthCall, "violation push-not-reported",
			"0s push c1 voice\n0s push c2 voice\n0s push c3 voice\n0s push c4 voice\n" +
				"20s peer hangup c1\n20s peer hangup c2\n20s peer hangup c3\n20s peer hangup c4\n", 64},
	} {
		t.Run(tc.bug.String(), func(t *testing.T) {
			runs := 0
			newApp := func() sim.App { runs++; return buggy.New(tc.bug) }
			sc := firstFailure(t, newApp, tc.key)
			runs = 0
			got := explore.Shrink(newApp, sc, tc.key, sim.Config{})
			assert.Equal(t, tc.runs, runs, "runs")
			assert.Equal(t, sc.Name, got.Name)
			got.Name = ""
			assert.Equal(t, tc.want, got.String())
			again := explore.Shrink(newApp, sc, tc.key, sim.Config{})
			again.Name = ""
			assert.Equal(t, got, again, "shrinking is deterministic")
			assert.Contains(t, explore.Keys(sim.Run(newApp(), got, sim.Config{})), tc.key)
			assert.False(t, sim.Run(reference.New(), got, sim.Config{}).Failed())
		})
	}
}

// TestShrunkIsOneMinimal: no single step of a shrunk scenario's body can go (its
// wind-down follows what is left).
func TestShrunkIsOneMinimal(t *testing.T) {
	newApp := func() sim.App { return buggy.New(buggy.ForgetsDisconnectAfterReject) }
	key := "violation leaked-call"
	got := explore.Shrink(newApp, firstFailure(t, newApp, key), key, sim.Config{})
	body, wound := explore.SplitWindDown(got.Steps)
	require.True(t, wound)
	for i := range body {
		fewer := explore.WindDown(slices.Delete(slices.Clone(body), i, i+1))
		assert.NotContains(t, explore.Keys(sim.Run(newApp(), sim.Scenario{Steps: fewer}, sim.Config{})), key,
			"step %d (%s) could go", i, body[i])
	}
}

// TestShrinkSimplifiesTimesCallsAndArgs: a hand-written failing script with late times,
// many callIds, names and video loses them all.
func TestShrinkSimplifiesTimesCallsAndArgs(t *testing.T) {
	sc, err := sim.ParseScenario(`
3.217s push c7 video from=Ann
4.5s   push c9 voice from=Bob
5.123s dial d4 video to="Ann Lee"
7.9s   peer answer d4
9s     user reject c9
40s    peer hangup d4
`)
	require.NoError(t, err)
	runs := 0
	newApp := func() sim.App { runs++; return buggy.New(buggy.ReportsActiveTwice) }
	key := "verdict reportCallStateChange 1007200001/duplicate-report"
	got := explore.Shrink(newApp, sc, key, sim.Config{AllowOpen: true})
	assertShrunk(t, "0s dial c1 voice\n0s peer answer c1\n", got)
	assert.Equal(t, 15, runs, "runs")
}

// TestShrinkNamesCallsInOrder: the calls a failure needs are renamed c1, c2, … in order of
// appearance, even when each name is taken by another of them.
func TestShrinkNamesCallsInOrder(t *testing.T) {
	sc, err := sim.ParseScenario("0s push c4 voice\n0s push c3 voice\n0s push c2 voice\n0s push c1 voice")
	require.NoError(t, err)
	runs := 0
	newApp := func() sim.App { runs++; return buggy.New(buggy.NeverDeclinesFourthCall) }
	key := "violation push-not-reported"
	got := explore.Shrink(newApp, sc, key, sim.Config{AllowOpen: true})
	assertShrunk(t, "0s push c1 voice\n0s push c2 voice\n0s push c3 voice\n0s push c4 voice\n", got)
	assert.Equal(t, 14, runs, "runs")
}

// TestShrinkLeavesWhatDoesNotFail: a scenario that does not fail is returned as it is,
// after the one run that shows it.
func TestShrinkLeavesWhatDoesNotFail(t *testing.T) {
	sc := explore.Generate(1, 30)
	runs := 0
	newApp := func() sim.App { runs++; return reference.New() }
	assert.Equal(t, sc, explore.Shrink(newApp, sc, "panic", sim.Config{}))
	assert.Equal(t, 1, runs, "runs")
}
