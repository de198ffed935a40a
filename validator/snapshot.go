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
	v.lock()
	defer v.unlock()
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
	v.lock()
	c := v.calls.get(id)
	if c != nil {
		snap = c.snapshot()
	}
	v.unlock()
	return snap, c != nil
}

// Brief is the part of a live call that a caller asking at every step needs: what the
// call is now and what its banner offers, without a copy of its attribute.
type Brief struct {
	Direction            Direction
	Type                 callstate.CallType
	State                callstate.CallState
	VoiceAnswerSupported bool // the attribute's isVoiceAnswerSupported, default true
	MuteRingtoneAllowed  bool // the attribute's isUserMuteRingToneAllowed, default false
}

// Brief looks up one live call, like Call, but cheaper: a simulator asks at every step.
func (v *Validator) Brief(id string) (Brief, bool) {
	var b Brief
	v.lock()
	c := v.calls.get(id)
	if c != nil {
		b = Brief{Direction: c.dir, Type: c.typ, State: c.state,
			VoiceAnswerSupported: c.attr.VoiceAnswerSupported(), MuteRingtoneAllowed: c.attr.MuteRingtoneAllowed()}
	}
	v.unlock()
	return b, c != nil
}

// AppendIDs appends the live callIds, sorted, to dst: Calls without the snapshots, for
// callers that keep a buffer.
func (v *Validator) AppendIDs(dst []string) []string {
	v.lock()
	start := len(dst)
	for i := range v.calls.n {
		dst = append(dst, v.calls.live[i].attr.CallID)
	}
	v.unlock()
	slices.Sort(dst[start:])
	return dst
}

// Live reports whether a call is live.
func (v *Validator) Live(id string) bool {
	v.lock()
	live := v.calls.get(id) != nil
	v.unlock()
	return live
}

// Now is the virtual time of the last step.
func (v *Validator) Now() time.Duration {
	v.lock()
	defer v.unlock()
	return v.now
}

// CarrierActive reports whether a carrier call is active.
func (v *Validator) CarrierActive() bool {
	v.lock()
	defer v.unlock()
	return v.carrierAt != 0
}

// ServiceRunning reports whether the call service is up.
func (v *Validator) ServiceRunning() bool {
	v.lock()
	defer v.unlock()
	return v.stoppedAt == 0
}
