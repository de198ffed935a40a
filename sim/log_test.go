package sim_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/validator"
)

// TestLogQuotesOddIDs: a callId or name that is not one plain printable word is printed
// quoted, as a script writes it, and so is such a callId in a detail: no text of the log
// sends a terminal a control character.
func TestLogQuotesOddIDs(t *testing.T) {
	res := sim.Run(reference.New(), mustParse(t, `scenario "odd\x1b[2J ids"
0s push "c\x1b[31m1" voice from="A\nB"
0s push "c 1" voice
1s user hangup "c 1"
`), sim.Config{})
	assert.Equal(t, `scenario "odd\x1b[2J ids"
      0s    app   #1 on voipCallUiEvent -> ok
      0s  > push "c\x1b[31m1" voice from="A\nB"
      0s    phone #2 push "c\x1b[31m1"
      0s    app   #3 reportIncomingCall "c\x1b[31m1" voice RINGING user="A\nB" muteRingtone=true -> ok ERROR_NONE
      0s  > push "c 1" voice
      0s    phone #4 push "c 1"
      0s    app   #5 reportIncomingCall "c 1" voice RINGING user="" muteRingtone=true -> ok ERROR_NONE
                 warning empty-user-name: userName is empty: the banner shows no caller
      1s  > user hangup "c 1"
      1s    phone #6 uiEvent "c 1" HANGUP
      1s    app   #7 reportCallStateChange "c 1" DISCONNECTED voice -> ok
      1s    FAIL violation leaked-call: call "c\x1b[31m1" (incoming, reported at step 3) is still RINGING: the app never reported DISCONNECTED
-- end at 1s: 3 reports, 2 calls, 0 refused, 0 refused by the phone, 1 violation, 0 panics, 0 skipped
FAIL 1 failure:
  violation leaked-call (call "c\x1b[31m1") at 1s: call "c\x1b[31m1" (incoming, reported at step 3) is still RINGING: the app never reported DISCONNECTED
`, res.String())
}

// TestLogEscapesWhatTheAppSays: the app's own strings — a callId it reports, a detail that
// names it — reach the log quoted, invalid UTF-8 included.
func TestLogEscapesWhatTheAppSays(t *testing.T) {
	res := sim.Run(&testApp{push: func(a *testApp, p sim.Push) {
		_ = a.env.Kit().ReportCallStateChange("x\xff\u202e", callstate.StateActive)
		reportPush(a, p)
	}}, mustParse(t, "0s push c1 voice"), sim.Config{AllowOpen: true})
	out := res.String()
	assert.Contains(t, out, "      0s    app   #3 reportCallStateChange \"x\\xff\\u202e\" ACTIVE -> 1007200001 Invalid parameter value. [unknown-call-id] call \"x\\xff\\u202e\" was never reported\n")
	assert.Contains(t, out, "\n  verdict reportCallStateChange 1007200001/unknown-call-id (call \"x\\xff\\u202e\") at 0s: call \"x\\xff\\u202e\" was never reported\n")
	assert.True(t, isPlainText(out), "the log holds a control or invalid byte:\n%q", out)
}

func isPlainText(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' || r == '\x1b' || r == '\u202e' || (r < ' ' && r != '\n') {
			return false
		}
	}
	return true
}

// TestDescribeStepQuotesOnlyOddWords: an ordinary callId prints as it did, bare; an odd one
// prints quoted.
func TestDescribeStepQuotesOnlyOddWords(t *testing.T) {
	for _, tc := range []struct {
		step validator.Step
		want string
	}{
		{validator.Step{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateActive}, "reportCallStateChange c1 ACTIVE"},
		{validator.Step{Op: validator.OpUIEvent, CallID: "out-1", UIEvent: callstate.EventReject, ErrorReason: callstate.ReasonCellularCallExists},
			"uiEvent out-1 REJECT CELLULAR_CALL_EXISTS"},
		{validator.Step{Op: validator.OpPush, CallID: "c#1"}, "push c#1"},
		{validator.Step{Op: validator.OpPush, CallID: ""}, `push ""`},
		{validator.Step{Op: validator.OpPush, CallID: "#1"}, `push "#1"`},
		{validator.Step{Op: validator.OpPush, CallID: "a=b"}, `push "a=b"`},
		{validator.Step{Op: validator.OpReportCallAudioEventChange, CallID: "c\t1", AudioEvent: callstate.AudioMuted}, `reportCallAudioEventChange "c\t1" MUTED`},
		{validator.Step{Op: validator.OpReportIncomingCallError, CallID: `say "hi"`, FailureCause: callstate.FailureRouteBusy}, `reportIncomingCallError "say \"hi\"" ROUTE_BUSY`},
		{validator.Step{Op: validator.OpReportOutgoingCall, Attr: callstate.Attribute{CallID: "d 1", UserName: "Bob", State: callstate.StateDialing}},
			`reportOutgoingCall "d 1" voice DIALING user=Bob`},
		{validator.Step{Op: validator.OpReportIncomingCall, Attr: callstate.Attribute{CallID: "c1", UserName: "Ann", CallType: 7, State: callstate.StateRinging}},
			"reportIncomingCall c1 VoipCallType(7) RINGING user=Ann"}, // as the app reported it, not as voice
		{validator.Step{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateActive, HasCallType: true, CallType: callstate.CallVideo},
			"reportCallStateChange c1 ACTIVE video"},
		{validator.Step{Op: validator.OpReportCallStateChange, CallID: "c1", State: callstate.StateActive, HasCallType: true, CallType: -1},
			"reportCallStateChange c1 ACTIVE VoipCallType(-1)"},
		{validator.Step{Op: validator.OpOn, EventType: "voipCallUiEvent"}, "on voipCallUiEvent"},
		{validator.Step{Op: validator.OpOff, EventType: "ui\x1b"}, `off "ui\x1b"`},
	} {
		assert.Equal(t, tc.want, sim.DescribeStep(&tc.step))
	}
}

// TestDescribedIDReadsBack: the callId DescribeStep prints is a script word that
// ParseScenario reads back to the same callId.
func TestDescribedIDReadsBack(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		id := rapid.StringMatching(`.+`).Draw(t, "id")
		word := strings.TrimPrefix(sim.DescribeStep(&validator.Step{Op: validator.OpPush, CallID: id}), "push ")
		sc, err := sim.ParseScenario("0s push " + word + " voice")
		require.NoError(t, err, word)
		require.Equal(t, id, sc.Steps[0].CallID, word)
	})
}

// TestLogPrintsPlainErrors: an environment step the model refused, and an API call whose
// error is not a *callstate.Error, print their error after the arrow, quoted when odd.
func TestLogPrintsPlainErrors(t *testing.T) {
	r := &sim.Result{
		Log: []sim.Entry{{Kind: sim.EntryStep, Index: 0}, {Kind: sim.EntryStep, Index: 1}},
		Steps: []validator.Step{
			{Op: validator.OpPush, CallID: "c1"},
			{Op: validator.OpReportCallStateChange, CallID: "c1"},
		},
		Outcomes: []validator.Outcome{
			{Seq: 1, Err: errors.New("no\x1bpe")},
			{Seq: 2, Err: errors.New("bad\tstep")},
		},
	}
	assert.Equal(t, `      0s    phone #1 push c1 -> "no\x1bpe"
      0s    app   #2 reportCallStateChange c1 IDLE -> "bad\tstep"
-- end at 0s: 0 reports, 0 calls, 0 refused, 0 refused by the phone, 0 violations, 0 panics, 0 skipped
PASS
`, r.String())
}

// TestLogQuotesOddNotesAndWarnings: a skipped step's note, the phone's note and a
// warning's detail are quoted when a terminal would act on them.
func TestLogQuotesOddNotesAndWarnings(t *testing.T) {
	r := &sim.Result{
		Scenario: sim.Scenario{Steps: []sim.Step{{Action: sim.ActServiceCrash}}},
		Log: []sim.Entry{
			{Kind: sim.EntrySkip, Index: 0, Note: "no\x1bpe"},
			{Kind: sim.EntryNote, Note: "n\x1bte"},
			{Kind: sim.EntryStep, Index: 0},
		},
		Steps: []validator.Step{{Op: validator.OpPush, CallID: "c1"}},
		Outcomes: []validator.Outcome{{Seq: 1,
			Warnings: []validator.Warning{{Cause: callstate.CauseLateReport, Detail: "w\x1b"}}}},
	}
	assert.Equal(t, `      0s  > service crash
            skip: "no\x1bpe"
      0s    note: "n\x1bte"
      0s    phone #1 push c1
                 warning late-report: "w\x1b"
-- end at 0s: 0 reports, 0 calls, 0 refused, 0 refused by the phone, 0 violations, 0 panics, 0 skipped
PASS
`, r.String())
}

// TestRunNotesQuoteOddCallIDs: the run's own notes and failure details name a callId the
// way the printed run does, quoted when it is not one plain word.
func TestRunNotesQuoteOddCallIDs(t *testing.T) {
	res := sim.Run(&testApp{}, mustParse(t, "0s push \"c 1\" voice\n1s service crash"), sim.Config{Horizon: 5 * time.Second})
	assert.Contains(t, res.String(), "note: push for call \"c 1\" still unreported, but the service did not run 10s since: excused\n")

	panicky := &testApp{push: func(*testApp, sim.Push) { panic("boom") }}
	res = sim.Run(panicky, mustParse(t, `0s push "c 1" voice`), sim.Config{AllowOpen: true})
	require.NotEmpty(t, res.Failures, "%s", res)
	assert.True(t, strings.HasPrefix(res.Failures[0].Detail, `the app panicked in OnPush (call "c 1"): boom, at `), res.Failures[0].Detail)
}
