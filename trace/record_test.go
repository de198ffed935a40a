package trace_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/trace"
)

// A record's JSON is valid JSON whatever its strings hold: invalid UTF-8 becomes U+FFFD,
// as in encoding/json, and control characters are escaped.
func TestRecordJSONOfStringsJSONCannotCarry(t *testing.T) {
	r := trace.Record{Line: 7, Malformed: "a\xffb\x80c\u00e9\x01"}
	assert.Equal(t, `{"line":7,"ok":false,"malformed":"a\ufffdb\ufffdcé\u0001"}`+"\n", string(r.AppendJSON(nil)))
	r.Malformed = "\x01\"\xff\"\ufffd"
	assert.Equal(t, `{"line":7,"ok":false,"malformed":"\u0001\"\ufffd\"�"}`+"\n", string(r.AppendJSON(nil)),
		"the character after an escape is escaped in turn; U+FFFD itself is written as it is")
}
