package validator_test

import (
	"slices"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// duties is the model's account of what SPEC.md section 6 adds to verdicts: the warnings
// of the step being applied and what the app owes. It is written from SPEC.md and the
// README's readings ("Where the contract is silent"), not from the validator's code.
type duties struct {
	subscribed bool
	seq        int
	now        time.Duration
	warnings   []callstate.Cause // of the current step
	owed       []owed            // oldest first, as Pending lists them
}

// owed is one obligation. A push that came while its callId was live is about that call
// (ofCall); any other push belongs to no call, survives a service stop and is settled only
// by a report or a decline of its callId.
type owed struct {
	cause  callstate.Cause
	callID string
	seq    int
	at     time.Duration
	event  callstate.UIEvent
	ofCall bool
}

// modelAudio is what a call's audio reports have set; a new call is unmuted, speaker off,
// mic enabled.
type modelAudio struct{ muted, speaker, micOff bool }

// lateAfter is the push rule: a report strictly more than this after the push is late.
const lateAfter = 10_000 * time.Millisecond

func (d *duties) begin(seq int, s *validator.Step) {
	d.seq, d.now, d.warnings = seq, s.At, d.warnings[:0]
}

func (d *duties) warn(c callstate.Cause) { d.warnings = append(d.warnings, c) }

// settle drops every obligation the predicate matches.
func (d *duties) settle(match func(o *owed) bool) {
	kept := d.owed[:0]
	for i := range d.owed {
		if !match(&d.owed[i]) {
			kept = append(kept, d.owed[i])
		}
	}
	d.owed = kept
}

// callEnded settles everything about the call: its UI events and the pushes that came
// while it was live.
func (d *duties) callEnded(id string) {
	d.settle(func(o *owed) bool { return o.ofCall && o.callID == id })
}

// serviceStopped clears what the app owed about calls; unreported pushes stay.
func (d *duties) serviceStopped() {
	d.settle(func(o *owed) bool { return o.ofCall })
}

// pushSettled settles the pushes of id that belong to no call (reported or declined).
func (d *duties) pushSettled(id string) {
	d.settle(func(o *owed) bool { return !o.ofCall && o.cause == callstate.CausePushNotReported && o.callID == id })
}

// push records what a push asks for. A second push of a callId whose push is open owes
// nothing more (README, "Where the contract is silent"; SPEC is silent).
func (d *duties) push(id string, live bool) {
	if slices.ContainsFunc(d.owed, func(o owed) bool { return o.cause == callstate.CausePushNotReported && o.callID == id }) {
		return
	}
	d.owed = append(d.owed, owed{cause: callstate.CausePushNotReported, callID: id, seq: d.seq, at: d.now, ofCall: live})
}

// uiEvent records the report the user's event asks for. An event that asks for a report
// already owed keeps the first, be it the same event again, HANGUP after REJECT or
// VIDEO_ANSWER after VOICE_ANSWER (README, "Where the contract is silent").
func (d *duties) uiEvent(id string, e callstate.UIEvent, live bool) {
	if !live {
		d.warn(callstate.CauseEventForUnknownCall)
		return
	}
	asked, ok := reportAsked[e]
	if !ok {
		return
	}
	if slices.ContainsFunc(d.owed, func(o owed) bool {
		return o.cause == callstate.CauseUnansweredUIEvent && o.callID == id && reportAsked[o.event] == asked
	}) {
		return
	}
	d.owed = append(d.owed, owed{cause: callstate.CauseUnansweredUIEvent, callID: id, seq: d.seq, at: d.now, event: e, ofCall: true})
}

// reportAsked names the report each UI event asks for (SPEC.md section 6); NONE and
// MUTE_RINGTONE ask for none.
var reportAsked = map[callstate.UIEvent]string{
	callstate.EventVoiceAnswer: askAnswer, callstate.EventVideoAnswer: askAnswer,
	callstate.EventReject: "DISCONNECTED", callstate.EventHangup: "DISCONNECTED",
	callstate.EventMuted: callstate.AudioMuted.String(), callstate.EventUnmuted: callstate.AudioUnmuted.String(),
}

const askAnswer = "ANSWERED, ACTIVE or DISCONNECTED"

// answered settles the UI events of the call that asked for report.
func (d *duties) answered(id, report string) {
	d.settle(func(o *owed) bool {
		return o.cause == callstate.CauseUnansweredUIEvent && o.callID == id && reportAsked[o.event] == report
	})
}

// stateReported settles the UI events a successful state report answers (DISCONNECTED
// ends the call, which settles everything, through callEnded).
func (d *duties) stateReported(id string, st callstate.CallState) {
	if st == callstate.StateAnswered || st == callstate.StateActive {
		d.answered(id, askAnswer)
	}
}

// audioReported warns when the audio state already holds, records it and settles the
// MUTED/UNMUTED event it answers.
func (d *duties) audioReported(id string, a *modelAudio, e callstate.AudioEvent) {
	flag, on := a.flag(e)
	if *flag == on {
		d.warn(callstate.CauseRedundantAudioEvent)
	}
	*flag = on
	d.answered(id, e.String())
}

// flag is the part of the audio state an event sets, and the value it sets.
func (a *modelAudio) flag(e callstate.AudioEvent) (*bool, bool) {
	switch e {
	case callstate.AudioMuted, callstate.AudioUnmuted:
		return &a.muted, e == callstate.AudioMuted
	case callstate.AudioSpeakerOn, callstate.AudioSpeakerOff:
		return &a.speaker, e == callstate.AudioSpeakerOn
	}
	return &a.micOff, true // MIC_DISABLE; the model reaches here only with a valid event
}

// newCallReported gives the warnings of a successful reportIncomingCall or
// reportOutgoingCall; a reported incoming call also settles its pushes.
func (d *duties) newCallReported(op validator.Op, a *callstate.Attribute) {
	p := a.UserProfile
	if p.Width > 221 || p.Height > 221 || p.ByteCount >= 196608 {
		d.warn(callstate.CauseAvatarTooLarge)
	}
	if !d.subscribed {
		d.warn(callstate.CauseNoSubscription)
	}
	if a.UserName == "" {
		d.warn(callstate.CauseEmptyUserName)
	}
	if op != validator.OpReportIncomingCall {
		return
	}
	if d.late(a.CallID) {
		d.warn(callstate.CauseLateReport)
	}
	d.pushSettled(a.CallID)
}

// late tells whether a push of id still open came strictly more than 10 000 ms ago.
func (d *duties) late(id string) bool {
	return slices.ContainsFunc(d.owed, func(o owed) bool {
		return !o.ofCall && o.cause == callstate.CausePushNotReported && o.callID == id && d.now-o.at > lateAfter
	})
}
