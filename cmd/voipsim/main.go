// Command voipsim models the HarmonyOS call service (voipCall) off the device: it simulates
// the phone around an app and shrinks every failure to a minimal script, checks recorded
// traces line by line, and explains the rules behind every verdict.
//
//	voipsim simulate [--app reference|buggy|…] [--seeds N] [--seed S] [--steps N] [--script FILE]
//	                 [--trace FILE] [--workers N] [--shard K/N] [--format text|json] [--save DIR]
//	voipsim simulate merge [--format text|json] FILE... | -
//	voipsim check [--format text|json] [--profile strict|documented] [--allow-open] FILE... | -
//	voipsim codes
//	voipsim graph [--format mermaid|dot]
//	voipsim --version
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/voipsim/voipsim/internal/terminal"
)

// env is what a command may touch of the world: tests run commands in-process with their
// own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	color          bool // stdout is a terminal and NO_COLOR is not set
}

// subcommands holds the constructor of every subcommand; each registers itself from its
// own file, so adding one touches no other.
var subcommands []func(*env) *cobra.Command

func register(newCmd func(*env) *cobra.Command) { subcommands = append(subcommands, newCmd) }

// exitStatus is an error that only sets the exit status: the command has already said
// what went wrong.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// Exit status of a command line that could not run (bad flag, bad argument).
const exitUsage = 2

// filesOf accepts one or more FILE arguments, and says what they are when none is given.
func filesOf(what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) == 0 {
			return fmt.Errorf("no FILE given: name %s, or - to read stdin", what)
		}
		return nil
	}
}

func main() {
	color := isatty.IsTerminal(os.Stdout.Fd()) && os.Getenv("NO_COLOR") == ""
	os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, color: color}))
}

// run executes one command line and returns its exit status.
func run(args []string, e *env) int {
	out := &stickyWriter{w: e.stdout}
	withOut := *e
	withOut.stdout = out
	root := newRootCmd(&withOut)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		// cobra prints help and usage without looking at the error: `voipsim --help >
		// /dev/full` must not succeed with nothing printed.
		err = out.err
	}
	var status exitStatus
	switch {
	case err == nil:
		return 0
	case errors.As(err, &status):
		return int(status)
	}
	fmt.Fprintln(e.stderr, "voipsim:", terminal.Safe(err.Error()))
	return exitUsage
}

// stickyWriter keeps the first error writing to w, and fails every write after it.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "voipsim",
		Short: "Model the HarmonyOS call service (voipCall) off-device: check traces, simulate the phone",
		Long: `voipsim models the HarmonyOS Call Service Kit (voipCall) off-device.

  simulate  plays thousands of random scenarios (pushes, the user, carrier calls, crashes)
            around an app on a virtual clock and shrinks every failure to a minimal script
  check     replays a recorded JSON Lines trace of an app's calls and says, line by line,
            what the service would answer and which rule decided it
  codes     lists the error codes, their exact messages and causes
  graph     draws the lifecycle of one call`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("voipsim {{.Version}}\n")
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	for _, newCmd := range subcommands {
		root.AddCommand(newCmd(e))
	}
	return root
}
