package sim_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
)

// TestParseScenarioFaultCodeIsBare: a fault's code is a number written bare. Quoting is
// for callIds and names, words that may hold spaces; a quoted code is a keyword-like
// word quoted, which the parser refuses everywhere else (a quoted "voice" is no type).
func TestParseScenarioFaultCodeIsBare(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{`fault "1007200003"`, `line 1: fault: expected a code (1007200002, 1007200003 or 1007200999) written bare, got the quoted "1007200003"`},
		{"0s carrier ring\n\n" + `1s fault "1007200002" # quoted`, `line 3: fault: expected a code (1007200002, 1007200003 or 1007200999) written bare, got the quoted "1007200002"`},
		{`fault "401"`, `line 1: fault: expected a code (1007200002, 1007200003 or 1007200999) written bare, got the quoted "401"`},
	} {
		_, err := sim.ParseScenario(tc.text)
		assert.EqualError(t, err, tc.want, "%q", tc.text)
	}

	sc, err := sim.ParseScenario("fault 1007200999")
	require.NoError(t, err)
	assert.Equal(t, []sim.Step{{Action: sim.ActFault, Code: callstate.CodeUnknown}}, sc.Steps)
}
