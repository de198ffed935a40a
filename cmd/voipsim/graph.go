package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/voipsim/voipsim/callstate"
)

func init() { register(newGraphCmd) }

func newGraphCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Draw the lifecycle of one call (Mermaid or Graphviz DOT)",
		Long: `graph draws the lifecycle of one call: which states reportCallStateChange may move a live
call to, as declared once with looplab/fsm in package callstate. The rules: README.md,
section "Lifecycle of one call [policy, from the documented flows]".`,
		Example: "  voipsim graph\n  voipsim graph --format dot | dot -Tsvg > lifecycle.svg",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "mermaid":
				return printDiagram(e.stdout, callstate.Mermaid())
			case "dot":
				return printDiagram(e.stdout, callstate.DOT())
			}
			return fmt.Errorf(`--format must be "mermaid" or "dot", got %q`, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "mermaid", "diagram language: mermaid or dot")
	return cmd
}

func printDiagram(w io.Writer, diagram string) error {
	_, err := io.WriteString(w, diagram)
	return err
}
