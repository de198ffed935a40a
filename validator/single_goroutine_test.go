package validator_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// SingleGoroutine drops the lock and nothing else: the same steps get the same outcomes
// and leave the same state, and the app may still report from inside its callback (which
// a lock taken twice would deadlock).
func TestSingleGoroutineBehavesAsLocked(t *testing.T) {
	run := func(opts ...validator.Option) ([]validator.Outcome, *validator.Validator) {
		v := validator.New(opts...)
		var fromCallback []error
		cb := func(info callstate.UIEventInfo) {
			if info.Event == callstate.EventVoiceAnswer {
				fromCallback = append(fromCallback, v.ReportCallStateChange(info.CallID, callstate.StateAnswered))
			}
		}
		steps := []validator.Step{
			{Op: validator.OpOn, EventType: callstate.UIEventType, Callback: cb},
			{Op: validator.OpPush, CallID: "c1", At: 0, HasTime: true},
			{Op: validator.OpReportIncomingCall, Attr: incoming("c1")},
			{Op: validator.OpPush, CallID: "c2", At: 1, HasTime: true},
			{Op: validator.OpUIEvent, CallID: "c1", UIEvent: callstate.EventVoiceAnswer},
			{Op: validator.OpUIEvent, CallID: "c1", UIEvent: callstate.EventMuted},
			{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateAnswered},
			{Op: validator.OpReportCallStateChange, CallID: "c9", State: callstate.StateActive},
		}
		outs := make([]validator.Outcome, len(steps))
		for i := range steps {
			v.ApplyTo(&steps[i], &outs[i])
		}
		require.Len(t, fromCallback, 1)
		require.NoError(t, fromCallback[0], "the report made from inside the callback")
		return outs, v
	}
	locked, lv := run()
	single, sv := run(validator.SingleGoroutine())

	assert.Equal(t, locked, single)
	assert.Equal(t, 8, single[6].Seq, "the callback's report took step 6")
	requireFails(t, single[6].Err, want{callstate.CodeInvalidParameter, callstate.CauseDuplicateReport,
		"call c1 is already ANSWERED as a video call (since step 6)"})
	assert.Equal(t, lv.Calls(), sv.Calls())
	assert.Equal(t, lv.Pending(), sv.Pending())
	require.Len(t, sv.Pending(), 2, "the push of c2 and the mute of c1 are owed")

	b, live := sv.Brief("c1")
	assert.True(t, live)
	assert.Equal(t, callstate.StateAnswered, b.State)
	assert.True(t, sv.Live("c1"))
	assert.False(t, sv.Live("c2"), "c2 was pushed, never reported")
	assert.True(t, sv.Owes("c2", 4), "the push of c2 at step 4")
	assert.True(t, sv.Owes("c1", 7), "the mute of c1 at step 7")
	assert.False(t, sv.Owes("c1", 6), "the answer was reported from the callback")
	o, unmet := sv.Unmet("c1", 7)
	assert.True(t, unmet)
	assert.Equal(t, callstate.EventMuted, o.Event)
	assert.Equal(t, []string{"c1"}, sv.AppendIDs(nil))
	assert.Equal(t, lv.Finish(), sv.Finish())
}
