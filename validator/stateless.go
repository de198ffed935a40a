package validator

import (
	"github.com/voipsim/voipsim/callstate"
)

// fieldOrder is the order in which argument faults are named when several apply.
var fieldOrder = []Field{FieldType, FieldCallback, FieldAttribute, FieldCallID, FieldCallType,
	FieldUserName, FieldUserProfile, FieldAbilityName, FieldCallState, FieldAudioEvent,
	FieldFailureCause, FieldOption}

// fieldName is the ArkTS name of an argument of op.
func fieldName(op Op, f Field, s *Step) string {
	attr := op == OpReportIncomingCall || op == OpReportOutgoingCall
	switch f {
	case FieldType:
		return "type"
	case FieldCallback:
		return "callback"
	case FieldAttribute:
		return "voipCallAttribute"
	case FieldCallID:
		if attr {
			return "voipCallAttribute.callId"
		}
		return "callId"
	case FieldCallType:
		if attr {
			return "voipCallAttribute.voipCallType"
		}
		return "callType"
	case FieldUserName:
		return "voipCallAttribute.userName"
	case FieldUserProfile:
		return "voipCallAttribute.userProfile"
	case FieldAbilityName:
		return "voipCallAttribute.abilityName"
	case FieldCallState:
		if attr {
			return "voipCallAttribute.voipCallState"
		}
		return "callState"
	case FieldAudioEvent:
		return "callAudioEvent"
	case FieldFailureCause:
		return "voipCallFailureCause"
	case FieldOption:
		if s.BadOption != "" {
			return "voipCallAttribute." + s.BadOption
		}
		return "an optional field of voipCallAttribute"
	}
	return "argument"
}

func firstField(set Field) Field {
	for _, f := range fieldOrder {
		if set&f != 0 {
			return f
		}
	}
	return 0
}

// required lists the arguments op cannot do without.
func required(op Op) Field {
	switch op {
	case OpReportIncomingCall, OpReportOutgoingCall:
		return FieldAttribute | FieldCallID | FieldCallType | FieldUserName | FieldUserProfile | FieldAbilityName | FieldCallState
	case OpReportCallStateChange:
		return FieldCallID | FieldCallState
	case OpReportCallAudioEventChange:
		return FieldCallID | FieldAudioEvent
	case OpReportIncomingCallError:
		return FieldCallID | FieldFailureCause
	}
	return 0
}

// checkTypes is check 1: 401 parameter-type. A Step built in Go cannot hold a value of the
// wrong type but in an optional boolean, which can be neither Unset, False nor True. Every
// report passes here: the refusals are built out of line.
func (v *Validator) checkTypes(s *Step) *callstate.Error {
	if s.WrongType != 0 {
		return wrongTypeOf(s)
	}
	if s.Op.opensCall() && !s.Attr.OptionsValid() {
		return wrongOption(&s.Attr)
	}
	return nil
}

func wrongOption(a *callstate.Attribute) *callstate.Error {
	return wrongType("voipCallAttribute."+a.InvalidOption(), FieldOption)
}

func wrongTypeOf(s *Step) *callstate.Error {
	f := firstField(s.WrongType)
	return wrongType(fieldName(s.Op, f, s), f)
}

func wrongType(name string, f Field) *callstate.Error {
	return callstate.NewError(callstate.CodeParameterError, callstate.CauseParameterType,
		name+" has the wrong type: want "+wantedType(f))
}

// wantedType is the JSON type an argument takes, for the detail of a 401.
func wantedType(f Field) string {
	switch f {
	case FieldAttribute:
		return "an object"
	case FieldUserProfile: // the object, or one of its numbers
		return "an object of numbers width, height and byteCount"
	case FieldCallType, FieldCallState, FieldAudioEvent, FieldFailureCause:
		return "a number or an identifier string"
	case FieldOption:
		return "a boolean"
	case FieldCallback:
		return "a function"
	}
	return "a string" // type, callId, userName, abilityName
}

// checkStateless is check 2: the 1007200001 rules that need no state, in SPEC order.
func (v *Validator) checkStateless(s *Step) *callstate.Error {
	if e := v.checkMissing(s); e != nil {
		return e
	}
	switch s.Op {
	case OpReportIncomingCall, OpReportOutgoingCall:
		return v.checkNewCall(s)
	case OpReportCallStateChange:
		if s.HasCallType && !s.CallType.Valid() {
			return invalid(callstate.CauseInvalidCallType, "callType is "+s.CallType.String()+"; expected VOIP_CALL_VOICE (0) or VOIP_CALL_VIDEO (1)")
		}
		if !s.State.Valid() {
			return invalid(callstate.CauseInvalidCallState, "callState is "+s.State.String()+"; expected 0..7")
		}
	case OpReportCallAudioEventChange:
		if !s.AudioEvent.Valid() {
			return invalid(callstate.CauseInvalidAudioEvent, "callAudioEvent is "+s.AudioEvent.String()+"; expected 0, 1, 2, 3 or 5")
		}
	case OpReportIncomingCallError:
		if !s.FailureCause.Valid() {
			return invalid(callstate.CauseInvalidFailureCause, "voipCallFailureCause is "+s.FailureCause.String()+"; expected OTHER (0), ROUTE_BUSY (1) or CONNECTION_FAILED (2)")
		}
	}
	return nil
}

func (v *Validator) checkMissing(s *Step) *callstate.Error {
	if missing := s.Missing & required(s.Op); missing != 0 {
		return invalid(callstate.CauseMissingParameter, fieldName(s.Op, firstField(missing), s)+" is absent or null")
	}
	if s.ID() == "" {
		return invalid(callstate.CauseMissingParameter, fieldName(s.Op, FieldCallID, s)+" is empty")
	}
	if s.Op.opensCall() && s.Attr.AbilityName == "" {
		return invalid(callstate.CauseMissingParameter, "voipCallAttribute.abilityName is empty")
	}
	return nil
}

func (v *Validator) checkNewCall(s *Step) *callstate.Error {
	a := &s.Attr
	if !a.CallType.Valid() {
		return invalid(callstate.CauseInvalidCallType, "voipCallAttribute.voipCallType is "+a.CallType.String()+"; expected VOIP_CALL_VOICE (0) or VOIP_CALL_VIDEO (1)")
	}
	if !a.State.Valid() {
		return invalid(callstate.CauseInvalidCallState, "voipCallAttribute.voipCallState is "+a.State.String()+"; expected 0..7")
	}
	if s.Op == OpReportOutgoingCall && a.State != callstate.InitialOutgoing {
		return invalid(callstate.CauseOutgoingNotDialing, "reportOutgoingCall needs VOIP_CALL_STATE_DIALING, got "+a.State.String())
	}
	if s.Op == OpReportIncomingCall && v.profile == Strict && a.State != callstate.InitialIncoming {
		return invalid(callstate.CauseIncomingNotRinging, "reportIncomingCall needs VOIP_CALL_STATE_RINGING, got "+a.State.String())
	}
	return nil
}

func invalid(cause callstate.Cause, detail string) *callstate.Error {
	return callstate.NewError(callstate.CodeInvalidParameter, cause, detail)
}
