package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/voipsim/voipsim/sim/explore"
)

// simulateRules is what --help says of the flags of simulate that checkSimulateFlags
// enforces.
const simulateRules = `Bounds: --seeds 1..1000000000; --steps 1..10000 (each worker holds a scenario; shrinking
a failure of 10,000 steps takes tens of milliseconds); --workers 0..1024;
--shard K/N with 1 <= K <= N <= --seeds.

--script replays the scenario as written: it takes --app and --trace, and refuses --seed,
--seeds, --steps, --shard, --save, --workers and --format json. --seed runs that one seed:
it takes --app, --steps, --trace, --workers and --format json (the summary of that one
seed; --trace then writes the trace of its shrunk reproducer, if it fails, not of the
seed's run), and refuses --seeds, --shard and --save, which are for a campaign.`

// Flags that say what simulate runs, and the flags that would change nothing with them.
var (
	scriptRefuses = []string{"seed", "seeds", "steps", "shard", "save", "workers"}
	seedRefuses   = []string{"seeds", "shard", "save"}
)

// checkSimulateFlags refuses a flag that would be ignored or is out of bounds, naming
// it, and returns the shard to run.
func checkSimulateFlags(cmd *cobra.Command, f simulateFlags) (explore.Shard, error) {
	if err := checkFormat(f.format); err != nil {
		return explore.Shard{}, err
	}
	if err := checkCombinations(cmd, f); err != nil {
		return explore.Shard{}, err
	}
	if err := checkBounds(f); err != nil {
		return explore.Shard{}, err
	}
	// Everywhere else "-" is a standard stream; a file or directory named "-" would surprise.
	if f.trace == "-" {
		return explore.Shard{}, fmt.Errorf("--trace needs a file name: - would mean stdout, where the log or summary goes")
	}
	if f.save == "-" {
		return explore.Shard{}, fmt.Errorf("--save needs a directory name: - would mean a standard stream, and reproducers are files")
	}
	return parseShard(f.shard, f.seeds)
}

func checkFormat(format string) error {
	if format != "text" && format != "json" {
		return fmt.Errorf(`--format must be "text" or "json", got %q`, format)
	}
	return nil
}

// checkCombinations refuses the flags that --script or --seed would ignore, rather than
// let a user believe they did something.
func checkCombinations(cmd *cobra.Command, f simulateFlags) error {
	fl := cmd.Flags()
	if fl.Changed("script") {
		if f.format == "json" {
			return fmt.Errorf("--format json cannot go with --script: --script prints the run as text (--trace writes its trace as JSON Lines)")
		}
		if name := firstChanged(cmd, scriptRefuses); name != "" {
			return fmt.Errorf("--%s cannot go with --script: --script replays the scenario as written", name)
		}
	}
	if fl.Changed("seed") {
		if name := firstChanged(cmd, seedRefuses); name != "" {
			return fmt.Errorf("--%s cannot go with --seed: --seed runs that one seed; --seeds, --shard and --save are for a campaign", name)
		}
	}
	return nil
}

func firstChanged(cmd *cobra.Command, names []string) string {
	for _, name := range names {
		if cmd.Flags().Changed(name) {
			return name
		}
	}
	return ""
}

// checkBounds keeps a campaign within what memory and a lifetime allow (explore.MaxSeeds
// and its kin), before it starts.
func checkBounds(f simulateFlags) error {
	switch {
	case f.seeds < 1 || f.seeds > explore.MaxSeeds:
		return fmt.Errorf("--seeds must be 1..%d, got %d", explore.MaxSeeds, f.seeds)
	case f.steps < 1 || f.steps > explore.MaxSteps:
		return fmt.Errorf("--steps must be 1..%d, got %d", explore.MaxSteps, f.steps)
	case f.workers < 0 || f.workers > explore.MaxWorkers:
		return fmt.Errorf("--workers must be 0..%d (0: one per CPU), got %d", explore.MaxWorkers, f.workers)
	}
	return nil
}

// parseShard reads --shard K/N; more shares than seeds would leave some empty.
func parseShard(s string, seeds int) (explore.Shard, error) {
	if s == "" {
		return explore.Shard{}, nil
	}
	sh, err := explore.ParseShard(s)
	if err != nil || sh.N > seeds {
		return explore.Shard{}, fmt.Errorf("--shard must be K/N with 1 <= K <= N <= --seeds (%d), got %q", seeds, s)
	}
	return sh, nil
}
