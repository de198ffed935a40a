package callstate_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/callstate"
)

func TestCodesAndExactMessages(t *testing.T) {
	for _, tc := range []struct {
		code       callstate.Code
		num        int32
		msg        string
		injectable bool
	}{
		{callstate.CodeParameterError, 401, "Parameter error.", false},
		{callstate.CodeInvalidParameter, 1007200001, "Invalid parameter value.", false},
		{callstate.CodeServiceUnavailable, 1007200002, "Operation failed. Cannot connect to service.", true},
		{callstate.CodeSystemInternal, 1007200003, "System internal error.", true},
		{callstate.CodeUnknown, 1007200999, "Unknown error code.", true},
	} {
		assert.Equal(t, tc.num, int32(tc.code))
		assert.Equal(t, tc.msg, tc.code.Message())
		assert.True(t, tc.code.Valid())
		assert.Equal(t, tc.injectable, tc.code.Injectable(), "%d Injectable", tc.num)
		assert.Equal(t, fmt.Sprintf("%d %s", tc.num, tc.msg), tc.code.Error())
	}
	assert.Equal(t, []callstate.Code{401, 1007200001, 1007200002, 1007200003, 1007200999}, callstate.Codes())
	for _, c := range []callstate.Code{0, 400, 1007200000, 1007200004, 1007200998} {
		assert.False(t, c.Valid(), "%d", c)
		assert.False(t, c.Injectable(), "%d", c)
		assert.Empty(t, c.Message(), "%d", c)
	}
}

func TestErrorText(t *testing.T) {
	e := callstate.NewError(callstate.CodeSystemInternal, callstate.CauseCarrierConflict, "a carrier call is active since step 3")
	assert.Equal(t, callstate.CodeSystemInternal, e.Code)
	assert.Equal(t, callstate.CauseCarrierConflict, e.Cause)
	assert.Equal(t, "a carrier call is active since step 3", e.Detail)
	assert.Equal(t, "System internal error.", e.Message())
	assert.Equal(t, "1007200003 System internal error. [carrier-conflict] a carrier call is active since step 3", e.Error())
	bare := callstate.NewError(callstate.CodeParameterError, callstate.CauseParameterType, "")
	assert.Equal(t, "401 Parameter error. [parameter-type]", bare.Error())
}

func TestErrorsIs(t *testing.T) {
	e := callstate.NewError(callstate.CodeInvalidParameter, callstate.CauseUnknownCallID, "call c1 was never reported")
	wrapped := fmt.Errorf("reporting: %w", e)
	for _, tc := range []struct {
		name   string
		target error
		want   bool
	}{
		{"its code", callstate.CodeInvalidParameter, true},
		{"its cause", callstate.CauseUnknownCallID, true},
		{"same code and cause, other detail", callstate.NewError(callstate.CodeInvalidParameter, callstate.CauseUnknownCallID, "x"), true},
		{"another code", callstate.CodeSystemInternal, false},
		{"another cause of the same code", callstate.CauseDuplicateReport, false},
		{"same code, other cause", callstate.NewError(callstate.CodeInvalidParameter, callstate.CauseDuplicateReport, ""), false},
		{"same cause, other code", callstate.NewError(callstate.CodeUnknown, callstate.CauseUnknownCallID, ""), false},
		{"nil *Error", (*callstate.Error)(nil), false},
		{"an unrelated error", errors.New("call c1 was never reported"), false},
	} {
		assert.Equal(t, tc.want, errors.Is(e, tc.target), "%s", tc.name)
		assert.Equal(t, tc.want, errors.Is(wrapped, tc.target), "%s, wrapped", tc.name)
	}
	var got *callstate.Error
	assert.True(t, errors.As(wrapped, &got))
	assert.Same(t, e, got)
}
