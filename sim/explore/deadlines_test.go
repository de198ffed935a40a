package explore_test

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/validator"
)

// TestSimulatorKeepsItsDeadlines holds generated runs to the deadlines and end-of-run
// obligations of SPEC.md sections 6 and 9, with an oracle of its own: it replays each
// run's steps and verdicts through a small model of what the app owes (owedBook), written
// from the contract and the README's readings, and derives the exact violations the run
// must report (cause, callId, the step that created the obligation, its UI event, the time
// it names, and whether a deadline or the end judged it), the pushes the end must excuse,
// and bounds on the run's end; then compares them with the run's Failures, Counts and log.
//
// The runs are those of TestPhoneKeepsItsRules (every app of the campaigns and chaosApp),
// plus edgeApp, which pays what it owes exactly at its deadline, a nanosecond after, at
// once, or never, so that the boundaries are met often. More: -rapid.checks=N.
func TestSimulatorKeepsItsDeadlines(t *testing.T) {
	apps := drawnApps(t)
	rapid.Check(t, func(t *rapid.T) {
		for range deadlineRunsPerCheck {
			cfg := configGen().Draw(t, "config")
			var app sim.App
			name, edge := "edge", (*edgeApp)(nil)
			if rapid.IntRange(0, 2).Draw(t, "which") == 0 {
				edge = &edgeApp{t: t, cfg: cfg}
				app = edge
			} else {
				a := rapid.SampledFrom(apps).Draw(t, "app")
				name, app = a.name, a.make(t)
			}
			sc := crashAtTheEnd(t, pressBanner(t, scenarioGen().Draw(t, "scenario")))
			cfg.Horizon = horizonOnADeadline(t, cfg, sc)
			res := sim.Run(app, sc, cfg)
			if err := keepsDeadlines(res, edge); err != nil {
				t.Fatalf("app %s, config %+v: %v\nthe run:\n%s", name, cfg, err, res)
			}
		}
	})
}

// crashAtTheEnd may add a service crash after the scenario's last step, so that runs that
// end with the service down and pushes owed — which the generators' fair phone seldom
// leaves — are common.
func crashAtTheEnd(t *rapid.T, sc sim.Scenario) sim.Scenario {
	if len(sc.Steps) > 0 && rapid.Bool().Draw(t, "crashAtTheEnd") {
		last := slices.MaxFunc(sc.Steps, func(a, b sim.Step) int { return cmp.Compare(a.At, b.At) }).At
		at := last + time.Duration(rapid.IntRange(0, 24).Draw(t, "crashAfter"))*time.Second/2
		sc.Steps = append(slices.Clip(sc.Steps), sim.Step{At: at, Action: sim.ActServiceCrash})
	}
	return sc
}

// pressBanner may add, after some pushes, the user pressing a button of the banner for
// that call within a few seconds, so that UI events, which the generated user steps make
// only when they find their call live, are common.
func pressBanner(t *rapid.T, sc sim.Scenario) sim.Scenario {
	if !rapid.Bool().Draw(t, "pressBanner") {
		return sc
	}
	buttons := []sim.Action{sim.ActAnswer, sim.ActReject, sim.ActHangup, sim.ActMute, sim.ActUnmute}
	steps := slices.Clip(sc.Steps)
	for _, st := range sc.Steps {
		if st.Action != sim.ActPush || !rapid.Bool().Draw(t, "press") {
			continue
		}
		after := time.Duration(rapid.IntRange(0, 12).Draw(t, "pressAfter")) * time.Second / 4
		press := sim.Step{At: st.At + after, Action: rapid.SampledFrom(buttons).Draw(t, "button"), CallID: st.CallID, Type: st.Type}
		steps = append(steps, press)
	}
	sc.Steps = steps
	return sc
}

// horizonOnADeadline may move the horizon to exactly the deadline of a push or UI event
// that a script step may make, which the drawn horizons seldom meet; else it keeps the
// config's.
func horizonOnADeadline(t *rapid.T, cfg sim.Config, sc sim.Scenario) time.Duration {
	if len(sc.Steps) == 0 || !rapid.Bool().Draw(t, "horizonOnADeadline") {
		return cfg.Horizon
	}
	st := rapid.SampledFrom(sc.Steps).Draw(t, "horizonStep")
	if st.Action == sim.ActPush {
		return st.At + cmpOr(cfg.PushDeadline, validator.PushDeadline)
	}
	return st.At + cmpOr(cfg.UIDeadline, 5*time.Second)
}

// deadlineRunsPerCheck is how many runs one check of TestSimulatorKeepsItsDeadlines plays.
const deadlineRunsPerCheck = 30

// asked is the report a UI event asks for (SPEC.md section 6); two events that ask the
// same report make one obligation, the first's (README: "keeps the first obligation, and
// its time").
type asked uint8

const (
	askNothing asked = iota
	askAnswer        // ANSWERED, ACTIVE or DISCONNECTED
	askEnd           // DISCONNECTED
	askMuted         // AUDIO_EVENT_MUTED
	askUnmuted       // AUDIO_EVENT_UNMUTED
)

func asks(ev callstate.UIEvent) asked {
	switch ev {
	case callstate.EventVoiceAnswer, callstate.EventVideoAnswer:
		return askAnswer
	case callstate.EventReject, callstate.EventHangup:
		return askEnd
	case callstate.EventMuted:
		return askMuted
	case callstate.EventUnmuted:
		return askUnmuted
	}
	return askNothing
}

// owed is one obligation of the model: what created it, and when the app paid it (or
// something settled it), if ever.
type owed struct {
	cause   callstate.Cause
	callID  string
	seq     int
	at      time.Duration
	event   callstate.UIEvent
	ask     asked
	ofCall  bool          // a push that came while its call was live: settled when the call ends
	paid    bool          // settled
	paidAt  time.Duration // when
	paidSeq int           // by which step
}

// owedBook is the oracle's model: live calls, open obligations, outages. It learns only
// from the run's steps and verdicts.
type owedBook struct {
	cfg     sim.Config
	live    map[string]int // callId → the step that reported it
	all     []*owed        // every obligation, in the order created
	open    []*owed        // those not settled yet
	outages []outage       // the service's stops and starts; to = math.MaxInt64 while down
}

type outage struct{ from, to time.Duration }

func newOwedBook(cfg sim.Config) *owedBook {
	return &owedBook{cfg: cfg, live: map[string]int{}}
}

// find is the open obligation of that cause and callId (and asked report), or nil.
func (b *owedBook) find(cause callstate.Cause, id string, ask asked) *owed {
	for _, o := range b.open {
		if o.cause == cause && o.callID == id && o.ask == ask {
			return o
		}
	}
	return nil
}

// settle pays every open obligation that pays says, at step s.
func (b *owedBook) settle(s *validator.Step, pays func(o *owed) bool) {
	b.open = slices.DeleteFunc(b.open, func(o *owed) bool {
		if !pays(o) {
			return false
		}
		o.paid, o.paidAt, o.paidSeq = true, s.At, s.Seq
		return true
	})
}

// endCall ends a live call: every obligation about it is settled (SPEC.md section 6), and
// the push that came while it was live with it (README). A push that came before the call
// belongs to no call and stays owed.
func (b *owedBook) endCall(s *validator.Step, id string) {
	delete(b.live, id)
	b.settle(s, func(o *owed) bool {
		return o.callID == id && (o.cause == callstate.CauseUnansweredUIEvent || o.ofCall)
	})
}

// apply takes one step of the run with its verdict.
func (b *owedBook) apply(s *validator.Step, out validator.Outcome) {
	if !out.OK() {
		return // a failing report settles nothing; a refused env step changed nothing
	}
	switch s.Op {
	case validator.OpServiceStop:
		b.outages = append(b.outages, outage{s.At, math.MaxInt64})
		for id := range b.live {
			b.endCall(s, id)
		}
	case validator.OpServiceStart:
		if n := len(b.outages); n > 0 && b.outages[n-1].to == math.MaxInt64 {
			b.outages[n-1].to = s.At
		}
	case validator.OpPush:
		// A second push while one is open owes nothing more (README).
		if b.find(callstate.CausePushNotReported, s.CallID, askNothing) == nil {
			_, live := b.live[s.CallID]
			b.create(&owed{cause: callstate.CausePushNotReported, callID: s.CallID, seq: s.Seq, at: s.At, ofCall: live})
		}
	case validator.OpUIEvent:
		ask := asks(s.UIEvent)
		if _, live := b.live[s.CallID]; !live || ask == askNothing || b.find(callstate.CauseUnansweredUIEvent, s.CallID, ask) != nil {
			return
		}
		b.create(&owed{cause: callstate.CauseUnansweredUIEvent, callID: s.CallID, seq: s.Seq, at: s.At, event: s.UIEvent, ask: ask})
	case validator.OpReportIncomingCall:
		id := s.Attr.CallID
		b.settle(s, func(o *owed) bool { return o.cause == callstate.CausePushNotReported && o.callID == id && !o.ofCall })
		b.opened(s, out)
	case validator.OpReportOutgoingCall:
		b.opened(s, out)
	case validator.OpReportIncomingCallError:
		id := s.CallID
		b.settle(s, func(o *owed) bool { return o.cause == callstate.CausePushNotReported && o.callID == id })
		if _, live := b.live[id]; live {
			b.endCall(s, id)
		}
	case validator.OpReportCallStateChange:
		switch s.State {
		case callstate.StateDisconnected:
			b.endCall(s, s.CallID)
		case callstate.StateAnswered, callstate.StateActive:
			b.settle(s, func(o *owed) bool { return o.callID == s.CallID && o.ask == askAnswer })
		}
	case validator.OpReportCallAudioEventChange:
		want := map[callstate.AudioEvent]asked{callstate.AudioMuted: askMuted, callstate.AudioUnmuted: askUnmuted}[s.AudioEvent]
		if want != askNothing {
			b.settle(s, func(o *owed) bool { return o.callID == s.CallID && o.ask == want })
		}
	}
}

// opened registers the call a successful report opened: not one that resolved
// CELLULAR_CALL_EXISTS, nor one reported DISCONNECTED (documented profile).
func (b *owedBook) opened(s *validator.Step, out validator.Outcome) {
	if out.Reason == callstate.ReasonNone && s.Attr.State != callstate.StateDisconnected {
		b.live[s.Attr.CallID] = s.Seq
	}
}

func (b *owedBook) create(o *owed) {
	b.all = append(b.all, o)
	b.open = append(b.open, o)
}

// uptime is how long the service ran between since and until.
func (b *owedBook) uptime(since, until time.Duration) time.Duration {
	up := until - since
	for _, o := range b.outages {
		up -= max(0, min(o.to, until)-max(o.from, since))
	}
	return up
}

// due is when o's deadline comes: the UI deadline after its event; for a push, the first
// time the service has run PushDeadline since (README: "counts only time the service is
// up"), or none if it never does.
func (b *owedBook) due(o *owed) (time.Duration, bool) {
	if o.cause == callstate.CauseUnansweredUIEvent {
		return o.at + b.cfg.UIDeadline, true
	}
	left, from := b.cfg.PushDeadline, o.at
	for _, out := range b.outages {
		if out.to <= from {
			continue
		}
		if out.from >= from+left {
			break
		}
		left -= max(0, out.from-from)
		if out.to == math.MaxInt64 {
			return 0, false
		}
		from = max(from, out.to)
	}
	return from + left, true
}

// violation is one violation as the run reports it.
type violation struct {
	cause    callstate.Cause
	callID   string
	seq      int
	event    callstate.UIEvent
	at       time.Duration
	deadline bool // judged at its deadline, not at the end
}

func (v violation) String() string {
	judged := "at the end"
	if v.deadline {
		judged = "at the deadline"
	}
	event := ""
	if v.event != callstate.EventNone {
		event = " " + strings.TrimPrefix(v.event.String(), "VOIP_CALL_EVENT_")
	}
	return fmt.Sprintf("%s %s #%d%s @%s %s", v.cause, v.callID, v.seq, event, sim.FormatTime(v.at), judged)
}

func compareViolations(a, b violation) int { return strings.Compare(a.String(), b.String()) }

// expected is what the model says the run must report.
type expected struct {
	violations []violation
	excused    int // pushes still owed at the end, excused (a note each)
}

// judge is what the run must report, by SPEC.md sections 6 and 9 and the README: an
// obligation still owed at its deadline (a report at the deadline is in time), if the
// deadline comes by the horizon, is a violation then; one still owed at the end and never
// judged at a deadline is one at the end — but a push the service has not run
// PushDeadline since, which is excused —; and so is every call still live, unless
// AllowOpen. end is the run's own end, which checkEnd checks.
func (b *owedBook) judge(end time.Duration) expected {
	var e expected
	for _, o := range b.all {
		due, comes := b.due(o)
		comes = comes && due <= b.cfg.Horizon
		if comes && (!o.paid || o.paidAt > due) {
			e.violations = append(e.violations, violation{o.cause, o.callID, o.seq, o.event, due, true})
		}
		if !o.paid && !comes {
			if o.cause == callstate.CausePushNotReported && b.uptime(o.at, end) < b.cfg.PushDeadline {
				e.excused++
			} else {
				e.violations = append(e.violations, violation{o.cause, o.callID, o.seq, o.event, end, false})
			}
		}
	}
	if !b.cfg.AllowOpen {
		for id, seq := range b.live {
			e.violations = append(e.violations, violation{callstate.CauseLeakedCall, id, seq, callstate.EventNone, end, false})
		}
	}
	slices.SortFunc(e.violations, compareViolations)
	return e
}

// checkEnd holds the run's end to Result.End's doc: the time of the run's last event — a
// script step, an app timer, or a deadline judged, of those still owed when the app's
// code returned to the phone (package doc) — and no later than the horizon. A push's
// deadline is judged when the service has run PushDeadline since it, not sooner. An app
// timer that makes no call leaves no step, so for most apps the model has a lower bound
// only; edgeApp tells its timers and which of its calls it made from OnPush or its UI
// callback, and the end must be exact.
func (b *owedBook) checkEnd(res *sim.Result, edge *edgeApp) error {
	var last time.Duration
	for _, e := range res.Log {
		if e.Kind == sim.EntryScript || e.Kind == sim.EntrySkip {
			last = max(last, e.At)
		}
	}
	for i := range res.Steps {
		last = max(last, res.Steps[i].At)
	}
	// paidAtOnce tells whether the app paid o from the call that told it (OnPush, the UI
	// callback), so that no deadline was scheduled; for most apps, it may have.
	paidAtOnce := func(o *owed) bool { return o.paid && o.paidAt == o.at }
	if edge != nil {
		last = max(last, edge.lastTimer)
		inCall := edge.stepsInCall(res.Steps)
		paidAtOnce = func(o *owed) bool {
			return o.paid && o.paidSeq > o.seq && !slices.Contains(inCall[o.seq:o.paidSeq], false)
		}
	}
	for _, o := range b.all {
		if due, comes := b.due(o); comes && due <= b.cfg.Horizon && !o.ofCall && !paidAtOnce(o) {
			last = max(last, due)
		}
	}
	switch {
	case res.End > res.Config.Horizon:
		return fmt.Errorf("the run ends at %s, after its horizon %s", sim.FormatTime(res.End), sim.FormatTime(res.Config.Horizon))
	case res.End < last || edge != nil && res.End != last:
		return fmt.Errorf("the run ends at %s; its last event is at %s", sim.FormatTime(res.End), sim.FormatTime(last))
	}
	return nil
}

// reported is what the run reported: its violations, the pushes it excused. Each
// violation is printed once in the run's log, at its time; an excused push, in a note at
// the end.
func reported(res *sim.Result) (vs []violation, excused int, err error) {
	printed := map[int]int{}
	for _, e := range res.Log {
		switch {
		case e.Kind == sim.EntryFailure && res.Failures[e.Index].At != e.At:
			return nil, 0, fmt.Errorf("the log prints failure %s at %s", &res.Failures[e.Index], sim.FormatTime(e.At))
		case e.Kind == sim.EntryFailure:
			printed[e.Index]++
		case e.Kind == sim.EntryNote && strings.HasPrefix(e.Note, "push for call ") && strings.HasSuffix(e.Note, " since: excused"):
			if e.At != res.End {
				return nil, 0, fmt.Errorf("the log excuses a push at %s, not at the end %s", sim.FormatTime(e.At), sim.FormatTime(res.End))
			}
			excused++
		}
	}
	for i := range res.Failures {
		f := &res.Failures[i]
		if f.Kind != sim.FailViolation {
			continue
		}
		if f.Script != -1 {
			return nil, 0, fmt.Errorf("violation %s names script step %d: a deadline or the end found it", f, f.Script)
		}
		if !res.Config.Quiet && printed[i] != 1 {
			return nil, 0, fmt.Errorf("the log prints violation %s %d times", f, printed[i])
		}
		within := deadline(res.Config, f.Cause)
		vs = append(vs, violation{f.Cause, f.CallID, f.Seq, f.Event, f.At, within != "" && strings.HasSuffix(f.Detail, within)})
	}
	slices.SortFunc(vs, compareViolations)
	return vs, excused, nil
}

// keepsDeadlines replays the run through the model and returns the first disagreement;
// edge is the run's app if it is an edgeApp, else nil.
func keepsDeadlines(res *sim.Result, edge *edgeApp) error {
	if slices.ContainsFunc(res.Failures, func(f sim.Failure) bool { return f.Kind == sim.FailStall }) {
		return nil // a stalled run stopped before its deadlines: nothing to hold it to
	}
	b := newOwedBook(res.Config)
	for i := range res.Steps {
		b.apply(&res.Steps[i], res.Outcomes[i])
	}
	want := b.judge(res.End)
	got, excused, err := reported(res)
	switch {
	case err != nil:
		return err
	case !slices.Equal(got, want.violations):
		return fmt.Errorf("violations differ:\n  the run: %v\n  the model: %v", got, want.violations)
	case res.Counts.Violations != len(got):
		return fmt.Errorf("Counts.Violations is %d, for %d violations", res.Counts.Violations, len(got))
	case excused != want.excused:
		return fmt.Errorf("the run excused %d pushes at its end, the model %d", excused, want.excused)
	}
	return b.checkEnd(res, edge)
}

// edgeApp is an app that rapid drives to the edges of the deadlines: it pays what each
// push and UI event asks (or declines a push, or takes its callId for an outgoing call)
// at once, in the callback, or by a timer exactly at the deadline, a nanosecond before or
// after it, or never; and hangs up what the far end ends, as late.
type edgeApp struct {
	t   *rapid.T
	cfg sim.Config // as drawn: a zero deadline is the default
	env sim.Env
	kit callstate.Kit

	// What the model cannot learn from the run's steps (see checkEnd): for each kit call,
	// in order, whether it was made from OnPush or the UI callback; and when the last
	// timer fired.
	inCall    []bool
	lastTimer time.Duration
}

func (a *edgeApp) Start(env sim.Env) {
	a.env, a.kit = env, env.Kit()
	a.inCall = append(a.inCall, false)
	_ = a.kit.On(callstate.UIEventType, a.onUIEvent)
}

// stepsInCall maps the kit calls to the run's steps: by step index, whether the step is
// a kit call made from OnPush or the UI callback. Every kit call is one step.
func (a *edgeApp) stepsInCall(steps []validator.Step) []bool {
	out := make([]bool, len(steps))
	calls := a.inCall
	for i := range steps {
		if steps[i].Op.IsAPI() && len(calls) > 0 {
			out[i], calls = calls[0], calls[1:]
		}
	}
	return out
}

func (a *edgeApp) OnPush(p sim.Push) {
	report := func() { _, _ = a.kit.ReportIncomingCall(edgeAttribute(p.CallID, p.Type, callstate.StateRinging)) }
	// Mostly a report, so that calls go live and the user has a banner to press.
	pay := []func(){
		report, report, report,
		func() { _ = a.kit.ReportIncomingCallError(p.CallID, callstate.FailureRouteBusy) },
		func() { _, _ = a.kit.ReportOutgoingCall(edgeAttribute(p.CallID, p.Type, callstate.StateDialing)) },
	}
	a.pay(rapid.SampledFrom(pay).Draw(a.t, "payPush"), cmpOr(a.cfg.PushDeadline, validator.PushDeadline), true)
}

func (a *edgeApp) OnDial(d sim.Dial) {
	a.pay(func() { _, _ = a.kit.ReportOutgoingCall(edgeAttribute(d.CallID, d.Type, callstate.StateDialing)) }, 0, false)
}

func (a *edgeApp) OnPeer(id string, ev sim.PeerEvent) {
	state := callstate.StateDisconnected
	if ev == sim.PeerAnswered {
		state = callstate.StateActive
	}
	a.pay(func() { _ = a.kit.ReportCallStateChange(id, state) }, cmpOr(a.cfg.UIDeadline, 5*time.Second), false)
}

func (a *edgeApp) onUIEvent(ev callstate.UIEventInfo) {
	id := ev.CallID
	state := func(s callstate.CallState) func() { return func() { _ = a.kit.ReportCallStateChange(id, s) } }
	audio := func(e callstate.AudioEvent) func() { return func() { _ = a.kit.ReportCallAudioEventChange(id, e) } }
	var answers []func()
	switch asks(ev.Event) {
	case askAnswer:
		answers = []func(){state(callstate.StateAnswered), state(callstate.StateActive), state(callstate.StateDisconnected)}
	case askEnd:
		answers = []func(){state(callstate.StateDisconnected), func() { _ = a.kit.ReportIncomingCallError(id, callstate.FailureOther) }}
	case askMuted:
		answers = []func(){audio(callstate.AudioMuted), audio(callstate.AudioUnmuted)}
	case askUnmuted:
		answers = []func(){audio(callstate.AudioUnmuted), audio(callstate.AudioMuted)}
	default:
		return
	}
	a.pay(rapid.SampledFrom(answers).Draw(a.t, "payUIEvent"), cmpOr(a.cfg.UIDeadline, 5*time.Second), true)
}

// pay runs fn, which makes one kit call, now (in the call into the app: told tells
// whether that is OnPush or the UI callback), by a timer at an edge of the deadline, or
// never.
func (a *edgeApp) pay(fn func(), deadline time.Duration, told bool) {
	switch when := rapid.IntRange(0, 6).Draw(a.t, "when"); when {
	case 0:
		a.inCall = append(a.inCall, told)
		fn()
	case 6:
	default:
		delays := [...]time.Duration{0, deadline - time.Nanosecond, deadline, deadline + time.Nanosecond, deadline / 2}
		a.env.After(delays[when-1], func() {
			a.lastTimer = a.env.Now()
			a.inCall = append(a.inCall, false)
			fn()
		})
	}
}

func cmpOr(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

func edgeAttribute(id string, typ callstate.CallType, state callstate.CallState) callstate.Attribute {
	return callstate.Attribute{CallID: id, CallType: typ, UserName: "Ann", AbilityName: "VoipAbility", State: state}
}

// plannedApp is an app made of handlers, for scripts that need the app to pay one thing
// at one time.
type plannedApp struct {
	env  sim.Env
	push func(a *plannedApp, p sim.Push)
	peer func(a *plannedApp, id string, ev sim.PeerEvent)
	ui   func(a *plannedApp, ev callstate.UIEventInfo)
}

func (a *plannedApp) Start(env sim.Env) {
	a.env = env
	_ = env.Kit().On(callstate.UIEventType, func(ev callstate.UIEventInfo) {
		if a.ui != nil {
			a.ui(a, ev)
		}
	})
}

func (a *plannedApp) OnPush(p sim.Push) {
	if a.push != nil {
		a.push(a, p)
	}
}

func (a *plannedApp) OnDial(sim.Dial) {}

func (a *plannedApp) OnPeer(id string, ev sim.PeerEvent) {
	if a.peer != nil {
		a.peer(a, id, ev)
	}
}

// at runs fn after d, or at once for a negative d.
func (a *plannedApp) at(d time.Duration, fn func()) {
	if d < 0 {
		fn()
		return
	}
	a.env.After(d, fn)
}

const atOnce = -1

// reportAfter reports each push as an incoming call, d after it.
func reportAfter(d time.Duration) func(*plannedApp, sim.Push) {
	return func(a *plannedApp, p sim.Push) {
		a.at(d, func() { _, _ = a.env.Kit().ReportIncomingCall(edgeAttribute(p.CallID, p.Type, callstate.StateRinging)) })
	}
}

// declineAfter declines each push, d after it.
func declineAfter(d time.Duration) func(*plannedApp, sim.Push) {
	return func(a *plannedApp, p sim.Push) {
		a.at(d, func() { _ = a.env.Kit().ReportIncomingCallError(p.CallID, callstate.FailureRouteBusy) })
	}
}

// onlySecond hands the second push to push, and ignores the others.
func onlySecond(push func(*plannedApp, sim.Push)) func(*plannedApp, sim.Push) {
	n := 0
	return func(a *plannedApp, p sim.Push) {
		if n++; n == 2 {
			push(a, p)
		}
	}
}

// takeForOutgoing reports the pushed callId as an outgoing call.
func takeForOutgoing(a *plannedApp, p sim.Push) {
	_, _ = a.env.Kit().ReportOutgoingCall(edgeAttribute(p.CallID, p.Type, callstate.StateDialing))
}

// payAfter makes the report each UI event asks for, d after the event, for the first
// event of each callId only.
func payAfter(d time.Duration) func(*plannedApp, callstate.UIEventInfo) {
	heard := map[string]bool{}
	return func(a *plannedApp, ev callstate.UIEventInfo) {
		if heard[ev.CallID] {
			return
		}
		heard[ev.CallID] = true
		kit := a.env.Kit()
		a.at(d, func() {
			switch asks(ev.Event) {
			case askAnswer:
				_ = kit.ReportCallStateChange(ev.CallID, callstate.StateAnswered)
			case askEnd:
				_ = kit.ReportCallStateChange(ev.CallID, callstate.StateDisconnected)
			case askMuted:
				_ = kit.ReportCallAudioEventChange(ev.CallID, callstate.AudioMuted)
			case askUnmuted:
				_ = kit.ReportCallAudioEventChange(ev.CallID, callstate.AudioUnmuted)
			}
		})
	}
}

// reportState reports state for the call of each UI event, from its callback.
func reportState(state callstate.CallState) func(*plannedApp, callstate.UIEventInfo) {
	return func(a *plannedApp, ev callstate.UIEventInfo) { _ = a.env.Kit().ReportCallStateChange(ev.CallID, state) }
}

// endOnPeer ends the call the far end ended (or failed): DISCONNECTED, or with
// reportIncomingCallError.
func endOnPeer(a *plannedApp, id string, ev sim.PeerEvent) {
	if ev == sim.PeerFailed {
		_ = a.env.Kit().ReportIncomingCallError(id, callstate.FailureConnectionFailed)
		return
	}
	_ = a.env.Kit().ReportCallStateChange(id, callstate.StateDisconnected)
}

// TestDeadlinesByScript pins, with one script each, the deadline and end-of-run rules the
// generated runs of TestSimulatorKeepsItsDeadlines reach seldom or only by chance: the
// violations the run reports (cause, callId, the step that created the obligation, its UI
// event, when, and judged at a deadline or at the end), the pushes it excuses and its
// end; and that the oracle agrees. Steps: #1 is the app's on, #2 the first push.
func TestDeadlinesByScript(t *testing.T) {
	const s = time.Second
	for _, tc := range []struct {
		name   string
		app    *plannedApp
		script string
		cfg    sim.Config
		want   []string
		excuse int
		end    time.Duration
	}{
		{name: "a UI event paid exactly at its deadline is in time",
			app:    &plannedApp{push: reportAfter(atOnce), ui: payAfter(5 * s)},
			script: "0s push c1 voice\n1s user hangup c1", end: 6 * s},
		{name: "a UI event paid a nanosecond after its deadline is late",
			app:    &plannedApp{push: reportAfter(atOnce), ui: payAfter(5*s + 1)},
			script: "0s push c1 voice\n1s user hangup c1", end: 6*s + 1,
			want: []string{"unanswered-ui-event c1 #4 HANGUP @6s at the deadline"}},
		{name: "a configured UI deadline, paid exactly at it",
			app:    &plannedApp{push: reportAfter(atOnce), ui: payAfter(1500 * time.Millisecond), peer: endOnPeer},
			script: "0s push c1 voice\n1s user mute c1\n9s peer hangup c1", cfg: sim.Config{UIDeadline: 1500 * time.Millisecond}, end: 9 * s},
		{name: "a UI event paid in its own callback leaves no deadline",
			app:    &plannedApp{push: reportAfter(atOnce), ui: payAfter(atOnce)},
			script: "0s push c1 voice\n1s user reject c1", end: s},
		{name: "a repeated UI event keeps the first obligation and its time",
			app:    &plannedApp{push: reportAfter(atOnce), ui: payAfter(5500 * time.Millisecond)},
			script: "0s push c1 voice\n1s user hangup c1\n3s user hangup c1", end: 6500 * time.Millisecond,
			want: []string{"unanswered-ui-event c1 #4 HANGUP @6s at the deadline"}},
		{name: "HANGUP after REJECT asks what is owed: the REJECT's obligation stands",
			app:    &plannedApp{push: reportAfter(atOnce), ui: payAfter(5500 * time.Millisecond)},
			script: "0s push c1 voice\n1s user reject c1\n3s user hangup c1", end: 6500 * time.Millisecond,
			want: []string{"unanswered-ui-event c1 #4 REJECT @6s at the deadline"}},
		{name: "VIDEO_ANSWER after VOICE_ANSWER: the first answer's obligation stands",
			app:    &plannedApp{push: reportAfter(atOnce), ui: payAfter(5500 * time.Millisecond), peer: endOnPeer},
			script: "0s push c1 video\n1s user answer c1 voice\n2s user answer c1 video\n20s peer hangup c1", end: 20 * s, cfg: sim.Config{},
			want: []string{"unanswered-ui-event c1 #4 VOICE_ANSWER @6s at the deadline"}},
		{name: "DISCONNECTED settles every UI event of the call",
			app:    &plannedApp{push: reportAfter(atOnce), peer: endOnPeer},
			script: "0s push c1 voice\n1s user mute c1\n1s user unmute c1\n6s peer hangup c1", end: 6 * s},
		{name: "reportIncomingCallError settles every UI event of the call",
			app:    &plannedApp{push: reportAfter(atOnce), peer: endOnPeer},
			script: "0s push c1 voice\n1s user mute c1\n6s peer fail c1", end: 6 * s},
		{name: "a service stop settles every UI event of its calls, and leaks none",
			app:    &plannedApp{push: reportAfter(atOnce)},
			script: "0s push c1 voice\n1s user mute c1\n6s service crash\n7s service restart", end: 7 * s},
		{name: "a UI event's deadline exactly at the horizon is judged",
			app:    &plannedApp{push: reportAfter(atOnce)},
			script: "0s push c1 voice\n1s user hangup c1", cfg: sim.Config{Horizon: 6 * s, AllowOpen: true}, end: 6 * s,
			want: []string{"unanswered-ui-event c1 #4 HANGUP @6s at the deadline"}},
		{name: "ACTIVE pays an answer",
			app:    &plannedApp{push: reportAfter(atOnce), ui: reportState(callstate.StateActive), peer: endOnPeer},
			script: "0s push c1 voice\n1s user answer c1 voice\n9s peer hangup c1", end: 9 * s},
		{name: "a UI event's deadline after the horizon: unpaid at the end",
			app:    &plannedApp{push: reportAfter(atOnce)},
			script: "0s push c1 voice\n1s user hangup c1", cfg: sim.Config{Horizon: 3 * s}, end: s,
			want: []string{"leaked-call c1 #3 @1s at the end", "unanswered-ui-event c1 #4 HANGUP @1s at the end"}},
		{name: "a push reported exactly at its deadline is in time",
			app:    &plannedApp{push: reportAfter(10 * s), peer: endOnPeer},
			script: "2s push c1 voice\n20s peer hangup c1", end: 20 * s},
		{name: "a push reported a nanosecond after its deadline is late",
			app:    &plannedApp{push: reportAfter(10*s + 1), peer: endOnPeer},
			script: "2s push c1 voice\n20s peer hangup c1", end: 20 * s,
			want: []string{"push-not-reported c1 #2 @12s at the deadline"}},
		{name: "a push's deadline waits while the service is down at it",
			app:    &plannedApp{push: reportAfter(39 * s), peer: endOnPeer},
			script: "0s push c1 voice\n1s service crash\n30s service restart\n50s peer hangup c1", end: 50 * s},
		{name: "a push's deadline counts only time the service is up",
			app:    &plannedApp{push: reportAfter(13 * s), peer: endOnPeer},
			script: "2s push c1 voice\n4s service crash\n6s service restart\n8s service crash\n9s service restart\n20s peer hangup c1", end: 20 * s},
		{name: "a push's deadline after outages, a nanosecond late",
			app:    &plannedApp{push: reportAfter(13*s + 1), peer: endOnPeer},
			script: "2s push c1 voice\n4s service crash\n6s service restart\n8s service crash\n9s service restart\n20s peer hangup c1", end: 20 * s,
			want: []string{"push-not-reported c1 #2 @15s at the deadline"}},
		{name: "a push that came during an outage counts from the restart",
			app:    &plannedApp{push: reportAfter(12*s + 1), peer: endOnPeer},
			script: "0s service crash\n1s push c1 voice\n3s service restart\n20s peer hangup c1", end: 20 * s,
			want: []string{"push-not-reported c1 #3 @13s at the deadline"}},
		{name: "a push declined at its deadline is in time",
			app:    &plannedApp{push: declineAfter(10 * s)},
			script: "0s push c1 voice", end: 10 * s},
		{name: "a push declined a nanosecond late",
			app:    &plannedApp{push: declineAfter(10*s + 1)},
			script: "0s push c1 voice", end: 10*s + 1,
			want: []string{"push-not-reported c1 #2 @10s at the deadline"}},
		{name: "a push declined at once leaves no deadline",
			app:    &plannedApp{push: declineAfter(atOnce)},
			script: "0s push c1 voice", end: 0},
		{name: "a second push while the first is open owes nothing more",
			app:    &plannedApp{push: onlySecond(reportAfter(7 * s)), peer: endOnPeer},
			script: "0s push c1 voice\n4s push c1 voice\n20s peer hangup c1", end: 20 * s,
			want: []string{"push-not-reported c1 #2 @10s at the deadline"}},
		{name: "a push whose callId the app took for an outgoing call stays owed",
			app:    &plannedApp{push: takeForOutgoing, peer: endOnPeer},
			script: "0s push c1 voice\n5s peer hangup c1", end: 10 * s,
			want: []string{"push-not-reported c1 #2 @10s at the deadline"}},
		{name: "documented: reportIncomingCallError ends the outgoing call and declines the push before it",
			app:    &plannedApp{push: takeForOutgoing, peer: endOnPeer},
			script: "0s push c1 voice\n5s peer fail c1", cfg: sim.Config{Profile: validator.Documented}, end: 10 * s},
		{name: "a push still owed with the service down at the end is excused",
			app:    &plannedApp{},
			script: "0s push c1 voice\n1s service crash", cfg: sim.Config{Horizon: 5 * s}, end: s, excuse: 1},
		{name: "a push still owed with the service down at the end: the run ends with its last event",
			app:    &plannedApp{},
			script: "0s push c1 voice\n1s service crash", end: s, excuse: 1},
		{name: "a push checked before the service has run its deadline judges nothing: no event of the run",
			app:    &plannedApp{push: onlySecond(reportAfter(atOnce))},
			script: "0s push c1 voice\n1s service crash\n3s service restart\n3s push c2 voice", cfg: sim.Config{Horizon: 11 * s}, end: 3 * s, excuse: 1,
			want: []string{"leaked-call c2 #6 @3s at the end"}},
		{name: "a push still owed when the run stops at its horizon is excused",
			app:    &plannedApp{},
			script: "0s push c1 voice", cfg: sim.Config{Horizon: 5 * s}, end: 0, excuse: 1},
		{name: "a call live at the end leaks, at the run's end",
			app:    &plannedApp{push: reportAfter(2 * s)},
			script: "0s push c1 voice\n1s push c2 voice", end: 11 * s,
			want: []string{"leaked-call c1 #4 @11s at the end", "leaked-call c2 #5 @11s at the end"}},
		{name: "AllowOpen: no call leaks",
			app:    &plannedApp{push: reportAfter(atOnce)},
			script: "0s push c1 voice", cfg: sim.Config{AllowOpen: true}, end: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := sim.ParseScenario(tc.script)
			require.NoError(t, err)
			res := sim.Run(tc.app, sc, tc.cfg)
			got, excused, err := reported(res)
			require.NoError(t, err)
			var names []string
			for _, v := range got {
				names = append(names, v.String())
			}
			assert.Equal(t, tc.want, names, "%s", res)
			assert.Equal(t, tc.excuse, excused, "%s", res)
			assert.Equal(t, tc.end, res.End, "%s", res)
			assert.NoError(t, keepsDeadlines(res, nil), "%s", res)
		})
	}
}
