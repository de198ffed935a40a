package callstate

import "strconv"

// Cause is the machine-readable name of the rule behind a verdict: an error's cause, a
// warning or an obligation violation. Its String is the name used everywhere (Go, CLI,
// JSON); a Cause is also an errors.Is target.
type Cause uint8

const (
	CauseNone Cause = iota

	// Errors: the cause a refused call comes with, besides its Code (README, "Error
	// codes"; Info gives each one's code and rule).
	CauseParameterType
	CauseMissingParameter
	CauseInvalidCallType
	CauseInvalidCallState
	CauseInvalidAudioEvent
	CauseInvalidFailureCause
	CauseOutgoingNotDialing
	CauseIncomingNotRinging
	CauseUnknownCallID
	CauseDuplicateReport
	CauseIllegalTransition
	CauseServiceUnavailable
	CauseIncomingLimit
	CauseOutgoingLimit
	CauseCarrierConflict
	CauseInjectedFault

	// Warnings: they never change a verdict.
	CauseAvatarTooLarge
	CauseNoSubscription
	CauseLateReport
	CauseRedundantAudioEvent
	CauseEmptyUserName
	CauseEventForUnknownCall

	// Obligations, checked at the end of a sequence.
	CauseUnansweredUIEvent
	CausePushNotReported
	CauseLeakedCall

	causeCount
)

// Kind tells what a Cause is attached to.
type Kind uint8

const (
	KindError Kind = iota + 1
	KindWarning
	KindViolation
)

func (k Kind) String() string {
	switch k {
	case KindError:
		return "error"
	case KindWarning:
		return "warning"
	case KindViolation:
		return "violation"
	}
	return "none"
}

// Mark says where a rule comes from: Huawei's documentation, or a choice of voipsim's.
type Mark uint8

const (
	MarkDoc    Mark = iota + 1 // stated in Huawei's documentation
	MarkPolicy                 // documentation is silent; voipsim chose; the documented profile drops the strict ones
	// MarkDocAndPolicy is a rule with cases of both kinds: those Huawei documents, which
	// every profile enforces, and those voipsim chose, which the documented profile drops
	// (duplicate-report: a live callId reported as a new call [doc]; a state report that
	// repeats the current state and type [policy]). Its String is "[doc]/[policy]".
	MarkDocAndPolicy
)

func (m Mark) String() string {
	switch m {
	case MarkDoc:
		return "[doc]"
	case MarkPolicy:
		return "[policy]"
	case MarkDocAndPolicy:
		return "[doc]/[policy]"
	}
	return ""
}

// CauseInfo describes one rule.
type CauseInfo struct {
	Name string
	Kind Kind
	Code Code // the code an error cause comes with; 0 for injected-fault (any) and non-errors
	Mark Mark
	Rule string // one line, for `voipsim codes` and the docs
}

var causes = [causeCount]CauseInfo{
	CauseNone:                {Name: "none"},
	CauseParameterType:       {"parameter-type", KindError, CodeParameterError, MarkDoc, "a value of the wrong type; on/off with a type other than 'voipCallUiEvent', or none"},
	CauseMissingParameter:    {"missing-parameter", KindError, CodeInvalidParameter, MarkDoc, "a required argument or field is absent or null; callId and abilityName must not be empty"},
	CauseInvalidCallType:     {"invalid-call-type", KindError, CodeInvalidParameter, MarkDoc, "voipCallType (or the optional callType) is not 0 or 1"},
	CauseInvalidCallState:    {"invalid-call-state", KindError, CodeInvalidParameter, MarkDoc, "the call state is not 0..7"},
	CauseInvalidAudioEvent:   {"invalid-audio-event", KindError, CodeInvalidParameter, MarkDoc, "callAudioEvent is not 0, 1, 2, 3 or 5"},
	CauseInvalidFailureCause: {"invalid-failure-cause", KindError, CodeInvalidParameter, MarkDoc, "voipCallFailureCause is not 0, 1 or 2"},
	CauseOutgoingNotDialing:  {"outgoing-not-dialing", KindError, CodeInvalidParameter, MarkDoc, "reportOutgoingCall with a state other than DIALING"},
	CauseIncomingNotRinging:  {"incoming-not-ringing", KindError, CodeInvalidParameter, MarkPolicy, "reportIncomingCall with a state other than RINGING"},
	CauseUnknownCallID:       {"unknown-call-id", KindError, CodeInvalidParameter, MarkDoc, "a state or audio report for a callId that is not live"},
	CauseDuplicateReport:     {"duplicate-report", KindError, CodeInvalidParameter, MarkDocAndPolicy, "a new call whose callId is live [doc]; a state report that repeats the current state and type [policy]"},
	CauseIllegalTransition:   {"illegal-transition", KindError, CodeInvalidParameter, MarkPolicy, "a state report the lifecycle forbids; reportIncomingCallError on a call that is not a ringing incoming call"},
	CauseServiceUnavailable:  {"service-unavailable", KindError, CodeServiceUnavailable, MarkDoc, "a report while the call service is stopped"},
	CauseIncomingLimit:       {"incoming-limit", KindError, CodeSystemInternal, MarkDoc, "reportIncomingCall while 3 incoming calls are live"},
	CauseOutgoingLimit:       {"outgoing-limit", KindError, CodeSystemInternal, MarkDoc, "reportOutgoingCall while 1 outgoing call is live"},
	CauseCarrierConflict:     {"carrier-conflict", KindError, CodeSystemInternal, MarkDoc, "reportOutgoingCall during a carrier call without isDialingAllowedDuringCarrierCall"},
	CauseInjectedFault:       {"injected-fault", KindError, 0, MarkPolicy, "a fault armed with injectFault (any injectable code)"},

	CauseAvatarTooLarge:      {"avatar-too-large", KindWarning, 0, MarkDoc, "the avatar is over 221x221 pixels or not under 196608 bytes: the banner shows none"},
	CauseNoSubscription:      {"no-subscription", KindWarning, 0, MarkPolicy, "a call reported while no voipCallUiEvent callback is registered"},
	CauseLateReport:          {"late-report", KindWarning, 0, MarkDoc, "reportIncomingCall more than 10000 ms after the push of its callId"},
	CauseRedundantAudioEvent: {"redundant-audio-event", KindWarning, 0, MarkPolicy, "an audio report whose state already holds"},
	CauseEmptyUserName:       {"empty-user-name", KindWarning, 0, MarkPolicy, "userName is empty"},
	CauseEventForUnknownCall: {"event-for-unknown-call", KindWarning, 0, MarkPolicy, "a UI event for a callId that is not live; it creates no obligation"},

	CauseUnansweredUIEvent: {"unanswered-ui-event", KindViolation, 0, MarkDoc, "a UI event the app did not answer with its report (answer: ANSWERED/ACTIVE/DISCONNECTED; reject, hang up: DISCONNECTED; mute, unmute: the audio event)"},
	CausePushNotReported:   {"push-not-reported", KindViolation, 0, MarkDoc, "a VoIP push neither reported with reportIncomingCall nor declined with reportIncomingCallError"},
	CauseLeakedCall:        {"leaked-call", KindViolation, 0, MarkPolicy, "a call still live at the end of the sequence"},
}

var causeByName = func() map[string]Cause {
	m := make(map[string]Cause, causeCount)
	for c := Cause(1); c < causeCount; c++ {
		m[causes[c].Name] = c
	}
	return m
}()

func (c Cause) String() string {
	if c < causeCount {
		return causes[c].Name
	}
	return "cause(" + strconv.Itoa(int(c)) + ")"
}

// Error makes a Cause usable as an errors.Is target: errors.Is(err, CauseCarrierConflict).
func (c Cause) Error() string { return c.String() }

// Info describes the rule behind c.
func (c Cause) Info() CauseInfo {
	if c < causeCount {
		return causes[c]
	}
	return CauseInfo{Name: c.String()}
}

// Kind tells whether c is an error cause, a warning or a violation.
func (c Cause) Kind() Kind { return c.Info().Kind }

// AllowedFor reports whether an error with this code may carry cause c.
func (c Cause) AllowedFor(code Code) bool {
	if c == CauseInjectedFault {
		return code.Injectable()
	}
	info := c.Info()
	return info.Kind == KindError && info.Code == code
}

// ParseCause finds a cause by its name.
func ParseCause(name string) (Cause, bool) {
	c, ok := causeByName[name]
	return c, ok
}

// Causes lists every cause of one kind, in declaration order.
func Causes(kind Kind) []Cause {
	var out []Cause
	for c := Cause(1); c < causeCount; c++ {
		if causes[c].Kind == kind {
			out = append(out, c)
		}
	}
	return out
}
