package validator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// TestOrderOfChecks sets up cases where two rules of SPEC.md section 3 apply at once: the
// earlier one decides.
func TestOrderOfChecks(t *testing.T) {
	c1 := incoming("c1")
	threeIncoming := steps(reportIn(incoming("c1")), reportIn(incoming("c2")), reportIn(incoming("c3")))
	cases := []errorCase{
		{name: "401 beats missing", step: missing(wrongType(reportIn(c1), validator.FieldUserName), validator.FieldCallID),
			want: paramType("voipCallAttribute.userName has the wrong type: want a string")},
		{name: "401 beats service-unavailable", setup: steps(stopService), step: wrongType(audio("c1", 0), validator.FieldCallID),
			want: paramType("callId has the wrong type: want a string")},
		{name: "missing beats invalid-call-type", step: missing(reportIn(with(c1, func(a *callstate.Attribute) { a.CallType = 7 })), validator.FieldAbilityName),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.abilityName is absent or null")},
		{name: "the first missing field is named", step: missing(reportIn(c1), validator.FieldCallState|validator.FieldUserName),
			want: invalidValue(callstate.CauseMissingParameter, "voipCallAttribute.userName is absent or null")},
		{name: "invalid-call-type beats invalid-call-state", step: reportIn(with(c1, func(a *callstate.Attribute) { a.CallType, a.State = 2, 9 })),
			want: invalidValue(callstate.CauseInvalidCallType, "voipCallAttribute.voipCallType is VoipCallType(2)"+wantTypes)},
		{name: "invalid callType beats invalid callState in the three-argument form", step: stateChangeWithType("c1", 8, 5),
			want: invalidValue(callstate.CauseInvalidCallType, "callType is VoipCallType(5)"+wantTypes)},
		{name: "invalid-call-state beats outgoing-not-dialing", step: reportOut(with(outgoing("o1"), func(a *callstate.Attribute) { a.State = 8 })),
			want: invalidValue(callstate.CauseInvalidCallState, "voipCallAttribute.voipCallState is VoipCallState(8); expected 0..7")},
		{name: "outgoing-not-dialing beats service-unavailable", setup: steps(stopService),
			step: reportOut(with(outgoing("o1"), func(a *callstate.Attribute) { a.State = callstate.StateIdle })),
			want: invalidValue(callstate.CauseOutgoingNotDialing, "reportOutgoingCall needs VOIP_CALL_STATE_DIALING, got VOIP_CALL_STATE_IDLE")},
		{name: "incoming-not-ringing beats duplicate-report", setup: steps(reportIn(c1)),
			step: reportIn(with(c1, func(a *callstate.Attribute) { a.State = callstate.StateActive })),
			want: invalidValue(callstate.CauseIncomingNotRinging, "reportIncomingCall needs VOIP_CALL_STATE_RINGING, got VOIP_CALL_STATE_ACTIVE")},
		{name: "stateless beats service-unavailable", setup: steps(stopService), step: audio("c1", 9),
			want: invalidValue(callstate.CauseInvalidAudioEvent, "callAudioEvent is CallAudioEvent(9); expected 0, 1, 2, 3 or 5")},
		{name: "stateless beats an injected fault", setup: steps(injectFault(1007200003)), step: incomingError("c1", 7),
			want: invalidValue(callstate.CauseInvalidFailureCause, "voipCallFailureCause is VoipCallFailureCause(7); expected OTHER (0), ROUTE_BUSY (1) or CONNECTION_FAILED (2)")},
		{name: "service-unavailable beats an injected fault", setup: steps(injectFault(1007200999), stopService), step: reportIn(c1),
			want: want{1007200002, callstate.CauseServiceUnavailable, "the call service stopped at step 3 and has not restarted"}},
		{name: "service-unavailable beats unknown-call-id", setup: steps(stopService), step: stateChange("c9", callstate.StateActive),
			want: want{1007200002, callstate.CauseServiceUnavailable, "the call service stopped at step 2 and has not restarted"}},
		{name: "fault beats unknown-call-id", setup: steps(injectFault(1007200003)), step: stateChange("c9", callstate.StateActive),
			want: want{1007200003, callstate.CauseInjectedFault, "fault injected at step 2"}},
		{name: "fault beats duplicate-report", setup: steps(reportIn(c1), injectFault(1007200002)), step: reportIn(c1),
			want: want{1007200002, callstate.CauseInjectedFault, "fault injected at step 3"}},
		{name: "fault beats illegal-transition", setup: steps(reportIn(c1), injectFault(1007200999)), step: stateChange("c1", callstate.StateIdle),
			want: want{1007200999, callstate.CauseInjectedFault, "fault injected at step 3"}},
		{name: "fault beats incoming-limit", setup: func(t *testing.T, v *validator.Validator) {
			threeIncoming(t, v)
			steps(injectFault(1007200002))(t, v)
		}, step: reportIn(incoming("c4")),
			want: want{1007200002, callstate.CauseInjectedFault, "fault injected at step 5"}},
		{name: "fault beats carrier-conflict", setup: steps(carrierStart, injectFault(1007200999)), step: reportOut(outgoing("o1")),
			want: want{1007200999, callstate.CauseInjectedFault, "fault injected at step 3"}},
		{name: "duplicate-report beats incoming-limit", setup: threeIncoming, step: reportIn(incoming("c2")),
			want: invalidValue(callstate.CauseDuplicateReport, "call c2 is already live: reported at step 3, now RINGING")},
		{name: "duplicate-report beats outgoing-limit", setup: steps(reportOut(outgoing("o1"))), step: reportOut(outgoing("o1")),
			want: invalidValue(callstate.CauseDuplicateReport, "call o1 is already live: reported at step 2, now DIALING")},
		{name: "duplicate-report beats carrier-conflict", setup: steps(reportOut(outgoing("o1")), carrierStart), step: reportOut(outgoing("o1")),
			want: invalidValue(callstate.CauseDuplicateReport, "call o1 is already live: reported at step 2, now DIALING")},
		{name: "duplicate-state beats illegal-transition check", setup: steps(reportIn(c1), stateChange("c1", callstate.StateDisconnecting)),
			step: stateChange("c1", callstate.StateDisconnecting),
			want: invalidValue(callstate.CauseDuplicateReport, "call c1 is already DISCONNECTING as a video call (since step 3)")},
		{name: "outgoing-limit beats carrier-conflict", setup: steps(reportOut(outgoing("o1")), carrierStart), step: reportOut(outgoing("o2")),
			want: want{1007200003, callstate.CauseOutgoingLimit, "call o1 is a live outgoing call (reported at step 2); at most 1 may be live"}},
		{name: "incoming-limit beats CELLULAR_CALL_EXISTS", setup: func(t *testing.T, v *validator.Validator) {
			threeIncoming(t, v)
			steps(carrierStart)(t, v)
		}, step: reportIn(incoming("c4")),
			want: want{1007200003, callstate.CauseIncomingLimit, "calls c1, c2, c3 are live incoming calls; at most 3 may be live"}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// TestAFailureBeforeTheFaultDoesNotConsumeIt: a stateless failure or service-unavailable
// leaves the armed fault for the next report that reaches check 4.
func TestAFailureBeforeTheFaultDoesNotConsumeIt(t *testing.T) {
	v := subscribed(t)
	require.NoError(t, v.InjectFault(1007200003).Err) // step 2
	requireFails(t, v.Apply(&validator.Step{Op: validator.OpReportCallStateChange, CallID: "c1", State: 8}).Err,
		invalidValue(callstate.CauseInvalidCallState, "callState is VoipCallState(8); expected 0..7"))
	requireFails(t, v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1"), WrongType: validator.FieldUserName}).Err,
		paramType("voipCallAttribute.userName has the wrong type: want a string"))
	require.NoError(t, v.ServiceStop().Err) // step 5
	requireFails(t, v.ReportCallAudioEventChange("c1", callstate.AudioMuted),
		want{1007200002, callstate.CauseServiceUnavailable, "the call service stopped at step 5 and has not restarted"})
	require.NoError(t, v.ServiceStart().Err)
	require.NoError(t, v.On(callstate.UIEventType, func(callstate.UIEventInfo) {}), "on/off never meet the fault")
	require.NoError(t, v.Off(callstate.UIEventType))
	_, err := v.ReportIncomingCall(incoming("c1"))
	requireFails(t, err, want{1007200003, callstate.CauseInjectedFault, "fault injected at step 2"})
	_, ok := v.Call("c1")
	assert.False(t, ok, "a faulted report registers nothing")
	_, err = v.ReportIncomingCall(incoming("c1"))
	assert.NoError(t, err, "the fault was used up")
}

// TestLimitsCountEachDirection: incoming and outgoing calls count only against their own
// limit, in any live state.
func TestLimitsCountEachDirection(t *testing.T) {
	v := subscribed(t)
	_, err := v.ReportOutgoingCall(outgoing("o1"))
	require.NoError(t, err)
	require.NoError(t, v.ReportCallStateChange("o1", callstate.StateActive))
	for _, id := range []string{"c1", "c2", "c3"} {
		_, err := v.ReportIncomingCall(incoming(id))
		require.NoError(t, err, "a live outgoing call does not count against the incoming limit")
	}
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateActive))
	require.NoError(t, v.ReportCallStateChange("c2", callstate.StateDisconnecting))
	_, err = v.ReportIncomingCall(incoming("c4"))
	requireFails(t, err, want{1007200003, callstate.CauseIncomingLimit, "calls c1, c2, c3 are live incoming calls; at most 3 may be live"})
	_, err = v.ReportOutgoingCall(outgoing("o2"))
	requireFails(t, err, want{1007200003, callstate.CauseOutgoingLimit, "call o1 is a live outgoing call (reported at step 2); at most 1 may be live"})

	require.NoError(t, v.ReportCallStateChange("c2", callstate.StateDisconnected))
	_, err = v.ReportIncomingCall(incoming("c4"))
	require.NoError(t, err, "DISCONNECTED frees the slot")
	require.NoError(t, v.ReportCallStateChange("o1", callstate.StateDisconnected))
	_, err = v.ReportOutgoingCall(outgoing("o2"))
	require.NoError(t, err)
	assert.Equal(t, []string{"c1", "c3", "c4", "o2"}, liveIDs(v))
}

func TestThreeLiveIncomingLeaveRoomForOneOutgoing(t *testing.T) {
	v := subscribed(t)
	steps(reportIn(incoming("c1")), reportIn(incoming("c2")), reportIn(incoming("c3")))(t, v)
	_, err := v.ReportOutgoingCall(outgoing("o1"))
	require.NoError(t, err)
}
