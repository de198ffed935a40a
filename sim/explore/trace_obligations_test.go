package explore_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/internal/roundtrip"
	"github.com/voipsim/voipsim/trace"
)

// obligation names one violated obligation, in the run's failures and in the check's
// summary alike.
type obligation struct {
	Cause  callstate.Cause
	CallID string
	Seq    int
	Event  callstate.UIEvent
}

func (o obligation) String() string {
	return o.Cause.String() + " " + o.CallID + " #" + strconv.Itoa(o.Seq)
}

// runViolations are the run's violations; late marks those judged at a deadline, not at
// the end of the run.
func runViolations(res *sim.Result) (run []obligation, late map[obligation]bool) {
	late = map[obligation]bool{}
	for _, f := range res.Failures {
		if f.Kind != sim.FailViolation {
			continue
		}
		o := obligation{f.Cause, f.CallID, f.Seq, f.Event}
		run = append(run, o)
		if within := deadline(res.Config, f.Cause); within != "" && strings.HasSuffix(f.Detail, within) {
			late[o] = true
		}
	}
	return run, late
}

// deadline is how the run words a violation judged at its deadline ("" for a cause judged
// at the end only).
func deadline(cfg sim.Config, cause callstate.Cause) string {
	switch cause {
	case callstate.CausePushNotReported:
		return " within " + sim.FormatTime(cfg.PushDeadline)
	case callstate.CauseUnansweredUIEvent:
		return " within " + sim.FormatTime(cfg.UIDeadline)
	}
	return ""
}

func checkViolations(sum *trace.Summary) []obligation {
	var check []obligation
	for _, o := range sum.Violations {
		check = append(check, obligation{o.Cause, o.CallID, o.Seq, o.Event})
	}
	return check
}

// excused tells whether the run excused the push of a callId at its end: the service had
// not run the push deadline since.
func excused(res *sim.Result, id string) bool {
	return strings.Contains(res.String(), "note: push for call "+id+" still unreported, but the service did not run "+
		sim.FormatTime(res.Config.PushDeadline)+" since: excused\n")
}

// sameObligations: the violations the check finds at the end of the trace are the run's,
// but for the ways the simulator's deadlines make them differ (SPEC.md sections 6 and 9;
// TestRunAndCheckViolationsDiffer has one script of each). An obligation the run judged
// unmet at its deadline and that was settled later — by a late report or decline, or by a
// service stop that cleared its call — is the run's violation and not the check's, which
// has no deadline. And a push the run ended before the service had run its deadline since
// is excused by the run (a note), not by the check.
func sameObligations(t require.TestingT, res *sim.Result, sum trace.Summary) {
	run, late := runViolations(res)
	check := checkViolations(&sum)
	for _, o := range run {
		if !slices.Contains(check, o) {
			assert.True(t, late[o], "the run's violation %s is not the check's, and was not judged at a deadline", o)
		}
	}
	for _, o := range check {
		if !slices.Contains(run, o) {
			assert.True(t, o.Cause == callstate.CausePushNotReported && excused(res, o.CallID),
				"the check's violation %s is not the run's, nor a push the run excused", o)
		}
	}
}

// TestRunAndCheckViolationsDiffer pins each way the violations of a run and of the check
// of its trace differ, with a minimal script, and that sameObligations allows it.
func TestRunAndCheckViolationsDiffer(t *testing.T) {
	for _, tc := range []struct {
		name, app, script string
		cfg               sim.Config
		run, check        []string
	}{
		{name: "a push reported after its deadline", app: "reference",
			script: "0s fault 1007200002\n0s push c1 voice\n20s peer hangup c1\n",
			cfg:    sim.Config{PushDeadline: 500 * time.Millisecond},
			run:    []string{"push-not-reported c1 #3"}},
		{name: "a push declined after its deadline", app: "reference",
			script: "0s push c1 voice\n0s push c2 voice\n0s push c3 voice\n0s fault 1007200002\n0s push c4 voice\n20s peer hangup c1\n20s peer hangup c2\n20s peer hangup c3\n",
			cfg:    sim.Config{PushDeadline: 500 * time.Millisecond},
			run:    []string{"push-not-reported c4 #9"}},
		{name: "a UI event's report made after its deadline", app: "reference",
			script: "0s push c1 voice\n1s fault 1007200002\n1s user hangup c1\n",
			cfg:    sim.Config{UIDeadline: 500 * time.Millisecond},
			run:    []string{"unanswered-ui-event c1 #5"}},
		{name: "a UI event's call cleared by a crash after its deadline", app: "buggy:forgets-disconnect-after-reject",
			script: "0s push c1 voice\n0s user reject c1\n6s service crash\n7s service restart\n",
			run:    []string{"unanswered-ui-event c1 #4"}},
		{name: "a push the run excused: the service is down at the end", app: "reference",
			script: "0s service crash\n0s push c1 voice\n",
			check:  []string{"push-not-reported c1 #3"}},
		{name: "a push the run excused: the run stopped at its horizon", app: "reference",
			script: "0s fault 1007200002\n0s push c1 voice\n",
			cfg:    sim.Config{Horizon: 500 * time.Millisecond},
			check:  []string{"push-not-reported c1 #3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := sim.ParseScenario(tc.script)
			require.NoError(t, err)
			res := sim.Run(lookup(t, tc.app)[0].New(), sc, tc.cfg)
			sum := roundtrip.Check(t, res)
			run, _ := runViolations(res)
			assert.Equal(t, tc.run, names(run), "%s", res)
			assert.Equal(t, tc.check, names(checkViolations(&sum)), "%s", res)
			sameObligations(t, res, sum)
		})
	}
}

func names(os []obligation) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.String())
	}
	return out
}
