package explore

import (
	"fmt"
	"time"

	"github.com/voipsim/voipsim/sim"
)

// Fair checks that steps keep to the fair phone that generated scenarios play: at most
// MaxFaults injected faults, every crash followed by a restart within MaxOutage, no crash
// within Calm of the last restart, no push within Calm of the last push of its callId.
// It names the first step that breaks a rule. Shrink keeps a fair scenario fair, so that
// a reproducer shows the app's bug and not a phone no app can ride out.
func Fair(steps []sim.Step) error {
	faults := 0
	down, crashAt, restartAt := false, time.Duration(0), time.Duration(-1)
	pushed := map[string]time.Duration{}
	order := timeOrder(steps)
	for k := range steps {
		i := nth(order, k)
		st := &steps[i]
		if down && st.At-crashAt > MaxOutage {
			return fmt.Errorf("the service crashed at %s and is still down at %s (step %d), more than %s later",
				sim.FormatTime(crashAt), sim.FormatTime(st.At), i+1, MaxOutage)
		}
		switch st.Action {
		case sim.ActFault:
			if faults++; faults > MaxFaults {
				return fmt.Errorf("step %d: fault %d of at most %d", i+1, faults, MaxFaults)
			}
		case sim.ActServiceCrash:
			if restartAt >= 0 && st.At-restartAt < Calm {
				return fmt.Errorf("step %d: a crash %s after the last restart, within %s", i+1, sim.FormatTime(st.At-restartAt), Calm)
			}
			down, crashAt = true, st.At
		case sim.ActServiceRestart:
			if down {
				down, restartAt = false, st.At
			}
		case sim.ActPush:
			if last, ok := pushed[st.CallID]; ok && st.At-last < Calm {
				return fmt.Errorf("step %d: call %s pushed again %s after its last push, within %s", i+1, st.CallID, sim.FormatTime(st.At-last), Calm)
			}
			pushed[st.CallID] = st.At
		}
	}
	if down {
		return fmt.Errorf("the service crashed at %s and never restarts", sim.FormatTime(crashAt))
	}
	return nil
}
