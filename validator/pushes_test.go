package validator_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// A phone has a few pushes open at a time; a trace that never reports them can leave
// many. Past a few the validator keeps them another way: each must still be owed once,
// settled by its report or decline, and timed for late-report.
func TestManyOpenPushes(t *testing.T) {
	for _, pushes := range []int{3, 40} {
		t.Run(strconv.Itoa(pushes), func(t *testing.T) {
			v := subscribed(t) // step 1
			for i := range pushes {
				out := v.Apply(&validator.Step{Op: validator.OpPush, CallID: "p" + strconv.Itoa(i), At: time.Duration(i) * time.Second, HasTime: true})
				require.NoError(t, out.Err)
			}
			v.Apply(&validator.Step{Op: validator.OpPush, CallID: "p1", At: time.Minute, HasTime: true})
			require.Len(t, v.Pending(), pushes, "a second push of the same callId owes nothing more")

			// p0, pushed at 0s, reported at 12.5s: late, and settled.
			a := incoming("p0")
			out := v.Apply(&validator.Step{Op: validator.OpReportIncomingCall, Attr: a, At: 12500 * time.Millisecond, HasTime: true})
			require.NoError(t, out.Err)
			assert.Equal(t, []validator.Warning{{Cause: callstate.CauseLateReport,
				Detail: "reported 12500 ms after its push at step 2; the limit is 10000 ms"}}, out.Warnings)
			// p2 declined without being reported.
			require.NoError(t, v.ReportIncomingCallError("p2", callstate.FailureRouteBusy))

			owed := v.Pending()
			require.Len(t, owed, pushes-2)
			for i, o := range owed {
				n := i + 1 // p0 and p2 are settled
				if n >= 2 {
					n++
				}
				id := "p" + strconv.Itoa(n)
				assert.Equal(t, validator.Obligation{Cause: callstate.CausePushNotReported, CallID: id, Seq: n + 2, At: time.Duration(n) * time.Second,
					Detail: "push for call " + id + " at step " + strconv.Itoa(n+2) + " was neither reported with reportIncomingCall nor declined with reportIncomingCallError"}, o)
			}
		})
	}
}
