package validator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// errorCase is one refused API call: what happened before it (from step 2 on; step 1 is
// the subscription), the call, and the exact verdict.
type errorCase struct {
	name    string
	profile validator.Profile
	setup   func(t *testing.T, v *validator.Validator)
	step    validator.Step
	want    want
}

func (c errorCase) run(t *testing.T) {
	v := subscribed(t, validator.WithProfile(c.profile))
	if c.setup != nil {
		c.setup(t, v)
	}
	before := v.Calls()
	step := c.step
	if step.Op.IsReport() || step.Op == validator.OpOn {
		step.Callback = func(callstate.UIEventInfo) {}
	}
	if step.Op == validator.OpOn && step.EventType == "nil-callback" {
		step.Callback, step.EventType = nil, callstate.UIEventType
	}
	out := v.Apply(&step)
	requireFails(t, out.Err, c.want)
	assert.Equal(t, callstate.ReasonNone, out.Reason)
	assert.Equal(t, before, v.Calls(), "a refused call changes no call")
}

// Steps used by the cases below.
func reportIn(a callstate.Attribute) validator.Step {
	return validator.Step{Op: validator.OpReportIncomingCall, Attr: a}
}

func reportOut(a callstate.Attribute) validator.Step {
	return validator.Step{Op: validator.OpReportOutgoingCall, Attr: a}
}

func stateChange(id string, s callstate.CallState) validator.Step {
	return validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: s}
}

func stateChangeWithType(id string, s callstate.CallState, typ callstate.CallType) validator.Step {
	return validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: s, CallType: typ, HasCallType: true}
}

func audio(id string, e callstate.AudioEvent) validator.Step {
	return validator.Step{Op: validator.OpReportCallAudioEventChange, CallID: id, AudioEvent: e}
}

func incomingError(id string, c callstate.FailureCause) validator.Step {
	return validator.Step{Op: validator.OpReportIncomingCallError, CallID: id, FailureCause: c}
}

func with(a callstate.Attribute, f func(*callstate.Attribute)) callstate.Attribute {
	f(&a)
	return a
}

func wrongType(s validator.Step, f validator.Field) validator.Step { s.WrongType |= f; return s }
func missing(s validator.Step, f validator.Field) validator.Step   { s.Missing |= f; return s }

// steps applies each step in order and requires each to succeed.
func steps(ss ...validator.Step) func(*testing.T, *validator.Validator) {
	return func(t *testing.T, v *validator.Validator) {
		t.Helper()
		for _, s := range ss {
			require.NoError(t, v.Apply(&s).Err, "setup step %s", s.Op)
		}
	}
}

var (
	stopService  = validator.Step{Op: validator.OpServiceStop}
	startService = validator.Step{Op: validator.OpServiceStart}
	carrierStart = validator.Step{Op: validator.OpCarrierCallStart}
)

func injectFault(code callstate.Code) validator.Step {
	return validator.Step{Op: validator.OpInjectFault, FaultCode: code}
}

func paramType(detail string) want { return want{401, callstate.CauseParameterType, detail} }
func invalidValue(c callstate.Cause, detail string) want {
	return want{1007200001, c, detail}
}

const wantTypes = "; expected VOIP_CALL_VOICE (0) or VOIP_CALL_VIDEO (1)"

// TestEveryErrorCause produces each cause of SPEC.md section 2 and checks code, exact
// message, cause and the detail, which names the rule and the earlier step behind it.
func TestEveryErrorCause(t *testing.T) {
	covered := map[callstate.Cause]bool{}
	for _, c := range everyErrorCase() {
		covered[c.want.cause] = true
		t.Run(c.name, c.run)
	}
	for _, cause := range callstate.Causes(callstate.KindError) {
		assert.True(t, covered[cause], "no case produces %s", cause)
	}
}

// everyErrorCase is a case of each error cause, most of them several ways.
func everyErrorCase() []errorCase {
	c1 := incoming("c1")
	cases := []errorCase{
		{name: "parameter-type/on other type", step: validator.Step{Op: validator.OpOn, EventType: "voipCallEvent"},
			want: paramType("on needs type 'voipCallUiEvent', got 'voipCallEvent'")},
		{name: "parameter-type/on no type", step: validator.Step{Op: validator.OpOn, Missing: validator.FieldType},
			want: paramType("on needs type 'voipCallUiEvent', got none")},
		{name: "parameter-type/off type not a string", step: validator.Step{Op: validator.OpOff, WrongType: validator.FieldType},
			want: paramType("off needs type 'voipCallUiEvent', got a value that is not a string")},
		{name: "parameter-type/off empty type", step: validator.Step{Op: validator.OpOff},
			want: paramType("off needs type 'voipCallUiEvent', got ''")},
		{name: "parameter-type/on without callback", step: validator.Step{Op: validator.OpOn, EventType: "nil-callback"},
			want: paramType("on needs a callback")},
		{name: "parameter-type/on callback not a function", step: validator.Step{Op: validator.OpOn, EventType: callstate.UIEventType, WrongType: validator.FieldCallback},
			want: paramType("on needs a callback")},
		{name: "parameter-type/on callback absent", step: validator.Step{Op: validator.OpOn, EventType: callstate.UIEventType, Missing: validator.FieldCallback},
			want: paramType("on needs a callback")},
		{name: "parameter-type/attribute callId", step: wrongType(reportIn(c1), validator.FieldCallID),
			want: paramType("voipCallAttribute.callId has the wrong type: want a string")},
		{name: "parameter-type/attribute itself", step: wrongType(reportOut(outgoing("o1")), validator.FieldAttribute),
			want: paramType("voipCallAttribute has the wrong type: want an object")},
		{name: "parameter-type/optional boolean", step: func() validator.Step {
			s := wrongType(reportIn(c1), validator.FieldOption)
			s.BadOption = "isConferenceCall"
			return s
		}(), want: paramType("voipCallAttribute.isConferenceCall has the wrong type: want a boolean")},
		// In Go, the one argument that can hold a value of the wrong type: an OptBool that is
		// neither Unset, False nor True. It must not pass as the field's default.
		{name: "parameter-type/optional boolean out of range", step: reportIn(with(c1, func(a *callstate.Attribute) { a.IsVoiceAnswerSupported = 9 })),
			want: paramType("voipCallAttribute.isVoiceAnswerSupported has the wrong type: want a boolean")},
		{name: "parameter-type/negative optional boolean", step: reportOut(with(outgoing("o1"), func(a *callstate.Attribute) { a.IsDialingAllowedDuringCarrierCall = -1 })),
			want: paramType("voipCallAttribute.isDialingAllowedDuringCarrierCall has the wrong type: want a boolean")},
		{name: "parameter-type/optional boolean not named", step: wrongType(reportIn(c1), validator.FieldOption),
			want: paramType("an optional field of voipCallAttribute has the wrong type: want a boolean")},
		{name: "parameter-type/on type not a string, though it reads right",
			step: validator.Step{Op: validator.OpOn, EventType: callstate.UIEventType, WrongType: validator.FieldType},
			want: paramType("on needs type 'voipCallUiEvent', got a value that is not a string")},
		{name: "parameter-type/userProfile", step: wrongType(reportIn(c1), validator.FieldUserProfile),
			want: paramType("voipCallAttribute.userProfile has the wrong type: want an object of numbers width, height and byteCount")},
		{name: "parameter-type/callState", step: wrongType(stateChange("c1", callstate.StateActive), validator.FieldCallState),
			want: paramType("callState has the wrong type: want a number or an identifier string")},
		{name: "parameter-type/callType", step: wrongType(stateChange("c1", callstate.StateActive), validator.FieldCallType),
			want: paramType("callType has the wrong type: want a number or an identifier string")},
		{name: "parameter-type/callAudioEvent", step: wrongType(audio("c1", 0), validator.FieldAudioEvent),
			want: paramType("callAudioEvent has the wrong type: want a number or an identifier string")},
		{name: "parameter-type/voipCallFailureCause", step: wrongType(incomingError("c1", 0), validator.FieldFailureCause),
			want: paramType("voipCallFailureCause has the wrong type: want a number or an identifier string")},

		{name: "missing-parameter/attribute", step: missing(reportIn(c1), validator.FieldAttribute),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute is absent or null")},
		{name: "missing-parameter/userProfile", step: missing(reportIn(c1), validator.FieldUserProfile),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.userProfile is absent or null")},
		{name: "missing-parameter/userName", step: missing(reportOut(outgoing("o1")), validator.FieldUserName),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.userName is absent or null")},
		{name: "missing-parameter/attribute callId", step: missing(reportIn(incoming("")), validator.FieldCallID),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.callId is absent or null")},
		{name: "missing-parameter/voipCallState", step: missing(reportIn(c1), validator.FieldCallState),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.voipCallState is absent or null")},
		{name: "missing-parameter/voipCallType", step: missing(reportOut(outgoing("o1")), validator.FieldCallType),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.voipCallType is absent or null")},
		{name: "missing-parameter/callId of a state report", step: missing(stateChange("", callstate.StateActive), validator.FieldCallID),
			want: invalidValue(callstate.CauseMissingParameter, "callId is absent or null")},
		{name: "missing-parameter/callId of an audio report", step: missing(audio("", callstate.AudioMuted), validator.FieldCallID),
			want: invalidValue(callstate.CauseMissingParameter, "callId is absent or null")},
		{name: "missing-parameter/callId of reportIncomingCallError", step: missing(incomingError("", 0), validator.FieldCallID),
			want: invalidValue(callstate.CauseMissingParameter, "callId is absent or null")},
		{name: "missing-parameter/empty attribute callId", step: reportIn(incoming("")),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.callId is empty")},
		{name: "missing-parameter/empty abilityName", step: reportOut(with(outgoing("o1"), func(a *callstate.Attribute) { a.AbilityName = "" })),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.abilityName is empty")},
		{name: "missing-parameter/callState", step: missing(stateChange("c1", callstate.StateActive), validator.FieldCallState),
			want: invalidValue(callstate.CauseMissingParameter, "callState is absent or null")},
		{name: "missing-parameter/empty callId of a state report", step: stateChange("", callstate.StateActive),
			want: invalidValue(callstate.CauseMissingParameter, "callId is empty")},
		{name: "missing-parameter/callAudioEvent", step: missing(audio("c1", 0), validator.FieldAudioEvent),
			want: invalidValue(callstate.CauseMissingParameter, "callAudioEvent is absent or null")},
		{name: "missing-parameter/voipCallFailureCause", step: missing(incomingError("c1", 0), validator.FieldFailureCause),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallFailureCause is absent or null")},
		{name: "missing-parameter/empty callId of reportIncomingCallError", step: incomingError("", 0),
			want: invalidValue(callstate.CauseMissingParameter, "callId is empty")},

		{name: "invalid-call-type/attribute", step: reportIn(with(c1, func(a *callstate.Attribute) { a.CallType = 2 })),
			want: invalidValue(callstate.CauseInvalidCallType, "voipCallAttribute.voipCallType is VoipCallType(2)"+wantTypes)},
		{name: "invalid-call-type/three-argument form", step: stateChangeWithType("c1", callstate.StateActive, -1),
			want: invalidValue(callstate.CauseInvalidCallType, "callType is VoipCallType(-1)"+wantTypes)},
		{name: "invalid-call-state/attribute", step: reportIn(with(c1, func(a *callstate.Attribute) { a.State = 8 })),
			want: invalidValue(callstate.CauseInvalidCallState, "voipCallAttribute.voipCallState is VoipCallState(8); expected 0..7")},
		{name: "invalid-call-state/state report", step: stateChange("c1", -1),
			want: invalidValue(callstate.CauseInvalidCallState, "callState is VoipCallState(-1); expected 0..7")},
		{name: "invalid-audio-event/4 is not a value", step: audio("c1", 4),
			want: invalidValue(callstate.CauseInvalidAudioEvent, "callAudioEvent is CallAudioEvent(4); expected 0, 1, 2, 3 or 5")},
		{name: "invalid-failure-cause", step: incomingError("c1", 3),
			want: invalidValue(callstate.CauseInvalidFailureCause, "voipCallFailureCause is VoipCallFailureCause(3); expected OTHER (0), ROUTE_BUSY (1) or CONNECTION_FAILED (2)")},
		{name: "outgoing-not-dialing", step: reportOut(with(outgoing("o1"), func(a *callstate.Attribute) { a.State = callstate.StateRinging })),
			want: invalidValue(callstate.CauseOutgoingNotDialing, "reportOutgoingCall needs VOIP_CALL_STATE_DIALING, got VOIP_CALL_STATE_RINGING")},
		{name: "outgoing-not-dialing/documented profile too", profile: validator.Documented,
			step: reportOut(with(outgoing("o1"), func(a *callstate.Attribute) { a.State = callstate.StateActive })),
			want: invalidValue(callstate.CauseOutgoingNotDialing, "reportOutgoingCall needs VOIP_CALL_STATE_DIALING, got VOIP_CALL_STATE_ACTIVE")},
		{name: "incoming-not-ringing", step: reportIn(with(c1, func(a *callstate.Attribute) { a.State = callstate.StateDialing })),
			want: invalidValue(callstate.CauseIncomingNotRinging, "reportIncomingCall needs VOIP_CALL_STATE_RINGING, got VOIP_CALL_STATE_DIALING")},

		{name: "unknown-call-id/never reported", step: stateChange("c9", callstate.StateActive),
			want: invalidValue(callstate.CauseUnknownCallID, "call c9 was never reported")},
		{name: "unknown-call-id/ended with DISCONNECTED", setup: steps(reportIn(c1), stateChange("c1", callstate.StateDisconnected)),
			step: audio("c1", callstate.AudioMuted),
			want: invalidValue(callstate.CauseUnknownCallID, "call c1 ended with DISCONNECTED at step 3 and is no longer live")},
		{name: "unknown-call-id/ended by reportIncomingCallError", setup: steps(reportIn(c1), incomingError("c1", callstate.FailureRouteBusy)),
			step: stateChange("c1", callstate.StateActive),
			want: invalidValue(callstate.CauseUnknownCallID, "call c1 was ended by reportIncomingCallError at step 3 and is no longer live")},
		{name: "unknown-call-id/cleared by a service stop", setup: steps(reportIn(c1), stopService, startService),
			step: stateChange("c1", callstate.StateActive),
			want: invalidValue(callstate.CauseUnknownCallID, "call c1 was cleared by the service stop at step 3 and is no longer live")},
		{name: "unknown-call-id/reported DISCONNECTED (documented)", profile: validator.Documented,
			setup: steps(reportIn(with(c1, func(a *callstate.Attribute) { a.State = callstate.StateDisconnected }))),
			step:  stateChange("c1", callstate.StateActive),
			want:  invalidValue(callstate.CauseUnknownCallID, "call c1 was reported DISCONNECTED at step 2 and is no longer live")},

		{name: "duplicate-report/new call already live", setup: steps(reportIn(c1)), step: reportIn(c1),
			want: invalidValue(callstate.CauseDuplicateReport, "call c1 is already live: reported at step 2, now RINGING")},
		{name: "duplicate-report/outgoing with a live incoming callId",
			setup: steps(reportIn(c1), stateChange("c1", callstate.StateActive)), step: reportOut(outgoing("c1")),
			want: invalidValue(callstate.CauseDuplicateReport, "call c1 is already live: reported at step 2, now ACTIVE")},
		{name: "duplicate-report/same state", setup: steps(reportIn(c1), stateChange("c1", callstate.StateActive)),
			step: stateChange("c1", callstate.StateActive),
			want: invalidValue(callstate.CauseDuplicateReport, "call c1 is already ACTIVE as a video call (since step 3)")},
		{name: "duplicate-report/same state and same type, three-argument form", setup: steps(reportOut(outgoing("o1"))),
			step: stateChangeWithType("o1", callstate.StateDialing, callstate.CallVoice),
			want: invalidValue(callstate.CauseDuplicateReport, "call o1 is already DIALING as a voice call (since step 2)")},

		{name: "illegal-transition/state report", setup: steps(reportIn(c1)), step: stateChange("c1", callstate.StateHolding),
			want: invalidValue(callstate.CauseIllegalTransition, "call c1 is RINGING (since step 2); the lifecycle allows ACTIVE, DISCONNECTED, ANSWERED, DISCONNECTING from there, not HOLDING")},
		{name: "illegal-transition/reportIncomingCallError on an outgoing call", setup: steps(reportOut(outgoing("o1"))),
			step: incomingError("o1", callstate.FailureOther),
			want: invalidValue(callstate.CauseIllegalTransition, "call o1 is an outgoing call in DIALING (since step 2); reportIncomingCallError ends only an incoming call in RINGING")},
		{name: "illegal-transition/reportIncomingCallError on an answered call",
			setup: steps(reportIn(c1), stateChange("c1", callstate.StateAnswered)),
			step:  incomingError("c1", callstate.FailureConnectionFailed),
			want:  invalidValue(callstate.CauseIllegalTransition, "call c1 is an incoming call in ANSWERED (since step 3); reportIncomingCallError ends only an incoming call in RINGING")},

		{name: "service-unavailable", setup: steps(stopService), step: reportIn(c1),
			want: want{1007200002, callstate.CauseServiceUnavailable, "the call service stopped at step 2 and has not restarted"}},
		{name: "incoming-limit", setup: steps(reportIn(incoming("c3")), reportIn(incoming("c1")), reportIn(incoming("c2"))),
			step: reportIn(incoming("c4")),
			want: want{1007200003, callstate.CauseIncomingLimit, "calls c1, c2, c3 are live incoming calls; at most 3 may be live"}},
		{name: "outgoing-limit", setup: steps(reportOut(outgoing("o1"))), step: reportOut(outgoing("o2")),
			want: want{1007200003, callstate.CauseOutgoingLimit, "call o1 is a live outgoing call (reported at step 2); at most 1 may be live"}},
		{name: "carrier-conflict", setup: steps(carrierStart), step: reportOut(outgoing("o1")),
			want: want{1007200003, callstate.CauseCarrierConflict, "a carrier call is active since step 2 and isDialingAllowedDuringCarrierCall is not true"}},
		{name: "carrier-conflict/option explicitly false", setup: steps(reportIn(c1), carrierStart),
			step: reportOut(with(outgoing("o1"), func(a *callstate.Attribute) { a.IsDialingAllowedDuringCarrierCall = callstate.False })),
			want: want{1007200003, callstate.CauseCarrierConflict, "a carrier call is active since step 3 and isDialingAllowedDuringCarrierCall is not true"}},
	}
	for _, code := range []callstate.Code{1007200002, 1007200003, 1007200999} {
		cases = append(cases, errorCase{name: "injected-fault/" + code.Message(), setup: steps(injectFault(code)),
			step: reportIn(c1), want: want{code, callstate.CauseInjectedFault, "fault injected at step 2"}})
	}
	return cases
}

// A report for a callId whose own report was refused names that refusal (SPEC.md section 2:
// the detail names the earlier step that led to the failure), not "never reported".
func TestUnknownCallIDNamesTheRefusedReport(t *testing.T) {
	ringing := callstate.Attribute{CallID: "c1", UserName: "Ann", AbilityName: "A", State: callstate.StateRinging}
	dialing := ringing
	dialing.State = callstate.StateDialing

	v := subscribed(t)
	_, err := v.ReportIncomingCall(dialing) // step 2
	require.ErrorIs(t, err, callstate.CauseIncomingNotRinging)
	requireFails(t, v.ReportCallStateChange("c1", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c1 was refused at step 2 (incoming-not-ringing) and never became live"})

	v.ServiceStop() // step 4
	_, err = v.ReportIncomingCall(ringing)
	require.ErrorIs(t, err, callstate.CauseServiceUnavailable)
	v.ServiceStart()
	requireFails(t, v.ReportCallAudioEventChange("c1", callstate.AudioMuted), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c1 was refused at step 5 (service-unavailable) and never became live"})

	// A refused report of a live callId leaves the call, and its explanation, alone.
	_, err = v.ReportIncomingCall(ringing) // step 8
	require.NoError(t, err)
	_, err = v.ReportIncomingCall(ringing)
	require.ErrorIs(t, err, callstate.CauseDuplicateReport)
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateDisconnected)) // step 10
	requireFails(t, v.ReportCallStateChange("c1", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c1 ended with DISCONNECTED at step 10 and is no longer live"})
}

// An outgoing call's refused report is named like an incoming one's; a refused state or
// audio report is not a refused call: the callId stays "never reported".
func TestRefusedReportsThatNameTheirCall(t *testing.T) {
	v := subscribed(t)
	v.CarrierCallStart()                           // step 2
	_, err := v.ReportOutgoingCall(outgoing("o1")) // step 3
	require.ErrorIs(t, err, callstate.CauseCarrierConflict)
	requireFails(t, v.ReportCallStateChange("o1", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call o1 was refused at step 3 (carrier-conflict) and never became live"})

	requireFails(t, v.ReportCallStateChange("c9", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c9 was never reported"})
	requireFails(t, v.ReportCallAudioEventChange("c9", callstate.AudioMuted), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c9 was never reported"})
}

// Only a report or a decline of the pushed call is a try at its push (SPEC.md section 6):
// a refused state report for the pushed callId is not.
func TestRefusedStateReportIsNoTryAtThePush(t *testing.T) {
	v := subscribed(t)
	seq := v.Push("c1").Seq // step 2
	requireFails(t, v.ReportCallStateChange("c1", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c1 was never reported"})
	assert.Equal(t, []validator.Obligation{{Cause: callstate.CausePushNotReported, CallID: "c1", Seq: seq,
		Detail: "push for call c1 at step 2 was neither reported with reportIncomingCall nor declined with reportIncomingCallError"}}, v.Pending())
}
