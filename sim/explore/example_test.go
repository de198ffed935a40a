package explore_test

import (
	"fmt"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

// A campaign over 200 seeds finds the duplicate ACTIVE of a buggy app and shrinks the
// first scenario that shows it to the steps that matter.
func ExampleCampaign() {
	app := explore.App{Name: "buggy", New: func() sim.App { return buggy.New(buggy.ReportsActiveTwice) }}
	sum, err := explore.Campaign{Apps: []explore.App{app}, First: 1, Seeds: 200}.Run()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range sum.Apps[0].Findings {
		fmt.Printf("%s: %d scenarios, first seed %d, shrunk to:\n%s", f.Key, f.Scenarios, f.Seed, f.Repro)
	}
	// Output:
	// verdict reportCallStateChange 1007200001/duplicate-report: 66 scenarios, first seed 4, shrunk to:
	// scenario seed-4
	// 0s dial c1 voice
	// 0s peer answer c1
	// 20s peer hangup c1
}

// A campaign's seeds start at First, which is 0 unless set: the default seeds of a
// Campaign are 0…999, those of `voipsim simulate` 1…1000.
func ExampleCampaign_SeedList() {
	for _, c := range []explore.Campaign{{}, {First: 1}} {
		seeds := c.SeedList()
		fmt.Printf("%d seeds: %d…%d\n", len(seeds), seeds[0], seeds[len(seeds)-1])
	}
	// Output:
	// 1000 seeds: 0…999
	// 1000 seeds: 1…1000
}

// Shrink works on any failing scenario, written by hand or generated: without a
// wind-down, it keeps only what the failure needs.
func ExampleShrink() {
	sc, _ := sim.ParseScenario(`
0s    push c7 video from=Ann
1.5s  user answer c7 video
12s   peer hangup c7
`)
	newApp := func() sim.App { return buggy.New(buggy.ReportsActiveTwice) }
	fmt.Print(explore.Shrink(newApp, sc, "verdict reportCallStateChange 1007200001/duplicate-report", sim.Config{}))
	fmt.Println(sim.Run(apps.Reference.New(), sc, sim.Config{}).Failed())
	// Output:
	// 0s push c1 voice
	// 0s user answer c1 voice
	// false
}
