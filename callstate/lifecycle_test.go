package callstate_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
)

// specLifecycle is the table of SPEC.md section 4, written out independently of the
// looplab declaration it checks.
var specLifecycle = map[callstate.CallState][]callstate.CallState{
	callstate.StateRinging:       {callstate.StateAnswered, callstate.StateActive, callstate.StateDisconnecting, callstate.StateDisconnected},
	callstate.StateAnswered:      {callstate.StateActive, callstate.StateDisconnecting, callstate.StateDisconnected},
	callstate.StateDialing:       {callstate.StateActive, callstate.StateDisconnecting, callstate.StateDisconnected},
	callstate.StateActive:        {callstate.StateHolding, callstate.StateDisconnecting, callstate.StateDisconnected},
	callstate.StateHolding:       {callstate.StateActive, callstate.StateDisconnecting, callstate.StateDisconnected},
	callstate.StateDisconnecting: {callstate.StateDisconnected},
}

// everyState includes values outside the enum, which no transition may touch.
func everyState() []callstate.CallState {
	out := []callstate.CallState{-128, -1}
	for s := callstate.CallState(0); s <= 9; s++ {
		out = append(out, s)
	}
	return append(out, 127)
}

func TestLifecycleMatchesSpec(t *testing.T) {
	allowed := 0
	for _, from := range everyState() {
		for _, to := range everyState() {
			want := contains(specLifecycle[from], to)
			assert.Equal(t, want, callstate.CanTransition(from, to), "CanTransition(%s, %s)", from, to)
			assert.Equal(t, want, callstate.ReferenceTransition(from, to), "ReferenceTransition(%s, %s)", from, to)
			if want {
				allowed++
			}
		}
	}
	assert.Equal(t, 17, allowed, "the SPEC table has 17 arrows")
	for _, never := range []callstate.CallState{callstate.StateIdle, callstate.StateRinging, callstate.StateDialing} {
		for _, from := range everyState() {
			assert.False(t, callstate.CanTransition(from, never), "%s is never a target", never)
		}
	}
}

func contains(list []callstate.CallState, s callstate.CallState) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestReferenceFSMWalksALife(t *testing.T) {
	ctx := context.Background()
	f := callstate.NewReferenceFSM(callstate.InitialIncoming)
	assert.Equal(t, "VOIP_CALL_STATE_RINGING", f.Current())
	for _, to := range []callstate.CallState{callstate.StateAnswered, callstate.StateActive, callstate.StateHolding,
		callstate.StateActive, callstate.StateDisconnecting, callstate.StateDisconnected} {
		require.NoError(t, f.Event(ctx, to.String()))
		assert.Equal(t, to.String(), f.Current())
	}
	assert.Error(t, f.Event(ctx, callstate.StateActive.String()), "DISCONNECTED is the end")
	assert.Equal(t, "VOIP_CALL_STATE_DIALING", callstate.NewReferenceFSM(callstate.InitialOutgoing).Current())
}

func TestInitialStates(t *testing.T) {
	assert.Equal(t, callstate.StateRinging, callstate.InitialIncoming)
	assert.Equal(t, callstate.StateDialing, callstate.InitialOutgoing)
}

func TestCanTransitionDoesNotAllocate(t *testing.T) {
	states := callstate.CallStates()
	allocs := testing.AllocsPerRun(100, func() {
		for _, from := range states {
			for _, to := range states {
				_ = callstate.CanTransition(from, to)
			}
		}
	})
	assert.Zero(t, allocs)
}
