package validator_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// TestConcurrentUse drives one validator from several goroutines at once: three run
// incoming calls (the incoming limit is 3), one runs outgoing calls, one plays UI events
// and subscriptions, one reads snapshots. Run under -race.
func TestConcurrentUse(t *testing.T) {
	const rounds = 200
	v := validator.New(validator.AllowOpenCalls())
	var answered sync.Map
	var cbMu sync.Mutex
	delivered := 0
	assert.NoError(t, v.On(callstate.UIEventType, func(info callstate.UIEventInfo) {
		cbMu.Lock()
		delivered++
		cbMu.Unlock()
		answered.Store(info.CallID, true)
	}))
	var wg sync.WaitGroup
	errs := make(chan error, 5*5*rounds) // room for every verdict: the goroutines never block on it
	lifecycle := func(prefix string, dir validator.Direction) {
		defer wg.Done()
		for i := range rounds {
			id := prefix + strconv.Itoa(i)
			var err error
			if dir == validator.Incoming {
				_, err = v.ReportIncomingCall(incoming(id))
			} else {
				_, err = v.ReportOutgoingCall(outgoing(id))
			}
			errs <- err
			errs <- v.ReportCallStateChange(id, callstate.StateActive)
			errs <- v.ReportCallAudioEventChange(id, callstate.AudioMuted)
			errs <- v.ReportCallStateChange(id, callstate.StateHolding)
			errs <- v.ReportCallStateChange(id, callstate.StateDisconnected)
		}
	}
	wg.Add(6)
	go lifecycle("a", validator.Incoming)
	go lifecycle("b", validator.Incoming)
	go lifecycle("c", validator.Incoming)
	go lifecycle("o", validator.Outgoing)
	go func() {
		defer wg.Done()
		for i := range rounds {
			v.UIEvent("nobody"+strconv.Itoa(i), callstate.EventHangup, callstate.ReasonNone)
			v.Push("p" + strconv.Itoa(i))
			errs <- v.ReportIncomingCallError("p"+strconv.Itoa(i), callstate.FailureRouteBusy)
		}
	}()
	go func() {
		defer wg.Done()
		for range rounds {
			for _, c := range v.Calls() {
				_, _ = v.Call(c.ID)
			}
			_ = v.Pending()
			_ = v.Finish()
			_ = v.Now()
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
	assert.Empty(t, v.Calls())
	assert.Empty(t, v.Finish())
	assert.Equal(t, rounds, delivered)
}

// A nil step is a mistake in the calling code: it panics, naming it, before taking the
// lock, so that a test that recovers can go on using the validator.
func TestNilStepPanicsWithoutHoldingTheLock(t *testing.T) {
	v := validator.New()
	assert.PanicsWithValue(t, "validator: Apply of a nil *Step", func() { v.Apply(nil) })
	done := make(chan validator.Outcome, 1)
	go func() { done <- v.Push("c1") }()
	select {
	case out := <-done:
		assert.NoError(t, out.Err)
	case <-time.After(5 * time.Second):
		t.Fatal("the validator is still locked after the panic")
	}
	assert.PanicsWithValue(t, "validator: Apply of a nil *Step", func() { v.ApplyTo(nil, &validator.Outcome{}) })
}
