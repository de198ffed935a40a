// Package simtest brings voipsim into an app's own `go test`: a call service bound to a
// *testing.T that fails the test when calls leak or obligations go unmet — like goleak,
// for calls — and a one-line way to run a scenario script against an app.
//
//	func TestRejectEndsTheCall(t *testing.T) {
//		kit := simtest.NewKit(t)
//		calls := myapp.NewCalls(kit) // your reporting code, taking a callstate.Kit
//		kit.Push("c1")
//		calls.OnPush("c1", "Ann", callstate.CallVoice)
//		kit.UIEvent("c1", callstate.EventReject, callstate.ReasonNone)
//	}   // cleanup fails the test if the app never reported DISCONNECTED
package simtest

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/validator"
)

// Option configures NewKit.
type Option func(*config)

type config struct {
	profile   validator.Profile
	allowOpen bool
}

// Profile selects the rule profile (Strict by default).
func Profile(p validator.Profile) Option { return func(c *config) { c.profile = p } }

// AllowOpen accepts calls still live when the test ends.
func AllowOpen() Option { return func(c *config) { c.allowOpen = true } }

// Kit is the modeled call service for one test, on a virtual clock that only Advance
// moves. It is a callstate.Kit for the app and has the phone's steps (Push, UIEvent,
// CarrierCallStart, ServiceStop, InjectFault, …) for the test.
type Kit struct {
	*validator.Validator
	t   testing.TB
	now time.Duration
}

// NewKit makes a Kit whose cleanup fails t on leaked calls and unmet obligations. Warnings
// (a late report, no subscription, …) never fail t: they are logged with t.Logf.
func NewKit(t testing.TB, opts ...Option) *Kit {
	t.Helper()
	var c config
	for _, o := range opts {
		o(&c)
	}
	k := &Kit{t: t}
	vopts := []validator.Option{validator.WithProfile(c.profile), validator.WithClock(k),
		validator.WithObserver(logWarnings(t))}
	if c.allowOpen {
		vopts = append(vopts, validator.AllowOpenCalls())
	}
	k.Validator = validator.New(vopts...)
	t.Cleanup(func() {
		if unmet := k.Finish(); len(unmet) > 0 {
			t.Errorf("%s", Unmet(unmet))
		}
	})
	return k
}

// logWarnings logs the warnings of every step: they never fail a test, and a Kit method
// returns only its reason and error, so without the log they would go unseen.
func logWarnings(t testing.TB) func(validator.Step, validator.Outcome) {
	return func(s validator.Step, o validator.Outcome) {
		for _, w := range o.Warnings {
			t.Logf("voipsim: warning %s at step %d (%s): %s", w.Cause, o.Seq, sim.DescribeStep(&s), w.Detail)
		}
	}
}

// Now is the kit's virtual time, which only Advance moves: the Kit is its validator's
// Clock, so each step without a time of its own (every step of a Kit method) happens at
// Now. It hides Validator.Now,
// the time of the last step the validator took (k.Validator.Now() reads it), and the two
// differ: after Advance, until the next step (an environment step refused with ErrBadStep
// does not count: it changes no time); and after a step given to Apply with a time of its
// own (HasTime), which moves the validator's time and not the kit's, until the next step
// made through a Kit method brings it back to Now.
func (k *Kit) Now() time.Duration { return k.now }

// Advance moves the virtual clock forward (late reports after a push are warned about).
// A negative d fails the test: the clock never goes back.
func (k *Kit) Advance(d time.Duration) {
	if d < 0 {
		k.t.Helper()
		k.t.Fatalf("simtest: Advance(%v): the clock only moves forward", d)
	}
	k.now += d
}

// Unmet describes obligations for a test failure, one per line.
func Unmet(unmet []validator.Obligation) string {
	var b strings.Builder
	b.WriteString("voipsim: the app left ")
	if len(unmet) == 1 {
		b.WriteString("1 obligation unmet:")
	} else {
		b.WriteString(itoa(len(unmet)) + " obligations unmet:")
	}
	for _, o := range unmet {
		b.WriteString("\n    " + o.Cause.String() + ": " + o.Detail)
	}
	return b.String()
}

// Config is sim.Config, so tests need not import sim for it.
type Config = sim.Config

// Run parses script, plays it around app and fails t — printing the whole run — if the
// app failed it. It returns the result for further assertions. A script that does not
// parse, or has no step, and a nil app stop the test (Fatalf) and return nil.
func Run(t testing.TB, app sim.App, script string, cfg Config) *sim.Result {
	t.Helper()
	if app == nil {
		t.Fatalf("voipsim: Run needs an app, got nil")
		return nil
	}
	sc, err := sim.ParseScenario(script)
	if err == nil && len(sc.Steps) == 0 {
		err = errors.New("no steps: a script needs at least one step") // it would test nothing
	}
	if err != nil {
		t.Fatalf("voipsim: bad scenario: %v", err)
		return nil
	}
	res := sim.Run(app, sc, cfg)
	if res.Failed() {
		t.Errorf("voipsim: the app failed the scenario:\n%s", res)
	}
	return res
}

func itoa(n int) string { return strconv.Itoa(n) }
