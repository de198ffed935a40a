package validator_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// TestUnansweredUIEvent: for each UI event, which reports settle the obligation it creates
// and which do not (SPEC.md section 6).
func TestUnansweredUIEvent(t *testing.T) {
	ringing := live{validator.Incoming, callstate.StateRinging, nil}
	active := live{validator.Incoming, callstate.StateActive, []callstate.CallState{callstate.StateActive}}
	const (
		answerOwed = "ANSWERED, ACTIVE or DISCONNECTED"
		endOwed    = "DISCONNECTED"
	)
	type report struct {
		step    validator.Step
		settles bool
	}
	for _, tc := range []struct {
		event   callstate.UIEvent
		from    live
		owed    string // "" when the event asks for nothing
		reports []report
	}{
		{callstate.EventVoiceAnswer, ringing, answerOwed, []report{
			{stateChange("x", callstate.StateAnswered), true}, {stateChange("x", callstate.StateActive), true},
			{stateChange("x", callstate.StateDisconnected), true}, {stateChange("x", callstate.StateDisconnecting), false},
			{stateChangeWithType("x", callstate.StateRinging, callstate.CallVoice), false}, {audio("x", callstate.AudioMuted), false}}},
		{callstate.EventVideoAnswer, ringing, answerOwed, []report{
			{stateChangeWithType("x", callstate.StateAnswered, callstate.CallVoice), true}, {stateChange("x", callstate.StateActive), true},
			{stateChange("x", callstate.StateDisconnected), true}, {stateChange("x", callstate.StateDisconnecting), false}}},
		{callstate.EventReject, ringing, endOwed, []report{
			{stateChange("x", callstate.StateDisconnected), true}, {incomingError("x", callstate.FailureOther), true},
			{stateChange("x", callstate.StateActive), false}, {stateChange("x", callstate.StateDisconnecting), false}}},
		{callstate.EventHangup, active, endOwed, []report{
			{stateChange("x", callstate.StateDisconnected), true}, {stateChange("x", callstate.StateDisconnecting), false},
			{stateChange("x", callstate.StateHolding), false}}},
		{callstate.EventMuted, active, "AUDIO_EVENT_MUTED", []report{
			{audio("x", callstate.AudioMuted), true}, {audio("x", callstate.AudioUnmuted), false},
			{audio("x", callstate.AudioMicDisable), false}, {stateChange("x", callstate.StateDisconnected), true}}},
		{callstate.EventUnmuted, active, "AUDIO_EVENT_UNMUTED", []report{
			{audio("x", callstate.AudioUnmuted), true}, {audio("x", callstate.AudioMuted), false},
			{audio("x", callstate.AudioSpeakerOff), false}}},
		{callstate.EventNone, ringing, "", nil},
		{callstate.EventMuteRingtone, ringing, "", nil},
	} {
		t.Run(tc.event.String(), func(t *testing.T) {
			v := subscribed(t)
			seq := tc.from.bring(t, v, "x") + 1
			out := v.UIEvent("x", tc.event, callstate.ReasonNone)
			require.NoError(t, out.Err)
			assert.Empty(t, out.Warnings)
			if tc.owed == "" {
				assert.Empty(t, v.Pending(), "%s asks for no report", tc.event)
				return
			}
			owed := validator.Obligation{Cause: callstate.CauseUnansweredUIEvent, CallID: "x", Seq: seq, Event: tc.event,
				Detail: "call x got " + tc.event.String() + " at step " + strconv.Itoa(seq) + " but the app never reported " + tc.owed}
			assert.Equal(t, []validator.Obligation{owed}, v.Pending())
			v.UIEvent("x", tc.event, callstate.ReasonNone)
			assert.Equal(t, []validator.Obligation{owed}, v.Pending(), "a repeated event owes the same report, from the first")
			for _, r := range tc.reports {
				t.Run(r.step.Op.String()+" "+stepArg(r.step), func(t *testing.T) {
					v := subscribed(t)
					tc.from.bring(t, v, "x")
					v.UIEvent("x", tc.event, callstate.ReasonNone)
					require.NoError(t, v.Apply(&r.step).Err)
					if r.settles {
						assert.Empty(t, v.Pending())
					} else {
						assert.Equal(t, []validator.Obligation{owed}, v.Pending())
					}
				})
			}
			t.Run("a failing report settles nothing, and the obligation names it", func(t *testing.T) {
				v := subscribed(t)
				tc.from.bring(t, v, "x")
				v.UIEvent("x", tc.event, callstate.ReasonNone)
				v.InjectFault(callstate.CodeSystemInternal)
				refused := v.Apply(&tc.reports[0].step)
				require.Error(t, refused.Err)
				tried := owed
				tried.Detail += " (" + tc.reports[0].step.Op.String() + " refused at step " + strconv.Itoa(refused.Seq) + ": injected-fault)"
				assert.Equal(t, []validator.Obligation{tried}, v.Pending())
			})
			t.Run("a service stop settles it", func(t *testing.T) {
				v := subscribed(t)
				tc.from.bring(t, v, "x")
				v.UIEvent("x", tc.event, callstate.ReasonNone)
				v.ServiceStop()
				assert.Empty(t, v.Pending())
			})
		})
	}
}

func stepArg(s validator.Step) string {
	if s.Op == validator.OpReportCallAudioEventChange {
		return s.AudioEvent.String()
	}
	if s.HasCallType {
		return s.State.Short() + " " + s.CallType.String()
	}
	return s.State.Short()
}

func TestObligationsOfSeveralEventsAndCalls(t *testing.T) {
	v := subscribed(t)
	steps(reportIn(incoming("c2")), reportIn(incoming("c1")), stateChange("c1", callstate.StateActive))(t, v) // steps 2-4
	v.UIEvent("c1", callstate.EventMuted, callstate.ReasonNone)                                               // 5
	v.UIEvent("c2", callstate.EventVoiceAnswer, callstate.ReasonNone)                                         // 6
	v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone)                                              // 7
	v.UIEvent("c1", callstate.EventUnmuted, callstate.ReasonNone)                                             // 8
	got := v.Pending()
	require.Len(t, got, 4)
	assert.Equal(t, []int{5, 6, 7, 8}, []int{got[0].Seq, got[1].Seq, got[2].Seq, got[3].Seq}, "oldest first")
	assert.Equal(t, []callstate.UIEvent{callstate.EventMuted, callstate.EventVoiceAnswer, callstate.EventHangup, callstate.EventUnmuted},
		[]callstate.UIEvent{got[0].Event, got[1].Event, got[2].Event, got[3].Event})
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateDisconnected))
	got = v.Pending()
	require.Len(t, got, 1, "the end of c1 settles all three of its obligations")
	assert.Equal(t, "c2", got[0].CallID)
}

// TestPushNotReported: a push is settled by a report that resolves (whatever the
// ErrorReason) or by a decline; a report that fails does not count.
func TestPushNotReported(t *testing.T) {
	v := subscribed(t)
	require.NoError(t, v.Apply(&validator.Step{Op: validator.OpPush, CallID: "p1", At: 1500 * time.Millisecond, HasTime: true}).Err)
	owed := []validator.Obligation{{Cause: callstate.CausePushNotReported, CallID: "p1", Seq: 2, At: 1500 * time.Millisecond,
		Detail: "push for call p1 at step 2 was neither reported with reportIncomingCall nor declined with reportIncomingCallError"}}
	assert.Equal(t, owed, v.Pending())
	assert.Equal(t, owed, v.Finish())
	v.Push("p1")
	assert.Equal(t, owed, v.Pending(), "a second push of the same callId owes nothing more")

	failing := []func(){
		func() {
			v.ReportIncomingCall(with(incoming("p1"), func(a *callstate.Attribute) { a.State = callstate.StateActive }))
		},
		func() {
			v.ReportIncomingCall(with(incoming("p1"), func(a *callstate.Attribute) { a.AbilityName = "" }))
		},
		func() { v.InjectFault(callstate.CodeUnknown); v.ReportIncomingCall(incoming("p1")) },
		func() { v.ServiceStop(); v.ReportIncomingCall(incoming("p1")); v.ServiceStart() },
		func() {
			steps(reportIn(incoming("c1")), reportIn(incoming("c2")), reportIn(incoming("c3")))(t, v)
			_, err := v.ReportIncomingCall(incoming("p1"))
			require.ErrorIs(t, err, callstate.CauseIncomingLimit)
			v.ServiceStop()
			v.ServiceStart()
		},
		func() {
			v.ReportOutgoingCall(outgoing("p1"))
			v.ReportCallStateChange("p1", callstate.StateDisconnected)
		},
		func() {
			v.InjectFault(callstate.CodeUnknown)
			v.ReportIncomingCallError("p1", callstate.FailureRouteBusy)
		},
	}
	// The detail names the app's last refused try, in the clause of its kind.
	tries := []string{"reportIncomingCall (refused at step 4: incoming-not-ringing)", "reportIncomingCall (refused at step 5: missing-parameter)",
		"reportIncomingCall (refused at step 7: injected-fault)", "reportIncomingCall (refused at step 9: service-unavailable)",
		"reportIncomingCall (refused at step 14: incoming-limit)", "reportIncomingCall (refused at step 14: incoming-limit)",
		"reportIncomingCallError (refused at step 20: injected-fault)"}
	for i, f := range failing {
		f()
		pending := v.Pending()
		require.Len(t, pending, 1, "attempt %d must not settle the push", i)
		want := owed[0]
		want.Detail = strings.Replace(want.Detail, tries[i][:strings.Index(tries[i], " (")], tries[i], 1)
		assert.Equal(t, want, pending[0], "attempt %d", i)
	}
	require.Empty(t, v.Calls())
	v.CarrierCallStart()
	reason, err := v.ReportIncomingCall(incoming("p1"))
	require.NoError(t, err)
	assert.Equal(t, callstate.ReasonCellularCallExists, reason)
	assert.Empty(t, v.Pending(), "a report that resolves CELLULAR_CALL_EXISTS counts")
}

func TestPushSettledByReportOrDecline(t *testing.T) {
	for _, tc := range []struct {
		name    string
		profile validator.Profile
		settle  validator.Step
	}{
		{"reported", validator.Strict, reportIn(incoming("p1"))},
		{"declined", validator.Strict, incomingError("p1", callstate.FailureRouteBusy)},
		{"reported DISCONNECTED (documented)", validator.Documented,
			reportIn(with(incoming("p1"), func(a *callstate.Attribute) { a.State = callstate.StateDisconnected }))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := subscribed(t, validator.WithProfile(tc.profile))
			v.Push("p1")
			require.NoError(t, v.Apply(&tc.settle).Err)
			assert.Empty(t, v.Pending())
		})
	}
}

func TestLeakedCall(t *testing.T) {
	v := subscribed(t)
	steps(reportOut(outgoing("o1")), reportIn(incoming("c1")), stateChange("c1", callstate.StateActive))(t, v) // steps 2-4
	v.Push("p9")                                                                                               // 5
	v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone)                                               // 6
	leaks := []validator.Obligation{
		{Cause: callstate.CauseLeakedCall, CallID: "o1", Seq: 2, Detail: "call o1 (outgoing, reported at step 2) is still DIALING: the app never reported DISCONNECTED"},
		{Cause: callstate.CauseLeakedCall, CallID: "c1", Seq: 3, Detail: "call c1 (incoming, reported at step 3) is still ACTIVE: the app never reported DISCONNECTED"},
	}
	pending := v.Pending()
	require.Len(t, pending, 2)
	assert.Equal(t, []callstate.Cause{callstate.CausePushNotReported, callstate.CauseUnansweredUIEvent},
		[]callstate.Cause{pending[0].Cause, pending[1].Cause}, "Pending has no leaked-call")
	assert.Equal(t, append(pending, leaks...), v.Finish(), "Finish: what is pending, then the leaks")
	assert.Equal(t, append(pending, leaks...), v.Finish(), "Finish changes nothing")
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateDisconnected), "a sequence may go on after Finish")
	assert.Equal(t, []validator.Obligation{pending[0], leaks[0]}, v.Finish())

	open := subscribed(t, validator.AllowOpenCalls())
	steps(reportOut(outgoing("o1")))(t, open)
	assert.Empty(t, open.Finish(), "AllowOpenCalls drops leaked-call")
	open.Push("p1")
	assert.Len(t, open.Finish(), 1, "but keeps the other obligations")
}

// TestObligationsNameTheRefusedTry: when a debt or a call is left open after the app
// tried to settle it and was refused, the obligation names that try (SPEC.md section 2:
// which earlier step caused it). A try that would not have settled it, or that came
// before the event, or that was about an earlier call with the same callId, is not named.
func TestObligationsNameTheRefusedTry(t *testing.T) {
	t.Run("a decline refused after answering leaves a leak that names it", func(t *testing.T) {
		v := subscribed(t)
		steps(reportIn(incoming("c1")), stateChange("c1", callstate.StateAnswered))(t, v) // steps 2-3
		out := v.Apply(ptr(incomingError("c1", callstate.FailureOther)))                  // 4
		require.ErrorIs(t, out.Err, callstate.CauseIllegalTransition)
		assert.Equal(t, []validator.Obligation{{Cause: callstate.CauseLeakedCall, CallID: "c1", Seq: 2,
			Detail: "call c1 (incoming, reported at step 2) is still ANSWERED: the app never reported DISCONNECTED" +
				" (reportIncomingCallError refused at step 4: illegal-transition)"}}, v.Finish())
	})
	t.Run("a hang-up whose DISCONNECTED was refused", func(t *testing.T) {
		v := subscribed(t)
		steps(reportIn(incoming("c1")), stateChange("c1", callstate.StateActive))(t, v) // steps 2-3
		v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone)                    // 4
		v.InjectFault(callstate.CodeSystemInternal)                                     // 5
		require.Error(t, v.Apply(ptr(stateChange("c1", callstate.StateDisconnected))).Err)
		tried := " (reportCallStateChange refused at step 6: injected-fault)"
		assert.Equal(t, []validator.Obligation{
			{Cause: callstate.CauseUnansweredUIEvent, CallID: "c1", Seq: 4, Event: callstate.EventHangup,
				Detail: "call c1 got VOIP_CALL_EVENT_HANGUP at step 4 but the app never reported DISCONNECTED" + tried},
			{Cause: callstate.CauseLeakedCall, CallID: "c1", Seq: 2,
				Detail: "call c1 (incoming, reported at step 2) is still ACTIVE: the app never reported DISCONNECTED" + tried},
		}, v.Finish())
		o, unmet := v.Unmet("c1", 4)
		require.True(t, unmet)
		assert.Equal(t, "call c1 got VOIP_CALL_EVENT_HANGUP at step 4 but the app never reported DISCONNECTED"+tried, o.Detail,
			"Unmet, which the simulator asks at the deadline, says the same")
	})
	t.Run("a refused try that would not settle it is not named", func(t *testing.T) {
		v := subscribed(t)
		steps(reportIn(incoming("c1")), stateChange("c1", callstate.StateActive))(t, v) // steps 2-3
		v.UIEvent("c1", callstate.EventMuted, callstate.ReasonNone)                     // 4
		v.InjectFault(callstate.CodeSystemInternal)                                     // 5
		require.Error(t, v.Apply(ptr(audio("c1", callstate.AudioUnmuted))).Err)         // 6
		require.Error(t, v.Apply(ptr(stateChange("c1", callstate.StateRinging))).Err)   // 7
		assert.Equal(t, []string{
			"call c1 got VOIP_CALL_EVENT_MUTED at step 4 but the app never reported AUDIO_EVENT_MUTED",
			"call c1 (incoming, reported at step 2) is still ACTIVE: the app never reported DISCONNECTED",
		}, details(v.Finish()))
	})
	t.Run("a refused try before the event is not named in its debt", func(t *testing.T) {
		v := subscribed(t)
		steps(reportIn(incoming("c1")), stateChange("c1", callstate.StateActive))(t, v) // steps 2-3
		v.InjectFault(callstate.CodeSystemInternal)                                     // 4
		require.Error(t, v.Apply(ptr(stateChange("c1", callstate.StateDisconnected))).Err)
		v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone) // 6
		assert.Equal(t, []string{
			"call c1 got VOIP_CALL_EVENT_HANGUP at step 6 but the app never reported DISCONNECTED",
			"call c1 (incoming, reported at step 2) is still ACTIVE: the app never reported DISCONNECTED" +
				" (reportCallStateChange refused at step 5: injected-fault)",
		}, details(v.Finish()))
	})
	t.Run("a later call with the same callId starts clean", func(t *testing.T) {
		v := subscribed(t)
		steps(reportIn(incoming("c1")), stateChange("c1", callstate.StateAnswered))(t, v) // steps 2-3
		require.Error(t, v.Apply(ptr(incomingError("c1", callstate.FailureOther))).Err)   // 4
		steps(stateChange("c1", callstate.StateDisconnected), reportIn(incoming("c1")))(t, v)
		assert.Equal(t, []string{"call c1 (incoming, reported at step 6) is still RINGING: the app never reported DISCONNECTED"},
			details(v.Finish()))
	})
}

func ptr(s validator.Step) *validator.Step { return &s }

func details(o []validator.Obligation) []string {
	out := make([]string, len(o))
	for i := range o {
		out[i] = o[i].Detail
	}
	return out
}

// A call owing both audio reports pays each with its own: AUDIO_EVENT_MUTED pays the MUTED
// event and leaves the UNMUTED one owed, which AUDIO_EVENT_UNMUTED then pays.
func TestMuteAndUnmuteArePaidEachByItsReport(t *testing.T) {
	v := subscribed(t)
	steps(reportIn(incoming("c1")), stateChange("c1", callstate.StateActive))(t, v) // steps 2-3
	v.UIEvent("c1", callstate.EventMuted, callstate.ReasonNone)                     // 4
	v.UIEvent("c1", callstate.EventUnmuted, callstate.ReasonNone)                   // 5
	require.NoError(t, v.ReportCallAudioEventChange("c1", callstate.AudioMuted))
	assert.Equal(t, []validator.Obligation{{Cause: callstate.CauseUnansweredUIEvent, CallID: "c1", Seq: 5, Event: callstate.EventUnmuted,
		Detail: "call c1 got VOIP_CALL_EVENT_UNMUTED at step 5 but the app never reported AUDIO_EVENT_UNMUTED"}}, v.Pending())
	require.NoError(t, v.ReportCallAudioEventChange("c1", callstate.AudioUnmuted))
	assert.Empty(t, v.Pending())
}

// A push that came while its call was live is about that call: reportIncomingCallError,
// which ends the call, settles it too (SPEC.md section 6).
func TestDeclineSettlesAPushThatCameWhileLive(t *testing.T) {
	v := subscribed(t)
	v.Push("c1")
	steps(reportIn(incoming("c1")))(t, v)
	v.Push("c1") // the push server tries again
	require.Len(t, v.Pending(), 1)
	require.NoError(t, v.ReportIncomingCallError("c1", callstate.FailureRouteBusy))
	assert.Empty(t, v.Pending())
	assert.Empty(t, v.Finish())
}
