package validator_test

import (
	"github.com/looplab/fsm"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// model is the fuzz target's independent account of what the service should answer: a
// plain map of calls, each holding a looplab reference FSM of the lifecycle, plus the
// environment. It predicts the cause of every verdict, and through duties the warnings of
// every step and what the app owes.
type model struct {
	duties
	profile validator.Profile
	calls   map[string]*modelCall
	stopped bool
	carrier bool
	faults  int
}

type modelCall struct {
	dir   validator.Direction
	typ   callstate.CallType
	ref   *fsm.FSM // the lifecycle as looplab sees it; its Current() is the call's state
	audio modelAudio
}

func (c *modelCall) state() callstate.CallState {
	s, _ := callstate.ParseCallState(c.ref.Current())
	return s
}

func newModel(p validator.Profile) *model {
	return &model{profile: p, calls: map[string]*modelCall{}}
}

// requiredFields are the arguments SPEC.md section 1 makes mandatory for each report.
var requiredFields = map[validator.Op]validator.Field{
	validator.OpReportIncomingCall: validator.FieldAttribute | validator.FieldCallID | validator.FieldCallType | validator.FieldUserName |
		validator.FieldUserProfile | validator.FieldAbilityName | validator.FieldCallState,
	validator.OpReportCallStateChange:      validator.FieldCallID | validator.FieldCallState,
	validator.OpReportCallAudioEventChange: validator.FieldCallID | validator.FieldAudioEvent,
	validator.OpReportIncomingCallError:    validator.FieldCallID | validator.FieldFailureCause,
}

func init() {
	requiredFields[validator.OpReportOutgoingCall] = requiredFields[validator.OpReportIncomingCall]
}

// subscribe predicts on/off and applies it: off removes every callback.
func (m *model) subscribe(s *validator.Step) callstate.Cause {
	c := subscribeCause(s)
	if c == callstate.CauseNone {
		m.subscribed = s.Op == validator.OpOn
	}
	return c
}

// subscribeCause predicts on/off: only 401 can happen.
func subscribeCause(s *validator.Step) callstate.Cause {
	bad := s.WrongType&validator.FieldType != 0 || s.Missing&validator.FieldType != 0 || s.EventType != callstate.UIEventType
	if bad || (s.Op == validator.OpOn && (s.Callback == nil || (s.WrongType|s.Missing)&validator.FieldCallback != 0)) {
		return callstate.CauseParameterType
	}
	return callstate.CauseNone
}

// statelessCause predicts checks 1 and 2 of SPEC.md section 3.
func (m *model) statelessCause(s *validator.Step) callstate.Cause {
	newCall := s.Op == validator.OpReportIncomingCall || s.Op == validator.OpReportOutgoingCall
	switch {
	case s.WrongType != 0:
		return callstate.CauseParameterType
	case s.Missing&requiredFields[s.Op] != 0, s.ID() == "", newCall && s.Attr.AbilityName == "":
		return callstate.CauseMissingParameter
	}
	a := &s.Attr
	switch s.Op {
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		switch {
		case !a.CallType.Valid():
			return callstate.CauseInvalidCallType
		case !a.State.Valid():
			return callstate.CauseInvalidCallState
		case s.Op == validator.OpReportOutgoingCall && a.State != callstate.StateDialing:
			return callstate.CauseOutgoingNotDialing
		case s.Op == validator.OpReportIncomingCall && m.profile == validator.Strict && a.State != callstate.StateRinging:
			return callstate.CauseIncomingNotRinging
		}
	case validator.OpReportCallStateChange:
		if s.HasCallType && !s.CallType.Valid() {
			return callstate.CauseInvalidCallType
		}
		if !s.State.Valid() {
			return callstate.CauseInvalidCallState
		}
	case validator.OpReportCallAudioEventChange:
		if !s.AudioEvent.Valid() {
			return callstate.CauseInvalidAudioEvent
		}
	case validator.OpReportIncomingCallError:
		if !s.FailureCause.Valid() {
			return callstate.CauseInvalidFailureCause
		}
	}
	return callstate.CauseNone
}

// report predicts the cause of a report (CauseNone for success) and applies it to the
// model. refused tells whether the looplab reference refused a state report's transition.
func (m *model) report(s *validator.Step) (cause callstate.Cause, reason callstate.ErrorReason, refused bool) {
	if c := m.statelessCause(s); c != callstate.CauseNone {
		return c, 0, false
	}
	if m.stopped {
		return callstate.CauseServiceUnavailable, 0, false
	}
	if m.faults > 0 {
		m.faults--
		return callstate.CauseInjectedFault, 0, false
	}
	c := m.calls[s.ID()]
	switch s.Op {
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		cause, reason = m.newCall(s, c)
		return cause, reason, false
	case validator.OpReportCallAudioEventChange:
		if c == nil {
			return callstate.CauseUnknownCallID, 0, false
		}
		m.audioReported(s.CallID, &c.audio, s.AudioEvent)
	case validator.OpReportIncomingCallError:
		if c != nil && m.profile == validator.Strict && (c.dir != validator.Incoming || c.state() != callstate.StateRinging) {
			return callstate.CauseIllegalTransition, 0, false
		}
		m.end(s.CallID)
		m.pushSettled(s.CallID)
	case validator.OpReportCallStateChange:
		return m.stateChange(s, c)
	}
	return callstate.CauseNone, 0, false
}

func (m *model) newCall(s *validator.Step, live *modelCall) (callstate.Cause, callstate.ErrorReason) {
	dir := validator.Incoming
	if s.Op == validator.OpReportOutgoingCall {
		dir = validator.Outgoing
	}
	switch {
	case live != nil:
		return callstate.CauseDuplicateReport, 0
	case dir == validator.Incoming && m.count(dir) >= 3:
		return callstate.CauseIncomingLimit, 0
	case dir == validator.Outgoing && m.count(dir) >= 1:
		return callstate.CauseOutgoingLimit, 0
	case dir == validator.Outgoing && m.carrier && !s.Attr.DialingAllowedDuringCarrierCall():
		return callstate.CauseCarrierConflict, 0
	}
	m.newCallReported(s.Op, &s.Attr)
	if dir == validator.Incoming && m.carrier {
		return callstate.CauseNone, callstate.ReasonCellularCallExists
	}
	if s.Attr.State != callstate.StateDisconnected {
		m.calls[s.Attr.CallID] = &modelCall{dir: dir, typ: s.Attr.CallType, ref: callstate.NewReferenceFSM(s.Attr.State)}
	}
	return callstate.CauseNone, callstate.ReasonNone
}

func (m *model) stateChange(s *validator.Step, c *modelCall) (callstate.Cause, callstate.ErrorReason, bool) {
	if c == nil {
		return callstate.CauseUnknownCallID, 0, false
	}
	typ := c.typ
	if s.HasCallType {
		typ = s.CallType
	}
	same := s.State == c.state()
	refused := !same && !c.ref.Can(s.State.String())
	if m.profile == validator.Strict {
		if same && typ == c.typ {
			return callstate.CauseDuplicateReport, 0, false
		}
		if refused {
			return callstate.CauseIllegalTransition, 0, true
		}
	}
	if s.State == callstate.StateDisconnected {
		m.end(s.CallID)
		return callstate.CauseNone, 0, refused
	}
	m.stateReported(s.CallID, s.State)
	c.typ = typ
	if !same {
		if refused {
			c.ref.SetState(s.State.String()) // documented: any state may be reported
		} else if err := c.ref.Event(ctxBackground, s.State.String()); err != nil {
			panic("reference FSM refused what Can allowed: " + err.Error())
		}
	}
	return callstate.CauseNone, 0, refused
}

// end ends a live call and settles what the app owed about it.
func (m *model) end(id string) {
	if m.calls[id] != nil {
		m.callEnded(id)
	}
	delete(m.calls, id)
}

func (m *model) count(dir validator.Direction) int {
	n := 0
	for _, c := range m.calls {
		if c.dir == dir {
			n++
		}
	}
	return n
}

// environment applies an environment step; it reports whether the step is one no phone
// could produce (ErrBadStep).
func (m *model) environment(s *validator.Step) (bad bool) {
	switch s.Op {
	case validator.OpPush:
		if s.CallID == "" {
			return true
		}
		m.push(s.CallID, m.calls[s.CallID] != nil)
	case validator.OpUIEvent:
		reserved := s.UIEvent == callstate.EventSpeakerOn || s.UIEvent == callstate.EventSpeakerOff
		if s.CallID == "" || !s.UIEvent.Valid() || reserved || !s.ErrorReason.Valid() {
			return true
		}
		m.uiEvent(s.CallID, s.UIEvent, m.calls[s.CallID] != nil)
	case validator.OpCarrierCallStart:
		m.carrier = true
	case validator.OpCarrierCallEnd:
		m.carrier = false
	case validator.OpServiceStop:
		m.stopped = true
		clear(m.calls)
		m.serviceStopped()
	case validator.OpServiceStart:
		m.stopped = false
	case validator.OpInjectFault:
		if !s.FaultCode.Injectable() {
			return true
		}
		m.faults++
	}
	return false
}
