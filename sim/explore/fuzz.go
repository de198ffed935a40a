package explore

import (
	"testing"

	"github.com/voipsim/voipsim/sim"
)

// Fuzz turns an app into a go test -fuzz target: each input is decoded by
// ScenarioFromBytes and played around a fresh app; the target fails on any failure of
// the run, printing the scenario as a script and the run's log.
//
//	func FuzzMyApp(f *testing.F) {
//		explore.Fuzz(f, func() sim.App { return myapp.New() }, sim.Config{})
//	}
//
// Seeds are added for a few generated scenarios (BytesOf), besides the corpus under
// testdata/fuzz/FuzzMyApp.
func Fuzz(f *testing.F, newApp func() sim.App, cfg sim.Config) {
	for seed := uint64(1); seed <= fuzzSeeds; seed++ {
		f.Add(BytesOf(seed, fuzzSeedSteps))
	}
	quiet := cfg
	quiet.Quiet = true
	f.Fuzz(func(t *testing.T, data []byte) {
		sc := ScenarioFromBytes(data)
		if sim.Run(newApp(), sc, quiet).Failed() {
			// Run again with the log, which the fuzzer's many passing runs do without.
			t.Fatalf("the app fails this scenario:\n%s\nrun:\n%s", sc, sim.Run(newApp(), sc, cfg))
		}
	})
}

const (
	fuzzSeeds     = 8
	fuzzSeedSteps = 30
)

// BytesOf is fuzzer input made from a seed: steps*BytesPerStep bytes from the seed's PCG
// stream, a typical input for ScenarioFromBytes.
func BytesOf(seed uint64, steps int) []byte {
	c := newSeeded(seed)
	data := make([]byte, steps*BytesPerStep)
	for i := range data {
		data[i] = byte(c.intn(256))
	}
	return data
}
