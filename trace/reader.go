package trace

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/voipsim/voipsim/validator"
)

// entry is one line read and decoded, ready for the validator: a Step, or why the line is
// malformed.
type entry struct {
	line      int
	malformed string
	step      validator.Step
	invalid   invalidValues
	hasExpect bool
	expect    Expectation
}

// byteOrderMark is U+FEFF in UTF-8.
var byteOrderMark = []byte("\uFEFF")

// utf16Hint explains invalid UTF-8 on the first line when it starts with a UTF-16
// byte-order mark, as Windows tools write (PowerShell's redirection, Notepad's "Unicode").
func utf16Hint(lineNo int, line []byte) string {
	if lineNo != 1 || len(line) < 2 {
		return ""
	}
	var mark string
	switch {
	case line[0] == 0xFF && line[1] == 0xFE:
		mark = "FF FE"
	case line[0] == 0xFE && line[1] == 0xFF:
		mark = "FE FF"
	default:
		return ""
	}
	return ": the file starts with the UTF-16 byte-order mark " + mark + "; a trace must be UTF-8"
}

// lineReader is the first stage of a check: it reads a trace line by line, skips comments
// and decodes the other lines.
type lineReader struct {
	br    *bufio.Reader
	dec   *decoder
	lines int // lines read so far, comments included

	long []byte // a line longer than the read buffer, up to just past MaxLineBytes
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, readBufferBytes), dec: newDecoder()}
}

// next fills e with the next line to check. It returns false at the end of the input or
// when reading fails (err).
func (lr *lineReader) next(e *entry) (bool, error) {
	for {
		line, comment, tooLong, err := lr.readLine()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err // lines says how many were read
		}
		lr.lines++
		if !comment {
			lr.decode(e, line, tooLong)
			return true, nil
		}
	}
}

// readLine reads the next line, newline excluded, and tells whether it is blank or a
// comment, or longer than MaxLineBytes (then line is not all of it). It returns io.EOF
// only when no line is left.
func (lr *lineReader) readLine() (line []byte, comment, tooLong bool, err error) {
	line, err = lr.br.ReadSlice('\n')
	if lr.lines == 0 {
		// RFC 8259 section 8.1 lets a parser ignore a byte-order mark that starts the
		// text; editors on Windows write one. Anywhere else it is an error, which names it (found).
		line = bytes.TrimPrefix(line, byteOrderMark)
	}
	if err == bufio.ErrBufferFull {
		return lr.gatherLongLine(line)
	}
	if err != nil && (err != io.EOF || len(line) == 0) {
		return nil, false, false, err
	}
	line = trimNewline(line)
	return line, isComment(line), false, nil
}

// gatherLongLine reads the rest of a line that did not fit the read buffer, keeping only
// what a check needs, so that memory stays flat: nothing of a comment, which is known by
// its first non-blank byte, and no more than MaxLineBytes of another line, whose rest is
// skipped and which is then too long. A blank start is kept, since a line may follow it.
func (lr *lineReader) gatherLongLine(head []byte) (line []byte, comment, tooLong bool, err error) {
	lr.long = lr.long[:0]
	start, part, err := lineBlank, head, bufio.ErrBufferFull
	for {
		start = start.after(part)
		switch {
		case start == lineComment:
		case tooLong || len(lr.long)+len(part) > MaxLineBytes+2: // room for "\r\n"
			tooLong = true
		default:
			lr.long = append(lr.long, part...)
		}
		if err != bufio.ErrBufferFull {
			break
		}
		part, err = lr.br.ReadSlice('\n')
	}
	if err != nil && err != io.EOF {
		return nil, false, false, err
	}
	if start != lineOther {
		return nil, true, false, nil
	}
	return trimNewline(lr.long), false, tooLong, nil
}

// lineStart is what the bytes of a line read so far make it.
type lineStart uint8

const (
	lineBlank   lineStart = iota // blanks only, so far: a comment unless more follows
	lineComment                  // the first non-blank byte is '#'
	lineOther                    // a line to check
)

// after is what the line is once part follows what was read of it.
func (s lineStart) after(part []byte) lineStart {
	if s != lineBlank {
		return s
	}
	for _, c := range part {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '#':
			return lineComment
		}
		return lineOther
	}
	return lineBlank
}

func (lr *lineReader) decode(e *entry, line []byte, tooLong bool) {
	e.line, e.malformed = lr.lines, ""
	switch {
	case tooLong || len(line) > MaxLineBytes:
		e.malformed = "line is longer than 1 MiB"
	case !utf8.Valid(line):
		e.malformed = "invalid UTF-8 at column " + strconv.Itoa(invalidUTF8At(line)) + utf16Hint(lr.lines, line)
	}
	if e.malformed != "" {
		return
	}
	d := lr.dec
	if e.malformed = d.decode(line); e.malformed != "" {
		return
	}
	e.step, e.invalid = d.step, d.invalid
	e.step.Seq, e.step.At, e.step.HasTime = lr.lines, d.t, d.hasT
	e.hasExpect, e.expect = d.hasExpect, d.expect
}
