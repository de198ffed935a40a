package explore_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// seen is one thing a probe app was told, at its virtual time.
type seen struct {
	at   time.Duration
	what string // "push", "dial", or the PeerEvent
	id   string
	how  string // a push's or a dial's type and name
}

// probe is an app with a bug of the test's choosing: it reports what is dialed (an
// injected fault fails the report), nothing else, and panics once bug holds of what it
// has seen. A panic is the failure "panic", so the shape of the shrunk scenario is
// exactly what bug needs.
type probe struct {
	env  sim.Env
	seen []seen
	bug  func(seen []seen, reportErr error) bool
}

func (p *probe) Start(env sim.Env) {
	p.env = env
	p.check(nil)
}

func (p *probe) OnPush(ps sim.Push) {
	p.saw(seen{what: "push", id: ps.CallID, how: ps.Type.String() + " " + ps.Caller}, nil)
}

func (p *probe) OnDial(d sim.Dial) {
	_, err := p.env.Kit().ReportOutgoingCall(callstate.Attribute{CallID: d.CallID, CallType: d.Type,
		AbilityName: "VoipAbility", State: callstate.StateDialing})
	p.saw(seen{what: "dial", id: d.CallID, how: d.Type.String() + " " + d.Callee}, err)
}

func (p *probe) OnPeer(id string, ev sim.PeerEvent) { p.saw(seen{what: ev.String(), id: id}, nil) }

func (p *probe) saw(s seen, err error) {
	s.at = p.env.Now()
	p.seen = append(p.seen, s)
	p.check(err)
}

func (p *probe) check(err error) {
	if p.bug(p.seen, err) {
		panic("the probe's bug")
	}
}

// shrinkProbe shrinks the script for a probe with bug, counting the runs.
func shrinkProbe(t *testing.T, script string, bug func([]seen, error) bool) (sim.Scenario, int) {
	t.Helper()
	sc, err := sim.ParseScenario(script)
	require.NoError(t, err)
	runs := 0
	newApp := func() sim.App { runs++; return &probe{bug: bug} }
	got := explore.Shrink(newApp, sc, "panic", sim.Config{AllowOpen: true})
	return got, runs
}

// dialed is when the probe was first told of the dial of id, and whether it was.
func dialed(ss []seen, id string) (time.Duration, bool) {
	for _, s := range ss {
		if s.what == "dial" && s.id == id {
			return s.at, true
		}
	}
	return 0, false
}

// hungUp is the call the far end just hung up, if that is the probe's last news.
func hungUp(ss []seen) (string, bool) {
	if len(ss) == 0 || ss[len(ss)-1].what != sim.PeerHungUp.String() {
		return "", false
	}
	return ss[len(ss)-1].id, true
}

// within reports whether d is in lo..hi.
func within(d, lo, hi time.Duration) bool { return lo <= d && d <= hi }

// secondDialLate: the far end hangs up a call dialed 1.2 s to 1.8 s after the first dial,
// of another call. No whole second fits, so the second dial keeps its odd time.
func secondDialLate(ss []seen, _ error) bool {
	id, ok := hungUp(ss)
	at, ok2 := dialed(ss, id)
	return ok && ok2 && ss[0].what == "dial" && ss[0].id != id && within(at-ss[0].at, 1200*time.Millisecond, 1800*time.Millisecond)
}

// dialedLate: the far end hangs up a call dialed 1.2 s to 1.8 s after the start.
func dialedLate(ss []seen, _ error) bool {
	id, ok := hungUp(ss)
	at, ok2 := dialed(ss, id)
	return ok && ok2 && within(at, 1200*time.Millisecond, 1800*time.Millisecond)
}

// dialsApart: a second dial, lo to hi after the first.
func dialsApart(lo, hi time.Duration) func([]seen, error) bool {
	return func(ss []seen, _ error) bool {
		return len(ss) == 2 && ss[0].what == "dial" && ss[1].what == "dial" && within(ss[1].at-ss[0].at, lo, hi)
	}
}

// hangupWithin: the far end hangs up a call lo to hi after it was dialed.
func hangupWithin(lo, hi time.Duration) func([]seen, error) bool {
	return func(ss []seen, _ error) bool {
		id, ok := hungUp(ss)
		at, ok2 := dialed(ss, id)
		return ok && ok2 && within(ss[len(ss)-1].at-at, lo, hi)
	}
}

// thirdDialNotFirst: a third dial, the second and third of calls other than the first's.
func thirdDialNotFirst(ss []seen, _ error) bool {
	return len(ss) == 3 && ss[1].id != ss[0].id && ss[2].id != ss[0].id
}

// firstDial: a dial, of any call.
func firstDial(ss []seen, _ error) bool { return len(ss) == 1 }

// thirdDial: a third dial, of any calls.
func thirdDial(ss []seen, _ error) bool { return len(ss) == 3 }

// reportFails: a report of the probe's fails, as an injected fault makes it.
func reportFails(_ []seen, err error) bool { return err != nil }

// startsBroken: the probe panics in Start, before any step.
func startsBroken([]seen, error) bool { return true }

// assertShrunk asserts the shrunk scenario is the script want, every field of every
// step included: a time of 1 ns or a fault code left on a dial would print as if simpler.
func assertShrunk(t *testing.T, want string, got sim.Scenario) {
	t.Helper()
	wantSc, err := sim.ParseScenario(want)
	require.NoError(t, err)
	assert.Equal(t, want, got.String())
	assert.Equal(t, append([]sim.Step{}, wantSc.Steps...), append([]sim.Step{}, got.Steps...))
}

// TestShrinkKeepsNothingItNeedNot: each promise of Shrink against a bug whose shape is
// known, so that the minimal scenario is known too, and what it costs in runs: the runs
// pin which candidates Shrink tries (ddmin's chunks, from halves down to single steps;
// each later call against each earlier one; up to four shorter gaps a step; none it ran
// before), which the result alone does not show.
func TestShrinkKeepsNothingItNeedNot(t *testing.T) {
	for _, tc := range []struct {
		name   string
		script string
		bug    func([]seen, error) bool
		want   string
		runs   int
	}{
		// The first step moves to 0; the second's gap keeps its 1.4 s, as no whole second
		// or half fits 1.2..1.8 s; the hangup's gap, counted from the step before and not
		// from 0, goes to 0.
		{"odd gap kept, next gap 0", "0.3s dial a voice\n1.7s dial b voice\n2.1s peer hangup b", secondDialLate,
			"0s dial c1 voice\n1.4s dial c2 voice\n1.4s peer hangup c2\n", 20},
		// The first step keeps its 1.5 s; the second's gap is from it, not from 0.
		{"first step kept late", "1.5s dial a voice\n2.3s peer hangup a", dialedLate,
			"1.5s dial c1 voice\n1.5s peer hangup c1\n", 13},
		// 0.9 s cannot be 0 or a whole second shorter: it is halved, to 0.45 s (the
		// millisecond below 450.5 ms), once, as 225 ms is too short.
		{"gap halved", "0.3s dial a voice\n1.201s peer hangup a", hangupWithin(300*time.Millisecond, time.Second),
			"0s dial c1 voice\n0.45s peer hangup c1\n", 10},
		// A gap is only ever shortened: 2 s would fail too, but is longer than 1.6 s.
		{"gap never longer", "0s dial a voice\n1.6s peer hangup a", hangupWithin(1500*time.Millisecond, 2500*time.Millisecond),
			"0s dial c1 voice\n1.6s peer hangup c1\n", 9},
		// A whole second is the simpler gap when 0 is too short (and 1 s, half of it, too).
		{"gap truncated", "0.25s dial a voice\n2.75s peer hangup a", hangupWithin(1800*time.Millisecond, 3*time.Second),
			"0s dial c1 voice\n2s peer hangup c1\n", 10},
		// c cannot merge into a, the first call, but can into b: each later call is tried
		// against every earlier one.
		{"merged into a later call", "0.5s dial a video to=Ann\n0.7s dial b voice\n1s dial c voice", thirdDialNotFirst,
			"0s dial c1 voice\n0s dial c2 voice\n0s dial c2 voice\n", 18},
		// Every call merges into the first.
		{"merged into the first", "0.5s dial a video to=Ann\n0.7s dial b voice\n1s dial c voice", thirdDial,
			"0s dial c1 voice\n0s dial c1 voice\n0s dial c1 voice\n", 15},
		// Any injected fault fails the report: the first fault code, faultCodes[0], is
		// the simplest; the dial keeps no code.
		{"first fault code", "0.5s fault 1007200003\n0.7s dial b video to=Bob\n1s dial c voice", reportFails,
			"0s fault 1007200002\n0s dial c1 voice\n", 13},
		// A failure that needs no step keeps none.
		{"no step needed", "0.5s dial a voice\n0.7s dial b voice\n1s dial c voice\n3s peer hangup c", startsBroken,
			"", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, runs := shrinkProbe(t, tc.script, tc.bug)
			assertShrunk(t, tc.want, got)
			assert.Equal(t, tc.runs, runs, "runs")
		})
	}
}

// TestShrinkRunsNoScenarioTwice: Shrink runs no scenario twice, as a second run can only
// show what the first did: not calls named c1, c2, … in order already, not a gap that
// truncates or rounds to one tried already (0.9 s to 0 s, 1.4 s to 1 s), not a complement
// of ddmin that a coarser grain tried, not the empty scenario again once one step is
// left. The scenarios are of dials alone, which the probe sees whole (time, callId, type
// and callee), so two runs it saw alike ran the same scenario.
func TestShrinkRunsNoScenarioTwice(t *testing.T) {
	for _, tc := range []struct {
		name   string
		script string
		bug    func([]seen, error) bool
		want   string
	}{
		{"named in order", "0s dial c1 voice\n0s dial c2 voice\n0s dial c3 voice", thirdDialNotFirst,
			"0s dial c1 voice\n0s dial c2 voice\n0s dial c2 voice\n"},
		{"merged", "0.5s dial a video to=Ann\n0.7s dial b voice\n1s dial c voice", thirdDialNotFirst,
			"0s dial c1 voice\n0s dial c2 voice\n0s dial c2 voice\n"},
		{"merged into the first", "0.5s dial a video to=Ann\n0.7s dial b voice\n1s dial c voice", thirdDial,
			"0s dial c1 voice\n0s dial c1 voice\n0s dial c1 voice\n"},
		{"gap rounds to its truncation", "0.3s dial a voice\n1.7s dial b video to=Bob", dialsApart(1200*time.Millisecond, 1800*time.Millisecond),
			"0s dial c1 voice\n1.4s dial c1 voice\n"},
		{"gap under a second", "0.3s dial a voice\n1.201s dial b voice", dialsApart(300*time.Millisecond, time.Second),
			"0s dial c1 voice\n0.45s dial c1 voice\n"},
		{"one step left", "0.5s dial a video to=Ann\n0.7s dial b voice", firstDial, "0s dial c1 voice\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := sim.ParseScenario(tc.script)
			require.NoError(t, err)
			var probes []*probe
			newApp := func() sim.App {
				probes = append(probes, &probe{bug: tc.bug})
				return probes[len(probes)-1]
			}
			assertShrunk(t, tc.want, explore.Shrink(newApp, sc, "panic", sim.Config{AllowOpen: true}))
			runs := map[string]int{}
			for _, p := range probes {
				runs[fmt.Sprint(p.seen)]++
			}
			for saw, n := range runs {
				assert.Equal(t, 1, n, "the probe saw %s in %d runs", saw, n)
			}
		})
	}
}

// everyPushOdd: the probe has seen calls pushes, of as many calls, each a time after the
// one before (the first after 0) that is no whole number of seconds.
func everyPushOdd(calls int) func([]seen, error) bool {
	return func(ss []seen, _ error) bool {
		if len(ss) != calls {
			return false
		}
		ids := map[string]bool{}
		var prev time.Duration
		for _, s := range ss {
			if s.what != "push" || ids[s.id] || (s.at-prev)%time.Second == 0 {
				return false
			}
			ids[s.id], prev = true, s.at
		}
		return true
	}
}

// TestShrinkStopsAtMaxShrinkRuns: a scenario whose every pass can only halve each gap, and
// then pays again for trying every pair of calls, has Shrink stop at MaxShrinkRuns runs,
// with a scenario that still fails. Gaps of 2^37 ms take 37 passes to halve down to 1 ms,
// each of some 650 runs for 36 calls (24,009 in all without the cap; 32 calls would
// need 19,167): the cap comes first.
func TestShrinkStopsAtMaxShrinkRuns(t *testing.T) {
	const calls = 36
	var sc sim.Scenario
	for i := range calls {
		sc.Steps = append(sc.Steps, sim.Step{At: time.Duration(i+1) << 37 * time.Millisecond, Action: sim.ActPush,
			CallID: "p" + strconv.Itoa(i), Type: callstate.CallVoice})
	}
	bug := everyPushOdd(calls)
	runs := 0
	newApp := func() sim.App { runs++; return &probe{bug: bug} }
	// No push is due before the end: a run with no violation to write up is cheaper.
	cfg := sim.Config{AllowOpen: true, PushDeadline: 1 << 61}
	got := explore.Shrink(newApp, sc, "panic", cfg)
	assert.Equal(t, explore.MaxShrinkRuns, runs)
	assert.Contains(t, explore.Keys(sim.Run(newApp(), got, cfg)), "panic")
}
