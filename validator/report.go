package validator

import (
	"strconv"
	"strings"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/internal/terminal"
)

// report runs the checks of SPEC.md section 3 for one report function, in order.
func (v *Validator) report(s *Step, out *Outcome) {
	if e := v.checkTypes(s); e != nil {
		out.Err = e
		return
	}
	if e := v.checkStateless(s); e != nil {
		out.Err = e
		return
	}
	if v.stoppedAt != 0 {
		out.Err = callstate.NewError(callstate.CodeServiceUnavailable, callstate.CauseServiceUnavailable,
			"the call service stopped at "+v.at(v.stoppedAt)+" and has not restarted")
		return
	}
	if len(v.faults) > 0 {
		f := v.faults[0]
		// Shifted in place, so that the queue keeps its room for the next fault.
		v.faults = v.faults[:copy(v.faults, v.faults[1:])]
		out.Err = callstate.NewError(f.code, callstate.CauseInjectedFault, "fault injected at "+v.at(f.seq))
		return
	}
	var err *callstate.Error
	switch s.Op {
	case OpReportIncomingCall, OpReportOutgoingCall:
		err = v.newCall(s, out)
	case OpReportCallStateChange:
		err = v.stateChange(s)
	case OpReportCallAudioEventChange:
		err = v.audioEvent(s, out)
	case OpReportIncomingCallError:
		err = v.incomingCallError(s)
	}
	if err != nil {
		out.Err = err
	}
}

// at names a step in a detail: "step 12" or "line 12".
func (v *Validator) at(seq int) string { return v.noun + " " + strconv.Itoa(seq) }

func (v *Validator) newCall(s *Step, out *Outcome) *callstate.Error {
	a := &s.Attr
	if c := v.calls.get(a.CallID); c != nil {
		return invalid(callstate.CauseDuplicateReport, "call "+quoteID(a.CallID)+" is already live: reported at "+
			v.at(c.reportedSeq)+", now "+c.state.Short())
	}
	dir := Incoming
	if s.Op == OpReportOutgoingCall {
		dir = Outgoing
	}
	if e := v.checkLimits(dir, a); e != nil {
		return e
	}
	v.newCallWarnings(s, out)
	if dir == Incoming {
		v.settlePush(a.CallID)
		if v.carrierAt != 0 {
			// [policy] the call is refused softly: it resolves, but is never registered.
			out.Reason = callstate.ReasonCellularCallExists
			v.calls.ended.remember(a.CallID, v.seq, neverRegistered)
			return nil
		}
	}
	if a.State == callstate.StateDisconnected {
		// Documented profile only: a call reported as already over ends at once.
		v.calls.ended.remember(a.CallID, v.seq, endedReportedDisconnected)
		return nil
	}
	v.calls.add(a, dir, v.seq)
	return nil
}

// checkLimits is check 6, 1007200003.
func (v *Validator) checkLimits(dir Direction, a *callstate.Attribute) *callstate.Error {
	if dir == Incoming && v.calls.incoming >= MaxIncoming {
		return callstate.NewError(callstate.CodeSystemInternal, callstate.CauseIncomingLimit,
			"calls "+joinIDs(v.calls.ids(Incoming))+" are live incoming calls; at most 3 may be live")
	}
	if dir == Outgoing && v.calls.outgoing >= MaxOutgoing {
		ids := v.calls.ids(Outgoing)
		return callstate.NewError(callstate.CodeSystemInternal, callstate.CauseOutgoingLimit,
			"call "+quoteID(ids[0])+" is a live outgoing call (reported at "+v.at(v.calls.get(ids[0]).reportedSeq)+"); at most 1 may be live")
	}
	if dir == Outgoing && v.carrierAt != 0 && !a.DialingAllowedDuringCarrierCall() {
		return callstate.NewError(callstate.CodeSystemInternal, callstate.CauseCarrierConflict,
			"a carrier call is active since "+v.at(v.carrierAt)+" and isDialingAllowedDuringCarrierCall is not true")
	}
	return nil
}

func (v *Validator) newCallWarnings(s *Step, out *Outcome) {
	a := &s.Attr
	if !v.subscribed {
		out.warn(callstate.CauseNoSubscription, "call "+quoteID(a.CallID)+" reported while no voipCallUiEvent callback is registered: the app will miss the user's answer")
	}
	if a.UserProfile.TooLarge() {
		out.warn(callstate.CauseAvatarTooLarge, "avatar is "+strconv.Itoa(a.UserProfile.Width)+"x"+strconv.Itoa(a.UserProfile.Height)+
			", "+strconv.Itoa(a.UserProfile.ByteCount)+" bytes; the banner shows none above 221x221 or from 196608 bytes")
	}
	if a.UserName == "" {
		out.warn(callstate.CauseEmptyUserName, "userName is empty: the banner shows no caller")
	}
	if s.Op != OpReportIncomingCall {
		return
	}
	if p, ok := v.pushes.find(a.CallID); ok && v.now > p.at {
		if gap := uint64(v.now) - uint64(p.at); gap > uint64(PushDeadline) {
			out.warn(callstate.CauseLateReport, "reported "+strconv.FormatUint(ceilMillis(gap), 10)+
				" ms after its push at "+v.at(p.seq)+"; the limit is 10000 ms")
		}
	}
}

// ceilMillis rounds nanoseconds up to milliseconds, so that a report a fraction of a
// millisecond late never reads "10000 ms". The gap is unsigned: between step times at the
// two ends of a Duration it does not fit one, and would wrap round to an on-time negative.
func ceilMillis(ns uint64) uint64 {
	ms := ns / uint64(time.Millisecond)
	if ns%uint64(time.Millisecond) != 0 {
		ms++
	}
	return ms
}

func (o *Outcome) warn(c callstate.Cause, detail string) {
	o.Warnings = append(o.Warnings, Warning{Cause: c, Detail: detail})
}

// notLive explains a report for a callId that is not live.
func (v *Validator) notLive(id string) *callstate.Error {
	detail := "call " + quoteID(id) + " was never reported"
	if e, ok := v.calls.ended.last(id); ok {
		detail = e.explain(v.at(e.seq))
	} else if v.calls.ended.forgetting() {
		// Its ending may be among the forgotten ones: say only what is known.
		detail = "call " + quoteID(id) + " is not live: it was never reported, or it ended before the last 1024 endings remembered"
	}
	return invalid(callstate.CauseUnknownCallID, detail)
}

// rememberRefusal keeps a refused report for the details of later steps: a refused try
// at a push explains why the push is still owed; a refused report about a live call
// explains a debt or a leak it leaves; a refused report of a new call lets a later
// report for its callId name the refusal rather than say the call was never reported.
func (v *Validator) rememberRefusal(s *Step, err error) {
	e, ok := err.(*callstate.Error)
	if !ok {
		return
	}
	if (s.Op == OpReportIncomingCall || s.Op == OpReportIncomingCallError) && v.pushes.any() {
		v.pushes.tried(s.ID(), s.Op, v.seq, e.Cause) // why its push is still owed
	}
	if c := v.calls.get(s.ID()); c != nil {
		c.tried(s, v.seq, e.Cause) // why what it owes is still owed
	} else if s.Op.opensCall() && s.Attr.CallID != "" {
		v.calls.ended.refused(s.Attr.CallID, v.seq, e.Cause)
	}
}

func (v *Validator) stateChange(s *Step) *callstate.Error {
	c := v.calls.get(s.CallID)
	if c == nil {
		return v.notLive(s.CallID)
	}
	typ := c.typ
	if s.HasCallType {
		typ = s.CallType
	}
	if v.profile == Strict {
		if s.State == c.state && typ == c.typ {
			return invalid(callstate.CauseDuplicateReport, "call "+quoteID(s.CallID)+" is already "+c.state.Short()+
				" as a "+typeWord(c.typ)+" call (since "+v.at(c.sinceSeq)+")")
		}
		if s.State != c.state && !callstate.CanTransition(c.state, s.State) {
			return invalid(callstate.CauseIllegalTransition, "call "+quoteID(s.CallID)+" is "+c.state.Short()+
				" (since "+v.at(c.sinceSeq)+"); the lifecycle allows "+allowedFrom(c.state)+" from there, not "+s.State.Short())
		}
	}
	v.settleState(c, s.State)
	if s.State == callstate.StateDisconnected {
		if v.pushes.any() {
			v.closeLivePush(c)
		}
		v.calls.remove(s.CallID, v.seq, endedDisconnected)
		return nil
	}
	c.state, c.typ, c.sinceSeq = s.State, typ, v.seq
	return nil
}

func (v *Validator) audioEvent(s *Step, out *Outcome) *callstate.Error {
	c := v.calls.get(s.CallID)
	if c == nil {
		return v.notLive(s.CallID)
	}
	var flag *bool
	want := true
	switch s.AudioEvent {
	case callstate.AudioMuted:
		flag = &c.muted
		v.pay(c, owedMuted)
	case callstate.AudioUnmuted:
		flag, want = &c.muted, false
		v.pay(c, owedUnmuted)
	case callstate.AudioSpeakerOn:
		flag = &c.speakerOn
	case callstate.AudioSpeakerOff:
		flag, want = &c.speakerOn, false
	case callstate.AudioMicDisable:
		flag = &c.micDisabled
	}
	if *flag == want {
		out.warn(callstate.CauseRedundantAudioEvent, "call "+quoteID(s.CallID)+" already has "+s.AudioEvent.String())
	}
	*flag = want
	return nil
}

func (v *Validator) incomingCallError(s *Step) *callstate.Error {
	c := v.calls.get(s.CallID)
	if c == nil {
		// The app declines a push it never reported [doc].
		v.settlePush(s.CallID)
		return nil
	}
	if v.profile == Strict && (c.dir != Incoming || c.state != callstate.StateRinging) {
		return invalid(callstate.CauseIllegalTransition, "call "+quoteID(s.CallID)+" is an "+c.dir.String()+" call in "+c.state.Short()+
			" (since "+v.at(c.sinceSeq)+"); reportIncomingCallError ends only an incoming call in RINGING")
	}
	v.settlePush(s.CallID)
	v.calls.remove(s.CallID, v.seq, endedByIncomingCallError)
	return nil
}

func typeWord(t callstate.CallType) string {
	if t == callstate.CallVideo {
		return "video"
	}
	return "voice"
}

func allowedFrom(from callstate.CallState) string {
	var names []string
	for _, to := range callstate.CallStates() {
		if callstate.CanTransition(from, to) {
			names = append(names, to.Short())
		}
	}
	if len(names) == 0 {
		return "nothing"
	}
	return strings.Join(names, ", ")
}

// quoteID is a callId as a detail names it: as it is, or quoted when it would not read as
// one word there (a space, the comma of a list, a control character).
func quoteID(id string) string { return terminal.Word(id, ",") }

func joinIDs(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = quoteID(id)
	}
	return strings.Join(quoted, ", ")
}
