package sim_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim"
)

// TestParseScenarioQuotedWordIsNoOption: only a bare key= makes the from=/to= option. A
// quoted "from=Ann" is one word that holds =, the documented way to write such a callId,
// so where the option may stand it is not the option, and the name is not Ann.
func TestParseScenarioQuotedWordIsNoOption(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{`0s push c1 voice "from=Ann"`, `line 1: push: expected from=NAME or the end of the line, got "from=Ann"`},
		{"0s carrier ring\n" + `0s dial c1 video "to=Bob Lee"`, `line 2: dial: expected to=NAME or the end of the line, got "to=Bob Lee"`},
		{`0s push c1 voice "from="`, `line 1: push: expected from=NAME or the end of the line, got "from="`},
		{`0s push "from=Ann" voice "from=Ann"`, `line 1: push: expected from=NAME or the end of the line, got "from=Ann"`},
	} {
		_, err := sim.ParseScenario(tc.text)
		assert.EqualError(t, err, tc.want, "%q", tc.text)
	}

	// The bare key, with its value bare or quoted, is the option; a quoted word in the
	// callId's place is the callId.
	sc, err := sim.ParseScenario(`0s push "from=Ann" voice from="from=Ann"` + "\n" + `0s dial "to=x" voice to=to=x`)
	require.NoError(t, err)
	assert.Equal(t, []sim.Step{
		{Action: sim.ActPush, CallID: "from=Ann", Name: "from=Ann"},
		{Action: sim.ActDial, CallID: "to=x", Name: "to=x"},
	}, sc.Steps)
}
