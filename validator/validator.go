package validator

import (
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/voipsim/voipsim/callstate"
)

// Profile selects which rules apply.
type Profile uint8

const (
	// Strict enforces every rule, the documented ones and voipsim's policies.
	Strict Profile = iota
	// Documented enforces only what Huawei documents: it drops incoming-not-ringing,
	// illegal-transition and the repeated-state duplicate-report.
	Documented
)

func (p Profile) String() string {
	switch p {
	case Strict:
		return "strict"
	case Documented:
		return "documented"
	}
	return "Profile(" + strconv.Itoa(int(p)) + ")"
}

// Valid reports whether p is Strict or Documented.
func (p Profile) Valid() bool { return p == Strict || p == Documented }

// ParseProfile accepts "strict" or "documented".
func ParseProfile(s string) (Profile, error) {
	switch s {
	case "strict":
		return Strict, nil
	case "documented":
		return Documented, nil
	}
	return Strict, errors.New(`profile must be "strict" or "documented", got "` + s + `"`)
}

// Clock tells the validator the virtual time of steps that carry none.
type Clock interface {
	Now() time.Duration
}

// Option configures a Validator.
type Option func(*Validator)

// WithProfile selects the rule profile (Strict by default). Any other value is a mistake
// in the calling code, which would get a mix of both: it panics, naming the value.
func WithProfile(p Profile) Option {
	if !p.Valid() {
		panic("validator: WithProfile(" + p.String() + "): want Strict or Documented")
	}
	return func(v *Validator) { v.profile = p }
}

// WithClock injects the clock that times steps without a time of their own.
func WithClock(c Clock) Option { return func(v *Validator) { v.clock = c } }

// WithStepNoun names steps in details: "step" by default, "line" for a trace.
func WithStepNoun(noun string) Option { return func(v *Validator) { v.noun = noun } }

// AllowOpenCalls leaves calls that are still live out of Finish (no leaked-call), for
// sequences cut mid-call.
func AllowOpenCalls() Option { return func(v *Validator) { v.allowOpen = true } }

// SingleGoroutine drops the validator's lock, for an owner that makes every call from
// one goroutine, the callbacks' reports included: a simulator on its own scheduler,
// which asks the validator several times per step. Such a validator must not be shared
// between goroutines; without this option it is safe for concurrent use.
func SingleGoroutine() Option { return func(v *Validator) { v.single = true } }

// WithObserver calls fn after every step, outside the validator's lock, with the step and
// its outcome: the hook for logs and recorders, and the way to see warnings, which the Kit
// methods do not return. When several goroutines call the validator, fn may see steps out
// of order: a recorder orders them by Outcome.Seq.
func WithObserver(fn func(Step, Outcome)) Option { return func(v *Validator) { v.observer = fn } }

// Limits of live calls, by direction [doc].
const (
	MaxIncoming = 3
	MaxOutgoing = 1
)

// PushDeadline is how long the app has to report or decline a push [doc].
const PushDeadline = 10 * time.Second

// Validator is the modeled call service. The zero value is not usable; call New.
type Validator struct {
	mu        sync.Mutex
	single    bool // SingleGoroutine: mu is never taken
	profile   Profile
	clock     Clock
	noun      string
	allowOpen bool
	observer  func(Step, Outcome)

	now time.Duration
	seq int

	newestPaid int  // the newest step whose obligation the app met (see paid)
	seqReused  bool // a step was given a number not above the last one: numbers may repeat
	stoppedAt  int  // step of the service stop in force; 0 while the service runs
	carrierAt  int  // step of the carrier call start in force; 0 when there is none
	faults     []fault
	callbacks  []callstate.UIEventCallback // replaced, never mutated, so delivery can read it unlocked
	calls      registry
	pushes     pushBook
	subscribed bool
}

type fault struct {
	code callstate.Code
	seq  int
}

// New makes a validator with the service running, no calls and no callback.
func New(opts ...Option) *Validator {
	v := &Validator{noun: "step"}
	for _, o := range opts {
		o(v)
	}
	return v
}

// lock takes the validator's lock, unless it has a single goroutine.
func (v *Validator) lock() {
	if !v.single {
		v.mu.Lock()
	}
}

func (v *Validator) unlock() {
	if !v.single {
		v.mu.Unlock()
	}
}

// Profile is the profile in force.
func (v *Validator) Profile() Profile { return v.profile }

// Apply runs one step and returns its outcome. It is the single entry point: the Kit
// methods and the environment methods are thin wrappers over it.
func (v *Validator) Apply(s *Step) (out Outcome) {
	mustBeAStep(s)
	v.run(s, &out)
	return out
}

// ApplyTo is Apply writing the outcome into out rather than returning it: no copy of the
// outcome, for callers that apply steps in a tight loop. out is either the zero Outcome
// or one that ApplyTo filled before, which it clears: a filled one always has a step
// number.
func (v *Validator) ApplyTo(s *Step, out *Outcome) {
	mustBeAStep(s)
	if out.Seq != 0 {
		*out = Outcome{} // not a fresh one: clearing it costs GC write barriers, so only then
	}
	v.run(s, out)
}

// mustBeAStep panics on a nil step before the lock is taken: a nil dereference under
// the lock would keep it locked for good, should the caller recover. The Kit methods
// build their steps, so only Apply and ApplyTo need the check.
func mustBeAStep(s *Step) {
	if s == nil {
		panic("validator: Apply of a nil *Step")
	}
}

// run is Apply writing into the caller's Outcome, which keeps the hot path free of
// copies of the two structs.
func (v *Validator) run(s *Step, out *Outcome) {
	v.lock()
	v.apply(s, out)
	var deliver []callstate.UIEventCallback
	if s.Op == OpUIEvent && out.Err == nil {
		deliver = v.callbacks
	}
	v.unlock()

	// Callbacks run unlocked: the app may report from inside its callback, as it would
	// on the device.
	if len(deliver) > 0 {
		info := callstate.UIEventInfo{CallID: s.CallID, Event: s.UIEvent, ErrorReason: s.ErrorReason}
		for _, cb := range deliver {
			cb(info)
		}
	}
	if v.observer != nil {
		v.observer(*s, *out)
	}
}

func (v *Validator) apply(s *Step, out *Outcome) {
	if s.Seq > 0 {
		v.seqReused = v.seqReused || s.Seq <= v.seq
		v.seq = s.Seq
	} else {
		v.seq++
	}
	out.Seq = v.seq
	switch {
	case s.Op.IsReport():
		v.stamp(s)
		v.report(s, out)
		if out.Err != nil {
			v.rememberRefusal(s, out.Err)
		}
	case s.Op == OpOn || s.Op == OpOff:
		v.stamp(s)
		out.Err = v.subscribe(s)
	default:
		before := v.now
		v.stamp(s)
		if out.Err = v.environment(s, out); out.Err != nil {
			v.now = before // a bad step changes nothing, its time included
		}
	}
}

// stamp moves the clock to the step's time, or to the injected clock's.
func (v *Validator) stamp(s *Step) {
	if s.HasTime {
		v.now = s.At
	} else if v.clock != nil {
		v.now = v.clock.Now()
	}
}
