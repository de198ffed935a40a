package explore

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/voipsim/voipsim/sim"
)

// App is an app under test, by name: New makes a fresh one for each run.
type App struct {
	Name string
	New  func() sim.App
}

// DefaultSeeds is how many seeds a campaign runs when Seeds is 0: First…First+999, which
// is seeds 0…999 when First is 0 too (`voipsim simulate` sets First to 1: seeds 1…1000).
const DefaultSeeds = 1000

// Bounds of a campaign. A campaign keeps no more than a summary per worker, whatever its
// seeds, but its time grows with them; MaxSeeds is a day or so of one core. Shrinking a
// failure takes time about linear in its scenario's steps (BenchmarkShrink): one of
// MaxSteps steps shrinks in tens of milliseconds, one of 100,000 in under a second.
const (
	MaxSeeds   = 1_000_000_000
	MaxSteps   = 10_000
	MaxWorkers = 1024
)

// Campaign runs generated scenarios over a range of seeds, for one or more apps.
type Campaign struct {
	Apps  []App
	First uint64 // the first seed (seeds run from First to First+Seeds-1)
	Seeds int    // how many seeds, up to MaxSeeds (0: DefaultSeeds)
	Steps int    // steps each scenario draws (Generate), up to MaxSteps (0: DefaultSteps)
	// Shard runs one share of the seeds, so that N jobs can split a campaign; N is at
	// most Seeds.
	Shard Shard
	// Workers run seeds in parallel, up to MaxWorkers (0: GOMAXPROCS); the summary does
	// not depend on it.
	Workers int
	Config  sim.Config
	// NoShrink keeps the first failing scenario of each kind as generated.
	NoShrink bool
	// OnSeed, if set, is called once per seed done, from any worker: for a progress bar.
	OnSeed func()
}

// Shard is the Kth of N shares of a seed range: the seeds First+i with i%N == K-1.
// The zero value is the whole range.
type Shard struct{ K, N int }

// String is "K/N", or "" for the whole range.
func (s Shard) String() string {
	if s.N <= 1 {
		return ""
	}
	return itoa(s.K) + "/" + itoa(s.N)
}

// ParseShard reads a shard as String writes it: "K/N" with 1 <= K <= N.
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	var sh Shard
	var err1, err2 error
	sh.K, err1 = strconv.Atoi(k)
	sh.N, err2 = strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || sh.K < 1 || sh.K > sh.N {
		return Shard{}, fmt.Errorf("explore: shard %q is not K/N with 1 <= K <= N", s)
	}
	return sh, nil
}

// whole is the shard as 1/1 when it is the whole range.
func (s Shard) whole() Shard {
	if s.N <= 1 {
		return Shard{1, 1}
	}
	return s
}

// count is how many of seeds the shard runs.
func (s Shard) count(seeds int) int {
	s = s.whole()
	if s.K > seeds {
		return 0
	}
	return (seeds-s.K)/s.N + 1
}

// seed is the ith seed the shard runs of a range from first.
func (s Shard) seed(first uint64, i int) uint64 {
	s = s.whole()
	return first + uint64(s.K-1) + uint64(i)*uint64(s.N)
}

// SeedList is the seeds the campaign runs, in order.
func (c *Campaign) SeedList() []uint64 {
	c.defaults()
	seeds := make([]uint64, c.SeedCount())
	for i := range seeds {
		seeds[i] = c.Shard.seed(c.First, i)
	}
	return seeds
}

// SeedCount is how many seeds the campaign runs: its shard's share of Seeds.
func (c *Campaign) SeedCount() int {
	c.defaults()
	return c.Shard.count(c.Seeds)
}

func (c *Campaign) defaults() {
	if c.Seeds == 0 {
		c.Seeds = DefaultSeeds
	}
	if c.Steps == 0 {
		c.Steps = DefaultSteps
	}
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	c.Config.Quiet = true
}

// Check reports the first setting of the campaign out of its bounds, or the first app it
// could not run. Run checks it, so that a campaign too big for memory or for a lifetime,
// or an app that would panic a worker or sum up under another's name, is an error before
// it starts. Check calls each app's New once.
func (c Campaign) Check() error {
	c.defaults()
	if err := c.checkApps(); err != nil {
		return err
	}
	switch {
	case c.Seeds < 1 || c.Seeds > MaxSeeds:
		return fmt.Errorf("explore: the campaign's Seeds is %d, want 1..%d (0: %d)", c.Seeds, MaxSeeds, DefaultSeeds)
	case c.Steps < 1 || c.Steps > MaxSteps:
		return fmt.Errorf("explore: the campaign's Steps is %d, want 1..%d (0: %d)", c.Steps, MaxSteps, DefaultSteps)
	case c.Workers < 1 || c.Workers > MaxWorkers:
		return fmt.Errorf("explore: the campaign's Workers is %d, want 0..%d (0: GOMAXPROCS)", c.Workers, MaxWorkers)
	case c.First > math.MaxUint64-uint64(c.Seeds-1):
		return fmt.Errorf("explore: the campaign's %d seeds from %d would pass the last seed, %d", c.Seeds, c.First, uint64(math.MaxUint64))
	case c.Shard != Shard{} && (c.Shard.K < 1 || c.Shard.K > c.Shard.N || c.Shard.N > c.Seeds):
		return fmt.Errorf("explore: the campaign's Shard is %d/%d, want K/N with 1 <= K <= N <= Seeds (%d)", c.Shard.K, c.Shard.N, c.Seeds)
	}
	return nil
}

// checkApps refuses an app without a name or a New, and two apps of one name: the
// summary tells apps apart by name, and a missing New would panic in a worker.
func (c *Campaign) checkApps() error {
	if len(c.Apps) == 0 {
		return fmt.Errorf("explore: a campaign needs at least one app")
	}
	for i, app := range c.Apps {
		if app.Name == "" {
			return fmt.Errorf("explore: the campaign's Apps[%d] has no Name", i)
		}
		at := fmt.Sprintf("the campaign's Apps[%d] (%q)", i, app.Name)
		if app.New == nil {
			return fmt.Errorf("explore: %s has no New", at)
		}
		if j := slices.IndexFunc(c.Apps[:i], func(a App) bool { return a.Name == app.Name }); j >= 0 {
			return fmt.Errorf("explore: the campaign's Apps[%d] and Apps[%d] are both named %q", j, i, app.Name)
		}
		if app.New() == nil {
			return fmt.Errorf("explore: %s has a New that returns nil, want a sim.App", at)
		}
	}
	return nil
}

// outcome is what one app did in one scenario.
type outcome struct {
	counts sim.Counts
	keys   []string // the kinds of failure, each once, in order of first occurrence
}

// Run checks the campaign (Check), runs it and sums it up. Seeds run on a pool of
// workers, each summing its own seeds; as sums add up in any order and each kind of
// failure keeps its first seed, which it then is shrunk from, the summary is the same
// for any number of workers, and a campaign holds no more than a summary per worker.
func (c Campaign) Run() (*Summary, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	c.defaults()
	sums := make([][]AppSummary, c.Workers)
	parallel(c.SeedCount(), c.Workers, func(w, i int) {
		if sums[w] == nil {
			sums[w] = c.newAppSummaries()
		}
		c.runSeed(sums[w], c.Shard.seed(c.First, i))
	})
	sum := &Summary{First: c.First, Seeds: c.Seeds, Steps: c.Steps, Shards: shards(c.Shard), Apps: c.newAppSummaries()}
	for a := range sum.Apps {
		for _, part := range sums {
			if part != nil {
				sum.Apps[a].merge(&part[a])
			}
		}
		sortFindings(sum.Apps[a].Findings)
	}
	c.shrinkAll(sum)
	return sum, nil
}

func (c *Campaign) newAppSummaries() []AppSummary {
	out := make([]AppSummary, len(c.Apps))
	for a, app := range c.Apps {
		out[a] = AppSummary{App: app.Name, Verdicts: map[string]int{}}
	}
	return out
}

// runSeed runs every app through the scenario of one seed and sums the outcomes in.
func (c *Campaign) runSeed(sums []AppSummary, seed uint64) {
	sc := Generate(seed, c.Steps)
	for a, app := range c.Apps {
		res := sim.Run(app.New(), sc, c.Config)
		sums[a].add(seed, &outcome{counts: res.Counts, keys: Keys(res)})
	}
	if c.OnSeed != nil {
		c.OnSeed()
	}
}

func shards(s Shard) []string {
	if s.String() == "" {
		return nil
	}
	return []string{s.String()}
}

// shrinkAll shrinks the first scenario of every kind of failure, in parallel.
func (c *Campaign) shrinkAll(sum *Summary) {
	type job struct{ app, finding int }
	var jobs []job
	for a := range sum.Apps {
		for f := range sum.Apps[a].Findings {
			jobs = append(jobs, job{a, f})
		}
	}
	parallel(len(jobs), c.Workers, func(_, j int) {
		f := &sum.Apps[jobs[j].app].Findings[jobs[j].finding]
		sc := Generate(f.Seed, c.Steps)
		f.GeneratedSteps = len(sc.Steps)
		if !c.NoShrink {
			sc = Shrink(c.Apps[jobs[j].app].New, sc, f.Key, c.Config)
		}
		f.Repro, f.ReproSteps = sc.String(), len(sc.Steps)
	})
}

// parallel calls fn(w, 0) … fn(w, n-1) on up to workers goroutines; w is the
// goroutine's number, 0..workers-1, for what it keeps of its own.
func parallel(n, workers int, fn func(w, i int)) {
	var next sync.Mutex
	i := 0
	take := func() int {
		next.Lock()
		defer next.Unlock()
		i++
		return i - 1
	}
	var wg sync.WaitGroup
	for w := range min(max(workers, 1), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := take(); j < n; j = take() {
				fn(w, j)
			}
		}()
	}
	wg.Wait()
}

// Keys lists the kinds of failure of a run (sim.Failure.Key), each once, in order of
// first occurrence.
func Keys(res *sim.Result) []string {
	var keys []string
	for i := range res.Failures {
		k := res.Failures[i].Key()
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}
