package terminal_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/voipsim/voipsim/internal/terminal"
)

func TestSafeQuotesWhatATerminalWouldActOnOrHide(t *testing.T) {
	for in, want := range map[string]string{
		"c1":               "c1",
		"Chen Wei 陈伟":      "Chen Wei 陈伟",
		"":                 "",
		"c\x1b[31m1":       `"c\x1b[31m1"`,
		"c\u009b1":         `"c\u009b1"`,
		"abc\u202edef":     `"abc\u202edef"`,
		"a\tb":             `"a\tb"`,
		"bad\xffutf8":      `"bad\xffutf8"`,
		"lost \ufffd rune": "\"lost \ufffd rune\"", // quoted, so the loss shows
	} {
		assert.Equal(t, want, terminal.Safe(in), "%q", in)
		assert.Equal(t, want == in, terminal.Plain(in), "%q", in)
	}
}

// TestWordQuotesWhatWouldNotReadAsOneWord: a callId in a sentence stays bare when it is one
// plain word, and is quoted when it is empty, would run into the words around it, or is
// not Plain; also adds the characters one use needs quoted.
func TestWordQuotesWhatWouldNotReadAsOneWord(t *testing.T) {
	for _, tc := range []struct{ in, also, want string }{
		{"c1", "", "c1"},
		{"陈伟-1", "", "陈伟-1"},
		{"#1", "", "#1"},
		{"a,b", "", "a,b"},
		{"a,b", ",", `"a,b"`},
		{"a=b", "=", `"a=b"`},
		{"", "", `""`},
		{"c 1", "", `"c 1"`},
		{`say "hi"`, "", `"say \"hi\""`},
		{`a\b`, "", `"a\\b"`},
		{"a\tb", "", `"a\tb"`},
		{"c\x1b[2J", "", `"c\x1b[2J"`},
		{"a\u00a0b", "", `"a\u00a0b"`},         // a space that is not ASCII's
		{"lost \ufffd", "", "\"lost \ufffd\""}, // quoted, so the loss shows
	} {
		assert.Equal(t, tc.want, terminal.Word(tc.in, tc.also), "%q with %q", tc.in, tc.also)
	}
}
