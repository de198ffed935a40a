package sim_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/internal/roundtrip"
)

// TestTraceGivesSameVerdicts: the trace of every run, checked by `voipsim check`'s checker,
// gets the verdicts the run got, line for step; the lines it finds unexpected are the
// refusals that failed the app, and only those (roundtrip.Check; sim/explore holds
// generated runs to it too).
func TestTraceGivesSameVerdicts(t *testing.T) {
	for name, sc := range scenarios(t) {
		for _, app := range apps {
			t.Run(name+"/"+app.name, func(t *testing.T) {
				roundtrip.Check(t, sim.Run(app.make(), sc, sim.Config{}))
			})
		}
	}
}

func TestWriteTraceQuiet(t *testing.T) {
	res := sim.Run(nopApp{}, sim.Scenario{}, sim.Config{Quiet: true})
	assert.ErrorIs(t, res.WriteTrace(&bytes.Buffer{}), sim.ErrQuiet)
}

// nopApp does nothing at all.
type nopApp struct{}

func (nopApp) Start(sim.Env)                {}
func (nopApp) OnPush(sim.Push)              {}
func (nopApp) OnDial(sim.Dial)              {}
func (nopApp) OnPeer(string, sim.PeerEvent) {}

// TestWriteTraceOfCallIDsJSONCannotCarry: scripts refuse callIds that are not valid UTF-8;
// a scenario built in Go may have them, and then its run has no trace: an error rather than
// a trace whose verdicts differ (both callIds below would read back as "a\ufffd").
func TestWriteTraceOfCallIDsJSONCannotCarry(t *testing.T) {
	sc := sim.Scenario{Steps: []sim.Step{
		{Action: sim.ActPush, CallID: "a\xff"},
		{Action: sim.ActPush, CallID: "a\xfe"},
	}}
	res := sim.Run(reference.New(), sc, sim.Config{AllowOpen: true})
	require.False(t, res.Failed(), "%s", res)
	var buf bytes.Buffer
	assert.EqualError(t, res.WriteTrace(&buf), "trace: line 2: callId is not valid UTF-8, which a JSON trace cannot carry")
}

// TestTraceKeepsTimesToTheNanosecond: an app's timers put its calls at any nanosecond,
// and the trace reads each time back as it was: a report 10 s and 1 ns after its push at
// 55.536 s is late in the run and in the check of its trace (it once read back 1 ns
// earlier, on time).
func TestTraceKeepsTimesToTheNanosecond(t *testing.T) {
	sc, err := sim.ParseScenario("55.536s push c1 voice\n")
	require.NoError(t, err)
	res := sim.Run(&slowApp{delay: 10*time.Second + time.Nanosecond}, sc, sim.Config{AllowOpen: true})
	report := res.Outcomes[len(res.Outcomes)-1]
	require.Len(t, report.Warnings, 1, "%s", res)
	assert.Equal(t, callstate.CauseLateReport, report.Warnings[0].Cause)
	roundtrip.Check(t, res)
}

// slowApp reports each pushed call after its delay.
type slowApp struct {
	nopApp
	env   sim.Env
	delay time.Duration
}

func (a *slowApp) Start(env sim.Env) {
	a.env = env
	_ = env.Kit().On(callstate.UIEventType, func(callstate.UIEventInfo) {})
}

func (a *slowApp) OnPush(p sim.Push) {
	a.env.After(a.delay, func() {
		_, _ = a.env.Kit().ReportIncomingCall(callstate.Attribute{CallID: p.CallID, CallType: p.Type, UserName: "Ann",
			AbilityName: "VoipAbility", State: callstate.StateRinging})
	})
}
