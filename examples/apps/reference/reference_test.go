package reference_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/examples/apps/reference"
	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/simtest"
	"github.com/voipsim/voipsim/validator"
)

func run(t *testing.T, script string) *sim.Result {
	t.Helper()
	return simtest.Run(t, reference.New(), script, simtest.Config{})
}

// stepsOf describes the run's steps of one op.
func stepsOf(res *sim.Result, op validator.Op) []string {
	var out []string
	for i := range res.Steps {
		if res.Steps[i].Op == op {
			out = append(out, sim.DescribeStep(&res.Steps[i]))
		}
	}
	return out
}

func TestAnswersInTheTypeTheUserChose(t *testing.T) {
	res := run(t, "0s push c1 video from=Ann\n1s user answer c1 voice\n5s user hangup c1")
	assert.Equal(t, []string{"reportCallStateChange c1 ANSWERED voice", "reportCallStateChange c1 ACTIVE voice",
		"reportCallStateChange c1 DISCONNECTED voice"}, stepsOf(res, validator.OpReportCallStateChange))
}

func TestGivesUpAfterRetriesAndForgetsTheCall(t *testing.T) {
	// The service stays down: the DISCONNECTED after the far end hangs up is tried
	// reference.Retries times, then the app drops the call from its books.
	res := run(t, "0s dial c1 voice to=Bob\n1s service crash\n2s peer hangup c1")
	failed := res.Counts.Verdicts[sim.Verdict{Code: callstate.CodeServiceUnavailable, Cause: callstate.CauseServiceUnavailable}]
	assert.Equal(t, reference.Retries, failed)
	assert.Equal(t, reference.Retries, res.Counts.Expected)
}

func TestDeclinesTheFourthCall(t *testing.T) {
	res := run(t, "0s push c1 voice\npush c2 voice\npush c3 voice\npush c4 voice\n1s user reject c1\nuser reject c2\nuser reject c3")
	assert.Equal(t, []string{"reportIncomingCallError c4 ROUTE_BUSY"}, stepsOf(res, validator.OpReportIncomingCallError))
}

// Beyond hand-written scripts: 300 generated phones, as an app's own CI would run them.
// A failure would print its shrunk script and the run of it.
func TestSurvivesGeneratedPhones(t *testing.T) {
	app := explore.App{Name: "reference", New: func() sim.App { return reference.New() }}
	sum := explore.Campaign{Apps: []explore.App{app}, First: 1, Seeds: 300}.Test(t)
	assert.Equal(t, 300, sum.Apps[0].Scenarios)
	assert.Zero(t, sum.Apps[0].FailedScenarios)
}
