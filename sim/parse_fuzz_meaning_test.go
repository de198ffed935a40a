package sim_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/voipsim/voipsim/sim"
)

// FuzzScriptMeaning holds what any text, script or not, must get from the parser: no
// panic; an error that is a *sim.ParseError naming a line of the text that holds a word,
// the lines before it a script and the text up to it bad there; a script that
// Scenario.String prints and the parser reads back the same, printed the same again; and
// one meaning for the text whatever its line ends (CRLF for LF) and whatever comment and
// blank lines come before or after it. The seed corpus (testdata/fuzz/FuzzScriptMeaning)
// holds a script for each reading of the language the README lists.
func FuzzScriptMeaning(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		sc, err := sim.ParseScenario(text)
		line := errLine(t, text, err)

		// CR is a separator wherever it is outside a quoted string, and a quoted string
		// cannot run past its line: CRLF ends read as LF ends.
		crlf, crlfErr := sim.ParseScenario(strings.ReplaceAll(text, "\n", "\r\n"))
		require.Equal(t, line, errLine(t, text, crlfErr), "CRLF ends")
		// Comment and blank lines change no meaning, and move an error by their count.
		bom, body := cutBOM(text)
		framed := bom + "# before\n \t\r\n" + body + "\n# after \xff"
		fr, frErr := sim.ParseScenario(framed)
		if line > 0 {
			require.Equal(t, line+2, errLine(t, framed, frErr), "framed by comments")
			return
		}
		require.Equal(t, 0, errLine(t, framed, frErr), "framed by comments")
		require.Equal(t, sc, crlf, "CRLF ends")
		require.Equal(t, sc, fr, "framed by comments")

		printed := sc.String()
		back, err := sim.ParseScenario(printed)
		require.NoError(t, err, "%q printed as %q", text, printed)
		require.Equal(t, sc, back, "%q printed as %q", text, printed)
		require.Equal(t, printed, back.String())
	})
}

// errLine checks err as ParseScenario(text) gave it and returns the line it names, 0 for
// none: a *sim.ParseError whose message starts with its line; the line is one of the
// text's and holds a word (a blank or comment line is never bad); the lines before it
// parse, and the text cut after it fails at it.
func errLine(t *testing.T, text string, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var pe *sim.ParseError
	require.True(t, errors.As(err, &pe), "%T %v", err, err)
	require.True(t, strings.HasPrefix(err.Error(), "line "+strconv.Itoa(pe.Line)+": "), err.Error())
	// Only the first line may start with a byte-order mark that is not a word: the text
	// cut at a line keeps it, and the line is looked at without it.
	bom, body := cutBOM(text)
	lines := strings.Split(body, "\n")
	require.True(t, pe.Line >= 1 && pe.Line <= len(lines), "line %d of %d", pe.Line, len(lines))
	bad := strings.TrimLeft(lines[pe.Line-1], " \t\r")
	require.True(t, bad != "" && bad[0] != '#', "line %d is blank or a comment: %q", pe.Line, lines[pe.Line-1])

	_, err = sim.ParseScenario(bom + strings.Join(lines[:pe.Line-1], "\n"))
	require.NoError(t, err, "the lines before line %d", pe.Line)
	_, err = sim.ParseScenario(bom + strings.Join(lines[:pe.Line], "\n"))
	var cut *sim.ParseError
	require.True(t, errors.As(err, &cut), "the text up to line %d: %v", pe.Line, err)
	require.Equal(t, pe.Line, cut.Line, "the text up to line %d", pe.Line)
	return pe.Line
}

// cutBOM splits off the byte-order mark a script may start with.
func cutBOM(text string) (bom, body string) {
	if body, ok := strings.CutPrefix(text, "\ufeff"); ok {
		return "\ufeff", body
	}
	return "", text
}
