package trace

import (
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// Which arguments each op takes, as the trace format spells them. The validator decides
// which are required and what a fault means; the decoder only reports what a line gave.

// attributeFields are the fields of voipCallAttribute that are not optional booleans.
const attributeFields = validator.FieldCallID | validator.FieldCallType | validator.FieldUserName |
	validator.FieldUserProfile | validator.FieldAbilityName | validator.FieldCallState

// lineFields lists the arguments an API op reads from the line itself.
func lineFields(op validator.Op) validator.Field {
	switch op {
	case validator.OpOn, validator.OpOff:
		return validator.FieldType
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		return validator.FieldAttribute
	case validator.OpReportCallStateChange:
		return validator.FieldCallID | validator.FieldCallState | validator.FieldCallType
	case validator.OpReportCallAudioEventChange:
		return validator.FieldCallID | validator.FieldAudioEvent
	case validator.OpReportIncomingCallError:
		return validator.FieldCallID | validator.FieldFailureCause
	}
	return 0
}

// argument is where a line gives an argument: the Field, and whether it sits in
// voipCallAttribute. The enums of an environment step (voipCallUiEvent, errorReason) have
// no Field of their own: they are FieldOption outside the attribute.
type argument struct {
	field  validator.Field
	inAttr bool
}

// readBy tells whether op reads the argument, rather than ignore it as a key of another op.
func (a argument) readBy(op validator.Op) bool {
	switch {
	case a.inAttr:
		return lineFields(op)&validator.FieldAttribute != 0
	case a.field == validator.FieldOption:
		return op == validator.OpUIEvent
	}
	return lineFields(op)&a.field != 0
}

// finish turns what the line gave into the Step's Missing and WrongType marks, once the op
// is known (a JSON object may name it last). It returns why an environment step is
// malformed, or "".
func (d *decoder) finish() string {
	s := &d.step
	d.invalid.keepFor(s.Op)
	if !s.Op.IsAPI() {
		return d.finishEnvironment()
	}
	fields := lineFields(s.Op)
	s.Missing = fields &^ (d.top.seen | d.top.wrong)
	s.WrongType = fields & d.top.wrong
	s.HasCallType = s.Op == validator.OpReportCallStateChange && d.top.seen&validator.FieldCallType != 0
	if s.Op == validator.OpReportIncomingCall || s.Op == validator.OpReportOutgoingCall {
		s.Missing |= attributeFields &^ (d.attr.seen | d.attr.wrong)
		s.WrongType |= d.attr.wrong
	}
	return ""
}

func (d *decoder) finishEnvironment() string {
	s := &d.step
	name := s.Op.String()
	var wrong string // only the op's own arguments count; those of other ops are ignored
	switch s.Op {
	case validator.OpUIEvent:
		wrong = orFirst(d.env.wrongEvent, d.env.wrongReason)
	case validator.OpInjectFault:
		wrong = d.env.wrongCode
	}
	switch {
	case wrong != "":
		return name + ": " + wrong
	case d.top.wrong&validator.FieldCallID != 0 && (s.Op == validator.OpPush || s.Op == validator.OpUIEvent):
		return name + ": callId must be a string"
	case s.Op == validator.OpUIEvent && !d.env.uiEvent:
		return "uiEvent needs voipCallUiEvent"
	case s.Op == validator.OpInjectFault && !d.env.code:
		return "injectFault needs code " + callstate.InjectableCodes
	}
	return ""
}

// Lookup tables from trace names to values, built from the names the packages declare.
var (
	opsByName     = indexOps()
	callTypes     = indexEnum[callstate.CallType]()
	callStates    = indexEnum[callstate.CallState]()
	audioEvents   = indexEnum[callstate.AudioEvent]()
	failureCauses = indexEnum[callstate.FailureCause]()
	uiEvents      = indexEnum[callstate.UIEvent]()
	errorReasons  = indexEnum[callstate.ErrorReason]()
)

func indexOps() *nameIndex[validator.Op] {
	x := new(nameIndex[validator.Op])
	for _, op := range validator.Ops() {
		x.add(op.String(), op)
	}
	return x
}

// indexEnum maps each identifier of an enum to its value. Every enum of the API has
// values below 16.
func indexEnum[T enumValue]() *nameIndex[T] {
	x := new(nameIndex[T])
	for n := range 16 {
		if v := T(n); v.Valid() {
			x.add(v.String(), v)
		}
	}
	return x
}
