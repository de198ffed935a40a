package validator

import "github.com/voipsim/voipsim/callstate"

// refusedTry is the app's last refused report about a live call. A refused report pays
// nothing (SPEC.md section 6), but when a debt of the call or the call itself is left
// open, the refusal is what the app has to hear: it tried, and the service said no.
type refusedTry struct {
	seq   int // 0: none
	op    Op
	to    int8 // the state or audio event the report asked for
	cause callstate.Cause
}

// tried remembers a refused report about the call, if it is one that pays a debt or
// ends the call; the newest is kept.
func (c *call) tried(s *Step, seq int, cause callstate.Cause) {
	t := refusedTry{seq: seq, op: s.Op, cause: cause}
	switch s.Op {
	case OpReportCallStateChange:
		t.to = int8(s.State)
	case OpReportCallAudioEventChange:
		t.to = int8(s.AudioEvent)
	case OpReportIncomingCallError:
	default:
		return
	}
	c.refused = t
}

// ends tells whether the refused report would have ended the call.
func (t refusedTry) ends() bool {
	return t.op == OpReportIncomingCallError ||
		t.op == OpReportCallStateChange && callstate.CallState(t.to) == callstate.StateDisconnected
}

// pays tells whether the refused report would have paid a debt of kind k.
func (t refusedTry) pays(k owed) bool {
	switch k {
	case owedAnswer:
		to := callstate.CallState(t.to)
		return t.ends() || t.op == OpReportCallStateChange && (to == callstate.StateAnswered || to == callstate.StateActive)
	case owedDisconnect:
		return t.ends()
	case owedMuted:
		return t.op == OpReportCallAudioEventChange && callstate.AudioEvent(t.to) == callstate.AudioMuted
	case owedUnmuted:
		return t.op == OpReportCallAudioEventChange && callstate.AudioEvent(t.to) == callstate.AudioUnmuted
	}
	return false
}

// phrase names the refused try inside an obligation's sentence, or is empty.
func (v *Validator) phrase(t refusedTry, ok bool) string {
	if !ok || t.seq == 0 {
		return ""
	}
	return " (" + t.op.String() + " " + v.refusedAt(t.seq, t.cause) + ")"
}

// refusedAt says when and why the service refused a try.
func (v *Validator) refusedAt(seq int, cause callstate.Cause) string {
	return "refused at " + v.at(seq) + ": " + cause.String()
}
