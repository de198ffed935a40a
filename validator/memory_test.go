package validator_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// The validator remembers the last 1024 endings to explain unknown-call-id; older ones are
// forgotten so that memory stays flat on long traces. The detail then says only what is
// known: neither a wrong step nor "never reported", which would be false.
func TestEndingsAreRememberedForTheLast1024Calls(t *testing.T) {
	v := validator.New()
	require.NoError(t, v.On(callstate.UIEventType, func(callstate.UIEventInfo) {}))
	const calls = 1500
	for i := range calls {
		id := "c" + strconv.Itoa(i)
		_, err := v.ReportOutgoingCall(callstate.Attribute{CallID: id, UserName: "Bob", AbilityName: "A", State: callstate.StateDialing})
		require.NoError(t, err)
		require.NoError(t, v.ReportCallStateChange(id, callstate.StateDisconnected))
	}
	// c0 ended at step 3; 1500 calls later it has been forgotten.
	requireFails(t, v.ReportCallStateChange("c0", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c0 is not live: it was never reported, or it ended before the last 1024 endings remembered"})
	requireFails(t, v.ReportCallStateChange("c475", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c475 is not live: it was never reported, or it ended before the last 1024 endings remembered"})
	requireFails(t, v.ReportCallStateChange("c 475", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		`call "c 475" is not live: it was never reported, or it ended before the last 1024 endings remembered`})
	// c476 is the oldest call still remembered: it ended at step 1+2*477.
	requireFails(t, v.ReportCallStateChange("c476", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c476 ended with DISCONNECTED at step 955 and is no longer live"})
	requireFails(t, v.ReportCallStateChange("c1499", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c1499 ended with DISCONNECTED at step 3001 and is no longer live"})
}

// A callId that nothing ever reported is "never reported" only while the validator still
// remembers every ending.
func TestNeverReportedWhileEveryEndingIsRemembered(t *testing.T) {
	v := validator.New()
	requireFails(t, v.ReportCallStateChange("c0", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c0 was never reported"})
}

// A refused try is remembered for its push only: many pushes tried, refused and then
// reported leave nothing behind, and a new push of a callId used before owes with no try
// named until the app tries it.
func TestRefusedTriesBelongToTheirPush(t *testing.T) {
	v := validator.New()
	require.NoError(t, v.On(callstate.UIEventType, func(callstate.UIEventInfo) {}))
	ringing := func(id string) callstate.Attribute {
		return callstate.Attribute{CallID: id, UserName: "Ann", AbilityName: "A", State: callstate.StateRinging}
	}
	for i := range 5000 {
		id := "p" + strconv.Itoa(i%7)
		v.Push(id)
		v.InjectFault(callstate.CodeSystemInternal)
		_, err := v.ReportIncomingCall(ringing(id))
		require.ErrorIs(t, err, callstate.CauseInjectedFault)
		require.NoError(t, v.ReportIncomingCallError(id, callstate.FailureRouteBusy))
	}
	require.Empty(t, v.Pending())
	seq := v.Push("p3").Seq
	want := "push for call p3 at step " + strconv.Itoa(seq) + " was neither reported with reportIncomingCall nor declined with reportIncomingCallError"
	require.Equal(t, want, v.Pending()[0].Detail, "the tries of the earlier p3 pushes are not this one's")
	v.ServiceStop()
	require.ErrorIs(t, v.ReportIncomingCallError("p3", callstate.FailureRouteBusy), callstate.CauseServiceUnavailable)
	v.ServiceStart()
	require.Equal(t, "push for call p3 at step "+strconv.Itoa(seq)+" was neither reported with reportIncomingCall nor declined with reportIncomingCallError (refused at step "+
		strconv.Itoa(seq+2)+": service-unavailable)", v.Pending()[0].Detail, "the push is still owed: a stop clears calls, not pushes")
}

// With exactly 1024 endings none is forgotten yet: a callId nothing reported is still
// "never reported"; the 1025th ending makes the detail careful.
func TestNeverReportedUpToTheLastRememberedEnding(t *testing.T) {
	v := subscribed(t)
	for i := range 1024 {
		id := "o" + strconv.Itoa(i)
		_, err := v.ReportOutgoingCall(outgoing(id))
		require.NoError(t, err)
		require.NoError(t, v.ReportCallStateChange(id, callstate.StateDisconnected))
	}
	requireFails(t, v.ReportCallStateChange("c9", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c9 was never reported"})
	_, err := v.ReportOutgoingCall(outgoing("o1024"))
	require.NoError(t, err)
	require.NoError(t, v.ReportCallStateChange("o1024", callstate.StateDisconnected))
	requireFails(t, v.ReportCallStateChange("c9", callstate.StateActive), want{callstate.CodeInvalidParameter, callstate.CauseUnknownCallID,
		"call c9 is not live: it was never reported, or it ended before the last 1024 endings remembered"})
}

// When the tries of settled pushes are cleaned up, the tries of pushes still open stay:
// an open push keeps naming the refusal that left it owed.
func TestCleaningUpTriesKeepsThoseOfOpenPushes(t *testing.T) {
	v := subscribed(t) // step 1
	for i := range 20 {
		v.Push("p" + strconv.Itoa(i)) // steps 2..21
	}
	v.ServiceStop() // 22
	for i := range 20 {
		_, err := v.ReportIncomingCall(incoming("p" + strconv.Itoa(i))) // 23..42: p0 at 23
		require.ErrorIs(t, err, callstate.CauseServiceUnavailable)
	}
	v.ServiceStart() // 43
	for i := 1; i < 20; i++ {
		require.NoError(t, v.ReportIncomingCallError("p"+strconv.Itoa(i), callstate.FailureRouteBusy)) // 44..62
	}
	v.Push("c1")                                   // 63
	v.ServiceStop()                                // 64
	_, err := v.ReportIncomingCall(incoming("c1")) // 65: a try of a new push, with 20 tries kept
	require.ErrorIs(t, err, callstate.CauseServiceUnavailable)

	const never = " was neither reported with reportIncomingCall"
	assert.Equal(t, []validator.Obligation{
		{Cause: callstate.CausePushNotReported, CallID: "p0", Seq: 2,
			Detail: "push for call p0 at step 2" + never + " (refused at step 23: service-unavailable) nor declined with reportIncomingCallError"},
		{Cause: callstate.CausePushNotReported, CallID: "c1", Seq: 63,
			Detail: "push for call c1 at step 63" + never + " (refused at step 65: service-unavailable) nor declined with reportIncomingCallError"},
	}, v.Pending())
}
