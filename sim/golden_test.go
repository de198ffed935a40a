package sim_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/internal/golden"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
)

// apps are the apps every scenario is run with; the golden file of scenario x for app a is
// testdata/golden/x.a.golden.
var apps = []struct {
	name string
	make func() sim.App
}{
	{"reference", func() sim.App { return reference.New() }},
	{"buggy", func() sim.App { return buggy.New(buggy.AllBugs) }},
}

// scenarios reads every script of testdata/scenarios.
func scenarios(t testing.TB) map[string]sim.Scenario {
	files, err := filepath.Glob("testdata/scenarios/*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := make(map[string]sim.Scenario)
	for _, f := range files {
		text, err := os.ReadFile(f)
		require.NoError(t, err)
		sc, err := sim.ParseScenario(string(text))
		require.NoError(t, err, f)
		out[strings.TrimSuffix(filepath.Base(f), ".txt")] = sc
	}
	return out
}

func TestGolden(t *testing.T) {
	for name, sc := range scenarios(t) {
		for _, app := range apps {
			t.Run(name+"/"+app.name, func(t *testing.T) {
				got := sim.Run(app.make(), sc, sim.Config{}).String()
				again := sim.Run(app.make(), sc, sim.Config{}).String()
				require.Equal(t, got, again, "two runs of the same scenario differ")
				golden.Assert(t, filepath.Join("testdata", "golden", name+"."+app.name+".golden"), got)
			})
		}
	}
}

// TestReferencePasses: the reference app passes every scenario.
func TestReferencePasses(t *testing.T) {
	for name, sc := range scenarios(t) {
		res := sim.Run(reference.New(), sc, sim.Config{})
		assert.False(t, res.Failed(), "%s:\n%s", name, res)
	}
}
