package main

import (
	"bufio"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/internal/plural"
	"github.com/voipsim/voipsim/internal/terminal"
	"github.com/voipsim/voipsim/trace"
)

// textReporter writes a check for people: one aligned row per line (line, op, callId,
// verdict, cause), the detail under a failing line, warnings marked with "!", then a
// summary block.
type textReporter struct {
	w       *bufio.Writer
	color   bool
	several bool // more than one file: each gets a header
	buf     []byte
}

// Column widths: op fits reportCallAudioEventChange; longer callIds push the row on.
const (
	lineWidth    = 6
	opWidth      = 27
	callIDWidth  = 10
	verdictWidth = 28
	indent       = "        "
)

// ANSI colours, used only when stdout is a terminal and NO_COLOR is not set.
const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	dim    = "\x1b[2m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

func (t *textReporter) paint(color, s string) string {
	if !t.color || s == "" {
		return s
	}
	return color + s + reset
}

// unreadable adds nothing: stderr names the file and what went wrong.
func (t *textReporter) unreadable(string, string) error { return nil }

func (t *textReporter) begin(name string) error {
	if t.several {
		fmt.Fprintf(t.w, "%s\n", t.paint(bold, "== "+terminal.Safe(name)+" =="))
	}
	_, err := fmt.Fprintf(t.w, "%*s  %-*s %-*s %-*s %s\n", lineWidth, "LINE", opWidth, "OP", callIDWidth, "CALLID", verdictWidth, "VERDICT", "CAUSE")
	return err
}

func (t *textReporter) record(r *trace.Record) error {
	verdict, color, cause := t.verdict(r)
	b := t.buf[:0]
	b = append(b, fmt.Sprintf("%*d  %-*s ", lineWidth, r.Line, opWidth, opName(r))...)
	b = append(padRight(b, idColumn(r.CallID), callIDWidth), ' ')
	b = append(b, t.paint(color, fmt.Sprintf("%-*s", verdictWidth, verdict))...)
	b = append(b, ' ')
	b = append(b, t.paint(color, cause)...)
	if note := expectNote(r); note != "" {
		noteColor := dim
		if !r.Expected {
			noteColor = red
		}
		b = append(b, "  "+t.paint(noteColor, note)...)
	}
	b = append(bytesTrimRight(b), '\n')
	switch {
	case r.Malformed != "":
		b = append(b, indent+terminal.Safe(r.Malformed)+"\n"...)
	case !r.OK:
		b = append(b, indent+r.Message+" — "+terminal.Safe(r.Detail)+"\n"...)
	}
	for _, w := range r.Warnings {
		b = append(b, indent+t.paint(yellow, "! warning "+w.Cause.String()+":")+" "+terminal.Safe(w.Detail)+"\n"...)
	}
	t.buf = b
	_, err := t.w.Write(b)
	return err
}

// padRight appends s to b with spaces up to width columns of a terminal. fmt pads by
// runes, which misaligns the rows after a callId in Chinese: each of its characters
// takes two columns.
func padRight(b []byte, s string, width int) []byte {
	b = append(b, s...)
	for n := uniseg.StringWidth(s); n < width; n++ {
		b = append(b, ' ')
	}
	return b
}

func bytesTrimRight(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

func opName(r *trace.Record) string {
	if r.Malformed != "" {
		return "-"
	}
	return r.Op.String()
}

// verdict is the VERDICT and CAUSE columns of a row and their colour.
func (t *textReporter) verdict(r *trace.Record) (verdict, color, cause string) {
	switch {
	case r.Malformed != "":
		return "MALFORMED", red, ""
	case r.Environment():
		return "env", dim, ""
	case r.OK && r.Result != "":
		return "ok " + r.Result, green, ""
	case r.OK:
		return "ok", green, ""
	}
	c := red
	if r.Expected {
		c = yellow // a failure the author expected is not a finding
	}
	return "FAIL " + strconv.Itoa(int(r.Code)), c, r.Cause.String()
}

// expectNote says how the verdict compares with the line's expect.
func expectNote(r *trace.Record) string {
	switch {
	case r.Malformed != "":
		return ""
	case !r.Expected:
		return "UNEXPECTED: expected " + r.Expect.String()
	case r.HasExpect && !r.OK:
		return "(as expected)"
	}
	return ""
}

func (t *textReporter) summary(s *trace.Summary) error {
	w := t.w
	fmt.Fprintf(w, "\nsummary: lines=%d apiCalls=%d failed=%d unexpected=%d malformed=%d violations=%d\n",
		s.Lines, s.APICalls, s.Failed, s.Unexpected, s.Malformed, len(s.Violations))
	if len(s.FailedByCode) > 0 {
		fmt.Fprintf(w, "failed by code:\n")
		for _, code := range sortedKeys(s.FailedByCode) {
			fmt.Fprintf(w, "  %-10d %-45s %d\n", code, code.Message(), s.FailedByCode[code])
		}
		fmt.Fprintf(w, "failed by cause:\n")
		writeCauseCounts(w, s.FailedByCause)
	}
	if len(s.WarningsByCause) > 0 {
		fmt.Fprintf(w, "warnings by cause:\n")
		writeCauseCounts(w, s.WarningsByCause)
	}
	if len(s.Violations) > 0 {
		fmt.Fprintf(w, "%s\n", t.paint(red, "violations:"))
		for _, v := range s.Violations {
			fmt.Fprintf(w, "  %-20s %s line %-5d %s\n", v.Cause, padRight(nil, idColumn(v.CallID), 10), v.Seq, terminal.Safe(v.Detail))
		}
	}
	_, err := fmt.Fprintf(w, "%s\n", t.result(s))
	return err
}

func writeCauseCounts(w *bufio.Writer, counts map[callstate.Cause]int) {
	for _, c := range sortedKeys(counts) {
		fmt.Fprintf(w, "  %-56s %d\n", c, counts[c])
	}
}

func (t *textReporter) result(s *trace.Summary) string {
	switch s.ExitCode() {
	case trace.ExitMalformed:
		return t.paint(red, "result: MALFORMED input (exit 2)")
	case trace.ExitFailed:
		var why []string
		if s.Unexpected > 0 {
			why = append(why, plural.Count(s.Unexpected, "unexpected verdict"))
		}
		if len(s.Violations) > 0 {
			why = append(why, plural.Count(len(s.Violations), "violation"))
		}
		return t.paint(red, "result: FAIL, "+strings.Join(why, " and ")+" (exit 1)")
	}
	return t.paint(green, "result: ok (exit 0)")
}

func sortedKeys[K cmp.Ordered](m map[K]int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// idColumn is a callId as a column shows it: blank for a line with none, and quoted when it
// is not one plain word, so that a space inside it cannot pass for the gap between columns.
func idColumn(id string) string {
	if id == "" {
		return ""
	}
	return terminal.Word(id, "")
}
