package explore_test

import (
	"testing"

	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// BenchmarkExplore: what `voipsim simulate` does per seed on one core — generate the
// seed's scenario and run the reference app through it quietly. One op is one seed.
func BenchmarkExplore(b *testing.B) {
	b.ReportAllocs()
	reports, seed := 0, uint64(0)
	for b.Loop() {
		seed++
		sc := explore.Generate(seed, explore.DefaultSteps)
		reports += sim.Run(reference.New(), sc, sim.Config{Quiet: true}).Counts.Reports
	}
	b.ReportMetric(float64(seed)/b.Elapsed().Seconds(), "scenarios/s")
	b.ReportMetric(float64(reports)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkGenerate: the generator alone.
func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	seed := uint64(0)
	for b.Loop() {
		seed++
		explore.Generate(seed, explore.DefaultSteps)
	}
}
