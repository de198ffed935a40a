package validator_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

func TestCallsSnapshot(t *testing.T) {
	v := subscribed(t)
	steps(reportIn(incoming("c3")), reportOut(outgoing("b1")), reportIn(incoming("c1")), // steps 2-4
		stateChange("c1", callstate.StateActive), audio("c1", callstate.AudioMuted), // 5, 6
		audio("c1", callstate.AudioSpeakerOn), stateChangeWithType("c3", callstate.StateRinging, callstate.CallVoice))(t, v) // 7, 8
	calls := v.Calls()
	assert.Equal(t, []validator.Call{
		{ID: "b1", Direction: validator.Outgoing, Type: callstate.CallVoice, State: callstate.StateDialing, Attr: outgoing("b1"), ReportedAt: 3, Since: 3},
		{ID: "c1", Direction: validator.Incoming, Type: callstate.CallVideo, State: callstate.StateActive, Attr: incoming("c1"),
			Muted: true, SpeakerOn: true, ReportedAt: 4, Since: 5},
		{ID: "c3", Direction: validator.Incoming, Type: callstate.CallVoice, State: callstate.StateRinging, Attr: incoming("c3"), ReportedAt: 2, Since: 8},
	}, calls, "sorted by callId")
	c, ok := v.Call("c1")
	require.True(t, ok)
	assert.Equal(t, calls[1], c)
	_, ok = v.Call("c2")
	assert.False(t, ok)

	calls[1].State = callstate.StateIdle
	c, _ = v.Call("c1")
	assert.Equal(t, callstate.StateActive, c.State, "a snapshot is a copy")
	assert.Equal(t, "incoming", validator.Incoming.String())
	assert.Equal(t, "outgoing", validator.Outgoing.String())
}

func TestEmptyValidator(t *testing.T) {
	v := validator.New()
	assert.Empty(t, v.Calls())
	assert.Empty(t, v.Pending())
	assert.Empty(t, v.Finish())
	assert.True(t, v.ServiceRunning())
	assert.False(t, v.CarrierActive())
	assert.Equal(t, time.Duration(0), v.Now())
	assert.Equal(t, validator.Strict, v.Profile())
}

// TestStepNumbers: details name the step the validator counted, or the Seq a step
// carries, with the noun given by WithStepNoun.
func TestStepNumbers(t *testing.T) {
	v := validator.New(validator.WithStepNoun("line"))
	out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1"), Seq: 12})
	require.NoError(t, out.Err)
	assert.Equal(t, 12, out.Seq)
	out = v.Apply(&validator.Step{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateDisconnected})
	assert.Equal(t, 13, out.Seq, "counting goes on from the last Seq")
	out = v.Apply(&validator.Step{Op: validator.OpReportCallAudioEventChange, CallID: "c1", Seq: 20})
	requireFails(t, out.Err, invalidValue(callstate.CauseUnknownCallID, "call c1 ended with DISCONNECTED at line 13 and is no longer live"))
	out = v.Apply(&validator.Step{Op: validator.OpCarrierCallStart, Seq: 1})
	assert.Equal(t, 1, out.Seq, "a given Seq is taken as it is, 1 included")
}

func TestProfileNames(t *testing.T) {
	for _, p := range []validator.Profile{validator.Strict, validator.Documented} {
		parsed, err := validator.ParseProfile(p.String())
		require.NoError(t, err)
		assert.Equal(t, p, parsed)
	}
	assert.Equal(t, []string{"strict", "documented"}, []string{validator.Strict.String(), validator.Documented.String()})
	_, err := validator.ParseProfile("lenient")
	assert.EqualError(t, err, `profile must be "strict" or "documented", got "lenient"`)
	assert.Equal(t, validator.Documented, validator.New(validator.WithProfile(validator.Documented)).Profile())
	assert.Equal(t, "Profile(7)", validator.Profile(7).String(), "not strict: a validator would apply some rules of each")
	assert.PanicsWithValue(t, "validator: WithProfile(Profile(7)): want Strict or Documented", func() { validator.WithProfile(7) })
}

func TestOpNames(t *testing.T) {
	names := []string{"on", "off", "reportIncomingCall", "reportOutgoingCall", "reportCallStateChange",
		"reportCallAudioEventChange", "reportIncomingCallError", "push", "uiEvent", "carrierCallStart",
		"carrierCallEnd", "serviceStop", "serviceStart", "injectFault"}
	ops := validator.Ops()
	require.Len(t, ops, len(names))
	for i, op := range ops {
		assert.Equal(t, names[i], op.String())
		parsed, ok := validator.ParseOp(names[i])
		require.True(t, ok)
		assert.Equal(t, op, parsed)
		assert.Equal(t, i < 7, op.IsAPI(), names[i])
		assert.Equal(t, i >= 2 && i < 7, op.IsReport(), names[i])
	}
	op, ok := validator.ParseOp("reportcallstatechange")
	assert.False(t, ok)
	assert.Equal(t, validator.OpNone, op)
	_, ok = validator.ParseOp("")
	assert.False(t, ok)
}
