package trace

import (
	"strconv"
	"time"

	"github.com/voipsim/voipsim/validator"
)

// clock is the time of a check: the `t` of the last well-formed line that had one. A
// malformed line must not move it, and some lines are found malformed only by the
// validator (an environment step no phone could produce), so the clock is kept by the
// checker, after the validator, not by the reader.
type clock struct {
	now  time.Duration
	line int // the line whose `t` now is
}

// backwards says why a step's `t` is before the clock, or "".
func (c *clock) backwards(s *validator.Step) string {
	if !s.HasTime || s.At >= c.now {
		return ""
	}
	return "t goes backwards: " + millis(s.At) + " ms is before " + millis(c.now) + " ms at line " + strconv.Itoa(c.line)
}

// stamp gives a step without `t` the clock's time, and reports whether it had its own.
// Left without one, the validator would date the step by the last step it was given,
// which may be a malformed line's.
func (c *clock) stamp(s *validator.Step) bool {
	if s.HasTime {
		return true
	}
	s.At, s.HasTime = c.now, true
	return false
}

// set moves the clock to a checked line's `t`.
func (c *clock) set(t time.Duration, line int) { c.now, c.line = t, line }

func millis(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', -1, 64)
}
