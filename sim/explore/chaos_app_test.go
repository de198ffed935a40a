package explore_test

import (
	"time"

	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
)

// chaosApp is an app that rapid drives: at every call into it, it makes whatever calls
// rapid draws, with whatever arguments — out-of-range enums, empty or odd callIds, invalid
// optional booleans, no callback —, and may set a timer of a drawn delay, sub-millisecond
// ones included. Its runs hold every argument a kit call can carry and every verdict,
// where the example apps make only the calls a careful app makes.
type chaosApp struct {
	t   *rapid.T
	env sim.Env
	kit callstate.Kit
	ids []string // callIds the phone named to the app
}

// chaosIDs are callIds beside those the phone names: none, and ones a trace must quote or
// escape.
var chaosIDs = []string{"", "x", "a b", `q"uote`, `back\slash`, "é", "tab\t", "c1"}

var chaosDelays = []time.Duration{0, time.Nanosecond, 500 * time.Microsecond, time.Millisecond, 300 * time.Millisecond,
	time.Second, 10*time.Second + time.Nanosecond}

func (a *chaosApp) Start(env sim.Env) {
	a.env, a.kit = env, env.Kit()
	a.act("start")
}

func (a *chaosApp) OnPush(p sim.Push) { a.ids = append(a.ids, p.CallID); a.act("push") }
func (a *chaosApp) OnDial(d sim.Dial) { a.ids = append(a.ids, d.CallID); a.act("dial") }
func (a *chaosApp) OnPeer(string, sim.PeerEvent) {
	a.act("peer")
}
func (a *chaosApp) onUIEvent(callstate.UIEventInfo) { a.act("uiEvent") }

// act makes a few drawn calls, and may set a timer that acts again.
func (a *chaosApp) act(when string) {
	for range rapid.IntRange(0, 3).Draw(a.t, when+" calls") {
		a.call()
	}
	if rapid.IntRange(0, 3).Draw(a.t, when+" timer") == 3 {
		a.env.After(rapid.SampledFrom(chaosDelays).Draw(a.t, "delay"), func() { a.act("timer") })
	}
}

func (a *chaosApp) call() {
	t := a.t
	// Most calls are sane, so that calls go live and move on; the rest are wild: any
	// argument at all. Sane is 0, which rapid shrinks toward.
	c := chaosCall{t: t, wild: rapid.IntRange(0, 4).Draw(t, "wild") == 4}
	id := rapid.SampledFrom(chaosIDs).Draw(t, "oddCallId")
	if len(a.ids) > 0 && !c.wild {
		id = a.ids[len(a.ids)-1-rapid.IntRange(0, len(a.ids)-1).Draw(t, "callId")]
	}
	switch rapid.IntRange(0, 7).Draw(t, "op") {
	case 0:
		_ = a.kit.ReportCallStateChangeWithType(id, drawEnum(c, "state", callstate.StateActive, callstate.StateDisconnecting), drawEnum(c, "type", callstate.CallVoice, callstate.CallVideo))
	case 1:
		_ = a.kit.ReportCallStateChange(id, drawEnum(c, "state", callstate.StateActive, callstate.StateDisconnecting))
	case 2:
		_, _ = a.kit.ReportIncomingCall(c.attribute(id, callstate.StateRinging))
	case 3:
		_, _ = a.kit.ReportOutgoingCall(c.attribute(id, callstate.StateDialing))
	case 4:
		_ = a.kit.ReportCallAudioEventChange(id, drawEnum(c, "audio", callstate.AudioMuted, callstate.AudioMicDisable))
	case 5:
		_ = a.kit.ReportIncomingCallError(id, drawEnum(c, "cause", callstate.FailureOther, callstate.FailureConnectionFailed))
	case 6:
		var cb callstate.UIEventCallback
		if !rapid.Bool().Draw(t, "noCallback") {
			cb = a.onUIEvent
		}
		_ = a.kit.On(c.eventType(), cb)
	case 7:
		_ = a.kit.Off(c.eventType())
	}
}

// chaosCall draws the arguments of one call: sane ones, or wild ones.
type chaosCall struct {
	t    *rapid.T
	wild bool
}

// drawEnum draws a value of an enum: sane, from first to most; wild, from -1 (out of
// range) to most+1.
func drawEnum[T ~int8](c chaosCall, label string, first, most T) T {
	if c.wild {
		return T(rapid.IntRange(-1, int(most)+1).Draw(c.t, label))
	}
	return T(rapid.IntRange(int(first), int(most)).Draw(c.t, label))
}

func (c chaosCall) eventType() string {
	if !c.wild {
		return callstate.UIEventType
	}
	return rapid.SampledFrom([]string{"", "other", callstate.UIEventType}).Draw(c.t, "eventType")
}

// attribute is a call's attribute; sane, it is in the state a new call of its direction
// starts in.
func (c chaosCall) attribute(id string, state callstate.CallState) callstate.Attribute {
	t := c.t
	opt := func(label string) callstate.OptBool {
		return drawEnum(c, label, callstate.Unset, callstate.True)
	}
	size := func(label string) int { return rapid.SampledFrom([]int{112, 0, 221, 222, -1}).Draw(t, label) }
	return callstate.Attribute{
		CallID:      id,
		CallType:    drawEnum(c, "type", callstate.CallVoice, callstate.CallVideo),
		UserName:    rapid.SampledFrom([]string{"Ann", "", "Ann \"Lee\"", "李"}).Draw(t, "userName"),
		UserProfile: callstate.Avatar{Width: size("width"), Height: size("height"), ByteCount: rapid.SampledFrom([]int{50176, 0, 196608}).Draw(t, "bytes")},
		AbilityName: c.abilityName(),
		State:       drawEnum(c, "state", state, state),

		ShowBannerForIncomingCall:         opt("showBanner"),
		IsConferenceCall:                  opt("conference"),
		IsVoiceAnswerSupported:            opt("voiceAnswer"),
		IsUserMuteRingToneAllowed:         opt("muteRingtone"),
		IsDialingAllowedDuringCarrierCall: opt("dialingDuringCarrier"),
	}
}

func (c chaosCall) abilityName() string {
	if !c.wild {
		return "VoipAbility"
	}
	return rapid.SampledFrom([]string{"", "VoipAbility"}).Draw(c.t, "abilityName")
}
