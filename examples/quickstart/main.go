// Command quickstart drives the validator through one incoming video call, the way an app
// would report it, then makes three classic mistakes, and prints the service's verdict for
// each report: the code and message the phone would give, and the rule behind it.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

func main() {
	v := validator.New()
	step := func(what string, err error) {
		var e *callstate.Error
		switch {
		case err == nil:
			fmt.Printf("%-52s ok\n", what)
		case errors.As(err, &e):
			fmt.Printf("%-52s %d %s [%s]\n%52s   %s\n", what, e.Code, e.Message(), e.Cause, "", e.Detail)
		default:
			fmt.Printf("%-52s %v\n", what, err)
		}
	}

	step("on('voipCallUiEvent')", v.On(callstate.UIEventType, func(ev callstate.UIEventInfo) {
		fmt.Printf("%-52s (the app's callback got %s)\n", "", ev.Event)
	}))
	v.Push("c1")
	ann := callstate.Attribute{CallID: "c1", CallType: callstate.CallVideo, UserName: "Ann",
		UserProfile: callstate.Avatar{Width: 112, Height: 112, ByteCount: 50176},
		AbilityName: "VoipAbility", State: callstate.StateRinging}
	reason, err := v.ReportIncomingCall(ann)
	step("reportIncomingCall(c1, video) → "+reason.String(), err)
	v.UIEvent("c1", callstate.EventVoiceAnswer, callstate.ReasonNone)
	step("reportCallStateChange(c1, ANSWERED, voice)", v.ReportCallStateChangeWithType("c1", callstate.StateAnswered, callstate.CallVoice))
	step("reportCallStateChange(c1, ACTIVE)", v.ReportCallStateChange("c1", callstate.StateActive))
	step("reportCallAudioEventChange(c1, MUTED)", v.ReportCallAudioEventChange("c1", callstate.AudioMuted))
	step("reportCallStateChange(c1, ACTIVE) again", v.ReportCallStateChange("c1", callstate.StateActive))
	step("reportCallStateChange(c1, DISCONNECTED)", v.ReportCallStateChange("c1", callstate.StateDisconnected))
	step("reportCallStateChange(c1, HOLDING) after the end", v.ReportCallStateChange("c1", callstate.StateHolding))

	v.CarrierCallStart()
	bob := callstate.Attribute{CallID: "c2", UserName: "Bob", AbilityName: "VoipAbility", State: callstate.StateDialing}
	_, err = v.ReportOutgoingCall(bob)
	step("reportOutgoingCall(c2) during a carrier call", err)
	bob.IsDialingAllowedDuringCarrierCall = callstate.True
	_, err = v.ReportOutgoingCall(bob)
	step("... with isDialingAllowedDuringCarrierCall", err)
	step("reportCallStateChange(c2, DISCONNECTED)", v.ReportCallStateChange("c2", callstate.StateDisconnected))

	fmt.Println()
	unmet := v.Finish()
	for _, o := range unmet {
		fmt.Printf("violation %s: %s\n", o.Cause, o.Detail)
	}
	if len(unmet) > 0 {
		os.Exit(1)
	}
}
