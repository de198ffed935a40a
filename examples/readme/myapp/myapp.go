// Package myapp stands in for "your app", the package the README's Go snippets test: the
// smallest app those snippets need. Calls is reporting code that a unit test drives step
// by step through a callstate.Kit; New is a whole app, for the simulator to drive.
package myapp

import (
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
)

// AbilityName is the UIAbility the call banner opens.
const AbilityName = "VoipAbility"

// Calls reports the app's calls to the call service.
type Calls struct{ kit callstate.Kit }

// NewCalls reports through kit: the real service in production, a *validator.Validator
// or a *simtest.Kit in tests. It subscribes to the banner's UI events.
func NewCalls(kit callstate.Kit) *Calls {
	c := &Calls{kit: kit}
	// The only failure of On is a wrong event type, and this one is right.
	_ = kit.On(callstate.UIEventType, c.onUIEvent)
	return c
}

// OnPush reports the call a VoIP push announced: it rings.
//
// Here and below a refused report is dropped: the kit under test records it, and the
// snippets assert what the kit saw. A real app would log it or retry.
func (c *Calls) OnPush(id, name string, typ callstate.CallType) {
	_, _ = c.kit.ReportIncomingCall(callstate.Attribute{CallID: id, CallType: typ, UserName: name,
		AbilityName: AbilityName, State: callstate.StateRinging})
}

// onUIEvent makes the report the user's tap on the banner asks for: ANSWERED in the type
// the user chose, DISCONNECTED on reject or hang-up.
func (c *Calls) onUIEvent(ev callstate.UIEventInfo) {
	switch ev.Event {
	case callstate.EventVoiceAnswer:
		_ = c.kit.ReportCallStateChangeWithType(ev.CallID, callstate.StateAnswered, callstate.CallVoice)
	case callstate.EventVideoAnswer:
		_ = c.kit.ReportCallStateChangeWithType(ev.CallID, callstate.StateAnswered, callstate.CallVideo)
	case callstate.EventReject, callstate.EventHangup:
		_ = c.kit.ReportCallStateChange(ev.CallID, callstate.StateDisconnected)
	}
}

// New makes the whole app for the simulator (simtest.Run, explore). A real app wraps its
// own code in a sim.App; this stand-in lends the reference app (examples/apps/reference),
// which rides out everything the simulated phone does, so that the campaign, fuzz and
// property snippets pass.
func New() sim.App { return reference.New() }
