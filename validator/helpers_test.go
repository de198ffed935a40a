package validator_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// exactMessage is SPEC.md section 2 written out, so that a wrong Message() fails here.
var exactMessage = map[callstate.Code]string{
	401:        "Parameter error.",
	1007200001: "Invalid parameter value.",
	1007200002: "Operation failed. Cannot connect to service.",
	1007200003: "System internal error.",
	1007200999: "Unknown error code.",
}

// want is an expected verdict of one API call: the code, the cause and the exact detail.
type want struct {
	code   callstate.Code
	cause  callstate.Cause
	detail string
}

// requireFails asserts that err is the service's error w, with its exact message.
func requireFails(t *testing.T, err error, w want) {
	t.Helper()
	require.Error(t, err, "expected %d/%s", w.code, w.cause)
	var e *callstate.Error
	require.True(t, errors.As(err, &e), "%v is not a *callstate.Error", err)
	assert.Equal(t, w.code, e.Code, "code of %v", err)
	assert.Equal(t, exactMessage[w.code], e.Message())
	assert.Equal(t, w.cause, e.Cause, "cause of %v", err)
	assert.Equal(t, w.detail, e.Detail)
	assert.ErrorIs(t, err, w.code)
	assert.ErrorIs(t, err, w.cause)
}

func incoming(id string) callstate.Attribute {
	return callstate.Attribute{CallID: id, CallType: callstate.CallVideo, UserName: "Ann",
		UserProfile: callstate.Avatar{Width: 112, Height: 112, ByteCount: 50176}, AbilityName: "VoipAbility",
		State: callstate.StateRinging}
}

func outgoing(id string) callstate.Attribute {
	a := incoming(id)
	a.CallType, a.UserName, a.State = callstate.CallVoice, "Bob", callstate.StateDialing
	return a
}

// subscribed is a validator with a voipCallUiEvent callback registered (step 1), so that
// reports carry no no-subscription warning.
func subscribed(t *testing.T, opts ...validator.Option) *validator.Validator {
	t.Helper()
	v := validator.New(opts...)
	require.NoError(t, v.On(callstate.UIEventType, func(callstate.UIEventInfo) {}))
	return v
}

// live names a live state a call can be brought to, and the reports that bring it there.
type live struct {
	dir   validator.Direction
	state callstate.CallState
	path  []callstate.CallState
}

// liveStates is every state a call can be live in under the strict profile.
var liveStates = []live{
	{validator.Incoming, callstate.StateRinging, nil},
	{validator.Incoming, callstate.StateAnswered, []callstate.CallState{callstate.StateAnswered}},
	{validator.Incoming, callstate.StateActive, []callstate.CallState{callstate.StateActive}},
	{validator.Incoming, callstate.StateHolding, []callstate.CallState{callstate.StateActive, callstate.StateHolding}},
	{validator.Incoming, callstate.StateDisconnecting, []callstate.CallState{callstate.StateDisconnecting}},
	{validator.Outgoing, callstate.StateDialing, nil},
	{validator.Outgoing, callstate.StateActive, []callstate.CallState{callstate.StateActive}},
	{validator.Outgoing, callstate.StateHolding, []callstate.CallState{callstate.StateActive, callstate.StateHolding}},
	{validator.Outgoing, callstate.StateDisconnecting, []callstate.CallState{callstate.StateDisconnecting}},
}

func (l live) String() string { return l.dir.String() + "/" + l.state.Short() }

// bring reports call id and walks it to l.state; it returns the step of the last report.
func (l live) bring(t *testing.T, v *validator.Validator, id string) int {
	t.Helper()
	attr := incoming(id)
	op := validator.OpReportIncomingCall
	if l.dir == validator.Outgoing {
		attr, op = outgoing(id), validator.OpReportOutgoingCall
	}
	out := v.Apply(&validator.Step{Op: op, Attr: attr})
	require.NoError(t, out.Err)
	for _, s := range l.path {
		out = v.Apply(&validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: s})
		require.NoError(t, out.Err)
	}
	c, ok := v.Call(id)
	require.True(t, ok)
	require.Equal(t, l.state, c.State)
	return out.Seq
}

func liveIDs(v *validator.Validator) []string {
	ids := []string{}
	for _, c := range v.Calls() {
		ids = append(ids, c.ID)
	}
	return ids
}

func causes(ws []validator.Warning) []callstate.Cause {
	out := []callstate.Cause{}
	for _, w := range ws {
		out = append(out, w.Cause)
	}
	return out
}
