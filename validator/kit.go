package validator

import "github.com/voipsim/voipsim/callstate"

var _ callstate.Kit = (*Validator)(nil)

// call runs a step built by a Kit method and returns the error it should return.
func (v *Validator) call(s *Step) (callstate.ErrorReason, error) {
	var out Outcome
	v.run(s, &out)
	return out.Reason, out.Err
}

func errOf(_ callstate.ErrorReason, err error) error { return err }

// On is voipCall.on: it registers cb for eventType ("voipCallUiEvent"); UI events reach
// it outside the validator's lock, so cb may report.
func (v *Validator) On(eventType string, cb callstate.UIEventCallback) error {
	return errOf(v.call(&Step{Op: OpOn, EventType: eventType, Callback: cb}))
}

// Off is voipCall.off: it removes every callback registered for eventType.
func (v *Validator) Off(eventType string) error {
	return errOf(v.call(&Step{Op: OpOff, EventType: eventType}))
}

// ReportIncomingCall is voipCall.reportIncomingCall: it resolves to an ErrorReason or
// fails with a *callstate.Error.
func (v *Validator) ReportIncomingCall(attr callstate.Attribute) (callstate.ErrorReason, error) {
	return v.call(&Step{Op: OpReportIncomingCall, Attr: attr})
}

// ReportOutgoingCall is voipCall.reportOutgoingCall: it resolves to an ErrorReason or
// fails with a *callstate.Error.
func (v *Validator) ReportOutgoingCall(attr callstate.Attribute) (callstate.ErrorReason, error) {
	return v.call(&Step{Op: OpReportOutgoingCall, Attr: attr})
}

// ReportCallStateChange is the two-argument voipCall.reportCallStateChange, which keeps
// the call type.
func (v *Validator) ReportCallStateChange(callID string, state callstate.CallState) error {
	return errOf(v.call(&Step{Op: OpReportCallStateChange, CallID: callID, State: state}))
}

// ReportCallStateChangeWithType is the three-argument voipCall.reportCallStateChange,
// which may change the call type.
func (v *Validator) ReportCallStateChangeWithType(callID string, state callstate.CallState, callType callstate.CallType) error {
	return errOf(v.call(&Step{Op: OpReportCallStateChange, CallID: callID, State: state, CallType: callType, HasCallType: true}))
}

// ReportCallAudioEventChange is voipCall.reportCallAudioEventChange.
func (v *Validator) ReportCallAudioEventChange(callID string, event callstate.AudioEvent) error {
	return errOf(v.call(&Step{Op: OpReportCallAudioEventChange, CallID: callID, AudioEvent: event}))
}

// ReportIncomingCallError is voipCall.reportIncomingCallError: the app declines an
// incoming call, reported or only pushed.
func (v *Validator) ReportIncomingCallError(callID string, cause callstate.FailureCause) error {
	return errOf(v.call(&Step{Op: OpReportIncomingCallError, CallID: callID, FailureCause: cause}))
}

// Push tells the validator that a VoIP push for callID reached the app: the app now owes
// its report (reportIncomingCall) or its decline (reportIncomingCallError), else
// push-not-reported. A push with no callId is refused with an error wrapping ErrBadStep
// and creates no obligation; no push, refused or not, reaches a callback registered with
// On.
func (v *Validator) Push(callID string) Outcome {
	return v.Apply(&Step{Op: OpPush, CallID: callID})
}

// UIEvent plays the user acting on the system's call UI: the event reaches every callback
// registered with On, outside the validator's lock, and the app then owes the report it
// asks for, else unanswered-ui-event (after VOICE_ANSWER or VIDEO_ANSWER: ANSWERED, ACTIVE
// or DISCONNECTED; after REJECT or HANGUP: DISCONNECTED; after MUTED or UNMUTED: that
// audio event). An event for a callId that is not live still reaches the callbacks, with
// an event-for-unknown-call warning, and creates no obligation.
//
// An event the system never sends is refused with an error wrapping ErrBadStep, reaches no
// callback and creates no obligation: one with no callId, SPEAKER_ON or SPEAKER_OFF, an
// event that is not a VoipCallUiEvent, or a reason that is not an ErrorReason.
func (v *Validator) UIEvent(callID string, event callstate.UIEvent, reason callstate.ErrorReason) Outcome {
	return v.Apply(&Step{Op: OpUIEvent, CallID: callID, UIEvent: event, ErrorReason: reason})
}

// CarrierCallStart marks a carrier (cellular) call as active.
func (v *Validator) CarrierCallStart() Outcome { return v.Apply(&Step{Op: OpCarrierCallStart}) }

// CarrierCallEnd marks the carrier call as over.
func (v *Validator) CarrierCallEnd() Outcome { return v.Apply(&Step{Op: OpCarrierCallEnd}) }

// ServiceStop kills the call service: every call is cleared and reports fail with
// 1007200002 until ServiceStart.
func (v *Validator) ServiceStop() Outcome { return v.Apply(&Step{Op: OpServiceStop}) }

// ServiceStart brings the call service back.
func (v *Validator) ServiceStart() Outcome { return v.Apply(&Step{Op: OpServiceStart}) }

// InjectFault arms a fault: the next report that passes the stateless checks fails with
// code (1007200002, 1007200003 or 1007200999) and cause injected-fault. Faults queue.
func (v *Validator) InjectFault(code callstate.Code) Outcome {
	return v.Apply(&Step{Op: OpInjectFault, FaultCode: code})
}
