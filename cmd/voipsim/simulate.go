package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/voipsim/voipsim/sim"
	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

func init() { register(newSimulateCmd) }

// campaignGOGC is the collector's target during a campaign (see runCampaign).
const campaignGOGC = 400

// wallClock times campaigns; golden tests fix it.
var wallClock = time.Now

// simulateFlags are the options of `voipsim simulate`.
type simulateFlags struct {
	app     string
	seeds   int
	seed    uint64
	steps   int
	trace   string
	workers int
	shard   string
	format  string
	script  string
	save    string
}

func newSimulateCmd(e *env) *cobra.Command {
	var f simulateFlags
	cmd := &cobra.Command{
		Use:   "simulate [flags]",
		Short: "Run an app through random call scenarios; shrink every failure to a replayable script",
		Long: `simulate plays generated scenarios — pushes, dialing, the user on the banner, carrier calls,
service crashes, injected faults, the far end — around an example app on a virtual clock, and
checks every report the app makes. The phone's rules: README.md, section "Simulating the
phone around your app: sim".

With no flags it runs the reference app through seeds 1..1000 and prints a summary: scenarios,
calls, reports, verdicts by code and cause, violations, failures, time. Each seed draws its own
mix of steps (swarm testing), then --steps draws from it: a fair phone rules some out, service
restarts and a wind-down that ends every call add more. The same seed makes the same run.

Every kind of failure is shrunk, from the first seed that shows it, to a minimal scenario, which
is printed with the command that replays it (--save writes them as files).

Apps: reference; buggy (each bug of the buggy app alone, one app per bug); buggy:all (every bug
at once); buggy:BUG[+BUG] with BUG one of forgets-disconnect-after-reject,
dials-during-carrier-call, reports-active-twice, reports-incoming-as-dialing,
never-declines-fourth-call.

--shard K/N runs the seeds i of the range with (i-first) % N == K-1, so that N jobs share a
campaign; their --format json summaries add up with 'voipsim simulate merge'.

` + simulateRules + `

Exit status: 0 when no app failed, 1 when one did, 2 on bad usage or input.`,
		Example: `  voipsim simulate
  voipsim simulate --app buggy
  voipsim simulate --app buggy:reports-active-twice --seed 10 --trace run.jsonl
  voipsim simulate --script repro.txt
  voipsim simulate --seeds 100000 --shard 3/8 --format json > shard3.json
  voipsim simulate merge shard*.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSimulate(e, cmd, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.app, "app", apps.Reference.Name, "the app: reference, buggy, buggy:all or buggy:BUG[+BUG]")
	f.seeds, f.steps = explore.DefaultSeeds, explore.DefaultSteps
	fl.Var(decimalInt{&f.seeds}, "seeds", "how many seeds N, up to 1000000000: seeds 1..N")
	fl.Var(decimalUint64{&f.seed}, "seed", "run this one seed and print its run (not with --seeds, --shard, --save)")
	fl.Var(decimalInt{&f.steps}, "steps", "steps each scenario draws, 1..10000: the fair phone rules some out; restarts and a wind-down add more")
	fl.StringVar(&f.trace, "trace", "", "write the trace (JSON Lines) of the run to `FILE`; in a campaign, of each reproducer (FILE-1, FILE-2, … before any extension, if several; none if nothing fails, which stderr says)")
	fl.Var(decimalInt{&f.workers}, "workers", "seeds run in parallel, 0..1024 (0: the number of CPUs)")
	fl.StringVar(&f.shard, "shard", "", "run the Kth of N shares of the seeds, as `K/N` with N <= --seeds")
	fl.StringVar(&f.format, "format", "text", "output: text, or json (a summary that 'simulate merge' adds up)")
	fl.StringVar(&f.script, "script", "", "replay a scenario script or reproducer `FILE` (- for stdin) instead of generating (with --app, which overrides its # app: line, and --trace only)")
	fl.StringVar(&f.save, "save", "", "write each reproducer as a file under `DIR` (e.g. sim/explore/testdata/regressions)")
	cmd.AddCommand(newMergeCmd(e))
	return cmd
}

func runSimulate(e *env, cmd *cobra.Command, f simulateFlags) error {
	shard, err := checkSimulateFlags(cmd, f)
	if err != nil {
		return err
	}
	if f.script != "" {
		return replayScript(e, cmd, f)
	}
	targets, err := apps.Lookup(f.app)
	if err != nil {
		return err
	}
	c := explore.Campaign{Apps: targets, First: 1, Seeds: f.seeds, Steps: f.steps, Workers: f.workers, Shard: shard}
	if cmd.Flags().Changed("seed") {
		if f.format == "text" {
			sc := explore.Generate(f.seed, f.steps)
			return play(e, targets, sc, f.trace)
		}
		c.First, c.Seeds = f.seed, 1
	}
	return runCampaign(e, c, f)
}

// play runs one scenario around each app and prints the runs; --trace writes the run's
// trace (one app only).
func play(e *env, targets []explore.App, sc sim.Scenario, traceFile string) error {
	if traceFile != "" && len(targets) != 1 {
		return fmt.Errorf("--trace writes one run: name one app (e.g. --app buggy:reports-active-twice)")
	}
	out := bufio.NewWriter(e.stdout)
	failed := false
	for _, app := range targets {
		if len(targets) > 1 {
			fmt.Fprintf(out, "== %s ==\n", app.Name)
		}
		res := sim.Run(app.New(), sc, sim.Config{})
		failed = failed || res.Failed()
		if err := res.WriteLog(out); err != nil {
			return err
		}
		if traceFile != "" {
			if err := writeFile(traceFile, res.WriteTrace); err != nil {
				return err
			}
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	return failedStatus(failed)
}

func failedStatus(failed bool) error {
	if failed {
		return exitStatus(1)
	}
	return nil
}

func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// runCampaign runs the seeds, with a progress bar on a terminal, and prints the summary.
func runCampaign(e *env, c explore.Campaign, f simulateFlags) error {
	if os.Getenv("GOGC") == "" {
		// A campaign keeps little alive but allocates fast: with the default GOGC the
		// collector runs so often that it, not the simulation, keeps a second worker waiting.
		defer debug.SetGCPercent(debug.SetGCPercent(campaignGOGC))
	}
	if bar := progressBar(e, c.SeedCount()); bar != nil {
		c.OnSeed = func() { _ = bar.Add(1) }
		defer func() { _ = bar.Clear() }()
	}
	start := wallClock()
	sum, err := c.Run()
	if err != nil {
		return err
	}
	sum.Seconds = wallClock().Sub(start).Seconds()
	command := campaignCommand(f)
	files, err := saveRepros(sum, f, command)
	if err != nil {
		return err
	}
	if err := writeReproTraces(e, sum, f.trace); err != nil {
		return err
	}
	if err := printSummary(e.stdout, sum, f.format, files, f.steps); err != nil {
		return err
	}
	return failedStatus(sum.Failed())
}

// progressBar is a bar on stderr when stderr is a terminal, nil otherwise.
func progressBar(e *env, seeds int) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || !(isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(seeds, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("simulating"),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("seeds"),
		progressbar.OptionThrottle(50*time.Millisecond), progressbar.OptionClearOnFinish())
}
