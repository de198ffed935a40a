package sim

import (
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// phone is what the simulated phone remembers between steps.
type phone struct {
	carrier   carrierState
	down      bool
	downSince time.Duration
	outages   []outage
	known     origins
	ids       []string               // room for the live callIds, reused
	taken     []takenCall            // room for the events of a take-over, reused
	cleared   map[string]bool        // callIds cleared by a crash, until reported again
	flagged   map[obligationKey]bool // obligations already judged at their deadline
}

type carrierState uint8

const (
	carrierNone carrierState = iota
	carrierRinging
	carrierActive
)

type outage struct{ from, to time.Duration }

// takenCall is the event a take-over sends to one call.
type takenCall struct {
	id     string
	event  callstate.UIEvent
	reason callstate.ErrorReason
}

type obligationKey struct {
	cause callstate.Cause
	id    string
	seq   int
}

// init readies the phone for a script with that many steps that push or dial.
func (p *phone) init(steps []Step, opening int) {
	// Room for every callId pushed or dialed, the most the phone can know.
	p.known = makeOrigins(steps, opening)
	// cleared and flagged are made when first needed: most runs have no crash and no violation.
}

// play runs script step i.
func (r *runner) play(i int) {
	r.script = i
	st := &r.res.Scenario.Steps[i]
	if !r.cfg.Quiet {
		r.res.Log = append(r.res.Log, Entry{At: r.now, Kind: EntryScript, Index: i})
	}
	switch {
	case st.Action == ActPush:
		r.push(st)
	case st.Action == ActDial:
		if st.CallID == "" || !st.Type.Valid() {
			r.skip(unplayable(st))
			return
		}
		r.known.add(i, dialed)
		r.res.Counts.Dials++
		r.deliver(appDial, st.CallID, 0, nil)
	case st.Action.IsUser():
		r.user(st)
	case st.Action.IsPeer():
		r.peer(st)
	case st.Action >= ActCarrierRing && st.Action <= ActCarrierEnd:
		r.carrierStep(st.Action)
	case st.Action == ActServiceCrash || st.Action == ActServiceRestart:
		r.serviceStep(st.Action)
	case st.Action == ActFault && !st.Code.Injectable():
		r.skip(unplayable(st))
	case st.Action == ActFault:
		r.env(&validator.Step{Op: validator.OpInjectFault, FaultCode: st.Code})
	default:
		r.skip("unknown action")
	}
}

// unplayable says why a step cannot be played at all ("" if it can). Scripts never hold
// such a step, as the parser refuses it; a Scenario built in Go may, and playing it would
// blame the app for the script's mistake (a push of no callId, reported as one). Each kind
// of step asks on its own path, and only what can be wrong with it: a question per step
// cost every run 3% more instructions.
func unplayable(st *Step) string {
	switch {
	case st.Action.HasCallID() && st.CallID == "":
		return st.Action.String() + " needs a callId"
	case st.Action.HasType() && !st.Type.Valid():
		return st.Action.String() + " needs voice or video, not type " + itoa(int64(st.Type))
	case st.Action == ActFault && !st.Code.Injectable():
		return "fault needs code " + callstate.InjectableCodes + ", not " + itoa(int64(st.Code))
	}
	return ""
}

// skip marks the script step being played as one that could not happen now.
func (r *runner) skip(why string) {
	r.res.Counts.Skipped++
	if r.cfg.Quiet {
		return
	}
	last := &r.res.Log[len(r.res.Log)-1]
	last.Kind, last.Note = EntrySkip, why
}

func (r *runner) push(st *Step) {
	if st.CallID == "" || !st.Type.Valid() {
		r.skip(unplayable(st))
		return
	}
	if r.v.Live(st.CallID) {
		// A push server does not push a call that is still going on.
		r.skip("call " + st.CallID + " is already live")
		return
	}
	seq := r.env(&validator.Step{Op: validator.OpPush, CallID: st.CallID})
	r.known.add(r.script, pushed)
	r.res.Counts.Pushes++
	r.deliver(appPush, st.CallID, 0, nil)
	// A deadline for a push the app already reported or declined could find nothing;
	// most apps do it from OnPush, and a scheduled event costs more than this question.
	if r.v.Owes(st.CallID, seq) {
		r.q.pushLane(lanePush, event{at: r.in(r.cfg.PushDeadline), kind: evPushDeadline, ref: seq, id: st.CallID, since: r.now})
	}
}

// uiEvent sends a UI event to the app and, if the report it asks for was not made from
// the callback, sets its deadline.
func (r *runner) uiEvent(id string, ev callstate.UIEvent, reason callstate.ErrorReason) {
	seq := r.env(&validator.Step{Op: validator.OpUIEvent, CallID: id, UIEvent: ev, ErrorReason: reason})
	r.res.Counts.UIEvents++
	if r.v.Owes(id, seq) {
		r.q.pushLane(laneUI, event{at: r.in(r.cfg.UIDeadline), kind: evUIDeadline, ref: seq, id: id})
	}
}

var bannerEvents = [actCount]callstate.UIEvent{
	ActReject: callstate.EventReject, ActHangup: callstate.EventHangup, ActMute: callstate.EventMuted,
	ActUnmute: callstate.EventUnmuted, ActMuteRingtone: callstate.EventMuteRingtone,
}

// user plays the user pressing a button of the banner, if the banner offers it now.
func (r *runner) user(st *Step) {
	c, live := r.v.Brief(st.CallID)
	if why := bannerRefuses(st, &c, live); why != "" {
		r.skip(why)
		return
	}
	ev := bannerEvents[st.Action]
	if st.Action == ActAnswer {
		ev = callstate.EventVoiceAnswer
		if st.Type == callstate.CallVideo {
			ev = callstate.EventVideoAnswer
		}
	}
	r.uiEvent(st.CallID, ev, callstate.ReasonNone)
}

// bannerRefuses says why the banner does not offer the step's button now ("" if it does),
// by SPEC.md section 9.
func bannerRefuses(st *Step, c *validator.Brief, live bool) string {
	if !live || st.Action == ActAnswer && !st.Type.Valid() {
		if why := unplayable(st); why != "" {
			return why
		}
		if !live {
			return because(st, " is not live")
		}
	}
	ringing := c.State == callstate.StateRinging && c.Direction == validator.Incoming
	switch st.Action {
	case ActAnswer, ActReject:
		if !ringing {
			return because(st, " is "+c.State.Short()+", not a ringing incoming call")
		}
		if st.Action == ActAnswer && st.Type == callstate.CallVideo && c.Type != callstate.CallVideo {
			return because(st, " is a voice call: the banner offers no video answer")
		}
		if st.Action == ActAnswer && st.Type == callstate.CallVoice && c.Type == callstate.CallVideo && !c.VoiceAnswerSupported {
			return because(st, " is a video call with isVoiceAnswerSupported false")
		}
	case ActMuteRingtone:
		if !ringing {
			return because(st, " is "+c.State.Short()+", not ringing")
		}
		if !c.MuteRingtoneAllowed {
			return because(st, " does not set isUserMuteRingToneAllowed")
		}
	}
	// Hang up, mute and unmute: on any live call, a ringing one included (SPEC.md's "live").
	return ""
}

// because words why a step about a call cannot happen; it is built only when one cannot.
func because(st *Step, why string) string { return "call " + st.CallID + why }

var peerEvents = [actCount]PeerEvent{ActPeerAnswer: PeerAnswered, ActPeerHangup: PeerHungUp, ActPeerFail: PeerFailed}

// peer delivers the far end's event to the app, for a call the phone has seen.
func (r *runner) peer(st *Step) {
	o := r.known.of(st.CallID)
	switch {
	case st.Action == ActPeerAnswer && o&dialed == 0:
		r.skip("call " + st.CallID + " was never dialed")
	case o == 0 && st.CallID == "":
		r.skip(unplayable(st))
	case o == 0:
		r.skip("call " + st.CallID + " was never pushed or dialed")
	default:
		r.deliver(appPeer, st.CallID, peerEvents[st.Action], nil)
	}
}

func (r *runner) carrierStep(a Action) {
	switch {
	case a == ActCarrierRing && r.carrier != carrierNone:
		r.skip("a carrier call is already there")
	case a == ActCarrierRing:
		r.carrier = carrierRinging
		r.env(&validator.Step{Op: validator.OpCarrierCallStart})
	case a == ActCarrierAnswer && r.carrier != carrierRinging:
		r.skip("no carrier call is ringing")
	case a == ActCarrierAnswer:
		r.carrier = carrierActive
		r.takeOver()
	case r.carrier == carrierNone:
		r.skip("no carrier call to end")
	default:
		r.carrier = carrierNone
		r.env(&validator.Step{Op: validator.OpCarrierCallEnd})
	}
}

// takeOver is what the system does to live VoIP calls when the user answers a carrier
// call [policy, from OpenHarmony's call manager]: ringing incoming calls are rejected,
// active calls kept, every other call hung up. It is decided at the answer, by each call's
// state then: what the app reports from the callback of one event does not change what
// the others get, but a call it has ended gets nothing.
func (r *runner) takeOver() {
	r.ids = r.v.AppendIDs(r.ids[:0])
	r.taken = r.taken[:0]
	for _, id := range r.ids {
		c, _ := r.v.Brief(id)
		switch {
		case c.State == callstate.StateActive:
		case c.State == callstate.StateRinging && c.Direction == validator.Incoming:
			r.taken = append(r.taken, takenCall{id, callstate.EventReject, callstate.ReasonCellularCallExists})
		default:
			r.taken = append(r.taken, takenCall{id, callstate.EventHangup, callstate.ReasonUserAnswerCellularFirst})
		}
	}
	for _, t := range r.taken {
		if r.v.Live(t.id) { // the app may have ended it from an earlier callback
			r.uiEvent(t.id, t.event, t.reason)
		}
	}
}

func (r *runner) serviceStep(a Action) {
	switch {
	case a == ActServiceCrash && r.down:
		r.skip("the service is already down")
	case a == ActServiceCrash:
		if r.cleared == nil {
			r.cleared = make(map[string]bool)
		}
		for _, c := range r.v.Calls() {
			r.cleared[c.ID] = true
		}
		r.down, r.downSince = true, r.now
		r.env(&validator.Step{Op: validator.OpServiceStop})
	case !r.down:
		r.skip("the service is running")
	default:
		r.down = false
		r.outages = append(r.outages, outage{r.downSince, r.now})
		r.env(&validator.Step{Op: validator.OpServiceStart})
	}
}

// checkPush judges a push at its deadline, and reports whether the check is an event of
// the run (Result.End). The app is owed PushDeadline of a running service: time the
// service was down does not count, so the check waits for it, and a check that comes
// sooner judges nothing, so it is no event.
func (r *runner) checkPush(e *event) bool {
	if owed := r.cfg.PushDeadline - r.uptime(e.since); owed > 0 {
		later := *e
		if later.at = r.in(owed); later.at == r.now {
			return true // at the end of time the clock cannot run on: finish excuses the push
		}
		r.q.push(later)
		return false
	}
	r.checkDeadline(callstate.CausePushNotReported, e.ref, e.id, r.cfg.PushDeadline)
	return true
}

// uptime is how long the service ran between since and now.
func (r *runner) uptime(since time.Duration) time.Duration {
	up := r.now - since
	for _, o := range r.outages {
		up -= max(0, min(o.to, r.now)-max(o.from, since))
	}
	if r.down {
		up -= r.now - max(r.downSince, since)
	}
	return up
}

// checkDeadline fails the obligation created by step ref if it is still unmet. Most are
// met: Owes tells so without building the obligation.
func (r *runner) checkDeadline(cause callstate.Cause, ref int, id string, within time.Duration) {
	if !r.v.Owes(id, ref) {
		return
	}
	if o, unmet := r.v.Unmet(id, ref); unmet && o.Cause == cause {
		r.violation(o, " within "+FormatTime(within))
	}
}

func (r *runner) violation(o validator.Obligation, suffix string) {
	if r.flagged == nil {
		r.flagged = make(map[obligationKey]bool)
	}
	r.flagged[obligationKey{o.Cause, o.CallID, o.Seq}] = true
	r.res.Counts.Violations++
	r.fail(Failure{Kind: FailViolation, Cause: o.Cause, Event: o.Event, CallID: o.CallID, Seq: o.Seq, Detail: o.Detail + suffix})
}

// finish judges what is still owed at the end of the run.
func (r *runner) finish() {
	r.script = -1
	for _, o := range r.v.Finish() {
		switch {
		case r.flagged[obligationKey{o.Cause, o.CallID, o.Seq}]:
		case o.Cause == callstate.CausePushNotReported && r.uptime(o.At) < r.cfg.PushDeadline:
			r.note("push for call " + word(o.CallID) + " still unreported, but the service did not run " +
				FormatTime(r.cfg.PushDeadline) + " since: excused")
		default:
			r.violation(o, "")
		}
	}
	r.res.Counts.Verdicts = r.verdictCounts()
	r.res.End = r.now
}
