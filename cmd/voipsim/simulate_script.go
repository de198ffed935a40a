package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/voipsim/voipsim/sim/explore"
	"github.com/voipsim/voipsim/sim/explore/apps"
)

// replayScript plays a script file: a reproducer names its app, --app overrides it.
func replayScript(e *env, cmd *cobra.Command, f simulateFlags) error {
	text, err := readInput(e, f.script, "script")
	if err != nil {
		return err
	}
	r, err := explore.ParseRepro(string(text))
	if err != nil {
		return fmt.Errorf("%s: %w", inputName(f.script), err)
	}
	// A script of no step passes whatever the app does: a test of nothing, most likely a
	// wrong file or an empty pipe.
	if len(r.Scenario.Steps) == 0 {
		return fmt.Errorf("no steps in %s: a script needs at least one step", inputName(f.script))
	}
	name := f.app
	if r.App != "" && !cmd.Flags().Changed("app") {
		name = r.App
	}
	targets, err := apps.Lookup(name)
	if err != nil {
		return err
	}
	return play(e, targets, r.Scenario, f.trace)
}

// readInput reads the file name, or stdin for "-"; what is what the file should be, for
// the error when it is a directory.
func readInput(e *env, name, what string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(e.stdin)
	}
	if err := notADirectory(name, what); err != nil {
		return nil, err
	}
	return os.ReadFile(name)
}

// notADirectory refuses a directory where a file was expected, saying what the file
// should be: reading one fails with an error that does not say so.
func notADirectory(name, what string) error {
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory, not a %s", name, what)
	}
	return nil
}

// inputName is how errors call an input file: "-" is stdin.
func inputName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}
