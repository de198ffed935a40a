package validator

import (
	"time"

	"github.com/voipsim/voipsim/callstate"
)

// Op names one step of a sequence: a voipCall function the app called, or something that
// happened around the app. Its String is the `op` of a trace line.
type Op uint8

const (
	OpNone Op = iota
	// API calls, made by the app.
	OpOn
	OpOff
	OpReportIncomingCall
	OpReportOutgoingCall
	OpReportCallStateChange
	OpReportCallAudioEventChange
	OpReportIncomingCallError
	// Environment steps, made by the phone around the app (README, "The environment").
	OpPush
	OpUIEvent
	OpCarrierCallStart
	OpCarrierCallEnd
	OpServiceStop
	OpServiceStart
	OpInjectFault
	opCount
)

var opNames = [opCount]string{
	OpNone:                       "",
	OpOn:                         "on",
	OpOff:                        "off",
	OpReportIncomingCall:         "reportIncomingCall",
	OpReportOutgoingCall:         "reportOutgoingCall",
	OpReportCallStateChange:      "reportCallStateChange",
	OpReportCallAudioEventChange: "reportCallAudioEventChange",
	OpReportIncomingCallError:    "reportIncomingCallError",
	OpPush:                       "push",
	OpUIEvent:                    "uiEvent",
	OpCarrierCallStart:           "carrierCallStart",
	OpCarrierCallEnd:             "carrierCallEnd",
	OpServiceStop:                "serviceStop",
	OpServiceStart:               "serviceStart",
	OpInjectFault:                "injectFault",
}

func (o Op) String() string {
	if o < opCount {
		return opNames[o]
	}
	return "op?"
}

// ParseOp finds an op by its trace name.
func ParseOp(name string) (Op, bool) {
	for o := OpOn; o < opCount; o++ {
		if opNames[o] == name {
			return o, true
		}
	}
	return OpNone, false
}

// Ops lists every op in declaration order.
func Ops() []Op {
	out := make([]Op, 0, opCount-1)
	for o := OpOn; o < opCount; o++ {
		out = append(out, o)
	}
	return out
}

// IsAPI reports whether the app made this step (it gets a verdict).
func (o Op) IsAPI() bool { return o >= OpOn && o <= OpReportIncomingCallError }

// IsReport reports whether the step is one of the report functions, which the service
// can refuse for reasons beyond parameter types (and which injected faults hit).
func (o Op) IsReport() bool { return o >= OpReportIncomingCall && o <= OpReportIncomingCallError }

// opensCall tells the reports of a new call, reportIncomingCall and reportOutgoingCall (one
// unsigned compare: every report asks).
func (o Op) opensCall() bool {
	return o-OpReportIncomingCall <= OpReportOutgoingCall-OpReportIncomingCall
}

// Field names an argument, for the argument faults a trace can carry but Go's types
// cannot: absent (Missing) or of the wrong JSON type (WrongType).
type Field uint16

const (
	FieldType         Field = 1 << iota // on/off: type
	FieldCallback                       // on: callback
	FieldAttribute                      // voipCallAttribute itself
	FieldCallID                         // callId, or voipCallAttribute.callId
	FieldCallType                       // voipCallAttribute.voipCallType, or the optional callType
	FieldUserName                       // voipCallAttribute.userName
	FieldUserProfile                    // voipCallAttribute.userProfile
	FieldAbilityName                    // voipCallAttribute.abilityName
	FieldCallState                      // voipCallAttribute.voipCallState, or callState
	FieldAudioEvent                     // callAudioEvent
	FieldFailureCause                   // voipCallFailureCause
	FieldOption                         // one of the optional booleans of voipCallAttribute
)

// Step is one entry of a sequence. The typed methods of Validator build Steps; code that
// reads traces or generates sequences builds them directly and calls Apply.
type Step struct {
	Op Op

	// At is the step's virtual time (since the start of the sequence), used when HasTime
	// is set; otherwise the validator's clock decides. The validator takes it as given:
	// a time before the last step's moves its clock back, and the 10 s push rule then
	// measures from there. Readers of recorded sequences check the order themselves, as
	// the trace checker does (a `t` that goes back makes its line malformed).
	At      time.Duration
	HasTime bool

	// Seq numbers the step in details ("ended at line 12"). Zero lets the validator count.
	Seq int

	CallID       string              // every op with a callId but the two new-call reports
	Attr         callstate.Attribute // reportIncomingCall, reportOutgoingCall
	State        callstate.CallState // reportCallStateChange
	CallType     callstate.CallType  // reportCallStateChange, three-argument form
	HasCallType  bool
	AudioEvent   callstate.AudioEvent   // reportCallAudioEventChange
	FailureCause callstate.FailureCause // reportIncomingCallError
	UIEvent      callstate.UIEvent      // uiEvent
	ErrorReason  callstate.ErrorReason  // uiEvent
	EventType    string                 // on, off
	Callback     callstate.UIEventCallback
	FaultCode    callstate.Code // injectFault

	Missing   Field // required arguments that were absent or null
	WrongType Field // arguments of the wrong type
	// BadOption names the optional boolean of WrongType's FieldOption, for the detail.
	BadOption string
}

// ID is the callId the step is about, wherever it sits.
func (s *Step) ID() string {
	if s.Op.opensCall() {
		return s.Attr.CallID
	}
	return s.CallID
}

// Warning is advice about a step; it never changes the verdict.
type Warning struct {
	Cause  callstate.Cause
	Detail string
}

// Outcome is the validator's answer to one step.
type Outcome struct {
	// Seq is the number the step got.
	Seq int
	// Err is the error the service would throw, or nil. Environment steps never fail
	// but with ErrBadStep (an argument no phone could produce).
	Err error
	// Reason is what a successful reportIncomingCall or reportOutgoingCall resolves to.
	Reason   callstate.ErrorReason
	Warnings []Warning
}

// OK reports whether the step succeeded.
func (o Outcome) OK() bool { return o.Err == nil }

// Obligation is something the app still owes: a report after a UI event, the report of a
// push, or the end of a live call. Unmet at the end of a sequence, it is a violation.
type Obligation struct {
	Cause  callstate.Cause
	CallID string
	Seq    int           // the step that created it
	At     time.Duration // when that step happened
	Event  callstate.UIEvent
	Detail string
}
