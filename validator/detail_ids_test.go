package validator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// TestDetailsQuoteACallIDThatIsNotOneWord: a detail names a callId as it is when it reads
// as one word, and quoted when it would run into the words around it (a space, the comma
// of a list, a control character), in every detail that names one.
func TestDetailsQuoteACallIDThatIsNotOneWord(t *testing.T) {
	const odd, quoted = "a, b", `"a, b"`
	ringing := live{validator.Incoming, callstate.StateRinging, nil}
	active := live{validator.Incoming, callstate.StateActive, []callstate.CallState{callstate.StateActive}}
	dialing := live{validator.Outgoing, callstate.StateDialing, nil}
	refusal := func(t *testing.T, err error) string {
		t.Helper()
		var e *callstate.Error
		require.ErrorAs(t, err, &e)
		return e.Detail
	}
	warning := func(t *testing.T, out validator.Outcome) string {
		t.Helper()
		require.NoError(t, out.Err)
		require.Len(t, out.Warnings, 1)
		return out.Warnings[0].Detail
	}
	for name, tc := range map[string]struct {
		run  func(t *testing.T, v *validator.Validator) string
		want string
	}{
		"never reported": {func(t *testing.T, v *validator.Validator) string {
			return refusal(t, v.ReportCallStateChange(odd, callstate.StateActive))
		}, "call " + quoted + " was never reported"},
		"ended": {func(t *testing.T, v *validator.Validator) string {
			ringing.bring(t, v, odd)
			require.NoError(t, v.ReportCallStateChange(odd, callstate.StateDisconnected))
			return refusal(t, v.ReportCallStateChange(odd, callstate.StateActive))
		}, "call " + quoted + " ended with DISCONNECTED at step 3 and is no longer live"},
		"already live": {func(t *testing.T, v *validator.Validator) string {
			ringing.bring(t, v, odd)
			_, err := v.ReportIncomingCall(incoming(odd))
			return refusal(t, err)
		}, "call " + quoted + " is already live: reported at step 2, now RINGING"},
		"duplicate state": {func(t *testing.T, v *validator.Validator) string {
			ringing.bring(t, v, odd)
			return refusal(t, v.ReportCallStateChange(odd, callstate.StateRinging))
		}, "call " + quoted + " is already RINGING as a video call (since step 2)"},
		"illegal transition": {func(t *testing.T, v *validator.Validator) string {
			ringing.bring(t, v, odd)
			return refusal(t, v.ReportCallStateChange(odd, callstate.StateDialing))
		}, "call " + quoted + " is RINGING (since step 2); the lifecycle allows ACTIVE, DISCONNECTED, ANSWERED, DISCONNECTING from there, not DIALING"},
		"decline of a call past ringing": {func(t *testing.T, v *validator.Validator) string {
			active.bring(t, v, odd)
			return refusal(t, v.ReportIncomingCallError(odd, callstate.FailureRouteBusy))
		}, "call " + quoted + " is an incoming call in ACTIVE (since step 3); reportIncomingCallError ends only an incoming call in RINGING"},
		"no subscription": {func(t *testing.T, v *validator.Validator) string {
			require.NoError(t, v.Off(callstate.UIEventType))
			return warning(t, v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming(odd)}))
		}, "call " + quoted + " reported while no voipCallUiEvent callback is registered: the app will miss the user's answer"},
		"unanswered ui event": {func(t *testing.T, v *validator.Validator) string {
			ringing.bring(t, v, odd)
			v.UIEvent(odd, callstate.EventReject, callstate.ReasonNone)
			return only(t, v.Pending())
		}, "call " + quoted + " got VOIP_CALL_EVENT_REJECT at step 3 but the app never reported DISCONNECTED"},
		"incoming limit": {func(t *testing.T, v *validator.Validator) string {
			for _, id := range []string{odd, "c2", "c 3"} {
				ringing.bring(t, v, id)
			}
			_, err := v.ReportIncomingCall(incoming("c4"))
			return refusal(t, err)
		}, `calls "a, b", "c 3", c2 are live incoming calls; at most 3 may be live`},
		"outgoing limit": {func(t *testing.T, v *validator.Validator) string {
			dialing.bring(t, v, odd)
			_, err := v.ReportOutgoingCall(outgoing("d2"))
			return refusal(t, err)
		}, "call " + quoted + " is a live outgoing call (reported at step 2); at most 1 may be live"},
		"redundant audio event": {func(t *testing.T, v *validator.Validator) string {
			ringing.bring(t, v, odd)
			require.NoError(t, v.ReportCallAudioEventChange(odd, callstate.AudioMuted))
			return warning(t, v.Apply(&validator.Step{Op: validator.OpReportCallAudioEventChange, CallID: odd, AudioEvent: callstate.AudioMuted}))
		}, "call " + quoted + " already has AUDIO_EVENT_MUTED"},
		"event for unknown call": {func(t *testing.T, v *validator.Validator) string {
			return warning(t, v.UIEvent(odd, callstate.EventHangup, callstate.ReasonNone))
		}, "call " + quoted + " is not live; the event creates no obligation"},
		"leaked call": {func(t *testing.T, v *validator.Validator) string {
			ringing.bring(t, v, odd)
			return only(t, v.Finish())
		}, "call " + quoted + " (incoming, reported at step 2) is still RINGING: the app never reported DISCONNECTED"},
		"push not reported": {func(t *testing.T, v *validator.Validator) string {
			v.Push(odd)
			return only(t, v.Finish())
		}, "push for call " + quoted + " at step 2 was neither reported with reportIncomingCall nor declined with reportIncomingCallError"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.run(t, subscribed(t)))
		})
	}
}

func only(t *testing.T, obligations []validator.Obligation) string {
	t.Helper()
	require.Len(t, obligations, 1)
	return obligations[0].Detail
}
