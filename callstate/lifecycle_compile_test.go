package callstate

import (
	"testing"

	"github.com/looplab/fsm"
	"github.com/stretchr/testify/assert"
)

// The lifecycle is declared by state names: a name that is no state is a mistake in the
// declaration, and compiling it panics, naming it, rather than allow a wrong transition.
func TestCompileLifecycleRefusesUnknownStates(t *testing.T) {
	assert.PanicsWithValue(t, "callstate: lifecycle names an unknown state VOIP_CALL_STATE_TALKING", func() {
		compileLifecycle(fsm.Events{{Name: "talk", Src: []string{"VOIP_CALL_STATE_ACTIVE"}, Dst: "VOIP_CALL_STATE_TALKING"}})
	})
	assert.PanicsWithValue(t, "callstate: lifecycle names an unknown state VOIP_CALL_STATE_TALKING", func() {
		compileLifecycle(fsm.Events{{Name: "hold", Src: []string{"VOIP_CALL_STATE_TALKING"}, Dst: "VOIP_CALL_STATE_HOLDING"}})
	})
	assert.PanicsWithValue(t, "callstate: lifecycle names an unknown state 9", func() {
		compileLifecycle(fsm.Events{{Name: "hold", Src: []string{"9"}, Dst: "VOIP_CALL_STATE_HOLDING"}})
	})
	assert.Equal(t, [8]uint8{StateActive: 1 << StateHolding},
		compileLifecycle(fsm.Events{{Name: "hold", Src: []string{"VOIP_CALL_STATE_ACTIVE"}, Dst: "VOIP_CALL_STATE_HOLDING"}}))
}
