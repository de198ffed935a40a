package simtest_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/simtest"
	"github.com/voipsim/voipsim/validator"
)

// fakeT records what a test would report, and runs its cleanups on demand.
type fakeT struct {
	testing.TB
	errors   []string
	logs     []string
	fatal    bool
	cleanups []func()
}

func (f *fakeT) Helper()                   {}
func (f *fakeT) Cleanup(fn func())         { f.cleanups = append(f.cleanups, fn) }
func (f *fakeT) Errorf(s string, a ...any) { f.errors = append(f.errors, fmt.Sprintf(s, a...)) }
func (f *fakeT) Logf(s string, a ...any)   { f.logs = append(f.logs, fmt.Sprintf(s, a...)) }
func (f *fakeT) Fatalf(s string, a ...any) { f.Errorf(s, a...); f.fatal = true }
func (f *fakeT) end() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

var ann = callstate.Attribute{CallID: "c1", CallType: callstate.CallVoice, UserName: "Ann", AbilityName: "VoipAbility",
	State: callstate.StateRinging}

func TestKitFailsTheTestOnLeaksAndUnmetObligations(t *testing.T) {
	ft := &fakeT{TB: t}
	kit := simtest.NewKit(ft)
	require.NoError(t, kit.On(callstate.UIEventType, func(callstate.UIEventInfo) {}))
	kit.Push("c1")
	kit.Advance(2 * time.Second)
	_, err := kit.ReportIncomingCall(ann)
	require.NoError(t, err)
	kit.UIEvent("c1", callstate.EventReject, callstate.ReasonNone)
	kit.Push("c2")
	assert.Equal(t, 2*time.Second, kit.Now())
	assert.Empty(t, ft.errors, "nothing is judged before the end of the test")

	ft.end()
	assert.Equal(t, []string{`voipsim: the app left 3 obligations unmet:
    unanswered-ui-event: call c1 got VOIP_CALL_EVENT_REJECT at step 4 but the app never reported DISCONNECTED
    push-not-reported: push for call c2 at step 5 was neither reported with reportIncomingCall nor declined with reportIncomingCallError
    leaked-call: call c1 (incoming, reported at step 3) is still RINGING: the app never reported DISCONNECTED`}, ft.errors)
}

// One unmet obligation is enough to fail the test.
func TestKitFailsTheTestOnOneUnmetObligation(t *testing.T) {
	ft := &fakeT{TB: t}
	kit := simtest.NewKit(ft)
	kit.Push("c1")
	ft.end()
	assert.Equal(t, []string{`voipsim: the app left 1 obligation unmet:
    push-not-reported: push for call c1 at step 1 was neither reported with reportIncomingCall nor declined with reportIncomingCallError`}, ft.errors)
}

func TestKitPassesAWellBehavedTest(t *testing.T) {
	ft := &fakeT{TB: t}
	kit := simtest.NewKit(ft)
	_, err := kit.ReportIncomingCall(ann)
	require.NoError(t, err)
	require.NoError(t, kit.ReportCallStateChange("c1", callstate.StateDisconnected))
	ft.end()
	assert.Empty(t, ft.errors)
}

// Warnings never fail a test, but a Kit method returns only (reason, error): the kit logs
// them, or a late report or a missing subscription would go unseen.
func TestKitLogsWarnings(t *testing.T) {
	ft := &fakeT{TB: t}
	kit := simtest.NewKit(ft)
	kit.Push("c1")
	kit.Advance(11 * time.Second)
	_, err := kit.ReportIncomingCall(ann)
	require.NoError(t, err)
	require.NoError(t, kit.ReportCallStateChange("c1", callstate.StateDisconnected))
	ft.end()
	assert.Empty(t, ft.errors)
	assert.Equal(t, []string{
		"voipsim: warning no-subscription at step 2 (reportIncomingCall c1 voice RINGING user=Ann): call c1 reported while no voipCallUiEvent callback is registered: the app will miss the user's answer",
		"voipsim: warning late-report at step 2 (reportIncomingCall c1 voice RINGING user=Ann): reported 11000 ms after its push at step 1; the limit is 10000 ms",
	}, ft.logs)
}

func TestKitOptions(t *testing.T) {
	ft := &fakeT{TB: t}
	kit := simtest.NewKit(ft, simtest.AllowOpen(), simtest.Profile(validator.Documented))
	_, err := kit.ReportIncomingCall(ann)
	require.NoError(t, err)
	assert.NoError(t, kit.ReportCallStateChange("c1", callstate.StateRinging), "documented profile: a repeated state is fine")
	assert.Equal(t, validator.Documented, kit.Profile())
	ft.end()
	assert.Empty(t, ft.errors, "open calls allowed")
}

func TestRun(t *testing.T) {
	const script = "0s push c1 voice from=Ann\n2s user reject c1"
	ft := &fakeT{TB: t}
	res := simtest.Run(ft, reference.New(), script, simtest.Config{})
	assert.Empty(t, ft.errors)
	assert.False(t, res.Failed())

	ft = &fakeT{TB: t}
	res = simtest.Run(ft, buggy.New(buggy.ForgetsDisconnectAfterReject), script, simtest.Config{})
	require.Len(t, ft.errors, 1)
	assert.Contains(t, ft.errors[0], "voipsim: the app failed the scenario:\n")
	assert.Contains(t, ft.errors[0], "FAIL violation unanswered-ui-event VOIP_CALL_EVENT_REJECT")
	assert.True(t, res.Failed())

	for _, tc := range []struct {
		app    sim.App
		script string
		err    string
	}{
		{reference.New(), "0s push", "voipsim: bad scenario: line 1: push: expected a callId"},
		// A script with no step tests nothing: a mistake (an empty file, a wrong variable).
		{reference.New(), "", "voipsim: bad scenario: no steps: a script needs at least one step"},
		{reference.New(), "# only a comment\n\n", "voipsim: bad scenario: no steps: a script needs at least one step"},
		{nil, script, "voipsim: Run needs an app, got nil"},
	} {
		ft = &fakeT{TB: t}
		assert.Nil(t, simtest.Run(ft, tc.app, tc.script, simtest.Config{}))
		assert.True(t, ft.fatal)
		assert.Equal(t, []string{tc.err}, ft.errors)
	}
}

func TestAdvanceNeverGoesBack(t *testing.T) {
	ft := &fakeT{TB: t}
	kit := simtest.NewKit(ft, simtest.AllowOpen())
	kit.Advance(time.Second)
	kit.Advance(0) // standing still is no going back
	assert.False(t, ft.fatal)
	assert.Equal(t, time.Second, kit.Now())
	kit.Advance(-5 * time.Second)
	assert.True(t, ft.fatal)
	assert.Equal(t, []string{"simtest: Advance(-5s): the clock only moves forward"}, ft.errors)
}
