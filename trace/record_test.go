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

// The summary counts every verdict (SPEC.md section 8): failed API calls, verdicts that
// differ from their line's expect (an environment step's too; no expect means "ok"),
// malformed lines; and, for people, failures by code and cause and warnings by cause.
// Several violations are a JSON list.
func TestSummaryCountsEveryVerdict(t *testing.T) {
	input := `{"op":"on","type":"voipCallUiEvent"}
# a comment counts as a line
{"op":"push","callId":"p1"}
{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c1","voipCallType":0,"userName":"","userProfile":{},"abilityName":"A","voipCallState":1}}
{"op":"reportCallStateChange","callId":"c9","callState":2}
{"op":"reportCallStateChange","callId":"c8","callState":2,"expect":"1007200001/unknown-call-id"}
{"op":"carrierCallStart","expect":"1007200003"}
{"op":"uiEvent","callId":"c7","voipCallUiEvent":4}
{"op":"bogus"}
{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"o1","voipCallType":0,"userName":"Bo","userProfile":{},"abilityName":"A","voipCallState":5}}
`
	lines, sum := checkJSON(t, input, trace.Options{})
	assert.Equal(t, `{"summary":{"lines":10,"apiCalls":5,"failed":3,"unexpected":3,"malformed":1,"violations":[`+
		`{"cause":"push-not-reported","callId":"p1","line":3,"detail":"push for call p1 at line 3 was neither reported with reportIncomingCall nor declined with reportIncomingCallError"},`+
		`{"cause":"leaked-call","callId":"c1","line":4,"detail":"call c1 (incoming, reported at line 4) is still RINGING: the app never reported DISCONNECTED"}]}}`, lines[len(lines)-1])
	sum.Violations = nil
	assert.Equal(t, trace.Summary{Lines: 10, APICalls: 5, Failed: 3, Unexpected: 3, Malformed: 1,
		FailedByCode:    map[callstate.Code]int{callstate.CodeInvalidParameter: 2, callstate.CodeSystemInternal: 1},
		FailedByCause:   map[callstate.Cause]int{callstate.CauseUnknownCallID: 2, callstate.CauseCarrierConflict: 1},
		WarningsByCause: map[callstate.Cause]int{callstate.CauseEmptyUserName: 1, callstate.CauseEventForUnknownCall: 1},
	}, sum)
}

// Several warnings on one line are a JSON list, in the order the validator gave them.
func TestRecordJSONWithSeveralWarnings(t *testing.T) {
	r := trace.Record{Line: 2, Op: validator.OpReportIncomingCall, CallID: "c1", OK: true, Result: "ERROR_NONE",
		Warnings: []validator.Warning{{Cause: callstate.CauseNoSubscription, Detail: "a"}, {Cause: callstate.CauseEmptyUserName, Detail: "b"}}}
	assert.Equal(t, `{"line":2,"op":"reportIncomingCall","callId":"c1","ok":true,"result":"ERROR_NONE","warnings":[`+
		`{"cause":"no-subscription","detail":"a"},{"cause":"empty-user-name","detail":"b"}]}`+"\n", string(r.AppendJSON(nil)))
}

// A record is of the environment when it is a phone's step that was checked: not an API
// call, and not a malformed line.
func TestRecordEnvironment(t *testing.T) {
	assert.True(t, (&trace.Record{Op: validator.OpPush}).Environment())
	assert.True(t, (&trace.Record{Op: validator.OpServiceStop}).Environment())
	assert.False(t, (&trace.Record{Op: validator.OpReportIncomingCall}).Environment())
	assert.False(t, (&trace.Record{Op: validator.OpOn}).Environment())
	assert.False(t, (&trace.Record{Op: validator.OpPush, Malformed: "x"}).Environment())
}
