package buggy_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
)

func scenario(t *testing.T, name string) sim.Scenario {
	text, err := os.ReadFile(filepath.Join("..", "..", "..", "sim", "testdata", "scenarios", name+".txt"))
	require.NoError(t, err)
	sc, err := sim.ParseScenario(string(text))
	require.NoError(t, err)
	return sc
}

// shape is what a test asserts of a failure: everything but the wording of its detail.
type shape struct {
	Kind   sim.FailureKind
	Code   callstate.Code
	Cause  callstate.Cause
	Event  callstate.UIEvent
	CallID string
	At     string
}

func shapes(fs []sim.Failure) []shape {
	out := make([]shape, len(fs))
	for i, f := range fs {
		out[i] = shape{f.Kind, f.Code, f.Cause, f.Event, f.CallID, sim.FormatTime(f.At)}
	}
	return out
}

// TestSimulatorCatchesEachBug: each bug alone, in the scenario that shows it, fails with its
// exact code and cause; the reference app passes the same scenario.
func TestSimulatorCatchesEachBug(t *testing.T) {
	for _, tc := range []struct {
		bug      buggy.Bug
		scenario string
		want     []shape
	}{
		{buggy.ForgetsDisconnectAfterReject, "reject", []shape{
			{sim.FailViolation, 0, callstate.CauseUnansweredUIEvent, callstate.EventReject, "c1", "7s"},
			{sim.FailViolation, 0, callstate.CauseLeakedCall, 0, "c1", "7s"},
		}},
		{buggy.DialsDuringCarrierCall, "carrier-dial", []shape{
			{sim.FailVerdict, callstate.CodeSystemInternal, callstate.CauseCarrierConflict, 0, "c1", "5s"},
		}},
		{buggy.ReportsActiveTwice, "outgoing", []shape{
			{sim.FailVerdict, callstate.CodeInvalidParameter, callstate.CauseDuplicateReport, 0, "c1", "4s"},
		}},
		{buggy.ReportsIncomingAsDialing, "basic", []shape{
			{sim.FailVerdict, callstate.CodeInvalidParameter, callstate.CauseIncomingNotRinging, 0, "c1", "0s"},
			{sim.FailViolation, 0, callstate.CausePushNotReported, 0, "c1", "10s"},
		}},
		{buggy.NeverDeclinesFourthCall, "fourth-call", []shape{
			{sim.FailViolation, 0, callstate.CausePushNotReported, 0, "c4", "11.5s"},
		}},
	} {
		t.Run(tc.bug.String(), func(t *testing.T) {
			sc := scenario(t, tc.scenario)
			res := sim.Run(buggy.New(tc.bug), sc, sim.Config{})
			assert.Equal(t, tc.want, shapes(res.Failures), "%s", res)

			ref := sim.Run(reference.New(), sc, sim.Config{})
			assert.False(t, ref.Failed(), "%s", ref)
		})
	}
}

// TestNoBugsIsTheReferenceApp: with every bug off, the buggy app runs exactly as the
// reference app.
func TestNoBugsIsTheReferenceApp(t *testing.T) {
	for _, name := range []string{"basic", "reject", "outgoing", "carrier-dial", "fourth-call", "takeover", "crash", "faults"} {
		sc := scenario(t, name)
		assert.Equal(t, sim.Run(reference.New(), sc, sim.Config{}).String(), sim.Run(buggy.New(0), sc, sim.Config{}).String(), name)
	}
}

func TestBugNames(t *testing.T) {
	assert.Equal(t, "none", buggy.Bug(0).String())
	assert.Equal(t, "forgets-disconnect-after-reject+reports-active-twice",
		(buggy.ForgetsDisconnectAfterReject | buggy.ReportsActiveTwice).String())
	assert.Len(t, buggy.Bugs(), 5)
	var all buggy.Bug
	for _, b := range buggy.Bugs() {
		all |= b
	}
	assert.Equal(t, buggy.AllBugs, all)
}
