package explore

import (
	"slices"

	"github.com/voipsim/voipsim/sim"
)

// shortIDs is how many callIds idsOf scans for a new one before it indexes them: nine
// generated scenarios of DefaultSteps in ten have fewer, and a map would cost more than it
// saves; one of MaxSteps has a thousand or more, and scanning them for each step made its
// wind-down quadratic. idsOf makes room for as many at once.
const shortIDs = 32

// idsOf lists the callIds of the steps whose action is of, each once, in order of first
// appearance.
func idsOf(steps []sim.Step, of func(sim.Action) bool) []string {
	ids := make([]string, 0, shortIDs)
	var index map[string]bool // once ids are more than shortIDs
	for i := range steps {
		id := steps[i].CallID
		if !of(steps[i].Action) || index[id] || (index == nil && slices.Contains(ids, id)) {
			continue
		}
		ids = append(ids, id)
		switch {
		case index != nil:
			index[id] = true
		case len(ids) > shortIDs:
			index = make(map[string]bool, 2*len(ids))
			for _, k := range ids {
				index[k] = true
			}
		}
	}
	return ids
}
