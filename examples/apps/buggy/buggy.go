// Package buggy is the reference app with the bugs VoIP teams really ship, each one
// switchable. The bugs sit where they usually do, in the layer between the app's call
// logic and the call service, so the app's logic is the reference app's, unchanged.
package buggy

import (
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
)

// Bug is a set of bugs.
type Bug uint8

const (
	// ForgetsDisconnectAfterReject: after the user rejects a call, the app never reports
	// DISCONNECTED (unanswered-ui-event, then leaked-call).
	ForgetsDisconnectAfterReject Bug = 1 << iota
	// DialsDuringCarrierCall: the app reports outgoing calls without
	// isDialingAllowedDuringCarrierCall, which fails during a carrier call
	// (1007200003 carrier-conflict).
	DialsDuringCarrierCall
	// ReportsActiveTwice: every ACTIVE is reported twice (1007200001 duplicate-report).
	ReportsActiveTwice
	// ReportsIncomingAsDialing: incoming calls are reported in DIALING
	// (1007200001 incoming-not-ringing, then push-not-reported).
	ReportsIncomingAsDialing
	// NeverDeclinesFourthCall: the app cannot take a 4th incoming call and never tells the
	// service (push-not-reported; it should call reportIncomingCallError with ROUTE_BUSY).
	NeverDeclinesFourthCall

	// AllBugs switches every bug on.
	AllBugs = ForgetsDisconnectAfterReject | DialsDuringCarrierCall | ReportsActiveTwice |
		ReportsIncomingAsDialing | NeverDeclinesFourthCall
)

// Bugs lists each bug alone, in declaration order.
func Bugs() []Bug {
	return []Bug{ForgetsDisconnectAfterReject, DialsDuringCarrierCall, ReportsActiveTwice,
		ReportsIncomingAsDialing, NeverDeclinesFourthCall}
}

func (b Bug) String() string {
	names := []string{"forgets-disconnect-after-reject", "dials-during-carrier-call", "reports-active-twice",
		"reports-incoming-as-dialing", "never-declines-fourth-call"}
	s := ""
	for i, n := range names {
		if b&(1<<i) != 0 {
			if s != "" {
				s += "+"
			}
			s += n
		}
	}
	if s == "" {
		return "none"
	}
	return s
}

// App is the reference app behind a faulty bridge to the call service.
type App struct {
	*reference.App
	bugs Bug
}

// New makes the buggy app with the given bugs on.
func New(bugs Bug) *App { return &App{App: reference.New(), bugs: bugs} }

var _ sim.App = (*App)(nil)

// Start starts the reference app on an environment whose kit has the bugs.
func (a *App) Start(env sim.Env) {
	a.App.Start(&bridge{Env: env, kit: env.Kit(), bugs: a.bugs, rejected: make(map[string]bool)})
}

// bridge is the environment the app's logic sees: the phone's, with a faulty kit.
type bridge struct {
	sim.Env
	kit      callstate.Kit
	bugs     Bug
	rejected map[string]bool // calls the user rejected, whose DISCONNECTED gets lost
}

func (b *bridge) Kit() callstate.Kit              { return b }
func (b *bridge) Now() time.Duration              { return b.Env.Now() }
func (b *bridge) After(d time.Duration, f func()) { b.Env.After(d, f) }

func (b *bridge) On(eventType string, cb callstate.UIEventCallback) error {
	return b.kit.On(eventType, func(ev callstate.UIEventInfo) {
		if ev.Event == callstate.EventReject && b.bugs&ForgetsDisconnectAfterReject != 0 {
			b.rejected[ev.CallID] = true
		}
		cb(ev)
	})
}

func (b *bridge) Off(eventType string) error { return b.kit.Off(eventType) }

func (b *bridge) ReportIncomingCall(attr callstate.Attribute) (callstate.ErrorReason, error) {
	if b.bugs&ReportsIncomingAsDialing != 0 {
		attr.State = callstate.StateDialing
	}
	return b.kit.ReportIncomingCall(attr)
}

func (b *bridge) ReportOutgoingCall(attr callstate.Attribute) (callstate.ErrorReason, error) {
	if b.bugs&DialsDuringCarrierCall != 0 {
		attr.IsDialingAllowedDuringCarrierCall = callstate.Unset
	}
	return b.kit.ReportOutgoingCall(attr)
}

func (b *bridge) ReportCallStateChange(id string, s callstate.CallState) error {
	return b.state(id, s, func() error { return b.kit.ReportCallStateChange(id, s) })
}

func (b *bridge) ReportCallStateChangeWithType(id string, s callstate.CallState, t callstate.CallType) error {
	return b.state(id, s, func() error { return b.kit.ReportCallStateChangeWithType(id, s, t) })
}

// state makes one state report, through the state-report bugs.
func (b *bridge) state(id string, s callstate.CallState, report func() error) error {
	if s == callstate.StateDisconnected && b.rejected[id] {
		delete(b.rejected, id)
		return nil // the DISCONNECTED that never leaves the app
	}
	err := report()
	if err == nil && s == callstate.StateActive && b.bugs&ReportsActiveTwice != 0 {
		_ = report()
	}
	return err
}

func (b *bridge) ReportCallAudioEventChange(id string, ev callstate.AudioEvent) error {
	return b.kit.ReportCallAudioEventChange(id, ev)
}

func (b *bridge) ReportIncomingCallError(id string, cause callstate.FailureCause) error {
	if cause == callstate.FailureRouteBusy && b.bugs&NeverDeclinesFourthCall != 0 {
		return nil
	}
	return b.kit.ReportIncomingCallError(id, cause)
}
