package explore_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

// TestRegressions replays every reproducer saved under testdata/regressions (by
// `voipsim simulate --app buggy --save sim/explore/testdata/regressions`): the app it
// names still fails it the way its `# fails:` says, and the reference app passes it. A
// file without `# fails:` is a race once found in the reference app, which must pass it.
func TestRegressions(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "regressions", "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			text, err := os.ReadFile(name)
			require.NoError(t, err)
			r, err := explore.ParseRepro(string(text))
			require.NoError(t, err)
			targets, err := apps.Lookup(r.App)
			require.NoError(t, err)
			require.Len(t, targets, 1)
			if r.Key != "" {
				res := sim.Run(targets[0].New(), r.Scenario, sim.Config{})
				assert.Contains(t, explore.Keys(res), r.Key, "%s", res)
			}
			ref := sim.Run(apps.Reference.New(), r.Scenario, sim.Config{})
			assert.False(t, ref.Failed(), "%s", ref)
		})
	}
}

func TestReproRoundTrip(t *testing.T) {
	f := explore.Finding{Key: "violation unanswered-ui-event VOIP_CALL_EVENT_VIDEO_ANSWER", Seed: 70, GeneratedSteps: 89,
		Repro: "0s push c1 video\n0s user reject c1\n0s user answer c1 video\n20s peer hangup c1\n"}
	r, err := explore.ReproOf("buggy:forgets-disconnect-after-reject", &f, "voipsim simulate --app buggy")
	require.NoError(t, err)
	assert.Equal(t, "forgets-disconnect-after-reject--unanswered-video-answer-seed-70", r.Scenario.Name)
	back, err := explore.ParseRepro(r.String())
	require.NoError(t, err)
	assert.Equal(t, r, back)
	assert.Equal(t, "found by `voipsim simulate --app buggy` at seed 70, 89 steps shrunk to 4", back.Origin)

	_, err = explore.ParseRepro("0s push c1 voice\n1s user dance c1\n")
	assert.ErrorContains(t, err, "line 2: ")
}

// A reproducer is named after its app (without "buggy:", "+" made "-") and its failure,
// with the op of a refused call (ReproName's doc).
func TestReproNames(t *testing.T) {
	for _, tc := range []struct{ app, key, want string }{
		{"buggy:reports-active-twice", "verdict reportCallStateChange 1007200001/duplicate-report", "reports-active-twice--reportCallStateChange-duplicate-report-seed-4"},
		{"buggy:forgets-disconnect-after-reject", "violation unanswered-ui-event VOIP_CALL_EVENT_REJECT", "forgets-disconnect-after-reject--unanswered-reject-seed-4"},
		{"buggy", "violation leaked-call", "buggy--leaked-call-seed-4"},
		{"reference+buggy:all", "panic", "reference-buggy:all--panic-seed-4"},
	} {
		assert.Equal(t, tc.want, explore.ReproName(tc.app, &explore.Finding{Key: tc.key, Seed: 4}), tc.key)
	}
}

// The comments of a reproducer are read wherever they are indented.
func TestParseReproReadsIndentedComments(t *testing.T) {
	r, err := explore.ParseRepro("  # app: reference\n\t# fails: panic\npush c1 voice\n")
	require.NoError(t, err)
	assert.Equal(t, []string{"reference", "panic"}, []string{r.App, r.Key})
}
