package trace

import (
	"bufio"
	"io"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/voipsim/voipsim/validator"
)

// entry is one line read and decoded, ready for the validator: a Step, or why the line is
// malformed.
type entry struct {
	line      int
	malformed string
	step      validator.Step
	hasExpect bool
	expect    Expectation
}

// lineReader is the first stage of a check: it reads a trace line by line, skips comments
// and decodes the other lines.
type lineReader struct {
	br    *bufio.Reader
	dec   *decoder
	lines int // lines read so far, comments included

	lastT     time.Duration
	lastTLine int

	long []byte // a line longer than the read buffer, up to just past MaxLineBytes
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, readBufferBytes), dec: newDecoder()}
}

// next fills e with the next line to check. It returns false at the end of the input or
// when reading fails (err).
func (lr *lineReader) next(e *entry) (bool, error) {
	for {
		line, err := lr.br.ReadSlice('\n')
		tooLong := false
		if err == bufio.ErrBufferFull {
			line, tooLong, err = lr.gatherLongLine(line)
		}
		if err != nil && err != io.EOF {
			return false, err // lines says how many were read
		}
		if len(line) == 0 {
			return false, nil
		}
		lr.lines++
		line = trimNewline(line)
		if tooLong || !isComment(line) {
			lr.decode(e, line, tooLong)
			return true, nil
		}
	}
}

// gatherLongLine reads the rest of a line that did not fit the read buffer. Past
// MaxLineBytes it only skips to the end of the line, which it reports as too long.
func (lr *lineReader) gatherLongLine(head []byte) ([]byte, bool, error) {
	lr.long = append(lr.long[:0], head...)
	tooLong := false
	for {
		part, err := lr.br.ReadSlice('\n')
		if len(lr.long)+len(part) > MaxLineBytes+2 { // room for "\r\n"
			tooLong = true
		} else {
			lr.long = append(lr.long, part...)
		}
		if err != bufio.ErrBufferFull {
			return lr.long, tooLong, err
		}
	}
}

func (lr *lineReader) decode(e *entry, line []byte, tooLong bool) {
	e.line, e.malformed = lr.lines, ""
	switch {
	case tooLong || len(line) > MaxLineBytes:
		e.malformed = "line is longer than 1 MiB"
	case !utf8.Valid(line):
		e.malformed = "invalid UTF-8 at column " + strconv.Itoa(invalidUTF8At(line))
	}
	if e.malformed != "" {
		return
	}
	d := lr.dec
	if e.malformed = d.decode(line); e.malformed != "" {
		return
	}
	if d.hasT {
		if d.t < lr.lastT {
			e.malformed = "t goes backwards: " + millis(d.t) + " ms is before " + millis(lr.lastT) + " ms at line " + strconv.Itoa(lr.lastTLine)
			return
		}
		lr.lastT, lr.lastTLine = d.t, lr.lines
	}
	e.step = d.step
	e.step.Seq, e.step.At, e.step.HasTime = lr.lines, d.t, d.hasT
	e.hasExpect, e.expect = d.hasExpect, d.expect
}
