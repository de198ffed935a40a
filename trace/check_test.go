package trace_test

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/trace"
)

// checkJSON checks a trace and returns its JSON output, one string per line, summary last.
func checkJSON(t *testing.T, input string, opts trace.Options) ([]string, trace.Summary) {
	t.Helper()
	var lines []string
	sum, err := trace.Check(strings.NewReader(input), opts, func(r *trace.Record) error {
		lines = append(lines, strings.TrimSuffix(string(r.AppendJSON(nil)), "\n"))
		return nil
	})
	require.NoError(t, err)
	lines = append(lines, strings.TrimSuffix(string(sum.AppendJSON(nil)), "\n"))
	return lines, sum
}

const specAttr = `"voipCallAttribute":{"callId":"c1","voipCallType":1,"userName":"Ann","userProfile":{"width":112,"height":112,"byteCount":50176},"abilityName":"VoipAbility","voipCallState":"VOIP_CALL_STATE_RINGING"}`

func TestCheckSpecExample(t *testing.T) {
	input := `{"op":"on","type":"voipCallUiEvent"}
{"op":"push","callId":"c1","t":0}
{"op":"reportIncomingCall","t":420,` + specAttr + `}
# the user answers as voice
{"op":"uiEvent","callId":"c1","voipCallUiEvent":"VOIP_CALL_EVENT_VOICE_ANSWER","errorReason":0}
{"op":"reportCallStateChange","callId":"c1","callState":6,"callType":0}
{"op":"carrierCallStart"}
{"op":"reportOutgoingCall","voipCallAttribute":{"callId":"c2","voipCallType":0,"userName":"Bob","userProfile":{},"abilityName":"VoipAbility","voipCallState":5},"expect":"1007200003/carrier-conflict"}
not json

{"op":"reportCallAudioEventChange","callId":"c1","callAudioEvent":"AUDIO_EVENT_MUTED"}
`
	lines, sum := checkJSON(t, input, trace.Options{})
	assert.Equal(t, []string{
		`{"line":1,"op":"on","ok":true}`,
		`{"line":2,"op":"push","callId":"c1","ok":true}`,
		`{"line":3,"op":"reportIncomingCall","callId":"c1","ok":true,"result":"ERROR_NONE"}`,
		`{"line":5,"op":"uiEvent","callId":"c1","ok":true}`,
		`{"line":6,"op":"reportCallStateChange","callId":"c1","ok":true}`,
		`{"line":7,"op":"carrierCallStart","ok":true}`,
		`{"line":8,"op":"reportOutgoingCall","callId":"c2","ok":false,"code":1007200003,"message":"System internal error.","cause":"carrier-conflict","detail":"a carrier call is active since line 7 and isDialingAllowedDuringCarrierCall is not true","expected":true}`,
		`{"line":9,"ok":false,"malformed":"not JSON: invalid literal at column 1, found 'n'"}`,
		`{"line":11,"op":"reportCallAudioEventChange","callId":"c1","ok":true}`,
		`{"summary":{"lines":11,"apiCalls":5,"failed":1,"unexpected":0,"malformed":1,"violations":[{"cause":"leaked-call","callId":"c1","line":3,"detail":"call c1 (incoming, reported at line 3) is still ANSWERED: the app never reported DISCONNECTED"}]}}`,
	}, lines)
	assert.Equal(t, trace.ExitMalformed, sum.ExitCode())
}

func TestCheckStopsWhenEmitFails(t *testing.T) {
	input := strings.Repeat(`{"op":"carrierCallStart"}`+"\n", 5000)
	stop := errors.New("stdout closed")
	seen := 0
	sum, err := trace.Check(strings.NewReader(input), trace.Options{}, func(r *trace.Record) error {
		seen++
		if r.Line == 1000 {
			return stop
		}
		return nil
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 1000, seen)
	assert.Equal(t, 1000, sum.Lines)
}

func TestCheckReportsAReadError(t *testing.T) {
	disk := errors.New("disk gone")
	r := io.MultiReader(strings.NewReader("{\"op\":\"carrierCallStart\"}\n# note\n"), iotest.ErrReader(disk))
	records := 0
	sum, err := trace.Check(r, trace.Options{}, func(*trace.Record) error { records++; return nil })
	assert.ErrorIs(t, err, disk)
	assert.Equal(t, 1, records)
	assert.Equal(t, 2, sum.Lines)
}

// A malformed line changes nothing, not even the clock: its `t` neither makes a later `t`
// go backwards nor dates a later line without one.
func TestMalformedLineLeavesTheClock(t *testing.T) {
	lines, _ := checkJSON(t, `{"op":"on","type":"voipCallUiEvent"}
{"op":"push","callId":"c1","t":0}
{"op":"injectFault","code":401,"t":20000}
{"op":"uiEvent","callId":"c1","voipCallUiEvent":"VOIP_CALL_EVENT_HANGUP","errorReason":99,"t":30000}
{"op":"push","callId":1,"t":40000}
{"op":"carrierCallEnd","t":900}
{"op":"carrierCallStart","t":800}
{"op":"reportIncomingCall",`+specAttr+`}
`, trace.Options{AllowOpen: true})
	assert.Equal(t, []string{
		`{"line":1,"op":"on","ok":true}`,
		`{"line":2,"op":"push","callId":"c1","ok":true}`,
		`{"line":3,"ok":false,"malformed":"injectFault needs code 1007200002, 1007200003 or 1007200999"}`,
		`{"line":4,"ok":false,"malformed":"uiEvent needs an ErrorReason, got 99"}`,
		`{"line":5,"ok":false,"malformed":"push: callId must be a string"}`,
		`{"line":6,"op":"carrierCallEnd","ok":true}`,
		`{"line":7,"ok":false,"malformed":"t goes backwards: 800 ms is before 900 ms at line 6"}`,
		`{"line":8,"op":"reportIncomingCall","callId":"c1","ok":true,"result":"ERROR_NONE"}`,
		`{"summary":{"lines":8,"apiCalls":2,"failed":0,"unexpected":0,"malformed":4,"violations":[]}}`,
	}, lines)
}

// A line without `t` happens when the last well-formed line with one did.
func TestMalformedLineDoesNotDateTheNextLine(t *testing.T) {
	lines, _ := checkJSON(t, `{"op":"on","type":"voipCallUiEvent"}
{"op":"push","callId":"c1","t":0}
{"op":"injectFault","code":401,"t":20000}
{"op":"reportIncomingCall",`+specAttr+`}
`, trace.Options{AllowOpen: true})
	assert.Equal(t, `{"line":4,"op":"reportIncomingCall","callId":"c1","ok":true,"result":"ERROR_NONE"}`, lines[3])
}

// The clock is the `t` of the last well-formed line that had one: a line without `t` takes
// the clock's time but does not become the line the clock names. Fractions of a
// millisecond are named exactly.
func TestBackwardsNamesTheLineWhoseTimeTheClockHas(t *testing.T) {
	lines, _ := checkJSON(t, `{"op":"carrierCallStart","t":1.5}
{"op":"carrierCallEnd"}
{"op":"carrierCallStart","t":1.25}
`, trace.Options{})
	assert.Equal(t, `{"line":3,"ok":false,"malformed":"t goes backwards: 1.25 ms is before 1.5 ms at line 1"}`, lines[2])
}

// A trace longer than the batches the two stages pass round gives each line once, in order.
func TestLongTraceGivesEveryLineOnceInOrder(t *testing.T) {
	const n = 3000
	input := strings.Repeat(`{"op":"carrierCallStart"}`+"\n", n)
	next := 1
	sum, err := trace.Check(strings.NewReader(input), trace.Options{}, func(r *trace.Record) error {
		if r.Line != next {
			return errors.New("line " + strconv.Itoa(r.Line) + " where " + strconv.Itoa(next) + " belongs")
		}
		next++
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, n+1, next)
	assert.Equal(t, n, sum.Lines)
}

// A read error in the middle of a line longer than the read buffer stops the check with
// that error, and the part read is no line.
func TestCheckReportsAReadErrorInALongLine(t *testing.T) {
	disk := errors.New("disk gone")
	r := io.MultiReader(strings.NewReader(`{"op":"push","callId":"`+strings.Repeat("x", 100<<10)), iotest.ErrReader(disk))
	records := 0
	_, err := trace.Check(r, trace.Options{}, func(*trace.Record) error { records++; return nil })
	assert.ErrorIs(t, err, disk)
	assert.Zero(t, records)
}
