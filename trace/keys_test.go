package trace_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/trace"
)

// A key given twice in one object makes the line malformed: which value counts would be
// a guess. Each line is checked after a live call c1, as in TestDecodingRules.
func TestRepeatedKeyIsMalformed(t *testing.T) {
	setup := `{"op":"on","type":"voipCallUiEvent"}
{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c1","voipCallType":0,` + attrTail + `,"voipCallState":1}}
`
	attr := func(fields string) string {
		return `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,` + attrTail + `,"voipCallState":1` + fields + `}}`
	}
	tests := []struct{ name, line, want string }{
		{"op", `{"op":"carrierCallStart","op":"serviceStop"}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"op\""}`},
		{"op after an unknown op", `{"op":"reportMissedCall","op":"carrierCallStart"}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"op\""}`},
		{"op spelled with an escape", `{"op":"carrierCallStart","\u006fp":"serviceStop"}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"op\""}`},
		{"argument of another type", `{"op":"reportCallStateChange","callId":"c1","callState":6,"callState":true}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"callState\""}`},
		{"null then a value", `{"op":"reportCallStateChange","callId":"c1","callState":6,"callType":null,"callType":1}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"callType\""}`},
		{"t", `{"op":"carrierCallStart","t":1,"t":2}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"t\""}`},
		{"expect", `{"op":"carrierCallStart","expect":"ok","expect":401}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"expect\""}`},
		{"environment argument", `{"op":"injectFault","code":1007200999,"code":1007200002}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"code\""}`},
		{"the attribute", attr(``)[:len(attr(``))-1] + `,"voipCallAttribute":null}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"voipCallAttribute\""}`},
		{"in the attribute", attr(`,"callId":"c3"`),
			`{"line":3,"ok":false,"malformed":"duplicate key \"callId\" in voipCallAttribute"}`},
		{"optional boolean", attr(`,"isConferenceCall":true,"isConferenceCall":1`),
			`{"line":3,"ok":false,"malformed":"duplicate key \"isConferenceCall\" in voipCallAttribute"}`},
		{"in the avatar", `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"A","userProfile":{"width":1,"width":"1"},"abilityName":"X","voipCallState":1}}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"width\" in voipCallAttribute.userProfile"}`},
		{"not JSON comes first", `{"op":"on","op":"off",}`,
			`{"line":3,"ok":false,"malformed":"not JSON: expected a key at column 23, found '}'"}`},
		{"the same key in two objects is no repeat", `{"op":"reportIncomingCall","callId":"c9",` + attr(``)[len(`{"op":"reportIncomingCall",`):],
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":true,"result":"ERROR_NONE"}`},
		{"a repeated unknown key is ignored, as the key is", `{"op":"carrierCallStart","note":"a","note":"b"}`,
			`{"line":3,"op":"carrierCallStart","ok":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, _ := checkJSON(t, setup+tt.line+"\n", trace.Options{AllowOpen: true})
			assert.Equal(t, tt.want, lines[2])
		})
	}
}
