package callstate

// UIEventType is the only event type on/off accept.
const UIEventType = "voipCallUiEvent"

// UIEventInfo is VoipCallUiEventInfo: what the system tells the app's callback.
type UIEventInfo struct {
	CallID      string
	Event       UIEvent
	ErrorReason ErrorReason
}

// UIEventCallback receives the UI events registered for with On.
type UIEventCallback func(UIEventInfo)

// Kit is the voipCall module as app code sees it, one method per ArkTS function. App code
// depends on Kit; in production it is backed by the real service (through whatever bridge
// the app uses), in tests by a *validator.Validator, which enforces every rule and says
// which one fired.
//
// Failures are *Error values with the service's code and exact message.
type Kit interface {
	// On registers a callback for eventType, which must be "voipCallUiEvent".
	On(eventType string, cb UIEventCallback) error
	// Off removes every callback registered for eventType.
	Off(eventType string) error
	ReportIncomingCall(attr Attribute) (ErrorReason, error)
	ReportOutgoingCall(attr Attribute) (ErrorReason, error)
	// ReportCallStateChange is the two-argument form; it cannot change the call type.
	ReportCallStateChange(callID string, state CallState) error
	// ReportCallStateChangeWithType is the three-argument form, which may change the type.
	ReportCallStateChangeWithType(callID string, state CallState, callType CallType) error
	ReportCallAudioEventChange(callID string, event AudioEvent) error
	ReportIncomingCallError(callID string, cause FailureCause) error
}
