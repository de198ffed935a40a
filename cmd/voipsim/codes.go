package main

import (
	"bufio"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/voipsim/voipsim/callstate"
)

func init() { register(newCodesCmd) }

func newCodesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "codes",
		Short: "List the error codes, their exact messages and causes, warnings and violations",
		Long: `codes lists every error code the call service throws with its exact message, the causes
that explain it, then the warnings and the obligation violations. Each rule is marked
[doc] (stated in Huawei's documentation) or [policy] (voipsim's choice where the
documentation is silent; the documented profile drops the strict ones).`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			w := bufio.NewWriter(e.stdout)
			writeCodes(w)
			return w.Flush()
		},
	}
}

const codesCauseWidth = 24

func writeCodes(w *bufio.Writer) {
	fmt.Fprintf(w, "%-11s %s\n", "CODE", "MESSAGE / CAUSE, MARK, RULE")
	errs := callstate.Causes(callstate.KindError)
	for _, code := range callstate.Codes() {
		fmt.Fprintf(w, "%-11d %s\n", code, code.Message())
		n := 0
		for _, c := range errs {
			if c.Info().Code == code {
				writeCause(w, c)
				n++
			}
		}
		if n == 0 {
			fmt.Fprintf(w, "%-11s (only injected)\n", "")
		}
	}
	fmt.Fprintf(w, "\n%s\n", "any code that injectFault accepts ("+injectableCodes()+")")
	writeCause(w, callstate.CauseInjectedFault)

	fmt.Fprintf(w, "\nWARNINGS (they never change a verdict)\n")
	for _, c := range callstate.Causes(callstate.KindWarning) {
		writeCause(w, c)
	}
	fmt.Fprintf(w, "\nVIOLATIONS (obligations unmet at the end of a trace; they fail a check)\n")
	for _, c := range callstate.Causes(callstate.KindViolation) {
		writeCause(w, c)
	}
}

func writeCause(w *bufio.Writer, c callstate.Cause) {
	info := c.Info()
	fmt.Fprintf(w, "%-11s %-*s %-15s %s\n", "", codesCauseWidth, info.Name, info.Mark, info.Rule)
}

func injectableCodes() string {
	s := ""
	for _, code := range callstate.Codes() {
		if code.Injectable() {
			if s != "" {
				s += ", "
			}
			s += strconv.Itoa(int(code))
		}
	}
	return s
}
