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
