package validator_test

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/internal/golden"
	"github.com/voipsim/voipsim/validator"
)

// seedBuilder writes inputs in the decoder's layout, so that seeds read as scenarios.
type seedBuilder struct{ b []byte }

func seed(header byte) *seedBuilder { return &seedBuilder{b: []byte{header}} }

// Op bytes: indexes into validator.Ops().
const (
	bOn byte = iota
	bOff
	bIn
	bOut
	bState
	bAudio
	bInErr
	bPush
	bUI
	bCarrierStart
	bCarrierEnd
	bStop
	bStart
	bInject
)

// Argument bytes of the decoder.
const (
	idC0, idC1, idC2, idC3, idC4, idEmpty byte = 0, 1, 2, 3, 4, 7
	voice, video                          byte = 1, 2 // callType byte
	initial                               byte = 0    // the state byte of a new call: RINGING or DIALING
	noFault                               byte = 0
)

// state is the byte of a state report's state: value+1.
func state(s int) byte { return byte(s + 1) }

func (s *seedBuilder) op(op, dt, fault byte, args ...byte) *seedBuilder {
	s.b = append(append(s.b, op, dt, fault), args...)
	return s
}

func (s *seedBuilder) in(id, typ, st, flags byte) *seedBuilder {
	return s.op(bIn, 1, noFault, id, typ, st, flags)
}
func (s *seedBuilder) out(id, flags byte) *seedBuilder {
	return s.op(bOut, 1, noFault, id, voice, initial, flags)
}

// to reports a state with the two-argument form.
func (s *seedBuilder) to(id byte, st int) *seedBuilder {
	return s.op(bState, 1, noFault, id, state(st), 0)
}

// toType reports a state with the three-argument form and type 0 or 1.
func (s *seedBuilder) toType(id byte, st, typ int) *seedBuilder {
	return s.op(bState, 1, noFault, id, state(st), byte(typ+1)<<1|1)
}

func (s *seedBuilder) env(op byte, args ...byte) *seedBuilder { return s.op(op, 1, noFault, args...) }

// Time bytes that put a step 9 999 ms, 10 000 ms, 10 001 ms or 10 s + 1 ns after the push
// of its callId (decoder.advance).
const (
	at9999ms, at10000ms, at10001ms, at10sPlus1ns byte = 0xFF, 0xFC, 0xFD, 0xFE
)

// inAt reports an incoming call at time byte t.
func (s *seedBuilder) inAt(t, id byte) *seedBuilder {
	return s.op(bIn, t, noFault, id, video, initial, 0)
}

// end reports DISCONNECTED at once (no time passes).
func (s *seedBuilder) end(id byte) *seedBuilder { return s.op(bState, 0, noFault, id, state(4), 0) }

// avatarEdges reports and ends one call with each avatar at the edges of the limits,
// then an outgoing call with no callback registered.
func avatarEdges() []byte {
	s := seed(0)
	for e := byte(1); e <= 7; e++ {
		s.in(idC1, voice, initial, e<<5).end(idC1)
	}
	return s.env(bOff, 0).out(idC2, 2<<5).end(idC2).b
}

type fuzzSeed struct {
	name string
	data []byte
}

// fuzzSeeds are the committed corpus: one scenario per area of SPEC.md.
func fuzzSeeds() []fuzzSeed {
	const documented, allowOpen, unsubscribed = 1, 2, 4
	return []fuzzSeed{
		{"incoming-lifecycle", seed(0).env(bPush, idC1).in(idC1, video, initial, 0).env(bUI, idC1, 2, 0).
			to(idC1, 6).to(idC1, 2).env(bAudio, idC1, 1).to(idC1, 3).to(idC1, 2).to(idC1, 4).b},
		{"outgoing-type-change", seed(0).out(idC0, 0).to(idC0, 2).toType(idC0, 2, 1).to(idC0, 7).to(idC0, 7).to(idC0, 4).b},
		{"limits", seed(allowOpen).in(idC0, video, initial, 0).in(idC1, voice, initial, 0).in(idC2, video, initial, 0).
			in(idC3, video, initial, 0).out(idC4, 0).out(idC3, 0).out(idC0, 0).to(idC1, 4).in(idC3, voice, initial, 0).b},
		{"carrier", seed(0).env(bCarrierStart).env(bPush, idC1).in(idC1, video, initial, 0).out(idC2, 0).out(idC2, 2<<3).
			env(bCarrierEnd).in(idC1, video, initial, 0).to(idC1, 4).to(idC2, 4).b},
		{"service-stop", seed(0).in(idC1, video, initial, 0).env(bUI, idC1, 4, 0).env(bStop).to(idC1, 4).
			env(bOn, 0).env(bOff, 3).env(bStart).to(idC1, 4).in(idC1, video, initial, 0).b},
		{"fault-queue", seed(0).env(bInject, 0).env(bInject, 1).env(bInject, 2).env(bInject, 3).env(bInject, 4).
			to(idC2, 9).in(idC2, video, initial, 0).to(idC2, 2).env(bInErr, idC2, 2).in(idC2, video, initial, 0).env(bInErr, idC2, 2).b},
		{"documented-profile", seed(documented).in(idC1, video, 163, 0).to(idC1, 0).to(idC1, 0).to(idC1, 5).out(idC2, 0).
			env(bInErr, idC2, 1).in(idC3, voice, 165, 0).to(idC1, 4).b},
		{"argument-faults", seed(unsubscribed).op(bIn, 0, 0xE3, idC1, video, initial, 0).op(bIn, 0, 0xF2, idC1, video, initial, 0).
			in(idEmpty, video, initial, 0).in(idC1, 3, initial, 4).in(idC1, voice, 169, 0).op(bState, 0, 0xF8, idC1, state(2), 0).
			env(bAudio, idC1, 5).env(bInErr, idC1, 4).env(bOn, 3).env(bOn, 4).env(bUI, idC1, 11, 0).env(bPush, idEmpty).b},
		{"illegal-transitions", seed(0).in(idC1, video, initial, 0).to(idC1, 3).to(idC1, 5).to(idC1, 1).to(idC1, 0).
			out(idC2, 0).to(idC2, 6).to(idC2, 1).env(bInErr, idC2, 1).to(idC1, 7).to(idC1, 2).b},
		{"late-report-and-warnings", seed(unsubscribed).env(bPush, idC3).op(bIn, 101, noFault, idC3, video, initial, 3).
			env(bAudio, idC3, 1).env(bAudio, idC3, 1).env(bUI, idC4, 1, 0).env(bUI, idC3, 5, 0).b},
		{"late-report-edges", seed(0).env(bPush, idC4).env(bPush, idC1).env(bPush, idC2).env(bPush, idC3).
			inAt(at9999ms, idC4).end(idC4).inAt(at10000ms, idC1).end(idC1).inAt(at10001ms, idC2).end(idC2).inAt(at10sPlus1ns, idC3).end(idC3).b},
		{"avatar-edges", avatarEdges()},
		{"push-settlement", seed(0).env(bPush, idC1).env(bInErr, idC1, 2).env(bPush, idC2).env(bStop).env(bStart).env(bPush, idC2).
			in(idC2, video, initial, 0).env(bPush, idC2).end(idC2).env(bPush, idC3).out(idC3, 0).end(idC3).env(bInject, 0).
			in(idC3, video, initial, 0).env(bCarrierStart).in(idC3, video, initial, 0).end(idC3).b},
		{"ui-event-obligations", seed(unsubscribed).in(idC1, video, initial, 0).env(bUI, idC1, 6, 0).env(bUI, idC1, 7, 0).
			env(bAudio, idC1, 1).env(bUI, idC1, 2, 0).env(bUI, idC1, 3, 0).env(bUI, idC1, 1, 0).env(bUI, idC1, 10, 0).to(idC1, 6).
			env(bUI, idC1, 2, 0).to(idC1, 2).env(bAudio, idC1, 4).env(bAudio, idC1, 3).env(bAudio, idC1, 3).env(bAudio, idC1, 6).env(bAudio, idC1, 6).
			env(bAudio, idC1, 2).env(bUI, idC1, 5, 0).env(bUI, idC1, 4, 0).env(bOn, 0).env(bStop).env(bUI, idC1, 4, 0).b},
	}
}

func corpusFile(data []byte) string {
	return "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
}

// TestFuzzSeedCorpus keeps testdata/fuzz/FuzzValidator in step with fuzzSeeds (rewrite it
// with -update), and checks that each seed decodes to what its name says it exercises.
func TestFuzzSeedCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzValidator")
	seeds := fuzzSeeds()
	require.GreaterOrEqual(t, len(seeds), 8)
	for _, s := range seeds {
		golden.Assert(t, filepath.Join(dir, s.name), corpusFile(s.data))
	}
}

// TestFuzzSeedsDecode pins the decoder on two seeds, so that a change of layout that would
// silently turn the corpus into noise fails here.
func TestFuzzSeedsDecode(t *testing.T) {
	seeds := fuzzSeeds()
	ops := func(data []byte) []string {
		d := &decoder{data: data}
		d.header()
		var out []string
		for d.more() {
			s := d.step(nil)
			name := s.Op.String()
			if s.Op == validator.OpReportCallStateChange {
				name += " " + s.State.Short()
			}
			out = append(out, name)
		}
		return out
	}
	assert.Equal(t, []string{"push", "reportIncomingCall", "uiEvent", "reportCallStateChange ANSWERED", "reportCallStateChange ACTIVE",
		"reportCallAudioEventChange", "reportCallStateChange HOLDING", "reportCallStateChange ACTIVE",
		"reportCallStateChange DISCONNECTED"}, ops(seeds[0].data))
	d := &decoder{data: seeds[1].data}
	d.header()
	d.step(nil)
	d.step(nil)
	s := d.step(nil)
	assert.Equal(t, validator.Step{Op: validator.OpReportCallStateChange, At: s.At, HasTime: true, CallID: "c0",
		State: 2, CallType: 1, HasCallType: true}, s)
}

// TestFuzzDecoderTimesPushEdges pins the time bytes from 0xFC on: each report of the
// late-report-edges seed lands 9 999 ms, 10 000 ms, 10 001 ms and 10 s + 1 ns after the
// push of its callId.
func TestFuzzDecoderTimesPushEdges(t *testing.T) {
	var data []byte
	for _, s := range fuzzSeeds() {
		if s.name == "late-report-edges" {
			data = s.data
		}
	}
	d := &decoder{data: data}
	d.header()
	pushed := map[string]time.Duration{}
	var since []time.Duration
	for d.more() {
		s := d.step(nil)
		switch s.Op {
		case validator.OpPush:
			pushed[s.CallID] = s.At
		case validator.OpReportIncomingCall:
			since = append(since, s.At-pushed[s.Attr.CallID])
		}
	}
	assert.Equal(t, []time.Duration{9999 * time.Millisecond, 10 * time.Second, 10001 * time.Millisecond, 10*time.Second + 1}, since)
}
