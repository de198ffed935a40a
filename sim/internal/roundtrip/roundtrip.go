// Package roundtrip holds to SPEC.md section 9's promise that the trace of a run, checked
// by `voipsim check`'s checker, gives the verdicts of the run. It is test support shared by
// the tests of package sim (scripted scenarios) and of package sim/explore (generated
// ones), so that both hold runs to one comparison.
package roundtrip

import (
	"bytes"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
)

// Verdict is what one step got, as the run and the check both tell it.
type Verdict struct {
	Line     int
	Op       validator.Op
	OK       bool
	Code     callstate.Code
	Cause    callstate.Cause
	Result   string // a successful report's ErrorReason; "" for other steps
	Warnings []callstate.Cause
}

// Options are the check options that match the run's config: its profile, and whether
// calls may be open at the end.
func Options(cfg sim.Config) trace.Options {
	return trace.Options{Profile: cfg.Profile, AllowOpen: cfg.AllowOpen}
}

// Check writes res as a trace, checks it with Options(res.Config) and fails t unless the
// check reads every line, none malformed, each with the verdict (and warnings) of its
// step, and finds unexpected exactly the lines of the app's own refusals, those the run
// failed the app for (sim.FailVerdict). It returns the check's summary, for a test to
// compare its violations with the run's.
func Check(t require.TestingT, res *sim.Result) trace.Summary {
	var buf bytes.Buffer
	require.NoError(t, res.WriteTrace(&buf))
	var got []Verdict
	var unexpected []int
	sum, err := trace.Check(&buf, Options(res.Config), func(r *trace.Record) error {
		require.Empty(t, r.Malformed, "line %d", r.Line)
		got = append(got, Verdict{Line: r.Line, Op: r.Op, OK: r.OK, Code: r.Code, Cause: r.Cause, Result: r.Result,
			Warnings: causes(r.Warnings)})
		if !r.Expected {
			unexpected = append(unexpected, r.Line)
		}
		return nil
	})
	require.NoError(t, err)
	failed := refusalsFailed(res)
	assert.Equal(t, verdicts(res), got)
	assert.Equal(t, failed, unexpected)
	assert.Equal(t, len(failed), sum.Unexpected)
	assert.Equal(t, len(res.Steps), sum.Lines)
	return sum
}

// verdicts is what the run's steps got, line for step.
func verdicts(res *sim.Result) []Verdict {
	var want []Verdict
	for i, out := range res.Outcomes {
		v := Verdict{Line: i + 1, Op: res.Steps[i].Op, OK: out.Err == nil, Warnings: causes(out.Warnings)}
		if e, ok := out.Err.(*callstate.Error); ok {
			v.Code, v.Cause = e.Code, e.Cause
		}
		if v.OK && (v.Op == validator.OpReportIncomingCall || v.Op == validator.OpReportOutgoingCall) {
			v.Result = out.Reason.String()
		}
		want = append(want, v)
	}
	return want
}

// refusalsFailed is the steps of the refusals that failed the app.
func refusalsFailed(res *sim.Result) []int {
	var seqs []int
	for _, f := range res.Failures {
		if f.Kind == sim.FailVerdict {
			seqs = append(seqs, f.Seq)
		}
	}
	return seqs
}

func causes(ws []validator.Warning) []callstate.Cause {
	var cs []callstate.Cause
	for _, w := range ws {
		cs = append(cs, w.Cause)
	}
	return cs
}
