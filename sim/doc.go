// Package sim is the phone around an app's call reporting: it plays VoIP pushes, the user
// on the system's call banner, carrier calls that barge in, a call service that crashes
// and restarts, injected faults and the far end of each call, on a virtual clock, and
// checks every report the app makes against the modeled call service (package validator),
// with the deadlines of the obligations.
//
// The app under test implements App around its own reporting code. Run plays a Scenario
// around it, deterministically — one goroutine, no sleeping, the same inputs give the same
// run byte for byte — and returns a Result: the printed run, every validator step with its
// time (a trace of the run, which `voipsim check` reads), counts, and the Failures:
// refused reports the app could have avoided, obligations not met in time, leaked calls,
// panics.
//
// # Scenario scripts
//
// One step per line; blank lines and comments are ignored (a comment runs from a `#` that
// starts a word to the end of the line):
//
//	scenario NAME                   optional, once: names the scenario
//	[TIME] push ID voice|video [from=NAME]   a VoIP push reaches the app (it has 10 s to report or decline)
//	[TIME] dial ID voice|video [to=NAME]     the user dials out from the app's own UI
//	[TIME] user answer ID voice|video        the user answers on the banner (VOICE_ANSWER / VIDEO_ANSWER)
//	[TIME] user reject ID                    REJECT
//	[TIME] user hangup ID                    HANGUP
//	[TIME] user mute ID                      MUTED
//	[TIME] user unmute ID                    UNMUTED
//	[TIME] user mute-ringtone ID             MUTE_RINGTONE
//	[TIME] peer answer ID                    the callee answers an outgoing call
//	[TIME] peer hangup ID                    the far end hangs up
//	[TIME] peer fail ID                      the call fails to connect
//	[TIME] carrier ring                      a carrier call rings (carrierCallStart)
//	[TIME] carrier answer                    the user answers it: VoIP calls are taken over
//	[TIME] carrier end                       it ends (carrierCallEnd)
//	[TIME] service crash                     the call service dies (serviceStop): every call cleared, no event to the app
//	[TIME] service restart                   it comes back (serviceStart)
//	[TIME] fault CODE                        the next report fails with CODE (1007200002, 1007200003, 1007200999)
//
// TIME is absolute, since the start of the run, in Go duration syntax with at most
// millisecond precision: 0s, 1.2s, 250ms, 1m30s; it takes no sign (+1s and -0s are bad
// times). A line without a time happens at the time of the line before (0s for the
// first). Steps run in time order, and in script order among equal times; script steps
// run before app timers and deadlines of the same time, and app timers before deadlines,
// so a report made exactly at its deadline is in time. ID and NAME are single words, or Go
// quoted strings ("Ann Lee"); every word must be valid UTF-8, as a trace of the run is
// JSON. A bare key=value word where an ID belongs is refused as an option (push from=Ann
// voice has lost its ID): an ID that holds = is quoted ("a=b"). Scenario.String prints a
// script with every time written, which ParseScenario reads back to the same Scenario.
//
// # What the phone plays
//
// The user presses only what the banner offers at that moment [doc]: answer or reject a
// ringing incoming call — VIDEO_ANSWER only for a video call, VOICE_ANSWER for a video call
// only when isVoiceAnswerSupported —; hang up, mute, unmute any live call, a ringing one
// included (a call is live from its successful report until it ends); MUTE_RINGTONE only
// while ringing and only when isUserMuteRingToneAllowed. SPEAKER_ON/OFF are never sent. A
// user step the banner does not offer is skipped and logged, not an error, so that random
// scenarios need not know the app's state. Likewise a push for a call that is still live,
// a peer step for a call never pushed or dialed (peer answer: never dialed), carrier and
// service steps that do not fit the current state are skipped. So is a step built in Go
// that no script could hold (no callId, a type that is neither voice nor video, a fault
// code that cannot be injected): played, it would fail the app for the script's mistake.
//
// After each UI event the app owes its report within Config.UIDeadline (5 s) [policy]; after
// each push, its report or decline within Config.PushDeadline (10 s) [doc]. A deadline is
// scheduled only if the app still owes the report when its code returns to the phone: one
// it paid at once (from OnPush, or from the UI-event callback) could find nothing, so it is
// not an event of the run. When the user
// answers a carrier call, each ringing incoming VoIP call gets REJECT with
// CELLULAR_CALL_EXISTS, active calls are kept and every other live call gets HANGUP with
// USER_ANSWER_CELLULAR_FIRST [policy, from OpenHarmony's call manager]. The take-over is
// decided at the answer, by each call's state then, and sent in callId order: what the app
// reports from the callback of one of its events does not change what the other calls
// get, but a call the app has ended by then gets nothing.
//
// Refusals the app cannot avoid are counted (Counts.Expected) but are not failures: the
// service is down (service-unavailable), an injected fault, or a call cleared by a crash
// the app was never told of (unknown-call-id). Time the service is down does not count
// against a push's 10 s: the app is owed 10 s of a running service.
//
// # The printed run and the trace
//
// Result.WriteLog prints each script step as it starts (">"), then what it caused: the
// phone's steps ("phone") and the app's calls ("app"), numbered #N, each call with its
// verdict (code, message, [cause], detail) and warnings; skipped steps with the reason,
// failures ("FAIL") when they are found, and a summary. A callId, name or event type that
// is not one plain printable word is printed quoted, as a script writes it; a detail
// quotes such a callId itself (call "c 1" was never reported), and is quoted whole if it
// still holds what a terminal would act on. Result.WriteTrace writes the same run as
// a trace (the input of `voipsim check`) whose line N is step #N, each line expecting the
// verdict it got but for the app's own refusals, so `voipsim check` on it gives the same
// verdicts and fails on the same refusals as the run.
//
// The app must call the kit only from the calls Run makes into it (App methods, its UI
// callback, Env.After callbacks), never from goroutines of its own: that is what keeps a
// run deterministic.
//
// # Failures
//
// Each Failure has a Key naming the way of failing ("verdict reportCallStateChange
// 1007200001/duplicate-report", "violation unanswered-ui-event VOIP_CALL_EVENT_REJECT",
// "violation leaked-call", "panic", "stall": timers that keep the clock at one time until
// Config.MaxEvents stops the run), so a shrinker can keep a scenario failing the same way.
//
// For a test of app code without a scenario, package sim/simtest gives a Kit bound to a
// *testing.T that fails the test on leaked calls and unmet obligations. For scenarios
// nobody wrote, package sim/explore generates them from seeds, runs campaigns of them
// (Campaign.Test in a test) and shrinks each failure to a minimal script.
package sim
