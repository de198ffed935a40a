package validator_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

func TestCarrierCall(t *testing.T) {
	t.Run("an incoming call resolves CELLULAR_CALL_EXISTS and is not registered", func(t *testing.T) {
		v := subscribed(t)
		require.NoError(t, v.CarrierCallStart().Err)
		assert.True(t, v.CarrierActive())
		v.Push("c1")
		reason, err := v.ReportIncomingCall(incoming("c1"))
		require.NoError(t, err)
		assert.Equal(t, callstate.ReasonCellularCallExists, reason)
		assert.Empty(t, v.Calls())
		assert.Empty(t, v.Finish(), "the push counts as reported, and no call leaks")
		requireFails(t, v.ReportCallStateChange("c1", callstate.StateActive),
			invalidValue(callstate.CauseUnknownCallID, "call c1 resolved CELLULAR_CALL_EXISTS at step 4, during a carrier call: the service never registered it"))

		require.NoError(t, v.CarrierCallEnd().Err)
		assert.False(t, v.CarrierActive())
		reason, err = v.ReportIncomingCall(incoming("c1"))
		require.NoError(t, err)
		assert.Equal(t, callstate.ReasonNone, reason)
		assert.Equal(t, []string{"c1"}, liveIDs(v))
	})
	t.Run("outgoing needs isDialingAllowedDuringCarrierCall", func(t *testing.T) {
		v := subscribed(t)
		v.CarrierCallStart() // step 2
		v.CarrierCallStart() // a second start keeps the first
		_, err := v.ReportOutgoingCall(outgoing("o1"))
		requireFails(t, err, want{1007200003, callstate.CauseCarrierConflict,
			"a carrier call is active since step 2 and isDialingAllowedDuringCarrierCall is not true"})
		reason, err := v.ReportOutgoingCall(with(outgoing("o1"), func(a *callstate.Attribute) { a.IsDialingAllowedDuringCarrierCall = callstate.True }))
		require.NoError(t, err)
		assert.Equal(t, callstate.ReasonNone, reason)
		c, _ := v.Call("o1")
		assert.Equal(t, callstate.StateDialing, c.State)
	})
	t.Run("live calls stay through a carrier call", func(t *testing.T) {
		v := subscribed(t)
		_, err := v.ReportIncomingCall(incoming("c1"))
		require.NoError(t, err)
		v.CarrierCallStart()
		require.NoError(t, v.ReportCallStateChange("c1", callstate.StateActive))
		v.CarrierCallEnd()
		_, err = v.ReportOutgoingCall(outgoing("o1"))
		require.NoError(t, err, "the carrier call is over")
		assert.Equal(t, []string{"c1", "o1"}, liveIDs(v))
	})
}

// TestServiceStop: a stop clears every call and what the app owed about it; reports fail
// with 1007200002 until the start; on and off still work.
func TestServiceStop(t *testing.T) {
	v := subscribed(t)
	_, err := v.ReportIncomingCall(incoming("c1")) // step 2
	require.NoError(t, err)
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateActive))
	_, err = v.ReportOutgoingCall(outgoing("o1"))
	require.NoError(t, err)
	v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone)
	v.UIEvent("o1", callstate.EventMuted, callstate.ReasonNone)
	require.Len(t, v.Pending(), 2)

	stop := v.ServiceStop() // step 7
	require.NoError(t, stop.Err)
	assert.Equal(t, 7, stop.Seq)
	assert.False(t, v.ServiceRunning())
	assert.Empty(t, v.Calls())
	assert.Empty(t, v.Pending(), "the calls' UI obligations went with them")
	assert.Empty(t, v.Finish(), "and no call leaks")

	v.ServiceStop() // a second stop keeps the first
	unavailable := want{1007200002, callstate.CauseServiceUnavailable, "the call service stopped at step 7 and has not restarted"}
	_, err = v.ReportIncomingCall(incoming("c2"))
	requireFails(t, err, unavailable)
	_, err = v.ReportOutgoingCall(outgoing("o2"))
	requireFails(t, err, unavailable)
	requireFails(t, v.ReportCallStateChange("c1", callstate.StateDisconnected), unavailable)
	requireFails(t, v.ReportCallStateChangeWithType("c1", callstate.StateActive, callstate.CallVoice), unavailable)
	requireFails(t, v.ReportCallAudioEventChange("c1", callstate.AudioMuted), unavailable)
	requireFails(t, v.ReportIncomingCallError("c1", callstate.FailureOther), unavailable)
	require.NoError(t, v.Off(callstate.UIEventType), "off never fails but with 401")
	require.NoError(t, v.On(callstate.UIEventType, func(callstate.UIEventInfo) {}), "on never fails but with 401")
	requireFails(t, v.On("other", func(callstate.UIEventInfo) {}), paramType("on needs type 'voipCallUiEvent', got 'other'"))

	require.NoError(t, v.ServiceStart().Err)
	assert.True(t, v.ServiceRunning())
	requireFails(t, v.ReportCallStateChange("c1", callstate.StateDisconnected),
		invalidValue(callstate.CauseUnknownCallID, "call c1 was cleared by the service stop at step 7 and is no longer live"))
	_, err = v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err, "the callId is free again")
	_, err = v.ReportOutgoingCall(outgoing("o1"))
	require.NoError(t, err, "the outgoing slot is free again")
}

// TestServiceStopKeepsTheSubscription: on/off work through an outage (SPEC section 5) and
// nothing clears the callback: after the restart the user's events reach it, and a
// report made then warns of no missing subscription.
func TestServiceStopKeepsTheSubscription(t *testing.T) {
	v := validator.New()
	var got []callstate.UIEvent
	require.NoError(t, v.On(callstate.UIEventType, func(e callstate.UIEventInfo) { got = append(got, e.Event) }))
	v.ServiceStop()
	v.ServiceStart()
	out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")})
	require.NoError(t, out.Err)
	assert.Empty(t, out.Warnings, "no no-subscription warning")
	v.UIEvent("c1", callstate.EventReject, callstate.ReasonNone)
	assert.Equal(t, []callstate.UIEvent{callstate.EventReject}, got)
}

// TestServiceStopKeepsUnreportedPushes documents how the code reads "a stop clears every
// call and its pending obligations": a push that was never reported belongs to no call,
// so the app still owes its report (or decline) after the restart.
func TestServiceStopKeepsUnreportedPushes(t *testing.T) {
	v := subscribed(t)
	v.Push("p1")
	v.ServiceStop()
	_, err := v.ReportIncomingCall(incoming("p1"))
	require.Error(t, err)
	v.ServiceStart()
	pending := v.Pending()
	require.Len(t, pending, 1)
	assert.Equal(t, callstate.CausePushNotReported, pending[0].Cause)
	_, err = v.ReportIncomingCall(incoming("p1"))
	require.NoError(t, err)
	assert.Empty(t, v.Pending())
}

func TestFaultQueue(t *testing.T) {
	t.Run("first in first out", func(t *testing.T) {
		v := subscribed(t)
		codes := []callstate.Code{1007200999, 1007200002, 1007200003}
		for _, c := range codes { // steps 2, 3, 4
			out := v.InjectFault(c)
			require.NoError(t, out.Err)
			assert.Empty(t, out.Warnings)
		}
		_, err := v.ReportIncomingCall(incoming("c1"))
		requireFails(t, err, want{1007200999, callstate.CauseInjectedFault, "fault injected at step 2"})
		requireFails(t, v.ReportCallAudioEventChange("c1", callstate.AudioMuted), want{1007200002, callstate.CauseInjectedFault, "fault injected at step 3"})
		_, err = v.ReportOutgoingCall(outgoing("o1"))
		requireFails(t, err, want{1007200003, callstate.CauseInjectedFault, "fault injected at step 4"})
		_, err = v.ReportOutgoingCall(outgoing("o1"))
		require.NoError(t, err, "the queue is empty")
	})
	reports := map[string]func(v *validator.Validator) error{
		"reportIncomingCall": func(v *validator.Validator) error { _, err := v.ReportIncomingCall(incoming("c1")); return err },
		"reportOutgoingCall": func(v *validator.Validator) error { _, err := v.ReportOutgoingCall(outgoing("o1")); return err },
		"reportCallStateChange": func(v *validator.Validator) error {
			return v.ReportCallStateChange("c1", callstate.StateActive)
		},
		"reportCallAudioEventChange": func(v *validator.Validator) error {
			return v.ReportCallAudioEventChange("c1", callstate.AudioSpeakerOn)
		},
		"reportIncomingCallError": func(v *validator.Validator) error {
			return v.ReportIncomingCallError("c1", callstate.FailureRouteBusy)
		},
	}
	for name, report := range reports {
		for _, code := range []callstate.Code{1007200002, 1007200003, 1007200999} {
			t.Run(name+" takes "+code.Error(), func(t *testing.T) {
				v := subscribed(t)
				require.NoError(t, v.InjectFault(code).Err)
				requireFails(t, report(v), want{code, callstate.CauseInjectedFault, "fault injected at step 2"})
				assert.Empty(t, v.Calls())
			})
		}
	}
	for _, code := range []callstate.Code{0, 401, 1007200001, 1007200004, -1} {
		t.Run("not injectable "+code.Error(), func(t *testing.T) {
			v := subscribed(t)
			out := v.InjectFault(code)
			require.ErrorIs(t, out.Err, validator.ErrBadStep)
			assert.EqualError(t, out.Err, "bad step: injectFault needs code 1007200002, 1007200003 or 1007200999")
			var e *callstate.Error
			assert.False(t, errors.As(out.Err, &e), "a bad step is not a service error")
			var bad *validator.BadStepError
			require.ErrorAs(t, out.Err, &bad)
			assert.Equal(t, "injectFault needs code 1007200002, 1007200003 or 1007200999", bad.Reason)
			_, err := v.ReportIncomingCall(incoming("c1"))
			require.NoError(t, err, "nothing was armed")
		})
	}
	t.Run("faults outlive a service stop", func(t *testing.T) {
		v := subscribed(t)
		v.InjectFault(1007200003) // step 2
		v.ServiceStop()
		v.ServiceStart()
		_, err := v.ReportIncomingCall(incoming("c1"))
		requireFails(t, err, want{1007200003, callstate.CauseInjectedFault, "fault injected at step 2"})
	})
}

func TestBadEnvironmentSteps(t *testing.T) {
	for _, tc := range []struct {
		name string
		step validator.Step
		msg  string
	}{
		{"push without callId", validator.Step{Op: validator.OpPush}, "push needs a callId"},
		{"uiEvent out of range", validator.Step{Op: validator.OpUIEvent, CallID: "c1", UIEvent: 10}, "uiEvent needs a VoipCallUiEvent, got VoipCallUiEvent(10)"},
		{"uiEvent with an errorReason out of range", validator.Step{Op: validator.OpUIEvent, CallID: "c1", UIEvent: callstate.EventHangup, ErrorReason: 5},
			"uiEvent needs an ErrorReason, got ErrorReason(5)"},
		{"no op", validator.Step{}, "the step has no op"},
		{"op out of range", validator.Step{Op: 99}, "unknown op 99"},
		{"op just past the last", validator.Step{Op: validator.OpInjectFault + 1}, "unknown op 15"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := subscribed(t)
			_, err := v.ReportIncomingCall(incoming("c1"))
			require.NoError(t, err)
			v.Apply(&validator.Step{Op: validator.OpCarrierCallEnd, At: time.Second, HasTime: true})
			before := v.Calls()
			tc.step.At, tc.step.HasTime = time.Hour, true
			out := v.Apply(&tc.step)
			require.ErrorIs(t, out.Err, validator.ErrBadStep)
			assert.EqualError(t, out.Err, "bad step: "+tc.msg)
			assert.EqualError(t, validator.ErrBadStep, "bad step")
			assert.Equal(t, before, v.Calls())
			assert.Empty(t, v.Pending())
			assert.Equal(t, time.Second, v.Now(), "a bad step does not move the clock either")
		})
	}
}

// TestEndingWhatIsNotGoingChangesNothing: a trace may begin mid-way, during a carrier call
// or an outage, so a carrierCallEnd with no carrier call and a serviceStart while the
// service runs are accepted and change nothing, like a second start or stop.
func TestEndingWhatIsNotGoingChangesNothing(t *testing.T) {
	v := subscribed(t)
	_, err := v.ReportIncomingCall(incoming("c1")) // step 2
	require.NoError(t, err)
	v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone)

	require.NoError(t, v.CarrierCallEnd().Err)
	assert.False(t, v.CarrierActive())
	require.NoError(t, v.ServiceStart().Err)
	assert.True(t, v.ServiceRunning())
	assert.Equal(t, []string{"c1"}, liveIDs(v), "a start while running clears nothing")
	require.Len(t, v.Pending(), 1)
	assert.Equal(t, callstate.CauseUnansweredUIEvent, v.Pending()[0].Cause)

	_, err = v.ReportOutgoingCall(outgoing("o1"))
	require.NoError(t, err, "there is no carrier call to clash with")
}
