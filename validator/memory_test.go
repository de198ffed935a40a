package validator_test

import (
	"strconv"
	"testing"

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
