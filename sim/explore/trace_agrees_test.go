package explore_test

import (
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/internal/roundtrip"
	"github.com/voipsim/voipsim/validator"
)

// TestTraceOfAnyRunGivesItsVerdicts holds generated runs to SPEC.md section 9: the trace of
// any run, checked, gives the run's verdicts line for step, and fails on the same refusals
// (roundtrip.Check). The runs are of every app the campaigns run and of chaosApp, on
// scenarios from either generator — rapid's (which shrinks) or a seed's swarm mix (crash-
// or fault-heavy ones) —, with or without their wind-down, under configs that change what
// is written. Its end-of-run violations agree with the run's violations but for the
// deadlines the check does not have (sameObligations). More runs: -rapid.checks=N.
func TestTraceOfAnyRunGivesItsVerdicts(t *testing.T) {
	apps := drawnApps(t)
	rapid.Check(t, func(t *rapid.T) {
		app := rapid.SampledFrom(apps).Draw(t, "app")
		cfg := configGen().Draw(t, "config")
		sc := scenarioGen().Draw(t, "scenario")
		t.Logf("app %s, config %+v, script:\n%s", app.name, cfg, sc)
		res := sim.Run(app.make(t), sc, cfg)
		sum := roundtrip.Check(t, res)
		sameObligations(t, res, sum)
	})
}

// drawnApp is an app a property draws; it may draw what it does too (chaosApp).
type drawnApp struct {
	name string
	make func(*rapid.T) sim.App
}

// drawnApps are the apps of the campaigns — the reference app, each bug of the buggy app
// alone, all of them at once — and chaosApp.
func drawnApps(t *testing.T) []drawnApp {
	var out []drawnApp
	for _, name := range []string{"reference", "buggy", "buggy:all"} {
		for _, a := range lookup(t, name) {
			out = append(out, drawnApp{a.Name, func(*rapid.T) sim.App { return a.New() }})
		}
	}
	return append(out, drawnApp{"chaos", func(t *rapid.T) sim.App { return &chaosApp{t: t} }})
}

// configGen draws the settings that change what a run writes: the profile (which
// verdicts), open calls at the end, the deadlines (which violations), a horizon that cuts
// the run. Zero, the default, comes first, as rapid shrinks toward it.
func configGen() *rapid.Generator[sim.Config] {
	return rapid.Custom(func(t *rapid.T) sim.Config {
		var cfg sim.Config
		if rapid.Bool().Draw(t, "documented") {
			cfg.Profile = validator.Documented
		}
		cfg.AllowOpen = rapid.Bool().Draw(t, "allowOpen")
		halfSeconds := func(label string, most int) time.Duration {
			return time.Duration(rapid.IntRange(0, most).Draw(t, label)) * time.Second / 2
		}
		cfg.UIDeadline = halfSeconds("uiDeadline", 12)
		cfg.PushDeadline = halfSeconds("pushDeadline", 24)
		if rapid.Bool().Draw(t, "cutShort") {
			cfg.Horizon = halfSeconds("horizon", 120)
		}
		return cfg
	})
}

// scenarioGen draws a scenario of ScenarioGen, or of a seed (Generate, swarm-style), and
// may cut its wind-down, leaving calls, pushes and an outage going at the end.
func scenarioGen() *rapid.Generator[sim.Scenario] {
	return rapid.Custom(func(t *rapid.T) sim.Scenario {
		var sc sim.Scenario
		if rapid.Bool().Draw(t, "fromSeed") {
			sc = explore.Generate(rapid.Uint64().Draw(t, "seed"), rapid.IntRange(1, explore.DefaultSteps).Draw(t, "steps"))
		} else {
			sc = explore.ScenarioGen().Draw(t, "generated")
		}
		if rapid.Bool().Draw(t, "cut") {
			sc.Steps, _ = explore.SplitWindDown(sc.Steps)
		}
		return sc
	})
}
