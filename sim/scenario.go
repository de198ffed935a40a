package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/internal/terminal"
)

// Scenario is a script of timed steps: what happens around the app, in order.
type Scenario struct {
	Name  string
	Steps []Step
}

// Step is one line of a scenario script. Which fields matter depends on the Action:
// CallID for everything about one call, Type for push, dial and user answer, Name for
// push (the caller) and dial (the callee), Code for fault.
type Step struct {
	At     time.Duration // absolute virtual time, since the start of the run
	Action Action
	CallID string
	Type   callstate.CallType
	Name   string
	Code   callstate.Code
}

// Action is what one step does.
type Action uint8

const (
	ActNone           Action = iota
	ActPush                  // push ID voice|video [from=NAME]
	ActDial                  // dial ID voice|video [to=NAME]
	ActAnswer                // user answer ID voice|video
	ActReject                // user reject ID
	ActHangup                // user hangup ID
	ActMute                  // user mute ID
	ActUnmute                // user unmute ID
	ActMuteRingtone          // user mute-ringtone ID
	ActPeerAnswer            // peer answer ID
	ActPeerHangup            // peer hangup ID
	ActPeerFail              // peer fail ID
	ActCarrierRing           // carrier ring
	ActCarrierAnswer         // carrier answer
	ActCarrierEnd            // carrier end
	ActServiceCrash          // service crash
	ActServiceRestart        // service restart
	ActFault                 // fault CODE
	actCount
)

// argument says which operands an action takes, in script order.
type argument uint8

const (
	argID argument = 1 << iota
	argType
	argName
	argCode
)

type actionSyntax struct {
	words   string // the script keywords, e.g. "user answer"
	args    argument
	nameKey string // "from" or "to" for the optional name
}

var syntax = [actCount]actionSyntax{
	ActPush:           {"push", argID | argType | argName, "from"},
	ActDial:           {"dial", argID | argType | argName, "to"},
	ActAnswer:         {"user answer", argID | argType, ""},
	ActReject:         {"user reject", argID, ""},
	ActHangup:         {"user hangup", argID, ""},
	ActMute:           {"user mute", argID, ""},
	ActUnmute:         {"user unmute", argID, ""},
	ActMuteRingtone:   {"user mute-ringtone", argID, ""},
	ActPeerAnswer:     {"peer answer", argID, ""},
	ActPeerHangup:     {"peer hangup", argID, ""},
	ActPeerFail:       {"peer fail", argID, ""},
	ActCarrierRing:    {"carrier ring", 0, ""},
	ActCarrierAnswer:  {"carrier answer", 0, ""},
	ActCarrierEnd:     {"carrier end", 0, ""},
	ActServiceCrash:   {"service crash", 0, ""},
	ActServiceRestart: {"service restart", 0, ""},
	ActFault:          {"fault", argCode, ""},
}

// String is the action's keywords in a script ("user answer").
func (a Action) String() string {
	if a > ActNone && a < actCount {
		return syntax[a].words
	}
	return "action?"
}

// Actions lists every action in declaration order.
func Actions() []Action {
	out := make([]Action, 0, actCount-1)
	for a := ActPush; a < actCount; a++ {
		out = append(out, a)
	}
	return out
}

// HasCallID reports whether the action is about one call.
func (a Action) HasCallID() bool { return a < actCount && syntax[a].args&argID != 0 }

// HasType reports whether the action takes voice|video.
func (a Action) HasType() bool { return a < actCount && syntax[a].args&argType != 0 }

// HasName reports whether the action takes a name (from= or to=).
func (a Action) HasName() bool { return a < actCount && syntax[a].args&argName != 0 }

// IsUser reports whether the action is the user pressing a button on the banner.
func (a Action) IsUser() bool { return a >= ActAnswer && a <= ActMuteRingtone }

// IsPeer reports whether the action is the far end's.
func (a Action) IsPeer() bool { return a >= ActPeerAnswer && a <= ActPeerFail }

// String prints the scenario as a script that ParseScenario reads back to an equal
// Scenario: a `scenario NAME` line if it has a name, then one step per line, each with
// its absolute time.
func (sc Scenario) String() string {
	var b strings.Builder
	if sc.Name != "" {
		b.WriteString("scenario ")
		b.WriteString(word(sc.Name))
		b.WriteByte('\n')
	}
	for i := range sc.Steps {
		b.WriteString(sc.Steps[i].String())
		b.WriteByte('\n')
	}
	return b.String()
}

// String prints the step as one script line, e.g. "1.2s user answer c1 voice".
func (s Step) String() string {
	var b strings.Builder
	b.WriteString(FormatTime(s.At))
	b.WriteByte(' ')
	b.WriteString(s.Action.String())
	if s.Action.HasCallID() {
		b.WriteByte(' ')
		b.WriteString(word(s.CallID))
	}
	if s.Action.HasType() {
		b.WriteByte(' ')
		b.WriteString(typeWord(s.Type))
	}
	if s.Action.HasName() && s.Name != "" {
		b.WriteByte(' ')
		b.WriteString(syntax[s.Action].nameKey)
		b.WriteByte('=')
		b.WriteString(word(s.Name))
	}
	if s.Action == ActFault {
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(int64(s.Code), 10))
	}
	return b.String()
}

// FormatTime prints a virtual time the way scripts write it: seconds with at most three
// decimals ("0s", "1.2s", "30.25s").
func FormatTime(d time.Duration) string {
	ms := d.Milliseconds()
	sign := ""
	if ms < 0 {
		sign, ms = "-", -ms
	}
	s := sign + strconv.FormatInt(ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		f := strconv.FormatInt(1000+frac, 10)[1:] // three digits, leading zeros kept
		s += "." + strings.TrimRight(f, "0")
	}
	return s + "s"
}

func typeWord(t callstate.CallType) string {
	switch t {
	case callstate.CallVideo:
		return "video"
	case callstate.CallVoice:
		return "voice"
	}
	// An app can report a type no script could write; the printed run must show it as
	// reported, not as voice.
	return t.String()
}

// word prints a callId or name bare when it reads back as one token, quoted otherwise.
func word(s string) string {
	if strings.HasPrefix(s, "#") { // a comment in a script
		return strconv.Quote(s)
	}
	return terminal.Word(s, "=") // = makes an option of it
}
