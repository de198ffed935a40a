package validator_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// recorder is a UI-event callback that remembers what it got.
type recorder struct {
	mu  sync.Mutex
	got []callstate.UIEventInfo
}

func (r *recorder) callback(info callstate.UIEventInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, info)
}

func (r *recorder) events() []callstate.UIEventInfo {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]callstate.UIEventInfo(nil), r.got...)
}

func TestCallbacksReceiveUIEvents(t *testing.T) {
	v := validator.New()
	var a, b recorder
	require.NoError(t, v.On(callstate.UIEventType, a.callback))
	require.NoError(t, v.On(callstate.UIEventType, b.callback))
	_, err := v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)

	v.UIEvent("c1", callstate.EventReject, callstate.ReasonCellularCallExists)
	v.UIEvent("zz", callstate.EventHangup, callstate.ReasonUserAnswerCellularFirst)
	v.UIEvent("c1", 12, callstate.ReasonNone) // bad steps reach nobody
	v.UIEvent("c1", callstate.EventHangup, 7)
	want := []callstate.UIEventInfo{
		{CallID: "c1", Event: callstate.EventReject, ErrorReason: callstate.ReasonCellularCallExists},
		{CallID: "zz", Event: callstate.EventHangup, ErrorReason: callstate.ReasonUserAnswerCellularFirst},
	}
	assert.Equal(t, want, a.events(), "every callback gets every event, even for a call that is not live")
	assert.Equal(t, want, b.events())

	require.NoError(t, v.Off(callstate.UIEventType))
	v.UIEvent("c1", callstate.EventMuted, callstate.ReasonNone)
	assert.Len(t, a.events(), 2, "off removes every callback")
	assert.Len(t, v.Pending(), 2, "the event still creates its obligation")
}

// TestCallbackMayReportReentrantly: the app answers from inside its callback, as on the
// device; the validator must not hold its lock while delivering.
func TestCallbackMayReportReentrantly(t *testing.T) {
	v := validator.New()
	var errs []error
	require.NoError(t, v.On(callstate.UIEventType, func(info callstate.UIEventInfo) {
		switch info.Event {
		case callstate.EventVoiceAnswer:
			errs = append(errs, v.ReportCallStateChange(info.CallID, callstate.StateAnswered))
			errs = append(errs, v.ReportCallStateChangeWithType(info.CallID, callstate.StateActive, callstate.CallVoice))
		case callstate.EventMuted:
			errs = append(errs, v.ReportCallAudioEventChange(info.CallID, callstate.AudioMuted))
		case callstate.EventHangup:
			errs = append(errs, v.ReportCallStateChange(info.CallID, callstate.StateDisconnected))
		}
		_ = v.Calls()
		_ = v.Pending()
	}))
	_, err := v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)
	out := v.UIEvent("c1", callstate.EventVoiceAnswer, callstate.ReasonNone)
	require.NoError(t, out.Err)
	c, _ := v.Call("c1")
	assert.Equal(t, callstate.StateActive, c.State)
	assert.Equal(t, callstate.CallVoice, c.Type)
	v.UIEvent("c1", callstate.EventMuted, callstate.ReasonNone)
	assert.Empty(t, v.Pending())
	v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone)
	assert.Equal(t, []error{nil, nil, nil, nil}, errs)
	assert.Empty(t, v.Finish())
}

func TestObserverSeesEveryStep(t *testing.T) {
	var seen []string
	var v *validator.Validator
	v = validator.New(validator.WithObserver(func(s validator.Step, o validator.Outcome) {
		verdict := "ok"
		if o.Err != nil {
			verdict = o.Err.(*callstate.Error).Cause.String()
		}
		seen = append(seen, s.Op.String()+" "+verdict)
		_ = v.Calls() // the observer runs outside the lock
	}))
	require.NoError(t, v.On(callstate.UIEventType, func(callstate.UIEventInfo) {}))
	v.Push("c1")
	_, _ = v.ReportIncomingCall(incoming("c1"))
	_ = v.ReportCallStateChange("c1", callstate.StateHolding)
	assert.Equal(t, []string{"on ok", "push ok", "reportIncomingCall ok", "reportCallStateChange illegal-transition"}, seen)
}
