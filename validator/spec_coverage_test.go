package validator_test

// Rules of SPEC.md sections 3-7 that no narrower test pins: where two checks meet, and rules
// that hold across directions and profiles. Each was found by breaking the implementation.

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// SPEC.md 3.2 before 3.3/3.4: incoming-not-ringing is a stateless check, so it beats
// service-unavailable and an armed fault (which stays armed).
func TestIncomingNotRingingIsStateless(t *testing.T) {
	active := with(incoming("c1"), func(a *callstate.Attribute) { a.State = callstate.StateActive })
	notRinging := invalidValue(callstate.CauseIncomingNotRinging,
		"reportIncomingCall needs VOIP_CALL_STATE_RINGING, got VOIP_CALL_STATE_ACTIVE")
	t.Run("beats service-unavailable", errorCase{setup: steps(stopService), step: reportIn(active), want: notRinging}.run)
	t.Run("beats an injected fault, which stays armed", func(t *testing.T) {
		v := subscribed(t)
		require.NoError(t, v.InjectFault(1007200003).Err) // step 2
		_, err := v.ReportIncomingCall(active)
		requireFails(t, err, notRinging)
		_, err = v.ReportIncomingCall(incoming("c1"))
		requireFails(t, err, want{1007200003, callstate.CauseInjectedFault, "fault injected at step 2"})
	})
}

// SPEC.md 3.3 before 3.6/3.7: while the service is stopped, a carrier call changes nothing.
func TestServiceUnavailableBeatsCarrierRules(t *testing.T) {
	unavailable := want{1007200002, callstate.CauseServiceUnavailable, "the call service stopped at step 3 and has not restarted"}
	t.Run("not carrier-conflict", errorCase{setup: steps(carrierStart, stopService), step: reportOut(outgoing("o1")), want: unavailable}.run)
	t.Run("not CELLULAR_CALL_EXISTS", errorCase{setup: steps(carrierStart, stopService), step: reportIn(incoming("c1")), want: unavailable}.run)
}

// SPEC.md 3.5 before 3.7: a live callId reported again during a carrier call is
// duplicate-report, not a soft CELLULAR_CALL_EXISTS.
func TestDuplicateIncomingBeatsCellularCallExists(t *testing.T) {
	errorCase{setup: steps(reportIn(incoming("c1")), carrierStart), step: reportIn(incoming("c1")),
		want: invalidValue(callstate.CauseDuplicateReport, "call c1 is already live: reported at step 2, now RINGING")}.run(t)
}

// SPEC.md 3 (live) and 4: reportIncomingCallError ends the call and frees its slot.
func TestIncomingCallErrorFreesTheSlot(t *testing.T) {
	v := subscribed(t)
	steps(reportIn(incoming("c1")), reportIn(incoming("c2")), reportIn(incoming("c3")))(t, v)
	require.NoError(t, v.ReportIncomingCallError("c2", callstate.FailureOther))
	_, err := v.ReportIncomingCall(incoming("c4"))
	require.NoError(t, err, "the declined call no longer counts against the incoming limit")
	_, err = v.ReportIncomingCall(incoming("c2"))
	requireFails(t, err, want{1007200003, callstate.CauseIncomingLimit, "calls c1, c3, c4 are live incoming calls; at most 3 may be live"})
}

// SPEC.md 7: the documented profile drops only incoming-not-ringing, illegal-transition and
// the repeated-state rule; the [doc] rules and the CELLULAR_CALL_EXISTS policy stay.
func TestDocumentedKeepsTheOtherRules(t *testing.T) {
	doc := validator.Documented
	kept := map[string]bool{"duplicate-report/new call already live": true, "unknown-call-id/never reported": true,
		"incoming-limit": true, "outgoing-limit": true, "carrier-conflict": true}
	for _, c := range everyErrorCase() {
		if kept[c.name] {
			delete(kept, c.name)
			c.profile = doc
			t.Run(c.name, c.run)
		}
	}
	require.Empty(t, kept, "cases missing from everyErrorCase")
	t.Run("CELLULAR_CALL_EXISTS", func(t *testing.T) {
		v := subscribed(t, validator.WithProfile(doc))
		v.CarrierCallStart()
		reason, err := v.ReportIncomingCall(incoming("c1"))
		require.NoError(t, err)
		assert.Equal(t, callstate.ReasonCellularCallExists, reason)
		assert.Empty(t, v.Calls(), "the call is not registered")
	})
}

// SPEC.md 4: reportCallAudioEventChange is allowed for any live call.
func TestAudioEventOnAnyLiveCall(t *testing.T) {
	for _, l := range liveStates {
		t.Run(l.String(), func(t *testing.T) {
			v := subscribed(t)
			l.bring(t, v, "x")
			out := v.Apply(&validator.Step{Op: validator.OpReportCallAudioEventChange, CallID: "x", AudioEvent: callstate.AudioMuted})
			require.NoError(t, out.Err)
			assert.Empty(t, out.Warnings)
			c, _ := v.Call("x")
			assert.True(t, c.Muted)
			assert.Equal(t, l.state, c.State, "an audio report changes no state")
		})
	}
}

// SPEC.md 3.2: invalid-call-type applies to reportOutgoingCall's voipCallType too.
func TestOutgoingInvalidCallType(t *testing.T) {
	errorCase{step: reportOut(with(outgoing("o1"), func(a *callstate.Attribute) { a.CallType = 2 })),
		want: invalidValue(callstate.CauseInvalidCallType, "voipCallAttribute.voipCallType is VoipCallType(2)"+wantTypes)}.run(t)
}

// SPEC.md 6: avatar-too-large and empty-user-name are not limited to incoming calls.
func TestOutgoingWarnings(t *testing.T) {
	v := subscribed(t)
	out := v.Apply(&validator.Step{Op: validator.OpReportOutgoingCall, Attr: with(outgoing("o1"), func(a *callstate.Attribute) {
		a.UserName, a.UserProfile = "", callstate.Avatar{Width: 300, Height: 10, ByteCount: 1}
	})})
	require.NoError(t, out.Err)
	assert.Equal(t, []validator.Warning{{Cause: callstate.CauseAvatarTooLarge, Detail: avatarDetail("300", "10", "1")},
		{Cause: callstate.CauseEmptyUserName, Detail: emptyUserName}}, out.Warnings)
}

// README "Where the contract is silent": a service stop keeps the carrier call.
func TestServiceStopKeepsTheCarrierCall(t *testing.T) {
	errorCase{setup: steps(carrierStart, stopService, startService), step: reportOut(outgoing("o1")),
		want: want{1007200003, callstate.CauseCarrierConflict, "a carrier call is active since step 2 and isDialingAllowedDuringCarrierCall is not true"}}.run(t)
}

// SPEC.md section 6: when a call ends, every obligation about it is settled. A push that
// comes for a callId while that call is live (a push server retrying) is about the call:
// the app cannot report it (duplicate-report), and it ends with the call, however the call
// ends. A push that came before an outgoing call took its callId is not about that call.
func TestPushForALiveCallEndsWithIt(t *testing.T) {
	for name, end := range map[string]func(v *validator.Validator){
		"DISCONNECTED": func(v *validator.Validator) {
			require.NoError(t, v.ReportCallStateChange("c1", callstate.StateDisconnected))
		},
		"service stop": func(v *validator.Validator) { v.ServiceStop() },
	} {
		t.Run(name, func(t *testing.T) {
			v := subscribed(t)
			v.Push("c1")                                   // 2
			_, err := v.ReportIncomingCall(incoming("c1")) // 3
			require.NoError(t, err)
			v.Push("c1") // 4
			require.Len(t, v.Pending(), 1, "the second push is open while the call lives")
			end(v)
			assert.Empty(t, v.Pending())
		})
	}
	t.Run("an older push outlives an outgoing call that reuses its callId", func(t *testing.T) {
		v := subscribed(t)
		v.Push("p1") // 2
		_, err := v.ReportOutgoingCall(outgoing("p1"))
		require.NoError(t, err)
		require.NoError(t, v.ReportCallStateChange("p1", callstate.StateDisconnected))
		got := v.Finish()
		require.Len(t, got, 1, fmt.Sprint(got))
		assert.Equal(t, callstate.CausePushNotReported, got[0].Cause)
		assert.Equal(t, 2, got[0].Seq)
	})
}
