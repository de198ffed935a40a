package main

import (
	"strconv"
	"strings"

	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/trace"
)

// How the oracle of `voipsim check` holds what a format says of one file to what README
// and --help call for: its rows and its summary; and the two formats to each other.

// assertPart holds what a format says of one file to the oracle.
func assertPart(t require.TestingT, format string, got *shownFile, want *wantFile, several bool) {
	if several {
		require.Equal(t, want.name, got.File, "each file's part names it")
	}
	if want.missing {
		require.True(t, got.HasError, "%s cannot be read", want.name)
		require.Equal(t, "open "+want.name+": no such file or directory", got.Error)
		return
	}
	require.Len(t, got.Rows, len(want.rows), "%s: one row per line with a verdict", want.name)
	for i := range want.rows {
		assertRow(t, format, &got.Rows[i], &want.rows[i])
	}
	n := want.tally()
	s := got.Summary
	require.NotNil(t, s, "%s has a summary", want.name)
	counts := [5]int{s.Lines, s.APICalls, s.Failed, s.Unexpected, s.Malformed}
	require.Equal(t, [5]int{want.lines, n.apiCalls, n.failed, n.unexpected, n.malformed}, counts,
		"%s: lines, apiCalls, failed, unexpected, malformed", want.name)
	var violations []shownViolation
	for _, v := range want.violations {
		violations = append(violations, shownViolation{Cause: v.Cause.String(), CallID: v.CallID, Line: v.Seq, Detail: v.Detail})
	}
	require.Equal(t, violations, s.Violations, "%s: violations", want.name)
	if format == "text" {
		require.Equal(t, n.byCode, s.ByCode, "failed by code")
		require.Equal(t, n.byCause, s.ByCause, "failed by cause")
		require.Equal(t, n.warningsByCause, s.WarningsByCause, "warnings by cause")
		require.Equal(t, want.status(), s.Status, "the result line's exit status")
		if s.Status == 1 {
			require.Equal(t, failReasons(n.unexpected, len(want.violations)), s.StatusCounts, "why the file fails")
		}
	}
}

// failReasons is what a FAIL result says: how many unexpected verdicts and violations.
func failReasons(unexpected, violations int) string {
	var why []string
	for _, c := range []struct {
		n    int
		noun string
	}{{unexpected, "unexpected verdict"}, {violations, "violation"}} {
		switch {
		case c.n == 1:
			why = append(why, "1 "+c.noun)
		case c.n > 1:
			why = append(why, strconv.Itoa(c.n)+" "+c.noun+"s")
		}
	}
	return strings.Join(why, " and ")
}

// assertRow holds what a format says of one line to the line's verdict.
func assertRow(t require.TestingT, format string, got *shownRow, want *wantRow) {
	rec := &want.rec
	require.Equal(t, rec.Line, got.Line, "the line number")
	if rec.Malformed != "" {
		require.Equal(t, shownRow{Line: rec.Line, Malformed: rec.Malformed}, *got, "a malformed line says only why")
		return
	}
	op := rec.Op.String()
	at := "line " + strconv.Itoa(rec.Line) + " (" + op + ")"
	require.Equal(t, op, got.Op, at)
	require.Equal(t, rec.CallID, got.CallID, at)
	require.Equal(t, rec.OK, got.OK, at)
	env := !apiOps[op]
	if env {
		require.True(t, got.OK, "%s: an environment step is ok", at)
	}
	if format == "text" {
		require.Equal(t, env, got.Env, "%s: env is the verdict of an environment step", at)
	}
	reports := op == "reportIncomingCall" || op == "reportOutgoingCall"
	if got.OK && reports {
		_, err := callstate.ParseErrorReason(got.Result)
		require.NoError(t, err, "%s: a report resolves to an ErrorReason", at)
	} else {
		require.Empty(t, got.Result, "%s: only a report that resolves has a result", at)
	}
	require.Equal(t, rec.Result, got.Result, at)
	if !got.OK {
		require.Equal(t, codeMessages[got.Code], got.Message, "%s: SPEC's message of %d", at, got.Code)
		cause, ok := callstate.ParseCause(got.Cause)
		require.True(t, ok, "%s: cause %q", at, got.Cause)
		if cause != callstate.CauseInjectedFault {
			require.Equal(t, cause.Info().Code, callstate.Code(got.Code), "%s: %s comes with its code", at, got.Cause)
		}
	}
	require.Equal(t, [4]any{int64(rec.Code), rec.Message, causeName(rec), rec.Detail}, [4]any{got.Code, got.Message, got.Cause, got.Detail}, at)
	var warnings []shownWarning
	for _, w := range rec.Warnings {
		warnings = append(warnings, shownWarning{Cause: w.Cause.String(), Detail: w.Detail})
	}
	require.Equal(t, warnings, got.Warnings, "%s: warnings", at)
	require.Equal(t, !want.expected, got.Unexpected, "%s: expect %q", at, want.expect)
	if format == "json" {
		require.Equal(t, want.expect != "", got.Expected != nil, "%s: expected exactly where the line has expect", at)
		if got.Expected != nil {
			require.Equal(t, want.expected, *got.Expected, at)
		}
		return
	}
	require.Equal(t, wantNote(want), got.Note, at)
}

func causeName(r *trace.Record) string {
	if r.OK {
		return ""
	}
	return r.Cause.String()
}

// wantNote is what the text format says next to a verdict of a line with (or without)
// expect: UNEXPECTED and what was expected when it differs; "(as expected)" on a failure
// that was.
func wantNote(r *wantRow) string {
	switch {
	case !r.expected && r.expect == "":
		return "UNEXPECTED: expected ok"
	case !r.expected:
		return "UNEXPECTED: expected " + r.expect
	case r.expect != "" && !r.rec.OK:
		return "(as expected)"
	}
	return ""
}

// assertSameSay holds the two formats of one check to each other, line by line.
func assertSameSay(t require.TestingT, text, js oracleRun) {
	for i := range text.want {
		tp, jp := partOf(text, i), partOf(js, i)
		if tp == nil {
			continue
		}
		require.NotNil(t, jp)
		require.Len(t, tp.Rows, len(jp.Rows))
		for k := range tp.Rows {
			a, b := tp.Rows[k], jp.Rows[k]
			a.Env, a.Note, b.Expected = false, "", nil
			require.Equal(t, b, a, "text and JSON of line %d of %s", b.Line, text.want[i].name)
		}
		a, b := *tp.Summary, *jp.Summary
		require.Equal(t, [6]any{b.Lines, b.APICalls, b.Failed, b.Unexpected, b.Malformed, b.Violations},
			[6]any{a.Lines, a.APICalls, a.Failed, a.Unexpected, a.Malformed, a.Violations}, "text and JSON summaries of %s", text.want[i].name)
	}
}

// assertMadeOf holds the verdicts of a generated file to what its lines were made to
// be: a note gets none; a malformed line is malformed; a step is malformed only when its
// t goes back before the t of the last well-formed line that had one (a malformed line
// never moves the clock), and keeps its expect.
func assertMadeOf(t require.TestingT, f genFile, want *wantFile) {
	byLine := map[int]*wantRow{}
	for i := range want.rows {
		byLine[want.rows[i].rec.Line] = &want.rows[i]
	}
	var last int64 = -1
	for i, l := range f.lines {
		row, has := byLine[i+1]
		at := f.name + " line " + strconv.Itoa(i+1) + ": " + l.text
		switch l.kind {
		case lineNote:
			require.False(t, has, "%s: a note gets no verdict", at)
		case lineMalformed:
			require.True(t, has && row.rec.Malformed != "", "%s: malformed", at)
		case lineStep:
			require.True(t, has, "%s: a verdict", at)
			if l.hasT && int64(l.at) < last {
				require.Contains(t, row.rec.Malformed, "t goes backwards", at)
				continue
			}
			require.Empty(t, row.rec.Malformed, at)
			require.Equal(t, l.expect, row.expect, "%s: its expect", at)
			if l.hasT {
				last = int64(l.at)
			}
		}
	}
}
