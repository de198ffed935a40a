package sim_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/sim"
)

// TestParserReadsScriptsAsDocumented: a script the oracle's model draws, written in any
// legal way (separators, comments, quoting, time spellings, line ends, a byte-order mark,
// the scenario line anywhere), parses to what the model says it means. Long runs:
// go test ./sim -run TestParserReadsScriptsAsDocumented -rapid.checks=20000
func TestParserReadsScriptsAsDocumented(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScript(t)
		bom, lines := render(t, s)
		text := join(t, bom, lines)
		got, err := sim.ParseScenario(text)
		require.NoError(t, err, "%q", text)
		require.Equal(t, s.meaning(), got, "%q", text)
	})
}
