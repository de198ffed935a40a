package sim

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// Run plays the scenario around the app and returns what happened. It is deterministic:
// the same app, scenario and config give the same result, byte for byte. It never
// sleeps and starts no goroutine; a panic in the app's code is caught and recorded. A nil
// app is a mistake in the calling code, not the app's failure: Run panics.
func Run(app App, sc Scenario, cfg Config) *Result {
	if app == nil {
		panic("sim: Run needs an App, got nil")
	}
	r := newRunner(app, sc, cfg)
	r.run()
	return r.res
}

// runner is one run: the scheduler, the phone's state and the recorder.
type runner struct {
	app App
	cfg Config
	res *Result
	v   *validator.Validator
	kit kit

	now    time.Duration
	over   bool // Run has returned: the app's calls must not change the Result
	q      queue
	order  []int // script steps in time order; nil when the script is already in order
	script int   // the script step being played, or -1
	stuck  int   // events run at the current time (see tick)

	phone
	rec recorder

	// last is the time of the last event (Result.End): a push check that judged nothing
	// is none.
	last time.Duration
}

func newRunner(app App, sc Scenario, cfg Config) *runner {
	cfg.mustBeValid()
	facts := surveyOf(sc.Steps)
	cfg = cfg.withDefaults(facts.last)
	r := &runner{app: app, cfg: cfg, script: -1, res: &Result{Scenario: sc, Config: cfg}}
	r.kit.r = r
	// The run is one goroutine (see the package doc), and it asks the validator several
	// times per step: its lock would be pure cost.
	opts := []validator.Option{validator.WithProfile(cfg.Profile), validator.SingleGoroutine()}
	if cfg.AllowOpen {
		opts = append(opts, validator.AllowOpenCalls())
	}
	r.v = validator.New(opts...)
	r.phone.init(sc.Steps, facts.opening)
	if !cfg.Quiet {
		// Room for a typical run: each script step makes about two validator steps.
		r.res.Steps = make([]validator.Step, 0, 2*len(sc.Steps)+1)
		r.res.Outcomes = make([]validator.Outcome, 0, 2*len(sc.Steps)+1)
		r.res.Log = make([]Entry, 0, 3*len(sc.Steps)+1)
	}
	if !facts.ordered {
		r.order = scriptOrder(sc.Steps)
	}
	return r
}

// scriptOrder sorts the steps by time, keeping script order among equal times. It serves
// only a script out of order: one in order, the usual case, needs no table.
func scriptOrder(steps []Step) []int {
	order := make([]int, len(steps))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return steps[order[a]].At < steps[order[b]].At })
	return order
}

func (r *runner) run() {
	r.deliver(appStart, "", 0, nil)
	steps := r.res.Scenario.Steps
	horizon := r.cfg.Horizon
	next := 0
	for {
		soonest, queued := r.q.soonest()
		if next < len(steps) {
			i := r.nth(next)
			// Script steps were queued before anything else, so they win ties.
			if at := steps[i].At; !queued || at <= soonest {
				if at > horizon || !r.tick(at) {
					break
				}
				next++
				r.play(i)
				r.last = r.now
				continue
			}
		}
		if !queued || soonest > horizon {
			break
		}
		e, from := r.q.first()
		if !r.tick(e.at) {
			break
		}
		if from < 0 {
			ev := r.q.take(from)
			r.fire(&ev)
			continue
		}
		// A deadline is judged where it sits in its lane, then dropped: judging one
		// queues nothing in a lane (only script steps do), so the event stays put.
		r.fire(e)
		r.q.drop(from)
	}
	// What the end finds carries the time of the run's last event (Result.End).
	r.now = r.last
	r.stopped(len(steps)-next, r.q.len())
	r.finish()
	r.over = true
}

// stopped tells what a run that stopped early left undone. At the horizon that is the
// config's choice, and a note; an app that keeps the clock from moving (timers of 0 that
// queue timers of 0) would hang a phone: that is a failure, as a run that never ends is
// no pass.
func (r *runner) stopped(script, queued int) {
	left := func() string {
		return itoa(int64(script)) + " script steps and " + itoa(int64(queued)) + " timers and deadlines left"
	}
	switch {
	case r.stuck > r.cfg.MaxEvents:
		r.script = -1
		r.fail(Failure{Kind: FailStall, Detail: fmt.Sprintf("the app's timers kept the clock at %s: %d events at that time (Config.MaxEvents), and more were due; the run stopped with %s",
			FormatTime(r.now), r.cfg.MaxEvents, left())})
	case script+queued > 0 && !r.cfg.Quiet:
		r.note("run stopped at the horizon " + FormatTime(r.cfg.Horizon) + ": " + left())
	}
}

// tick moves the clock to at, the time of the next event, and reports whether that event
// may run. MaxEvents counts the events at one time (stuck), so it stops only a run that
// never advances time, however long a run that does is. The clock never goes back, even
// for a step before 0.
func (r *runner) tick(at time.Duration) bool {
	if at > r.now {
		r.now, r.stuck = at, 0
	}
	r.stuck++
	return r.stuck <= r.cfg.MaxEvents
}

// nth is the index of the nth script step in time order.
func (r *runner) nth(n int) int {
	if r.order == nil {
		return n
	}
	return r.order[n]
}

// fire runs one queued event.
func (r *runner) fire(e *event) {
	r.script = -1
	switch e.kind {
	case evTimer:
		r.deliver(appTimer, "", 0, e.fn)
	case evPushDeadline:
		if !r.checkPush(e) {
			return
		}
	case evUIDeadline:
		r.checkDeadline(callstate.CauseUnansweredUIEvent, e.ref, e.id, r.cfg.UIDeadline)
	}
	r.last = r.now
}

// Now is the virtual clock, for the app (Env).
func (r *runner) Now() time.Duration { return r.now }

// Kit is the call service the app reports to.
func (r *runner) Kit() callstate.Kit { return &r.kit }

// After schedules an app callback on the virtual clock.
func (r *runner) After(d time.Duration, fn func()) {
	if fn == nil || r.over {
		return
	}
	r.q.push(event{at: r.in(d), kind: evTimer, fn: fn})
}

// in is the virtual time d from now. It saturates at the end of time rather than wrap
// round to the past: an app may schedule "never" as a timer of math.MaxInt64.
func (r *runner) in(d time.Duration) time.Duration {
	if d <= 0 {
		return r.now
	}
	if d > math.MaxInt64-r.now {
		return math.MaxInt64
	}
	return r.now + d
}

// appCall names the entry points into the app's code, for panic reports.
type appCall uint8

const (
	appStart appCall = iota + 1
	appPush
	appDial
	appPeer
	appTimer
	appCallback
)

// deliver calls into the app, catching a panic.
func (r *runner) deliver(what appCall, id string, ev PeerEvent, fn func()) {
	returned := false
	defer func() {
		if !returned {
			r.catch(what, id, recover())
		}
	}()
	switch what {
	case appStart:
		r.app.Start(r)
	case appPush:
		st := &r.res.Scenario.Steps[r.script]
		r.app.OnPush(Push{CallID: st.CallID, Caller: st.Name, Type: st.Type})
	case appDial:
		st := &r.res.Scenario.Steps[r.script]
		r.app.OnDial(Dial{CallID: st.CallID, Callee: st.Name, Type: st.Type})
	case appPeer:
		r.app.OnPeer(id, ev)
	case appTimer:
		fn()
	}
	returned = true
}

// catch records a panic of the app's code as a failure; the run goes on. The deferred
// calls into the app recover only when the app's code did not return, which is cheaper
// than a recover on every call.
func (r *runner) catch(what appCall, id string, p any) {
	if p == nil { // runtime.Goexit: not a panic
		return
	}
	where := [...]string{appStart: "Start", appPush: "OnPush", appDial: "OnDial", appPeer: "OnPeer",
		appTimer: "a timer callback", appCallback: "the voipCallUiEvent callback"}[what]
	if id != "" {
		where += " (call " + word(id) + ")"
	}
	detail := fmt.Sprintf("the app panicked in %s: %v", where, p)
	if site := panicSite(); site != "" {
		detail += ", at " + site
	}
	r.res.Counts.Panics++
	r.fail(Failure{Kind: FailPanic, CallID: id, Detail: detail})
}

// panicSite is the file:line of the app's code that panicked: the first frame below the
// runtime's panic machinery. The run recovers the panic, so no stack is ever printed and
// this line is all a developer gets; unlike a full stack, it is the same in every run. It
// must be called from the deferred function that recovered, while the panicking frames
// are still on the stack.
func panicSite() string {
	var pcs [64]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs[:])])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			inPanic = true
		case inPanic && !strings.HasPrefix(f.Function, "runtime.") && !strings.HasPrefix(f.Function, "internal/runtime/"):
			return f.File + ":" + strconv.Itoa(f.Line)
		}
		if !more {
			return ""
		}
	}
}

// kit is the call service as the app sees it: the validator, with the app's UI-event
// callback guarded so that its panics are caught too, and every call observed.
type kit struct{ r *runner }

var _ callstate.Kit = (*kit)(nil)

func (k *kit) On(eventType string, cb callstate.UIEventCallback) error {
	if cb != nil {
		cb = k.r.guarded(cb)
	}
	_, err := k.r.call(&validator.Step{Op: validator.OpOn, EventType: eventType, Callback: cb})
	return err
}

// guarded is the app's UI-event callback with its panics caught. The guard is the
// callback itself, not a closure calling a guarding method: every UI event goes through
// it, and a call less is a frame less to set up.
func (r *runner) guarded(cb callstate.UIEventCallback) callstate.UIEventCallback {
	return func(info callstate.UIEventInfo) {
		returned := false
		defer func() {
			if !returned {
				r.catch(appCallback, info.CallID, recover())
			}
		}()
		cb(info)
		returned = true
	}
}

func (k *kit) Off(eventType string) error {
	_, err := k.r.call(&validator.Step{Op: validator.OpOff, EventType: eventType})
	return err
}

func (k *kit) ReportIncomingCall(a callstate.Attribute) (callstate.ErrorReason, error) {
	return k.r.opening(&validator.Step{Op: validator.OpReportIncomingCall, Attr: a})
}

func (k *kit) ReportOutgoingCall(a callstate.Attribute) (callstate.ErrorReason, error) {
	return k.r.opening(&validator.Step{Op: validator.OpReportOutgoingCall, Attr: a})
}

func (k *kit) ReportCallStateChange(id string, s callstate.CallState) error {
	_, err := k.r.call(&validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: s})
	return err
}

func (k *kit) ReportCallStateChangeWithType(id string, s callstate.CallState, t callstate.CallType) error {
	_, err := k.r.call(&validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: s, CallType: t, HasCallType: true})
	return err
}

func (k *kit) ReportCallAudioEventChange(id string, e callstate.AudioEvent) error {
	_, err := k.r.call(&validator.Step{Op: validator.OpReportCallAudioEventChange, CallID: id, AudioEvent: e})
	return err
}

func (k *kit) ReportIncomingCallError(id string, c callstate.FailureCause) error {
	_, err := k.r.call(&validator.Step{Op: validator.OpReportIncomingCallError, CallID: id, FailureCause: c})
	return err
}

// fail records a failure at the current time and step.
func (r *runner) fail(f Failure) {
	f.At, f.Script = r.now, r.script
	r.res.Failures = append(r.res.Failures, f)
	if f.Kind != FailVerdict && !r.cfg.Quiet {
		r.res.Log = append(r.res.Log, Entry{At: r.now, Kind: EntryFailure, Index: len(r.res.Failures) - 1})
	}
}

func (r *runner) note(msg string) {
	if !r.cfg.Quiet {
		r.res.Log = append(r.res.Log, Entry{At: r.now, Kind: EntryNote, Note: msg})
	}
}

// errorOf unpacks a refused call.
func errorOf(err error) (*callstate.Error, bool) {
	if e, ok := err.(*callstate.Error); ok {
		return e, true // what the validator returns: no need for errors.As, which allocates
	}
	var e *callstate.Error
	ok := errors.As(err, &e)
	return e, ok
}
