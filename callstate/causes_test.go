package callstate_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
)

const (
	doc    = callstate.MarkDoc
	policy = callstate.MarkPolicy
	both   = callstate.MarkDocAndPolicy
)

// causeTable is SPEC.md sections 2, 5 and 6: every cause, its name, kind, code and mark.
var causeTable = []struct {
	cause callstate.Cause
	name  string
	kind  callstate.Kind
	code  callstate.Code
	mark  callstate.Mark
}{
	{callstate.CauseParameterType, "parameter-type", callstate.KindError, 401, doc},
	{callstate.CauseMissingParameter, "missing-parameter", callstate.KindError, 1007200001, doc},
	{callstate.CauseInvalidCallType, "invalid-call-type", callstate.KindError, 1007200001, doc},
	{callstate.CauseInvalidCallState, "invalid-call-state", callstate.KindError, 1007200001, doc},
	{callstate.CauseInvalidAudioEvent, "invalid-audio-event", callstate.KindError, 1007200001, doc},
	{callstate.CauseInvalidFailureCause, "invalid-failure-cause", callstate.KindError, 1007200001, doc},
	{callstate.CauseOutgoingNotDialing, "outgoing-not-dialing", callstate.KindError, 1007200001, doc},
	{callstate.CauseIncomingNotRinging, "incoming-not-ringing", callstate.KindError, 1007200001, policy},
	{callstate.CauseUnknownCallID, "unknown-call-id", callstate.KindError, 1007200001, doc},
	{callstate.CauseDuplicateReport, "duplicate-report", callstate.KindError, 1007200001, both},
	{callstate.CauseIllegalTransition, "illegal-transition", callstate.KindError, 1007200001, policy},
	{callstate.CauseServiceUnavailable, "service-unavailable", callstate.KindError, 1007200002, doc},
	{callstate.CauseIncomingLimit, "incoming-limit", callstate.KindError, 1007200003, doc},
	{callstate.CauseOutgoingLimit, "outgoing-limit", callstate.KindError, 1007200003, doc},
	{callstate.CauseCarrierConflict, "carrier-conflict", callstate.KindError, 1007200003, doc},
	{callstate.CauseInjectedFault, "injected-fault", callstate.KindError, 0, policy},
	{callstate.CauseAvatarTooLarge, "avatar-too-large", callstate.KindWarning, 0, doc},
	{callstate.CauseNoSubscription, "no-subscription", callstate.KindWarning, 0, policy},
	{callstate.CauseLateReport, "late-report", callstate.KindWarning, 0, doc},
	{callstate.CauseRedundantAudioEvent, "redundant-audio-event", callstate.KindWarning, 0, policy},
	{callstate.CauseEmptyUserName, "empty-user-name", callstate.KindWarning, 0, policy},
	{callstate.CauseEventForUnknownCall, "event-for-unknown-call", callstate.KindWarning, 0, policy},
	{callstate.CauseUnansweredUIEvent, "unanswered-ui-event", callstate.KindViolation, 0, doc},
	{callstate.CausePushNotReported, "push-not-reported", callstate.KindViolation, 0, doc},
	{callstate.CauseLeakedCall, "leaked-call", callstate.KindViolation, 0, policy},
}

func TestCauseNamesKindsCodesMarks(t *testing.T) {
	for _, tc := range causeTable {
		info := tc.cause.Info()
		assert.Equal(t, tc.name, tc.cause.String())
		assert.Equal(t, tc.name, tc.cause.Error(), "a Cause is an errors.Is target named by its cause")
		assert.Equal(t, tc.name, info.Name)
		assert.Equal(t, tc.kind, info.Kind, tc.name)
		assert.Equal(t, tc.kind, tc.cause.Kind(), tc.name)
		assert.Equal(t, tc.code, info.Code, tc.name)
		assert.Equal(t, tc.mark, info.Mark, tc.name)
		assert.NotEmpty(t, info.Rule, tc.name)
		parsed, ok := callstate.ParseCause(tc.name)
		require.True(t, ok, tc.name)
		assert.Equal(t, tc.cause, parsed)
	}
	assert.Equal(t, "none", callstate.CauseNone.String())
	assert.Equal(t, "cause(200)", callstate.Cause(200).String())
	assert.Equal(t, callstate.CauseInfo{Name: "cause(200)"}, callstate.Cause(200).Info())
	pastLast := callstate.CauseLeakedCall + 1 // the first number that names no cause
	assert.Equal(t, "cause("+strconv.Itoa(int(pastLast))+")", pastLast.String())
	assert.Equal(t, callstate.CauseInfo{Name: pastLast.String()}, pastLast.Info())
	for _, bad := range []string{"", "none", "Unknown-Call-Id", "unknown_call_id"} {
		_, ok := callstate.ParseCause(bad)
		assert.False(t, ok, "ParseCause(%q)", bad)
	}
}

func TestCausesByKindInDeclarationOrder(t *testing.T) {
	want := map[callstate.Kind][]callstate.Cause{}
	for _, tc := range causeTable {
		want[tc.kind] = append(want[tc.kind], tc.cause)
	}
	for _, k := range []callstate.Kind{callstate.KindError, callstate.KindWarning, callstate.KindViolation} {
		assert.Equal(t, want[k], callstate.Causes(k), k.String())
	}
	assert.Len(t, callstate.Causes(callstate.KindError), 16)
}

func TestKindAndMarkNames(t *testing.T) {
	assert.Equal(t, []string{"error", "warning", "violation", "none"}, []string{callstate.KindError.String(),
		callstate.KindWarning.String(), callstate.KindViolation.String(), callstate.Kind(0).String()})
	assert.Equal(t, []string{"[doc]", "[policy]", "[doc]/[policy]", ""}, []string{doc.String(), policy.String(),
		both.String(), callstate.Mark(0).String()})
}

// TestAllowedFor crosses every cause with every code: an error cause goes with its own code
// only, injected-fault with the three injectable codes, warnings and violations with none.
func TestAllowedFor(t *testing.T) {
	injectable := map[callstate.Code]bool{1007200002: true, 1007200003: true, 1007200999: true}
	codes := append(callstate.Codes(), 0, 400)
	for _, tc := range causeTable {
		for _, code := range codes {
			want := tc.kind == callstate.KindError && tc.code == code && code != 0
			if tc.cause == callstate.CauseInjectedFault {
				want = injectable[code]
			}
			assert.Equal(t, want, tc.cause.AllowedFor(code), "%s with %d", tc.name, code)
		}
	}
	for _, code := range codes {
		assert.False(t, callstate.CauseNone.AllowedFor(code), "none with %d", code)
		assert.False(t, callstate.Cause(200).AllowedFor(code), "cause(200) with %d", code)
	}
}
