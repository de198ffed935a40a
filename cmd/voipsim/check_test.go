package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/trace"
)

const examples = "../../examples/traces"

func exampleTraces(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(examples, "*.jsonl"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 6)
	return files
}

// obligationCases are the examples that end with violations, and which.
var obligationCases = map[string][]string{
	"reject-never-disconnected": {"unanswered-ui-event c1 line 9", "leaked-call c1 line 7"},
}

func TestExamplesMeetTheirExpectations(t *testing.T) {
	for _, path := range exampleTraces(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".jsonl")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(path)
			require.NoError(t, err)
			defer f.Close()
			records := 0
			sum, err := trace.Check(f, trace.Options{}, func(r *trace.Record) error {
				records++
				assert.True(t, r.Expected, "line %d: %+v", r.Line, *r)
				assert.Empty(t, r.Malformed, "line %d", r.Line)
				return nil
			})
			require.NoError(t, err)
			assert.Zero(t, sum.Unexpected)
			assert.Zero(t, sum.Malformed)
			var violations []string
			for _, v := range sum.Violations {
				violations = append(violations, v.Cause.String()+" "+v.CallID+" line "+strconv.Itoa(v.Seq))
			}
			assert.Equal(t, obligationCases[name], violations)
		})
	}
}

func TestExamplesGolden(t *testing.T) {
	for _, path := range exampleTraces(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".jsonl")
		t.Run(name, func(t *testing.T) {
			wantStatus := 0
			if obligationCases[name] != nil {
				wantStatus = 1
			}
			text, errOut, status := runCmd(t, "", "check", path)
			assert.Equal(t, wantStatus, status)
			assert.Empty(t, errOut)
			assertGolden(t, filepath.Join("check", name+".txt"), text)
			js, _, status := runCmd(t, "", "check", "--format", "json", path)
			assert.Equal(t, wantStatus, status)
			assertGolden(t, filepath.Join("check", name+".json"), js)
		})
	}
}

func TestCheckExitStatus(t *testing.T) {
	ok := `{"op":"on","type":"voipCallUiEvent"}` + "\n"
	failing := `{"op":"reportCallStateChange","callId":"c1","callState":2}` + "\n"
	tests := []struct {
		name, input string
		args        []string
		status      int
	}{
		{"all ok", ok, nil, 0},
		{"failure not expected", ok + failing, nil, 1},
		{"failure expected", `{"op":"reportCallStateChange","callId":"c1","callState":2,"expect":"1007200001/unknown-call-id"}`, nil, 0},
		{"leaked call", leakedCall, nil, 1},
		{"leaked call allowed", leakedCall, []string{"--allow-open"}, 0},
		{"malformed wins", failing + "{\n", nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"check", "--format", "json"}, tt.args...), "-")
			_, _, status := runCmd(t, tt.input, args...)
			assert.Equal(t, tt.status, status)
		})
	}
}

const leakedCall = `{"op":"on","type":"voipCallUiEvent"}
{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"c1","voipCallType":0,"userName":"A","userProfile":{},"abilityName":"X","voipCallState":5}}
`

func TestCheckProfileDocumented(t *testing.T) {
	ringing := `{"op":"reportIncomingCall","voipCallAttribute":{"callId":"c1","voipCallType":0,"userName":"A","userProfile":{},"abilityName":"X","voipCallState":1}}
{"op":"reportCallStateChange","callId":"c1","callState":"VOIP_CALL_STATE_HOLDING"}
`
	out, _, _ := runCmd(t, ringing, "check", "--format", "json", "--allow-open", "-")
	assert.Contains(t, out, `"cause":"illegal-transition"`)
	out, _, status := runCmd(t, ringing, "check", "--format", "json", "--allow-open", "--profile", "documented", "-")
	assert.NotContains(t, out, "illegal-transition")
	assert.Equal(t, 0, status)
	_, errOut, status := runCmd(t, ringing, "check", "--profile", "lax", "-")
	assert.Equal(t, exitUsage, status)
	assert.Equal(t, "voipsim: --profile must be \"strict\" or \"documented\", got \"lax\"\n", errOut)
}

func TestCheckMissingFileIsNamed(t *testing.T) {
	out, errOut, status := runCmd(t, "", "check", "--format", "json", "no-such-trace.jsonl", filepath.Join(examples, "late-report.jsonl"))
	assert.Equal(t, 2, status)
	assert.Equal(t, "voipsim check: open no-such-trace.jsonl: no such file or directory\n", errOut)
	assert.True(t, strings.HasPrefix(out, `{"file":"no-such-trace.jsonl","error":"open no-such-trace.jsonl: no such file or directory"}`+"\n"),
		"two files are several: each names its file\n%s", out)
	assert.Contains(t, out, "\n"+`{"file":"`+filepath.Join(examples, "late-report.jsonl")+`","summary":{"lines":9,`, "the other file is still checked")
}

func TestCheckRefusesADirectory(t *testing.T) {
	out, errOut, status := runCmd(t, "", "check", examples)
	assert.Equal(t, 2, status)
	assert.Empty(t, out)
	assert.Equal(t, "voipsim check: "+examples+" is a directory, not a trace\n", errOut)
}

func TestCheckNeedsAFile(t *testing.T) {
	_, errOut, status := runCmd(t, "", "check")
	assert.Equal(t, exitUsage, status)
	assert.Contains(t, errOut, "voipsim: no FILE given: name one or more JSON Lines traces, or - to read stdin\n")
}

func TestCheckTextColoursOnlyOnRequest(t *testing.T) {
	var plain, colored strings.Builder
	e := &env{stdin: strings.NewReader(leakedCall), stdout: &plain, stderr: &plain}
	run([]string{"check", "-"}, e)
	assert.NotContains(t, plain.String(), "\x1b[")
	e = &env{stdin: strings.NewReader(leakedCall), stdout: &colored, stderr: &colored, color: true}
	run([]string{"check", "-"}, e)
	assert.Contains(t, colored.String(), "\x1b[31mviolations:\x1b[0m")
}

// mixedTrace has a line of every kind: ok, expected and unexpected failures, a warning, a
// malformed line, and an unmet obligation.
const mixedTrace = `{"op":"on","type":"voipCallUiEvent"}
{"op":"push","callId":"c1","t":0}
{"op":"reportIncomingCall","t":12420,"voipCallAttribute":{"callId":"c1","voipCallType":1,"userName":"","userProfile":{"width":640,"height":640,"byteCount":409600},"abilityName":"VoipAbility","voipCallState":"VOIP_CALL_STATE_RINGING"}}
# the user answers as voice
{"op":"uiEvent","callId":"c1","voipCallUiEvent":"VOIP_CALL_EVENT_VOICE_ANSWER","errorReason":0}
{"op":"carrierCallStart"}
{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"Bob","userProfile":{},"abilityName":"VoipAbility","voipCallState":5},"expect":"1007200003/carrier-conflict"}
{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"Bob","userProfile":{},"abilityName":"VoipAbility","voipCallState":5}}
{"op":"reportCallStateChange","callId":"c1","callState":"VOIP_CALL_STATE_ACTIVE","expect":1007200001}
{"op":"reportCallStateChange","callId":"c1",
`

func TestCheckTextShowsEveryKindOfLine(t *testing.T) {
	out, _, status := runCmd(t, mixedTrace, "check", "-")
	assert.Equal(t, 2, status)
	assertGolden(t, "check/mixed.txt", out)
	out, _, _ = runCmd(t, mixedTrace, "check", "--format", "json", "-")
	assertGolden(t, "check/mixed.json", out)
}

func TestCheckSeveralFilesGetAHeaderEach(t *testing.T) {
	a, b := filepath.Join(examples, "late-report.jsonl"), filepath.Join(examples, "carrier-conflict.jsonl")
	out, _, status := runCmd(t, "", "check", a, b)
	assert.Equal(t, 0, status)
	assert.True(t, strings.HasPrefix(out, "== "+a+" ==\n"))
	assert.Contains(t, out, "\n== "+b+" ==\n")
	assert.Equal(t, 2, strings.Count(out, "result: ok (exit 0)"))
}

// In JSON, the outputs of several files follow each other: each summary names its file,
// and a file that cannot be read gets a line that says so in place of its summary. One
// file's output is the one README.md shows, with no file field.
func TestCheckSeveralFilesInJSONNameTheirFile(t *testing.T) {
	a, missing := filepath.Join(examples, "late-report.jsonl"), filepath.Join(t.TempDir(), "missing.jsonl")
	out, errOut, status := runCmd(t, "", "check", "--format", "json", a, missing, a)
	assert.Equal(t, 2, status)
	assert.Equal(t, "voipsim check: open "+missing+": no such file or directory\n", errOut)
	var lines []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		if _, isRecord := m["line"]; !isRecord {
			lines = append(lines, m)
		}
	}
	require.Len(t, lines, 3, out)
	assert.Equal(t, a, lines[0]["file"])
	assert.Contains(t, lines[0], "summary")
	assert.Equal(t, map[string]any{"file": missing, "error": "open " + missing + ": no such file or directory"}, lines[1])
	assert.Equal(t, a, lines[2]["file"])

	one, _, _ := runCmd(t, "", "check", "--format", "json", a)
	assert.NotContains(t, one, `"file"`)
	assert.Contains(t, one, "\n"+`{"summary":{`)
}

func TestCheckQuotesAFileNameInErrors(t *testing.T) {
	_, errOut, status := runCmd(t, "", "check", "no\x1b[2J.jsonl")
	assert.Equal(t, 2, status)
	assert.Equal(t, `voipsim check: "open no\x1b[2J.jsonl: no such file or directory"`+"\n", errOut)
}

// A trace that cannot be read to the end is like one that cannot be opened: exit status
// 2, the reason on stderr, and no summary, for it would count only part of the trace.
func TestCheckReadErrorMidTrace(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		t.Run(format, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			stdin := io.MultiReader(strings.NewReader(`{"op":"on","type":"voipCallUiEvent"}`+"\n"), iotest.ErrReader(errors.New("input/output error")))
			status := run([]string{"check", "--format", format, "-"}, &env{stdin: stdin, stdout: &stdout, stderr: &stderr})
			assert.Equal(t, 2, status)
			assert.Equal(t, "voipsim check: -: after line 1: input/output error\n", stderr.String())
			assert.NotContains(t, stdout.String(), "summary")
			if format == "json" {
				assert.Equal(t, `{"line":1,"op":"on","ok":true}`+"\n", stdout.String())
			}
		})
	}
}

func TestCheckRefusesAnUnknownFormat(t *testing.T) {
	out, errOut, status := runCmd(t, leakedCall, "check", "--format", "xml", "-")
	assert.Equal(t, exitUsage, status)
	assert.Empty(t, out)
	assert.Equal(t, `voipsim: --format must be "text" or "json", got "xml"`+"\n", errOut)
}

// A trace with no API call passes, as SPEC's exit status says, but stderr says nothing was
// checked: an empty pipe or the wrong file would pass that way too.
func TestCheckSaysWhenNothingWasChecked(t *testing.T) {
	for stdin, note := range map[string]string{
		"":                                  "voipsim check: stdin holds no API call to check (0 lines read)\n",
		"# only a comment\n":                "voipsim check: stdin holds no API call to check (1 line read)\n",
		"{\"op\":\"carrierCallStart\"}\n\n": "voipsim check: stdin holds no API call to check (2 lines read)\n",
		"{\"op\":\"on\",\"type\":\"voipCallUiEvent\"}\n": "",
		"{\"op\":\"push\",\"callId\":\"c1\"}\n":          "", // a violation: push-not-reported
		"nope\n":                                         "", // malformed
	} {
		_, errOut, status := runCmd(t, stdin, "check", "-")
		assert.Equal(t, note, errOut, "%q", stdin)
		if note != "" {
			assert.Equal(t, 0, status, "%q", stdin)
		}
	}
}

// The notes of check on stderr quote a file name or a read error that a terminal would act on.
func TestCheckQuotesOddTextInNotes(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "e\x1b[2J.jsonl")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	_, errOut, status := runCmd(t, "", "check", empty)
	assert.Equal(t, 0, status)
	assert.Equal(t, "voipsim check: "+strconv.Quote(empty)+" holds no API call to check (0 lines read)\n", errOut)

	var stdout, stderr bytes.Buffer
	stdin := iotest.ErrReader(errors.New("bad\x1b[2J"))
	status = run([]string{"check", "-"}, &env{stdin: stdin, stdout: &stdout, stderr: &stderr})
	assert.Equal(t, 2, status)
	assert.Equal(t, `voipsim check: "-: after line 0: bad\x1b[2J"`+"\n", stderr.String())
}
