package trace

import (
	"testing"

	"pgregory.net/rapid"
)

// The decoder reads every generated trace as the oracle does: the same lines malformed,
// and the same Step and expectation for every other line.
func TestDecoderReadsAsTheOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		input := genTrace(rapidChooser{t})
		if d := disagreement(input); d != "" {
			t.Fatalf("%s\ntrace: %s", d, shortQuote(input))
		}
	})
}

// FuzzTraceMeaning is the property on the fuzzer's choices: its input picks the ops, keys
// and values of a generated trace, so that coverage guides it through the format's rules.
func FuzzTraceMeaning(f *testing.F) {
	f.Fuzz(func(t *testing.T, choices []byte) {
		input := genTrace(&byteChooser{choices})
		if d := disagreement(input); d != "" {
			t.Fatalf("%s\ntrace: %s", d, shortQuote(input))
		}
	})
}
