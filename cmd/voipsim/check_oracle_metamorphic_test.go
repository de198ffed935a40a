package main

import (
	"slices"
	"strings"

	"github.com/stretchr/testify/require"
	"github.com/voipsim/voipsim/callstate"
)

// The metamorphic side of the oracle of `voipsim check`: a file checked among others and
// alone; --allow-open turned the other way; the other profile; CRLF line endings.

// assertAlone holds a file's part of a check of several files to a check of it alone.
func assertAlone(t require.TestingT, f oracleFile, flags oracleFlags, part *shownFile) {
	alone := runAndAssert(t, []oracleFile{f}, flags, flags.plainArgs([]string{f.name}))
	got := partOf(alone, 0)
	if part == nil || got == nil {
		require.True(t, f.missing, "only a file that cannot be read has no part")
		require.Nil(t, got, "checked alone, a file that cannot be read has no part")
		return
	}
	if part.HasError {
		return // several files: JSON names the error; alone, stderr does
	}
	p := *part
	p.File = ""
	if flags.format == "json" {
		p.RawSum = alone.shown[0].RawSum // it names its file among several
	}
	require.Equal(t, p, *got, "%s checked among others and alone", f.name)
}

// assertAllowOpen holds the JSON of two checks that differ only in --allow-open: the same
// rows; the same violations but leaked-call, which only the check without it has.
func assertAllowOpen(t require.TestingT, a, b oracleRun) {
	if a.flags.allowOpen {
		a, b = b, a
	}
	for i := range a.want {
		closed, open := partOf(a, i), partOf(b, i)
		if closed == nil || closed.HasError {
			continue
		}
		require.Equal(t, closed.Rows, open.Rows, "--allow-open changes no verdict")
		var kept []shownViolation
		for _, v := range closed.Summary.Violations {
			if v.Cause != callstate.CauseLeakedCall.String() {
				kept = append(kept, v)
			}
		}
		require.Equal(t, kept, open.Summary.Violations, "--allow-open drops exactly the leaked calls")
		c, o := *closed.Summary, *open.Summary
		c.Violations, o.Violations = nil, nil
		require.Equal(t, c, o, "--allow-open changes no count")
	}
}

// droppedByDocumented is what README says the documented profile drops.
var droppedByDocumented = []string{"incoming-not-ringing", "illegal-transition"}

// assertProfiles holds the JSON of two checks that differ only in --profile: nothing in
// the documented profile fires a rule marked [policy] (injected-fault is a fault the
// trace armed, not a rule), duplicate-report there is a new call's; and the two agree
// up to the first line where strict applies a rule the documented profile drops.
func assertProfiles(t require.TestingT, a, b oracleRun) {
	if a.flags.profile == "documented" {
		a, b = b, a
	}
	for i := range a.want {
		strict, documented := partOf(a, i), partOf(b, i)
		if strict == nil || strict.HasError {
			continue
		}
		require.Len(t, documented.Rows, len(strict.Rows))
		for _, r := range documented.Rows {
			if r.OK || r.Malformed != "" {
				continue
			}
			cause, _ := callstate.ParseCause(r.Cause)
			require.False(t, cause.Info().Mark == callstate.MarkPolicy && cause != callstate.CauseInjectedFault,
				"line %d: the documented profile applies %s [policy]", r.Line, r.Cause)
			if cause == callstate.CauseDuplicateReport {
				require.Contains(t, []string{"reportIncomingCall", "reportOutgoingCall"}, r.Op, "line %d: the documented profile has no duplicate state", r.Line)
			}
		}
		for k := range strict.Rows {
			require.Equal(t, strict.Rows[k].Line, documented.Rows[k].Line)
			require.Equal(t, strict.Rows[k].Malformed, documented.Rows[k].Malformed, "line %d: the profile changes no malformed line", strict.Rows[k].Line)
		}
		differ := firstDifferent(strict.Rows, documented.Rows)
		if differ < 0 {
			require.Equal(t, strict.Summary.Violations, documented.Summary.Violations, "the same verdicts, the same violations")
			continue
		}
		r := strict.Rows[differ]
		dropped := slices.Contains(droppedByDocumented, r.Cause) || (r.Cause == "duplicate-report" && r.Op == "reportCallStateChange")
		require.True(t, !r.OK && dropped, "line %d: the profiles differ first on a rule the documented profile keeps: %+v", r.Line, r)
	}
}

// firstDifferent is the index of the first row whose verdict differs in b; -1 if none.
func firstDifferent(a, b []shownRow) int {
	for k := range a {
		if !sameVerdict(a[k], b[k]) {
			return k
		}
	}
	return -1
}

func sameVerdict(a, b shownRow) bool {
	return a.Line == b.Line && a.OK == b.OK && a.Code == b.Code && a.Cause == b.Cause && a.Result == b.Result &&
		a.Detail == b.Detail && slices.Equal(a.Warnings, b.Warnings) && a.Malformed == b.Malformed
}

// assertCRLFChangesNothing checks the files of a run again with every line ending in
// "\r\n", as a trace written on Windows has: the output, stderr and exit status are the
// same.
func assertCRLFChangesNothing(t require.TestingT, files []oracleFile, r oracleRun) {
	crlf := make([]oracleFile, len(files))
	for i, f := range files {
		crlf[i] = f
		crlf[i].content = withCRLF(f.content)
	}
	writeOracleFiles(t, crlf)
	stdout, stderr, status := runOracleCmd(crlf, r.args)
	require.Equal(t, [3]any{r.stdout, r.stderr, r.status}, [3]any{stdout, stderr, status}, "%q with CRLF line endings", r.args)
}

// withCRLF puts "\r" before each "\n" that has none.
func withCRLF(s string) string {
	var b strings.Builder
	for i := range len(s) {
		if s[i] == '\n' && (i == 0 || s[i-1] != '\r') {
			b.WriteByte('\r')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
