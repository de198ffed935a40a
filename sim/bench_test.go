package sim_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/validator"
)

// realisticMix is a day at a busy phone: calls one after another, each of one of five
// kinds (an outgoing call with mute, a rejected push, a video call answered on video
// and hung up, a voice call the far end ends, a push whose caller gives up), with now and
// then a carrier call taking over and an injected fault.
func realisticMix(calls int) sim.Scenario {
	var b strings.Builder
	line := func(at time.Duration, format string, id string) {
		b.WriteString(sim.FormatTime(at) + " " + strings.ReplaceAll(format, "ID", id) + "\n")
	}
	for i := 0; i < calls; i++ {
		t0, id := time.Duration(i)*20*time.Second, "c"+strconv.Itoa(i)
		if i%25 == 8 {
			line(t0, "fault 1007200003", "")
		}
		switch i % 5 {
		case 0:
			line(t0, "dial ID video to=Bob", id)
			line(t0+3*time.Second, "peer answer ID", id)
			line(t0+10*time.Second, "user mute ID", id)
			line(t0+12*time.Second, "user unmute ID", id)
			line(t0+15*time.Second, "peer hangup ID", id)
		case 1:
			line(t0, "push ID voice from=Ann", id)
			line(t0+2*time.Second, "user reject ID", id)
		case 2:
			line(t0, "push ID video from=Cid", id)
			line(t0+500*time.Millisecond, "user mute-ringtone ID", id)
			line(t0+time.Second, "user answer ID video", id)
			line(t0+15*time.Second, "user hangup ID", id)
		case 3:
			line(t0, "push ID voice from=Dan", id)
			line(t0+1500*time.Millisecond, "user answer ID voice", id)
			if i%10 == 3 {
				line(t0+5*time.Second, "carrier ring", id)
				line(t0+6*time.Second, "carrier answer", id)
				line(t0+9*time.Second, "carrier end", id)
			}
			line(t0+12*time.Second, "peer hangup ID", id)
		case 4:
			line(t0, "push ID voice from=Eve", id)
			line(t0+time.Second, "peer fail ID", id)
		}
	}
	sc, err := sim.ParseScenario(b.String())
	if err != nil {
		panic(err)
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
			v := validator.New()
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
