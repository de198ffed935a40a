package trace_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/trace"
)

// A byte-order mark is invisible in an editor: past the start of the input, where it is
// skipped, the error names it rather than its first byte.
func TestByteOrderMarkElsewhereIsMalformed(t *testing.T) {
	input := byteOrderMark + byteOrderMark + `{"op":"carrierCallStart"}` + "\n" +
		byteOrderMark + `{"op":"carrierCallEnd"}` + "\n" +
		`{"op":` + byteOrderMark + `"serviceStop"}` + "\n" +
		`{"op":"push","callId":"` + byteOrderMark + `c1"}` + "\n"
	lines, _ := checkJSON(t, input, trace.Options{})
	assert.Equal(t, []string{
		`{"line":1,"ok":false,"malformed":"not JSON: expected a value at column 1, found a byte-order mark (U+FEFF)"}`,
		`{"line":2,"ok":false,"malformed":"not JSON: expected a value at column 1, found a byte-order mark (U+FEFF)"}`,
		`{"line":3,"ok":false,"malformed":"not JSON: expected a value at column 7, found a byte-order mark (U+FEFF)"}`,
		`{"line":4,"op":"push","callId":"` + byteOrderMark + `c1","ok":true}`, // in a string it is a character
	}, lines[:4])
}
