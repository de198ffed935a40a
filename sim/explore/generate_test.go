package explore_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a := explore.Generate(42, 60).String()
	assert.Equal(t, a, explore.Generate(42, 60).String())
	assert.NotEqual(t, a, explore.Generate(43, 60).String())
	assert.Contains(t, a, "scenario seed-42\n")
}

func TestGeneratedScriptsReadBack(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		sc := explore.Generate(seed, 50)
		back, err := sim.ParseScenario(sc.String())
		require.NoError(t, err, "seed %d", seed)
		assert.Equal(t, sc, back, "seed %d", seed)
	}
}

// TestSwarmMixes: every kind of step is left out by some seeds and weighed by others, and
// every scenario has pushes or dials.
func TestSwarmMixes(t *testing.T) {
	var zero, some [7]int
	for seed := uint64(1); seed <= 200; seed++ {
		m := explore.MixOf(seed)
		for k, w := range m.Weights {
			if w == 0 {
				zero[k]++
			} else {
				some[k]++
			}
		}
		assert.True(t, m.Weights[explore.KindPush] > 0 || m.Weights[explore.KindDial] > 0, "seed %d: %+v", seed, m)
		assert.True(t, m.Calls >= 1 && m.Calls <= 6, "seed %d: %+v", seed, m)
		assert.True(t, m.MaxGap >= time.Second && m.MaxGap <= 15*time.Second, "seed %d: %+v", seed, m)
	}
	for k := range zero {
		assert.Positive(t, zero[k], "kind %s is never left out", explore.Kind(k))
		assert.Greater(t, some[k], zero[k], "kind %s", explore.Kind(k))
	}
}

// TestGeneratedPhoneIsFair: the troubles of a generated scenario stay within what a
// robust app rides out, and the scenario ends with its wind-down.
// TestWindDownHangsUpEachCallOnce: with many calls, each pushed or dialed again and
// again, each far end hangs up once, in order of first appearance.
func TestWindDownHangsUpEachCallOnce(t *testing.T) {
	var body, want []sim.Step
	for round, act := range []sim.Action{sim.ActPush, sim.ActDial, sim.ActPush} {
		for i := range 100 {
			id := "x" + strconv.Itoa((i*37)%100) // 37 is prime to 100: every id, shuffled
			at := time.Duration(round) * time.Minute
			body = append(body, sim.Step{At: at, Action: act, CallID: id}, sim.Step{At: at, Action: sim.ActPeerHangup, CallID: id})
			if round == 0 {
				want = append(want, sim.Step{At: 2*time.Minute + explore.WindDownPause, Action: sim.ActPeerHangup, CallID: id})
			}
		}
	}
	got := explore.WindDown(body)
	assert.Equal(t, body, got[:len(body)])
	assert.Equal(t, want, got[len(body):])
}

// TestSplitWindDownFindsTheBody: SplitWindDown cuts where the definition does — the
// longest body whose WindDown is the steps, tried at every cut —, for generated scenarios
// with their wind-down, without it, with part of it or a step after it, and hand-written
// edge cases.
func TestSplitWindDownFindsTheBody(t *testing.T) {
	longestBody := func(steps []sim.Step) ([]sim.Step, bool) {
		for cut := len(steps); cut >= 0; cut-- {
			if slices.Equal(explore.WindDown(steps[:cut:cut]), steps) {
				return steps[:cut:cut], true
			}
		}
		return steps, false
	}
	var cases [][]sim.Step
	for seed := uint64(1); seed <= 60; seed++ {
		whole := explore.Generate(seed, int(seed)).Steps
		body, wound := explore.SplitWindDown(whole)
		require.True(t, wound, "seed %d", seed)
		late := sim.Step{At: whole[len(whole)-1].At, Action: sim.ActCarrierRing}
		partial := whole[:min(len(body)+1, len(whole))]
		cases = append(cases, whole, body, whole[:len(whole)-1], partial, append(slices.Clone(whole), late))
	}
	for _, script := range []string{"", "0s carrier ring", "0s service crash\n20s service restart",
		"5s push c1 voice\n0s dial d1 voice\n25s peer hangup c1\n25s peer hangup d1",
		"25s push c1 voice\n5s dial d1 voice\n25s peer hangup c1\n25s peer hangup d1",
		"0s push c1 voice\n20s peer hangup c1\n20s peer hangup c1"} {
		sc, err := sim.ParseScenario(script)
		require.NoError(t, err)
		cases = append(cases, sc.Steps)
	}
	for _, steps := range cases {
		wantBody, wantWound := longestBody(steps)
		body, wound := explore.SplitWindDown(steps)
		assert.Equal(t, wantWound, wound, "%s", sim.Scenario{Steps: steps})
		assert.Equal(t, wantBody, body, "%s", sim.Scenario{Steps: steps})
	}
}

func TestGeneratedPhoneIsFair(t *testing.T) {
	for seed := uint64(1); seed <= 300; seed++ {
		sc := explore.Generate(seed, 100)
		assertFair(t, sc.Steps, "seed %d", seed)
	}
}

func assertFair(t *testing.T, steps []sim.Step, msgAndArgs ...any) {
	t.Helper()
	require.NoError(t, explore.Fair(steps), msgAndArgs...)
	for i := 1; i < len(steps); i++ {
		require.GreaterOrEqual(t, steps[i].At, steps[i-1].At, msgAndArgs...)
	}
	_, wound := explore.SplitWindDown(steps)
	require.True(t, wound, msgAndArgs...)
}

func TestFairNamesTheRuleBroken(t *testing.T) {
	for script, want := range map[string]string{
		"0s push c1 voice\n1s user answer c1 voice\n":                                  "",
		"0s fault 1007200002\n0s fault 1007200002\n1s fault 1007200999\n":              "step 3: fault 3 of at most 2",
		"0s service crash\n3s push c1 voice\n":                                         "the service crashed at 0s and is still down at 3s (step 2), more than 2s later",
		"0s service crash\n1s service restart\n5s service crash\n6s service restart\n": "step 3: a crash 4s after the last restart, within 10s",
		"0s service crash\n": "the service crashed at 0s and never restarts",
		"0s push c1 voice\n9.999s push c1 voice\n10s push c2 voice\n":                     "step 2: call c1 pushed again 9.999s after its last push, within 10s",
		"1s service restart\n2s service crash\n2.5s service restart\n":                    "",
		"1s service crash\n1s service restart\n":                                          "", // no restart before the first crash
		"0s service crash\n0s service restart\n1s service crash\n1s service restart\n":    "step 3: a crash 1s after the last restart, within 10s",
		"9s service crash\n10s service restart\n11s service crash\n12s service restart\n": "step 3: a crash 1s after the last restart, within 10s",
		"0s service crash\n1s service restart\n11s service crash\n12s service restart\n":  "", // a crash Calm after the restart
	} {
		sc, err := sim.ParseScenario(script)
		require.NoError(t, err)
		if err := explore.Fair(sc.Steps); want == "" {
			assert.NoError(t, err, script)
		} else {
			assert.EqualError(t, err, want, script)
		}
	}
}

func TestWindDownEndsWhatIsGoing(t *testing.T) {
	body, err := sim.ParseScenario("0s push c1 voice\n1s dial d1 video\n2s carrier ring\n3s service crash\n4s user answer c1 voice\n")
	require.NoError(t, err)
	got := sim.Scenario{Steps: explore.WindDown(body.Steps)}.String()
	assert.Equal(t, "0s push c1 voice\n1s dial d1 video\n2s carrier ring\n3s service crash\n4s user answer c1 voice\n"+
		"24s service restart\n24s carrier end\n24s peer hangup c1\n24s peer hangup d1\n", got)
	assert.Empty(t, explore.WindDown(nil)[0:0])
	again, err := sim.ParseScenario("0s push c1 voice\n1s dial d1 voice\n20s push c1 voice\n21s dial d1 voice\n")
	require.NoError(t, err)
	assert.Equal(t, "0s push c1 voice\n1s dial d1 voice\n20s push c1 voice\n21s dial d1 voice\n"+
		"41s peer hangup c1\n41s peer hangup d1\n", sim.Scenario{Steps: explore.WindDown(again.Steps)}.String(),
		"a callId pushed or dialed twice is hung up once")
}

func TestScenarioFromBytesIsTotal(t *testing.T) {
	assert.Empty(t, explore.ScenarioFromBytes(nil).Steps)
	for seed := uint64(1); seed <= 100; seed++ {
		data := explore.BytesOf(seed, 40)
		for _, cut := range []int{0, 1, 7, len(data) / 2, len(data)} {
			sc := explore.ScenarioFromBytes(data[:cut])
			back, err := sim.ParseScenario(sc.String())
			require.NoError(t, err)
			assert.Equal(t, sc.String(), back.String())
			if len(sc.Steps) > 0 {
				assertFair(t, sc.Steps, "seed %d cut %d", seed, cut)
			}
		}
	}
}

// TestScenarioFromBytesIsStable: changing one byte three times in four changes at most three
// steps of the scenario (the step the byte belongs to, the wind-down that follows what
// calls there are, a restart that follows a crash).
func TestScenarioFromBytesIsStable(t *testing.T) {
	small, total := 0, 0
	for seed := uint64(1); seed <= 40; seed++ {
		data := explore.BytesOf(seed, 30)
		base := gaps(explore.ScenarioFromBytes(data).Steps)
		for i := range data {
			mut := append([]byte(nil), data...)
			mut[i] ^= 0x5a
			got := gaps(explore.ScenarioFromBytes(mut).Steps)
			total++
			if differing(base, got) <= 3 {
				small++
			}
		}
	}
	assert.GreaterOrEqual(t, small*100/total, 75, "%d of %d one-byte changes changed at most 3 steps", small, total)
}

// gaps prints each step with the pause before it instead of its time.
func gaps(steps []sim.Step) []string {
	out := make([]string, len(steps))
	var prev time.Duration
	for i, st := range steps {
		st.At, prev = st.At-prev, st.At
		out[i] = st.String()
	}
	return out
}

// differing counts the steps that are not shared (a multiset difference).
func differing(a, b []string) int {
	count := map[string]int{}
	for _, s := range a {
		count[s]++
	}
	for _, s := range b {
		count[s]--
	}
	n := 0
	for _, c := range count {
		n += max(c, -c)
	}
	return n
}

// ScenarioFromBytes decodes each BytesPerStep bytes into a step, a short tail padded with
// zeros, and ignores the bytes past MaxBytesSteps steps; BytesOf makes steps*BytesPerStep
// bytes of the seed's stream.
func TestScenarioFromBytesStepsPerByte(t *testing.T) {
	data := explore.BytesOf(7, 100)
	script := func(b []byte) string { return explore.ScenarioFromBytes(b).String() }
	const full = explore.MaxBytesSteps * explore.BytesPerStep
	assert.Equal(t, script(data[:6]), script(append(data[:6:6], 0, 0, 0, 0)), "a tail is padded with zeros")
	assert.NotEqual(t, script(data[:6]), script(data[:5]), "a tail of one byte is a step")
	assert.Equal(t, script(data[:full]), script(data[:full+123]), "bytes past the last step are ignored")
	assert.NotEqual(t, script(data[:full]), script(data[:full-explore.BytesPerStep]), "the last step counts")
	assert.Equal(t, 5, explore.BytesPerStep)
	assert.Len(t, explore.BytesOf(1, 30), 30*explore.BytesPerStep)
	assert.Equal(t, []byte{0x4a, 0xcd, 0x77, 0xe9, 0xef}, explore.BytesOf(1, 1), "seed 1's stream")
}

// UniformMix, the mix of the fuzzer and of rapid, weighs every kind the same, with four
// callIds and gaps up to 15 s (its doc), so that every kind of step can be chosen.
func TestUniformMixWeighsEveryKindTheSame(t *testing.T) {
	for k, w := range explore.UniformMix.Weights {
		assert.Equal(t, 1, w, "kind %d", k)
	}
	assert.Equal(t, 4, explore.UniformMix.Calls)
	assert.Equal(t, 15*time.Second, explore.UniformMix.MaxGap)
}
