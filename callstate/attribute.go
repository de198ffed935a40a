package callstate

// Avatar is the userProfile image as the banner sees it: only its size matters.
type Avatar struct {
	Width, Height, ByteCount int
}

// Avatar limits: larger images show no avatar on the banner [doc].
const (
	MaxAvatarSide  = 221
	MaxAvatarBytes = 196608 // the image must be under this many bytes
)

// TooLarge reports whether the banner would drop this avatar.
func (a Avatar) TooLarge() bool {
	return a.Width > MaxAvatarSide || a.Height > MaxAvatarSide || a.ByteCount >= MaxAvatarBytes
}

// OptBool is an optional boolean of VoipCallAttribute. The zero value means "omitted", so a
// Go literal that leaves a field out behaves as ArkTS code that leaves it out.
type OptBool int8

const (
	Unset OptBool = iota
	False
	True
)

// Valid reports whether o is Unset, False or True. Another value is, in Go, what a value of
// the wrong type is in ArkTS: the validator refuses it with 401.
func (o OptBool) Valid() bool { return uint8(o) <= uint8(True) } // a negative one wraps above

// Or resolves the option against the field's documented default.
func (o OptBool) Or(def bool) bool {
	switch o {
	case True:
		return true
	case False:
		return false
	}
	return def
}

// Opt turns a bool into a set OptBool.
func Opt(b bool) OptBool {
	if b {
		return True
	}
	return False
}

// Attribute is VoipCallAttribute, the argument of reportIncomingCall and reportOutgoingCall.
//
// Go's types make most argument mistakes impossible; the ones a trace can still carry (an
// absent or null required field, a value of the wrong type) are recorded beside it, in the
// Missing and WrongType fields of validator.Step, by the code that read the trace, so that
// the validator can answer them exactly as the service would.
type Attribute struct {
	CallID      string
	CallType    CallType
	UserName    string
	UserProfile Avatar
	AbilityName string
	State       CallState

	ShowBannerForIncomingCall         OptBool // default true
	IsConferenceCall                  OptBool // default false
	IsVoiceAnswerSupported            OptBool // default true
	IsUserMuteRingToneAllowed         OptBool // default false
	IsDialingAllowedDuringCarrierCall OptBool // default false
}

// AttributeOption is one optional boolean of VoipCallAttribute: its ArkTS name and the
// field that holds it.
type AttributeOption struct {
	Name  string
	Value *OptBool
}

// Options lists the optional booleans of a under their ArkTS names, in the order the
// contract lists them: showBannerForIncomingCall, isConferenceCall,
// isVoiceAnswerSupported, isUserMuteRingToneAllowed, isDialingAllowedDuringCarrierCall.
// Whatever reads or writes them by name (a trace, a detail) takes the names from here.
func (a *Attribute) Options() [5]AttributeOption {
	return [5]AttributeOption{
		{"showBannerForIncomingCall", &a.ShowBannerForIncomingCall},
		{"isConferenceCall", &a.IsConferenceCall},
		{"isVoiceAnswerSupported", &a.IsVoiceAnswerSupported},
		{"isUserMuteRingToneAllowed", &a.IsUserMuteRingToneAllowed},
		{"isDialingAllowedDuringCarrierCall", &a.IsDialingAllowedDuringCarrierCall},
	}
}

// OptionsValid reports whether every optional boolean is Valid, as in every call but a
// mistaken one. It names the fields rather than loop over Options: every new call asks.
func (a *Attribute) OptionsValid() bool {
	return a.ShowBannerForIncomingCall.Valid() && a.IsConferenceCall.Valid() && a.IsVoiceAnswerSupported.Valid() &&
		a.IsUserMuteRingToneAllowed.Valid() && a.IsDialingAllowedDuringCarrierCall.Valid()
}

// InvalidOption names the first optional boolean that is not Valid, or is "" when all are.
func (a *Attribute) InvalidOption() string {
	for _, o := range a.Options() {
		if !o.Value.Valid() {
			return o.Name
		}
	}
	return ""
}

// ShowsBanner resolves showBannerForIncomingCall (default true).
func (a *Attribute) ShowsBanner() bool { return a.ShowBannerForIncomingCall.Or(true) }

// Conference resolves isConferenceCall (default false).
func (a *Attribute) Conference() bool { return a.IsConferenceCall.Or(false) }

// VoiceAnswerSupported resolves isVoiceAnswerSupported (default true).
func (a *Attribute) VoiceAnswerSupported() bool { return a.IsVoiceAnswerSupported.Or(true) }

// MuteRingtoneAllowed resolves isUserMuteRingToneAllowed (default false).
func (a *Attribute) MuteRingtoneAllowed() bool { return a.IsUserMuteRingToneAllowed.Or(false) }

// DialingAllowedDuringCarrierCall resolves isDialingAllowedDuringCarrierCall (default false).
func (a *Attribute) DialingAllowedDuringCarrierCall() bool {
	return a.IsDialingAllowedDuringCarrierCall.Or(false)
}
