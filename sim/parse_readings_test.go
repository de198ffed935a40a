package sim_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
)

// TestParserReadings pins, one script each, how the parser reads what the documentation
// leaves open (the README lists them under "Where the contract is silent"); the oracle's
// model follows the same readings, so a change to one of them is a change to the
// language, made on purpose.
func TestParserReadings(t *testing.T) {
	ring := func(ms int) sim.Step {
		return sim.Step{At: time.Duration(ms) * time.Millisecond, Action: sim.ActCarrierRing}
	}
	push := func(id, name string) sim.Step { return sim.Step{Action: sim.ActPush, CallID: id, Name: name} }
	for _, tc := range []struct {
		why, text string
		want      sim.Scenario
		err       string
	}{
		{why: "space, tab and CR separate words, a CR anywhere", text: "\r0s\tpush\r\rc1 \t voice\rfrom=Ann\r",
			want: sim.Scenario{Steps: []sim.Step{push("c1", "Ann")}}},
		{why: "VT, FF and a no-break space are not separators", text: "0s push a\vb\f\u00a0c voice",
			want: sim.Scenario{Steps: []sim.Step{push("a\vb\f\u00a0c", "")}}},
		{why: "inside quotes a tab or CR is part of the string", text: "0s push \"a\tb\rc\" voice",
			want: sim.Scenario{Steps: []sim.Step{push("a\tb\rc", "")}}},
		{why: "only double quotes quote", text: "0s push 'c 1' voice",
			err: `line 1: push 'c: expected voice or video, got "1'"`},
		{why: "Go's quoted strings, without Go's \\' escape", text: `0s push "\'" voice`,
			err: `line 1: unterminated or malformed quoted string "\'" voice`},
		{why: "a quoted string must be followed by a separator or the end", text: `0s push c1 voice from="Ann"#x`,
			err: `line 1: expected a space after the quoted string "Ann"`},
		{why: "a comment need not be UTF-8", text: "0s carrier ring # \xff\xfe",
			want: sim.Scenario{Steps: []sim.Step{ring(0)}}},
		{why: "a bare word may hold control characters, NUL included", text: "0s push a\x00b voice",
			want: sim.Scenario{Steps: []sim.Step{push("a\x00b", "")}}},
		{why: "an empty quoted callId is no callId", text: `0s push "" voice`,
			err: "line 1: push: expected a callId"},
		{why: "keywords are lower case", text: "0s Carrier ring",
			err: `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "Carrier"`},
		{why: "a lone 0 is a time", text: "0 carrier ring", want: sim.Scenario{Steps: []sim.Step{ring(0)}}},
		{why: "leading zeros", text: "01s carrier ring", want: sim.Scenario{Steps: []sim.Step{ring(1000)}}},
		{why: "no leading digit", text: ".5s carrier ring", want: sim.Scenario{Steps: []sim.Step{ring(500)}}},
		{why: "a point with no decimals", text: "1.s carrier ring", want: sim.Scenario{Steps: []sim.Step{ring(1000)}}},
		{why: "µs, whole milliseconds of it", text: "1000us carrier ring\n2000µs carrier ring\n0μs carrier ring",
			want: sim.Scenario{Steps: []sim.Step{ring(1), ring(2), ring(0)}}},
		{why: "units summed in any order", text: "200ms1s carrier ring", want: sim.Scenario{Steps: []sim.Step{ring(1200)}}},
		{why: "00 is no Go duration", text: "00 carrier ring", err: `line 1: expected a time such as 0s, 1.2s or 250ms, got "00"`},
		{why: "no exponent", text: "1e3s carrier ring", err: `line 1: expected a time such as 0s, 1.2s or 250ms, got "1e3s"`},
		{why: "the scenario line may come after steps", text: "5s carrier ring\nscenario late\ncarrier ring",
			want: sim.Scenario{Name: "late", Steps: []sim.Step{ring(5000), ring(5000)}}},
		{why: "the scenario line takes no time", text: "0s scenario x",
			err: `line 1: expected an action (push, dial, user answer, user reject, user hangup, user mute, user unmute, user mute-ringtone, peer answer, peer hangup, peer fail, carrier ring, carrier answer, carrier end, service crash, service restart, fault), got "scenario"`},
		{why: `scenario "" is the one name`, text: "scenario \"\"\nscenario x",
			err: `line 2: a second scenario name: line 1 named it ""`},
		{why: "a scenario name may hold a bare =", text: "scenario a=b", want: sim.Scenario{Name: "a=b"}},
		{why: "from= and from=\"\" name no one", text: "0s push c1 voice from=\n0s push c2 voice from=\"\"",
			want: sim.Scenario{Steps: []sim.Step{push("c1", ""), push("c2", "")}}},
		{why: "the name is all after the key's =", text: "0s push c1 voice from=a=b#c",
			want: sim.Scenario{Steps: []sim.Step{push("c1", "a=b#c")}}},
		{why: "a name is given once", text: "0s push c1 voice from=a from=b",
			err: `line 1: push: unexpected "from=b" at the end of the line`},
		{why: "dial takes to=, not from=", text: "0s dial c1 voice from=a",
			err: `line 1: dial: expected to=NAME or the end of the line, got "from=a"`},
		{why: "push takes from=, not to=", text: "0s push c1 voice to=a",
			err: `line 1: push: expected from=NAME or the end of the line, got "to=a"`},
		{why: "a fault code is decimal, with a sign and leading zeros allowed (strconv.ParseInt)", text: "fault +01007200003\nfault 001007200999",
			want: sim.Scenario{Steps: []sim.Step{{Action: sim.ActFault, Code: callstate.CodeSystemInternal}, {Action: sim.ActFault, Code: callstate.CodeUnknown}}}},
		{why: "a fault code is not hexadecimal", text: "fault 0x3c0e6b03",
			err: `line 1: fault: expected a code (1007200002, 1007200003 or 1007200999), got "0x3c0e6b03"`},
	} {
		sc, err := sim.ParseScenario(tc.text)
		if tc.err != "" {
			assert.EqualError(t, err, tc.err, tc.why)
			continue
		}
		if assert.NoError(t, err, tc.why) {
			assert.Equal(t, tc.want, sc, tc.why)
		}
	}
}
