package trace

import (
	"strconv"
	"unicode/utf8"
)

// Hand-written JSON encoding: the output of a check is as hot as its input, and these
// appenders write straight into a reused buffer.

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, as in
// encoding/json, so the output is always valid JSON.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendKey appends `,"name":` (or `"name":` right after an opening brace).
func appendKey(dst []byte, name string) []byte {
	if n := len(dst); n > 0 && dst[n-1] != '{' {
		dst = append(dst, ',')
	}
	dst = append(dst, '"')
	dst = append(dst, name...)
	return append(dst, '"', ':')
}

func appendStringField(dst []byte, name, value string) []byte {
	return appendString(appendKey(dst, name), value)
}

func appendIntField(dst []byte, name string, value int64) []byte {
	return strconv.AppendInt(appendKey(dst, name), value, 10)
}

func appendBoolField(dst []byte, name string, value bool) []byte {
	return strconv.AppendBool(appendKey(dst, name), value)
}

// enumValue is what the writer needs of an enum: its identifier when it has one.
type enumValue interface {
	~int8
	Valid() bool
	String() string
}

// appendEnumField writes a valid enum value as its identifier and an invalid one as its
// number, so that a trace round-trips the mistakes it records.
func appendEnumField[T enumValue](dst []byte, name string, v T) []byte {
	if v.Valid() {
		return appendStringField(dst, name, v.String())
	}
	return appendIntField(dst, name, int64(v))
}
