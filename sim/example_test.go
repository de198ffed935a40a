package sim_test

import (
	"fmt"
	"os"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
)

// The ten-line test: a script, the app, the failures. In a `go test`, simtest.Run does the
// same and fails the test with the printed run.
func Example() {
	sc, err := sim.ParseScenario(`
0s  push c1 voice from=Ann
2s  user reject c1
`)
	if err != nil {
		panic(err)
	}
	res := sim.Run(buggy.New(buggy.ForgetsDisconnectAfterReject), sc, sim.Config{})
	for _, f := range res.Failures {
		fmt.Println(f.Key(), f.CallID, "at", sim.FormatTime(f.At))
	}
	// Output:
	// violation unanswered-ui-event VOIP_CALL_EVENT_REJECT c1 at 7s
	// violation leaked-call c1 at 7s
}

// The printed run: script steps (>), the phone's steps and the app's reports with their
// verdicts, numbered as the lines of the run's trace.
func ExampleResult_WriteLog() {
	sc, _ := sim.ParseScenario(`
0s    push c1 video from=Ann
1.2s  user answer c1 voice
30s   peer hangup c1
`)
	_ = sim.Run(reference.New(), sc, sim.Config{}).WriteLog(os.Stdout)
	// Output:
	//       0s    app   #1 on voipCallUiEvent -> ok
	//       0s  > push c1 video from=Ann
	//       0s    phone #2 push c1
	//       0s    app   #3 reportIncomingCall c1 video RINGING user=Ann muteRingtone=true -> ok ERROR_NONE
	//     1.2s  > user answer c1 voice
	//     1.2s    phone #4 uiEvent c1 VOICE_ANSWER
	//     1.2s    app   #5 reportCallStateChange c1 ANSWERED voice -> ok
	//     1.5s    app   #6 reportCallStateChange c1 ACTIVE voice -> ok
	//      30s  > peer hangup c1
	//      30s    app   #7 reportCallStateChange c1 DISCONNECTED voice -> ok
	// -- end at 30s: 4 reports, 1 call, 0 refused, 0 refused by the phone, 0 violations, 0 panics, 0 skipped
	// PASS
}

// A run's trace, for `voipsim check`: each line expects the verdict it got, but for the
// app's own refusal, which check then fails on, as the run did.
func ExampleResult_WriteTrace() {
	sc, _ := sim.ParseScenario("0s carrier ring\n1s dial c1 voice to=Bob")
	_ = sim.Run(buggy.New(buggy.DialsDuringCarrierCall), sc, sim.Config{}).WriteTrace(os.Stdout)
	// Output:
	// {"op":"on","t":0,"type":"voipCallUiEvent","expect":"ok"}
	// {"op":"carrierCallStart","t":0,"expect":"ok"}
	// {"op":"reportOutgoingCall","t":1000,"voipCallAttribute":{"callId":"c1","voipCallType":"VOIP_CALL_VOICE","userName":"Bob","userProfile":{"width":112,"height":112,"byteCount":50176},"abilityName":"VoipAbility","voipCallState":"VOIP_CALL_STATE_DIALING","isUserMuteRingToneAllowed":true}}
}
