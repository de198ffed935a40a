package explore

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/voipsim/voipsim/sim"
)

// Summary sums up a campaign. Summaries of shards merge (Merge) into the summary of the
// whole campaign; in JSON they are what `voipsim simulate --format json` prints.
type Summary struct {
	First   uint64       `json:"first"`            // the campaign's seeds: First…First+Seeds-1
	Seeds   int          `json:"seeds"`            // (all shards together)
	Steps   int          `json:"steps"`            // generated steps per scenario
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

// Merge sums the summaries of a campaign's shards into one: counts add up, apps match by name, and each kind of failure
// keeps the reproducer of its first seed, so the shards of a campaign merge into the
// summary of the whole.
func Merge(parts ...*Summary) (*Summary, error) {
	out := &Summary{}
	for n, p := range parts {
		if n == 0 {
			out.First, out.Seeds, out.Steps = p.First, p.Seeds, p.Steps
		} else if p.First != out.First || p.Seeds != out.Seeds || p.Steps != out.Steps {
			return nil, fmt.Errorf("summary %d is of seeds %s with %d steps, summary 1 of seeds %s with %d steps: they are different campaigns",
				n+1, p.SeedRange(), p.Steps, out.SeedRange(), out.Steps)
		}
		out.Shards = append(out.Shards, p.Shards...)
		out.Seconds += p.Seconds
		for i := range p.Apps {
			out.app(p.Apps[i].App).merge(&p.Apps[i])
		}
	}
	slices.Sort(out.Shards)
	for i := range out.Apps {
		sortFindings(out.Apps[i].Findings)
	}
	return out, nil
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
