package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/voipsim/voipsim/internal/plural"
	"github.com/voipsim/voipsim/internal/terminal"
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
		Long: `check replays each trace (JSON Lines; "-" reads stdin) through the modeled call service and
prints, for every line that is not blank or a # comment, what the service would answer and
which rule decided it, then a summary with the obligations the app left unmet. Each file is
checked on its own, with its own summary. The format: README.md, section "Checking a
recorded trace: voipsim check".

Exit status: 0 when every verdict is ok or as the line's "expect" says and no obligation
is violated; 1 otherwise; 2 when a line is malformed or a file cannot be read.`,
		Example: `  voipsim check examples/traces/carrier-conflict.jsonl
  voipsim check --format json --profile documented app.jsonl
  cat cut-mid-call.jsonl | voipsim check --allow-open -`,
		Args: filesOf("one or more JSON Lines traces"),
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
	unreadable(name, msg string) error // the file could not be read to the end: no summary
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
		rep = &jsonReporter{w: out, several: len(files) > 1}
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
		fmt.Fprintln(e.stderr, "voipsim check:", terminal.Safe(err.Error()))
		return unreadable(e, rep, name, err.Error())
	}
	defer closeIn()
	if err := rep.begin(name); err != nil {
		return writeFailed(e, err)
	}
	sum, err := trace.Check(in, opts, rep.record)
	if err != nil {
		msg := fmt.Sprintf("%s: after line %d: %v", name, sum.Lines, err)
		fmt.Fprintln(e.stderr, "voipsim check:", terminal.Safe(msg))
		return unreadable(e, rep, name, msg)
	}
	if err := rep.summary(&sum); err != nil {
		return writeFailed(e, err)
	}
	noteNothingChecked(e, name, &sum)
	return sum.ExitCode()
}

// noteNothingChecked says on stderr when a trace that passes held no API call: nothing
// failed, but an empty pipe or the wrong file passes that way too.
func noteNothingChecked(e *env, name string, sum *trace.Summary) {
	if sum.APICalls == 0 && sum.ExitCode() == trace.ExitOK {
		fmt.Fprintf(e.stderr, "voipsim check: %s holds no API call to check (%s read)\n",
			terminal.Safe(inputName(name)), plural.Count(sum.Lines, "line"))
	}
}

// unreadable reports a trace that could not be read to the end, which gets no summary.
func unreadable(e *env, rep reporter, name, msg string) int {
	if err := rep.unreadable(name, msg); err != nil {
		return writeFailed(e, err)
	}
	return trace.ExitMalformed
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

// jsonReporter writes the --format json output that README.md shows under "Checking a
// recorded trace". With several files, whose outputs follow each other, each summary names
// its file ("file"), and a file that could not be read to the end gets
// {"file":…,"error":…} in place of its summary.
type jsonReporter struct {
	w       *bufio.Writer
	buf     []byte
	several bool
	name    string
}

func (j *jsonReporter) begin(name string) error { j.name = name; return nil }

func (j *jsonReporter) record(r *trace.Record) error { return j.write(r) }

func (j *jsonReporter) summary(s *trace.Summary) error {
	if !j.several {
		return j.write(s)
	}
	line := s.AppendJSON(nil) // {"summary":…}
	j.buf = append(append(appendFileField(j.buf[:0], j.name), ','), line[1:]...)
	_, err := j.w.Write(j.buf)
	return err
}

func (j *jsonReporter) unreadable(name, msg string) error {
	if !j.several {
		return nil // stderr says it, and the exit status
	}
	msgJSON, _ := json.Marshal(msg)
	j.buf = append(append(append(appendFileField(j.buf[:0], name), `,"error":`...), msgJSON...), "}\n"...)
	_, err := j.w.Write(j.buf)
	return err
}

// appendFileField opens an object with the file's name: `{"file":"a.jsonl"`.
func appendFileField(dst []byte, name string) []byte {
	nameJSON, _ := json.Marshal(name) // a string always marshals
	return append(append(dst, `{"file":`...), nameJSON...)
}

// jsonLine is a record or a summary: anything that appends itself as one line of JSON.
type jsonLine interface{ AppendJSON(dst []byte) []byte }

func (j *jsonReporter) write(v jsonLine) error {
	j.buf = v.AppendJSON(j.buf[:0])
	_, err := j.w.Write(j.buf)
	return err
}
