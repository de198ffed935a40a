package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestForTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"c1":             "c1",
		"":               "",
		`say "hi"`:       `say "hi"`,
		"Ann été 电话":     "Ann été 电话",
		"tab\there":      `"tab\there"`,
		"bell\a":         `"bell\a"`,
		"del\x7f":        `"del\x7f"`,
		"csi\u009b":      `"csi\u009b"`,
		"rtl\u202e":      `"rtl\u202e"`,
		"bad \xff utf-8": `"bad \xff utf-8"`,
	} {
		assert.Equal(t, want, forTerminal(in), "%q", in)
	}
}
