package sim_test

import (
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/validator"
)

// testApp is an app made of functions, for tests that need one odd behaviour.
type testApp struct {
	env    sim.Env
	push   func(a *testApp, p sim.Push)
	dial   func(a *testApp, d sim.Dial)
	peer   func(a *testApp, id string, ev sim.PeerEvent)
	uiEv   func(a *testApp, ev callstate.UIEventInfo)
	events []string
}

func (a *testApp) Start(env sim.Env) {
	a.env = env
	_ = env.Kit().On(callstate.UIEventType, func(ev callstate.UIEventInfo) {
		a.events = append(a.events, sim.FormatTime(env.Now())+" "+ev.Event.String()+" "+ev.ErrorReason.String())
		if a.uiEv != nil {
			a.uiEv(a, ev)
		}
	})
}

func (a *testApp) OnPush(p sim.Push) {
	if a.push != nil {
		a.push(a, p)
	}
}

func (a *testApp) OnDial(d sim.Dial) {
	if a.dial != nil {
		a.dial(a, d)
	}
}

func (a *testApp) OnPeer(id string, ev sim.PeerEvent) {
	if a.peer != nil {
		a.peer(a, id, ev)
	}
}

func ringing(id string, typ callstate.CallType) callstate.Attribute {
	return callstate.Attribute{CallID: id, CallType: typ, UserName: "Ann", AbilityName: "VoipAbility", State: callstate.StateRinging}
}

// reportPush reports every push at once.
func reportPush(a *testApp, p sim.Push) {
	_, _ = a.env.Kit().ReportIncomingCall(ringing(p.CallID, p.Type))
}

func mustParse(t *testing.T, text string) sim.Scenario {
	t.Helper()
	sc, err := sim.ParseScenario(text)
	require.NoError(t, err)
	return sc
}

func keys(fs []sim.Failure) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Key()+" "+f.CallID+" @"+sim.FormatTime(f.At))
	}
	return out
}

// thisFile is the path of this test file, as a panic's stack names it.
func thisFile(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	return file
}

func TestPanicIsAFailureAndTheRunGoesOn(t *testing.T) {
	app := &testApp{
		push: func(a *testApp, p sim.Push) {
			if p.CallID == "c1" {
				panic("boom")
			}
			reportPush(a, p)
		},
		uiEv: func(a *testApp, ev callstate.UIEventInfo) {
			var book struct{ seen map[string]int } // the map is never made: the classic
			book.seen[ev.CallID]++
		},
	}
	res := sim.Run(app, mustParse(t, "0s push c1 voice\n1s push c2 voice\n2s user reject c2"), sim.Config{AllowOpen: true})
	require.Len(t, res.Failures, 4, "%s", res)
	// The detail names the line that panicked: without a stack, it is all a developer has.
	assert.Equal(t, sim.Failure{Kind: sim.FailPanic, CallID: "c1", Script: 0,
		Detail: "the app panicked in OnPush (call c1): boom, at " + thisFile(t) + ":91"}, res.Failures[0])
	assert.Equal(t, sim.FailPanic, res.Failures[1].Kind)
	assert.Equal(t, 2, res.Failures[1].Script)
	assert.Equal(t, "the app panicked in the voipCallUiEvent callback (call c2): assignment to entry in nil map, at "+
		thisFile(t)+":97", res.Failures[1].Detail)
	assert.Equal(t, []string{
		"panic c1 @0s", "panic c2 @2s",
		"violation unanswered-ui-event VOIP_CALL_EVENT_REJECT c2 @7s",
		"violation push-not-reported c1 @10s",
	}, keys(res.Failures))
	assert.Equal(t, 2, res.Counts.Panics)
}

// lateApp answers every UI event after delay.
func lateApp(delay time.Duration) *testApp {
	return &testApp{push: reportPush, uiEv: func(a *testApp, ev callstate.UIEventInfo) {
		a.env.After(delay, func() { _ = a.env.Kit().ReportCallStateChange(ev.CallID, callstate.StateDisconnected) })
	}}
}

func TestUIDeadline(t *testing.T) {
	sc := mustParse(t, "0s push c1 voice\n1s user reject c1")
	res := sim.Run(lateApp(6*time.Second), sc, sim.Config{})
	assert.Equal(t, []string{"violation unanswered-ui-event VOIP_CALL_EVENT_REJECT c1 @6s"}, keys(res.Failures), "%s", res)
	assert.Equal(t, "call c1 got VOIP_CALL_EVENT_REJECT at step 4 but the app never reported DISCONNECTED within 5s", res.Failures[0].Detail)
	assert.Equal(t, 4, res.Failures[0].Seq)
	assert.Equal(t, -1, res.Failures[0].Script, "found by a deadline, not a script step")

	// An app that tried and was refused hears which try: here a fault it did not retry.
	res = sim.Run(lateApp(0), mustParse(t, "0s push c1 voice\n1s fault 1007200003\n1s user reject c1"), sim.Config{})
	require.NotEmpty(t, res.Failures, "%s", res)
	assert.Equal(t, "call c1 got VOIP_CALL_EVENT_REJECT at step 5 but the app never reported DISCONNECTED"+
		" (reportCallStateChange refused at step 6: injected-fault) within 5s", res.Failures[0].Detail)

	// Exactly at the deadline is in time; the deadline is configurable.
	assert.False(t, sim.Run(lateApp(5*time.Second), sc, sim.Config{}).Failed())
	assert.False(t, sim.Run(lateApp(6*time.Second), sc, sim.Config{UIDeadline: 6 * time.Second}).Failed())

	// Also when the app gets there through timers queued after the deadline: at the same
	// time, timers go first.
	chained := &testApp{push: reportPush, uiEv: func(a *testApp, ev callstate.UIEventInfo) {
		a.env.After(time.Second, func() {
			a.env.After(4*time.Second, func() {
				_ = a.env.Kit().ReportCallStateChange(ev.CallID, callstate.StateDisconnected)
			})
		})
	}}
	res = sim.Run(chained, sc, sim.Config{})
	assert.False(t, res.Failed(), "DISCONNECTED at 6s answers a REJECT of 1s in time:\n%s", res)
	assert.Equal(t, 6*time.Second, res.End, "the deadline was judged, after the report")
}

func TestPushDeadline(t *testing.T) {
	late := &testApp{push: func(a *testApp, p sim.Push) {
		a.env.After(11*time.Second, func() { reportPush(a, p) })
	}}
	sc := mustParse(t, "0s push c1 voice\n20s peer hangup c1")
	res := sim.Run(late, sc, sim.Config{AllowOpen: true})
	assert.Equal(t, []string{"violation push-not-reported c1 @10s"}, keys(res.Failures), "%s", res)
	assert.Contains(t, res.String(), "warning late-report: reported 11000 ms after its push at step 2")

	// Exactly at the deadline is in time, even through timers queued after the deadline.
	chained := &testApp{push: func(a *testApp, p sim.Push) {
		a.env.After(5*time.Second, func() {
			a.env.After(5*time.Second, func() { reportPush(a, p) })
		})
	}}
	res = sim.Run(chained, mustParse(t, "0s push c1 voice"), sim.Config{AllowOpen: true})
	assert.False(t, res.Failed(), "a push reported at 10s is in time:\n%s", res)

	// Ten seconds of a running service: an outage stretches the deadline.
	crash := mustParse(t, "0s push c1 voice\n1s service crash\n3s service restart\n20s peer hangup c1")
	res = sim.Run(late, crash, sim.Config{AllowOpen: true})
	assert.False(t, res.Failed(), "%s", res)
	res = sim.Run(late, mustParse(t, "0s push c1 voice\n1s service crash\n1.5s service restart"), sim.Config{AllowOpen: true})
	assert.Equal(t, []string{"violation push-not-reported c1 @10.5s"}, keys(res.Failures), "%s", res)

	// Down at the end: nothing could be reported.
	silent := &testApp{}
	res = sim.Run(silent, mustParse(t, "0s push c1 voice\n1s service crash"), sim.Config{Horizon: 5 * time.Second})
	assert.False(t, res.Failed(), "%s", res)
	assert.Contains(t, res.String(), "note: push for call c1 still unreported, but the service did not run 10s since: excused\n")

	// Down at every deadline: the deadline waits for ten seconds of service, up to the horizon.
	res = sim.Run(silent, mustParse(t, "0s push c1 voice\n1s service crash"), sim.Config{})
	assert.False(t, res.Failed(), "%s", res)
	assert.Contains(t, res.String(), "note: push for call c1 still unreported, but the service did not run 10s since: excused\n")
}

// A deadline the app has met by the time its code returns to the phone is never
// scheduled: it could find nothing. One still owed then is judged at its time, even if the
// app pays before it; judging it is an event of the run, and the run ends no sooner.
func TestOnlyOwedDeadlinesAreScheduled(t *testing.T) {
	disconnect := func(a *testApp, ev callstate.UIEventInfo) {
		_ = a.env.Kit().ReportCallStateChange(ev.CallID, callstate.StateDisconnected)
	}
	sc := mustParse(t, "0s push c1 voice\n2s user reject c1")
	prompt := sim.Run(&testApp{push: reportPush, uiEv: disconnect}, sc, sim.Config{})
	require.False(t, prompt.Failed(), "%s", prompt)
	assert.Equal(t, 2*time.Second, prompt.End, "the push (due at 10s) and the reject (due at 7s) were paid at once")

	later := func(a *testApp, ev callstate.UIEventInfo) { a.env.After(time.Second, func() { disconnect(a, ev) }) }
	late := sim.Run(&testApp{push: reportPush, uiEv: later}, sc, sim.Config{})
	require.False(t, late.Failed(), "%s", late)
	assert.Equal(t, 7*time.Second, late.End, "the reject was still owed when the callback returned: judged at 7s")

	// Events: the push, the reject, the timer and the reject's deadline, each at its own
	// time: MaxEvents counts the events at one time, so even 1 cuts nothing here.
	uncut := sim.Run(&testApp{push: reportPush, uiEv: later}, sc, sim.Config{MaxEvents: 1})
	assert.Equal(t, late.String(), uncut.String())
}

func TestLeakedCallAndAllowOpen(t *testing.T) {
	sc := mustParse(t, "0s push c1 video from=Ann")
	res := sim.Run(&testApp{push: reportPush}, sc, sim.Config{})
	assert.Equal(t, []string{"violation leaked-call c1 @0s"}, keys(res.Failures), "judged at the end of the run: the push, reported at once, left nothing to wait for")
	assert.Equal(t, -1, res.Failures[0].Script, "the end of the run is no script step")
	assert.Equal(t, "call c1 (incoming, reported at step 3) is still RINGING: the app never reported DISCONNECTED", res.Failures[0].Detail,
		"judged at the end: no deadline to name")
	assert.False(t, sim.Run(&testApp{push: reportPush}, sc, sim.Config{AllowOpen: true}).Failed())
}

func TestRefusalsCausedByThePhoneAreNotFailures(t *testing.T) {
	// The app reports everything the moment it hears of it, whatever the service's state.
	app := &testApp{push: reportPush, peer: func(a *testApp, id string, _ sim.PeerEvent) {
		_ = a.env.Kit().ReportCallStateChange(id, callstate.StateDisconnected)
	}}
	res := sim.Run(app, mustParse(t, `
0s push c1 voice
1s service crash
2s peer hangup c1
3s service restart
4s peer hangup c1
5s fault 1007200999
5s push c2 voice
6s push c3 voice
7s peer hangup c3
`), sim.Config{})
	assert.Equal(t, []string{"violation push-not-reported c2 @15s"}, keys(res.Failures), "%s", res)
	assert.Equal(t, map[sim.Verdict]int{
		{}: 4, // on, two reportIncomingCall, the last DISCONNECTED
		{Code: callstate.CodeServiceUnavailable, Cause: callstate.CauseServiceUnavailable}: 1,
		{Code: callstate.CodeInvalidParameter, Cause: callstate.CauseUnknownCallID}:        1,
		{Code: callstate.CodeUnknown, Cause: callstate.CauseInjectedFault}:                 1,
	}, res.Counts.Verdicts)
	assert.Equal(t, 3, res.Counts.Expected)
	assert.Equal(t, 0, res.Counts.Failed)
	assert.Equal(t, 2, res.Counts.Calls)

	// The same unknown-call-id without a crash is the app's fault.
	res = sim.Run(app, mustParse(t, "0s push c1 voice\n1s peer hangup c1\n2s peer hangup c1"), sim.Config{})
	assert.Equal(t, []string{"verdict reportCallStateChange 1007200001/unknown-call-id c1 @2s"}, keys(res.Failures))
}

func TestBanner(t *testing.T) {
	answerVoice := func(a *testApp, ev callstate.UIEventInfo) {
		if ev.Event == callstate.EventVoiceAnswer || ev.Event == callstate.EventVideoAnswer {
			_ = a.env.Kit().ReportCallStateChange(ev.CallID, callstate.StateActive)
		}
	}
	noVoice := &testApp{uiEv: answerVoice, push: func(a *testApp, p sim.Push) {
		attr := ringing(p.CallID, p.Type)
		attr.IsVoiceAnswerSupported = callstate.False
		attr.IsUserMuteRingToneAllowed = callstate.True
		_, _ = a.env.Kit().ReportIncomingCall(attr)
	}}
	res := sim.Run(noVoice, mustParse(t, `
0s push c1 video
1s user answer c1 voice
2s user mute-ringtone c1
3s user answer c1 video
`), sim.Config{AllowOpen: true})
	assert.Equal(t, []string{"2s VOIP_CALL_EVENT_MUTE_RINGTONE ERROR_NONE", "3s VOIP_CALL_EVENT_VIDEO_ANSWER ERROR_NONE"},
		noVoice.events, "%s", res)
	assert.Contains(t, res.String(), "skip: call c1 is a video call with isVoiceAnswerSupported false\n")
	assert.Equal(t, 2, res.Counts.UIEvents, "the two the banner offered")
	assert.Equal(t, 1, res.Counts.Skipped)

	plain := &testApp{push: reportPush, uiEv: answerVoice}
	res = sim.Run(plain, mustParse(t, "0s push c1 video\n1s user mute-ringtone c1\n2s user answer c1 voice"), sim.Config{AllowOpen: true})
	assert.Contains(t, res.String(), "skip: call c1 does not set isUserMuteRingToneAllowed\n")
	assert.Equal(t, []string{"2s VOIP_CALL_EVENT_VOICE_ANSWER ERROR_NONE"}, plain.events)

	// Hang up, mute and unmute are offered on any live call: a ringing one is live.
	ringingCall := &testApp{push: reportPush}
	res = sim.Run(ringingCall, mustParse(t, "0s push c1 voice\n1s user mute c1\n2s user unmute c1\n3s user hangup c1"), sim.Config{AllowOpen: true})
	assert.Equal(t, []string{"1s VOIP_CALL_EVENT_MUTED ERROR_NONE", "2s VOIP_CALL_EVENT_UNMUTED ERROR_NONE", "3s VOIP_CALL_EVENT_HANGUP ERROR_NONE"},
		ringingCall.events, "%s", res)
	assert.Zero(t, res.Counts.Skipped)
}

func TestCarrierTakeOver(t *testing.T) {
	app := reference.New()
	res := sim.Run(app, mustParse(t, "0s push c1 voice\n0.5s user answer c1 voice\n1s push c2 voice\n2s dial c3 voice\n3s carrier ring\n4s carrier answer"), sim.Config{AllowOpen: true})
	events := uiEvents(res)
	assert.Equal(t, []string{"uiEvent c1 VOICE_ANSWER", "uiEvent c2 REJECT CELLULAR_CALL_EXISTS", "uiEvent c3 HANGUP USER_ANSWER_CELLULAR_FIRST"}, events)
	assert.False(t, res.Failed(), "%s", res)
}

// A carrier call is there from the moment it rings: `carrier ring` is carrierCallStart, so a
// VoIP call reported while it rings resolves CELLULAR_CALL_EXISTS and is not registered.
func TestCarrierCallCountsFromItsRing(t *testing.T) {
	var reasons []callstate.ErrorReason
	app := &testApp{push: func(a *testApp, p sim.Push) {
		reason, err := a.env.Kit().ReportIncomingCall(ringing(p.CallID, p.Type))
		require.NoError(t, err)
		reasons = append(reasons, reason)
	}}
	res := sim.Run(app, mustParse(t, "0s carrier ring\n1s push c1 voice\n2s carrier end\n3s push c2 voice"), sim.Config{})
	assert.Equal(t, []callstate.ErrorReason{callstate.ReasonCellularCallExists, callstate.ReasonNone}, reasons)
	assert.Equal(t, 1, res.Counts.Calls, "only c2 was registered")
	assert.Equal(t, []string{"violation leaked-call c2 @3s"}, keys(res.Failures), "%s", res)
}

func TestSchedulerOrder(t *testing.T) {
	var order []string
	app := &testApp{push: func(a *testApp, p sim.Push) {
		order = append(order, sim.FormatTime(a.env.Now())+" push "+p.CallID)
		for _, n := range []string{"first", "second"} {
			a.env.After(time.Second, func() { order = append(order, sim.FormatTime(a.env.Now())+" "+n) })
		}
		a.env.After(-time.Second, func() { order = append(order, sim.FormatTime(a.env.Now())+" now") })
		_ = a.env.Kit().ReportIncomingCallError(p.CallID, callstate.FailureRouteBusy)
	}}
	// Steps out of time order in a Go-built scenario run in time order, script order among equals.
	sc := sim.Scenario{Steps: []sim.Step{
		{At: time.Second, Action: sim.ActPush, CallID: "b"},
		{At: 0, Action: sim.ActPush, CallID: "a"},
		{At: time.Second, Action: sim.ActPush, CallID: "c"},
	}}
	res := sim.Run(app, sc, sim.Config{})
	assert.False(t, res.Failed(), "%s", res)
	assert.Equal(t, []string{"0s push a", "0s now", "1s push b", "1s push c", "1s first", "1s second",
		"1s now", "1s now", "2s first", "2s second", "2s first", "2s second"}, order)
}

func TestRunStopsAnAppThatNeverSettles(t *testing.T) {
	var tick func(a *testApp)
	tick = func(a *testApp) { a.env.After(time.Second, func() { tick(a) }) }
	app := &testApp{push: func(a *testApp, p sim.Push) {
		_ = a.env.Kit().ReportIncomingCallError(p.CallID, callstate.FailureRouteBusy)
		tick(a)
	}}
	res := sim.Run(app, mustParse(t, "0s push c1 voice"), sim.Config{})
	assert.Equal(t, time.Minute, res.End)
	assert.False(t, res.Failed(), "a timer every second is no failure: the horizon ends it\n%s", res)
	assert.Contains(t, res.String(), "note: run stopped at the horizon 60s: 0 script steps and 1 timers and deadlines left")

	var spin func(a *testApp)
	spin = func(a *testApp) { a.env.After(0, func() { spin(a) }) }
	app.push = func(a *testApp, p sim.Push) {
		_ = a.env.Kit().ReportIncomingCallError(p.CallID, callstate.FailureRouteBusy)
		spin(a)
	}
	res = sim.Run(app, mustParse(t, "0s push c1 voice\n1s push c2 voice"), sim.Config{MaxEvents: 1000})
	require.Equal(t, []string{"stall  @0s"}, keys(res.Failures), "%s", res)
	assert.Equal(t, -1, res.Failures[0].Script)
	assert.Equal(t, "the app's timers kept the clock at 0s: 1000 events at that time (Config.MaxEvents), and more were due; the run stopped with 1 script steps and 1 timers and deadlines left", res.Failures[0].Detail)
	assert.Equal(t, 1, res.Counts.Pushes, "push c2 was never played")
}

func TestQuietKeepsCountsAndFailures(t *testing.T) {
	for name, sc := range scenarios(t) {
		for _, app := range apps {
			loud := sim.Run(app.make(), sc, sim.Config{})
			quiet := sim.Run(app.make(), sc, sim.Config{Quiet: true})
			assert.Equal(t, loud.Counts, quiet.Counts, name)
			assert.Equal(t, loud.Failures, quiet.Failures, name)
			assert.Empty(t, quiet.Log)
			assert.Empty(t, quiet.Steps)
			assert.Equal(t, len(loud.Steps), loud.Counts.Steps, name)
		}
	}
}

func TestFailureKeys(t *testing.T) {
	f := sim.Failure{Kind: sim.FailVerdict, Op: validator.OpReportCallStateChange, Code: callstate.CodeInvalidParameter,
		Cause: callstate.CauseIllegalTransition, CallID: "c1", At: 1500 * time.Millisecond, Detail: "d"}
	assert.Equal(t, "verdict reportCallStateChange 1007200001/illegal-transition", f.Key())
	assert.Equal(t, "verdict reportCallStateChange 1007200001/illegal-transition (call c1) at 1.5s: d", f.String())
	assert.Equal(t, "violation leaked-call", (&sim.Failure{Kind: sim.FailViolation, Cause: callstate.CauseLeakedCall}).Key())
	assert.Equal(t, "panic", (&sim.Failure{Kind: sim.FailPanic}).Key())
	assert.Equal(t, "ok", sim.Verdict{}.String())
}

// Every kind of failure has its name; a number that is no kind is named as such, and the
// zero Failure is no verdict.
func TestFailureKindNames(t *testing.T) {
	names := map[sim.FailureKind]string{}
	for _, k := range []sim.FailureKind{0, sim.FailVerdict, sim.FailViolation, sim.FailPanic, sim.FailStall, sim.FailStall + 1, 255} {
		names[k] = k.String()
	}
	assert.Equal(t, map[sim.FailureKind]string{0: "failure?", 1: "verdict", 2: "violation", 3: "panic", 4: "stall",
		5: "failure?", 255: "failure?"}, names)
	assert.Equal(t, "stall", (&sim.Failure{Kind: sim.FailStall}).Key())
}

func TestFormatTime(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0s", 1200 * time.Millisecond: "1.2s", 250 * time.Millisecond: "0.25s",
		5 * time.Millisecond: "0.005s", 90 * time.Second: "90s", -time.Second: "-1s"} {
		assert.Equal(t, want, sim.FormatTime(d))
	}
}

// TestParallelRunsAreIndependent: runs share nothing, so workers may run scenarios side by
// side (under -race this also proves there is no shared state) and get the same results.
func TestParallelRunsAreIndependent(t *testing.T) {
	scs := scenarios(t)
	want := map[string]string{}
	for name, sc := range scs {
		want[name] = sim.Run(reference.New(), sc, sim.Config{}).String()
	}
	got := make(chan [2]string, len(scs))
	for name, sc := range scs {
		go func() { got <- [2]string{name, sim.Run(reference.New(), sc, sim.Config{}).String()} }()
	}
	for range scs {
		g := <-got
		assert.Equal(t, want[g[0]], g[1], g[0])
	}
}

func TestProfile(t *testing.T) {
	// An app that reports its incoming calls as ACTIVE right away.
	app := func() *testApp {
		return &testApp{push: func(a *testApp, p sim.Push) {
			attr := ringing(p.CallID, p.Type)
			attr.State = callstate.StateActive
			_, _ = a.env.Kit().ReportIncomingCall(attr)
		}}
	}
	sc := mustParse(t, "0s push c1 voice")
	strict := sim.Run(app(), sc, sim.Config{AllowOpen: true})
	assert.Equal(t, []string{"verdict reportIncomingCall 1007200001/incoming-not-ringing c1 @0s", "violation push-not-reported c1 @10s"},
		keys(strict.Failures))
	assert.False(t, sim.Run(app(), sc, sim.Config{AllowOpen: true, Profile: validator.Documented}).Failed(),
		"the documented profile has no incoming-not-ringing")
}

func TestExtremeTimes(t *testing.T) {
	sc := sim.Scenario{Steps: []sim.Step{{At: math.MaxInt64 - 1, Action: sim.ActCarrierRing}, {At: -time.Second, Action: sim.ActCarrierEnd}}}
	res := sim.Run(&testApp{}, sc, sim.Config{})
	assert.False(t, res.Failed(), "%s", res)
	assert.Equal(t, 2, res.Counts.Steps, "on, then the carrier call at the end of time")
	assert.Equal(t, 1, res.Counts.Skipped, "the carrier end, sorted first, has no carrier call to end")

	early := sim.Scenario{Steps: []sim.Step{{At: -time.Second, Action: sim.ActPush, CallID: "c1"}}}
	res = sim.Run(&testApp{push: reportPush}, early, sim.Config{AllowOpen: true})
	require.Len(t, res.Steps, 3)
	assert.Equal(t, time.Duration(0), res.Steps[1].At, "a step before 0 happens at 0: the clock never goes back")
}

// Timers and deadlines saturate at the end of time instead of wrapping round to the past:
// an app may schedule "never" as math.MaxInt64, and a Go-built scenario may push a call a
// second before the end of time.
func TestTimesSaturateAtTheEndOfTime(t *testing.T) {
	var fired []time.Duration
	never := &testApp{push: func(a *testApp, p sim.Push) {
		reportPush(a, p)
		a.env.After(math.MaxInt64, func() { fired = append(fired, a.env.Now()) })
	}}
	res := sim.Run(never, mustParse(t, "1s push c1 voice\n2s peer hangup c1"), sim.Config{AllowOpen: true})
	assert.Empty(t, fired, "a timer at the end of time never fires")
	assert.Equal(t, 2*time.Second, res.End)
	assert.Contains(t, res.String(), "note: run stopped at the horizon 62s: 0 script steps and 1 timers and deadlines left")

	last := sim.Scenario{Steps: []sim.Step{{At: math.MaxInt64 - time.Second, Action: sim.ActPush, CallID: "c1"}}}
	res = sim.Run(&testApp{}, last, sim.Config{})
	assert.False(t, res.Failed(), "the service never ran 10 s after the push: %s", res)
	assert.Equal(t, time.Duration(math.MaxInt64), res.End, "the push deadline waited for the end of time")
	assert.Contains(t, res.String(), "push for call c1 still unreported, but the service did not run 10s since: excused")
	assert.NotContains(t, res.String(), "events:", "the deadline is judged once at the end of time, not rescheduled there")
}

// TestKitRefusesCallsAfterTheRun: an app that keeps its Env past Run (a shutdown hook
// hanging up what is left, say) gets ErrRunOver, and the Result it already returned stays
// as it was.
func TestKitRefusesCallsAfterTheRun(t *testing.T) {
	app := &testApp{push: reportPush}
	res := sim.Run(app, mustParse(t, "0s push c1 voice"), sim.Config{AllowOpen: true})
	require.False(t, res.Failed(), res.String())
	counts, steps, end := res.Counts, len(res.Steps), res.End

	kit := app.env.Kit()
	for name, call := range map[string]func() error{
		"ReportCallStateChange": func() error { return kit.ReportCallStateChange("c1", callstate.StateDisconnected) },
		"ReportIncomingCall": func() error {
			_, err := kit.ReportIncomingCall(ringing("c2", callstate.CallVoice))
			return err
		},
		"Off": func() error { return kit.Off(callstate.UIEventType) },
	} {
		err := call()
		require.ErrorIs(t, err, sim.ErrRunOver, name)
		assert.EqualError(t, err, "sim: the run is over: the kit takes no more calls", name)
	}
	fired := false
	app.env.After(0, func() { fired = true })

	assert.Equal(t, counts, res.Counts)
	assert.Len(t, res.Steps, steps)
	assert.Equal(t, end, res.End)
	assert.False(t, fired)
}

// SPEC.md section 9: on a carrier answer, "every other live call" than RINGING incoming
// and ACTIVE gets HANGUP with USER_ANSWER_CELLULAR_FIRST: HOLDING and ANSWERED included.
func TestTakeOverHangsUpHoldingAndAnswered(t *testing.T) {
	app := &testApp{push: reportPush, peer: func(a *testApp, id string, _ sim.PeerEvent) {
		k := a.env.Kit()
		switch id {
		case "held":
			_ = k.ReportCallStateChange(id, callstate.StateActive)
			_ = k.ReportCallStateChange(id, callstate.StateHolding)
		case "answered":
			_ = k.ReportCallStateChange(id, callstate.StateAnswered)
		case "active":
			_ = k.ReportCallStateChange(id, callstate.StateActive)
		}
	}}
	sc := mustParse(t, `0s push held voice
0s push answered voice
0s push active voice
1s peer hangup held
1s peer hangup answered
1s peer hangup active
2s carrier ring
3s carrier answer`)
	res := sim.Run(app, sc, sim.Config{AllowOpen: true})
	assert.ElementsMatch(t, []string{"uiEvent held HANGUP USER_ANSWER_CELLULAR_FIRST", "uiEvent answered HANGUP USER_ANSWER_CELLULAR_FIRST"}, uiEvents(res), "%s", res)
}

// SPEC.md section 9: the take-over is decided when the user answers the carrier call.
// What the app reports from the callback of one take-over event changes nothing of what
// the other calls get: b, ACTIVE at the answer, is kept though the app holds it, and c,
// RINGING then, is rejected though the app answers it; d, which the app ends, gets nothing.
func TestTakeOverIsDecidedWhenTheUserAnswers(t *testing.T) {
	app := &testApp{push: reportPush, peer: func(a *testApp, id string, _ sim.PeerEvent) {
		_ = a.env.Kit().ReportCallStateChange(id, callstate.StateActive)
	}, uiEv: func(a *testApp, ev callstate.UIEventInfo) {
		if ev.CallID != "a" {
			return
		}
		k := a.env.Kit()
		_ = k.ReportCallStateChange("a", callstate.StateDisconnected)
		_ = k.ReportCallStateChange("b", callstate.StateHolding)
		_ = k.ReportCallStateChange("c", callstate.StateAnswered)
		_ = k.ReportCallStateChange("d", callstate.StateDisconnected)
	}}
	sc := mustParse(t, "0s push a voice\n0s push b voice\n0s push c voice\n0s push d voice\n1s peer hangup b\n2s carrier ring\n3s carrier answer")
	res := sim.Run(app, sc, sim.Config{AllowOpen: true})
	assert.Equal(t, []string{"uiEvent a REJECT CELLULAR_CALL_EXISTS", "uiEvent c REJECT CELLULAR_CALL_EXISTS"}, uiEvents(res), "%s", res)
}

// uiEvents are the run's UI events, as the log prints them.
func uiEvents(res *sim.Result) []string {
	var events []string
	for i, s := range res.Steps {
		if s.Op == validator.OpUIEvent {
			events = append(events, sim.DescribeStep(&res.Steps[i]))
		}
	}
	return events
}

// An outgoing call in RINGING (the documented profile lets a live call be reported in
// any state) is not the banner's: the user cannot answer, reject or mute its ringtone, and a
// take-over hangs it up rather than rejecting it, as SPEC.md section 9 gives REJECT to
// ringing incoming calls only.
func TestRingingOutgoingCallIsNotTheBanners(t *testing.T) {
	app := &testApp{dial: func(a *testApp, d sim.Dial) {
		attr := ringing(d.CallID, d.Type)
		attr.State = callstate.StateDialing
		attr.IsVoiceAnswerSupported, attr.IsUserMuteRingToneAllowed = callstate.True, callstate.True
		_, _ = a.env.Kit().ReportOutgoingCall(attr)
		_ = a.env.Kit().ReportCallStateChange(d.CallID, callstate.StateRinging)
	}}
	sc := mustParse(t, "0s dial c1 video\n1s user answer c1 video\n2s user answer c1 voice\n3s user reject c1\n"+
		"4s user mute-ringtone c1\n5s carrier ring\n6s carrier answer")
	res := sim.Run(app, sc, sim.Config{AllowOpen: true, Profile: validator.Documented})
	require.Len(t, res.Steps, 5, "on, the outgoing call and its RINGING, the carrier call and the take-over: %s", res)
	require.NoError(t, res.Outcomes[2].Err, "%s", res)
	assert.Equal(t, 4, res.Counts.Skipped, "%s", res)
	assert.Equal(t, []string{"uiEvent c1 HANGUP USER_ANSWER_CELLULAR_FIRST"}, uiEvents(res), "%s", res)
}

// SPEC.md section 9: far-end events reach the app's own code, not the call service:
// they make no validator step.
func TestPeerEventsMakeNoServiceStep(t *testing.T) {
	var got []sim.PeerEvent
	app := &testApp{dial: func(a *testApp, d sim.Dial) {
		_, _ = a.env.Kit().ReportOutgoingCall(callstate.Attribute{CallID: d.CallID, CallType: d.Type, UserName: "B",
			AbilityName: "X", State: callstate.StateDialing})
	}, peer: func(_ *testApp, _ string, ev sim.PeerEvent) { got = append(got, ev) }}
	res := sim.Run(app, mustParse(t, "0s dial c1 voice\n1s peer answer c1\n2s peer fail c1\n3s peer hangup c1"), sim.Config{AllowOpen: true})
	assert.Equal(t, []sim.PeerEvent{sim.PeerAnswered, sim.PeerFailed, sim.PeerHungUp}, got)
	assert.Len(t, res.Steps, 2, "on and reportOutgoingCall only: %s", res)
}

// SPEC.md section 9: a crash clears every call with no event to the app, and reports
// fail with 1007200002 until the restart; those refusals are not the app's failures.
func TestCrashSendsNoEventAndRefusesReports(t *testing.T) {
	app := &testApp{push: reportPush}
	res := sim.Run(app, mustParse(t, "0s push c1 voice\n1s service crash\n2s push c2 voice\n3s service restart"), sim.Config{AllowOpen: true})
	assert.Empty(t, app.events, "no UI event on a crash")
	assert.Equal(t, 1, res.Counts.Verdicts[sim.Verdict{Code: callstate.CodeServiceUnavailable, Cause: callstate.CauseServiceUnavailable}])
	assert.Zero(t, res.Counts.Failed)
}

func TestRunNeedsAnApp(t *testing.T) {
	assert.PanicsWithValue(t, "sim: Run needs an App, got nil", func() {
		sim.Run(nil, mustParse(t, "0s push c1 voice"), sim.Config{})
	})
}

// A config no run can use is the calling code's mistake: Run names the field rather than
// run with some other value.
func TestRunRefusesAConfigItCannotUse(t *testing.T) {
	sc := mustParse(t, "0s push c1 voice")
	for want, cfg := range map[string]sim.Config{
		"sim: Config.UIDeadline is -1s: want 0 for the default, or more":                   {UIDeadline: -time.Second},
		"sim: Config.PushDeadline is -1ms: want 0 for the default, or more":                {PushDeadline: -time.Millisecond},
		"sim: Config.Horizon is -1m0s: want 0 for the default, or more":                    {Horizon: -time.Minute},
		"sim: Config.MaxEvents is -3: want 0 for the default, or more":                     {MaxEvents: -3},
		"sim: Config.Profile is Profile(7): want validator.Strict or validator.Documented": {Profile: 7},
	} {
		assert.PanicsWithValue(t, want, func() { sim.Run(&testApp{push: reportPush}, sc, cfg) })
	}
	assert.NotPanics(t, func() { sim.Run(&testApp{push: reportPush}, sc, sim.Config{Profile: validator.Documented}) })
}

// A script step the phone cannot play at its time is skipped, and the log says why.
func TestSkippedStepsSayWhy(t *testing.T) {
	res := sim.Run(&testApp{push: reportPush}, mustParse(t, `
0s push c1 voice
1s carrier ring
2s carrier ring
3s service crash
4s service crash
5s dial d1 voice
6s dial d2 video
7s user hangup c1
`), sim.Config{AllowOpen: true})
	out := res.String()
	assert.Contains(t, out, "  > carrier ring\n            skip: a carrier call is already there\n")
	assert.Contains(t, out, "  > service crash\n            skip: the service is already down\n")
	assert.Contains(t, out, "  > user hangup c1\n            skip: call c1 is not live\n", "the crash cleared c1")
	assert.Equal(t, 3, res.Counts.Skipped)
	assert.Equal(t, 2, res.Counts.Dials)
	assert.Equal(t, 1, res.Counts.Pushes)
	assert.Zero(t, res.Counts.UIEvents)
}

// A failure outside any script step, as in the app's Start, names no step.
func TestFailureInStartNamesNoStep(t *testing.T) {
	app := &testApp{}
	starter := &startReporter{testApp: app}
	res := sim.Run(starter, mustParse(t, "1s carrier ring"), sim.Config{})
	require.Len(t, res.Failures, 1, "%s", res)
	assert.Equal(t, "verdict reportCallStateChange 1007200001/unknown-call-id c9 @0s", keys(res.Failures)[0])
	assert.Equal(t, -1, res.Failures[0].Script)
}

// startReporter reports a call it never made, from Start.
type startReporter struct{ *testApp }

func (a *startReporter) Start(env sim.Env) {
	a.testApp.Start(env)
	_ = env.Kit().ReportCallStateChange("c9", callstate.StateActive)
}

// Horizon stops the run: a script step after it is not played, one at it is.
func TestScriptStepsAfterTheHorizonAreNotPlayed(t *testing.T) {
	sc := mustParse(t, "0s push c1 voice\n5s push c2 voice\n6s push c3 voice")
	res := sim.Run(&testApp{push: reportPush}, sc, sim.Config{AllowOpen: true, Horizon: 5 * time.Second})
	assert.Equal(t, 2, res.Counts.Pushes, "%s", res)
	assert.Equal(t, 2, res.Counts.Calls)
}

// After with no function schedules nothing.
func TestAfterWithoutAFunction(t *testing.T) {
	app := &testApp{push: func(a *testApp, p sim.Push) {
		reportPush(a, p)
		a.env.After(time.Second, nil)
	}}
	res := sim.Run(app, mustParse(t, "0s push c1 voice"), sim.Config{AllowOpen: true})
	assert.False(t, res.Failed(), "%s", res)
	assert.Equal(t, time.Duration(0), res.End, "no timer ran")
}

// off removes the app's callback: the user's next action reaches no code of the app.
func TestOffInARun(t *testing.T) {
	app := &testApp{push: func(a *testApp, p sim.Push) {
		reportPush(a, p)
		require.NoError(t, a.env.Kit().Off(callstate.UIEventType))
	}}
	res := sim.Run(app, mustParse(t, "0s push c1 voice\n1s user hangup c1"), sim.Config{AllowOpen: true})
	assert.Empty(t, app.events, "%s", res)
	assert.Equal(t, 1, res.Counts.UIEvents)
	assert.Equal(t, 3, res.Counts.OK, "on, the report and off")
}

// The phone's table of callIds is never full: after as many pushes as the script has, a
// far-end step for a callId it never saw is skipped rather than searched for forever.
func TestPeerStepForAnUnknownCallAfterEveryPush(t *testing.T) {
	sc, err := sim.ParseScenario("push c1 voice\npush c2 voice\npush c3 voice\npush c4 voice\n" +
		"push c5 voice\npush c6 voice\npush c7 voice\npush c8 voice\n1s peer hangup x9\n")
	require.NoError(t, err)
	res := sim.Run(&testApp{push: reportPush}, sc, sim.Config{})
	assert.Contains(t, res.String(), "      1s  > peer hangup x9\n            skip: call x9 was never pushed or dialed\n")
}

// Times wider than the log's column push the step right rather than lose their space.
func TestLogOfATimeWiderThanItsColumn(t *testing.T) {
	sc, err := sim.ParseScenario("10000.125s carrier ring\n")
	require.NoError(t, err)
	res := sim.Run(&testApp{}, sc, sim.Config{})
	assert.Contains(t, res.String(), "\n10000.125s  > carrier ring\n")
}

// A Go-built step the phone could not take (a push without a callId) is logged with the
// validator's reason, as the phone's step it is, not as a verdict on the app.
// A Go-built step that no script could hold is skipped with the reason, not played: a
// push of no callId would otherwise reach the app and fail it for the script's mistake.
func TestStepThePhoneCannotPlayIsSkipped(t *testing.T) {
	for _, tc := range []struct {
		step sim.Step
		why  string
	}{
		{sim.Step{Action: sim.ActPush}, "push needs a callId"},
		{sim.Step{Action: sim.ActDial, Type: callstate.CallVideo}, "dial needs a callId"},
		{sim.Step{Action: sim.ActReject}, "user reject needs a callId"},
		{sim.Step{Action: sim.ActPeerHangup}, "peer hangup needs a callId"},
		{sim.Step{Action: sim.ActPush, CallID: "c1", Type: 7}, "push needs voice or video, not type 7"},
		{sim.Step{Action: sim.ActAnswer, CallID: "c1", Type: -1}, "user answer needs voice or video, not type -1"},
		{sim.Step{Action: sim.ActFault, Code: callstate.CodeInvalidParameter},
			"fault needs code 1007200002, 1007200003 or 1007200999, not 1007200001"},
		{sim.Step{Action: sim.ActFault}, "fault needs code 1007200002, 1007200003 or 1007200999, not 0"},
	} {
		app := &testApp{push: reportPush}
		res := sim.Run(app, sim.Scenario{Steps: []sim.Step{tc.step}}, sim.Config{})
		assert.False(t, res.Failed(), "%s: %s", tc.why, res)
		assert.Equal(t, sim.Counts{Steps: 1, OK: 1, Skipped: 1, Verdicts: map[sim.Verdict]int{{}: 1}}, res.Counts, "%s: the app's on only", tc.why)
		assert.Contains(t, res.String(), "\n            skip: "+tc.why+"\n")
	}
}

// A Go-built step of no known action is skipped, whatever its number: the first number
// past the actions and the last an Action holds.
func TestUnknownActionIsSkipped(t *testing.T) {
	for _, a := range []sim.Action{sim.Action(len(sim.Actions()) + 1), math.MaxUint8} {
		res := sim.Run(&testApp{}, sim.Scenario{Steps: []sim.Step{{Action: a}}}, sim.Config{})
		assert.Equal(t, 1, res.Counts.Skipped, "action %d", a)
		assert.Equal(t, map[sim.Verdict]int{{}: 1}, res.Counts.Verdicts, "the app's on, its one call, is counted")
		assert.Contains(t, res.String(), "skip: unknown action\n", "action %d", a)
	}
}

// The phone's table of callIds has room for dialed calls as for pushed ones: a script of
// nothing but dials, more than the table's smallest size, runs to its end.
func TestManyDialsRunToTheEnd(t *testing.T) {
	script := ""
	for i := range 9 {
		script += "dial d" + string(rune('1'+i)) + " voice\n"
	}
	sc, err := sim.ParseScenario(script + "1s peer hangup x9\n")
	require.NoError(t, err)
	res := sim.Run(&testApp{}, sc, sim.Config{})
	assert.Equal(t, 9, res.Counts.Dials)
	assert.Contains(t, res.String(), "skip: call x9 was never pushed or dialed\n")
}

// A refusal of a call the crash cleared is the phone's doing, until the app reports that
// callId anew: from then on, refusals about it are the app's own. Counts.Verdicts counts
// each refusal once per time it happened, and on included among the calls that succeeded.
func TestACallReportedAgainAfterACrashIsTheAppsOwn(t *testing.T) {
	pushes := 0
	app := &testApp{push: func(a *testApp, p sim.Push) {
		kit := a.env.Kit()
		_, _ = kit.ReportIncomingCall(ringing(p.CallID, p.Type))
		if pushes++; pushes == 2 {
			_ = kit.ReportCallStateChange(p.CallID, callstate.StateDisconnected)
			_ = kit.ReportCallStateChange(p.CallID, callstate.StateActive)
		}
		_ = kit.ReportCallStateChange(p.CallID, callstate.StateActive)
	}}
	res := sim.Run(app, mustParse(t, "push c1 voice\n1s service crash\n2s service restart\n3s push c1 voice\n"),
		sim.Config{AllowOpen: true})
	unknown := sim.Verdict{Code: callstate.CodeInvalidParameter, Cause: callstate.CauseUnknownCallID}
	var keys []string
	for i := range res.Failures {
		keys = append(keys, res.Failures[i].Key()+" at "+sim.FormatTime(res.Failures[i].At))
	}
	assert.Equal(t, []string{"verdict reportCallStateChange 1007200001/unknown-call-id at 3s",
		"verdict reportCallStateChange 1007200001/unknown-call-id at 3s"}, keys)
	assert.Equal(t, map[sim.Verdict]int{{}: 5, unknown: 2}, res.Counts.Verdicts)
}
