package callstate

import "strings"

// CallType is VoipCallType.
type CallType int8

const (
	CallVoice CallType = 0 // VOIP_CALL_VOICE
	CallVideo CallType = 1 // VOIP_CALL_VIDEO
)

var callTypes = newEnumTable("VoipCallType", map[CallType]string{
	CallVoice: "VOIP_CALL_VOICE",
	CallVideo: "VOIP_CALL_VIDEO",
})

func (v CallType) String() string { return callTypes.String(v) }

// Valid reports whether v is a value of VoipCallType.
func (v CallType) Valid() bool { return callTypes.Valid(v) }

// ParseCallType accepts "VOIP_CALL_VIDEO" or "1".
func ParseCallType(s string) (CallType, error) { return callTypes.Parse(s) }

// CallTypes lists every VoipCallType value.
func CallTypes() []CallType { return callTypes.Values() }

// CallState is VoipCallState.
type CallState int8

const (
	StateIdle          CallState = 0
	StateRinging       CallState = 1
	StateActive        CallState = 2
	StateHolding       CallState = 3
	StateDisconnected  CallState = 4
	StateDialing       CallState = 5
	StateAnswered      CallState = 6
	StateDisconnecting CallState = 7
)

var callStates = newEnumTable("VoipCallState", map[CallState]string{
	StateIdle:          "VOIP_CALL_STATE_IDLE",
	StateRinging:       "VOIP_CALL_STATE_RINGING",
	StateActive:        "VOIP_CALL_STATE_ACTIVE",
	StateHolding:       "VOIP_CALL_STATE_HOLDING",
	StateDisconnected:  "VOIP_CALL_STATE_DISCONNECTED",
	StateDialing:       "VOIP_CALL_STATE_DIALING",
	StateAnswered:      "VOIP_CALL_STATE_ANSWERED",
	StateDisconnecting: "VOIP_CALL_STATE_DISCONNECTING",
})

func (v CallState) String() string { return callStates.String(v) }

// Short is the state's name without its VOIP_CALL_STATE_ prefix ("ACTIVE"), as details,
// logs and diagrams print it.
func (v CallState) Short() string { return strings.TrimPrefix(v.String(), "VOIP_CALL_STATE_") }

// Valid reports whether v is a value of VoipCallState.
func (v CallState) Valid() bool { return callStates.Valid(v) }

// ParseCallState accepts "VOIP_CALL_STATE_ACTIVE" or "2".
func ParseCallState(s string) (CallState, error) { return callStates.Parse(s) }

// CallStates lists every VoipCallState value.
func CallStates() []CallState { return callStates.Values() }

// UIEvent is VoipCallUiEvent: what the user did on the system's call UI.
type UIEvent int8

const (
	EventNone         UIEvent = 0
	EventVoiceAnswer  UIEvent = 1
	EventVideoAnswer  UIEvent = 2
	EventReject       UIEvent = 3
	EventHangup       UIEvent = 4
	EventMuted        UIEvent = 5
	EventUnmuted      UIEvent = 6
	EventSpeakerOn    UIEvent = 7 // reserved: the system never sends it
	EventSpeakerOff   UIEvent = 8 // reserved: the system never sends it
	EventMuteRingtone UIEvent = 9
)

var uiEvents = newEnumTable("VoipCallUiEvent", map[UIEvent]string{
	EventNone:         "VOIP_CALL_EVENT_NONE",
	EventVoiceAnswer:  "VOIP_CALL_EVENT_VOICE_ANSWER",
	EventVideoAnswer:  "VOIP_CALL_EVENT_VIDEO_ANSWER",
	EventReject:       "VOIP_CALL_EVENT_REJECT",
	EventHangup:       "VOIP_CALL_EVENT_HANGUP",
	EventMuted:        "VOIP_CALL_EVENT_MUTED",
	EventUnmuted:      "VOIP_CALL_EVENT_UNMUTED",
	EventSpeakerOn:    "VOIP_CALL_EVENT_SPEAKER_ON",
	EventSpeakerOff:   "VOIP_CALL_EVENT_SPEAKER_OFF",
	EventMuteRingtone: "VOIP_CALL_EVENT_MUTE_RINGTONE",
})

func (v UIEvent) String() string { return uiEvents.String(v) }

// Valid reports whether v is a value of VoipCallUiEvent.
func (v UIEvent) Valid() bool { return uiEvents.Valid(v) }

// ParseUIEvent accepts "VOIP_CALL_EVENT_REJECT" or "3".
func ParseUIEvent(s string) (UIEvent, error) { return uiEvents.Parse(s) }

// UIEvents lists every VoipCallUiEvent value.
func UIEvents() []UIEvent { return uiEvents.Values() }

// ErrorReason is what reportIncomingCall and reportOutgoingCall resolve to.
type ErrorReason int8

const (
	ReasonNone                    ErrorReason = 0
	ReasonCellularCallExists      ErrorReason = 1
	ReasonVoipCallExists          ErrorReason = 2
	ReasonInvalidCall             ErrorReason = 3
	ReasonUserAnswerCellularFirst ErrorReason = 4
)

var errorReasons = newEnumTable("ErrorReason", map[ErrorReason]string{
	ReasonNone:                    "ERROR_NONE",
	ReasonCellularCallExists:      "CELLULAR_CALL_EXISTS",
	ReasonVoipCallExists:          "VOIP_CALL_EXISTS",
	ReasonInvalidCall:             "INVALID_CALL",
	ReasonUserAnswerCellularFirst: "USER_ANSWER_CELLULAR_FIRST",
})

func (v ErrorReason) String() string { return errorReasons.String(v) }

// Valid reports whether v is a value of ErrorReason.
func (v ErrorReason) Valid() bool { return errorReasons.Valid(v) }

// ParseErrorReason accepts "CELLULAR_CALL_EXISTS" or "1".
func ParseErrorReason(s string) (ErrorReason, error) { return errorReasons.Parse(s) }

// FailureCause is VoipCallFailureCause, the argument of reportIncomingCallError.
type FailureCause int8

const (
	FailureOther            FailureCause = 0
	FailureRouteBusy        FailureCause = 1
	FailureConnectionFailed FailureCause = 2
)

var failureCauses = newEnumTable("VoipCallFailureCause", map[FailureCause]string{
	FailureOther:            "OTHER",
	FailureRouteBusy:        "ROUTE_BUSY",
	FailureConnectionFailed: "CONNECTION_FAILED",
})

func (v FailureCause) String() string { return failureCauses.String(v) }

// Valid reports whether v is a value of VoipCallFailureCause.
func (v FailureCause) Valid() bool { return failureCauses.Valid(v) }

// ParseFailureCause accepts "ROUTE_BUSY" or "1".
func ParseFailureCause(s string) (FailureCause, error) { return failureCauses.Parse(s) }

// AudioEvent is CallAudioEvent, the argument of reportCallAudioEventChange.
type AudioEvent int8

const (
	AudioMuted      AudioEvent = 0
	AudioUnmuted    AudioEvent = 1
	AudioSpeakerOn  AudioEvent = 2
	AudioSpeakerOff AudioEvent = 3
	AudioMicDisable AudioEvent = 5 // 4 is not a value
)

var audioEvents = newEnumTable("CallAudioEvent", map[AudioEvent]string{
	AudioMuted:      "AUDIO_EVENT_MUTED",
	AudioUnmuted:    "AUDIO_EVENT_UNMUTED",
	AudioSpeakerOn:  "AUDIO_EVENT_SPEAKER_ON",
	AudioSpeakerOff: "AUDIO_EVENT_SPEAKER_OFF",
	AudioMicDisable: "AUDIO_EVENT_MIC_DISABLE",
})

func (v AudioEvent) String() string { return audioEvents.String(v) }

// Valid reports whether v is a value of CallAudioEvent.
func (v AudioEvent) Valid() bool { return audioEvents.Valid(v) }

// ParseAudioEvent accepts "AUDIO_EVENT_MUTED" or "0".
func ParseAudioEvent(s string) (AudioEvent, error) { return audioEvents.Parse(s) }
