package callstate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/callstate"
)

func TestCallStateShortDropsThePrefix(t *testing.T) {
	assert.Equal(t, "ACTIVE", callstate.StateActive.Short())
	assert.Equal(t, "DISCONNECTING", callstate.StateDisconnecting.Short())
	assert.Equal(t, "VoipCallState(9)", callstate.CallState(9).Short(), "an invalid value keeps its whole name")
}
