package explore

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/voipsim/voipsim/sim"
)

// Summary sums up a campaign. Summaries of shards merge (Merge) into the summary of the
// whole campaign; in JSON they are what `voipsim simulate --format json` prints.
type Summary struct {
	First   uint64       `json:"first"`            // the campaign's seeds: First…First+Seeds-1
	Seeds   int          `json:"seeds"`            // (all shards together)
	Steps   int          `json:"steps"`            // steps each scenario draws (Campaign.Steps)
	Shards  []string     `json:"shards,omitempty"` // the shards summed, "K/N"; none for a whole campaign
	Seconds float64      `json:"seconds"`          // wall time (the sum of the shards' when merged)
	Apps    []AppSummary `json:"apps"`
}

// AppSummary is what one app did over the campaign's scenarios.
type AppSummary struct {
	App string `json:"app"`
	Tally
	// Verdicts counts the app's calls by verdict: "ok" or "CODE/cause".
	Verdicts map[string]int `json:"verdicts"`
	// Findings are the kinds of failure, by the first seed that shows each.
	Findings []Finding `json:"findings,omitempty"`
}

// Tally is the counts of an AppSummary.
type Tally struct {
	Scenarios       int `json:"scenarios"`
	FailedScenarios int `json:"failedScenarios"`
	Steps           int `json:"steps"` // validator steps: the app's calls and the phone's
	Calls           int `json:"calls"`
	Reports         int `json:"reports"`
	OK              int `json:"ok"`
	Refused         int `json:"refused"`        // the app's fault
	RefusedByPhone  int `json:"refusedByPhone"` // service down, injected fault, call cleared by a crash
	Pushes          int `json:"pushes"`
	Dials           int `json:"dials"`
	UIEvents        int `json:"uiEvents"`
	Skipped         int `json:"skipped"` // script steps the phone could not play when they came
	Violations      int `json:"violations"`
	Panics          int `json:"panics"`
}

func (t *Tally) plus(o Tally) {
	t.Scenarios += o.Scenarios
	t.FailedScenarios += o.FailedScenarios
	t.Steps += o.Steps
	t.Calls += o.Calls
	t.Reports += o.Reports
	t.OK += o.OK
	t.Refused += o.Refused
	t.RefusedByPhone += o.RefusedByPhone
	t.Pushes += o.Pushes
	t.Dials += o.Dials
	t.UIEvents += o.UIEvents
	t.Skipped += o.Skipped
	t.Violations += o.Violations
	t.Panics += o.Panics
}

// tallyOf is one scenario's run as a Tally.
func tallyOf(c *sim.Counts, failed bool) Tally {
	t := Tally{Scenarios: 1, Steps: c.Steps, Calls: c.Calls, Reports: c.Reports, OK: c.OK, Refused: c.Failed,
		RefusedByPhone: c.Expected, Pushes: c.Pushes, Dials: c.Dials, UIEvents: c.UIEvents, Skipped: c.Skipped,
		Violations: c.Violations, Panics: c.Panics}
	if failed {
		t.FailedScenarios = 1
	}
	return t
}

// Finding is one kind of failure of an app over a campaign.
type Finding struct {
	Key            string `json:"key"`       // sim.Failure.Key
	Scenarios      int    `json:"scenarios"` // how many scenarios fail this way
	Seed           uint64 `json:"seed"`      // the first of them
	GeneratedSteps int    `json:"generatedSteps"`
	// Repro is the scenario of Seed, shrunk to a minimal one that fails the same way, as a
	// script of ReproSteps steps.
	Repro      string `json:"repro"`
	ReproSteps int    `json:"reproSteps"`
}

// Extent says how far a finding reaches among an app's scenarios and how far its first
// scenario shrank: "in 66 of 200 scenarios; the first, seed 4 (97 steps), shrinks to 3
// steps".
func (f *Finding) Extent(scenarios int) string {
	return fmt.Sprintf("in %d of %d scenarios; the first, seed %d (%d steps), shrinks to %d steps",
		f.Scenarios, scenarios, f.Seed, f.GeneratedSteps, f.ReproSteps)
}

// SeedRange is the campaign's seeds as "FIRST..LAST".
func (s *Summary) SeedRange() string {
	return strconv.FormatUint(s.First, 10) + ".." + strconv.FormatUint(s.First+uint64(s.Seeds)-1, 10)
}

// Failed reports whether any app failed any scenario.
func (s *Summary) Failed() bool {
	for i := range s.Apps {
		if s.Apps[i].FailedScenarios > 0 {
			return true
		}
	}
	return false
}

// Check reports the first field of the summary that no campaign could have written,
// by its JSON name: MergeParts checks every part, so that what is not a campaign's
// summary does not add up into one.
func (s *Summary) Check() error {
	switch {
	case s.Seeds < 1:
		return fmt.Errorf("seeds is %d, want at least 1", s.Seeds)
	case s.Steps < 1:
		return fmt.Errorf("steps is %d, want at least 1", s.Steps)
	case s.First > math.MaxUint64-uint64(s.Seeds-1):
		return fmt.Errorf("first is %d and seeds %d: the last seed would pass %d", s.First, s.Seeds, uint64(math.MaxUint64))
	case !(s.Seconds >= 0): // NaN too
		return fmt.Errorf("seconds is %v, want at least 0", s.Seconds)
	case len(s.Apps) == 0:
		return fmt.Errorf("apps is empty, want at least one app")
	}
	if err := s.checkShards(); err != nil {
		return err
	}
	for i := range s.Apps {
		if err := s.checkApp(i); err != nil {
			return err
		}
	}
	return nil
}

// checkShards checks that the shards are of one split of the seeds, each once.
func (s *Summary) checkShards() error {
	for i, str := range s.Shards {
		sh, err := ParseShard(str)
		if err != nil || sh.N > s.Seeds {
			return fmt.Errorf("shards[%d] is %q, want K/N with 1 <= K <= N <= seeds (%d)", i, str, s.Seeds)
		}
		first, _ := ParseShard(s.Shards[0])
		if sh.N != first.N {
			return fmt.Errorf("shards[%d] is %q, but shards[0] is %q", i, str, s.Shards[0])
		}
		if slices.Contains(s.Shards[:i], str) {
			return fmt.Errorf("shards[%d] is %q again", i, str)
		}
	}
	return nil
}

// checkApp checks the names and counts of the ith app: every count at least 0, and one
// scenario per seed run.
func (s *Summary) checkApp(i int) error {
	a := &s.Apps[i]
	at := "apps[" + itoa(i) + "]"
	switch {
	case a.App == "":
		return fmt.Errorf("%s.app is empty, want an app's name", at)
	case slices.Contains(s.appNames()[:i], a.App):
		return fmt.Errorf("%s.app is %q again", at, a.App)
	}
	if err := a.Tally.check(at); err != nil {
		return err
	}
	if want := s.scenarios(); a.Scenarios != want {
		return fmt.Errorf("%s.scenarios is %d, want %d: one per seed of %sseeds %s", at, a.Scenarios, want, s.share(), s.SeedRange())
	}
	if a.FailedScenarios > a.Scenarios {
		return fmt.Errorf("%s.failedScenarios is %d, want at most %s.scenarios, %d", at, a.FailedScenarios, at, a.Scenarios)
	}
	for _, v := range slices.Sorted(maps.Keys(a.Verdicts)) {
		if a.Verdicts[v] < 0 {
			return fmt.Errorf("%s.verdicts[%q] is %d, want at least 0", at, v, a.Verdicts[v])
		}
	}
	for j := range a.Findings {
		if err := s.checkFinding(a, at, j); err != nil {
			return err
		}
	}
	return nil
}

// check names the first count below 0, by its JSON name: every field of a Tally is an
// int, and reflection keeps this list from missing one added later.
func (t *Tally) check(at string) error {
	v := reflect.ValueOf(*t)
	for i := range v.NumField() {
		if n := v.Field(i).Int(); n < 0 {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			return fmt.Errorf("%s.%s is %d, want at least 0", at, name, n)
		}
	}
	return nil
}

// scenarios is how many scenarios each app runs: one per seed of the summary's shards.
func (s *Summary) scenarios() int {
	n := 0
	for _, sh := range s.shardList() {
		n += sh.count(s.Seeds)
	}
	return n
}

// share is the summary's shards, for errors: "shard 1/2 of ", or "" for a whole campaign.
func (s *Summary) share() string {
	if len(s.Shards) == 0 {
		return ""
	}
	return s.describe() + " of "
}

// checkFinding checks the jth finding of app a, which is at appAt: it is one of the app's
// failed scenarios, at one of the seeds its shards run.
func (s *Summary) checkFinding(a *AppSummary, appAt string, j int) error {
	f := &a.Findings[j]
	at := appAt + ".findings[" + itoa(j) + "]"
	last := s.First + uint64(s.Seeds-1)
	switch {
	case f.Key == "":
		return fmt.Errorf("%s.key is empty, want the kind of failure", at)
	case slices.ContainsFunc(a.Findings[:j], func(g Finding) bool { return g.Key == f.Key }):
		return fmt.Errorf("%s.key is %q again", at, f.Key)
	case f.Scenarios < 1 || f.Scenarios > a.FailedScenarios:
		return fmt.Errorf("%s.scenarios is %d, want 1..%s.failedScenarios (%d)", at, f.Scenarios, appAt, a.FailedScenarios)
	case f.Seed < s.First || f.Seed > last:
		return fmt.Errorf("%s.seed is %d, want one of the seeds %s", at, f.Seed, s.SeedRange())
	case !s.runs(f.Seed):
		return fmt.Errorf("%s.seed is %d, but %s does not run it", at, f.Seed, s.describe())
	case f.GeneratedSteps < 0:
		return fmt.Errorf("%s.generatedSteps is %d, want at least 0", at, f.GeneratedSteps)
	case f.ReproSteps < 0:
		return fmt.Errorf("%s.reproSteps is %d, want at least 0", at, f.ReproSteps)
	}
	return nil
}

// runs reports whether one of the summary's shards runs the seed, which is in its range:
// shard K/N runs every Nth seed from the Kth.
func (s *Summary) runs(seed uint64) bool {
	for _, sh := range s.shardList() {
		if (seed-s.First)%uint64(sh.N) == uint64(sh.K-1) {
			return true
		}
	}
	return false
}

// add sums one scenario's outcome in.
func (a *AppSummary) add(seed uint64, o *outcome) {
	a.plus(tallyOf(&o.counts, len(o.keys) > 0))
	for v, n := range o.counts.Verdicts {
		a.Verdicts[v.String()] += n
	}
	for _, k := range o.keys {
		a.finding(Finding{Key: k, Scenarios: 1, Seed: seed})
	}
}

// finding merges a finding in: counts add up, the first seed wins.
func (a *AppSummary) finding(f Finding) {
	i := slices.IndexFunc(a.Findings, func(g Finding) bool { return g.Key == f.Key })
	switch {
	case i < 0:
		a.Findings = append(a.Findings, f)
	case f.Seed < a.Findings[i].Seed:
		f.Scenarios += a.Findings[i].Scenarios
		a.Findings[i] = f
	default:
		a.Findings[i].Scenarios += f.Scenarios
	}
}

// shardList is the shards the summary sums up: 1/1 for a whole campaign. Check makes
// sure they parse.
func (s *Summary) shardList() []Shard {
	if len(s.Shards) == 0 {
		return []Shard{{1, 1}}
	}
	out := make([]Shard, len(s.Shards))
	for i, str := range s.Shards {
		out[i], _ = ParseShard(str)
		out[i] = out[i].whole()
	}
	return out
}

// describe is what share of the campaign the summary is, for errors.
func (s *Summary) describe() string {
	if len(s.Shards) > 1 {
		return "shards " + strings.Join(s.Shards, " ")
	}
	return describeShard(s.shardList()[0])
}

func describeShard(sh Shard) string {
	if sh.N == 1 {
		return "the whole campaign"
	}
	return "shard " + itoa(sh.K) + "/" + itoa(sh.N)
}

func (s *Summary) app(name string) *AppSummary {
	for i := range s.Apps {
		if s.Apps[i].App == name {
			return &s.Apps[i]
		}
	}
	s.Apps = append(s.Apps, AppSummary{App: name, Verdicts: map[string]int{}})
	return &s.Apps[len(s.Apps)-1]
}

func (a *AppSummary) merge(b *AppSummary) {
	a.plus(b.Tally)
	for v, n := range b.Verdicts {
		a.Verdicts[v] += n
	}
	for _, f := range b.Findings {
		a.finding(f)
	}
}

// sortFindings orders findings by their first seed, then key: the order a whole campaign
// finds them in.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Seed, b.Seed), cmp.Compare(a.Key, b.Key))
	})
}
