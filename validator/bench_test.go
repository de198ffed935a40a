package validator_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/looplab/fsm"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// lifecycleSteps is the seven-report life of one incoming call that every benchmark runs.
var lifecycleStates = []callstate.CallState{
	callstate.StateAnswered, callstate.StateActive, callstate.StateHolding, callstate.StateActive, callstate.StateDisconnected,
}

func benchAttrs(n int) []callstate.Attribute {
	attrs := make([]callstate.Attribute, n)
	for i := range attrs {
		attrs[i] = callstate.Attribute{CallID: "c" + strconv.Itoa(i), CallType: callstate.CallVideo, UserName: "Ann",
			UserProfile: callstate.Avatar{Width: 112, Height: 112, ByteCount: 50176}, AbilityName: "VoipAbility",
			State: callstate.StateRinging}
	}
	return attrs
}

func runLifecycle(b *testing.B, v *validator.Validator, a callstate.Attribute) {
	if _, err := v.ReportIncomingCall(a); err != nil {
		b.Fatal(err)
	}
	if err := v.ReportCallStateChange(a.CallID, callstate.StateAnswered); err != nil {
		b.Fatal(err)
	}
	if err := v.ReportCallStateChange(a.CallID, callstate.StateActive); err != nil {
		b.Fatal(err)
	}
	if err := v.ReportCallAudioEventChange(a.CallID, callstate.AudioMuted); err != nil {
		b.Fatal(err)
	}
	if err := v.ReportCallStateChange(a.CallID, callstate.StateHolding); err != nil {
		b.Fatal(err)
	}
	if err := v.ReportCallStateChange(a.CallID, callstate.StateActive); err != nil {
		b.Fatal(err)
	}
	if err := v.ReportCallStateChange(a.CallID, callstate.StateDisconnected); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLifecycle: one op is one incoming call through 7 reports on a long-lived validator.
func BenchmarkLifecycle(b *testing.B) {
	attrs := benchAttrs(4096)
	v := validator.New()
	_ = v.On(callstate.UIEventType, func(callstate.UIEventInfo) {})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runLifecycle(b, v, attrs[i%len(attrs)])
	}
}

// BenchmarkLooplabPerCall is the naive baseline: a map of calls, a new looplab FSM per
// call and one Event per state report.
func BenchmarkLooplabPerCall(b *testing.B) {
	attrs := benchAttrs(4096)
	ctx := context.Background()
	type naiveCall struct {
		fsm   *fsm.FSM
		muted bool
	}
	calls := map[string]*naiveCall{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := attrs[i%len(attrs)]
		calls[a.CallID] = &naiveCall{fsm: callstate.NewReferenceFSM(callstate.StateRinging)}
		for j, s := range lifecycleStates {
			c := calls[a.CallID]
			if j == 2 {
				c.muted = true // the audio report sits between ACTIVE and HOLDING
			}
			if err := c.fsm.Event(ctx, s.String()); err != nil {
				b.Fatal(err)
			}
		}
		delete(calls, a.CallID)
	}
}

// BenchmarkParallel runs independent validators, one per goroutine.
func BenchmarkParallel(b *testing.B) {
	attrs := benchAttrs(4096)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		v := validator.New()
		_ = v.On(callstate.UIEventType, func(callstate.UIEventInfo) {})
		i := 0
		for pb.Next() {
			runLifecycle(b, v, attrs[i%len(attrs)])
			i++
		}
	})
}
