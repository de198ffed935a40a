package readme

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/examples/readme/myapp"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// The README's section "Simulation and fuzzing: voipsim simulate": myapp against random
// scenarios of the phone, in a plain go test.

// README:begin campaign
func TestMyAppSurvivesThePhone(t *testing.T) {
	app := explore.App{Name: "myapp", New: func() sim.App { return myapp.New() }}
	explore.Campaign{Apps: []explore.App{app}, First: 1, Seeds: 500}.Test(t)
}

// README:end campaign

// FuzzMyApp runs, under go test, the seeds explore.Fuzz adds and the corpus under
// testdata/fuzz/FuzzMyApp (see corpus_test.go).
//
// README:begin fuzz
func FuzzMyApp(f *testing.F) {
	explore.Fuzz(f, func() sim.App { return myapp.New() }, sim.Config{})
}

// README:end fuzz

// README:begin rapid
func TestMyAppProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := explore.ScenarioGen().Draw(t, "scenario")
		if res := sim.Run(myapp.New(), sc, sim.Config{}); res.Failed() {
			t.Fatalf("%s", res)
		}
	})
}

// README:end rapid
