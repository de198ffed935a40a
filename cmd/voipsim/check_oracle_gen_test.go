package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
	"pgregory.net/rapid"
)

// This file generates the traces of the oracle of `voipsim check`: runs of the example
// apps under the simulated phone, written as traces, with the lines a person or another
// tool adds around them — comments, blank lines, CRLF, lines the author annotated with an
// `expect` that holds or not, API calls with odd arguments, malformed lines — and files
// that are empty, only comments, or missing.

// lineKind is what the generator meant a line to be.
type lineKind uint8

const (
	lineNote      lineKind = iota // blank or a # comment: no verdict
	lineStep                      // a step: a verdict, malformed only when its t goes backwards
	lineMalformed                 // malformed, whatever comes before it
)

// genLine is one physical line, without its ending.
type genLine struct {
	text   string
	kind   lineKind
	at     time.Duration // the line's t, when hasT
	hasT   bool
	expect string // the line's expect as a trace writes it ("ok", "401", "401/parameter-type"); "" without
}

// genFile is a file of the check and the lines it was made of.
type genFile struct {
	oracleFile
	lines []genLine
}

// oracleApps are the apps whose runs make the traces: the reference app, each bug of
// the buggy app alone, and all of them at once.
var oracleApps = func() []explore.App {
	buggy, err := apps.Lookup("buggy")
	if err != nil {
		panic(err)
	}
	all, err := apps.Lookup("buggy:all")
	if err != nil {
		panic(err)
	}
	return slices.Concat([]explore.App{apps.Reference}, all, buggy)
}()

// fileGen draws a file named name: "-" for stdin, a path otherwise; missing only when
// allowed.
func fileGen(name string, mayBeMissing bool) *rapid.Generator[genFile] {
	return rapid.Custom(func(t *rapid.T) genFile {
		f := genFile{oracleFile: oracleFile{name: name}}
		switch kind := rapid.IntRange(0, 23).Draw(t, "kind"); {
		case kind < 2:
			return f // empty
		case kind < 4 && mayBeMissing:
			f.missing = true
			return f
		case kind < 6:
			f.lines = rapid.SliceOfN(noteGen(), 1, 5).Draw(t, "notes")
		case kind == 6:
			f.lines = longLines(t)
		default:
			f.lines = mixedLines(t)
		}
		if len(f.lines) > 0 && strings.HasPrefix(f.lines[0].text, byteOrderMark) {
			// a byte-order mark is skipped only where it starts the file
			f.lines = append([]genLine{{text: "# a byte-order mark on the next line is not JSON", kind: lineNote}}, f.lines...)
		}
		f.content = joinLines(t, f.lines)
		return f
	})
}

// mixedLines is the trace of a run, cut anywhere, with lines of every kind around it.
func mixedLines(t *rapid.T) []genLine {
	app := rapid.SampledFrom(oracleApps).Draw(t, "app")
	cfg := sim.Config{Profile: rapid.SampledFrom([]validator.Profile{validator.Strict, validator.Documented}).Draw(t, "run profile")}
	res := sim.Run(app.New(), scenarioGen().Draw(t, "scenario"), cfg)
	steps := res.Steps
	if rapid.IntRange(0, 2).Draw(t, "cut mid-call?") == 0 {
		steps = steps[:rapid.IntRange(0, len(steps)).Draw(t, "cut")]
	}
	var end time.Duration
	ids := slices.Clone(handIDs)
	for i := range steps {
		end = max(end, steps[i].At)
		if id := steps[i].ID(); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	messy := rapid.Bool().Draw(t, "messy")
	var lines []genLine
	for i := range steps {
		var prev string
		if i > 0 {
			prev = steps[i-1].ID()
		}
		lines = append(lines, extraLines(t, extrasGen(ids, prev, end, messy))...)
		s := steps[i]
		expect := trace.ExpectOf(res.Outcomes[i])
		if !rapid.Bool().Draw(t, "run's expect") {
			expect = expectGen().Draw(t, "expect")
		}
		lines = append(lines, stepLine(t, &s, expect))
	}
	return append(lines, extraLines(t, extrasGen(ids, "", end, messy))...)
}

// longLines repeats a trace past the lines a check reads ahead in one batch (256).
func longLines(t *rapid.T) []genLine {
	block := mixedLines(t)
	if len(block) == 0 {
		block = []genLine{{text: `{"op":"on","type":"voipCallUiEvent"}`, kind: lineStep}}
	}
	var lines []genLine
	for n := rapid.IntRange(257, 400).Draw(t, "long"); len(lines) < n; {
		lines = append(lines, block...)
	}
	return lines
}

// scenarioGen draws what the phone plays: a scenario rapid can shrink step by step, or
// one of the seeded scenarios `voipsim simulate` plays, whose mix of steps varies more
// and which are longer early on.
func scenarioGen() *rapid.Generator[sim.Scenario] {
	return rapid.OneOf(explore.ScenarioGen(), rapid.Custom(func(t *rapid.T) sim.Scenario {
		return explore.Generate(rapid.Uint64().Draw(t, "seed"), rapid.IntRange(1, 30).Draw(t, "steps"))
	}))
}

// extrasGen draws a line an author adds to a run: a note, a step about one of ids, a
// state report about prev (the call of the step before: likely live, so the lifecycle
// decides), an odd argument; in a messy trace, also a malformed line or a step with a t
// of its own.
func extrasGen(ids []string, prev string, end time.Duration, messy bool) *rapid.Generator[genLine] {
	gens := []*rapid.Generator[genLine]{noteGen(), handStepGen(ids, -1), oddArgumentGen()}
	if messy {
		gens = append(gens, handStepGen(ids, end), malformedGen(), impossibleStepGen())
	}
	if prev != "" {
		gens = append(gens, lifecycleGen(prev))
	}
	return rapid.OneOf(gens...)
}

func lifecycleGen(id string) *rapid.Generator[genLine] {
	return rapid.Custom(func(t *rapid.T) genLine {
		s := validator.Step{Op: validator.OpReportCallStateChange, CallID: id,
			State: rapid.SampledFrom(callstate.CallStates()).Draw(t, "callState")}
		if rapid.IntRange(0, 3).Draw(t, "decline") == 0 {
			s = validator.Step{Op: validator.OpReportIncomingCallError, CallID: id}
		}
		return stepLine(t, &s, expectGen().Draw(t, "expect"))
	})
}

// extraLines are the lines an author adds between two steps of a run: mostly none.
func extraLines(t *rapid.T, extras *rapid.Generator[genLine]) []genLine {
	if rapid.IntRange(0, 3).Draw(t, "extras?") > 0 {
		return nil
	}
	return rapid.SliceOfN(extras, 1, 3).Draw(t, "extras")
}

func noteGen() *rapid.Generator[genLine] {
	return rapid.Custom(func(t *rapid.T) genLine {
		text := rapid.SampledFrom([]string{"", " ", "\t", "  \t ", "#", "# a comment", "   # indented", "\t#x", "#{\"op\":\"on\"}", "# \xff not UTF-8"}).Draw(t, "note")
		return genLine{text: text, kind: lineNote}
	})
}

// expectGen draws an expect: success, a code, or a code with one of its causes.
func expectGen() *rapid.Generator[string] {
	return rapid.SampledFrom([]string{"", "ok", "401", "1007200001", "1007200002", "1007200003",
		"401/parameter-type", "1007200001/unknown-call-id", "1007200001/illegal-transition",
		"1007200001/duplicate-report", "1007200001/incoming-not-ringing", "1007200001/missing-parameter",
		"1007200002/service-unavailable", "1007200003/carrier-conflict", "1007200003/incoming-limit"})
}

// stepLine writes s as a line with expect, a code alone sometimes as a JSON number.
func stepLine(t *rapid.T, s *validator.Step, expect string) genLine {
	text := strings.TrimSuffix(string(trace.AppendStep(nil, s, expect)), "\n")
	if _, err := strconv.Atoi(expect); err == nil && rapid.Bool().Draw(t, "expect as a number") {
		text = strings.Replace(text, `"expect":"`+expect+`"`, `"expect":`+expect, 1)
	}
	return genLine{text: text, kind: lineStep, at: s.At, hasT: s.HasTime, expect: expect}
}

// handOps are the ops of hand-made steps: every op, and state reports more often, which
// meet the lifecycle's rules.
var handOps = append(validator.Ops(), validator.OpReportCallStateChange, validator.OpReportCallStateChange,
	validator.OpReportCallStateChange, validator.OpReportIncomingCallError)

var handIDs = []string{"c1", "c2", "c3", "x-9", "呼叫"}

// handStepGen draws a step an author adds by hand: any API call with any argument, or
// an environment step a phone can produce, about one of ids; sometimes with a t up to a
// little after end, unless end is negative.
func handStepGen(ids []string, end time.Duration) *rapid.Generator[genLine] {
	return rapid.Custom(func(t *rapid.T) genLine {
		s := validator.Step{Op: rapid.SampledFrom(handOps).Draw(t, "op")}
		id := rapid.SampledFrom(ids).Draw(t, "callId")
		switch s.Op {
		case validator.OpOn, validator.OpOff:
			s.EventType = rapid.SampledFrom([]string{callstate.UIEventType, callstate.UIEventType, "voipCallUiEvents"}).Draw(t, "type")
			s.Callback = func(callstate.UIEventInfo) {}
		case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
			s.Attr = callstate.Attribute{CallID: id, CallType: callstate.CallType(rapid.IntRange(0, 2).Draw(t, "voipCallType")),
				UserName: rapid.SampledFrom([]string{"Ann", ""}).Draw(t, "userName"), AbilityName: "VoipAbility",
				UserProfile: callstate.Avatar{Width: 112, Height: 112, ByteCount: rapid.SampledFrom([]int{50176, 300000}).Draw(t, "byteCount")},
				State:       callstate.CallState(rapid.IntRange(0, 8).Draw(t, "voipCallState")),
			}
			if rapid.Bool().Draw(t, "the state a new call has") {
				s.Attr.State = map[bool]callstate.CallState{true: callstate.StateRinging, false: callstate.StateDialing}[s.Op == validator.OpReportIncomingCall]
			}
			s.Attr.IsDialingAllowedDuringCarrierCall = rapid.SampledFrom([]callstate.OptBool{callstate.Unset, callstate.True}).Draw(t, "dialing allowed")
		case validator.OpReportCallStateChange:
			s.CallID, s.State = id, callstate.CallState(rapid.IntRange(0, 8).Draw(t, "callState"))
			s.HasCallType = rapid.Bool().Draw(t, "three arguments")
			s.CallType = callstate.CallType(rapid.IntRange(0, 1).Draw(t, "callType"))
		case validator.OpReportCallAudioEventChange:
			s.CallID, s.AudioEvent = id, callstate.AudioEvent(rapid.IntRange(0, 5).Draw(t, "callAudioEvent"))
		case validator.OpReportIncomingCallError:
			s.CallID, s.FailureCause = id, callstate.FailureCause(rapid.IntRange(0, 3).Draw(t, "voipCallFailureCause"))
		case validator.OpPush:
			s.CallID = id
		case validator.OpUIEvent:
			s.CallID = id
			s.UIEvent = rapid.SampledFrom([]callstate.UIEvent{callstate.EventVoiceAnswer, callstate.EventVideoAnswer, callstate.EventReject,
				callstate.EventHangup, callstate.EventMuted, callstate.EventUnmuted, callstate.EventMuteRingtone}).Draw(t, "voipCallUiEvent")
			s.ErrorReason = callstate.ErrorReason(rapid.IntRange(0, 4).Draw(t, "errorReason"))
		case validator.OpInjectFault:
			s.FaultCode = rapid.SampledFrom([]callstate.Code{callstate.CodeServiceUnavailable, callstate.CodeSystemInternal, callstate.CodeUnknown}).Draw(t, "code")
		}
		if s.HasTime = end >= 0 && rapid.IntRange(0, 3).Draw(t, "has t") == 0; s.HasTime {
			s.At = time.Duration(rapid.Int64Range(0, int64(end/time.Millisecond)+20000).Draw(t, "t")) * time.Millisecond
		}
		return stepLine(t, &s, expectGen().Draw(t, "expect"))
	})
}

// oddArgumentGen draws an API call with an argument absent, null or of the wrong type:
// a verdict (401 or missing-parameter), not a malformed line.
func oddArgumentGen() *rapid.Generator[genLine] {
	return rapid.Custom(func(t *rapid.T) genLine {
		text := rapid.SampledFrom([]string{
			`{"op":"reportCallStateChange","callId":5,"callState":2}`,
			`{"op":"reportCallStateChange","callId":"c1"}`,
			`{"op":"reportCallStateChange","callId":"c1","callState":null}`,
			`{"op":"reportCallAudioEventChange","callId":"c2","callAudioEvent":true}`,
			`{"op":"reportIncomingCall","voipCallAttribute":"c1"}`,
			`{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c3","voipCallType":0,"userName":"A","userProfile":{},"abilityName":"","voipCallState":1}}`,
			`{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"c2","voipCallType":"VOIP_CALL_VIDEO","userName":"B","userProfile":{},"abilityName":"X","voipCallState":"VOIP_CALL_STATE_DIALING"}}`,
			`{"op":"on"}`,
			`{"op":"off","type":1}`,
			`{"op":"reportIncomingCallError","callId":"c1","voipCallFailureCause":"ROUTE_BUSY","unknownKey":[1,{"a":null}]}`,
		}).Draw(t, "odd argument")
		return genLine{text: text, kind: lineStep}
	})
}

// malformedGen draws a line README calls malformed: not JSON, not an object, no or an
// unknown op, a key twice, a bad t or expect, invalid UTF-8, a byte-order mark.
func malformedGen() *rapid.Generator[genLine] {
	return malformed(
		`nope`, `{`, `[1,2]`, `"on"`, `42`, `x # not a comment`,
		`{"op":"fly"}`, `{"op":"fly","t":99999999}`, `{"type":"voipCallUiEvent"}`, `{"op":5}`,
		`{"op":"on","op":"on","type":"voipCallUiEvent"}`,
		`{"op":"on","type":"voipCallUiEvent","expect":"maybe"}`,
		`{"op":"on","type":"voipCallUiEvent","expect":null}`,
		`{"op":"on","type":"voipCallUiEvent","expect":"+401"}`,
		`{"op":"on","type":"voipCallUiEvent","t":null}`,
		`{"op":"push","callId":"c1","t":-1}`,
		`{"op":"push","callId":"c1","t":99999999,"expect":"ok"} {}`,
		`{"op":"push","callId":"c`+"\xff"+`"}`,
		`{"op":"on","type":"voipCallUiEvent"`,
		byteOrderMark+`{"op":"on","type":"voipCallUiEvent"}`, // not the first line: fileGen sees to it
		byteOrderMark+`{"op":"push","callId":"c1"}`,
	)
}

// impossibleStepGen draws an environment step no phone could produce, which README
// calls malformed, with a t far ahead: a malformed line must not move the clock.
func impossibleStepGen() *rapid.Generator[genLine] {
	return malformed(
		`{"op":"push","callId":"","t":99999999}`,
		`{"op":"uiEvent","callId":"c1","voipCallUiEvent":"VOIP_CALL_EVENT_SPEAKER_ON","t":99999999}`,
		`{"op":"uiEvent","t":99999999,"voipCallUiEvent":"VOIP_CALL_EVENT_HANGUP"}`,
		`{"op":"injectFault","code":401,"t":99999999}`,
	)
}

func malformed(lines ...string) *rapid.Generator[genLine] {
	return rapid.Custom(func(t *rapid.T) genLine {
		return genLine{text: rapid.SampledFrom(lines).Draw(t, "malformed"), kind: lineMalformed}
	})
}

// joinLines ends each line with "\n" or "\r\n", maybe not the last, and may start the
// file with a byte-order mark.
func joinLines(t *rapid.T, lines []genLine) string {
	var b strings.Builder
	if rapid.IntRange(0, 9).Draw(t, "byte-order mark") == 0 {
		b.WriteString(byteOrderMark)
	}
	crlf := rapid.IntRange(0, 2).Draw(t, "CRLF: none, all, some")
	for i, l := range lines {
		b.WriteString(l.text)
		if i == len(lines)-1 && rapid.Bool().Draw(t, "no newline at the end") {
			break
		}
		if crlf == 1 || (crlf == 2 && rapid.Bool().Draw(t, "CRLF")) {
			b.WriteString("\r")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// filesGen draws the FILE arguments of one check: 1 to 4 traces, at most one of them on
// stdin, in dir; and maybe the same path twice.
func filesGen(dir string) *rapid.Generator[[]genFile] {
	return rapid.Custom(func(t *rapid.T) []genFile {
		n := rapid.IntRange(1, 4).Draw(t, "files")
		stdin := rapid.IntRange(-1, n-1).Draw(t, "stdin")
		files := make([]genFile, n)
		for i := range files {
			name := filepath.Join(dir, fmt.Sprintf("f%d.jsonl", i))
			if i == stdin {
				name = "-"
			}
			files[i] = fileGen(name, i != stdin).Draw(t, name)
		}
		if again := rapid.IntRange(-1, n-1).Draw(t, "a file twice"); again >= 0 && files[again].name != "-" {
			files = append(files, files[again])
		}
		return rapid.Permutation(files).Draw(t, "order")
	})
}
