package validator

import (
	"cmp"
	"slices"
	"strings"

	"github.com/voipsim/voipsim/callstate"
)

// owedFor tells which report a UI event asks for; NONE, MUTE_RINGTONE and the reserved
// speaker events ask for none.
func owedFor(e callstate.UIEvent) (owed, bool) {
	switch e {
	case callstate.EventVoiceAnswer, callstate.EventVideoAnswer:
		return owedAnswer, true
	case callstate.EventReject, callstate.EventHangup:
		return owedDisconnect, true
	case callstate.EventMuted:
		return owedMuted, true
	case callstate.EventUnmuted:
		return owedUnmuted, true
	}
	return 0, false
}

var owedReport = [owedKinds]string{
	owedAnswer:     "ANSWERED, ACTIVE or DISCONNECTED",
	owedDisconnect: "DISCONNECTED",
	owedMuted:      "AUDIO_EVENT_MUTED",
	owedUnmuted:    "AUDIO_EVENT_UNMUTED",
}

// settleState clears the UI-event debts a successful state report pays. Most calls owe
// nothing: the check stays inline, and only a call that owes pays.
func (v *Validator) settleState(c *call, to callstate.CallState) {
	if c.owes != 0 {
		v.payState(c, to)
	}
}

func (v *Validator) payState(c *call, to callstate.CallState) {
	switch to {
	case callstate.StateAnswered, callstate.StateActive:
		v.pay(c, owedAnswer)
	case callstate.StateDisconnected:
		v.pay(c, owedAnswer)
		v.pay(c, owedDisconnect)
	}
}

// owe records the debt a UI event creates.
func (c *call) owe(k owed, d debt) {
	c.debts[k] = d
	c.owes |= 1 << k
}

// pay clears a debt of the call, if it has one.
func (v *Validator) pay(c *call, k owed) {
	if c.owes&(1<<k) != 0 {
		v.paid(c.debts[k].seq)
		c.debts[k] = debt{}
		c.owes &^= 1 << k
	}
}

// settlePush closes the open push of id, if there is one. Most reports find no push
// open: the check stays inline.
func (v *Validator) settlePush(id string) {
	if v.pushes.any() {
		v.closePush(id)
	}
}

func (v *Validator) closePush(id string) {
	v.paid(v.pushes.settle(id))
}

// closeLivePush closes the open push of a call that is ending if the push came while the
// call was live: such a push is about the call, and every obligation about a call is
// settled when it ends (SPEC.md section 6). An older one is not: an outgoing call that
// reuses the callId of a push never reported leaves that push owed.
func (v *Validator) closeLivePush(c *call) {
	if p, ok := v.pushes.find(c.attr.CallID); ok && p.seq > c.reportedSeq {
		v.closePush(p.id)
	}
}

// paid notes that the app met the obligation step seq created (0: none). Only the newest
// is kept: it answers Owes at once about the obligation a caller has just created and the
// app has just met, which a simulator asks after every push and UI event.
func (v *Validator) paid(seq int) {
	if seq > v.newestPaid {
		v.newestPaid = seq
	}
}

// Pending lists what the app owes now, oldest first: UI events without their report and
// pushes neither reported nor declined. Leaked calls are not included; see Finish.
func (v *Validator) Pending() []Obligation {
	v.lock()
	defer v.unlock()
	return v.pending(nil)
}

func (v *Validator) pending(dst []Obligation) []Obligation {
	start := len(dst)
	for i := range v.calls.n {
		c := &v.calls.live[i]
		for k, d := range c.debts {
			if d.seq != 0 {
				dst = append(dst, v.unanswered(c, owed(k), d))
			}
		}
	}
	v.pushes.each(func(p pushRecord) { dst = append(dst, v.unreported(p)) })
	sortObligations(dst[start:])
	return dst
}

// Unmet finds the obligation step seq created for callID, if the app still owes it: a
// UI event without its report, or a push neither reported nor declined. It is Pending
// for one step, for checks at a deadline, which know the step they judge.
func (v *Validator) Unmet(callID string, seq int) (o Obligation, unmet bool) {
	if seq <= 0 {
		return o, false // no step has that number; a settled debt has seq 0
	}
	v.lock()
	if c, k, p, ok := v.owing(callID, seq); ok && k >= 0 {
		o, unmet = v.unanswered(c, owed(k), c.debts[k]), true
	} else if ok {
		o, unmet = v.unreported(p), true
	}
	v.unlock()
	return o, unmet
}

// Owes reports whether Unmet would find the obligation, without building it: for checks
// at every deadline, which mostly find the app paid on time.
func (v *Validator) Owes(callID string, seq int) bool {
	if seq <= 0 {
		return false
	}
	v.lock()
	// A step creates one obligation at most, and a met one is never owed again.
	owes := seq != v.newestPaid || v.seqReused
	if owes {
		_, _, _, owes = v.owing(callID, seq)
	}
	v.unlock()
	return owes
}

// owing finds what step seq created for callID and is still owed: a debt of a live call
// (its kind k), or an open push (k = -1). A step is a UI event or a push, never both.
func (v *Validator) owing(callID string, seq int) (c *call, k int, p pushRecord, ok bool) {
	if c = v.calls.get(callID); c != nil {
		for k := range c.debts {
			if c.debts[k].seq == seq {
				return c, k, p, true
			}
		}
	}
	if p, ok = v.pushes.made(callID, seq); ok {
		return nil, -1, p, true
	}
	return nil, 0, p, false
}

func (v *Validator) unanswered(c *call, k owed, d debt) Obligation {
	id, t := c.attr.CallID, c.refused
	// The refused try goes inside the sentence: the simulator ends it with its deadline.
	return Obligation{Cause: callstate.CauseUnansweredUIEvent, CallID: id, Seq: d.seq, At: d.at, Event: d.event,
		Detail: "call " + quoteID(id) + " got " + d.event.String() + " at " + v.at(d.seq) + " but the app never reported " + owedReport[k] +
			v.phrase(t, t.seq > d.seq && t.pays(k))}
}

func (v *Validator) unreported(p pushRecord) Obligation {
	reported, declined := "reported with reportIncomingCall", "declined with reportIncomingCallError"
	// The refused try goes inside the sentence: the simulator ends it with its deadline.
	if t, ok := v.pushes.lastTry(p); ok {
		tried := " (" + v.refusedAt(t.seq, t.cause) + ")"
		if t.op == OpReportIncomingCall {
			reported += tried
		} else {
			declined += tried
		}
	}
	return Obligation{Cause: callstate.CausePushNotReported, CallID: p.id, Seq: p.seq, At: p.at,
		Detail: "push for call " + quoteID(p.id) + " at " + v.at(p.seq) + " was neither " + reported + " nor " + declined}
}

// Finish lists every unmet obligation at the end of the sequence: Pending, then each call
// still live (leaked-call) unless AllowOpenCalls was given. It changes nothing, so a
// sequence may go on after it.
func (v *Validator) Finish() []Obligation {
	v.lock()
	defer v.unlock()
	out := v.pending(nil)
	if v.allowOpen {
		return out
	}
	start := len(out)
	for i := range v.calls.n {
		c := &v.calls.live[i]
		id := c.attr.CallID
		out = append(out, Obligation{Cause: callstate.CauseLeakedCall, CallID: id, Seq: c.reportedSeq,
			Detail: "call " + quoteID(id) + " (" + c.dir.String() + ", reported at " + v.at(c.reportedSeq) + ") is still " + c.state.Short() +
				": the app never reported DISCONNECTED" + v.phrase(c.refused, c.refused.ends())})
	}
	sortObligations(out[start:])
	return out
}

func sortObligations(o []Obligation) {
	slices.SortFunc(o, func(a, b Obligation) int {
		if a.Seq != b.Seq {
			return cmp.Compare(a.Seq, b.Seq)
		}
		if a.CallID != b.CallID {
			return strings.Compare(a.CallID, b.CallID)
		}
		return cmp.Compare(a.Cause, b.Cause)
	})
}
