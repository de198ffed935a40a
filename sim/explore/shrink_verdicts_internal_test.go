package explore

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/voipsim/voipsim/sim"
)

// dials is n dial steps of one call, at a time.
func dials(n int, at time.Duration) []sim.Step {
	steps := make([]sim.Step, n)
	for i := range steps {
		steps[i] = sim.Step{At: at, Action: sim.ActDial, CallID: "c1"}
	}
	return steps
}

// remember adds the verdict on steps.
func remember(v *verdicts, steps []sim.Step, fails bool) {
	h, _, _ := v.lookup(steps)
	v.add(h, steps, fails)
}

// known is the verdict on steps, and whether there is one.
func known(v *verdicts, steps []sim.Step) (fails, ok bool) {
	_, fails, ok = v.lookup(steps)
	return fails, ok
}

// TestVerdictsStayWithinTheirBudget: the verdicts hold at most verdictBudget steps: longer
// steps are never remembered, and steps that would hold more make them start anew.
func TestVerdictsStayWithinTheirBudget(t *testing.T) {
	v := newVerdicts()
	remember(&v, dials(verdictBudget+1, 0), true)
	_, ok := known(&v, dials(verdictBudget+1, 0))
	assert.False(t, ok, "steps past the budget")

	first, second, third := dials(verdictBudget/2, 1), dials(verdictBudget/2, 2), dials(1, 3)
	remember(&v, first, true)
	remember(&v, second, false)
	for _, want := range []struct {
		steps []sim.Step
		fails bool
	}{{first, true}, {second, false}} {
		fails, ok := known(&v, want.steps)
		assert.True(t, ok)
		assert.Equal(t, want.fails, fails)
	}
	remember(&v, third, true)
	_, ok = known(&v, first)
	assert.False(t, ok, "forgotten when the budget ran out")
	_, ok = known(&v, second)
	assert.False(t, ok, "forgotten when the budget ran out")
	fails, ok := known(&v, third)
	assert.True(t, ok)
	assert.True(t, fails)
}

// TestVerdictsAreOnEqualSteps: a verdict answers for steps equal to its own, in every
// field, in whatever slice; not for other steps of the same hash.
func TestVerdictsAreOnEqualSteps(t *testing.T) {
	v := newVerdicts()
	steps := []sim.Step{{At: time.Second, Action: sim.ActFault, Code: faultCodes[1]},
		{At: 2 * time.Second, Action: sim.ActPush, CallID: "c1", Name: "Ann"}}
	remember(&v, steps, true)
	fails, ok := known(&v, append([]sim.Step{}, steps...))
	assert.True(t, ok)
	assert.True(t, fails)
	for _, change := range []func(*sim.Step){
		func(s *sim.Step) { s.At++ },
		func(s *sim.Step) { s.Action = sim.ActDial },
		func(s *sim.Step) { s.CallID = "c2" },
		func(s *sim.Step) { s.Type = 1 },
		func(s *sim.Step) { s.Name = "" },
		func(s *sim.Step) { s.Code = faultCodes[0] },
	} {
		other := append([]sim.Step{}, steps...)
		change(&other[1])
		_, ok := known(&v, other)
		assert.False(t, ok, "%+v", other[1])
	}

	h, _, _ := v.lookup(steps)
	v = newVerdicts()
	v.add(h, dials(2, 0), false) // other steps' verdict under the same hash: a collision
	_, ok = known(&v, steps)
	assert.False(t, ok, "a hash alone")
}

// TestVerdictsFillTheirBudgetExactly: steps of exactly verdictBudget are remembered; a
// longer verdict refused does not make the others go; after the verdicts start anew,
// they hold a whole budget again.
func TestVerdictsFillTheirBudgetExactly(t *testing.T) {
	v := newVerdicts()
	whole := dials(verdictBudget, 1)
	remember(&v, whole, true)
	fails, ok := known(&v, whole)
	assert.True(t, ok, "steps of the budget itself")
	assert.True(t, fails)

	v = newVerdicts()
	short := dials(1, 2)
	remember(&v, short, false)
	remember(&v, dials(verdictBudget+1, 3), true)
	_, ok = known(&v, short)
	assert.True(t, ok, "a verdict past the budget is refused, not made room for")

	remember(&v, dials(verdictBudget, 4), true) // starts anew, holding the budget
	third, rest := dials(1, 5), dials(verdictBudget-1, 6)
	remember(&v, third, true) // starts anew again
	remember(&v, rest, false) // fills the budget exactly
	for _, steps := range [][]sim.Step{third, rest} {
		_, ok := known(&v, steps)
		assert.True(t, ok, "%d steps", len(steps))
	}
}

// TestVerdictsOfOneHashKeepTheFirst: two steps that share a hash keep the first one's
// verdict; steps that differ only in a name's or callId's letters do not share one.
func TestVerdictsOfOneHashKeepTheFirst(t *testing.T) {
	v := newVerdicts()
	a := []sim.Step{{Action: sim.ActDial, CallID: "c1", Name: "Ann"}}
	h, _, _ := v.lookup(a)
	v.add(h, a, true)
	v.add(h, dials(2, 0), false)
	fails, ok := known(&v, a)
	assert.True(t, ok)
	assert.True(t, fails)

	v = newVerdicts()
	b := []sim.Step{{Action: sim.ActDial, CallID: "c1", Name: "Bob"}}
	c := []sim.Step{{Action: sim.ActDial, CallID: "c2", Name: "Ann"}}
	remember(&v, a, true)
	remember(&v, b, false)
	remember(&v, c, false)
	for _, steps := range [][]sim.Step{a, b, c} {
		_, ok := known(&v, steps)
		assert.True(t, ok, "%+v", steps)
	}
}
