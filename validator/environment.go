package validator

import (
	"errors"
	"strconv"

	"github.com/voipsim/voipsim/callstate"
)

// ErrBadStep is what errors.Is finds in the error of an environment step no phone could
// produce:
//   - a push with no callId;
//   - a uiEvent with no callId, with SPEAKER_ON or SPEAKER_OFF (reserved: the system never
//     sends them), with an event that is not a VoipCallUiEvent, or with a reason that is
//     not an ErrorReason;
//   - an injectFault whose code cannot be injected (only 1007200002, 1007200003 and
//     1007200999 can);
//   - a Step whose Op is neither an API call nor an environment step (OpNone, or out of
//     range).
//
// Such a step takes a step number and reaches the observer (WithObserver), but changes
// nothing else: not the clock, not what the app owes, and a uiEvent reaches no callback
// registered with On.
var ErrBadStep = errors.New("bad step")

// BadStepError is the error of such a step; Reason says what no phone could produce
// ("injectFault needs code 1007200002, 1007200003 or 1007200999").
type BadStepError struct{ Reason string }

func (e *BadStepError) Error() string        { return "bad step: " + e.Reason }
func (e *BadStepError) Is(target error) bool { return target == ErrBadStep }

func badStep(reason string) error { return &BadStepError{Reason: reason} }

// subscribe handles on and off, which never fail but with 401.
func (v *Validator) subscribe(s *Step) error {
	if s.WrongType&FieldType != 0 || s.Missing&FieldType != 0 || s.EventType != callstate.UIEventType {
		detail := s.Op.String() + " needs type '" + callstate.UIEventType + "'"
		if s.Missing&FieldType != 0 {
			detail += ", got none"
		} else if s.WrongType&FieldType != 0 {
			detail += ", got a value that is not a string"
		} else {
			detail += ", got '" + s.EventType + "'"
		}
		return callstate.NewError(callstate.CodeParameterError, callstate.CauseParameterType, detail)
	}
	if s.Op == OpOff {
		v.callbacks = nil
		v.subscribed = false
		return nil
	}
	if s.Callback == nil || (s.WrongType|s.Missing)&FieldCallback != 0 {
		return callstate.NewError(callstate.CodeParameterError, callstate.CauseParameterType, "on needs a callback")
	}
	// Copy on write: Apply delivers from the old slice without holding the lock.
	cbs := make([]callstate.UIEventCallback, len(v.callbacks), len(v.callbacks)+1)
	copy(cbs, v.callbacks)
	v.callbacks = append(cbs, s.Callback)
	v.subscribed = true
	return nil
}

// environment applies a step of the phone around the app.
func (v *Validator) environment(s *Step, out *Outcome) error {
	switch s.Op {
	case OpPush:
		if s.CallID == "" {
			return badStep("push needs a callId")
		}
		v.pushes.open(pushRecord{id: s.CallID, seq: v.seq, at: v.now})
	case OpUIEvent:
		return v.uiEvent(s, out)
	case OpCarrierCallStart:
		if v.carrierAt == 0 {
			v.carrierAt = v.seq
		}
	case OpCarrierCallEnd:
		v.carrierAt = 0
	case OpServiceStop:
		if v.stoppedAt == 0 {
			v.stoppedAt = v.seq
			// [policy] the service forgets every call, and with them what the app owed,
			// pushes that came for a live call included.
			for i := range v.calls.n {
				v.closeLivePush(&v.calls.live[i])
			}
			v.calls.clear(v.seq, endedByServiceStop)
		}
	case OpServiceStart:
		v.stoppedAt = 0
	case OpInjectFault:
		if !s.FaultCode.Injectable() {
			return badStep("injectFault needs code " + callstate.InjectableCodes)
		}
		v.faults = append(v.faults, fault{code: s.FaultCode, seq: v.seq})
	default:
		return badStep(unknownOp(s.Op))
	}
	return nil
}

// unknownOp names an op the model has no rule for: the zero Op of a Step built without
// one, or a number past the last op.
func unknownOp(o Op) string {
	if o == OpNone {
		return "the step has no op"
	}
	return "unknown op " + strconv.Itoa(int(o))
}

// uiEvent applies what the system tells the app: a user's action on one call. The system
// never sends one without a call, nor SPEAKER_ON/OFF (SPEC.md section 1): no phone could
// produce such a step.
func (v *Validator) uiEvent(s *Step, out *Outcome) error {
	if s.CallID == "" {
		return badStep("uiEvent needs a callId")
	}
	if !s.UIEvent.Valid() {
		return badStep("uiEvent needs a VoipCallUiEvent, got " + s.UIEvent.String())
	}
	if s.UIEvent == callstate.EventSpeakerOn || s.UIEvent == callstate.EventSpeakerOff {
		return badStep("uiEvent " + s.UIEvent.String() + " is reserved: the system never sends it")
	}
	if !s.ErrorReason.Valid() {
		return badStep("uiEvent needs an ErrorReason, got " + s.ErrorReason.String())
	}
	c := v.calls.get(s.CallID)
	if c == nil {
		out.warn(callstate.CauseEventForUnknownCall, "call "+quoteID(s.CallID)+" is not live; the event creates no obligation")
		return nil
	}
	if k, ok := owedFor(s.UIEvent); ok && c.debts[k].seq == 0 {
		c.owe(k, debt{seq: v.seq, at: v.now, event: s.UIEvent})
	}
	return nil
}
