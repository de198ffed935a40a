package sim_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
)

type verdict struct {
	Line  int
	Op    validator.Op
	OK    bool
	Code  callstate.Code
	Cause callstate.Cause
}

// TestTraceGivesSameVerdicts: the trace of every run, checked by `voipsim check`'s checker,
// gets the verdicts the run got, line for step; the lines it finds unexpected are the
// refusals that failed the app, and only those.
func TestTraceGivesSameVerdicts(t *testing.T) {
	for name, sc := range scenarios(t) {
		for _, app := range apps {
			t.Run(name+"/"+app.name, func(t *testing.T) {
				res := sim.Run(app.make(), sc, sim.Config{})
				var buf bytes.Buffer
				require.NoError(t, res.WriteTrace(&buf))

				var want, got []verdict
				var failedLines, unexpectedLines []int
				for _, f := range res.Failures {
					if f.Kind == sim.FailVerdict {
						failedLines = append(failedLines, f.Seq)
					}
				}
				for i, out := range res.Outcomes {
					v := verdict{Line: i + 1, Op: res.Steps[i].Op, OK: out.Err == nil}
					if e, ok := out.Err.(*callstate.Error); ok {
						v.Code, v.Cause = e.Code, e.Cause
					}
					want = append(want, v)
				}
				sum, err := trace.Check(&buf, trace.Options{}, func(r *trace.Record) error {
					require.Empty(t, r.Malformed, "line %d", r.Line)
					got = append(got, verdict{Line: r.Line, Op: r.Op, OK: r.OK, Code: r.Code, Cause: r.Cause})
					if !r.Expected {
						unexpectedLines = append(unexpectedLines, r.Line)
					}
					return nil
				})
				require.NoError(t, err)
				assert.Equal(t, want, got)
				assert.Equal(t, failedLines, unexpectedLines)
				assert.Equal(t, len(failedLines), sum.Unexpected)
				assert.Equal(t, len(res.Steps), sum.Lines)
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
