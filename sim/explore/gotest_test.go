package explore_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/examples/apps/buggy"
	"github.com/voipsim/voipsim/internal/golden"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

// recordingT is a testing.TB that keeps what a helper reports instead of failing the test
// it runs in.
type recordingT struct {
	testing.TB
	errors []string
	fatal  string
}

func (r *recordingT) Helper() {}

func (r *recordingT) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingT) Fatalf(format string, args ...any) { r.fatal = fmt.Sprintf(format, args...) }

func TestCampaignTestFailsOncePerFinding(t *testing.T) {
	rt := &recordingT{TB: t}
	twice := explore.App{Name: "myapp", New: func() sim.App { return buggy.New(buggy.ReportsActiveTwice) }}
	sum := explore.Campaign{Apps: []explore.App{apps.Reference, twice}, First: 1, Seeds: 200}.Test(rt)
	require.NotNil(t, sum)
	assert.Empty(t, rt.fatal)
	require.Len(t, rt.errors, 1, "the reference app passes; the buggy one fails one way")
	assert.Equal(t, 66, sum.Apps[1].FailedScenarios)
	golden.Assert(t, filepath.Join("testdata", "golden", "campaign-test.golden"), rt.errors[0])
	// The failure is one the app can replay: the script fails it the same way again.
	script, _, ok := strings.Cut(strings.SplitN(rt.errors[0], ":\n\n", 2)[1], "\nreplay it:")
	require.True(t, ok)
	sc, err := sim.ParseScenario(script)
	require.NoError(t, err)
	assert.Equal(t, []string{"verdict reportCallStateChange 1007200001/duplicate-report"},
		explore.Keys(sim.Run(twice.New(), sc, sim.Config{})))
}

func TestCampaignTestNamesEveryApp(t *testing.T) {
	rt := &recordingT{TB: t}
	sum := explore.Campaign{Apps: lookup(t, "buggy"), First: 1, Seeds: 200}.Test(rt)
	require.NotNil(t, sum)
	var want []string // the start of each failure, in the summary's order
	for _, a := range sum.Apps {
		require.NotEmpty(t, a.Findings, "200 seeds find every bug, %s too", a.App)
		for _, f := range a.Findings {
			want = append(want, a.App+" fails with: "+f.Key+"\n"+f.Extent(a.Scenarios)+":\n\n"+f.Repro)
		}
	}
	require.Len(t, rt.errors, len(want))
	for i, e := range rt.errors {
		assert.True(t, strings.HasPrefix(e, want[i]), "%s", e)
		assert.Contains(t, e, "\nthe run of the script:\n")
	}
}

func TestCampaignTestPassesAGoodApp(t *testing.T) {
	rt := &recordingT{TB: t}
	sum := explore.Campaign{Apps: []explore.App{apps.Reference}, First: 1, Seeds: 100}.Test(rt)
	require.NotNil(t, sum)
	assert.Empty(t, rt.errors)
	assert.Empty(t, rt.fatal)
	assert.Equal(t, 100, sum.Apps[0].Scenarios)
}

func TestCampaignTestStopsOnACampaignOutOfBounds(t *testing.T) {
	rt := &recordingT{TB: t}
	assert.Nil(t, explore.Campaign{Apps: []explore.App{apps.Reference}, Seeds: -1}.Test(rt))
	assert.Equal(t, "explore: the campaign's Seeds is -1, want 1..1000000000 (0: 1000)", rt.fatal)
	assert.Empty(t, rt.errors)
}
