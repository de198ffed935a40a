package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A trace is untrusted input: text output must not hand its control characters to the
// terminal. Strings that hold one are printed quoted, as Go's %q does; JSON escapes them
// anyway.
func TestCheckTextQuotesControlCharacters(t *testing.T) {
	input := `{"op":"on","type":"voipCallUiEvent"}
{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"c\u001b[2J","voipCallType":0,"userName":"A","userProfile":{},"abilityName":"X","voipCallState":5}}
{"op":"reportCallStateChange","callId":"x\u009b31m","callState":2}
{"op":"uiEvent","callId":"\u202eevil","voipCallUiEvent":"VOIP_CALL_EVENT_HANGUP"}
{"op":"reportCallStateChange","callId":"Ann \u00e9t\u00e9","callState":2}
`
	out, _, status := runCmd(t, input, "check", "-")
	assert.Equal(t, 1, status)
	assert.Equal(t, `  LINE  OP                          CALLID     VERDICT                      CAUSE
     1  on                                     ok
     2  reportOutgoingCall          "c\x1b[2J" ok ERROR_NONE
     3  reportCallStateChange       "x\u009b31m" FAIL 1007200001              unknown-call-id  UNEXPECTED: expected ok
        Invalid parameter value. — call "x\u009b31m" was never reported
     4  uiEvent                     "\u202eevil" env
        ! warning event-for-unknown-call: call "\u202eevil" is not live; the event creates no obligation
     5  reportCallStateChange       "Ann été"  FAIL 1007200001              unknown-call-id  UNEXPECTED: expected ok
        Invalid parameter value. — call "Ann été" was never reported

summary: lines=5 apiCalls=4 failed=2 unexpected=2 malformed=0 violations=1
failed by code:
  1007200001 Invalid parameter value.                      2
failed by cause:
  unknown-call-id                                          2
warnings by cause:
  event-for-unknown-call                                   1
violations:
  leaked-call          "c\x1b[2J" line 2     call "c\x1b[2J" (outgoing, reported at line 2) is still DIALING: the app never reported DISCONNECTED
result: FAIL, 2 unexpected verdicts and 1 violation (exit 1)
`, out)
	js, _, _ := runCmd(t, input, "check", "--format", "json", "-")
	assert.Contains(t, js, `"callId":"c\u001b[2J"`, "JSON escapes them itself")
}

func TestCheckTextQuotesAFileName(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a\x1b]0;title\x07.jsonl")
	require.NoError(t, os.WriteFile(name, []byte(`{"op":"carrierCallStart"}`+"\n"), 0o600))
	out, _, status := runCmd(t, "", "check", name, name)
	assert.Equal(t, 0, status)
	assert.True(t, strings.HasPrefix(out, `== "`+dir+`/a\x1b]0;title\a.jsonl" ==`+"\n"), out)
}

// A callId in Chinese takes two terminal columns a character: the VERDICT column must
// still start where the header's does, and the violations list pads it the same way.
func TestCheckTextAlignsWideCallIDs(t *testing.T) {
	input := `{"op":"on","type":"voipCallUiEvent"}
{"op":"reportIncomingCall","voipCallAttribute":{"callId":"通话一","voipCallType":0,"userName":"A","userProfile":{},"abilityName":"X","voipCallState":"VOIP_CALL_STATE_RINGING"}}
{"op":"reportCallStateChange","callId":"c1","callState":2}
`
	out, _, status := runCmd(t, input, "check", "-")
	assert.Equal(t, 1, status)
	lines := strings.Split(out, "\n")
	at := strings.Index(lines[0], "VERDICT")
	for row, verdict := range map[int]string{2: " ok ", 3: " FAIL "} {
		before, _, ok := strings.Cut(lines[row], verdict)
		require.True(t, ok, lines[row])
		assert.Equal(t, at, uniseg.StringWidth(before)+1, "the verdict should start at column %d in:\n%s", at, out)
	}
	assert.Contains(t, out, "\n  leaked-call          通话一     line 2 ", "the violations list pads by width too")
}
