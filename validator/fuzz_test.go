package validator_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

var ctxBackground = context.Background()

// FuzzValidator runs arbitrary step sequences (see decoder) and checks after each step:
// never more than 3 live incoming or 1 live outgoing call; every API error is a
// *callstate.Error with a documented code, its exact message and a cause allowed for that
// code; the verdict's cause and ErrorReason are the ones the model predicts, in particular
// illegal-transition exactly when the looplab reference refuses; the step's warnings are
// exactly the model's (as a multiset of causes, each with a detail); and the live calls
// are the model's, each in the state its reference FSM is in; Pending is the model's
// obligations, oldest first (cause, callId, step, event). At the end, Finish is Pending
// followed by a leaked-call for each live call, unless AllowOpenCalls.
func FuzzValidator(f *testing.F) {
	for _, seed := range fuzzSeeds() {
		f.Add(seed.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &decoder{data: data}
		h := d.header()
		opts := []validator.Option{validator.WithProfile(h.profile)}
		if h.allowOpen {
			opts = append(opts, validator.AllowOpenCalls())
		}
		v := validator.New(opts...)
		m := newModel(h.profile)
		m.subscribed = !h.unsubscribe
		cb := func(callstate.UIEventInfo) { _ = v.Calls() } // re-entrant, as an app's callback may be
		if !h.unsubscribe {
			require.NoError(t, v.On(callstate.UIEventType, cb))
		}
		for i := 0; d.more(); i++ {
			s := d.step(cb)
			out := v.Apply(&s)
			checkStep(t, m, &s, out, i)
			checkCalls(t, m, v, i)
			checkPending(t, m, v.Pending(), i)
		}
		checkFinish(t, m, v, h.allowOpen)
	})
}

// checkStep checks the verdict of step i and its warnings against the model, which it
// moves on by the step.
func checkStep(t *testing.T, m *model, s *validator.Step, out validator.Outcome, i int) {
	t.Helper()
	m.begin(out.Seq, s)
	switch {
	case !s.Op.IsAPI() && m.environment(s):
		require.ErrorIs(t, out.Err, validator.ErrBadStep, "step %d %s", i, s.Op)
	case !s.Op.IsAPI():
		require.NoError(t, out.Err, "step %d %s", i, s.Op)
	default:
		checkVerdict(t, m, s, out, i)
	}
	checkWarnings(t, m, out, i)
}

func checkVerdict(t *testing.T, m *model, s *validator.Step, out validator.Outcome, i int) {
	t.Helper()
	var want callstate.Cause
	var reason callstate.ErrorReason
	var refused bool
	if s.Op.IsReport() {
		want, reason, refused = m.report(s)
	} else {
		want = m.subscribe(s)
	}
	got := checkAPIError(t, out.Err, i)
	require.Equal(t, want.String(), got.String(), "step %d %s %+v: %v", i, s.Op, s, out.Err)
	require.Equal(t, reason, out.Reason, "step %d %s", i, s.Op)
	if got == callstate.CauseIllegalTransition && s.Op == validator.OpReportCallStateChange {
		require.True(t, refused, "step %d: illegal-transition where the looplab reference allows it", i)
	}
	if refused && m.profile == validator.Strict {
		require.Equal(t, callstate.CauseIllegalTransition, got, "step %d: the looplab reference refuses, the validator did not", i)
	}
}

// checkAPIError checks the shape of an API error and returns its cause (CauseNone for nil).
func checkAPIError(t *testing.T, err error, i int) callstate.Cause {
	t.Helper()
	if err == nil {
		return callstate.CauseNone
	}
	var e *callstate.Error
	require.True(t, errors.As(err, &e), "step %d: %v is not a *callstate.Error", i, err)
	msg, documented := exactMessage[e.Code]
	require.True(t, documented, "step %d: undocumented code %d", i, e.Code)
	require.Equal(t, msg, e.Message())
	require.True(t, e.Cause.AllowedFor(e.Code), "step %d: cause %s with code %d", i, e.Cause, e.Code)
	require.NotEmpty(t, e.Detail, "step %d", i)
	return e.Cause
}

func checkCalls(t *testing.T, m *model, v *validator.Validator, i int) {
	t.Helper()
	calls := v.Calls()
	count := map[validator.Direction]int{}
	for _, c := range calls {
		count[c.Direction]++
		mc, ok := m.calls[c.ID]
		require.True(t, ok, "step %d: %s is live but the model has no such call", i, c.ID)
		require.Equal(t, mc.dir, c.Direction, "step %d: %s", i, c.ID)
		require.Equal(t, mc.ref.Current(), c.State.String(), "step %d: %s state vs the looplab reference", i, c.ID)
		require.Equal(t, mc.typ, c.Type, "step %d: %s", i, c.ID)
	}
	require.Len(t, calls, len(m.calls), "step %d", i)
	require.LessOrEqual(t, count[validator.Incoming], validator.MaxIncoming, "step %d", i)
	require.LessOrEqual(t, count[validator.Outgoing], validator.MaxOutgoing, "step %d", i)
}

// checkWarnings compares the step's warnings with the model's, as multisets of causes.
func checkWarnings(t *testing.T, m *model, out validator.Outcome, i int) {
	t.Helper()
	got := make([]string, 0, len(out.Warnings))
	for _, w := range out.Warnings {
		require.Equal(t, callstate.KindWarning, w.Cause.Kind(), "step %d: %s", i, w.Cause)
		require.NotEmpty(t, w.Detail)
		got = append(got, w.Cause.String())
	}
	want := make([]string, 0, len(m.warnings))
	for _, c := range m.warnings {
		want = append(want, c.String())
	}
	require.ElementsMatch(t, want, got, "step %d (seq %d): warnings %+v", i, out.Seq, out.Warnings)
}

// checkPending compares what the app owes with the model's obligations, in order.
func checkPending(t *testing.T, m *model, pending []validator.Obligation, i int) {
	t.Helper()
	want := make([]string, 0, len(m.owed))
	for _, o := range m.owed {
		want = append(want, fmt.Sprintf("%s %s step %d %s", o.cause, o.callID, o.seq, o.event))
	}
	require.Equal(t, want, describe(pending), "after step %d", i)
	for _, o := range pending {
		require.Equal(t, callstate.KindViolation, o.Cause.Kind())
		require.NotEmpty(t, o.Detail)
	}
}

func describe(obs []validator.Obligation) []string {
	out := make([]string, 0, len(obs))
	for _, o := range obs {
		out = append(out, fmt.Sprintf("%s %s step %d %s", o.Cause, o.CallID, o.Seq, o.Event))
	}
	return out
}

// checkFinish checks Finish: Pending, then one leaked-call for each live call of the
// model, unless AllowOpenCalls.
func checkFinish(t *testing.T, m *model, v *validator.Validator, allowOpen bool) {
	t.Helper()
	pending, finish := v.Pending(), v.Finish()
	require.GreaterOrEqual(t, len(finish), len(pending))
	checkPending(t, m, finish[:len(pending)], -1)
	leaks := finish[len(pending):]
	if allowOpen {
		assert.Empty(t, leaks)
		return
	}
	var got, want []string
	for _, o := range leaks {
		assert.Equal(t, callstate.CauseLeakedCall, o.Cause)
		got = append(got, o.CallID)
	}
	for id := range m.calls {
		want = append(want, id)
	}
	assert.ElementsMatch(t, want, got, "leaked calls")
}
