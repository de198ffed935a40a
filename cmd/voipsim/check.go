package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
)

func init() { register(newCheckCmd) }

// checkFlags are the options of `voipsim check`.
type checkFlags struct {
	format    string
	profile   string
	allowOpen bool
}

func newCheckCmd(e *env) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [flags] FILE... | -",
		Short: "Check JSON Lines traces: one verdict per line, then a summary",
		Long: `check replays each trace (JSON Lines, SPEC.md section 8; "-" reads stdin) through the
modeled call service and prints, for every line that is not blank or a # comment, what the
service would answer and which rule decided it, then a summary with the obligations the
app left unmet. Each file is checked on its own, with its own summary.

Exit status: 0 when every verdict is ok or as the line's "expect" says and no obligation
is violated; 1 otherwise; 2 when a line is malformed or a file cannot be read.`,
		Example: `  voipsim check examples/traces/carrier-conflict.jsonl
  voipsim check --format json --profile documented app.jsonl
  cat cut-mid-call.jsonl | voipsim check --allow-open -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, files []string) error {
			return runCheck(e, f, files)
		},
	}
	cmd.Flags().StringVar(&f.format, "format", "text", "output: text (for people) or json (one object per line)")
	cmd.Flags().StringVar(&f.profile, "profile", "strict", "rules: strict (every rule) or documented (only Huawei's)")
	cmd.Flags().BoolVar(&f.allowOpen, "allow-open", false, "calls still live at the end are not violations (no leaked-call)")
	return cmd
}

// reporter writes the records and summary of one check in one format.
type reporter interface {
	begin(name string) error
	record(r *trace.Record) error
	summary(s *trace.Summary) error
}

func runCheck(e *env, f checkFlags, files []string) error {
	profile, err := validator.ParseProfile(f.profile)
	if err != nil {
		return fmt.Errorf("--%w", err) // "--profile must be …", as the other flags say
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	var rep reporter
	switch f.format {
	case "text":
		rep = &textReporter{w: out, color: e.color, several: len(files) > 1}
	case "json":
		rep = &jsonReporter{w: out}
	default:
		return fmt.Errorf(`--format must be "text" or "json", got %q`, f.format)
	}
	status := trace.ExitOK
	for _, name := range files {
		status = max(status, checkFile(e, rep, name, trace.Options{Profile: profile, AllowOpen: f.allowOpen}))
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(e.stderr, "voipsim check:", err)
		return exitStatus(trace.ExitMalformed)
	}
	return statusError(status)
}

func statusError(status int) error {
	if status == 0 {
		return nil
	}
	return exitStatus(status)
}

// checkFile checks one trace and returns its exit status.
func checkFile(e *env, rep reporter, name string, opts trace.Options) int {
	in, closeIn, err := openTrace(e, name)
	if err != nil {
		fmt.Fprintln(e.stderr, "voipsim check:", forTerminal(err.Error()))
		return trace.ExitMalformed
	}
	defer closeIn()
	if err := rep.begin(name); err != nil {
		return writeFailed(e, err)
	}
	sum, err := trace.Check(in, opts, rep.record)
	if err != nil {
		fmt.Fprintf(e.stderr, "voipsim check: %s: after line %d: %v\n", forTerminal(name), sum.Lines, err)
		return trace.ExitMalformed
	}
	if err := rep.summary(&sum); err != nil {
		return writeFailed(e, err)
	}
	return sum.ExitCode()
}

func writeFailed(e *env, err error) int {
	fmt.Fprintln(e.stderr, "voipsim check: writing the report:", err)
	return trace.ExitMalformed
}

func openTrace(e *env, name string) (io.Reader, func(), error) {
	if name == "-" {
		return e.stdin, func() {}, nil
	}
	if err := notADirectory(name, "trace"); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// jsonReporter writes SPEC.md section 8's machine output.
type jsonReporter struct {
	w   *bufio.Writer
	buf []byte
}

func (j *jsonReporter) begin(string) error { return nil }

func (j *jsonReporter) record(r *trace.Record) error   { return j.write(r) }
func (j *jsonReporter) summary(s *trace.Summary) error { return j.write(s) }

// jsonLine is a record or a summary: anything that appends itself as one line of JSON.
type jsonLine interface{ AppendJSON(dst []byte) []byte }

func (j *jsonReporter) write(v jsonLine) error {
	j.buf = v.AppendJSON(j.buf[:0])
	_, err := j.w.Write(j.buf)
	return err
}
