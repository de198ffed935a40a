package validator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// Brief, Live and AppendIDs are the cheap queries a simulator asks at every step; each
// must agree with the full snapshots of Call and Calls.
func TestCheapQueriesAgreeWithSnapshots(t *testing.T) {
	v := subscribed(t)
	video := incoming("c2")
	video.CallType = callstate.CallVideo
	video.IsVoiceAnswerSupported = callstate.False
	video.IsUserMuteRingToneAllowed = callstate.True
	_, err := v.ReportIncomingCall(video)
	require.NoError(t, err)
	_, err = v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)
	_, err = v.ReportOutgoingCall(outgoing("d1"))
	require.NoError(t, err)
	require.NoError(t, v.ReportCallStateChange("d1", callstate.StateActive))

	assert.Equal(t, []string{"c1", "c2", "d1"}, v.AppendIDs(nil))
	assert.Equal(t, []string{"x", "c1", "c2", "d1"}, v.AppendIDs([]string{"x"}), "AppendIDs appends")
	for _, c := range v.Calls() {
		b, ok := v.Brief(c.ID)
		require.True(t, ok, c.ID)
		assert.Equal(t, validator.Brief{Direction: c.Direction, Type: c.Type, State: c.State,
			VoiceAnswerSupported: c.Attr.VoiceAnswerSupported(), MuteRingtoneAllowed: c.Attr.MuteRingtoneAllowed()}, b, c.ID)
		assert.True(t, v.Live(c.ID), c.ID)
	}
	b, _ := v.Brief("c2")
	assert.Equal(t, validator.Brief{Direction: validator.Incoming, Type: callstate.CallVideo, State: callstate.StateRinging,
		VoiceAnswerSupported: false, MuteRingtoneAllowed: true}, b)
	b, _ = v.Brief("c1")
	assert.True(t, b.VoiceAnswerSupported, "isVoiceAnswerSupported defaults to true")
	assert.False(t, b.MuteRingtoneAllowed, "isUserMuteRingToneAllowed defaults to false")

	require.NoError(t, v.ReportCallStateChange("d1", callstate.StateDisconnected))
	_, ok := v.Brief("d1")
	assert.False(t, ok, "an ended call has no brief")
	assert.False(t, v.Live("d1"))
	assert.False(t, v.Live(""), "the empty callId is never live")
	assert.Equal(t, []string{"c1", "c2"}, v.AppendIDs(nil))
}

// ApplyTo is Apply writing into the caller's outcome: the same verdicts, and an outcome
// reused from an earlier step carries nothing of it over.
func TestApplyToMatchesApply(t *testing.T) {
	steps := []validator.Step{
		{Op: validator.OpOn, EventType: callstate.UIEventType, Callback: func(callstate.UIEventInfo) {}},
		{Op: validator.OpReportIncomingCall, Attr: incoming("c1")},
		{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateHolding},
		{Op: validator.OpCarrierCallStart},
		{Op: validator.OpReportIncomingCall, Attr: func() callstate.Attribute { a := incoming("c2"); a.UserName = ""; return a }()},
		{Op: validator.OpReportCallAudioEventChange, CallID: "c1", AudioEvent: callstate.AudioUnmuted},
		{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateDisconnected},
	}
	a, b := validator.New(), validator.New()
	var reused validator.Outcome
	for i := range steps {
		want := a.Apply(&steps[i])
		b.ApplyTo(&steps[i], &reused)
		assert.Equal(t, want, reused, "step %d (%s)", i+1, steps[i].Op)
	}
}

// The outcome of step 1 is a filled one too: reused for step 2, it carries nothing over.
func TestApplyToClearsTheOutcomeOfStepOne(t *testing.T) {
	v := validator.New()
	var out validator.Outcome
	v.ApplyTo(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")}, &out)
	require.Equal(t, 1, out.Seq)
	require.Equal(t, []callstate.Cause{callstate.CauseNoSubscription}, causes(out.Warnings))
	v.ApplyTo(&validator.Step{Op: validator.OpCarrierCallStart}, &out)
	assert.Equal(t, validator.Outcome{Seq: 2}, out)
}

// OK tells a success from a refusal.
func TestOutcomeOK(t *testing.T) {
	v := validator.New()
	assert.True(t, v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")}).OK())
	assert.False(t, v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")}).OK())
}
