package trace

import (
	"errors"
	"io"
	"unicode/utf8"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// MaxLineBytes is the longest line a trace may have, newline excluded; a longer one is
// malformed.
const MaxLineBytes = 1 << 20

// readBufferBytes is the read buffer; lines longer than it are gathered in a buffer of
// their own, so a trace of short lines needs no MiB-sized buffer.
const readBufferBytes = 64 << 10

// Options configure a check.
type Options struct {
	Profile validator.Profile
	// AllowOpen leaves calls still live at the end out of the violations (no leaked-call),
	// for traces cut mid-call.
	AllowOpen bool
}

// Check reads a trace from r and calls emit with one Record per line that is not blank or a
// comment, in order, then returns the Summary. Memory stays flat however long the trace is.
//
// A malformed line is reported and checking goes on with the next. Check stops early only
// when r fails or emit returns an error; it then returns the summary so far and that error.
//
// Reading and decoding run on a goroutine of their own, ahead of the validator, so that a
// check uses two cores; emit is called on the caller's goroutine, and Check returns only
// once that goroutine is done with r.
func Check(r io.Reader, opts Options, emit func(*Record) error) (Summary, error) {
	c := newChecker(opts)
	err := c.run(newLineReader(r), emit)
	c.sum.Violations = c.v.Finish()
	return c.sum, err
}

// checker is the second stage of a check: it runs decoded lines through the validator.
type checker struct {
	v     *validator.Validator
	clock clock
	rec   Record
	sum   Summary
}

func newChecker(opts Options) *checker {
	vopts := []validator.Option{validator.WithProfile(opts.Profile), validator.WithStepNoun("line")}
	if opts.AllowOpen {
		vopts = append(vopts, validator.AllowOpenCalls())
	}
	return &checker{v: validator.New(vopts...)}
}

// check gives the record of one decoded line.
func (c *checker) check(e *entry) *Record {
	c.rec = Record{Line: e.line, Malformed: e.malformed}
	if e.malformed == "" {
		c.apply(e)
	}
	c.sum.count(&c.rec)
	return &c.rec
}

// apply runs a line the reader found well-formed through the validator, on the clock.
// The validator may still find it malformed; then the clock stays where it was.
func (c *checker) apply(e *entry) {
	s := &e.step
	if c.rec.Malformed = c.clock.backwards(s); c.rec.Malformed != "" {
		return
	}
	hasT := c.clock.stamp(s)
	c.verdict(e, c.v.Apply(s))
	if hasT && c.rec.Malformed == "" {
		c.clock.set(s.At, e.line)
	}
}

// verdict fills the record from the validator's outcome.
func (c *checker) verdict(e *entry, out validator.Outcome) {
	r, s := &c.rec, &e.step
	if bad, ok := errors.AsType[*validator.BadStepError](out.Err); ok {
		r.Malformed = e.invalid.name(bad.Reason)
		return
	}
	r.Op, r.CallID, r.OK, r.Warnings = s.Op, s.ID(), out.Err == nil, out.Warnings
	if r.OK && (s.Op == validator.OpReportIncomingCall || s.Op == validator.OpReportOutgoingCall) {
		r.Result = out.Reason.String()
	}
	if e, ok := out.Err.(*callstate.Error); ok {
		r.Code, r.Message, r.Cause, r.Detail = e.Code, e.Message(), e.Cause, e.Detail
	}
	r.Detail = e.invalid.name(r.Detail)
	r.HasExpect, r.Expect = e.hasExpect, e.expect
	r.Expected = e.expect.Holds(r.OK, r.Code, r.Cause)
}

func trimNewline(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line
}

// isComment reports whether a line is blank or starts, after blanks, with '#'.
func isComment(line []byte) bool {
	for _, c := range line {
		switch c {
		case ' ', '\t', '\r':
			continue
		case '#':
			return true
		}
		return false
	}
	return true
}

func invalidUTF8At(line []byte) int {
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && size == 1 {
			return i + 1
		}
		i += size
	}
	return len(line) + 1
}
