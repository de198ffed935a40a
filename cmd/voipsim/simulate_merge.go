package main

import (
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
Its time is the sum of the shards' times.

The files must be every shard of one campaign, each once; merge stops at the first fault.
A file that is not such a summary (a field missing, of the wrong kind, out of range or not
printable text) is refused naming the file and the field; shards of different --shard N,
--seeds, --steps or --app name the two files; a shard given twice names both files; missing
shards are named by number. A whole campaign's summary is its only shard: it merges alone,
into itself.

Exit status: 0 when no app failed, 1 when one did, 2 on bad input.`,
		Example: `  voipsim simulate --shard 1/2 --format json > 1.json
  voipsim simulate --shard 2/2 --format json > 2.json
  voipsim simulate merge 1.json 2.json`,
		Args: filesOf("the JSON summary of every shard"),
		RunE: func(_ *cobra.Command, files []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			parts := make([]explore.Part, 0, len(files))
			for _, name := range files {
				s, err := readSummary(e, name)
				if err != nil {
					return err
				}
				parts = append(parts, explore.Part{Name: inputName(name), Summary: s})
			}
			sum, err := explore.MergeParts(parts...)
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
