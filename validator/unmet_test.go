package validator_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// Unmet is Pending for the one step a deadline judges: the same obligation while it is
// owed, nothing once it is met or for a step that created none.
func TestUnmetIsPendingForOneStep(t *testing.T) {
	v := subscribed(t) // step 1
	at := func(d time.Duration, s validator.Step) validator.Outcome {
		s.At, s.HasTime = d, true
		out := v.Apply(&s)
		require.NoError(t, out.Err)
		return out
	}
	at(time.Second, validator.Step{Op: validator.OpPush, CallID: "c1"})                                      // 2
	at(2*time.Second, validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")})              // 3
	at(3*time.Second, validator.Step{Op: validator.OpPush, CallID: "c2"})                                    // 4
	at(4*time.Second, validator.Step{Op: validator.OpUIEvent, CallID: "c1", UIEvent: callstate.EventReject}) // 5

	pending := v.Pending()
	require.Len(t, pending, 2)
	for _, o := range pending {
		got, ok := v.Unmet(o.CallID, o.Seq)
		assert.True(t, ok, "%+v", o)
		assert.Equal(t, o, got)
		assert.True(t, v.Owes(o.CallID, o.Seq), "Owes agrees with Unmet on %+v", o)
	}
	for _, none := range []struct {
		id  string
		seq int
	}{{"c1", 2}, {"c1", 3}, {"c2", 5}, {"c1", 4}, {"c9", 5}, {"c1", 0}, {"c2", 0}} {
		_, ok := v.Unmet(none.id, none.seq)
		assert.False(t, ok, "%s at step %d", none.id, none.seq)
		assert.False(t, v.Owes(none.id, none.seq), "Owes agrees with Unmet: %s at step %d", none.id, none.seq)
	}

	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateDisconnected))
	require.NoError(t, v.ReportIncomingCallError("c2", callstate.FailureRouteBusy))
	assert.Empty(t, v.Pending())
	_, ok := v.Unmet("c1", 5)
	assert.False(t, ok, "the REJECT was answered")
	assert.False(t, v.Owes("c1", 5))
	_, ok = v.Unmet("c2", 4)
	assert.False(t, ok, "the push was declined")
	assert.False(t, v.Owes("c2", 4))
}

// With more open pushes than the book keeps in its short list, Owes still finds the
// push by its callId and step, and nothing else.
func TestOwesWithManyOpenPushes(t *testing.T) {
	v := subscribed(t) // step 1
	for i := range 20 {
		out := v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c" + strconv.Itoa(i)}) // steps 2..21
		require.NoError(t, out.Err)
	}
	assert.True(t, v.Owes("c0", 2))
	assert.True(t, v.Owes("c19", 21))
	assert.False(t, v.Owes("c19", 20), "c18 made step 20")
	assert.False(t, v.Owes("c20", 22), "no such push")
	require.NoError(t, v.ReportIncomingCallError("c19", callstate.FailureRouteBusy))
	assert.False(t, v.Owes("c19", 21), "declined")
}

// Owes answers at once about the obligation the app met last; that shortcut must not
// hide an older one still owed, nor one of a step whose number a trace gave twice.
func TestOwesAfterTheNewestMetObligation(t *testing.T) {
	v := subscribed(t)                                                                   // step 1
	require.NoError(t, v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c1"}).Err) // 2
	require.NoError(t, v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c2"}).Err) // 3
	_, err := v.ReportIncomingCall(incoming("c2"))                                       // 4 pays step 3
	require.NoError(t, err)
	assert.False(t, v.Owes("c2", 3), "met just now")
	assert.True(t, v.Owes("c1", 2), "an older push is still owed")
	require.NoError(t, v.Apply(&validator.Step{Op: validator.OpUIEvent, CallID: "c2", UIEvent: callstate.EventMuted}).Err)   // 5
	require.NoError(t, v.Apply(&validator.Step{Op: validator.OpUIEvent, CallID: "c2", UIEvent: callstate.EventUnmuted}).Err) // 6
	require.NoError(t, v.ReportCallAudioEventChange("c2", callstate.AudioUnmuted))                                           // 7 pays step 6
	assert.False(t, v.Owes("c2", 6))
	assert.True(t, v.Owes("c2", 5), "the mute is still owed")
	require.NoError(t, v.ReportCallAudioEventChange("c2", callstate.AudioMuted)) // 8 pays step 5, older than 6
	assert.False(t, v.Owes("c2", 5))
	assert.False(t, v.Owes("c2", 6))

	// Step numbers given by the caller may repeat: then only the full lookup can tell.
	traced := subscribed(t)
	numbered := numberedSteps(t, traced)
	numbered(5, validator.Step{Op: validator.OpPush, CallID: "c1"})
	numbered(6, validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")}) // pays step 5
	numbered(5, validator.Step{Op: validator.OpPush, CallID: "c2"})                       // number 5 again
	assert.False(t, traced.Owes("c1", 5))
	assert.True(t, traced.Owes("c2", 5), "the second step 5 is a push still owed")
}

// The very first step may create an obligation: step 1 is a step like any other, for
// Unmet and Owes, and declining a callId nothing pushed pays nothing.
func TestOwesTheFirstStep(t *testing.T) {
	v := validator.New()
	require.Equal(t, 1, v.Push("c1").Seq)
	want := validator.Obligation{Cause: callstate.CausePushNotReported, CallID: "c1", Seq: 1,
		Detail: "push for call c1 at step 1 was neither reported with reportIncomingCall nor declined with reportIncomingCallError"}
	got, unmet := v.Unmet("c1", 1)
	assert.True(t, unmet)
	assert.Equal(t, want, got)
	assert.True(t, v.Owes("c1", 1))

	require.NoError(t, v.ReportIncomingCallError("c9", callstate.FailureRouteBusy), "a decline of a callId never pushed")
	assert.True(t, v.Owes("c1", 1), "the decline of c9 paid nothing of c1")
	assert.Equal(t, []validator.Obligation{want}, v.Pending())
}

// Unmet builds the obligation of an answer as Pending does: the UI event, and the reports
// that would pay it.
func TestUnmetAnswer(t *testing.T) {
	v := subscribed(t)
	steps(reportIn(incoming("c1")))(t, v) // step 2
	out := v.UIEvent("c1", callstate.EventVoiceAnswer, callstate.ReasonNone)
	want := validator.Obligation{Cause: callstate.CauseUnansweredUIEvent, CallID: "c1", Seq: 3, Event: callstate.EventVoiceAnswer,
		Detail: "call c1 got VOIP_CALL_EVENT_VOICE_ANSWER at step 3 but the app never reported ANSWERED, ACTIVE or DISCONNECTED"}
	got, unmet := v.Unmet("c1", out.Seq)
	assert.True(t, unmet)
	assert.Equal(t, want, got)
	assert.Equal(t, []validator.Obligation{want}, v.Pending())
}

// A trace may give the same step number twice in a row: the met obligation of the first
// must not hide the one the second creates.
func TestOwesWhenAStepNumberRepeats(t *testing.T) {
	v := subscribed(t)
	numbered := numberedSteps(t, v)
	numbered(5, validator.Step{Op: validator.OpPush, CallID: "c1"})
	numbered(5, validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")}) // pays step 5
	numbered(5, validator.Step{Op: validator.OpPush, CallID: "c2"})
	assert.False(t, v.Owes("c1", 5))
	assert.True(t, v.Owes("c2", 5), "the third step 5 is a push still owed")
}

// numberedSteps applies steps with the step numbers a trace gives them, each to succeed.
func numberedSteps(t *testing.T, v *validator.Validator) func(seq int, s validator.Step) {
	return func(seq int, s validator.Step) {
		t.Helper()
		s.Seq = seq
		require.NoError(t, v.Apply(&s).Err)
	}
}
