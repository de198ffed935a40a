package explore

import (
	"slices"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
)

// MaxShrinkRuns bounds the runs one Shrink may make; the failures of generated scenarios
// of MaxSteps steps need a few hundred at most.
const MaxShrinkRuns = 20_000

// Shrink reduces a scenario that fails with key (a sim.Failure.Key) to a minimal one that
// still fails that way: it deletes chunks of steps, then single steps (ddmin), merges
// callIds into fewer and renames them c1, c2, … in order of appearance, makes times
// simpler (the first step at 0, gaps of 0 or whole seconds) and arguments simpler
// (voice, no names, the first fault code), and repeats until nothing more can go. A
// scenario that ends with a WindDown keeps one, made anew for what is left, so that a
// leaked call stays the app's leak; a Fair scenario stays fair. Shrink is deterministic,
// and returns sc unchanged if sc does not fail with key. It remembers what its latest
// runs showed (up to 1,024 steps of them in all) and does not run steps it remembers again.
func Shrink(newApp func() sim.App, sc sim.Scenario, key string, cfg sim.Config) sim.Scenario {
	s := &shrinker{newApp: newApp, key: key, cfg: cfg, seen: newVerdicts()}
	s.cfg.Quiet = true
	steps, wound := SplitWindDown(sc.Steps)
	s.wound, s.fair = wound, Fair(sc.Steps) == nil
	steps = slices.Clone(steps)
	if !s.fails(steps) {
		return sc
	}
	for s.runs < MaxShrinkRuns {
		before := script(steps)
		steps = s.deleteSteps(steps)
		steps = s.fewerCalls(steps)
		steps = s.simplerTimes(steps)
		steps = s.simplerArgs(steps)
		if script(steps) == before {
			break
		}
	}
	return sim.Scenario{Name: sc.Name, Steps: s.whole(steps)}
}

type shrinker struct {
	newApp func() sim.App
	key    string
	cfg    sim.Config
	wound  bool // the steps get a WindDown
	fair   bool // the steps must stay Fair
	runs   int
	seen   verdicts
}

// whole is the scenario's steps: with a wind-down if it had one.
func (s *shrinker) whole(steps []sim.Step) []sim.Step {
	if s.wound {
		return WindDown(slices.Clip(steps))
	}
	return steps
}

// fails reports whether the steps still fail with the key, running them unless they
// were run before.
func (s *shrinker) fails(steps []sim.Step) bool {
	if s.runs >= MaxShrinkRuns {
		return false
	}
	h, fails, known := s.seen.lookup(steps)
	if !known {
		fails = s.judge(steps)
		s.seen.add(h, steps, fails)
	}
	return fails
}

// judge runs the steps, if they are fair when they must be, and reports whether they
// fail with the key.
func (s *shrinker) judge(steps []sim.Step) bool {
	whole := s.whole(steps)
	if s.fair && Fair(whole) != nil {
		return false
	}
	s.runs++
	res := sim.Run(s.newApp(), sim.Scenario{Steps: whole}, s.cfg)
	for i := range res.Failures {
		if res.Failures[i].Key() == s.key {
			return true
		}
	}
	return false
}

func script(steps []sim.Step) string { return sim.Scenario{Steps: steps}.String() }

// try keeps a changed copy of the steps if it still fails.
func (s *shrinker) try(steps []sim.Step, change func([]sim.Step) bool) []sim.Step {
	steps, _ = s.tryChange(steps, change)
	return steps
}

// tryChange is try, also telling whether the change was kept.
func (s *shrinker) tryChange(steps []sim.Step, change func([]sim.Step) bool) ([]sim.Step, bool) {
	cand := slices.Clone(steps)
	if change(cand) && s.fails(cand) {
		return cand, true
	}
	return steps, false
}

// deleteSteps is ddmin on complements: remove one of n chunks while the rest still
// fails, n growing from 2 to one step per chunk.
func (s *shrinker) deleteSteps(steps []sim.Step) []sim.Step {
	n := 2
	for len(steps) >= 1 {
		n = min(n, len(steps))
		size := (len(steps) + n - 1) / n
		removed := false
		for start := 0; start < len(steps); start += size {
			cand := slices.Delete(slices.Clone(steps), start, min(start+size, len(steps)))
			if s.fails(cand) {
				steps, removed = cand, true
				n = max(n-1, 2)
				break
			}
		}
		if !removed {
			if n >= len(steps) {
				break
			}
			n *= 2
		}
	}
	return steps
}

// fewerCalls merges each callId into an earlier one, then names what is left c1, c2, …
// in order of first appearance.
func (s *shrinker) fewerCalls(steps []sim.Step) []sim.Step {
	ids := callIDs(steps)
	for j := len(ids) - 1; j > 0; j-- {
		for i := 0; i < j; i++ {
			var merged bool
			if steps, merged = s.tryChange(steps, renamer(ids[j], ids[i])); merged {
				break
			}
		}
	}
	return s.try(steps, inOrder(callIDs(steps)))
}

// inOrder renames ids[i] to c{i+1}, all at once: one at a time, c3 could not become c1
// while another call still had that name. It reports whether a name changed.
func inOrder(ids []string) func([]sim.Step) bool {
	return func(steps []sim.Step) bool {
		changed := false
		for i := range steps {
			if k := slices.Index(ids, steps[i].CallID); k >= 0 && steps[i].Action.HasCallID() {
				name := "c" + itoa(k+1)
				changed = changed || steps[i].CallID != name
				steps[i].CallID = name
			}
		}
		return changed
	}
}

// callIDs lists the callIds of the steps in order of first appearance.
func callIDs(steps []sim.Step) []string { return idsOf(steps, sim.Action.HasCallID) }

func renamer(from, to string) func([]sim.Step) bool {
	return func(steps []sim.Step) bool {
		for i := range steps {
			if steps[i].CallID == from {
				steps[i].CallID = to
			}
		}
		return true
	}
}

// simplerTimes moves the first step to 0 and makes each gap between steps 0, or whole
// seconds, or half as long, shifting the later steps with it.
func (s *shrinker) simplerTimes(steps []sim.Step) []sim.Step {
	for i := range steps {
		var prev time.Duration
		if i > 0 {
			prev = steps[i-1].At
		}
		gap := steps[i].At - prev
		wants := [...]time.Duration{0, gap.Truncate(time.Second), gap.Round(time.Second), (gap / 2).Truncate(time.Millisecond)}
		for k, want := range wants {
			// A gap under a second truncates to 0, and one less than half a second past
			// a whole second rounds to its truncation: a want tried already did not fail.
			if want < 0 || want >= gap || slices.Contains(wants[:k], want) {
				continue
			}
			var shorter bool
			if steps, shorter = s.tryChange(steps, shifter(i, want-gap)); shorter {
				break
			}
		}
	}
	return steps
}

// shifter moves step i and every later step by d.
func shifter(i int, d time.Duration) func([]sim.Step) bool {
	return func(steps []sim.Step) bool {
		for j := i; j < len(steps); j++ {
			steps[j].At += d
		}
		return true
	}
}

// simplerArgs makes each step's arguments simpler, one at a time: voice for video, no
// name, the first fault code.
func (s *shrinker) simplerArgs(steps []sim.Step) []sim.Step {
	for i := range steps {
		steps = s.try(steps, func(c []sim.Step) bool {
			changed := c[i].Type != callstate.CallVoice
			c[i].Type = callstate.CallVoice
			return changed
		})
		steps = s.try(steps, func(c []sim.Step) bool {
			changed := c[i].Name != ""
			c[i].Name = ""
			return changed
		})
		steps = s.try(steps, func(c []sim.Step) bool {
			changed := c[i].Action == sim.ActFault && c[i].Code != faultCodes[0]
			c[i].Code = faultCodes[0]
			return changed
		})
	}
	return steps
}
