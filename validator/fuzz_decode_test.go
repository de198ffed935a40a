package validator_test

import (
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// decoder turns arbitrary bytes into a sequence of steps. It is total: every input is a
// valid sequence, and an exhausted input reads as zero bytes, so the fuzzer never wastes
// an input on a syntax error.
//
// Layout: one header byte (bit 0: documented profile, bit 1: AllowOpenCalls, bit 2: no
// initial subscription), then per step: op, time (see advance), argument fault (0xE0|f:
// wrong type of field 1<<f, 0xF0|f: field 1<<f missing), then the op's arguments (see
// step). Enum arguments range one below and above their valid values.
type decoder struct {
	data   []byte
	pos    int
	now    time.Duration
	pushAt map[string]time.Duration // the last push of each callId
	push   time.Duration            // the last push of any callId
}

func (d *decoder) more() bool { return d.pos < len(d.data) }

func (d *decoder) next() byte {
	if d.pos >= len(d.data) {
		return 0
	}
	b := d.data[d.pos]
	d.pos++
	return b
}

// enum reads a value in lo..lo+n-1.
func enum[T ~int8](d *decoder, lo, n int) T { return T(lo + int(d.next())%n) }

// callIDs is a small pool, so that reports meet each other; "" tests missing-parameter.
var callIDs = [8]string{"c0", "c1", "c2", "c3", "c4", "c0", "c1", ""}

func (d *decoder) id() string { return callIDs[d.next()%8] }

// edgeAvatars sit on both sides of the avatar limits: at most 221×221 pixels, under
// 196608 bytes.
var edgeAvatars = [7]callstate.Avatar{
	{Width: 221, Height: 221, ByteCount: 196607}, {Width: 222, Height: 221, ByteCount: 1}, {Width: 221, Height: 222, ByteCount: 1},
	{Width: 221, Height: 221, ByteCount: 196608}, {}, {Width: 1, Height: 1, ByteCount: 196609}, {Width: 10000, Height: 0, ByteCount: 0},
}

var fuzzFaultCodes = [6]callstate.Code{1007200002, 1007200003, 1007200999, 401, 1007200001, 0}

type header struct {
	profile     validator.Profile
	allowOpen   bool
	unsubscribe bool
}

func (d *decoder) header() header {
	h := d.next()
	p := validator.Strict
	if h&1 != 0 {
		p = validator.Documented
	}
	return header{profile: p, allowOpen: h&2 != 0, unsubscribe: h&4 != 0}
}

// step decodes the next step; cb is the callback an on step registers.
func (d *decoder) step(cb callstate.UIEventCallback) validator.Step {
	ops := validator.Ops()
	s := validator.Step{Op: ops[int(d.next())%len(ops)]}
	t := d.next()
	switch f := d.next(); f & 0xF0 {
	case 0xE0:
		s.WrongType = 1 << (f & 0x0F)
		s.BadOption = "isConferenceCall"
	case 0xF0:
		s.Missing = 1 << (f & 0x0F)
	}
	switch s.Op {
	case validator.OpOn, validator.OpOff:
		b := d.next()
		s.EventType = callstate.UIEventType
		if b%4 == 3 {
			s.EventType = "voipCallEvent"
		}
		if b&4 == 0 {
			s.Callback = cb
		}
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		s.Attr = d.attribute(s.Op)
	case validator.OpReportCallStateChange:
		s.CallID = d.id()
		s.State = enum[callstate.CallState](d, -1, 10)
		if b := d.next(); b&1 != 0 {
			s.HasCallType, s.CallType = true, callstate.CallType(int(b>>1)%4-1)
		}
	case validator.OpReportCallAudioEventChange:
		s.CallID, s.AudioEvent = d.id(), enum[callstate.AudioEvent](d, -1, 8)
	case validator.OpReportIncomingCallError:
		s.CallID, s.FailureCause = d.id(), enum[callstate.FailureCause](d, -1, 5)
	case validator.OpPush:
		s.CallID = d.id()
	case validator.OpUIEvent:
		s.CallID, s.UIEvent, s.ErrorReason = d.id(), enum[callstate.UIEvent](d, -1, 12), enum[callstate.ErrorReason](d, 0, 6)
	case validator.OpInjectFault:
		s.FaultCode = fuzzFaultCodes[d.next()%6]
	}
	d.advance(&s, t)
	return s
}

// sincePush are the times that time bytes from 0xFC on put a step at after the push of
// its callId: on both sides of the 10 000 ms of the push rule.
var sincePush = [4]time.Duration{10_000 * time.Millisecond, 10_001 * time.Millisecond, 10*time.Second + 1, 9_999 * time.Millisecond}

// advance times the step by its time byte t: below 0xFC, t×100 ms after the last step;
// from 0xFC on, sincePush[t-0xFC] after the last push of the step's callId (of any
// callId if it had none), but never before the last step.
func (d *decoder) advance(s *validator.Step, t byte) {
	if t < 0xFC {
		d.now += time.Duration(t) * 100 * time.Millisecond
	} else {
		base, ok := d.pushAt[s.ID()]
		if !ok {
			base = d.push
		}
		d.now = max(d.now, base+sincePush[t-0xFC])
	}
	s.At, s.HasTime = d.now, true
	if s.Op == validator.OpPush {
		if d.pushAt == nil {
			d.pushAt = map[string]time.Duration{}
		}
		d.pushAt[s.CallID], d.push = d.now, d.now
	}
}

// attribute reads callId, type, state (mostly the right initial one) and a flag byte:
// bit 0 empty userName, bit 1 avatar too large, bit 2 empty abilityName, bits 3-4
// isDialingAllowedDuringCarrierCall (unset, false, true, unset), bits 5-7 an avatar at
// the edges of the limits (see edgeAvatars), which bit 1 does not override.
func (d *decoder) attribute(op validator.Op) callstate.Attribute {
	a := incoming(d.id())
	a.CallType = enum[callstate.CallType](d, -1, 4)
	a.State = callstate.InitialIncoming
	if op == validator.OpReportOutgoingCall {
		a.State = callstate.InitialOutgoing
	}
	if b := d.next(); b >= 160 {
		a.State = callstate.CallState(int(b)%10 - 1)
	}
	flags := d.next()
	if flags&1 != 0 {
		a.UserName = ""
	}
	if flags&2 != 0 {
		a.UserProfile = callstate.Avatar{Width: 222, Height: 222, ByteCount: 196608}
	}
	if e := flags >> 5; e != 0 {
		a.UserProfile = edgeAvatars[e-1]
	}
	if flags&4 != 0 {
		a.AbilityName = ""
	}
	a.IsDialingAllowedDuringCarrierCall = [4]callstate.OptBool{callstate.Unset, callstate.False, callstate.True, callstate.Unset}[flags>>3&3]
	return a
}
