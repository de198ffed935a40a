package sim_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
)

func TestParseScenario(t *testing.T) {
	sc, err := sim.ParseScenario(`# a comment
scenario "two calls"
0s push c1 video from=Ann   # trailing comment
1.2s user answer c1 voice
user mute c1
250ms dial c2 voice to="Bob Lee"
.5s peer answer c2
2m peer hangup c1
carrier ring
fault 1007200003
`)
	require.NoError(t, err)
	assert.Equal(t, sim.Scenario{Name: "two calls", Steps: []sim.Step{
		{At: 0, Action: sim.ActPush, CallID: "c1", Type: callstate.CallVideo, Name: "Ann"},
		{At: 1200 * time.Millisecond, Action: sim.ActAnswer, CallID: "c1", Type: callstate.CallVoice},
		{At: 1200 * time.Millisecond, Action: sim.ActMute, CallID: "c1"},
		{At: 250 * time.Millisecond, Action: sim.ActDial, CallID: "c2", Name: "Bob Lee"},
		{At: 500 * time.Millisecond, Action: sim.ActPeerAnswer, CallID: "c2"},
		{At: 2 * time.Minute, Action: sim.ActPeerHangup, CallID: "c1"},
		{At: 2 * time.Minute, Action: sim.ActCarrierRing},
		{At: 2 * time.Minute, Action: sim.ActFault, Code: callstate.CodeSystemInternal},
	}}, sc)
	assert.Equal(t, `scenario "two calls"
0s push c1 video from=Ann
1.2s user answer c1 voice
1.2s user mute c1
0.25s dial c2 voice to="Bob Lee"
0.5s peer answer c2
120s peer hangup c1
120s carrier ring
120s fault 1007200003
`, sc.String())
}

func TestParseScenarioErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"0s push", "line 1: push: expected a callId"},
		{"\n0s push c1", `line 2: push c1: expected voice or video, got the end of the line`},
		{"0s push c1 audio", `line 1: push c1: expected voice or video, got "audio"`},
		{`0s push "c 1" audio`, `line 1: push "c 1": expected voice or video, got "audio"`},
		{"0s push c1 voice to=Bob", `line 1: push: expected from=NAME or the end of the line, got "to=Bob"`},
		{"0s user answer c1", "line 1: user answer c1: expected voice or video, got the end of the line"},
		{"0s user dance c1", `line 1: user: expected answer, reject, hangup, mute, unmute or mute-ringtone, got "dance"`},
		{"carrier", `line 1: carrier: expected ring, answer or end, got the end of the line`},
		{"2s service nap", `line 1: service: expected crash or restart, got "nap"`},
		{"0s dance c1", `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "dance"`},
		// A time is absolute: a sign reads as a time in the wrong form, not as an unknown action.
		{"-1s user reject c1", `line 1: expected a time such as 0s, 1.2s or 250ms, got "-1s": times are absolute, counted from the start of the run, and take no sign`},
		{"+1s push c1 voice", `line 1: expected a time such as 0s, 1.2s or 250ms, got "+1s": times are absolute, counted from the start of the run, and take no sign`},
		{"-0s push c1 voice", `line 1: expected a time such as 0s, 1.2s or 250ms, got "-0s": times are absolute, counted from the start of the run, and take no sign`},
		{"-.5s push c1 voice", `line 1: expected a time such as 0s, 1.2s or 250ms, got "-.5s": times are absolute, counted from the start of the run, and take no sign`},
		{"+1x push c1 voice", `line 1: expected a time such as 0s, 1.2s or 250ms, got "+1x": times are absolute, counted from the start of the run, and take no sign`},
		{"+ push c1 voice", `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "+"`},
		// An option where the callId belongs is a forgotten callId, not a callId "from=Ann".
		{"0s push from=Ann voice", `line 1: push: expected a callId, got the option "from=Ann" (quote a callId that holds =)`},
		{`0s dial to="Bob Lee" voice`, `line 1: dial: expected a callId, got the option "to=Bob Lee" (quote a callId that holds =)`},
		{"0s user answer from=Ann voice", `line 1: user answer: expected a callId, got the option "from=Ann" (quote a callId that holds =)`},
		{"0s user reject a=b", `line 1: user reject: expected a callId, got the option "a=b" (quote a callId that holds =)`},
		{"0s user hangup x=", `line 1: user hangup: expected a callId, got the option "x=" (quote a callId that holds =)`},
		{"0s user mute x=1", `line 1: user mute: expected a callId, got the option "x=1" (quote a callId that holds =)`},
		{"0s user unmute x=1", `line 1: user unmute: expected a callId, got the option "x=1" (quote a callId that holds =)`},
		{"0s user mute-ringtone x=1", `line 1: user mute-ringtone: expected a callId, got the option "x=1" (quote a callId that holds =)`},
		{"0s peer answer to=Bob", `line 1: peer answer: expected a callId, got the option "to=Bob" (quote a callId that holds =)`},
		{"0s peer hangup to=Bob", `line 1: peer hangup: expected a callId, got the option "to=Bob" (quote a callId that holds =)`},
		{"0s peer fail to=Bob", `line 1: peer fail: expected a callId, got the option "to=Bob" (quote a callId that holds =)`},
		// A point or a letter before a digit does not make a time.
		{". push c1 voice", `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "."`},
		{"a5 push c1 voice", `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "a5"`},
		{"1000h0m0.001s push c1 voice", "line 1: time 1000h0m0.001s is beyond the limit of 1000h0m0s"},
		// A quoted word is never a keyword nor a time.
		{`0s push c1 "voice"`, `line 1: push c1: expected voice or video, got "voice"`},
		{`"1s" push c1 voice`, `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "1s"`},
		{`"scenario" x`, `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "scenario"`},
		{`0s "push" c1 voice`, `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "push"`},
		{`0s user "answer" c1 voice`, `line 1: user: expected answer, reject, hangup, mute, unmute or mute-ringtone, got "answer"`},
		{"2s", "line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got the end of the line"},
		{"1x push c1 voice", `line 1: expected a time such as 0s, 1.2s or 250ms, got "1x"`},
		{"1.0001s service crash", "line 1: time 1.0001s is finer than a millisecond"},
		{"fault 401", `line 1: fault: expected a code (1007200002, 1007200003 or 1007200999), got "401"`},
		{"fault", "line 1: fault: expected a code (1007200002, 1007200003 or 1007200999)"},
		{"service crash now", `line 1: service crash: unexpected "now" at the end of the line`},
		{`push "c1 voice`, `line 1: unterminated or malformed quoted string "c1 voice`},
		// A quoted string in a message is quoted again when it holds what a terminal would act on.
		{"0s push \"a\x1b", `line 1: unterminated or malformed quoted string "\"a\x1b"`},
		{"0s push \"a\x1b\"x voice", `line 1: expected a space after the quoted string "\"a\x1b\""`},
		{`push a"b" voice`, `line 1: a quote may only open a word or follow ` + "`=`" + `, at "a\"b\" voice"`},
		{"scenario", "line 1: expected `scenario NAME` (quote a name with spaces)"},
		{"scenario one\n0s push c1 voice\nscenario two", `line 3: a second scenario name: line 1 named it "one"`},
		// A `#` inside a word is part of it, so the comment does not start there.
		{"0s push c1 voice# call one", `line 1: push c1: expected voice or video, got "voice#"`},
		// A trace of the run is JSON: it could not carry these callIds, nor tell them apart.
		{`0s push "a\xff" voice`, `line 1: "a\xff" is not valid UTF-8 (a trace of the run could not carry it)`},
		{"0s push c1 video from=\xfe", `line 1: "from=\xfe" is not valid UTF-8 (a trace of the run could not carry it)`},
		// A long word is cut in the message.
		{"0s push c1 " + strings.Repeat("é", 30), `line 1: push c1: expected voice or video, got "` + strings.Repeat("é", 20) + `"…`},
		{`0s push "` + strings.Repeat("x", 50), `line 1: unterminated or malformed quoted string "` + strings.Repeat("x", 39) + `…`},
	} {
		_, err := sim.ParseScenario(tc.text)
		if assert.Error(t, err, tc.text) {
			assert.Equal(t, tc.want, err.Error(), tc.text)
		}
	}
}

func TestParseScenarioWords(t *testing.T) {
	sc, err := sim.ParseScenario("\ufeff0s push c#1 voice from=Ann#2 # a comment\n1s user reject c#1")
	require.NoError(t, err, "a byte-order mark may open the script")
	assert.Equal(t, []sim.Step{
		{At: 0, Action: sim.ActPush, CallID: "c#1", Name: "Ann#2"},
		{At: time.Second, Action: sim.ActReject, CallID: "c#1"},
	}, sc.Steps)
	assert.Equal(t, "0s push c#1 voice from=Ann#2\n1s user reject c#1\n", sc.String())

	// A callId may hold = when quoted, as Scenario.String writes it; a bare word is an
	// option only with a key before its =.
	sc, err = sim.ParseScenario(`0s push "from=Ann" voice` + "\n" + `user reject =x`)
	require.NoError(t, err)
	assert.Equal(t, []sim.Step{
		{At: 0, Action: sim.ActPush, CallID: "from=Ann"},
		{At: 0, Action: sim.ActReject, CallID: "=x"},
	}, sc.Steps)
	assert.Equal(t, "0s push \"from=Ann\" voice\n0s user reject \"=x\"\n", sc.String())

	_, err = sim.ParseScenario("0s push c1 voice\n\ufeff1s user reject c1")
	assert.EqualError(t, err, `line 2: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "\ufeff1s"`,
		"only the first line may start with a byte-order mark")
}

// genStep draws any step that scripts can express.
func genStep(t *rapid.T) sim.Step {
	act := rapid.SampledFrom(sim.Actions()).Draw(t, "action")
	st := sim.Step{At: time.Duration(rapid.Int64Range(0, 1e7).Draw(t, "ms")) * time.Millisecond, Action: act}
	text := rapid.OneOf(rapid.StringMatching(`[a-z][a-z0-9-]{0,6}`), rapid.String())
	if act.HasCallID() {
		st.CallID = rapid.StringMatching(`.+`).Filter(func(s string) bool { return s != "" }).Draw(t, "id")
	}
	if act.HasType() {
		st.Type = rapid.SampledFrom(callstate.CallTypes()).Draw(t, "type")
	}
	if act.HasName() {
		st.Name = text.Draw(t, "name")
	}
	if act == sim.ActFault {
		st.Code = rapid.SampledFrom([]callstate.Code{callstate.CodeServiceUnavailable, callstate.CodeSystemInternal, callstate.CodeUnknown}).Draw(t, "code")
	}
	return st
}

// TestScriptRoundTrip: every scenario prints as a script that parses back to it.
func TestScriptRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := sim.Scenario{
			Name:  rapid.OneOf(rapid.Just(""), rapid.StringMatching(`.+`)).Draw(t, "name"),
			Steps: rapid.SliceOf(rapid.Custom(genStep)).Draw(t, "steps"),
		}
		if len(sc.Steps) == 0 {
			sc.Steps = nil
		}
		back, err := sim.ParseScenario(sc.String())
		require.NoError(t, err, sc.String())
		require.Equal(t, sc, back, sc.String())
	})
}

// FuzzParseScenario: the parser never panics, and what it accepts round-trips.
func FuzzParseScenario(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		sc, err := sim.ParseScenario(text)
		if err != nil {
			require.True(t, strings.HasPrefix(err.Error(), "line "), err.Error())
			return
		}
		back, err := sim.ParseScenario(sc.String())
		require.NoError(t, err, sc.String())
		require.Equal(t, sc, back)
	})
}

// TestParseScenarioMaxTime: the limit itself is a time a step may have.
func TestParseScenarioMaxTime(t *testing.T) {
	sc, err := sim.ParseScenario("1000h service crash")
	require.NoError(t, err)
	assert.Equal(t, []sim.Step{{At: sim.MaxTime, Action: sim.ActServiceCrash}}, sc.Steps)
}
