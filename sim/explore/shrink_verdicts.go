package explore

import (
	"hash/maphash"
	"slices"

	"github.com/voipsim/voipsim/sim"
)

// verdicts remembers what the runs of one Shrink showed, by their steps, so that it
// does not run the same steps again: ddmin tries complements at a finer grain that a
// coarser grain tried already, the last pass tries again whatever the pass before tried
// after its last change, and every pass tries the empty scenario once one step is left.
// A verdict is taken only for steps equal to those it was made on, never on a hash
// alone, so a run skipped is one whose outcome is known, and Shrink returns what it
// would have. The verdicts hold the candidates' own copies, which would be garbage else.
type verdicts struct {
	byHash map[uint64]verdict
	held   int // the steps the verdicts hold
}

type verdict struct {
	steps []sim.Step // never changed in place, as no steps Shrink holds are
	fails bool
}

// verdictBudget bounds the steps the verdicts hold, 64 KiB of them: the candidates that
// come again are the short ones of the last passes, and the runs they save are cheap, so
// long ones are not worth hashing or holding. Past the budget, the verdicts start anew,
// which costs runs, not results.
const verdictBudget = 1 << 10

func newVerdicts() verdicts { return verdicts{byHash: map[uint64]verdict{}} }

// lookup is the verdict on steps, if there is one, and their hash, to add one with.
func (v *verdicts) lookup(steps []sim.Step) (h uint64, fails, known bool) {
	if len(steps) > verdictBudget {
		return 0, false, false
	}
	h = hashSteps(steps)
	got, ok := v.byHash[h]
	return h, got.fails, ok && slices.Equal(got.steps, steps)
}

// add remembers the verdict on steps, whose hash is h. A hash that two different steps
// share keeps the first one's verdict.
func (v *verdicts) add(h uint64, steps []sim.Step, fails bool) {
	if len(steps) > verdictBudget {
		return
	}
	if _, taken := v.byHash[h]; taken {
		return
	}
	if v.held+len(steps) > verdictBudget {
		clear(v.byHash)
		v.held = 0
	}
	v.byHash[h] = verdict{steps, fails}
	v.held += len(steps)
}

// hashSteps hashes every field of every step. The seed is the process's own: two steps
// that collide only cost a run, so run counts do not depend on it in practice.
func hashSteps(steps []sim.Step) uint64 {
	var h maphash.Hash
	h.SetSeed(stepSeed)
	for i := range steps {
		st := &steps[i]
		// The numbers as one pointer-free array hash as plain memory; Step itself has
		// strings, which WriteComparable would walk by reflection.
		maphash.WriteComparable(&h, [6]int64{int64(st.At), int64(st.Action), int64(st.Type),
			int64(st.Code), int64(len(st.CallID)), int64(len(st.Name))})
		h.WriteString(st.CallID)
		h.WriteString(st.Name)
	}
	return h.Sum64()
}

var stepSeed = maphash.MakeSeed()
