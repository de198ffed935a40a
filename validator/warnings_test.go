package validator_test

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

const (
	noSubscription = "call c1 reported while no voipCallUiEvent callback is registered: the app will miss the user's answer"
	emptyUserName  = "userName is empty: the banner shows no caller"
)

func avatarDetail(w, h, bytes string) string {
	return "avatar is " + w + "x" + h + ", " + bytes + " bytes; the banner shows none above 221x221 or from 196608 bytes"
}

// TestNewCallWarnings: warnings of a successful report never change its verdict.
func TestNewCallWarnings(t *testing.T) {
	withAvatar := func(w, h, n int) callstate.Attribute {
		return with(incoming("c1"), func(a *callstate.Attribute) { a.UserProfile = callstate.Avatar{Width: w, Height: h, ByteCount: n} })
	}
	for _, tc := range []struct {
		name        string
		unsubscribe bool
		op          validator.Op
		attr        callstate.Attribute
		want        []validator.Warning
	}{
		{name: "none", attr: incoming("c1"), want: nil},
		{name: "avatar at the limits", attr: withAvatar(221, 221, 196607), want: nil},
		{name: "avatar too wide", attr: withAvatar(222, 10, 100),
			want: []validator.Warning{{Cause: callstate.CauseAvatarTooLarge, Detail: avatarDetail("222", "10", "100")}}},
		{name: "avatar too high", attr: withAvatar(10, 222, 100),
			want: []validator.Warning{{Cause: callstate.CauseAvatarTooLarge, Detail: avatarDetail("10", "222", "100")}}},
		{name: "avatar too heavy", attr: withAvatar(221, 221, 196608),
			want: []validator.Warning{{Cause: callstate.CauseAvatarTooLarge, Detail: avatarDetail("221", "221", "196608")}}},
		{name: "empty user name", attr: with(incoming("c1"), func(a *callstate.Attribute) { a.UserName = "" }),
			want: []validator.Warning{{Cause: callstate.CauseEmptyUserName, Detail: emptyUserName}}},
		{name: "no subscription", unsubscribe: true, attr: incoming("c1"),
			want: []validator.Warning{{Cause: callstate.CauseNoSubscription, Detail: noSubscription}}},
		{name: "no subscription, outgoing", unsubscribe: true, op: validator.OpReportOutgoingCall, attr: outgoing("c1"),
			want: []validator.Warning{{Cause: callstate.CauseNoSubscription, Detail: noSubscription}}},
		{name: "all at once, in order", unsubscribe: true, attr: with(withAvatar(300, 300, 1), func(a *callstate.Attribute) { a.UserName = "" }),
			want: []validator.Warning{{Cause: callstate.CauseNoSubscription, Detail: noSubscription},
				{Cause: callstate.CauseAvatarTooLarge, Detail: avatarDetail("300", "300", "1")},
				{Cause: callstate.CauseEmptyUserName, Detail: emptyUserName}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := subscribed(t)
			if tc.unsubscribe {
				require.NoError(t, v.Off(callstate.UIEventType))
			}
			op := tc.op
			if op == validator.OpNone {
				op = validator.OpReportIncomingCall
			}
			out := v.Apply(&validator.Step{Op: op, Attr: tc.attr})
			require.NoError(t, out.Err)
			assert.Equal(t, callstate.ReasonNone, out.Reason)
			assert.Equal(t, tc.want, out.Warnings)
			assert.Equal(t, []string{"c1"}, liveIDs(v))
		})
	}
}

func TestNoSubscriptionUntilOn(t *testing.T) {
	v := validator.New()
	out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")})
	assert.Equal(t, []callstate.Cause{callstate.CauseNoSubscription}, causes(out.Warnings))
	require.NoError(t, v.On(callstate.UIEventType, func(callstate.UIEventInfo) {}))
	out = v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c2")})
	assert.Empty(t, out.Warnings)
}

func TestAFailedReportHasNoWarnings(t *testing.T) {
	v := validator.New()
	attr := with(incoming("c1"), func(a *callstate.Attribute) { a.UserName = "" })
	require.NoError(t, v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: attr}).Err)
	out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: attr})
	require.ErrorIs(t, out.Err, callstate.CauseDuplicateReport)
	assert.Empty(t, out.Warnings)
}

func TestCellularCallExistsStillWarns(t *testing.T) {
	v := validator.New()
	v.CarrierCallStart()
	out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")})
	require.NoError(t, out.Err)
	assert.Equal(t, callstate.ReasonCellularCallExists, out.Reason)
	assert.Equal(t, []callstate.Cause{callstate.CauseNoSubscription}, causes(out.Warnings))
}

// TestLateReport: the push rule allows 10000 ms; 10001 ms is late. Time comes from the
// steps, or from an injected clock.
func TestLateReport(t *testing.T) {
	late := []validator.Warning{{Cause: callstate.CauseLateReport, Detail: "reported 10001 ms after its push at step 2; the limit is 10000 ms"}}
	for _, tc := range []struct {
		after time.Duration
		want  []validator.Warning
	}{
		{0, nil},
		{10000 * time.Millisecond, nil},
		{10000*time.Millisecond + time.Microsecond, late}, // more than 10 s, and the detail says so
		{10001 * time.Millisecond, late},
	} {
		t.Run("step times "+tc.after.String(), func(t *testing.T) {
			v := subscribed(t)
			pushAt := 1500 * time.Millisecond
			require.NoError(t, v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c1", At: pushAt, HasTime: true}).Err)
			out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1"), At: pushAt + tc.after, HasTime: true})
			require.NoError(t, out.Err)
			assert.Equal(t, tc.want, out.Warnings)
			assert.Equal(t, pushAt+tc.after, v.Now())
			assert.Empty(t, v.Pending(), "a late report still settles the push")
		})
	}
	t.Run("clock", func(t *testing.T) {
		clock := &fakeClock{}
		v := subscribed(t, validator.WithClock(clock))
		clock.now = 3 * time.Second
		v.Push("c1")
		v.Push("c2")
		clock.now += 10 * time.Second
		out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1")})
		assert.Empty(t, out.Warnings)
		clock.now += time.Millisecond
		out = v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c2")})
		assert.Equal(t, []validator.Warning{{Cause: callstate.CauseLateReport, Detail: "reported 10001 ms after its push at step 3; the limit is 10000 ms"}}, out.Warnings)
	})
	t.Run("a step time beats the clock", func(t *testing.T) {
		clock := &fakeClock{now: time.Hour}
		v := subscribed(t, validator.WithClock(clock))
		v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c1", At: 0, HasTime: true})
		out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1"), At: time.Second, HasTime: true})
		assert.Empty(t, out.Warnings)
	})
	t.Run("the first push counts", func(t *testing.T) {
		v := subscribed(t)
		v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c1", At: 0, HasTime: true})
		v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c1", At: 9 * time.Second, HasTime: true})
		out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1"), At: 11 * time.Second, HasTime: true})
		assert.Equal(t, []callstate.Cause{callstate.CauseLateReport}, causes(out.Warnings))
	})
	t.Run("times at the ends of time.Duration", func(t *testing.T) {
		// The gap does not fit a Duration: it must not wrap round to a negative, on time one.
		v := subscribed(t)
		v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c1", At: math.MinInt64, HasTime: true})
		out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1"), At: math.MaxInt64, HasTime: true})
		require.NoError(t, out.Err)
		assert.Equal(t, []validator.Warning{{Cause: callstate.CauseLateReport,
			Detail: "reported 18446744073710 ms after its push at step 2; the limit is 10000 ms"}}, out.Warnings)
	})
	t.Run("a report before its push is not late", func(t *testing.T) {
		v := subscribed(t)
		v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c1", At: math.MaxInt64, HasTime: true})
		out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1"), At: math.MinInt64, HasTime: true})
		assert.Empty(t, out.Warnings)
	})
	t.Run("a call with no push is never late", func(t *testing.T) {
		v := subscribed(t)
		out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: incoming("c1"), At: time.Minute, HasTime: true})
		require.NoError(t, out.Err)
		assert.Empty(t, out.Warnings)
	})
	t.Run("an outgoing call is never late", func(t *testing.T) {
		v := subscribed(t)
		v.Apply(&validator.Step{Op: validator.OpPush, CallID: "c1", At: 0, HasTime: true})
		out := v.Apply(&validator.Step{Op: validator.OpReportOutgoingCall, Attr: outgoing("c1"), At: time.Minute, HasTime: true})
		require.NoError(t, out.Err)
		assert.Empty(t, out.Warnings)
		assert.Len(t, v.Pending(), 1, "an outgoing report does not report the push")
	})
}

type fakeClock struct{ now time.Duration }

func (c *fakeClock) Now() time.Duration { return c.now }

// TestRedundantAudioEvent walks every audio event on one call: a report whose state
// already holds warns, and the call records mute, speaker and mic state.
func TestRedundantAudioEvent(t *testing.T) {
	v := subscribed(t)
	_, err := v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)
	type flags struct{ muted, speaker, mic bool }
	for i, tc := range []struct {
		event     callstate.AudioEvent
		redundant bool
		after     flags
	}{
		{callstate.AudioUnmuted, true, flags{}},
		{callstate.AudioMuted, false, flags{muted: true}},
		{callstate.AudioMuted, true, flags{muted: true}},
		{callstate.AudioUnmuted, false, flags{}},
		{callstate.AudioSpeakerOff, true, flags{}},
		{callstate.AudioSpeakerOn, false, flags{speaker: true}},
		{callstate.AudioSpeakerOn, true, flags{speaker: true}},
		{callstate.AudioMicDisable, false, flags{speaker: true, mic: true}},
		{callstate.AudioMicDisable, true, flags{speaker: true, mic: true}},
		{callstate.AudioSpeakerOff, false, flags{mic: true}},
	} {
		out := v.Apply(&validator.Step{Op: validator.OpReportCallAudioEventChange, CallID: "c1", AudioEvent: tc.event})
		require.NoError(t, out.Err, "report %d", i)
		var want []validator.Warning
		if tc.redundant {
			want = []validator.Warning{{Cause: callstate.CauseRedundantAudioEvent, Detail: "call c1 already has " + tc.event.String()}}
		}
		assert.Equal(t, want, out.Warnings, "report %d: %s", i, tc.event)
		c, _ := v.Call("c1")
		assert.Equal(t, tc.after, flags{c.Muted, c.SpeakerOn, c.MicDisabled}, "report %d: %s", i, tc.event)
	}
}

func TestEventForUnknownCall(t *testing.T) {
	v := subscribed(t)
	_, err := v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)
	require.NoError(t, v.ReportCallStateChange("c1", callstate.StateDisconnected))
	for _, id := range []string{"c1", "zz"} {
		out := v.UIEvent(id, callstate.EventHangup, callstate.ReasonNone)
		require.NoError(t, out.Err)
		assert.Equal(t, []validator.Warning{{Cause: callstate.CauseEventForUnknownCall,
			Detail: "call " + id + " is not live; the event creates no obligation"}}, out.Warnings)
	}
	assert.Empty(t, v.Pending())
}

// TestUIEventsNoPhoneSends: the system sends a UI event about a call, and never
// SPEAKER_ON/OFF (SPEC.md section 1): such a step is a bad step, which changes nothing.
func TestUIEventsNoPhoneSends(t *testing.T) {
	v := subscribed(t)
	_, err := v.ReportIncomingCall(incoming("c1"))
	require.NoError(t, err)
	delivered := 0
	require.NoError(t, v.On(callstate.UIEventType, func(callstate.UIEventInfo) { delivered++ }))
	for _, tc := range []struct {
		id     string
		event  callstate.UIEvent
		detail string
	}{
		{"", callstate.EventHangup, "uiEvent needs a callId"},
		{"c1", callstate.EventSpeakerOn, "uiEvent VOIP_CALL_EVENT_SPEAKER_ON is reserved: the system never sends it"},
		{"c1", callstate.EventSpeakerOff, "uiEvent VOIP_CALL_EVENT_SPEAKER_OFF is reserved: the system never sends it"},
	} {
		out := v.UIEvent(tc.id, tc.event, callstate.ReasonNone)
		require.ErrorIs(t, out.Err, validator.ErrBadStep)
		assert.EqualError(t, out.Err, "bad step: "+tc.detail)
		assert.Empty(t, out.Warnings)
	}
	assert.Zero(t, delivered, "a bad step reaches no callback")
	assert.Empty(t, v.Pending())
}
