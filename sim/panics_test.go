package sim_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim"
)

// A panic names the entry point of the app's code it came from, and its call if it has one.
func TestPanicNamesWhereItCameFrom(t *testing.T) {
	boom := func() { panic("boom") }
	for _, tc := range []struct {
		name   string
		app    sim.App
		script string
		where  string
	}{
		{"Start", &startPanicker{testApp: &testApp{}}, "1s carrier ring", "Start"},
		{"OnDial", &testApp{dial: func(*testApp, sim.Dial) { boom() }}, "0s dial d1 voice", "OnDial (call d1)"},
		{"OnPeer", &testApp{push: reportPush, peer: func(*testApp, string, sim.PeerEvent) { boom() }},
			"0s push c1 voice\n1s peer hangup c1", "OnPeer (call c1)"},
		{"timer", &testApp{push: func(a *testApp, p sim.Push) { reportPush(a, p); a.env.After(time.Second, boom) }},
			"0s push c1 voice", "a timer callback"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := sim.Run(tc.app, mustParse(t, tc.script), sim.Config{AllowOpen: true})
			require.NotEmpty(t, res.Failures, "%s", res)
			f := res.Failures[0]
			assert.Equal(t, sim.FailPanic, f.Kind)
			assert.Regexp(t, `^the app panicked in `+regexp.QuoteMeta(tc.where)+`: boom, at .*/sim/panics_test\.go:\d+$`, f.Detail)
			assert.Equal(t, 1, res.Counts.Panics)
		})
	}
}

// startPanicker panics in Start.
type startPanicker struct{ *testApp }

func (a *startPanicker) Start(sim.Env) { panic("boom") }
