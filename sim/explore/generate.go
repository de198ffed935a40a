package explore

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"pgregory.net/rapid"
)

// DefaultSteps is how many steps a generated scenario draws when none is given (the fair
// phone rules some out; restarts and the wind-down add more).
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

// MaxBytesSteps bounds the steps ScenarioFromBytes decodes: bytes past them are ignored,
// so that the fuzzer soon learns to cut them (long inputs make its minimizing slow).
const MaxBytesSteps = 64

// ScenarioFromBytes decodes a fuzzer's bytes into a scenario with UniformMix: each
// BytesPerStep bytes make one step (kind, callId, variant, and a two-byte gap), up to
// MaxBytesSteps steps; a short tail is padded with zeros. Every byte string is a valid
// scenario, and changing one byte changes one step.
func ScenarioFromBytes(data []byte) sim.Scenario {
	m := UniformMix
	n := min((len(data)+BytesPerStep-1)/BytesPerStep, MaxBytesSteps)
	return generate(&bytesSource{data: data}, &m, n)
}

// MaxGenSteps bounds the scenarios of ScenarioGen.
const MaxGenSteps = 40

// ScenarioGen generates scenarios for rapid with UniformMix, up to MaxGenSteps steps.
// rapid shrinks a failing one by shrinking its draws: each step's draws are one element
// of a slice, which rapid deletes one by one, and every draw goes toward 0, which the
// generator reads as the simplest (the first callId, voice, no name, no gap).
func ScenarioGen() *rapid.Generator[sim.Scenario] {
	return rapid.Custom(func(t *rapid.T) sim.Scenario {
		m := UniformMix
		draws := rapid.SliceOfN(stepDraws(&m), 1, MaxGenSteps).Draw(t, "steps")
		var q replay
		for _, d := range draws {
			q = append(q, d[:]...)
		}
		return generate(&q, &m, len(draws))
	})
}

// stepDraws draws the four choices of one step.
func stepDraws(m *Mix) *rapid.Generator[[4]int] {
	return rapid.Custom(func(t *rapid.T) [4]int {
		return [4]int{
			rapid.IntRange(0, m.total()-1).Draw(t, "kind"),
			rapid.IntRange(0, 2*m.Calls-1).Draw(t, "call"),
			rapid.IntRange(0, variants-1).Draw(t, "variant"),
			rapid.IntRange(0, gapSteps-1).Draw(t, "gap"),
		}
	})
}

// generate draws n steps, then winds the scenario down. Each step takes exactly four
// choices (kind, callId, variant, gap), whatever its kind, so that a byte decoder stays
// aligned.
func generate(c chooser, m *Mix, n int) sim.Scenario {
	g := generator{mix: m, steps: make([]sim.Step, 0, n+n/8+2+2*m.Calls)}
	total := m.total()
	for range n {
		kind := m.kind(c.intn(total))
		id := c.intn(2 * m.Calls)
		variant := c.intn(variants)
		g.at += gap(c.intn(gapSteps), m.MaxGap)
		g.add(kind, id, variant)
	}
	return sim.Scenario{Steps: appendWindDown(g.finish())}
}

// The phone a generator plays is a fair one: troubles come one at a time and pass, as on
// a real phone, so that a robust app passes every generated scenario and a failure is the
// app's. These bound what an app must ride out.
const (
	// MaxFaults is the most injected faults in one scenario.
	MaxFaults = 2
	// MaxOutage is the longest the service stays down after a crash; it then restarts.
	MaxOutage = 2 * time.Second
	// Calm is how long after a restart no new crash comes, and how long after a push no
	// push for the same callId comes (a push server resends only after the deadline).
	Calm = 10 * time.Second
)

// generator is what generation remembers between steps.
type generator struct {
	mix      *Mix
	steps    []sim.Step
	at       time.Duration
	faults   int
	restart  time.Duration // when the service comes back; 0: it is up
	calmTill time.Duration // no crash before
	epoch    int           // crashes so far: each retires the callIds in use
	pushed   map[string]time.Duration
	started  []string // the callIds pushed or dialed since the last crash, the latest last
}

// add appends the step the choices describe, if the fair phone allows it now.
func (g *generator) add(kind Kind, n, variant int) {
	g.restartBy(g.at)
	id := g.callID(kind, n)
	switch kind {
	case KindFault:
		if g.faults == MaxFaults {
			return
		}
		g.faults++
	case KindService:
		if g.restart != 0 || g.at < g.calmTill {
			return
		}
		outage := time.Duration(1+variant%20) * MaxOutage / 20
		g.restart, g.calmTill = g.at+outage, g.at+outage+Calm
		g.epoch++
		g.started = g.started[:0]
	case KindPush:
		if last, ok := g.pushed[id]; ok && g.at-last < Calm {
			return
		}
		if g.pushed == nil {
			g.pushed = make(map[string]time.Duration)
		}
		g.pushed[id] = g.at
		g.start(id)
	case KindDial:
		g.start(id)
	}
	g.steps = append(g.steps, step(kind, id, variant, g.at))
}

// restartBy brings the service back if its outage ends by t.
func (g *generator) restartBy(t time.Duration) {
	if g.restart != 0 && g.restart <= t {
		g.steps = append(g.steps, sim.Step{At: g.restart, Action: sim.ActServiceRestart})
		g.restart = 0
	}
}

func (g *generator) finish() []sim.Step {
	g.restartBy(g.restart)
	return g.steps
}

// callID picks a callId. Pushed calls are c1…cN, dialed calls d1…dN — the push server
// and the app name calls apart, so an incoming and an outgoing call never share an id,
// but ids are reused once their call ends. A crash retires the ids in use (the app is
// never told its calls are gone): the pool moves on to c(N+1)…c(2N). Banner and far-end
// steps are about calls already started: the draw picks among them, the latest first,
// so that few of them are skipped.
func (g *generator) callID(kind Kind, n int) string {
	calls := g.mix.Calls
	switch kind {
	case KindPush:
		return g.poolID('c', n%calls)
	case KindDial:
		return g.poolID('d', n%calls)
	}
	if len(g.started) > 0 {
		return g.started[len(g.started)-1-n%len(g.started)]
	}
	if n < calls {
		return g.poolID('c', n)
	}
	return g.poolID('d', n-calls)
}

func (g *generator) poolID(prefix byte, n int) string {
	n += g.epoch * g.mix.Calls
	if n < len(pooledIDs[0]) {
		return pooledIDs[prefix&1][n]
	}
	return string(prefix) + itoa(n+1)
}

// pooledIDs are the callIds of the first pools, made once: c1…c64 and d1…d64 (by the
// last bit of 'c' and 'd').
var pooledIDs = func() (ids [2][64]string) {
	for n := range ids[0] {
		ids['c'&1][n], ids['d'&1][n] = "c"+itoa(n+1), "d"+itoa(n+1)
	}
	return ids
}()

// start records a call started now, as the latest.
func (g *generator) start(id string) {
	if i := slices.Index(g.started, id); i >= 0 {
		g.started = slices.Delete(g.started, i, i+1)
	}
	g.started = append(g.started, id)
}

// WindDownPause separates the wind-down from the last step: longer than every deadline,
// so that what the app owed before is judged before the far ends hang up.
const WindDownPause = 20 * time.Second

// WindDown appends to a scenario's steps what ends everything a random scenario left
// going, so that a call still live at the end is the app's leak, not the generator's:
// WindDownPause after the last step, the service comes back if it is down, the carrier
// call ends if there is one, and the far end of every call pushed or dialed hangs up (the
// phone skips calls already over).
func WindDown(steps []sim.Step) []sim.Step { return appendWindDown(slices.Clip(steps)) }

// appendWindDown is WindDown appending in place, for steps whose spare room is free.
func appendWindDown(steps []sim.Step) []sim.Step {
	var at time.Duration
	down, carrier := false, false
	order := timeOrder(steps)
	for k := range steps {
		st := &steps[nth(order, k)]
		at = max(at, st.At)
		switch st.Action {
		case sim.ActServiceCrash, sim.ActServiceRestart:
			down = st.Action == sim.ActServiceCrash
		case sim.ActCarrierRing, sim.ActCarrierEnd:
			carrier = st.Action == sim.ActCarrierRing
		}
	}
	at += WindDownPause
	ids := startedIDs(steps)
	if down {
		steps = append(steps, sim.Step{At: at, Action: sim.ActServiceRestart})
	}
	if carrier {
		steps = append(steps, sim.Step{At: at, Action: sim.ActCarrierEnd})
	}
	for _, id := range ids {
		steps = append(steps, sim.Step{At: at, Action: sim.ActPeerHangup, CallID: id})
	}
	return steps
}

// timeOrder lists the indexes of the steps in the order the phone plays them: by time,
// script order among equal times. It is nil when the steps are in that order already, as
// generated steps are: see nth.
func timeOrder(steps []sim.Step) []int {
	byTime := func(a, b sim.Step) int { return cmp.Compare(a.At, b.At) }
	if slices.IsSortedFunc(steps, byTime) {
		return nil
	}
	order := make([]int, len(steps))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return byTime(steps[a], steps[b]) })
	return order
}

// nth is the index of the kth step in a timeOrder.
func nth(order []int, k int) int {
	if order == nil {
		return k
	}
	return order[k]
}

// startedIDs lists the callIds that steps push or dial, in order of first appearance.
func startedIDs(steps []sim.Step) []string {
	return idsOf(steps, func(a sim.Action) bool { return a == sim.ActPush || a == sim.ActDial })
}

// SplitWindDown is the steps before the WindDown they end with, and true; or the steps
// themselves, and false, when they end with none.
func SplitWindDown(steps []sim.Step) ([]sim.Step, bool) {
	// A wind-down's steps share one time, WindDownPause after every step before them: the
	// body ends where the steps of the last time start, or at the end when the wind-down
	// adds nothing. No other cut can work, and trying each would cost a WindDown per
	// step of a long wind-down.
	for _, cut := range []int{len(steps), lastTimeStart(steps)} {
		body := steps[:cut:cut]
		if slices.Equal(WindDown(body), steps) {
			return body, true
		}
	}
	return steps, false
}

// lastTimeStart is the index of the first of the steps at the time of the last one.
func lastTimeStart(steps []sim.Step) int {
	cut := len(steps)
	for cut > 0 && steps[cut-1].At == steps[len(steps)-1].At {
		cut--
	}
	return cut
}

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
		st.Action = sim.ActServiceCrash // the restart follows by itself (generator.add)
	case KindFault:
		st.Action, st.Code = sim.ActFault, faultCodes[variant%len(faultCodes)]
	case KindPeer:
		st.Action, st.CallID = peerActions[variant%len(peerActions)], id
	}
	return st
}

func itoa(n int) string { return strconv.Itoa(n) }
