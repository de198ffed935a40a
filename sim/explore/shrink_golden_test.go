package explore_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/internal/golden"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
)

// goldenSeeds is how many seeds TestShrunkScenariosGolden shrinks the failures of, for
// each bug alone and all of them at once.
const goldenSeeds = 50

// TestShrunkScenariosGolden: what Shrink makes of every failure of the buggy apps over
// the first goldenSeeds seeds, so that a change meant to make shrinking cheaper shows
// any result it changes (the runs it costs are pinned by the tests of shrink_test.go and
// shrink_shape_test.go).
func TestShrunkScenariosGolden(t *testing.T) {
	var b strings.Builder
	for _, bug := range append(buggy.Bugs(), buggy.AllBugs) {
		newApp := func() sim.App { return buggy.New(bug) }
		for seed := uint64(1); seed <= goldenSeeds; seed++ {
			sc := explore.Generate(seed, explore.DefaultSteps)
			for _, key := range explore.Keys(sim.Run(newApp(), sc, sim.Config{Quiet: true})) {
				b.WriteString("# " + bug.String() + ", seed " + strconv.FormatUint(seed, 10) + ": " + key + "\n")
				b.WriteString(explore.Shrink(newApp, sc, key, sim.Config{}).String())
			}
		}
	}
	golden.Assert(t, filepath.Join("testdata", "golden", "shrunk-scenarios.golden"), b.String())
}
