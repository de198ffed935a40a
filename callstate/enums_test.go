package callstate_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
)

// enum is what every ArkTS enum of the package offers.
type enum interface {
	~int8
	String() string
	Valid() bool
}

// enumCase pins one enum to SPEC.md section 1: its exact values and identifiers.
type enumCase[T enum] struct {
	kind  string
	parse func(string) (T, error)
	want  map[int8]string
}

// check asserts String, Valid and Parse for every value in -2..17, valid or not.
func (c enumCase[T]) check(t *testing.T) {
	for n := int8(-2); n < 18; n++ {
		v := T(n)
		name, ok := c.want[n]
		assert.Equal(t, ok, v.Valid(), "%s %d Valid", c.kind, n)
		if !ok {
			assert.Equal(t, c.kind+"("+strconv.Itoa(int(n))+")", v.String())
			continue
		}
		assert.Equal(t, name, v.String(), "%s %d", c.kind, n)
		byName, err := c.parse(name)
		require.NoError(t, err)
		assert.Equal(t, v, byName, "Parse(%q)", name)
	}
	for _, s := range []string{"0", "1", "4", "9", "-1", "127"} {
		n, _ := strconv.Atoi(s)
		got, err := c.parse(s)
		require.NoError(t, err, "a number parses even when it is not a value")
		assert.Equal(t, T(n), got, "Parse(%q)", s)
	}
	got, err := c.parse("128")
	require.NoError(t, err)
	assert.Equal(t, T(-1), got, "a number beyond int8 is clamped to -1, not wrapped")
	for _, bad := range []string{"", "NOPE", " 1", "1.0", "voip_call_video"} {
		_, err := c.parse(bad)
		require.Error(t, err, "Parse(%q)", bad)
		assert.Equal(t, strconv.Quote(bad)+" is not a "+c.kind+" identifier or number", err.Error())
	}
}

func TestEnumsMatchArkTS(t *testing.T) {
	t.Run("VoipCallType", enumCase[callstate.CallType]{"VoipCallType", callstate.ParseCallType,
		map[int8]string{0: "VOIP_CALL_VOICE", 1: "VOIP_CALL_VIDEO"}}.check)
	t.Run("VoipCallState", enumCase[callstate.CallState]{"VoipCallState", callstate.ParseCallState, map[int8]string{
		0: "VOIP_CALL_STATE_IDLE", 1: "VOIP_CALL_STATE_RINGING", 2: "VOIP_CALL_STATE_ACTIVE", 3: "VOIP_CALL_STATE_HOLDING",
		4: "VOIP_CALL_STATE_DISCONNECTED", 5: "VOIP_CALL_STATE_DIALING", 6: "VOIP_CALL_STATE_ANSWERED",
		7: "VOIP_CALL_STATE_DISCONNECTING"}}.check)
	t.Run("VoipCallUiEvent", enumCase[callstate.UIEvent]{"VoipCallUiEvent", callstate.ParseUIEvent, map[int8]string{
		0: "VOIP_CALL_EVENT_NONE", 1: "VOIP_CALL_EVENT_VOICE_ANSWER", 2: "VOIP_CALL_EVENT_VIDEO_ANSWER",
		3: "VOIP_CALL_EVENT_REJECT", 4: "VOIP_CALL_EVENT_HANGUP", 5: "VOIP_CALL_EVENT_MUTED", 6: "VOIP_CALL_EVENT_UNMUTED",
		7: "VOIP_CALL_EVENT_SPEAKER_ON", 8: "VOIP_CALL_EVENT_SPEAKER_OFF", 9: "VOIP_CALL_EVENT_MUTE_RINGTONE"}}.check)
	t.Run("ErrorReason", enumCase[callstate.ErrorReason]{"ErrorReason", callstate.ParseErrorReason, map[int8]string{
		0: "ERROR_NONE", 1: "CELLULAR_CALL_EXISTS", 2: "VOIP_CALL_EXISTS", 3: "INVALID_CALL", 4: "USER_ANSWER_CELLULAR_FIRST"}}.check)
	t.Run("VoipCallFailureCause", enumCase[callstate.FailureCause]{"VoipCallFailureCause", callstate.ParseFailureCause,
		map[int8]string{0: "OTHER", 1: "ROUTE_BUSY", 2: "CONNECTION_FAILED"}}.check)
	t.Run("CallAudioEvent", enumCase[callstate.AudioEvent]{"CallAudioEvent", callstate.ParseAudioEvent, map[int8]string{
		0: "AUDIO_EVENT_MUTED", 1: "AUDIO_EVENT_UNMUTED", 2: "AUDIO_EVENT_SPEAKER_ON", 3: "AUDIO_EVENT_SPEAKER_OFF",
		5: "AUDIO_EVENT_MIC_DISABLE"}}.check)
}

func TestNamedConstantsHaveArkTSValues(t *testing.T) {
	assert.Equal(t, []int8{0, 1}, ints(callstate.CallVoice, callstate.CallVideo))
	assert.Equal(t, []int8{0, 1, 2, 3, 4, 5, 6, 7}, ints(callstate.StateIdle, callstate.StateRinging, callstate.StateActive,
		callstate.StateHolding, callstate.StateDisconnected, callstate.StateDialing, callstate.StateAnswered, callstate.StateDisconnecting))
	assert.Equal(t, []int8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, ints(callstate.EventNone, callstate.EventVoiceAnswer, callstate.EventVideoAnswer,
		callstate.EventReject, callstate.EventHangup, callstate.EventMuted, callstate.EventUnmuted, callstate.EventSpeakerOn,
		callstate.EventSpeakerOff, callstate.EventMuteRingtone))
	assert.Equal(t, []int8{0, 1, 2, 3, 4}, ints(callstate.ReasonNone, callstate.ReasonCellularCallExists, callstate.ReasonVoipCallExists,
		callstate.ReasonInvalidCall, callstate.ReasonUserAnswerCellularFirst))
	assert.Equal(t, []int8{0, 1, 2}, ints(callstate.FailureOther, callstate.FailureRouteBusy, callstate.FailureConnectionFailed))
	assert.Equal(t, []int8{0, 1, 2, 3, 5}, ints(callstate.AudioMuted, callstate.AudioUnmuted, callstate.AudioSpeakerOn,
		callstate.AudioSpeakerOff, callstate.AudioMicDisable))
}

func ints[T ~int8](vs ...T) []int8 {
	out := make([]int8, len(vs))
	for i, v := range vs {
		out[i] = int8(v)
	}
	return out
}

func TestValueLists(t *testing.T) {
	assert.Equal(t, []callstate.CallType{0, 1}, callstate.CallTypes())
	assert.Equal(t, []callstate.CallState{0, 1, 2, 3, 4, 5, 6, 7}, callstate.CallStates())
	assert.Equal(t, []callstate.UIEvent{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, callstate.UIEvents())
}

func TestClamp(t *testing.T) {
	for _, tc := range []struct {
		in   int64
		want int8
	}{
		{0, 0}, {7, 7}, {8, 8}, {127, 127}, {128, -1}, {-1, -1}, {-128, -128}, {-129, -1},
		{1 << 40, -1}, {-(1 << 40), -1}, {256 + 2, -1},
	} {
		assert.Equal(t, callstate.CallState(tc.want), callstate.Clamp[callstate.CallState](tc.in), "Clamp(%d)", tc.in)
	}
	assert.False(t, callstate.Clamp[callstate.CallState](256+2).Valid(), "258 must not alias ACTIVE (2)")
}

// on and off take this event type and no other (SPEC.md section 1).
func TestUIEventType(t *testing.T) {
	assert.Equal(t, "voipCallUiEvent", callstate.UIEventType)
}
