package readme

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/readme/myapp"
	"github.com/voipsim/voipsim/sim/simtest"
	"github.com/voipsim/voipsim/validator"
)

// The README's section "Using the validator in your tests".

// TestUsingTheValidator drives myapp's reporting code by hand through a validator: its
// report of the push, its answer and its hang-up must pass, and the outgoing call during a
// carrier call must be refused.
func TestUsingTheValidator(t *testing.T) {
	// README:begin validator
	v := validator.New()       // strict profile; validator.WithProfile(validator.Documented) for doc-only rules
	calls := myapp.NewCalls(v) // your reporting code, taking a callstate.Kit; it registers its On callback

	v.Push("c1")                                                      // a VoIP push reached the app
	calls.OnPush("c1", "Ann", callstate.CallVideo)                    // your code reports it
	v.UIEvent("c1", callstate.EventVoiceAnswer, callstate.ReasonNone) // the user answers: your On callback runs

	c, ok := v.Call("c1")
	require.True(t, ok)
	assert.Equal(t, callstate.StateAnswered, c.State)

	v.CarrierCallStart() // a cellular call is active: dialing out must fail
	bob := callstate.Attribute{CallID: "c2", UserName: "Bob", AbilityName: "VoipAbility", State: callstate.StateDialing}
	_, err := v.ReportOutgoingCall(bob)
	assert.ErrorIs(t, err, callstate.CodeSystemInternal)   // the code the phone would give
	assert.ErrorIs(t, err, callstate.CauseCarrierConflict) // the rule behind it

	v.UIEvent("c1", callstate.EventHangup, callstate.ReasonNone) // the user hangs up: your callback reports DISCONNECTED

	for _, o := range v.Finish() { // what the app still owes: unanswered UI events, pushes, leaked calls
		t.Errorf("%s: %s", o.Cause, o.Detail)
	}
	// README:end validator
}

// README:begin simtest-kit
func TestRejectEndsTheCall(t *testing.T) {
	kit := simtest.NewKit(t)
	calls := myapp.NewCalls(kit)
	kit.Push("c1")
	calls.OnPush("c1", "Ann", callstate.CallVoice)
	kit.UIEvent("c1", callstate.EventReject, callstate.ReasonNone)
} // cleanup fails the test if the app never reported DISCONNECTED
// README:end simtest-kit
