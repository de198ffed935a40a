package sim_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/sim"
)

// badLine is a line no script may hold, whatever the lines around it: its words, and a
// piece of the message that must say why.
type badLine struct {
	words []string
	why   string
}

var badLines = []badLine{
	{[]string{"+1s", "carrier", "ring"}, "take no sign"},
	{[]string{"-0s", "service", "crash"}, "take no sign"},
	{[]string{"00", "carrier", "ring"}, "expected a time such as"},
	{[]string{"1e3s", "carrier", "ring"}, "expected a time such as"},
	{[]string{"1.5", "carrier", "ring"}, "expected a time such as"},
	{[]string{"1.0001s", "carrier", "end"}, "finer than a millisecond"},
	{[]string{"1500us", "carrier", "end"}, "finer than a millisecond"},
	{[]string{"1000h1ms", "carrier", "end"}, "beyond the limit"},
	{[]string{"2s"}, "expected an action (push, dial"},
	{[]string{"dance"}, "expected an action (push, dial"},
	{[]string{"Push", "c1", "voice"}, "expected an action (push, dial"},
	{[]string{`"push"`, "c1", "voice"}, "expected an action (push, dial"},
	{[]string{"0s", "scenario", "x"}, "expected an action (push, dial"},
	{[]string{`"scenario"`, "x"}, "expected an action (push, dial"},
	{[]string{"user", "dance", "c1"}, "user: expected answer, reject"},
	{[]string{"user", "reject"}, "user reject: expected a callId"},
	{[]string{"push", `""`, "voice"}, "push: expected a callId"},
	{[]string{"push", "from=Ann", "voice"}, `push: expected a callId, got the option "from=Ann"`},
	{[]string{"peer", "fail", "a=b"}, `peer fail: expected a callId, got the option "a=b"`},
	{[]string{"push", "c1"}, "push c1: expected voice or video"},
	{[]string{"dial", "c1", `"video"`}, "dial c1: expected voice or video"},
	{[]string{"user", "answer", "c1", "audio"}, "user answer c1: expected voice or video"},
	{[]string{"push", "c1", "voice", "to=x"}, "push: expected from=NAME"},
	{[]string{"dial", "c1", "voice", "from=x"}, "dial: expected to=NAME"},
	{[]string{"push", "c1", "voice", `"from=Ann"`}, "push: expected from=NAME"},
	{[]string{"dial", "c1", "voice", `"to="`}, "dial: expected to=NAME"},
	{[]string{"push", "c1", "voice", "From=x"}, "push: expected from=NAME"},
	{[]string{"push", "c1", "voice", "from=a", "from=b"}, `push: unexpected "from=b"`},
	{[]string{"user", "reject", "c1", "c2"}, `user reject: unexpected "c2"`},
	{[]string{"carrier", "ring", "now"}, `carrier ring: unexpected "now"`},
	{[]string{"fault"}, "fault: expected a code"},
	{[]string{"fault", "401"}, "fault: expected a code"},
	{[]string{"fault", "-1007200003"}, "fault: expected a code"},
	{[]string{"fault", "1007200003x"}, "fault: expected a code"},
	{[]string{"fault", `"1007200003"`}, "written bare"},
	{[]string{"fault", "1007200003", "1007200002"}, "fault: unexpected"},
	{[]string{"push", `"c1`, "voice"}, "unterminated or malformed quoted string"},
	{[]string{"push", `"\q"`, "voice"}, "unterminated or malformed quoted string"},
	{[]string{"push", `a"b"`, "voice"}, "a quote may only open a word or follow `=`"},
	{[]string{"push", "c1", "voice", `from="Ann"#x`}, "expected a space after the quoted string"},
	{[]string{"push", `"c1"voice`}, "expected a space after the quoted string"},
	{[]string{"push", "c\xff", "voice"}, "is not valid UTF-8"},
	{[]string{"push", "\"c\xff\"", "voice"}, "is not valid UTF-8"},
	{[]string{"push", `"c\xff"`, "voice"}, "is not valid UTF-8"},
	{[]string{"push", "c1", "voice", "from=\"\xc3\""}, "is not valid UTF-8"},
	{[]string{"scenario"}, "expected `scenario NAME`"},
	{[]string{"scenario", "a", "b"}, "expected `scenario NAME`"},
}

// TestParserReadsScriptsAsDocumentedRefusesBadLines: a bad line put anywhere in a script
// the model draws stops the parse there: the error is a *sim.ParseError naming that line,
// and its message says why. Every bad line is tried in each script drawn, so that a quick
// run tries each; a second scenario line is bad where it is the later of the two.
func TestParserReadsScriptsAsDocumentedRefusesBadLines(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScript(t)
		bom, lines := render(t, s)
		for _, b := range badLines {
			var sb strings.Builder
			sb.WriteString(drawSep(t, "lead", 0))
			for i, w := range b.words {
				if i > 0 {
					sb.WriteString(drawSep(t, "sep", 1))
				}
				sb.WriteString(w)
			}
			if !strings.Contains(b.why, "unterminated") && rapid.Bool().Draw(t, "comment") {
				sb.WriteString(drawSep(t, "sep", 1) + comment(t))
			}
			at := rapid.IntRange(0, len(lines)).Draw(t, "at")
			requireBadAt(t, join(t, bom, slices.Insert(slices.Clone(lines), at, sb.String())), at+1, b.why)
		}

		named := slices.IndexFunc(s.lines, func(l oracleLine) bool { return l.kind == lineName })
		if named < 0 {
			return
		}
		at := rapid.IntRange(0, len(lines)).Draw(t, "at")
		text := join(t, bom, slices.Insert(slices.Clone(lines), at, "scenario"+drawSep(t, "sep", 1)+"x"))
		if at <= named { // the script's own scenario line is now the second
			requireBadAt(t, text, named+2, "a second scenario name: line "+strconv.Itoa(at+1))
		} else {
			requireBadAt(t, text, at+1, "a second scenario name: line "+strconv.Itoa(named+1))
		}
	})
}

// requireBadAt requires the parse of text to fail at line want, saying why.
func requireBadAt(t *rapid.T, text string, want int, why string) {
	_, err := sim.ParseScenario(text)
	var pe *sim.ParseError
	require.True(t, errors.As(err, &pe), "%q: %v", text, err)
	require.Equal(t, want, pe.Line, "%q: %v", text, err)
	require.True(t, strings.HasPrefix(err.Error(), "line "+strconv.Itoa(want)+": "), err.Error())
	require.Contains(t, err.Error(), why, "%q", text)
}
