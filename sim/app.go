package sim

import (
	"errors"
	"time"

	"github.com/voipsim/voipsim/callstate"
)

// App is the app under test: the user's reporting logic, wrapped so the simulated phone can
// drive it. UI events reach it only the real way, through the callback it registers with
// env.Kit().On.
type App interface {
	// Start is called once, at time 0, before any step.
	Start(env Env)
	// OnPush tells the app a VoIP push arrived; it must report or decline the call.
	OnPush(p Push)
	// OnDial tells the app the user dialed out from the app's own UI.
	OnDial(d Dial)
	// OnPeer tells the app what the far end of one call did.
	OnPeer(callID string, ev PeerEvent)
}

// Env is what the phone gives the app: the call service and a virtual clock. It serves
// one run: once Run has returned, the kit's methods change nothing and return ErrRunOver,
// and After schedules nothing.
type Env interface {
	// Kit is the call service the app reports to.
	Kit() callstate.Kit
	// Now is the virtual time since the start of the run.
	Now() time.Duration
	// After runs fn once, d from now on the virtual clock (a negative d counts as 0). A d
	// that reaches past the end of time (math.MaxInt64) waits for the end of time: past the
	// run's horizon, it never fires.
	After(d time.Duration, fn func())
}

// ErrRunOver is what the kit returns to an app that kept its Env past the end of Run: the
// Result is final, so the call is not applied.
var ErrRunOver = errors.New("sim: the run is over: the kit takes no more calls")

// Push is a VoIP push: who calls, and how.
type Push struct {
	CallID string
	Caller string
	Type   callstate.CallType
}

// Dial is the user calling out from the app.
type Dial struct {
	CallID string
	Callee string
	Type   callstate.CallType
}

// PeerEvent is what the far end of a call did; it reaches the app's own code (its
// signalling), not the call service.
type PeerEvent uint8

const (
	PeerAnswered PeerEvent = iota + 1 // the callee answered an outgoing call
	PeerHungUp                        // the other side hung up
	PeerFailed                        // the call failed to connect
)

func (e PeerEvent) String() string {
	switch e {
	case PeerAnswered:
		return "answered"
	case PeerHungUp:
		return "hung up"
	case PeerFailed:
		return "failed to connect"
	}
	return "peer?"
}
