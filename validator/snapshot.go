package validator

import (
	"slices"
	"strings"
	"time"

	"github.com/voipsim/voipsim/callstate"
)

// Call is a snapshot of one live call, for tests to assert on.
type Call struct {
	ID          string
	Direction   Direction
	Type        callstate.CallType
	State       callstate.CallState
	Attr        callstate.Attribute
	Muted       bool
	SpeakerOn   bool
	MicDisabled bool
	ReportedAt  int // the step that reported it
	Since       int // the step of its last change of state or type
}

func (c *call) snapshot() Call {
	return Call{ID: c.attr.CallID, Direction: c.dir, Type: c.typ, State: c.state, Attr: c.attr,
		Muted: c.muted, SpeakerOn: c.speakerOn, MicDisabled: c.micDisabled,
		ReportedAt: c.reportedSeq, Since: c.sinceSeq}
}

// Calls lists the live calls, sorted by callId.
func (v *Validator) Calls() []Call {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make([]Call, v.calls.n)
	for i := range out {
		out[i] = v.calls.live[i].snapshot()
	}
	slices.SortFunc(out, func(a, b Call) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Call looks up one live call.
func (v *Validator) Call(id string) (Call, bool) {
	var snap Call
	v.mu.Lock()
	c := v.calls.get(id)
	if c != nil {
		snap = c.snapshot()
	}
	v.mu.Unlock()
	return snap, c != nil
}

// Now is the virtual time of the last step.
func (v *Validator) Now() time.Duration {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.now
}

// CarrierActive reports whether a carrier call is active.
func (v *Validator) CarrierActive() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.carrierAt != 0
}

// ServiceRunning reports whether the call service is up.
func (v *Validator) ServiceRunning() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.stoppedAt == 0
}
