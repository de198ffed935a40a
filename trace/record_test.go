package trace_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
)

// A record's JSON is valid JSON whatever its strings hold: invalid UTF-8 becomes U+FFFD,
// as in encoding/json, and control characters are escaped.
func TestRecordJSONOfStringsJSONCannotCarry(t *testing.T) {
	r := trace.Record{Line: 7, Malformed: "a\xffb\x80c\u00e9\x01"}
	assert.Equal(t, `{"line":7,"ok":false,"malformed":"a\ufffdb\ufffdcé\u0001"}`+"\n", string(r.AppendJSON(nil)))
	r.Malformed = "\x01\"\xff\"\ufffd"
	assert.Equal(t, `{"line":7,"ok":false,"malformed":"\u0001\"\ufffd\"�"}`+"\n", string(r.AppendJSON(nil)),
		"the character after an escape is escaped in turn; U+FFFD itself is written as it is")
	r.Malformed = "a\r\tb\x1f\n"
	assert.Equal(t, `{"line":7,"ok":false,"malformed":"a\r\tb\u001f\n"}`+"\n", string(r.AppendJSON(nil)),
		"carriage return and tab have their short escapes")
}

// The exit status of a check (SPEC.md section 8): 0 when every verdict is ok or as
// expected and no obligation is violated; 1 otherwise; 2 when a line was malformed.
func TestExitCode(t *testing.T) {
	assert.Equal(t, []int{0, 1, 2}, []int{trace.ExitOK, trace.ExitFailed, trace.ExitMalformed})
	violation := []validator.Obligation{{Cause: callstate.CauseLeakedCall, CallID: "c1"}}
	for _, tc := range []struct {
		name string
		sum  trace.Summary
		want int
	}{
		{"nothing", trace.Summary{}, 0},
		{"failures all expected", trace.Summary{APICalls: 3, Failed: 2}, 0},
		{"an unexpected verdict", trace.Summary{APICalls: 3, Unexpected: 1}, 1},
		{"a violation", trace.Summary{Violations: violation}, 1},
		{"a malformed line beats the rest", trace.Summary{Malformed: 1, Unexpected: 1, Violations: violation}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, tc.sum.ExitCode()) })
	}
}
