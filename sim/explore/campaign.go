package explore

import (
	"runtime"
	"slices"
	"sync"

	"github.com/voipsim/voipsim/sim"
)

// App is an app under test, by name: New makes a fresh one for each run.
type App struct {
	Name string
	New  func() sim.App
}

// DefaultSeeds is how many seeds a campaign runs when none is given: seeds 1…1000.
const DefaultSeeds = 1000

// Campaign runs generated scenarios over a range of seeds, for one or more apps.
type Campaign struct {
	Apps  []App
	First uint64 // the first seed (seeds run from First to First+Seeds-1)
	Seeds int    // how many seeds (default DefaultSeeds)
	Steps int    // generated steps per scenario (default DefaultSteps)
	// Shard runs one share of the seeds, so that N jobs can split a campaign.
	Shard Shard
	// Workers run seeds in parallel (default GOMAXPROCS); the summary does not depend on it.
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

// SeedList is the seeds the campaign runs, in order.
func (c *Campaign) SeedList() []uint64 {
	c.defaults()
	var seeds []uint64
	for i := range c.Seeds {
		if c.Shard.N <= 1 || i%c.Shard.N == c.Shard.K-1 {
			seeds = append(seeds, c.First+uint64(i))
		}
	}
	return seeds
}

func (c *Campaign) defaults() {
	if c.Seeds <= 0 {
		c.Seeds = DefaultSeeds
	}
	if c.Steps <= 0 {
		c.Steps = DefaultSteps
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	c.Config.Quiet = true
}

// outcome is what one app did in one scenario.
type outcome struct {
	counts sim.Counts
	keys   []string // the kinds of failure, each once, in order of first occurrence
}

// Run runs the campaign and sums it up. Seeds run on a pool of workers; their outcomes
// are summed in seed order, and each kind of failure is shrunk from the first seed that
// shows it, so the summary is the same for any number of workers.
func (c Campaign) Run() *Summary {
	seeds := c.SeedList()
	results := make([][]outcome, len(seeds))
	parallel(len(seeds), c.Workers, func(i int) {
		sc := Generate(seeds[i], c.Steps)
		results[i] = make([]outcome, len(c.Apps))
		for a, app := range c.Apps {
			res := sim.Run(app.New(), sc, c.Config)
			results[i][a] = outcome{counts: res.Counts, keys: Keys(res)}
		}
		if c.OnSeed != nil {
			c.OnSeed()
		}
	})
	sum := &Summary{First: c.First, Seeds: c.Seeds, Steps: c.Steps, Shards: shards(c.Shard)}
	for a, app := range c.Apps {
		as := AppSummary{App: app.Name, Verdicts: map[string]int{}}
		for i, seed := range seeds {
			as.add(seed, &results[i][a])
		}
		sortFindings(as.Findings)
		sum.Apps = append(sum.Apps, as)
	}
	c.shrinkAll(sum)
	return sum
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
	parallel(len(jobs), c.Workers, func(j int) {
		f := &sum.Apps[jobs[j].app].Findings[jobs[j].finding]
		sc := Generate(f.Seed, c.Steps)
		f.GeneratedSteps = len(sc.Steps)
		if !c.NoShrink {
			sc = Shrink(c.Apps[jobs[j].app].New, sc, f.Key, c.Config)
		}
		f.Repro, f.ReproSteps = sc.String(), len(sc.Steps)
	})
}

// parallel calls fn(0) … fn(n-1) on up to workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	var next sync.Mutex
	i := 0
	take := func() int {
		next.Lock()
		defer next.Unlock()
		i++
		return i - 1
	}
	var wg sync.WaitGroup
	for range min(max(workers, 1), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := take(); j < n; j = take() {
				fn(j)
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
