package trace_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
)

func ann() callstate.Attribute {
	return callstate.Attribute{CallID: "c1", CallType: callstate.CallVideo, UserName: "Ann",
		UserProfile: callstate.Avatar{Width: 112, Height: 112, ByteCount: 50176},
		AbilityName: "VoipAbility", State: callstate.StateRinging}
}

func TestWriterWritesSpecFormat(t *testing.T) {
	attr := ann()
	attr.IsDialingAllowedDuringCarrierCall = callstate.True
	steps := []validator.Step{
		{Op: validator.OpOn, EventType: callstate.UIEventType, Callback: func(callstate.UIEventInfo) {}},
		{Op: validator.OpPush, CallID: "c1", HasTime: true},
		{Op: validator.OpReportIncomingCall, Attr: attr, HasTime: true, At: 420 * time.Millisecond},
		{Op: validator.OpUIEvent, CallID: "c1", UIEvent: callstate.EventVoiceAnswer},
		{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateAnswered, HasCallType: true},
		{Op: validator.OpReportCallAudioEventChange, CallID: "c1", AudioEvent: callstate.AudioMuted, HasTime: true, At: 1500 * time.Microsecond},
		{Op: validator.OpReportIncomingCallError, CallID: "c9", FailureCause: callstate.FailureRouteBusy},
		{Op: validator.OpReportCallStateChange, CallID: "c1", State: 9, Missing: validator.FieldCallID},
		{Op: validator.OpReportCallAudioEventChange, CallID: "c1", WrongType: validator.FieldAudioEvent},
		{Op: validator.OpCarrierCallStart},
		{Op: validator.OpInjectFault, FaultCode: callstate.CodeUnknown},
	}
	var out bytes.Buffer
	w := trace.NewWriter(&out)
	for i := range steps {
		require.NoError(t, w.Write(&steps[i]))
	}
	require.NoError(t, w.Flush())
	assert.Equal(t, `{"op":"on","type":"voipCallUiEvent"}
{"op":"push","t":0,"callId":"c1"}
{"op":"reportIncomingCall","t":420,"voipCallAttribute":{"callId":"c1","voipCallType":"VOIP_CALL_VIDEO","userName":"Ann","userProfile":{"width":112,"height":112,"byteCount":50176},"abilityName":"VoipAbility","voipCallState":"VOIP_CALL_STATE_RINGING","isDialingAllowedDuringCarrierCall":true}}
{"op":"uiEvent","callId":"c1","voipCallUiEvent":"VOIP_CALL_EVENT_VOICE_ANSWER","errorReason":"ERROR_NONE"}
{"op":"reportCallStateChange","callId":"c1","callState":"VOIP_CALL_STATE_ANSWERED","callType":"VOIP_CALL_VOICE"}
{"op":"reportCallAudioEventChange","t":1.5,"callId":"c1","callAudioEvent":"AUDIO_EVENT_MUTED"}
{"op":"reportIncomingCallError","callId":"c9","voipCallFailureCause":"ROUTE_BUSY"}
{"op":"reportCallStateChange","callState":9}
{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":true}
{"op":"carrierCallStart"}
{"op":"injectFault","code":1007200999}
`, out.String())
}

func TestWriteExpectingAnnotatesTheVerdict(t *testing.T) {
	var out bytes.Buffer
	w := trace.NewWriter(&out)
	s := validator.Step{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateActive}
	fail := validator.Outcome{Err: callstate.NewError(callstate.CodeInvalidParameter, callstate.CauseUnknownCallID, "x")}
	require.NoError(t, w.WriteExpecting(&s, fail))
	require.NoError(t, w.WriteExpecting(&s, validator.Outcome{}))
	require.NoError(t, w.Flush())
	assert.Equal(t, `{"op":"reportCallStateChange","callId":"c1","callState":"VOIP_CALL_STATE_ACTIVE","expect":"1007200001/unknown-call-id"}
{"op":"reportCallStateChange","callId":"c1","callState":"VOIP_CALL_STATE_ACTIVE","expect":"ok"}
`, out.String())
	assert.Equal(t, "", trace.ExpectOf(validator.Outcome{Err: errors.Join(validator.ErrBadStep)}))
}

// TestWriterRefusesStringsJSONCannotCarry: a callId or name that is not valid UTF-8 is an
// error naming the line and the field, and writes nothing: JSON would carry U+FFFD in its
// place, and two callIds that differ only there would become one.
func TestWriterRefusesStringsJSONCannotCarry(t *testing.T) {
	bad := ann()
	bad.UserName = "An\xffn"
	var out bytes.Buffer
	w := trace.NewWriter(&out)
	require.NoError(t, w.WriteComment("a run"))
	require.NoError(t, w.Write(&validator.Step{Op: validator.OpPush, CallID: "c1"}))
	err := w.Write(&validator.Step{Op: validator.OpReportIncomingCall, Attr: bad})
	assert.EqualError(t, err, "trace: line 3: voipCallAttribute.userName is not valid UTF-8, which a JSON trace cannot carry")
	err = w.WriteExpecting(&validator.Step{Op: validator.OpPush, CallID: "c\xfe"}, validator.Outcome{})
	assert.EqualError(t, err, "trace: line 3: callId is not valid UTF-8, which a JSON trace cannot carry")
	require.NoError(t, w.Flush())
	assert.Equal(t, "# a run\n{\"op\":\"push\",\"callId\":\"c1\"}\n", out.String())
}

// A comment with a line break would write a line that is no comment: the writer refuses
// it and writes nothing.
func TestWriteCommentRefusesALineBreak(t *testing.T) {
	var buf bytes.Buffer
	w := trace.NewWriter(&buf)
	require.NoError(t, w.WriteComment("one"))
	assert.EqualError(t, w.WriteComment("a\nb"), "trace: line 2: a comment cannot hold a line break (at byte 1)")
	assert.EqualError(t, w.WriteComment("\nb"), "trace: line 2: a comment cannot hold a line break (at byte 0)")
	require.NoError(t, w.Flush())
	assert.Equal(t, "# one\n", buf.String())
}

// An optional boolean that is neither Unset, False nor True is, in Go, a value of the wrong
// type: the validator refuses it with 401, and the trace of that step, checked, gets the
// same verdict rather than pass it as a boolean.
func TestInvalidOptionalBooleanKeepsItsVerdictInTheTrace(t *testing.T) {
	attr := ann()
	attr.IsVoiceAnswerSupported = 9
	step := validator.Step{Op: validator.OpReportIncomingCall, Attr: attr}
	out := validator.New().Apply(&step)
	var want *callstate.Error
	require.ErrorAs(t, out.Err, &want)
	assert.Equal(t, callstate.CauseParameterType, want.Cause)

	line := trace.AppendStep(nil, &step, "")
	var got trace.Record
	_, err := trace.Check(bytes.NewReader(line), trace.Options{AllowOpen: true}, func(r *trace.Record) error {
		got = *r
		return nil
	})
	require.NoError(t, err)
	assert.Empty(t, got.Malformed, "%s", line)
	assert.Equal(t, []any{want.Code, want.Cause, want.Detail}, []any{got.Code, got.Cause, got.Detail}, "%s", line)
}

// The avatar's argument faults are written as the Writer promises: a Missing userProfile is
// left out and one of the wrong type is `true`, so that checking the line gives the
// validator's verdict. BadOption names the optional boolean to write as "true" only when
// the step marks an option of the wrong type.
func TestWriterWritesTheAvatarsFaultsAndOnlyMarkedBadOptions(t *testing.T) {
	const head = `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c1","voipCallType":"VOIP_CALL_VIDEO","userName":"Ann",`
	const tail = `"abilityName":"VoipAbility","voipCallState":"VOIP_CALL_STATE_RINGING"`
	conference := ann()
	conference.IsConferenceCall = callstate.True
	tests := []struct {
		name          string
		step          validator.Step
		line, verdict string
	}{
		{"userProfile missing", validator.Step{Op: validator.OpReportIncomingCall, Attr: ann(), Missing: validator.FieldUserProfile},
			head + tail + "}}\n", "1007200001/missing-parameter"},
		{"userProfile of the wrong type", validator.Step{Op: validator.OpReportIncomingCall, Attr: ann(), WrongType: validator.FieldUserProfile},
			head + `"userProfile":true,` + tail + "}}\n", "401/parameter-type"},
		{"BadOption without the mark", validator.Step{Op: validator.OpReportIncomingCall, Attr: conference, BadOption: "isConferenceCall"},
			head + `"userProfile":{"width":112,"height":112,"byteCount":50176},` + tail + `,"isConferenceCall":true}}` + "\n", "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := trace.AppendStep(nil, &tt.step, "")
			assert.Equal(t, tt.line, string(line))
			assert.Equal(t, tt.verdict, trace.ExpectOf(validator.New().Apply(&tt.step)))
			var got trace.Record
			_, err := trace.Check(bytes.NewReader(line), trace.Options{AllowOpen: true}, func(r *trace.Record) error {
				got = *r
				return nil
			})
			require.NoError(t, err)
			assert.Equal(t, tt.verdict, trace.Expectation{Code: got.Code, Cause: got.Cause}.String(), "checked")
		})
	}
}

// A time that is not a whole number of milliseconds is written exactly, to the
// nanosecond, however late: through a float64, 200 days and 1 ns came out as 17280000000,
// a whole number of milliseconds.
func TestWriterWritesFractionalTimesExactly(t *testing.T) {
	for _, tc := range []struct {
		at   time.Duration
		want string
	}{
		{time.Nanosecond, "0.000001"},
		{1500 * time.Microsecond, "1.5"},
		{65536*time.Millisecond + time.Nanosecond, "65536.000001"},
		{200*24*time.Hour + time.Nanosecond, "17280000000.000001"},
		{-1500 * time.Microsecond, "-1.5"},
		{-time.Nanosecond, "-0.000001"},
	} {
		line := trace.AppendStep(nil, &validator.Step{Op: validator.OpCarrierCallStart, At: tc.at, HasTime: true}, "")
		assert.Equal(t, `{"op":"carrierCallStart","t":`+tc.want+"}\n", string(line), "%d ns", tc.at)
	}
}
