package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/voipsim/voipsim/sim/explore"
)

func newMergeCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "merge [--format text|json] FILE...",
		Short: "Add up the --format json summaries of a campaign's shards",
		Long: `merge reads the JSON summaries that 'voipsim simulate --shard K/N --format json' printed for
the shards of one campaign ("-" reads stdin) and prints their sum, as simulate would have
printed the whole campaign; each kind of failure keeps the reproducer of its first seed.
Its time is the sum of the shards' times. Exit status: 0 when no app failed, 1 when one
did, 2 on bad input.`,
		Example: `  voipsim simulate --shard 1/2 --format json > 1.json
  voipsim simulate --shard 2/2 --format json > 2.json
  voipsim simulate merge 1.json 2.json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, files []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			var parts []*explore.Summary
			for _, name := range files {
				text, err := readInput(e, name, "summary")
				if err != nil {
					return err
				}
				var s explore.Summary
				if err := json.Unmarshal(text, &s); err != nil {
					return fmt.Errorf("%s: not a summary of voipsim simulate --format json: %w", name, err)
				}
				parts = append(parts, &s)
			}
			sum, err := explore.Merge(parts...)
			if err != nil {
				return err
			}
			if err := printSummary(e.stdout, sum, format, nil, sum.Steps); err != nil {
				return err
			}
			return failedStatus(sum.Failed())
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output: text or json")
	return cmd
}
