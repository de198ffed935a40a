package explore

import (
	"strconv"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"pgregory.net/rapid"
)

// DefaultSteps is the length of a generated scenario when none is given.
const DefaultSteps = 100

// Generate makes the scenario of one seed, swarm-style: the seed first draws its Mix,
// then the steps. The same seed and length always give the same scenario.
func Generate(seed uint64, steps int) sim.Scenario {
	c := newSeeded(seed)
	m := drawMix(c)
	sc := generate(c, &m, steps)
	sc.Name = "seed-" + strconv.FormatUint(seed, 10)
	return sc
}

// MixOf is the Mix that Generate draws for a seed.
func MixOf(seed uint64) Mix { return drawMix(newSeeded(seed)) }

// BytesPerStep is how many bytes ScenarioFromBytes decodes into one step.
const BytesPerStep = 5

// ScenarioFromBytes decodes a fuzzer's bytes into a scenario with UniformMix: each
// BytesPerStep bytes make one step (kind, callId, variant, and a two-byte gap), a short
// tail is padded with zeros. Every byte string is a valid scenario, and changing one byte
// changes one step.
func ScenarioFromBytes(data []byte) sim.Scenario {
	m := UniformMix
	n := (len(data) + BytesPerStep - 1) / BytesPerStep
	return generate(&bytesSource{data: data}, &m, n)
}

// MaxGenSteps bounds the scenarios of ScenarioGen.
const MaxGenSteps = 40

// ScenarioGen generates scenarios for rapid with UniformMix, up to MaxGenSteps steps.
// rapid shrinks a failing one by shrinking its draws: fewer steps, and every choice
// toward 0, which the generator reads as the simplest (the first callId, voice, no name,
// no gap).
func ScenarioGen() *rapid.Generator[sim.Scenario] {
	return rapid.Custom(func(t *rapid.T) sim.Scenario {
		m := UniformMix
		n := rapid.IntRange(1, MaxGenSteps).Draw(t, "steps")
		return generate(drawn{t}, &m, n)
	})
}

// generate draws n steps. Each step takes exactly four choices (kind, callId, variant,
// gap), whatever its kind, so that a byte decoder stays aligned.
func generate(c chooser, m *Mix, n int) sim.Scenario {
	sc := sim.Scenario{Steps: make([]sim.Step, 0, n)}
	total := m.total()
	var at time.Duration
	for range n {
		kind := m.kind(c.intn(total))
		id := callID(c.intn(m.Calls))
		variant := c.intn(variants)
		at += gap(c.intn(gapSteps), m.MaxGap)
		sc.Steps = append(sc.Steps, step(kind, id, variant, at))
	}
	return sc
}

// callID names the nth callId of a pool: c1, c2, …
func callID(n int) string {
	if n < len(callIDs) {
		return callIDs[n]
	}
	return "c" + strconv.Itoa(n+1)
}

var callIDs = [...]string{"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"}

// names are the callers and callees; the first, no name, is the simplest.
var names = [...]string{"", "Ann", "Bob", "Cid", "Dan", "Eve", "李雷", "Ann Lee"}

// variants is the range of the variant choice: one byte for the decoder, a multiple of
// the choices of most kinds.
const variants = len(names) * len(bannerActions) * len(peerActions)

const gapSteps = 1 << 16

// gap maps a choice in [0, gapSteps) to a pause of at most maxGap, quadratically so that
// short pauses are common and long ones rare, with millisecond granularity.
func gap(v int, maxGap time.Duration) time.Duration {
	f := float64(v) / gapSteps
	return (time.Duration(f*f*float64(maxGap)) / time.Millisecond) * time.Millisecond
}

var (
	bannerActions = [...]sim.Action{sim.ActAnswer, sim.ActReject, sim.ActHangup, sim.ActMute, sim.ActUnmute,
		sim.ActAnswer, sim.ActMuteRingtone}
	carrierActions = [...]sim.Action{sim.ActCarrierRing, sim.ActCarrierAnswer, sim.ActCarrierEnd}
	serviceActions = [...]sim.Action{sim.ActServiceCrash, sim.ActServiceRestart}
	peerActions    = [...]sim.Action{sim.ActPeerAnswer, sim.ActPeerHangup, sim.ActPeerFail}
	faultCodes     = [...]callstate.Code{callstate.CodeServiceUnavailable, callstate.CodeSystemInternal, callstate.CodeUnknown}
)

// step builds one step of a kind; the variant picks the action, type, name or code, 0
// being the simplest.
func step(kind Kind, id string, variant int, at time.Duration) sim.Step {
	st := sim.Step{At: at}
	switch kind {
	case KindPush, KindDial:
		st.Action, st.CallID, st.Name = sim.ActPush, id, names[(variant/2)%len(names)]
		if kind == KindDial {
			st.Action = sim.ActDial
		}
		st.Type = callstate.CallType(variant % 2)
	case KindBanner:
		i := variant % len(bannerActions)
		st.Action, st.CallID = bannerActions[i], id
		if i == len(bannerActions)-2 {
			st.Type = callstate.CallVideo // the second answer is on video
		}
	case KindCarrier:
		st.Action = carrierActions[variant%len(carrierActions)]
	case KindService:
		st.Action = serviceActions[variant%len(serviceActions)]
	case KindFault:
		st.Action, st.Code = sim.ActFault, faultCodes[variant%len(faultCodes)]
	case KindPeer:
		st.Action, st.CallID = peerActions[variant%len(peerActions)], id
	}
	return st
}
