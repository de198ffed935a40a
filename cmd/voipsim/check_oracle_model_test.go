package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"

	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/validator"
)

// This file is the oracle's reading of `voipsim check`, from README.md ("Checking a
// recorded trace") and `check --help` alone: which physical lines get a verdict, what the
// summary counts, which exit status a file calls for, what stderr says. The verdict of one
// line comes from trace.Check, whose decoder and validator have oracles of their own;
// everything the command adds — counting, grouping, exit status, the two formats — is
// computed here, not by the command's code.

// oracleFile is one FILE argument of a check: a trace on disk or on stdin ("-"), or a
// path that does not exist.
type oracleFile struct {
	name    string // as given on the command line
	content string
	missing bool
}

// byteOrderMark is U+FEFF in UTF-8, which README lets start a trace.
const byteOrderMark = "\uFEFF"

// verdictLines lists the physical line numbers that get a verdict, in order: every line
// but blank ones and those whose first non-blank character is '#'. A line ends at "\n";
// a last line without one still counts; "\r" before the "\n" (or at the end) is not part
// of the line; a UTF-8 byte-order mark that starts the file is skipped. It returns the
// number of lines too.
func verdictLines(content []byte) (numbers []int, lines int) {
	rest := bytes.TrimPrefix(content, []byte(byteOrderMark))
	for len(rest) > 0 {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		rest = after
		lines++
		line = bytes.TrimSuffix(line, []byte("\r"))
		if text := bytes.TrimLeft(line, " \t\r"); len(text) > 0 && text[0] != '#' {
			numbers = append(numbers, lines)
		}
	}
	return numbers, lines
}

// wantRow is what the oracle expects of one line with a verdict.
type wantRow struct {
	rec      trace.Record // the line's verdict, as trace.Check gives it
	expect   string       // the line's expect as a trace writes it ("ok", "401", "401/parameter-type"); "" without
	expected bool         // whether the verdict meets expect ("ok" when there is none), by the oracle's reading
}

// wantFile is what the oracle expects of one FILE.
type wantFile struct {
	name       string
	missing    bool
	rows       []wantRow
	lines      int
	violations []validator.Obligation
}

// tally is a summary as the oracle counts it from the verdicts.
type tally struct {
	apiCalls, failed, unexpected, malformed int
	byCode                                  map[int64]int
	byCause, warningsByCause                map[string]int
}

// apiOps are the ops of the voipCall functions; the others are environment steps.
var apiOps = map[string]bool{
	"on": true, "off": true, "reportIncomingCall": true, "reportOutgoingCall": true,
	"reportCallStateChange": true, "reportCallAudioEventChange": true, "reportIncomingCallError": true,
}

func (w *wantFile) tally() tally {
	n := tally{byCode: map[int64]int{}, byCause: map[string]int{}, warningsByCause: map[string]int{}}
	for _, r := range w.rows {
		for _, warn := range r.rec.Warnings {
			n.warningsByCause[warn.Cause.String()]++
		}
		switch {
		case r.rec.Malformed != "":
			n.malformed++
			continue
		case apiOps[r.rec.Op.String()]:
			n.apiCalls++
			if !r.rec.OK {
				n.failed++
				n.byCode[int64(r.rec.Code)]++
				n.byCause[r.rec.Cause.String()]++
			}
		}
		if !r.expected {
			n.unexpected++
		}
	}
	return n
}

// status is the exit status --help gives one file: 2 when it cannot be read or has a
// malformed line; 1 when a verdict is not as expected or an obligation is violated; else 0.
func (w *wantFile) status() int {
	n := w.tally()
	switch {
	case w.missing || n.malformed > 0:
		return 2
	case n.unexpected > 0 || len(w.violations) > 0:
		return 1
	}
	return 0
}

// stderr is what check says of the file on stderr: why it cannot be read, or, for a trace
// that passes without a single API call (an empty pipe, the wrong file), that nothing
// was checked.
func (w *wantFile) stderr() string {
	if w.missing {
		return "voipsim check: open " + w.name + ": no such file or directory\n"
	}
	if w.tally().apiCalls > 0 || w.status() != 0 {
		return ""
	}
	name, lines := w.name, strconv.Itoa(w.lines)+" lines"
	if name == "-" {
		name = "stdin"
	}
	if w.lines == 1 {
		lines = "1 line"
	}
	return "voipsim check: " + name + " holds no API call to check (" + lines + " read)\n"
}

// meets reports whether a verdict meets an expectation, as README reads `expect`: "ok"
// wants success; a code wants a failure with that code; "code/cause" that cause too.
func meets(e trace.Expectation, r *trace.Record) bool {
	if e.Code == 0 {
		return r.OK
	}
	return !r.OK && r.Code == e.Code && (e.Cause == callstate.CauseNone || r.Cause == e.Cause)
}

// expectFile checks f with trace.Check, line by line, and makes sure every line with a
// verdict got exactly one, under its physical line number, in order.
func expectFile(t require.TestingT, f oracleFile, opts trace.Options) wantFile {
	w := wantFile{name: f.name, missing: f.missing}
	if f.missing {
		return w
	}
	sum, err := trace.Check(strings.NewReader(f.content), opts, func(r *trace.Record) error {
		row := wantRow{rec: *r, expected: true}
		row.rec.Warnings = append([]validator.Warning(nil), r.Warnings...)
		if r.Malformed == "" {
			row.expected = meets(r.Expect, r)
			if r.HasExpect {
				row.expect = r.Expect.String()
			}
		}
		w.rows = append(w.rows, row)
		return nil
	})
	require.NoError(t, err)
	numbers, lines := verdictLines([]byte(f.content))
	var got []int
	for i := range w.rows {
		got = append(got, w.rows[i].rec.Line)
	}
	require.Equal(t, numbers, got, "the lines with a verdict of %q", f.content)
	require.Equal(t, lines, sum.Lines, "lines read")
	w.lines, w.violations = lines, sum.Violations
	for _, v := range w.violations {
		require.Contains(t, numbers, v.Seq, "violation %s names a line with a verdict", v.Cause)
	}
	return w
}

// worst is the exit status of a check of several files: the worst of theirs.
func worst(files []wantFile) int {
	status := 0
	for i := range files {
		status = max(status, files[i].status())
	}
	return status
}

func writeOracleFiles(t require.TestingT, files []oracleFile) {
	for _, f := range files {
		if f.name != "-" && !f.missing {
			require.NoError(t, os.WriteFile(f.name, []byte(f.content), 0o644))
		}
	}
}

// stdinOf is what the command reads on stdin: the content of the file named "-".
func stdinOf(files []oracleFile) string {
	for _, f := range files {
		if f.name == "-" {
			return f.content
		}
	}
	return ""
}
