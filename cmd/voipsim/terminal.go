package main

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// forTerminal is s as text output prints it: as it is, or quoted as Go's %q quotes, when it
// holds what a terminal would act on or cannot show. A trace is untrusted input, and a
// callId carrying an escape sequence could recolour, retitle or clear the terminal; so
// could a C1 control such as U+009B, while U+202E reverses the text after it. Hence any
// character that strconv.IsPrint refuses (tab too: it would break the columns), and
// invalid UTF-8. JSON output escapes control characters on its own. Every error a
// command returns goes through it too (run): file names and script lines are input.
func forTerminal(s string) string {
	if !utf8.ValidString(s) || strings.IndexFunc(s, notPrintable) >= 0 {
		return strconv.Quote(s)
	}
	return s
}

func notPrintable(r rune) bool { return !strconv.IsPrint(r) }
