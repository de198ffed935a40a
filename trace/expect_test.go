package trace_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/trace"
)

// An expectation is written as a trace's `expect` takes it (SPEC.md section 8).
func TestExpectationString(t *testing.T) {
	assert.Equal(t, "ok", trace.Expectation{}.String())
	assert.Equal(t, "1007200003", trace.Expectation{Code: callstate.CodeSystemInternal}.String())
	assert.Equal(t, "1007200003/carrier-conflict",
		trace.Expectation{Code: callstate.CodeSystemInternal, Cause: callstate.CauseCarrierConflict}.String())
}

// An expectation holds for the verdict it names: success for "ok"; a failure with its code
// and, when it names one, its cause.
func TestExpectationHolds(t *testing.T) {
	ok := trace.Expectation{}
	code := trace.Expectation{Code: callstate.CodeSystemInternal}
	cause := trace.Expectation{Code: callstate.CodeSystemInternal, Cause: callstate.CauseCarrierConflict}
	for _, tc := range []struct {
		name    string
		expect  trace.Expectation
		ok      bool
		code    callstate.Code
		cause   callstate.Cause
		holds   bool
		comment string
	}{
		{"ok/success", ok, true, 0, 0, true, ""},
		{"ok/failure", ok, false, callstate.CodeSystemInternal, callstate.CauseCarrierConflict, false, ""},
		{"code/success", code, true, 0, 0, false, ""},
		{"code/success that names the code", code, true, callstate.CodeSystemInternal, 0, false, "a success is never a failure"},
		{"code/same code", code, false, callstate.CodeSystemInternal, callstate.CauseOutgoingLimit, true, "any cause of the code"},
		{"code/other code", code, false, callstate.CodeInvalidParameter, callstate.CauseDuplicateReport, false, ""},
		{"cause/same", cause, false, callstate.CodeSystemInternal, callstate.CauseCarrierConflict, true, ""},
		{"cause/other cause", cause, false, callstate.CodeSystemInternal, callstate.CauseOutgoingLimit, false, ""},
		{"cause/other code", cause, false, callstate.CodeServiceUnavailable, callstate.CauseCarrierConflict, false, ""},
		{"cause/success", cause, true, 0, 0, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.holds, tc.expect.Holds(tc.ok, tc.code, tc.cause), tc.comment)
		})
	}
}
