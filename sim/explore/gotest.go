package explore

import (
	"strconv"
	"strings"
	"testing"

	"github.com/voipsim/voipsim/sim"
)

// Test runs the campaign inside a test: what `voipsim simulate` does for the built-in
// apps, for an app of your own. It fails t once for each kind of failure of each app, with
// how many scenarios fail that way, the first seed, that seed's scenario shrunk to a
// minimal script and the run of that script, so that the refused report or the missed
// obligation is in the test's output. A campaign out of its bounds stops t (Fatalf). It
// returns the summary, or nil when the campaign did not run.
//
//	func TestMyAppSurvivesThePhone(t *testing.T) {
//		app := explore.App{Name: "myapp", New: func() sim.App { return myapp.New() }}
//		explore.Campaign{Apps: []explore.App{app}, First: 1, Seeds: 500}.Test(t)
//	}
//
// The same seeds give the same scenarios on every machine, so a failure seen in CI
// replays anywhere: paste the script into simtest.Run, or run the seed's whole scenario,
// Generate(seed, steps).
func (c Campaign) Test(t testing.TB) *Summary {
	t.Helper()
	sum, err := c.Run()
	if err != nil {
		t.Fatalf("%v", err)
		return nil
	}
	for i := range sum.Apps {
		a := &sum.Apps[i]
		for j := range a.Findings {
			t.Errorf("%s", c.describe(c.Apps[i], a, &a.Findings[j], sum.Steps))
		}
	}
	return sum
}

// describe tells one finding of an app for a test failure.
func (c *Campaign) describe(app App, a *AppSummary, f *Finding, steps int) string {
	var b strings.Builder
	b.WriteString(a.App + " fails with: " + f.Key + "\n" + f.Extent(a.Scenarios) + ":\n\n" + f.Repro)
	b.WriteString("\nreplay it: simtest.Run(t, app, script, cfg) with the script above; the seed's whole scenario is explore.Generate(" +
		strconv.FormatUint(f.Seed, 10) + ", " + strconv.Itoa(steps) + ")\n\n")
	sc, err := sim.ParseScenario(f.Repro)
	if err != nil { // a reproducer is a scenario's own String, which parses: say so if not
		b.WriteString("the script does not parse: " + err.Error() + "\n")
		return b.String()
	}
	cfg := c.Config
	cfg.Quiet = false // the campaign's runs go without the log; this one is for reading
	b.WriteString("the run of the script:\n" + sim.Run(app.New(), sc, cfg).String())
	return b.String()
}
