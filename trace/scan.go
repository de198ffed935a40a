package trace

import (
	"bytes"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is encoding/json's nesting limit; json.Valid rejects deeper values, and so do we.
const maxDepth = 10000

// scanner reads one line of JSON in place. It is strict: it accepts exactly what
// encoding/json's json.Valid accepts (the fuzz target holds it to that), but it allocates
// nothing and lets the decoder pick out the few fields a trace line has.
//
// The first error stops the scan: every method returns a zero result once err is set.
type scanner struct {
	data  []byte
	pos   int
	depth int
	err   string // why the line is not JSON, with its column; "" while it is
	first bool   // the next member of the current object is its first
}

// valueKind is the JSON type of the next value.
type valueKind uint8

const (
	kindInvalid valueKind = iota
	kindString
	kindNumber
	kindBool
	kindNull
	kindObject
	kindArray
)

func (s *scanner) reset(line []byte) {
	s.data, s.pos, s.depth, s.err, s.first = line, 0, 0, "", false
}

func (s *scanner) fail(what string) {
	if s.err != "" {
		return
	}
	if s.pos >= len(s.data) {
		s.err = "not JSON: unexpected end of line (" + what + ")"
		return
	}
	s.err = "not JSON: " + what + " at column " + strconv.Itoa(s.pos+1) + ", found " + found(s.data[s.pos:])
}

// found names what rest starts with, for an error. A byte-order mark is named as such: it
// is invisible in an editor, and "byte 0xef" would leave the author guessing.
func found(rest []byte) string {
	if bytes.HasPrefix(rest, byteOrderMark) {
		return "a byte-order mark (U+FEFF)"
	}
	// A line is valid UTF-8 by now, so a character beyond ASCII is whole: name it, not
	// its first byte.
	if r, size := utf8.DecodeRune(rest); size > 1 {
		return strconv.QuoteRune(r)
	}
	return quoteByte(rest[0])
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < utf8.RuneSelf {
		return strconv.QuoteRune(rune(c))
	}
	return "byte 0x" + string(hexDigits[c>>4]) + string(hexDigits[c&0xf])
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// end checks that nothing but whitespace follows the top-level value, which the error
// names as what ("object", or "value" when it is not one).
func (s *scanner) end(what string) {
	s.skipSpace()
	if s.err == "" && s.pos < len(s.data) {
		s.fail("text after the end of the " + what)
	}
}

// peek tells the kind of the next value without consuming it.
func (s *scanner) peek() valueKind {
	s.skipSpace()
	if s.err != "" || s.pos >= len(s.data) {
		return kindInvalid
	}
	switch c := s.data[s.pos]; {
	case c == '"':
		return kindString
	case c == '-' || (c >= '0' && c <= '9'):
		return kindNumber
	case c == 't' || c == 'f':
		return kindBool
	case c == 'n':
		return kindNull
	case c == '{':
		return kindObject
	case c == '[':
		return kindArray
	}
	return kindInvalid
}

// enterObject consumes '{'.
func (s *scanner) enterObject() bool {
	if s.peek() != kindObject {
		s.fail("expected an object")
		return false
	}
	if s.depth++; s.depth > maxDepth {
		s.fail("nesting deeper than 10000")
		return false
	}
	s.pos++
	s.first = true
	return true
}

// nextKey reads the next member's key and its colon, into scratch when it has escapes.
// It returns false at the closing brace (consumed) or on an error.
func (s *scanner) nextKey(scratch *[]byte) ([]byte, bool) {
	s.skipSpace()
	if s.err != "" || s.pos >= len(s.data) {
		s.fail("expected a key or '}'")
		return nil, false
	}
	if s.data[s.pos] == '}' {
		s.pos++
		s.depth--
		s.first = false
		return nil, false
	}
	if !s.first {
		if s.data[s.pos] != ',' {
			s.fail("expected ',' or '}'")
			return nil, false
		}
		s.pos++
		s.skipSpace()
	}
	s.first = false
	if s.pos >= len(s.data) || s.data[s.pos] != '"' {
		s.fail("expected a key")
		return nil, false
	}
	key := s.str(scratch)
	s.skipSpace()
	if s.err != "" || s.pos >= len(s.data) || s.data[s.pos] != ':' {
		s.fail("expected ':'")
		return nil, false
	}
	s.pos++
	return key, s.err == ""
}

// plainByte tells the bytes a string may hold as they are: not a quote, a backslash or a
// control character. A table keeps the hot loop of str free of branches.
var plainByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\'
	}
	return t
}()

// str reads a string at pos (which holds '"'). Without escapes the result aliases the line;
// with them it is decoded into scratch. Lone surrogates become U+FFFD, as in encoding/json.
func (s *scanner) str(scratch *[]byte) []byte {
	s.pos++ // opening quote
	start := s.pos
	for s.pos < len(s.data) {
		data, i := s.data, s.pos
		for i < len(data) && plainByte[data[i]] {
			i++
		}
		if s.pos = i; i >= len(data) {
			break
		}
		c := s.data[s.pos]
		if c == '"' {
			s.pos++
			return s.data[start : s.pos-1]
		}
		if c == '\\' {
			return s.escapedStr(start, scratch)
		}
		if c < 0x20 {
			s.fail("control character in a string")
			return nil
		}
		s.pos++
	}
	s.fail("unterminated string")
	return nil
}

func (s *scanner) escapedStr(start int, scratch *[]byte) []byte {
	out := append((*scratch)[:0], s.data[start:s.pos]...)
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			*scratch = out
			return out
		case c < 0x20:
			s.fail("control character in a string")
			return nil
		case c != '\\':
			out = append(out, c)
			s.pos++
			continue
		}
		if s.pos+1 >= len(s.data) {
			s.pos++
			s.fail("unterminated escape")
			return nil
		}
		s.pos++
		switch e := s.data[s.pos]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := s.hex4(s.pos + 1)
			if !ok {
				return nil
			}
			s.pos += 4
			if utf16.IsSurrogate(r) {
				if r2, ok2 := s.lowSurrogate(); ok2 {
					r = utf16.DecodeRune(r, r2)
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			s.fail("invalid escape")
			return nil
		}
		s.pos++
	}
	s.fail("unterminated string")
	return nil
}

// lowSurrogate consumes a `\uXXXX` low surrogate right after a high one, if there is one.
func (s *scanner) lowSurrogate() (rune, bool) {
	p := s.pos + 1
	if p+1 >= len(s.data) || s.data[p] != '\\' || s.data[p+1] != 'u' {
		return 0, false
	}
	savePos, saveErr := s.pos, s.err
	r, ok := s.hex4(p + 2)
	s.pos, s.err = savePos, saveErr
	if !ok {
		return 0, false // left for the main loop, which reports a bad escape there
	}
	r2 := utf16.DecodeRune(0xD800, r) // only checks that r is a low surrogate
	if r2 == utf8.RuneError {
		return 0, false
	}
	s.pos += 6
	return r, true
}

func (s *scanner) hex4(p int) (rune, bool) {
	if p+4 > len(s.data) {
		s.pos = len(s.data)
		s.fail("short \\u escape")
		return 0, false
	}
	var r rune
	for i := p; i < p+4; i++ {
		c := s.data[i]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			s.pos = i
			s.fail("invalid \\u escape")
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number reads a number at pos and returns its text.
func (s *scanner) number() []byte {
	start := s.pos
	if s.data[s.pos] == '-' {
		s.pos++
	}
	if s.pos >= len(s.data) {
		s.fail("digit expected")
		return nil
	}
	if s.data[s.pos] == '0' {
		s.pos++
	} else if !s.digits() {
		return nil
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if !s.digits() {
			return nil
		}
	}
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if !s.digits() {
			return nil
		}
	}
	return s.data[start:s.pos]
}

// digits consumes one or more decimal digits.
func (s *scanner) digits() bool {
	start := s.pos
	for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
		s.pos++
	}
	if s.pos == start {
		s.fail("digit expected")
		return false
	}
	return true
}

// literal consumes true, false or null and returns true's truth.
func (s *scanner) literal() bool {
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(s.data)-s.pos >= len(lit) && string(s.data[s.pos:s.pos+len(lit)]) == lit {
			s.pos += len(lit)
			return lit == "true"
		}
	}
	s.fail("invalid literal")
	return false
}

// skip reads and discards the next value, checking it all the same.
func (s *scanner) skip(scratch *[]byte) {
	switch s.peek() {
	case kindString:
		s.str(scratch)
	case kindNumber:
		s.number()
	case kindBool, kindNull:
		s.literal()
	case kindObject:
		if s.enterObject() {
			for _, ok := s.nextKey(scratch); ok; _, ok = s.nextKey(scratch) {
				s.skip(scratch)
			}
		}
	case kindArray:
		s.skipArray(scratch)
	default:
		s.fail("expected a value")
	}
}

func (s *scanner) skipArray(scratch *[]byte) {
	if s.depth++; s.depth > maxDepth {
		s.fail("nesting deeper than 10000")
		return
	}
	s.pos++
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		s.depth--
		return
	}
	for s.err == "" {
		s.skip(scratch)
		s.skipSpace()
		if s.err != "" || s.pos >= len(s.data) {
			s.fail("expected ',' or ']'")
			return
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case ']':
			s.pos++
			s.depth--
			return
		default:
			s.fail("expected ',' or ']'")
			return
		}
	}
}

// valid reports whether line is one JSON value: the fuzz target's bridge to json.Valid.
func (s *scanner) valid(line []byte) bool {
	s.reset(line)
	var scratch []byte
	s.skip(&scratch)
	s.end("value")
	return s.err == ""
}
