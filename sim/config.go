package sim

import (
	"math"
	"time"

	"github.com/voipsim/voipsim/validator"
)

// Config tunes a run. The zero value is the strict profile with the phone's deadlines (5 s
// for the report a UI event asks for, 10 s for a push's report or decline); a zero field
// takes its default. A negative one, or a Profile other than Strict and
// Documented, is a mistake in the calling code: Run panics, naming the field.
type Config struct {
	Profile validator.Profile
	// UIDeadline is how long the app has to make the report a UI event asks for
	// (default 5 s) [policy].
	UIDeadline time.Duration
	// PushDeadline is how long the app has to report or decline a push (default 10 s) [doc],
	// counted in time the service runs.
	PushDeadline time.Duration
	// AllowOpen accepts calls still live at the end (no leaked-call), for scripts cut
	// mid-call.
	AllowOpen bool
	// Horizon stops the run: nothing scheduled after it happens (default: the last step's
	// time plus one minute), so an app that keeps rescheduling itself still ends.
	Horizon time.Duration
	// MaxEvents stops a run that never advances time: that many events at one virtual time
	// (default 1,000,000 events: script steps, app timers and judged deadlines).
	MaxEvents int
	// Quiet keeps only counts and failures: no log, no recorded steps. For large campaigns.
	Quiet bool
}

const (
	defaultUIDeadline = 5 * time.Second
	defaultMaxEvents  = 1_000_000
	horizonSlack      = time.Minute
)

// mustBeValid panics on a field no run can use, rather than run with another value.
func (c *Config) mustBeValid() {
	durations := [...]struct {
		name string
		d    time.Duration
	}{{"UIDeadline", c.UIDeadline}, {"PushDeadline", c.PushDeadline}, {"Horizon", c.Horizon}}
	for _, f := range durations {
		if f.d < 0 {
			panic("sim: Config." + f.name + " is " + f.d.String() + ": want 0 for the default, or more")
		}
	}
	if c.MaxEvents < 0 {
		panic("sim: Config.MaxEvents is " + itoa(int64(c.MaxEvents)) + ": want 0 for the default, or more")
	}
	if !c.Profile.Valid() {
		panic("sim: Config.Profile is " + c.Profile.String() + ": want validator.Strict or validator.Documented")
	}
}

// withDefaults fills in what the config leaves zero; last is the latest step's time.
func (c Config) withDefaults(last time.Duration) Config {
	if c.UIDeadline <= 0 {
		c.UIDeadline = defaultUIDeadline
	}
	if c.PushDeadline <= 0 {
		c.PushDeadline = validator.PushDeadline
	}
	if c.MaxEvents <= 0 {
		c.MaxEvents = defaultMaxEvents
	}
	if c.Horizon <= 0 {
		c.Horizon = last + horizonSlack
		if c.Horizon < last { // a Go-built step near the end of time
			c.Horizon = math.MaxInt64
		}
	}
	return c
}
