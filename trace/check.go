package trace

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
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
func Check(r io.Reader, opts Options, emit func(*Record) error) (Summary, error) {
	c := newChecker(opts)
	err := c.run(bufio.NewReaderSize(r, readBufferBytes), emit)
	c.sum.Violations = c.v.Finish()
	return c.sum, err
}

type checker struct {
	v   *validator.Validator
	dec *decoder
	rec Record
	sum Summary

	lastT     time.Duration
	lastTLine int

	long []byte // a line longer than the read buffer, up to just past MaxLineBytes
}

func newChecker(opts Options) *checker {
	vopts := []validator.Option{validator.WithProfile(opts.Profile), validator.WithStepNoun("line")}
	if opts.AllowOpen {
		vopts = append(vopts, validator.AllowOpenCalls())
	}
	return &checker{v: validator.New(vopts...), dec: newDecoder()}
}

func (c *checker) run(br *bufio.Reader, emit func(*Record) error) error {
	for {
		line, err := br.ReadSlice('\n')
		tooLong := false
		if err == bufio.ErrBufferFull {
			line, tooLong, err = c.gatherLongLine(br, line)
		}
		if err != nil && err != io.EOF {
			return err // the summary so far says how many lines were read
		}
		if len(line) == 0 && err == io.EOF {
			return nil
		}
		c.sum.Lines++
		if rec := c.line(line, tooLong); rec != nil {
			c.sum.count(rec)
			if e := emit(rec); e != nil {
				return e
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// gatherLongLine reads the rest of a line that did not fit the read buffer. Past
// MaxLineBytes it only skips to the end of the line, which it reports as too long.
func (c *checker) gatherLongLine(br *bufio.Reader, head []byte) ([]byte, bool, error) {
	c.long = append(c.long[:0], head...)
	tooLong := false
	for {
		part, err := br.ReadSlice('\n')
		if len(c.long)+len(part) > MaxLineBytes+2 { // room for "\r\n"
			tooLong = true
		} else {
			c.long = append(c.long, part...)
		}
		if err != bufio.ErrBufferFull {
			return c.long, tooLong, err
		}
	}
}

// line checks one line and returns its record, or nil for a blank line or a comment.
func (c *checker) line(line []byte, tooLong bool) *Record {
	line = trimNewline(line)
	if !tooLong && isComment(line) {
		return nil
	}
	c.rec = Record{Line: c.sum.Lines}
	switch {
	case tooLong || len(line) > MaxLineBytes:
		return c.malformed("line is longer than 1 MiB")
	case !utf8.Valid(line):
		return c.malformed("invalid UTF-8 at column " + strconv.Itoa(invalidUTF8At(line)))
	}
	if why := c.dec.decode(line); why != "" {
		return c.malformed(why)
	}
	d := c.dec
	if d.hasT {
		if d.t < c.lastT {
			return c.malformed("t goes backwards: " + millis(d.t) + " ms is before " + millis(c.lastT) + " ms at line " + strconv.Itoa(c.lastTLine))
		}
		c.lastT, c.lastTLine = d.t, c.rec.Line
	}
	d.step.Seq, d.step.At, d.step.HasTime = c.rec.Line, d.t, d.hasT
	c.verdict(&d.step, c.v.Apply(&d.step))
	return &c.rec
}

// verdict fills the record from the validator's outcome.
func (c *checker) verdict(s *validator.Step, out validator.Outcome) {
	r, d := &c.rec, c.dec
	if errors.Is(out.Err, validator.ErrBadStep) {
		c.malformed(strings.TrimPrefix(out.Err.Error(), validator.ErrBadStep.Error()+"\n"))
		return
	}
	r.Op, r.CallID, r.OK, r.Warnings = s.Op, s.ID(), out.Err == nil, out.Warnings
	if r.OK && (s.Op == validator.OpReportIncomingCall || s.Op == validator.OpReportOutgoingCall) {
		r.Result = out.Reason.String()
	}
	if e, ok := out.Err.(*callstate.Error); ok {
		r.Code, r.Message, r.Cause, r.Detail = e.Code, e.Message(), e.Cause, e.Detail
	}
	r.HasExpect, r.Expect = d.hasExpect, d.expect
	r.Expected = d.expect.Holds(r.OK, r.Code, r.Cause)
}

func (c *checker) malformed(why string) *Record {
	c.rec.Malformed = why
	return &c.rec
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

func millis(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', -1, 64)
}
