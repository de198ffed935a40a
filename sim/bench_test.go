package sim_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/validator"
)

// callKinds are the calls of a realistic mix, as scripts of one call "ID" from time 0: an
// outgoing call with mute, a rejected push, a video call answered on video and hung up, a
// voice call the far end ends (now and then during a carrier call that takes over), a push
// whose caller gives up.
var callKinds = []string{
	"0s dial ID video to=Bob\n3s peer answer ID\n10s user mute ID\n12s user unmute ID\n15s peer hangup ID",
	"0s push ID voice from=Ann\n2s user reject ID",
	"0s push ID video from=Cid\n0.5s user mute-ringtone ID\n1s user answer ID video\n15s user hangup ID",
	"0s push ID voice from=Dan\n1.5s user answer ID voice\n12s peer hangup ID",
	"0s push ID voice from=Eve\n1s peer fail ID",
}

const (
	withCarrier = "0s push ID voice from=Dan\n1.5s user answer ID voice\n5s carrier ring\n6s carrier answer\n9s carrier end\n12s peer hangup ID"
	withFault   = "0s fault 1007200003\n"
)

// realisticMix is a busy phone: calls one after another, 20 s apart, of each kind in turn,
// with now and then a carrier call and an injected fault.
func realisticMix(calls int) sim.Scenario {
	var sc sim.Scenario
	for i := 0; i < calls; i++ {
		script := callKinds[i%len(callKinds)]
		if i%10 == 3 {
			script = withCarrier
		}
		if i%25 == 8 {
			script = withFault + script
		}
		one, err := sim.ParseScenario(strings.ReplaceAll(script, "ID", "c"+strconv.Itoa(i)))
		if err != nil {
			panic(err)
		}
		for _, st := range one.Steps {
			st.At += time.Duration(i) * 20 * time.Second
			sc.Steps = append(sc.Steps, st)
		}
	}
	return sc
}

func TestRealisticMixPasses(t *testing.T) {
	res := sim.Run(reference.New(), realisticMix(100), sim.Config{})
	if res.Failed() || res.Counts.Skipped > 0 || res.Counts.Reports < 300 {
		t.Fatalf("the benchmark's scenario should be a clean run of 300+ reports:\n%s", res)
	}
}

// BenchmarkScenario: the reference app through 100 calls of a realistic mix. One op is one
// whole run; reports/s and ns/report compare with the validator's own BenchmarkLifecycle.
func BenchmarkScenario(b *testing.B) {
	sc := realisticMix(100)
	for _, mode := range []struct {
		name string
		cfg  sim.Config
	}{{"log", sim.Config{}}, {"quiet", sim.Config{Quiet: true}}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			reports := 0
			for b.Loop() {
				reports += sim.Run(reference.New(), sc, mode.cfg).Counts.Reports
			}
			reportMetrics(b, reports)
		})
	}
	// The validator alone on the same run's steps: the cost the simulator adds is the
	// difference.
	b.Run("validator-only", func(b *testing.B) {
		steps := sim.Run(reference.New(), sc, sim.Config{}).Steps
		noop := func(callstate.UIEventInfo) {}
		for i := range steps {
			if steps[i].Callback != nil {
				steps[i].Callback = noop
			}
		}
		b.ReportAllocs()
		reports := 0
		for b.Loop() {
			v := validator.New(validator.SingleGoroutine()) // as the simulator runs it
			for i := range steps {
				v.Apply(&steps[i])
				if steps[i].Op.IsReport() {
					reports++
				}
			}
		}
		reportMetrics(b, reports)
	})
}

func reportMetrics(b *testing.B, reports int) {
	b.ReportMetric(float64(reports)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(reports), "ns/report")
}

// TestQuietRunAllocatesNothingPerEvent: the hot path allocates nothing per event. A quiet
// run of the mix without its injected faults (a refusal makes an error value, which is
// the cold path) allocates as much for 60 calls as for 20: the fixed cost of a run, and
// storage that grows to its peak. The validator remembers ended calls in chunks of 64,
// so both runs stay within one chunk.
func TestQuietRunAllocatesNothingPerEvent(t *testing.T) {
	allocs := func(calls int) float64 {
		sc := realisticMix(calls)
		sc.Steps = slices.DeleteFunc(sc.Steps, func(s sim.Step) bool { return s.Action == sim.ActFault })
		return testing.AllocsPerRun(20, func() {
			if res := sim.Run(reference.New(), sc, sim.Config{Quiet: true}); res.Failed() {
				t.Fatalf("%s", res)
			}
		})
	}
	assert.Equal(t, allocs(20), allocs(60))
}
