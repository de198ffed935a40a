package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/voipsim/voipsim/callstate"
)

// MaxTime is the latest time a script may give a step.
const MaxTime = 1000 * time.Hour

// ParseError is a script line that could not be read.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Msg }

// ParseScenario reads a scenario script (see the package documentation for the language).
// The first bad line stops it; the error names the line and what was expected there.
func ParseScenario(text string) (Scenario, error) {
	var sc Scenario
	var at time.Duration
	for i, line := range strings.Split(text, "\n") {
		toks, err := tokenize(line)
		if err != nil {
			return Scenario{}, &ParseError{Line: i + 1, Msg: err.Error()}
		}
		if len(toks) == 0 {
			continue
		}
		if toks[0].text == "scenario" && !toks[0].quoted {
			if len(toks) != 2 {
				return Scenario{}, &ParseError{Line: i + 1, Msg: "expected `scenario NAME` (quote a name with spaces)"}
			}
			sc.Name = toks[1].text
			continue
		}
		st, err := parseStep(toks, at)
		if err != nil {
			return Scenario{}, &ParseError{Line: i + 1, Msg: err.Error()}
		}
		at = st.At
		sc.Steps = append(sc.Steps, st)
	}
	shareCallIDs(sc.Steps)
	return sc, nil
}

// shareCallIDs makes the steps of one call hold the same string, not each a piece of its
// own line: the phone, the app and the validator compare callIds at every step, and equal
// strings at the same address compare without reading their bytes.
func shareCallIDs(steps []Step) {
	first := make(map[string]string)
	for i := range steps {
		id := steps[i].CallID
		if id == "" {
			continue
		}
		if s, ok := first[id]; ok {
			steps[i].CallID = s
		} else {
			first[id] = id
		}
	}
}

// token is one word of a line; quoted words are Go string literals, already unquoted.
type token struct {
	text   string
	quoted bool
}

// tokenize splits a line into words, dropping a `#` comment. A word may be a Go quoted
// string, alone or after `key=`.
func tokenize(line string) ([]token, error) {
	var toks []token
	rest := line
	for {
		rest = strings.TrimLeft(rest, " \t\r")
		if rest == "" || rest[0] == '#' {
			return toks, nil
		}
		end := strings.IndexAny(rest, " \t\r\"#")
		if end < 0 {
			end = len(rest)
		}
		if end < len(rest) && rest[end] == '"' {
			prefix := rest[:end]
			if prefix != "" && !strings.HasSuffix(prefix, "=") {
				return nil, fmt.Errorf("a quote may only open a word or follow `=`, at %q", rest)
			}
			lit, err := strconv.QuotedPrefix(rest[end:])
			if err != nil {
				return nil, fmt.Errorf("unterminated or malformed quoted string %s", rest[end:])
			}
			s, _ := strconv.Unquote(lit)
			toks = append(toks, token{text: prefix + s, quoted: true})
			rest = rest[end+len(lit):]
			if rest != "" && !strings.ContainsAny(rest[:1], " \t\r#") {
				return nil, fmt.Errorf("expected a space after the quoted string %s", lit)
			}
			continue
		}
		toks = append(toks, token{text: rest[:end]})
		rest = rest[end:]
	}
}

// parseStep reads `[TIME] ACTION ARGS...`; a line without a time happens at prev.
func parseStep(toks []token, prev time.Duration) (Step, error) {
	st := Step{At: prev}
	if t := toks[0].text; !toks[0].quoted && t != "" && t[0] >= '0' && t[0] <= '9' {
		at, err := parseTime(t)
		if err != nil {
			return Step{}, err
		}
		st.At = at
		toks = toks[1:]
	}
	act, n := matchAction(toks)
	if act == ActNone {
		return Step{}, fmt.Errorf("expected an action (%s), got %s", actionList(), describe(toks))
	}
	st.Action = act
	return st, parseArgs(&st, toks[n:])
}

func parseTime(t string) (time.Duration, error) {
	d, err := time.ParseDuration(t)
	if err != nil {
		return 0, fmt.Errorf("expected a time such as 0s, 1.2s or 250ms, got %q", t)
	}
	if d > MaxTime {
		return 0, fmt.Errorf("time %s is beyond the limit of %s", t, MaxTime)
	}
	if d%time.Millisecond != 0 {
		return 0, fmt.Errorf("time %s is finer than a millisecond", t)
	}
	return d, nil
}

// matchAction finds the action whose keywords start the line, and how many tokens they take.
func matchAction(toks []token) (Action, int) {
	for a := ActPush; a < actCount; a++ {
		words := strings.Fields(syntax[a].words)
		if len(toks) < len(words) {
			continue
		}
		ok := true
		for i, w := range words {
			if toks[i].quoted || toks[i].text != w {
				ok = false
				break
			}
		}
		if ok {
			return a, len(words)
		}
	}
	return ActNone, 0
}

func parseArgs(st *Step, toks []token) error {
	sx := syntax[st.Action]
	if sx.args&argID != 0 {
		if len(toks) == 0 || toks[0].text == "" {
			return fmt.Errorf("%s: expected a callId", sx.words)
		}
		st.CallID = toks[0].text
		toks = toks[1:]
	}
	if sx.args&argType != 0 {
		if len(toks) == 0 || toks[0].quoted || (toks[0].text != "voice" && toks[0].text != "video") {
			return fmt.Errorf("%s %s: expected voice or video, got %s", sx.words, word(st.CallID), describe(toks))
		}
		if toks[0].text == "video" {
			st.Type = callstate.CallVideo
		}
		toks = toks[1:]
	}
	if sx.args&argName != 0 && len(toks) > 0 {
		key := sx.nameKey + "="
		if !strings.HasPrefix(toks[0].text, key) {
			return fmt.Errorf("%s: expected %sNAME or the end of the line, got %s", sx.words, key, describe(toks))
		}
		st.Name = strings.TrimPrefix(toks[0].text, key)
		toks = toks[1:]
	}
	if sx.args&argCode != 0 {
		if len(toks) == 0 {
			return fmt.Errorf("fault: expected a code (1007200002, 1007200003 or 1007200999)")
		}
		n, err := strconv.ParseInt(toks[0].text, 10, 32)
		if err != nil || !callstate.Code(n).Injectable() {
			return fmt.Errorf("fault: expected a code (1007200002, 1007200003 or 1007200999), got %s", describe(toks))
		}
		st.Code = callstate.Code(n)
		toks = toks[1:]
	}
	if len(toks) > 0 {
		return fmt.Errorf("%s: unexpected %s at the end of the line", sx.words, describe(toks))
	}
	return nil
}

func describe(toks []token) string {
	if len(toks) == 0 {
		return "the end of the line"
	}
	return strconv.Quote(toks[0].text)
}

func actionList() string {
	var names []string
	for a := ActPush; a < actCount; a++ {
		names = append(names, syntax[a].words)
	}
	return strings.Join(names, ", ")
}
