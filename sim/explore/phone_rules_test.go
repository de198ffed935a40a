package explore_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/validator"
)

// TestPhoneKeepsItsRules holds generated runs to the phone's rules of SPEC.md section 9,
// with an oracle of its own: it replays each run's steps and verdicts through a small
// model of the live calls (liveCalls) and checks, script step by script step (phoneRules),
// that
//   - a user step became exactly the UI event it names, for its callId, with ERROR_NONE,
//     when the banner offered it at that moment (offers), and was skipped when it did not;
//   - a carrier answer that was played sent exactly the take-over events of the calls live
//     at that moment, by their state then, once each, and the ACTIVE ones none — but for
//     a call the app ended from the callback of an earlier one, which gets none;
//   - no UI event came while the service was stopped, none was SPEAKER_ON/OFF or without
//     a callId, and every other script step made only its own environment step (a push,
//     a carrier or service step, a fault) or none (a dial, the far end).
//
// The runs are those of TestTraceOfAnyRunGivesItsVerdicts: every app of the campaigns and
// chaosApp, the only one whose reports set isVoiceAnswerSupported and
// isUserMuteRingToneAllowed every way and change types and states at will, so it plays
// half the runs. A run is short and a take-over rare, so each check plays runsPerCheck
// runs. More: -rapid.checks=N.
func TestPhoneKeepsItsRules(t *testing.T) {
	apps := drawnApps(t)
	chaos := apps[slices.IndexFunc(apps, func(a drawnApp) bool { return a.name == "chaos" })]
	rapid.Check(t, func(t *rapid.T) {
		for range runsPerCheck {
			app := chaos
			if !rapid.Bool().Draw(t, "chaos") {
				app = rapid.SampledFrom(apps).Draw(t, "app")
			}
			cfg := configGen().Draw(t, "config")
			sc := scenarioGen().Draw(t, "scenario")
			res := sim.Run(app.make(t), sc, cfg)
			if err := phoneRules(res); err != nil {
				t.Fatalf("app %s, config %+v: %v\nthe run:\n%s", app.name, cfg, err, res)
			}
		}
	})
}

// runsPerCheck is how many runs one check of TestPhoneKeepsItsRules plays.
const runsPerCheck = 30

// liveCall is what the banner needs to know about one live call.
type liveCall struct {
	incoming     bool
	typ          callstate.CallType
	state        callstate.CallState
	voiceAnswer  bool // isVoiceAnswerSupported, default true
	muteRingtone bool // isUserMuteRingToneAllowed, default false
}

// liveCalls is the oracle's model of the call service: the calls that the app's
// successful reports made live and that nothing has ended since, and whether the service
// runs. It learns only from the steps and their verdicts, not from the validator.
type liveCalls struct {
	calls map[string]liveCall
	down  bool
}

// apply takes one step of the run with its verdict.
func (m *liveCalls) apply(s *validator.Step, out validator.Outcome) {
	switch s.Op {
	case validator.OpServiceStop:
		m.down = true
		clear(m.calls)
	case validator.OpServiceStart:
		m.down = false
	}
	if !out.OK() {
		return
	}
	switch s.Op {
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		// An incoming call reported while a carrier call is there is not registered, nor
		// one reported DISCONNECTED (documented profile).
		if out.Reason == callstate.ReasonNone && s.Attr.State != callstate.StateDisconnected {
			m.calls[s.Attr.CallID] = liveCall{
				incoming:     s.Op == validator.OpReportIncomingCall,
				typ:          s.Attr.CallType,
				state:        s.Attr.State,
				voiceAnswer:  s.Attr.IsVoiceAnswerSupported.Or(true),
				muteRingtone: s.Attr.IsUserMuteRingToneAllowed.Or(false),
			}
		}
	case validator.OpReportCallStateChange:
		c, ok := m.calls[s.CallID]
		if !ok {
			return
		}
		if s.State == callstate.StateDisconnected {
			delete(m.calls, s.CallID)
			return
		}
		c.state = s.State
		if s.HasCallType {
			c.typ = s.CallType
		}
		m.calls[s.CallID] = c
	case validator.OpReportIncomingCallError:
		delete(m.calls, s.CallID)
	}
}

// offers tells whether the banner lets the user send ev for call c (SPEC.md section 9).
func offers(c liveCall, ev callstate.UIEvent) bool {
	ringing := c.incoming && c.state == callstate.StateRinging
	switch ev {
	case callstate.EventVoiceAnswer:
		return ringing && (c.typ == callstate.CallVoice || c.voiceAnswer)
	case callstate.EventVideoAnswer:
		return ringing && c.typ == callstate.CallVideo
	case callstate.EventReject:
		return ringing
	case callstate.EventHangup, callstate.EventMuted, callstate.EventUnmuted:
		return true
	case callstate.EventMuteRingtone:
		return ringing && c.muteRingtone
	}
	return false
}

// userEvents are the UI events the user steps press (an answer: VOICE_ANSWER; a video
// one, see userEvent).
var userEvents = map[sim.Action]callstate.UIEvent{
	sim.ActAnswer: callstate.EventVoiceAnswer, sim.ActReject: callstate.EventReject, sim.ActHangup: callstate.EventHangup,
	sim.ActMute: callstate.EventMuted, sim.ActUnmute: callstate.EventUnmuted, sim.ActMuteRingtone: callstate.EventMuteRingtone,
}

// userEvent is the UI event a user step presses; EventNone, which the banner never
// offers, for an answer of neither voice nor video.
func userEvent(st sim.Step) callstate.UIEvent {
	switch {
	case st.Action == sim.ActAnswer && st.Type == callstate.CallVideo:
		return callstate.EventVideoAnswer
	case st.Action == sim.ActAnswer && st.Type != callstate.CallVoice:
		return callstate.EventNone
	}
	return userEvents[st.Action]
}

// uiEvent is one UI event as the phone sends it.
type uiEvent struct {
	callID string
	event  callstate.UIEvent
	reason callstate.ErrorReason
}

func (e uiEvent) String() string { return fmt.Sprintf("%q %s %s", e.callID, e.event, e.reason) }

// takeOver is what the user answering a carrier call sends to the live VoIP calls: REJECT
// with CELLULAR_CALL_EXISTS to each ringing incoming call, HANGUP with
// USER_ANSWER_CELLULAR_FIRST to every other one but the ACTIVE ones.
func takeOver(calls map[string]liveCall) map[uiEvent]bool {
	out := map[uiEvent]bool{}
	for id, c := range calls {
		switch {
		case c.incoming && c.state == callstate.StateRinging:
			out[uiEvent{id, callstate.EventReject, callstate.ReasonCellularCallExists}] = true
		case c.state != callstate.StateActive:
			out[uiEvent{id, callstate.EventHangup, callstate.ReasonUserAnswerCellularFirst}] = true
		}
	}
	return out
}

// envOps are the environment steps the played script steps make, besides the UI events
// of user and carrier-answer steps; a dial and the far end make none (OpNone), as they
// reach the app's own code only.
var envOps = map[sim.Action]validator.Op{
	sim.ActPush: validator.OpPush, sim.ActCarrierRing: validator.OpCarrierCallStart, sim.ActCarrierEnd: validator.OpCarrierCallEnd,
	sim.ActServiceCrash: validator.OpServiceStop, sim.ActServiceRestart: validator.OpServiceStart, sim.ActFault: validator.OpInjectFault,
}

// scriptStep is what one script step did, as the log shows it: the steps logged after it
// and before the next one (the app's answers and timers included), and whether it was
// skipped.
type scriptStep struct {
	index   int
	step    sim.Step
	before  map[string]liveCall // the live calls when it started
	skipped bool
	events  []uiEvent
	envOps  []validator.Op
	ended   map[string]bool // calls of before that were not live at some time since
}

// phoneRules replays the run through the oracle and returns the first rule it finds
// broken.
func phoneRules(res *sim.Result) error {
	m := liveCalls{calls: map[string]liveCall{}}
	var cur *scriptStep
	next := 0 // the validator step the log must show next
	for _, e := range res.Log {
		switch e.Kind {
		case sim.EntryScript, sim.EntrySkip:
			// A skipped step is logged as a skip entry in place of its start.
			if cur == nil || cur.index != e.Index {
				if err := cur.check(); err != nil {
					return err
				}
				cur = &scriptStep{index: e.Index, step: res.Scenario.Steps[e.Index], before: maps.Clone(m.calls)}
			}
			cur.skipped = cur.skipped || e.Kind == sim.EntrySkip
		case sim.EntryStep:
			if e.Index != next {
				return fmt.Errorf("the log shows step #%d where #%d belongs", e.Index+1, next+1)
			}
			next++
			s := &res.Steps[e.Index]
			if err := cur.observe(s, &m); err != nil {
				return fmt.Errorf("#%d %s: %w", s.Seq, sim.DescribeStep(s), err)
			}
			m.apply(s, res.Outcomes[e.Index])
			cur.noteEnded(&m)
		}
	}
	if next != len(res.Steps) {
		return fmt.Errorf("the log shows %d of the run's %d steps", next, len(res.Steps))
	}
	return cur.check()
}

// observe takes one step logged during the script step: the app's calls pass; an
// environment step must be the script step's own, and a UI event one the banner offers or
// the take-over sends.
func (p *scriptStep) observe(s *validator.Step, m *liveCalls) error {
	if s.Op.IsAPI() {
		return nil
	}
	if p == nil {
		return fmt.Errorf("an environment step before any script step")
	}
	if s.Op != validator.OpUIEvent {
		p.envOps = append(p.envOps, s.Op)
		return nil
	}
	ev := uiEvent{s.CallID, s.UIEvent, s.ErrorReason}
	switch {
	case ev.callID == "":
		return fmt.Errorf("a UI event without a callId")
	case ev.event == callstate.EventSpeakerOn || ev.event == callstate.EventSpeakerOff:
		return fmt.Errorf("the phone sent %s, which the system never sends", ev.event)
	case m.down:
		return fmt.Errorf("a UI event while the service is stopped")
	case p.step.Action.IsUser():
		c, live := m.calls[ev.callID]
		if !live || !offers(c, ev.event) {
			return fmt.Errorf("the banner does not offer %s to call %+v (live: %t)", ev, c, live)
		}
	case p.step.Action != sim.ActCarrierAnswer:
		return fmt.Errorf("a UI event from script step %d (%s), which makes none", p.index+1, p.step)
	default:
		if _, live := m.calls[ev.callID]; !live {
			return fmt.Errorf("take-over sent %s to a call that is not live", ev)
		}
	}
	p.events = append(p.events, ev)
	return nil
}

// noteEnded marks the calls live at the start of the step that are not live now.
func (p *scriptStep) noteEnded(m *liveCalls) {
	if p == nil {
		return
	}
	for id := range p.before {
		if _, live := m.calls[id]; !live {
			if p.ended == nil {
				p.ended = map[string]bool{}
			}
			p.ended[id] = true
		}
	}
}

// check holds the script step, once everything it caused is logged, to what it should
// have made: its UI events, or its one environment step, or nothing.
func (p *scriptStep) check() error {
	if p == nil {
		return nil
	}
	err := p.checkEvents()
	if err == nil {
		err = p.checkEnvOps()
	}
	if err != nil {
		return fmt.Errorf("script step %d (%s), skipped %t: %w", p.index+1, p.step, p.skipped, err)
	}
	return nil
}

// checkEnvOps: a played step made its own environment step, once; a skipped one, a dial
// and the far end made none.
func (p *scriptStep) checkEnvOps() error {
	want := envOps[p.step.Action]
	if p.skipped || want == validator.OpNone {
		if len(p.envOps) > 0 {
			return fmt.Errorf("made environment steps %v", p.envOps)
		}
		return nil
	}
	if len(p.envOps) != 1 || p.envOps[0] != want {
		return fmt.Errorf("made environment steps %v, not one %s", p.envOps, want)
	}
	return nil
}

// checkEvents: a user step sent its event if and only if the banner offered it; a played
// carrier answer sent the take-over; no other step sent any.
func (p *scriptStep) checkEvents() error {
	switch {
	case p.step.Action.IsUser():
		c, live := p.before[p.step.CallID]
		want := uiEvent{p.step.CallID, userEvent(p.step), callstate.ReasonNone}
		offered := live && offers(c, want.event)
		if !offered {
			if !p.skipped || len(p.events) > 0 {
				return fmt.Errorf("the banner did not offer it to call %+v (live: %t), yet it sent %v", c, live, p.events)
			}
			return nil
		}
		if p.skipped || len(p.events) != 1 || p.events[0] != want {
			return fmt.Errorf("the banner offered it to call %+v, yet it sent %v, not %s", c, p.events, want)
		}
	case p.step.Action == sim.ActCarrierAnswer && !p.skipped:
		want := takeOver(p.before)
		for _, ev := range p.events {
			if !want[ev] {
				return fmt.Errorf("take-over sent %s, not one of %v (calls %+v)", ev, want, p.before)
			}
			delete(want, ev)
		}
		for ev := range want {
			if !p.ended[ev.callID] {
				return fmt.Errorf("take-over never sent %s (calls %+v)", ev, p.before)
			}
		}
	case len(p.events) > 0:
		return fmt.Errorf("sent UI events %v", p.events)
	}
	return nil
}
