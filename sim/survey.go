package sim

import (
	"math"
	"time"
)

// survey is what a run needs to know of the whole script before it starts. One pass
// finds it all: every run starts with it, and a walk per fact cost a few instructions
// per step each, and a mispredicted branch per push or dial.
type survey struct {
	last    time.Duration // the latest step's time (0 if every step is before 0)
	ordered bool          // no step comes before the one above it
	opening int           // steps that push or dial: the most callIds the phone can know
}

// opens is 1 for the actions that make a callId known to the phone: a table lookup
// counts them without a branch.
var opens = [actCount]int{ActPush: 1, ActDial: 1}

func surveyOf(steps []Step) survey {
	s := survey{ordered: true}
	prev := time.Duration(math.MinInt64)
	for i := range steps {
		st := &steps[i]
		s.ordered = s.ordered && st.At >= prev
		prev = st.At
		s.last = max(s.last, st.At)
		if int(st.Action) < len(opens) {
			s.opening += opens[st.Action]
		}
	}
	return s
}
