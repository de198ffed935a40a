package main

// Example_main holds the quickstart to what it prints: the README sends newcomers to it
// first, and without a test a change to the validator could break it unseen.
func Example_main() {
	main()
	// Output:
	// on('voipCallUiEvent')                                ok
	// reportIncomingCall(c1, video) → ERROR_NONE           ok
	//                                                      (the app's callback got VOIP_CALL_EVENT_VOICE_ANSWER)
	// reportCallStateChange(c1, ANSWERED, voice)           ok
	// reportCallStateChange(c1, ACTIVE)                    ok
	// reportCallAudioEventChange(c1, MUTED)                ok
	// reportCallStateChange(c1, ACTIVE) again              1007200001 Invalid parameter value. [duplicate-report]
	//                                                        call c1 is already ACTIVE as a voice call (since step 6)
	// reportCallStateChange(c1, DISCONNECTED)              ok
	// reportCallStateChange(c1, HOLDING) after the end     1007200001 Invalid parameter value. [unknown-call-id]
	//                                                        call c1 ended with DISCONNECTED at step 9 and is no longer live
	// reportOutgoingCall(c2) during a carrier call         1007200003 System internal error. [carrier-conflict]
	//                                                        a carrier call is active since step 11 and isDialingAllowedDuringCarrierCall is not true
	// ... with isDialingAllowedDuringCarrierCall           ok
	// reportCallStateChange(c2, DISCONNECTED)              ok
}
