package callstate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/callstate"
)

func TestAttributeOptionalDefaults(t *testing.T) {
	resolve := func(a callstate.Attribute) [5]bool {
		return [5]bool{a.ShowsBanner(), a.Conference(), a.VoiceAnswerSupported(), a.MuteRingtoneAllowed(),
			a.DialingAllowedDuringCarrierCall()}
	}
	assert.Equal(t, [5]bool{true, false, true, false, false}, resolve(callstate.Attribute{}), "SPEC defaults when omitted")
	all := func(o callstate.OptBool) callstate.Attribute {
		return callstate.Attribute{ShowBannerForIncomingCall: o, IsConferenceCall: o, IsVoiceAnswerSupported: o,
			IsUserMuteRingToneAllowed: o, IsDialingAllowedDuringCarrierCall: o}
	}
	assert.Equal(t, [5]bool{true, true, true, true, true}, resolve(all(callstate.True)))
	assert.Equal(t, [5]bool{false, false, false, false, false}, resolve(all(callstate.False)))
}

func TestOptBool(t *testing.T) {
	assert.Equal(t, callstate.OptBool(0), callstate.Unset, "the zero value means omitted")
	assert.Equal(t, callstate.True, callstate.Opt(true))
	assert.Equal(t, callstate.False, callstate.Opt(false))
	for _, def := range []bool{false, true} {
		assert.Equal(t, def, callstate.Unset.Or(def))
		assert.True(t, callstate.True.Or(def))
		assert.False(t, callstate.False.Or(def))
	}
}

func TestOptBoolValidity(t *testing.T) {
	for o, want := range map[callstate.OptBool]bool{callstate.Unset: true, callstate.False: true, callstate.True: true, 3: false, -1: false, 127: false, -128: false} {
		assert.Equal(t, want, o.Valid(), "OptBool(%d)", o)
	}
	var a callstate.Attribute
	assert.True(t, a.OptionsValid())
	assert.Empty(t, a.InvalidOption())
	a.IsUserMuteRingToneAllowed, a.IsDialingAllowedDuringCarrierCall = 3, -1
	assert.False(t, a.OptionsValid())
	assert.Equal(t, "isUserMuteRingToneAllowed", a.InvalidOption(), "the first in the order of SPEC.md section 1")

	names := []string{}
	for _, o := range a.Options() {
		names = append(names, o.Name)
	}
	assert.Equal(t, []string{"showBannerForIncomingCall", "isConferenceCall", "isVoiceAnswerSupported",
		"isUserMuteRingToneAllowed", "isDialingAllowedDuringCarrierCall"}, names)
	*a.Options()[1].Value = callstate.True
	assert.Equal(t, callstate.True, a.IsConferenceCall, "Options points at the attribute's own fields")
}

func TestAvatarTooLarge(t *testing.T) {
	for _, tc := range []struct {
		a    callstate.Avatar
		want bool
	}{
		{callstate.Avatar{}, false},
		{callstate.Avatar{Width: 221, Height: 221, ByteCount: 196607}, false},
		{callstate.Avatar{Width: 222, Height: 221, ByteCount: 196607}, true},
		{callstate.Avatar{Width: 221, Height: 222, ByteCount: 196607}, true},
		{callstate.Avatar{Width: 221, Height: 221, ByteCount: 196608}, true},
		{callstate.Avatar{Width: 1, Height: 1, ByteCount: 196608}, true},
		{callstate.Avatar{Width: 222, Height: 1, ByteCount: 1}, true},
	} {
		assert.Equal(t, tc.want, tc.a.TooLarge(), "%+v", tc.a)
	}
	assert.Equal(t, 221, callstate.MaxAvatarSide)
	assert.Equal(t, 196608, callstate.MaxAvatarBytes)
}
