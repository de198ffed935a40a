package sim_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/voipsim/voipsim/sim"
)

// TestParseScenarioRefusesRawInvalidUTF8InQuotes: a quoted string's bytes that are not
// UTF-8 are refused, as they are when a bare word or an escape (\xff) holds them. Go's
// unquoting turns them into U+FFFD, which would give the run a callId or name the script
// never wrote, and two scripts that differ only there the same one.
func TestParseScenarioRefusesRawInvalidUTF8InQuotes(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"0s push \"a\xff\" voice", `line 1: "a\xff" is not valid UTF-8 (a trace of the run could not carry it)`},
		{"0s carrier ring\n0s push c1 video from=\"\xfe\"", `line 2: "from=\xfe" is not valid UTF-8 (a trace of the run could not carry it)`},
		{"scenario ok\n\n0s user reject \"\\t\xc3\"", `line 3: "\t\xc3" is not valid UTF-8 (a trace of the run could not carry it)`},
		{"scenario \"\xed\xa0\x80\"", `line 1: "\xed\xa0\x80" is not valid UTF-8 (a trace of the run could not carry it)`}, // a surrogate's encoding
	} {
		_, err := sim.ParseScenario(tc.text)
		assert.EqualError(t, err, tc.want, "%q", tc.text)
	}
	// A valid rune written raw inside quotes is kept as it is.
	sc, err := sim.ParseScenario("0s push \"陈\\x41\" voice from=\"é\\u00e9\"")
	if assert.NoError(t, err) {
		assert.Equal(t, "陈A", sc.Steps[0].CallID)
		assert.Equal(t, "éé", sc.Steps[0].Name)
	}
}
