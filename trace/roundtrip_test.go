package trace

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// What Writer writes, the decoder reads back as the same Step, argument faults included:
// a simulated run and `voipsim check` on its trace see the same steps.
func TestWriterAndDecoderRoundTrip(t *testing.T) {
	attr := callstate.Attribute{CallID: "c\"1\n", CallType: callstate.CallVideo, UserName: "Émile",
		UserProfile: callstate.Avatar{Width: 300, Height: 12, ByteCount: 200000}, AbilityName: "VoipAbility",
		State: callstate.StateRinging, ShowBannerForIncomingCall: callstate.False, IsConferenceCall: callstate.True,
		IsVoiceAnswerSupported: callstate.False, IsUserMuteRingToneAllowed: callstate.True, IsDialingAllowedDuringCarrierCall: callstate.True}
	steps := []validator.Step{
		{Op: validator.OpOn, EventType: callstate.UIEventType, Callback: noCallback},
		{Op: validator.OpOn, EventType: "voipCallUiEvent2", Missing: validator.FieldType, Callback: noCallback},
		{Op: validator.OpOn, EventType: callstate.UIEventType},
		{Op: validator.OpOff, EventType: callstate.UIEventType},
		{Op: validator.OpReportIncomingCall, Attr: attr, At: 1500 * time.Millisecond, HasTime: true},
		{Op: validator.OpReportOutgoingCall, Attr: callstate.Attribute{CallID: "o", CallType: 7, State: -1},
			Missing: validator.FieldUserName, WrongType: validator.FieldAbilityName | validator.FieldOption, BadOption: "isConferenceCall"},
		{Op: validator.OpReportOutgoingCall, WrongType: validator.FieldAttribute},
		{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateHolding, CallType: callstate.CallVoice, HasCallType: true},
		{Op: validator.OpReportCallStateChange, CallID: "c1", State: 12, WrongType: validator.FieldCallType},
		{Op: validator.OpReportCallAudioEventChange, CallID: "c1", AudioEvent: callstate.AudioMicDisable},
		{Op: validator.OpReportIncomingCallError, CallID: "c1", Missing: validator.FieldFailureCause},
		{Op: validator.OpPush, CallID: "c2"},
		{Op: validator.OpUIEvent, CallID: "c2", UIEvent: callstate.EventReject, ErrorReason: callstate.ReasonCellularCallExists},
		{Op: validator.OpCarrierCallStart}, {Op: validator.OpCarrierCallEnd},
		{Op: validator.OpServiceStop}, {Op: validator.OpServiceStart},
		{Op: validator.OpInjectFault, FaultCode: callstate.CodeSystemInternal},
	}
	d := newDecoder()
	for i := range steps {
		want := steps[i]
		line := AppendStep(nil, &want, "")
		require.Empty(t, d.decode(line[:len(line)-1]), "%s", line)
		got := d.step
		if want.Op == validator.OpOn {
			assert.Equal(t, want.Callback == nil, got.Callback == nil, "%s", line)
		}
		got.Callback, want.Callback = nil, nil
		if want.Missing&validator.FieldType != 0 {
			want.EventType = ""
		}
		if want.WrongType&validator.FieldCallType != 0 {
			want.CallType = 0
		}
		assert.Equal(t, normalize(want), normalize(got), "%s", line)
		assert.Equal(t, want.HasTime, d.hasT)
		assert.Equal(t, want.At, d.t)
	}
}

// normalize keeps what a trace line carries: the marks of faults that matter to the op,
// and values only where they were given.
func normalize(s validator.Step) validator.Step {
	s.At, s.HasTime = 0, false
	if s.Op == validator.OpReportOutgoingCall && s.WrongType&validator.FieldAttribute != 0 {
		s.Attr, s.Missing = callstate.Attribute{}, 0
	}
	s.Missing &= lineFields(s.Op) | attributeFieldsOf(s.Op)
	return s
}

func attributeFieldsOf(op validator.Op) validator.Field {
	if op == validator.OpReportIncomingCall || op == validator.OpReportOutgoingCall {
		return attributeFields
	}
	return 0
}
