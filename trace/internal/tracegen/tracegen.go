// Package tracegen writes long, realistic traces for benchmarks and load tests: several
// calls at a time, each through a plausible life (push, report, answer, mute, hold, hang
// up), with carrier calls, UI events, comments and the occasional mistake an app makes.
// Every failing line carries the `expect` the validator gave it, so the trace checks clean.
package tracegen

import (
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
)

// concurrent is how many calls are in progress at a time (the incoming limit).
const concurrent = 3

// Config shapes a generated trace.
type Config struct {
	Lines    int    // exactly this many lines
	Seed     uint64 // the same seed gives the same trace
	Comments bool   // sprinkle # comment lines (tools such as jq cannot read them)
}

// Generate writes a trace to w, deterministically from c.Seed.
func Generate(w io.Writer, c Config) error {
	seed := c.Seed
	g := &generator{
		comments: c.Comments,
		rng:      rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		v:        validator.New(validator.WithStepNoun("line"), validator.AllowOpenCalls()),
		out:      trace.NewWriter(w),
	}
	if err := g.emit(&validator.Step{Op: validator.OpOn, EventType: callstate.UIEventType, Callback: func(callstate.UIEventInfo) {}}); err != nil {
		return err
	}
	for g.written < c.Lines {
		if err := g.next(); err != nil {
			return err
		}
	}
	return g.out.Flush()
}

type generator struct {
	rng     *rand.Rand
	v       *validator.Validator
	out     *trace.Writer
	now     time.Duration
	written int
	nextID  int
	calls   [concurrent]script
	carrier bool

	comments bool
}

// script is one call's life, one step per line.
type script struct {
	id       string
	steps    []validator.Step
	outgoing bool
}

// dialing reports whether an outgoing call is in progress: an app places one at a time.
func (g *generator) dialing() bool {
	for _, c := range g.calls {
		if c.outgoing && len(c.steps) > 0 {
			return true
		}
	}
	return false
}

func (g *generator) next() error {
	switch r := g.rng.IntN(1000); {
	case r < 15 && g.comments:
		return g.comment()
	case r < 25:
		return g.mistake()
	case r < 30 && !g.carrier:
		g.carrier = true
		return g.emit(&validator.Step{Op: validator.OpCarrierCallStart})
	case r < 200 && g.carrier: // carrier calls are short next to the trace
		g.carrier = false
		return g.emit(&validator.Step{Op: validator.OpCarrierCallEnd})
	}
	c := &g.calls[g.rng.IntN(concurrent)]
	if len(c.steps) == 0 {
		*c = g.newScript()
	}
	s := c.steps[0]
	c.steps = c.steps[1:]
	out, err := g.emitOutcome(&s)
	if (s.Op == validator.OpReportIncomingCall || s.Op == validator.OpReportOutgoingCall) &&
		(!out.OK() || out.Reason != callstate.ReasonNone) {
		c.steps = nil // the app gives up a call the service did not take
	}
	return err
}

func (g *generator) comment() error {
	if err := g.out.WriteComment("the app has seen " + strconv.Itoa(g.nextID) + " calls so far"); err != nil {
		return err
	}
	g.written++
	return nil
}

// mistake reports on a call that ended long ago: unknown-call-id.
func (g *generator) mistake() error {
	id := "c" + strconv.Itoa(g.rng.IntN(g.nextID+1))
	return g.emit(&validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: callstate.StateActive})
}

func (g *generator) newScript() script {
	g.nextID++
	id := "c" + strconv.Itoa(g.nextID)
	if g.rng.IntN(4) == 0 && !g.dialing() {
		return script{id: id, steps: g.outgoing(id), outgoing: true}
	}
	return script{id: id, steps: g.incoming(id)}
}

func (g *generator) incoming(id string) []validator.Step {
	attr := g.attribute(id, callstate.StateRinging)
	steps := []validator.Step{
		{Op: validator.OpPush, CallID: id},
		{Op: validator.OpReportIncomingCall, Attr: attr},
	}
	if g.rng.IntN(5) == 0 {
		return append(steps,
			validator.Step{Op: validator.OpUIEvent, CallID: id, UIEvent: callstate.EventReject},
			validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: callstate.StateDisconnected})
	}
	steps = append(steps,
		validator.Step{Op: validator.OpUIEvent, CallID: id, UIEvent: callstate.EventVoiceAnswer},
		validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: callstate.StateAnswered, CallType: callstate.CallVoice, HasCallType: true},
		validator.Step{Op: validator.OpReportCallStateChange, CallID: id, State: callstate.StateActive})
	return append(steps, g.talk(id)...)
}

func (g *generator) outgoing(id string) []validator.Step {
	attr := g.attribute(id, callstate.StateDialing)
	attr.IsDialingAllowedDuringCarrierCall = callstate.True
	steps := []validator.Step{
		{Op: validator.OpReportOutgoingCall, Attr: attr},
		{Op: validator.OpReportCallStateChange, CallID: id, State: callstate.StateActive},
	}
	return append(steps, g.talk(id)...)
}

// talk is the middle and end of a connected call: mute, hold, hang up.
func (g *generator) talk(id string) []validator.Step {
	return []validator.Step{
		{Op: validator.OpUIEvent, CallID: id, UIEvent: callstate.EventMuted},
		{Op: validator.OpReportCallAudioEventChange, CallID: id, AudioEvent: callstate.AudioMuted},
		{Op: validator.OpReportCallStateChange, CallID: id, State: callstate.StateHolding},
		{Op: validator.OpReportCallStateChange, CallID: id, State: callstate.StateActive},
		{Op: validator.OpUIEvent, CallID: id, UIEvent: callstate.EventUnmuted},
		{Op: validator.OpReportCallAudioEventChange, CallID: id, AudioEvent: callstate.AudioUnmuted},
		{Op: validator.OpUIEvent, CallID: id, UIEvent: callstate.EventHangup},
		{Op: validator.OpReportCallStateChange, CallID: id, State: callstate.StateDisconnected},
	}
}

var names = []string{"Ann", "Bob", "Chen Wei", "Dana", "Émile", "Farah"}

func (g *generator) attribute(id string, state callstate.CallState) callstate.Attribute {
	return callstate.Attribute{CallID: id, CallType: callstate.CallType(g.rng.IntN(2)), UserName: names[g.rng.IntN(len(names))],
		UserProfile: callstate.Avatar{Width: 112, Height: 112, ByteCount: 50176}, AbilityName: "VoipAbility", State: state}
}

// emit times a step, runs it through the validator and writes it with the verdict it got
// as its expect when that verdict is a failure.
func (g *generator) emit(s *validator.Step) error {
	_, err := g.emitOutcome(s)
	return err
}

func (g *generator) emitOutcome(s *validator.Step) (validator.Outcome, error) {
	g.now += time.Duration(g.rng.IntN(800)) * time.Millisecond
	g.written++
	s.At, s.HasTime, s.Seq = g.now, true, g.written
	out := g.v.Apply(s)
	if out.OK() {
		return out, g.out.Write(s)
	}
	return out, g.out.WriteExpecting(s, out)
}
