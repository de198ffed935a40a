// Package reference is a correct app for the simulator: the call reporting of a VoIP app
// written the way Huawei's guides ask, with the care a production app needs (declining
// the call it cannot take, retrying when the service is briefly unavailable, dropping a
// call the service no longer knows). The buggy app and the examples build on it.
package reference

import (
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/validator"
)

const (
	// ConnectDelay is how long media takes to connect after the user answers.
	ConnectDelay = 300 * time.Millisecond
	// RetryDelay separates retries of a report the service could not take.
	RetryDelay = time.Second
	// Retries bounds the retries of one report.
	Retries = 5
	// AbilityName is the UIAbility the banner opens.
	AbilityName = "VoipAbility"
)

// App is the reference app. Use New.
type App struct {
	env sim.Env
	kit callstate.Kit
	// calls are the app's own books: what it believes is live. They hold a handful of
	// calls at most, so a short list, searched in order, beats a map.
	calls []call
	live  [3]int // live calls by direction (index validator.Direction)

	// connecting are the answered calls whose media is connecting, oldest first, and
	// connect the one timer callback they all share (see answer).
	connecting []string
	connect    func()
}

type call struct {
	id    string
	dir   validator.Direction
	state callstate.CallState
	typ   callstate.CallType
}

// New makes the reference app.
func New() *App {
	return &App{calls: make([]call, 0, validator.MaxIncoming+validator.MaxOutgoing)}
}

var _ sim.App = (*App)(nil)

// Start subscribes to the system's UI events.
func (a *App) Start(env sim.Env) {
	a.env, a.kit = env, env.Kit()
	a.connecting, a.connect = a.connecting[:0], a.connected
	_ = a.kit.On(callstate.UIEventType, a.onUIEvent)
}

// OnPush reports the pushed call, or declines it with ROUTE_BUSY when three incoming calls
// are already live [doc].
func (a *App) OnPush(p sim.Push) { a.take(p, Retries) }

// take reports or declines a pushed call. A retry comes back here: another call may have
// taken the last slot, or a repeated push reported this one, while it waited.
func (a *App) take(p sim.Push, tries int) {
	if _, ok := a.call(p.CallID); ok {
		return // a repeated push for a call already reported
	}
	if a.live[validator.Incoming] >= validator.MaxIncoming {
		a.decline(p.CallID, callstate.FailureRouteBusy, tries)
		return
	}
	a.reportIncoming(p, tries)
}

func (a *App) reportIncoming(p sim.Push, tries int) {
	reason, err := a.kit.ReportIncomingCall(attribute(p.CallID, p.Caller, p.Type, callstate.StateRinging))
	switch {
	case err == nil && reason == callstate.ReasonNone:
		a.add(p.CallID, validator.Incoming, callstate.StateRinging, p.Type)
	case err == nil:
		// CELLULAR_CALL_EXISTS: the system refused the call; the app drops it.
	case retryable(err, tries):
		a.env.After(RetryDelay, func() { a.take(p, tries-1) })
	}
}

// decline ends a call the app cannot take. The call leaves the app's books only once the
// service has heard it, so that its slot is not given away while a retry waits.
func (a *App) decline(id string, cause callstate.FailureCause, tries int) {
	err := a.kit.ReportIncomingCallError(id, cause)
	switch {
	case err == nil:
		a.remove(id)
	case retryable(err, tries):
		a.env.After(RetryDelay, func() {
			if c, ok := a.call(id); ok && c.state != callstate.StateRinging {
				// The user answered meanwhile: the call that failed to connect ends instead.
				a.setState(id, callstate.StateDisconnected, c.typ, tries-1)
				return
			}
			a.decline(id, cause, tries-1)
		})
	default:
		a.lost(id, err)
	}
}

// OnDial reports the outgoing call. The app says it can dial during a carrier call.
func (a *App) OnDial(d sim.Dial) {
	if _, ok := a.call(d.CallID); ok || a.live[validator.Outgoing] >= validator.MaxOutgoing {
		return // the app's UI offers no second outgoing call
	}
	attr := attribute(d.CallID, d.Callee, d.Type, callstate.StateDialing)
	attr.IsDialingAllowedDuringCarrierCall = callstate.True
	if _, err := a.kit.ReportOutgoingCall(attr); err == nil {
		a.add(d.CallID, validator.Outgoing, callstate.StateDialing, d.Type)
	}
}

// OnPeer follows the far end: an answer makes an outgoing call ACTIVE, a hang-up ends the
// call, a failure declines a ringing call or ends any other.
func (a *App) OnPeer(id string, ev sim.PeerEvent) {
	c, ok := a.call(id)
	switch {
	case !ok:
	case ev == sim.PeerAnswered && c.dir == validator.Outgoing && c.state == callstate.StateDialing:
		a.setState(id, callstate.StateActive, c.typ, Retries)
	case ev == sim.PeerFailed && c.dir == validator.Incoming && c.state == callstate.StateRinging:
		a.decline(id, callstate.FailureConnectionFailed, Retries)
	case ev == sim.PeerHungUp || ev == sim.PeerFailed:
		a.setState(id, callstate.StateDisconnected, c.typ, Retries)
	}
}

// onUIEvent makes the report each UI event asks for (SPEC.md section 6).
func (a *App) onUIEvent(ev callstate.UIEventInfo) {
	c, ok := a.call(ev.CallID)
	if !ok {
		return
	}
	switch ev.Event {
	case callstate.EventVoiceAnswer:
		a.answer(ev.CallID, callstate.CallVoice)
	case callstate.EventVideoAnswer:
		a.answer(ev.CallID, callstate.CallVideo)
	case callstate.EventReject, callstate.EventHangup:
		a.setState(ev.CallID, callstate.StateDisconnected, c.typ, Retries)
	case callstate.EventMuted:
		a.audio(ev.CallID, callstate.AudioMuted, Retries)
	case callstate.EventUnmuted:
		a.audio(ev.CallID, callstate.AudioUnmuted, Retries)
	}
}

// answer reports ANSWERED in the type the user chose, then ACTIVE once media connects.
func (a *App) answer(id string, typ callstate.CallType) {
	a.setState(id, callstate.StateAnswered, typ, Retries)
	a.connecting = append(a.connecting, id)
	a.env.After(ConnectDelay, a.connect)
}

// connected is the timer callback of an answer. Every answer waits the same
// ConnectDelay, so the timers come due in the order of the answers, and each one
// connects the oldest call still connecting: one callback serves them all, where a
// closure per answer would cost an allocation.
func (a *App) connected() {
	id := a.connecting[0]
	a.connecting = a.connecting[:copy(a.connecting, a.connecting[1:])]
	if c, ok := a.call(id); ok && c.state == callstate.StateAnswered {
		a.setState(id, callstate.StateActive, c.typ, Retries)
	}
}

// setState reports a new state (and type) and keeps the books in step with the service.
func (a *App) setState(id string, s callstate.CallState, typ callstate.CallType, tries int) {
	err := a.kit.ReportCallStateChangeWithType(id, s, typ)
	switch {
	case err == nil && s == callstate.StateDisconnected:
		a.remove(id)
	case err == nil:
		if i := a.find(id); i >= 0 {
			a.calls[i].state, a.calls[i].typ = s, typ
		}
	case err != nil && retryable(err, tries):
		// Retry only what the call can still become: a second tap on the banner may have
		// moved it on meanwhile, and a stale ANSWERED would take it back.
		a.env.After(RetryDelay, func() {
			if c, ok := a.call(id); ok && callstate.CanTransition(c.state, s) {
				a.setState(id, s, typ, tries-1)
			}
		})
	case err != nil:
		a.lost(id, err)
	}
}

func (a *App) audio(id string, ev callstate.AudioEvent, tries int) {
	err := a.kit.ReportCallAudioEventChange(id, ev)
	switch {
	case err == nil:
	case retryable(err, tries):
		a.env.After(RetryDelay, func() {
			if _, ok := a.call(id); ok {
				a.audio(id, ev, tries-1)
			}
		})
	default:
		a.lost(id, err)
	}
}

// lost drops a call the service refuses to hear about (it no longer knows it, e.g. after
// a crash), so that the app's books match the service again.
func (a *App) lost(id string, err error) {
	if code(err) == callstate.CodeInvalidParameter || code(err) == callstate.CodeServiceUnavailable {
		a.remove(id)
	}
}

func (a *App) add(id string, dir validator.Direction, s callstate.CallState, typ callstate.CallType) {
	a.calls = append(a.calls, call{id: id, dir: dir, state: s, typ: typ})
	a.live[dir]++
}

func (a *App) remove(id string) {
	if i := a.find(id); i >= 0 {
		a.live[a.calls[i].dir]--
		last := len(a.calls) - 1
		a.calls[i] = a.calls[last]
		a.calls = a.calls[:last]
	}
}

// call looks a call up in the app's books.
func (a *App) call(id string) (call, bool) {
	if i := a.find(id); i >= 0 {
		return a.calls[i], true
	}
	return call{}, false
}

// find is the index of a call in the app's books, or -1.
func (a *App) find(id string) int {
	for i := range a.calls {
		if a.calls[i].id == id {
			return i
		}
	}
	return -1
}

// retryable tells a failure worth another try: the service is down or had an internal
// error, and tries are left. A real app sees only the code, so the app uses nothing else.
func retryable(err error, tries int) bool {
	switch code(err) {
	case callstate.CodeServiceUnavailable, callstate.CodeSystemInternal, callstate.CodeUnknown:
		return tries > 1
	}
	return false
}

func code(err error) callstate.Code {
	if e, ok := err.(*callstate.Error); ok {
		return e.Code
	}
	return 0
}

// attribute is the VoipCallAttribute the app reports for a call.
func attribute(id, name string, typ callstate.CallType, s callstate.CallState) callstate.Attribute {
	return callstate.Attribute{CallID: id, CallType: typ, UserName: name, AbilityName: AbilityName, State: s,
		UserProfile:               callstate.Avatar{Width: 112, Height: 112, ByteCount: 50176},
		IsUserMuteRingToneAllowed: callstate.True}
}
