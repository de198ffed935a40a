package trace_test

// The names of SPEC.md section 8: every op, and the identifiers of every enum.

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/trace"
)

// liveRinging leaves a live incoming call c1 in RINGING after line 2.
const liveRinging = `{"op":"on","type":"voipCallUiEvent"}
{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c1","voipCallType":0,` + attrTail + `,"voipCallState":1}}
`

// thirdLine checks one line after liveRinging and returns its record (line 3).
func thirdLine(t *testing.T, line string) string {
	t.Helper()
	lines, _ := checkJSON(t, liveRinging+line+"\n", trace.Options{AllowOpen: true})
	return lines[2]
}

// SPEC.md section 8: every op the format names is an op, spelled as there.
func TestEveryOpNameOfTheSpec(t *testing.T) {
	for _, line := range []string{
		`{"op":"on","type":"voipCallUiEvent"}`,
		`{"op":"off","type":"voipCallUiEvent"}`,
		`{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,` + attrTail + `,"voipCallState":1}}`,
		`{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,` + attrTail + `,"voipCallState":5}}`,
		`{"op":"reportCallStateChange","callId":"c1","callState":6}`,
		`{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":0}`,
		`{"op":"reportIncomingCallError","callId":"c9","voipCallFailureCause":1}`,
		`{"op":"push","callId":"c2"}`,
		`{"op":"uiEvent","callId":"c1","voipCallUiEvent":3,"errorReason":0}`,
		`{"op":"carrierCallStart"}`, `{"op":"carrierCallEnd"}`,
		`{"op":"serviceStop"}`, `{"op":"serviceStart"}`,
		`{"op":"injectFault","code":1007200999}`,
	} {
		rec := thirdLine(t, line)
		assert.Contains(t, rec, `"ok":true`, line)
		assert.NotContains(t, rec, "malformed", line)
	}
}

// SPEC.md section 8: identifiers of every enum are read; an unknown one is an invalid
// value of that enum; a boolean or object is parameter-type.
func TestEnumIdentifiersOfEveryEnum(t *testing.T) {
	ok := map[string]string{
		"callType identifier": `{"op":"reportCallStateChange","callId":"c1","callState":"VOIP_CALL_STATE_ANSWERED","callType":"VOIP_CALL_VIDEO"}`,
		"audio identifier":    `{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":"AUDIO_EVENT_MIC_DISABLE"}`,
		"failure identifier":  `{"op":"reportIncomingCallError","callId":"c1","voipCallFailureCause":"ROUTE_BUSY"}`,
		"attribute type":      `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":"VOIP_CALL_VIDEO",` + attrTail + `,"voipCallState":"VOIP_CALL_STATE_RINGING"}}`,
		"ui event and reason": `{"op":"uiEvent","callId":"c1","voipCallUiEvent":"VOIP_CALL_EVENT_REJECT","errorReason":"CELLULAR_CALL_EXISTS"}`,
		"null callType":       `{"op":"reportCallStateChange","callId":"c1","callState":6,"callType":null}`,
		"null option":         `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,` + attrTail + `,"voipCallState":1,"isVoiceAnswerSupported":null}}`,
	}
	for name, line := range ok {
		assert.Contains(t, thirdLine(t, line), `"ok":true`, name)
	}
	causes := map[string]string{
		`{"op":"reportCallStateChange","callId":"c1","callState":6,"callType":"VIDEO"}`:                                                                                   `"cause":"invalid-call-type"`,
		`{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":"MUTED"}`:                                                                                      `"cause":"invalid-audio-event"`,
		`{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":4}`:                                                                                            `"cause":"invalid-audio-event"`,
		`{"op":"reportIncomingCallError","callId":"c1","voipCallFailureCause":"BUSY"}`:                                                                                    `"cause":"invalid-failure-cause"`,
		`{"op":"reportCallStateChange","callId":"c1","callState":6,"callType":{}}`:                                                                                        `"cause":"parameter-type"`,
		`{"op":"reportIncomingCallError","callId":"c1","voipCallFailureCause":false}`:                                                                                     `"cause":"parameter-type"`,
		`{"op":"reportIncomingCall","voipCallAttribute":null}`:                                                                                                            `"cause":"missing-parameter"`,
		`{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"A","abilityName":"X","voipCallState":1}}`:                             `"cause":"missing-parameter"`,
		`{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"A","userProfile":{"width":"1"},"abilityName":"X","voipCallState":1}}`: `"cause":"parameter-type"`,
	}
	for line, want := range causes {
		assert.Contains(t, thirdLine(t, line), want, line)
	}
	for _, name := range []string{"showBannerForIncomingCall", "isConferenceCall", "isVoiceAnswerSupported", "isUserMuteRingToneAllowed", "isDialingAllowedDuringCarrierCall"} {
		line := `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,` + attrTail + `,"voipCallState":1,"` + name + `":1}}`
		assert.Contains(t, thirdLine(t, line), `"detail":"voipCallAttribute.`+name+` has the wrong type: want a boolean"`, name)
	}
}
