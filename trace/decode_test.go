package trace_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/trace"
)

const attrTail = `"userName":"Ann","userProfile":{"width":1,"height":1,"byteCount":1},"abilityName":"VoipAbility"`

// The decoding rules of SPEC.md section 8: each line is checked after a live call c1
// (incoming, RINGING) and gives exactly the record shown.
func TestDecodingRules(t *testing.T) {
	setup := `{"op":"on","type":"voipCallUiEvent"}
{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c1","voipCallType":0,` + attrTail + `,"voipCallState":1}}
`
	tests := []struct{ name, line, want string }{
		{"enum as identifier", `{"op":"reportCallStateChange","callId":"c1","callState":"VOIP_CALL_STATE_ANSWERED"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":true}`},
		{"enum as number", `{"op":"reportCallStateChange","callId":"c1","callState":6}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":true}`},
		{"enum as integral float", `{"op":"reportCallStateChange","callId":"c1","callState":6.0}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":true}`},
		// An invalid value is named as the line wrote it.
		{"unknown identifier is an invalid value", `{"op":"reportCallStateChange","callId":"c1","callState":"ANSWER"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is \"ANSWER\"; expected 0..7"}`},
		// A wrong type says what type the argument takes.
		{"a string where the fault code belongs", `{"op":"injectFault","code":"1007200002"}`,
			`{"line":3,"ok":false,"malformed":"injectFault: code has the wrong type: want a number"}`},
		{"a boolean where an environment enum belongs", `{"op":"uiEvent","callId":"c1","voipCallUiEvent":4,"errorReason":true}`,
			`{"line":3,"ok":false,"malformed":"uiEvent: errorReason has the wrong type: want a number or an identifier string"}`},
		{"a string in the avatar", `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"A","userProfile":{"width":"1"},"abilityName":"X","voipCallState":1}}`,
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"voipCallAttribute.userProfile has the wrong type: want an object of numbers width, height and byteCount"}`},
		// Identifiers are exact, but the detail says which one a near miss meant.
		{"an identifier without its prefix", `{"op":"reportCallStateChange","callId":"c1","callState":"ANSWERED"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is \"ANSWERED\" (did you mean VOIP_CALL_STATE_ANSWERED?); expected 0..7"}`},
		{"an identifier in lower case", `{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":"audio_event_muted"}`,
			`{"line":3,"op":"reportCallAudioEventChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-audio-event","detail":"callAudioEvent is \"audio_event_muted\" (did you mean AUDIO_EVENT_MUTED?); expected 0, 1, 2, 3 or 5"}`},
		{"a near miss of two identifiers names neither", `{"op":"uiEvent","callId":"c1","voipCallUiEvent":"ANSWER","errorReason":0}`,
			`{"line":3,"ok":false,"malformed":"uiEvent needs a VoipCallUiEvent, got \"ANSWER\""}`},
		{"an environment step's near miss", `{"op":"uiEvent","callId":"c1","voipCallUiEvent":"hangup","errorReason":0}`,
			`{"line":3,"ok":false,"malformed":"uiEvent needs a VoipCallUiEvent, got \"hangup\" (did you mean VOIP_CALL_EVENT_HANGUP?)"}`},
		{"a number in a string is an unknown identifier", `{"op":"reportCallStateChange","callId":"c1","callState":"2"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is \"2\"; expected 0..7"}`},
		{"number out of range", `{"op":"reportCallStateChange","callId":"c1","callState":262}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is 262; expected 0..7"}`},
		{"number not whole", `{"op":"reportCallStateChange","callId":"c1","callState":2.5}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is 2.5; expected 0..7"}`},
		{"number beyond float64", `{"op":"reportCallStateChange","callId":"c1","callState":1e400}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is 1e400; expected 0..7"}`},
		// A float64 would round these to a whole number; they are not one.
		{"number just past a whole one", `{"op":"reportCallStateChange","callId":"c1","callState":6.0000000000000001}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is 6.0000000000000001; expected 0..7"}`},
		{"number too small for float64", `{"op":"reportCallStateChange","callId":"c1","callState":1e-400}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is 1e-400; expected 0..7"}`},
		{"a whole number in another form", `{"op":"reportCallStateChange","callId":"c1","callState":600e-2}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":true}`},
		{"a number that fits the enum's type is named as written too", `{"op":"reportCallStateChange","callId":"c1","callState":9}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is 9; expected 0..7"}`},
		{"a negative one", `{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":-3}`,
			`{"line":3,"op":"reportCallAudioEventChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-audio-event","detail":"callAudioEvent is -3; expected 0, 1, 2, 3 or 5"}`},
		{"an environment step's invalid value", `{"op":"uiEvent","callId":"c1","voipCallUiEvent":"HANG_UP","errorReason":0}`,
			`{"line":3,"ok":false,"malformed":"uiEvent needs a VoipCallUiEvent, got \"HANG_UP\""}`},
		{"boolean where an enum belongs", `{"op":"reportCallStateChange","callId":"c1","callState":true}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"callState has the wrong type: want a number or an identifier string"}`},
		{"object where a string belongs", `{"op":"reportCallAudioEventChange","callId":{"id":"c1"},"callAudioEvent":0}`,
			`{"line":3,"op":"reportCallAudioEventChange","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"callId has the wrong type: want a string"}`},
		{"array where an enum belongs", `{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":[0]}`,
			`{"line":3,"op":"reportCallAudioEventChange","callId":"c1","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"callAudioEvent has the wrong type: want a number or an identifier string"}`},
		{"null is missing", `{"op":"reportIncomingCallError","callId":"c1","voipCallFailureCause":null}`,
			`{"line":3,"op":"reportIncomingCallError","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"missing-parameter","detail":"voipCallFailureCause is absent or null"}`},
		{"absent is missing", `{"op":"reportCallStateChange","callState":2}`,
			`{"line":3,"op":"reportCallStateChange","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"missing-parameter","detail":"callId is absent or null"}`},
		{"attribute field absent", `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2",` + attrTail + `,"voipCallState":1}}`,
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"missing-parameter","detail":"voipCallAttribute.voipCallType is absent or null"}`},
		{"avatar size with a fraction", `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"A","userProfile":{"width":221.5,"height":1e30},"abilityName":"X","voipCallState":1}}`,
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":true,"result":"ERROR_NONE","warnings":[{"cause":"avatar-too-large","detail":"avatar is 222x2147483647, 0 bytes; the banner shows none above 221x221 or from 196608 bytes"}]}`},
		{"attribute not an object", `{"op":"reportOutgoingCall","voipCallAttribute":"c2"}`,
			`{"line":3,"op":"reportOutgoingCall","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"voipCallAttribute has the wrong type: want an object"}`},
		{"optional boolean of the wrong type", `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,` + attrTail + `,"voipCallState":1,"isConferenceCall":"no"}}`,
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"voipCallAttribute.isConferenceCall has the wrong type: want a boolean"}`},
		{"escapes in a string", `{"op":"reportCallStateChange","callId":"\u0063\u0031","callState":"VOIP_CALL_STATE_ACTIVE"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":true}`},
		{"op named last", `{"callId":"c1","callState":2,"op":"reportCallStateChange"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":true}`},
		{"on without type", `{"op":"on"}`,
			`{"line":3,"op":"on","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"on needs type 'voipCallUiEvent', got none"}`},
		{"on with a null callback", `{"op":"on","type":"voipCallUiEvent","callback":null}`,
			`{"line":3,"op":"on","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"on needs a callback"}`},
		{"environment step with a warning", `{"op":"uiEvent","callId":"c9","voipCallUiEvent":"VOIP_CALL_EVENT_HANGUP"}`,
			`{"line":3,"op":"uiEvent","callId":"c9","ok":true,"warnings":[{"cause":"event-for-unknown-call","detail":"call c9 is not live; the event creates no obligation"}]}`},
		{"expect a code", `{"op":"reportCallStateChange","callId":"c9","callState":2,"expect":1007200001}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c9","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"unknown-call-id","detail":"call c9 was never reported","expected":true}`},
		{"expect the wrong cause", `{"op":"reportCallStateChange","callId":"c9","callState":2,"expect":"1007200001/duplicate-report"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c9","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"unknown-call-id","detail":"call c9 was never reported","expected":false}`},
		{"expect ok on an environment step", `{"op":"carrierCallStart","expect":"ok"}`,
			`{"line":3,"op":"carrierCallStart","ok":true,"expected":true}`},
		{"not JSON", `{"op":"on",}`, `{"line":3,"ok":false,"malformed":"not JSON: expected a key at column 12, found '}'"}`},
		{"not an object", `["op","on"]`, `{"line":3,"ok":false,"malformed":"not an object: a trace line is one JSON object"}`},
		{"text after the object", `{"op":"on","type":"voipCallUiEvent"} x`, `{"line":3,"ok":false,"malformed":"not JSON: text after the end of the object at column 38, found 'x'"}`},
		{"a character beyond ASCII is named whole", `{"op":"on","type":"voipCallUiEvent"} é`, `{"line":3,"ok":false,"malformed":"not JSON: text after the end of the object at column 38, found 'é'"}`},
		{"unknown op", `{"op":"reportMissedCall","callId":"c1"}`, `{"line":3,"ok":false,"malformed":"unknown op \"reportMissedCall\""}`},
		{"an op in another case", `{"op":"Push","callId":"c1"}`, `{"line":3,"ok":false,"malformed":"unknown op \"Push\" (did you mean push?)"}`},
		{"no op", `{"callId":"c1"}`, `{"line":3,"ok":false,"malformed":"no op: every line needs \"op\""}`},
		{"op not a string", `{"op":3}`, `{"line":3,"ok":false,"malformed":"op must be a string"}`},
		{"escaped unknown op", `{"op":"rep\u006frt","callId":"c\u0031"}`, `{"line":3,"ok":false,"malformed":"unknown op \"report\""}`},
		{"invalid UTF-8", "{\"op\":\"push\",\"callId\":\"c\xff\"}", `{"line":3,"ok":false,"malformed":"invalid UTF-8 at column 25"}`},
		{"t of the wrong type", `{"op":"carrierCallStart","t":"soon"}`, `{"line":3,"ok":false,"malformed":"t must be a number of milliseconds"}`},
		{"bad expect", `{"op":"carrierCallStart","expect":"fine"}`, `{"line":3,"ok":false,"malformed":"expect must be \"ok\", a code such as 1007200003, or \"1007200003/carrier-conflict\""}`},
		{"expect a code written otherwise in a string", `{"op":"carrierCallStart","expect":"1007200002.0"}`, `{"line":3,"ok":false,"malformed":"expect must be \"ok\", a code such as 1007200003, or \"1007200003/carrier-conflict\""}`},
		{"expect a code with a leading zero", `{"op":"carrierCallStart","expect":"01007200002/injected-fault"}`, `{"line":3,"ok":false,"malformed":"expect must be \"ok\", a code such as 1007200003, or \"1007200003/carrier-conflict\""}`},
		{"expect an unknown code", `{"op":"carrierCallStart","expect":1007200004}`, `{"line":3,"ok":false,"malformed":"expect: 1007200004 is not a code of the call service"}`},
		{"expect a cause of another code", `{"op":"carrierCallStart","expect":"401/carrier-conflict"}`, `{"line":3,"ok":false,"malformed":"expect: \"carrier-conflict\" is not a cause of 401"}`},
		{"uiEvent without its event", `{"op":"uiEvent","callId":"c1"}`, `{"line":3,"ok":false,"malformed":"uiEvent needs voipCallUiEvent"}`},
		{"impossible environment step", `{"op":"injectFault","code":401}`, `{"line":3,"ok":false,"malformed":"injectFault needs code 1007200002, 1007200003 or 1007200999"}`},
		{"environment argument of the wrong type", `{"op":"push","callId":1}`, `{"line":3,"ok":false,"malformed":"push: callId must be a string"}`},
		// A key of another op is ignored, whatever its value: it neither makes the line
		// malformed nor takes the place of the op's own argument in a detail.
		{"a fault code of the wrong type on a push", `{"op":"push","callId":"c2","code":"x"}`,
			`{"line":3,"op":"push","callId":"c2","ok":true}`},
		{"an event argument of the wrong type on a carrier step", `{"op":"carrierCallStart","errorReason":true,"voipCallUiEvent":{}}`,
			`{"line":3,"op":"carrierCallStart","ok":true}`},
		{"a fault code of the wrong type on a UI event", `{"op":"uiEvent","callId":"c1","voipCallUiEvent":0,"code":null}`,
			`{"line":3,"op":"uiEvent","callId":"c1","ok":true}`},
		{"a line's callState beside the attribute's", `{"op":"reportIncomingCall","callState":"FOO","voipCallAttribute":{"callId":"c2","voipCallType":0,` + attrTail + `,"voipCallState":"BAR"}}`,
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"voipCallAttribute.voipCallState is \"BAR\"; expected 0..7"}`},
		{"an attribute's voipCallState beside the line's callState", `{"op":"reportCallStateChange","voipCallAttribute":{"voipCallState":"X"},"callId":"c1","callState":"Y"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is \"Y\"; expected 0..7"}`},
		{"many invalid values of other ops first", `{"op":"reportCallStateChange","callAudioEvent":"q","voipCallFailureCause":"w","errorReason":"e","voipCallUiEvent":"r","callId":"c1","callState":"Y"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-state","detail":"callState is \"Y\"; expected 0..7"}`},
		{"uiEvent callId of the wrong type", `{"op":"uiEvent","callId":1,"voipCallUiEvent":4,"errorReason":0}`, `{"line":3,"ok":false,"malformed":"uiEvent: callId must be a string"}`},
		{"injectFault without its code", `{"op":"injectFault"}`, `{"line":3,"ok":false,"malformed":"injectFault needs code 1007200002, 1007200003 or 1007200999"}`},
		{"a fault code beyond int32 that wraps round to an injectable one", `{"op":"injectFault","code":5302167298}`,
			`{"line":3,"ok":false,"malformed":"injectFault needs code 1007200002, 1007200003 or 1007200999"}`},
		{"the first of two environment enums of the wrong type is named", `{"op":"uiEvent","callId":"c1","voipCallUiEvent":true,"errorReason":true}`,
			`{"line":3,"ok":false,"malformed":"uiEvent: voipCallUiEvent has the wrong type: want a number or an identifier string"}`},
		{"expect a number that is not whole", `{"op":"carrierCallStart","expect":1.5}`, `{"line":3,"ok":false,"malformed":"expect must be \"ok\", a code such as 1007200003, or \"1007200003/carrier-conflict\""}`},
		{"expect a one-digit code in a string", `{"op":"carrierCallStart","expect":"5"}`, `{"line":3,"ok":false,"malformed":"expect: 5 is not a code of the call service"}`},
		{"t negative", `{"op":"carrierCallStart","t":-1}`, `{"line":3,"ok":false,"malformed":"t must not be negative"}`},
		{"t a negative fraction", `{"op":"carrierCallStart","t":-0.5}`, `{"line":3,"ok":false,"malformed":"t must not be negative"}`},
		{"t beyond time.Duration", `{"op":"carrierCallStart","t":1e300}`, `{"line":3,"ok":false,"malformed":"t is out of range: expected at most 9223372036854 milliseconds"}`},
		{"a whole state as a valid number keeps its name in the detail", `{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"o1","voipCallType":0,` + attrTail + `,"voipCallState":1}}`,
			`{"line":3,"op":"reportOutgoingCall","callId":"o1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"outgoing-not-dialing","detail":"reportOutgoingCall needs VOIP_CALL_STATE_DIALING, got VOIP_CALL_STATE_RINGING"}`},
		{"attribute callId absent", `{"op":"reportIncomingCall","voipCallAttribute":{"voipCallType":0,` + attrTail + `,"voipCallState":1}}`,
			`{"line":3,"op":"reportIncomingCall","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"missing-parameter","detail":"voipCallAttribute.callId is absent or null"}`},
		{"attribute userName absent", `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userProfile":{},"abilityName":"X","voipCallState":1}}`,
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"missing-parameter","detail":"voipCallAttribute.userName is absent or null"}`},
		{"a null image size is absent", `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"A","userProfile":{"width":null,"height":1,"byteCount":1},"abilityName":"X","voipCallState":1}}`,
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":true,"result":"ERROR_NONE"}`},
		{"the first optional boolean of the wrong type is named", `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,` + attrTail + `,"voipCallState":1,"isConferenceCall":1,"isVoiceAnswerSupported":"yes"}}`,
			`{"line":3,"op":"reportIncomingCall","callId":"c2","ok":false,"code":401,"message":"Parameter error.","cause":"parameter-type","detail":"voipCallAttribute.isConferenceCall has the wrong type: want a boolean"}`},
		{"expect of another JSON type", `{"op":"carrierCallStart","expect":true}`, `{"line":3,"ok":false,"malformed":"expect must be \"ok\", a code such as 1007200003, or \"1007200003/carrier-conflict\""}`},
		{"expect a code with a nine in a string", `{"op":"reportCallStateChange","callId":"c9","callState":2,"expect":"1007200999"}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c9","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"unknown-call-id","detail":"call c9 was never reported","expected":false}`},
		{"unknown keys as long as the longest name an index holds, and one shorter", `{"op":"carrierCallStart","` + strings.Repeat("k", 40) + `":1,"` + strings.Repeat("k", 39) + `":1}`,
			`{"line":3,"op":"carrierCallStart","ok":true}`},
		{"every enum argument invalid and one given twice", `{"op":"reportCallStateChange","callId":"c1","callState":99,"callState":98,"callType":99,"callAudioEvent":99,"voipCallFailureCause":99,"voipCallUiEvent":99,"errorReason":99,"voipCallAttribute":{"voipCallType":99,"voipCallState":99}}`,
			`{"line":3,"ok":false,"malformed":"duplicate key \"callState\""}`},
		{"more invalid enums than a line can name", `{"op":"reportCallStateChange","callId":"c1","callState":"X","callType":"X","callAudioEvent":"X","voipCallFailureCause":"X","voipCallAttribute":{"voipCallType":"X","voipCallState":"X"}}`,
			`{"line":3,"op":"reportCallStateChange","callId":"c1","ok":false,"code":1007200001,"message":"Invalid parameter value.","cause":"invalid-call-type","detail":"callType is \"X\"; expected VOIP_CALL_VOICE (0) or VOIP_CALL_VIDEO (1)"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, _ := checkJSON(t, setup+tt.line+"\n", trace.Options{AllowOpen: true})
			assert.Equal(t, tt.want, lines[2])
		})
	}
}

func TestTimeGoingBackwardsIsMalformedAndCheckingGoesOn(t *testing.T) {
	lines, sum := checkJSON(t, `{"op":"push","callId":"c1","t":500}
{"op":"carrierCallStart","t":499}
{"op":"carrierCallEnd","t":500}
`, trace.Options{})
	assert.Equal(t, `{"line":2,"ok":false,"malformed":"t goes backwards: 499 ms is before 500 ms at line 1"}`, lines[1])
	assert.Equal(t, `{"line":3,"op":"carrierCallEnd","ok":true}`, lines[2])
	assert.Equal(t, 1, sum.Malformed)
	assert.Equal(t, trace.ExitMalformed, sum.ExitCode())
}

func TestCommentsAndBlankLinesCountButGetNoRecord(t *testing.T) {
	lines, sum := checkJSON(t, "# a comment\n\n   \t\n  # indented comment\r\n{\"op\":\"carrierCallStart\"}\r\n{\"op\":\"carrierCallEnd\"}", trace.Options{})
	assert.Equal(t, []string{
		`{"line":5,"op":"carrierCallStart","ok":true}`,
		`{"line":6,"op":"carrierCallEnd","ok":true}`,
		`{"summary":{"lines":6,"apiCalls":0,"failed":0,"unexpected":0,"malformed":0,"violations":[]}}`,
	}, lines)
	assert.Equal(t, trace.ExitOK, sum.ExitCode())
}

func TestOverlongLineIsMalformedAndCheckingGoesOn(t *testing.T) {
	long := `{"op":"push","callId":"` + strings.Repeat("x", trace.MaxLineBytes) + `"}`
	fits := `{"op":"push","callId":"` + strings.Repeat("y", trace.MaxLineBytes-len(`{"op":"push","callId":""}`)) + `"}`
	lines, sum := checkJSON(t, long+"\n"+fits+"\n"+`{"op":"carrierCallStart"}`+"\n", trace.Options{AllowOpen: true})
	assert.Equal(t, `{"line":1,"ok":false,"malformed":"line is longer than 1 MiB"}`, lines[0])
	assert.True(t, strings.HasPrefix(lines[1], `{"line":2,"op":"push","callId":"yyy`), "a line of exactly 1 MiB is checked")
	assert.Equal(t, `{"line":3,"op":"carrierCallStart","ok":true}`, lines[2])
	assert.Equal(t, 3, sum.Lines)
	assert.Equal(t, 1, sum.Malformed)
}

// A line that is no JSON text is "not JSON" even when its first value is not an object:
// the syntax is judged first, over the whole line.
func TestTextAfterAValueThatIsNotAnObject(t *testing.T) {
	lines, _ := checkJSON(t, "[] x\n", trace.Options{})
	assert.Equal(t, `{"line":1,"ok":false,"malformed":"not JSON: text after the end of the value at column 4, found 'x'"}`, lines[0])
}

// t may be a fraction of a millisecond: 10000.5 ms after its push, a report is late.
func TestFractionalTime(t *testing.T) {
	lines, _ := checkJSON(t, `{"op":"on","type":"voipCallUiEvent"}
{"op":"push","callId":"c1","t":0}
{"op":"reportIncomingCall","t":10000.5,"voipCallAttribute":{"callId":"c1","voipCallType":0,`+attrTail+`,"voipCallState":1}}
`, trace.Options{AllowOpen: true})
	assert.Equal(t, `{"line":3,"op":"reportIncomingCall","callId":"c1","ok":true,"result":"ERROR_NONE","warnings":[{"cause":"late-report","detail":"reported 10001 ms after its push at line 2; the limit is 10000 ms"}]}`, lines[2])
}

// A fractional t is read to the nanosecond it was written from: 65536.000001 ms is
// 65536000001 ns, not the 65536000000 that multiplying the float out and cutting the
// fraction gave, which turned a report 10 s and 1 ns after its push at 55536 ms, late in
// the run the trace came from, into one on time.
func TestFractionalTimeIsReadToTheNanosecond(t *testing.T) {
	lines, _ := checkJSON(t, `{"op":"on","type":"voipCallUiEvent"}
{"op":"push","callId":"c1","t":55536}
{"op":"reportIncomingCall","t":65536.000001,"voipCallAttribute":{"callId":"c1","voipCallType":0,`+attrTail+`,"voipCallState":1}}
`, trace.Options{AllowOpen: true})
	assert.Equal(t, `{"line":3,"op":"reportIncomingCall","callId":"c1","ok":true,"result":"ERROR_NONE","warnings":[{"cause":"late-report","detail":"reported 10001 ms after its push at line 2; the limit is 10000 ms"}]}`, lines[2])
}

// A t of 13 digits before any decimals is read exactly too: through a float64,
// 1000000009999 ms came out 64 ns late and 5862678924552.000416 ms 1 µs early, and a report
// exactly 10 s after its push was late.
func TestLongTimeIsReadExactly(t *testing.T) {
	for _, tc := range []struct{ push, report string }{
		{"999999999999", "1000000009999"},
		{"5862678924552.000416", "5862678934552.000416"},
	} {
		lines, _ := checkJSON(t, `{"op":"on","type":"voipCallUiEvent"}
{"op":"push","callId":"c1","t":`+tc.push+`}
{"op":"reportIncomingCall","t":`+tc.report+`,"voipCallAttribute":{"callId":"c1","voipCallType":0,`+attrTail+`,"voipCallState":1}}
`, trace.Options{AllowOpen: true})
		assert.Equal(t, `{"line":3,"op":"reportIncomingCall","callId":"c1","ok":true,"result":"ERROR_NONE"}`, lines[2], "t %s", tc.report)
	}
}

// The 1 MiB limit counts the line without its line end, "\r\n" as well as "\n".
func TestLineOfExactly1MiBWithCRLFIsChecked(t *testing.T) {
	fits := `{"op":"push","callId":"` + strings.Repeat("y", trace.MaxLineBytes-len(`{"op":"push","callId":""}`)) + `"}`
	over := `{"op":"push","callId":"` + strings.Repeat("z", trace.MaxLineBytes+1-len(`{"op":"push","callId":""}`)) + `"}`
	lines, sum := checkJSON(t, fits+"\r\n"+over+"\r\n", trace.Options{AllowOpen: true})
	assert.True(t, strings.HasPrefix(lines[0], `{"line":1,"op":"push","callId":"yyy`), "a line of exactly 1 MiB is checked")
	assert.Equal(t, `{"line":2,"ok":false,"malformed":"line is longer than 1 MiB"}`, lines[1])
	assert.Equal(t, 1, sum.Malformed)
}
