// Package terminal decides how text that came from input — callIds, names, details, file
// names — is printed for people: as it is when it is plain, quoted as Go's %q quotes
// otherwise. A trace or script is untrusted: a callId carrying an escape sequence could
// recolour, retitle or clear the terminal, so could a C1 control such as U+009B, and
// U+202E reverses the text after it. JSON output escapes on its own.
package terminal

import (
	"strconv"
	"strings"
)

// Plain reports whether every character of s prints as itself: strconv.IsPrint (so no
// control character, tab included, as it would break columns) and not U+FFFD, which is
// what invalid UTF-8 reads as, and what a decoder leaves for what it could not decode.
func Plain(s string) bool {
	for _, r := range s {
		if !PlainRune(r) {
			return false
		}
	}
	return true
}

// PlainRune reports whether r prints as itself, as Plain asks of every character.
func PlainRune(r rune) bool { return strconv.IsPrint(r) && r != '\uFFFD' }

// Safe is s as it is when Plain, quoted otherwise.
func Safe(s string) string {
	if Plain(s) {
		return s
	}
	return strconv.Quote(s)
}

// Word is s as it is when it reads as one word among others: not empty, Plain, and with
// no space, double quote, backslash or any character of also; quoted otherwise. A callId
// put in a sentence ("call c 1 is not live") must not run into the words around it.
func Word(s, also string) string {
	if s == "" || strings.ContainsAny(s, ` "\`+also) || !Plain(s) {
		return strconv.Quote(s)
	}
	return s
}
