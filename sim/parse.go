package sim

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/internal/terminal"
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
	named := 0                                     // the line that named the scenario
	text = strings.TrimPrefix(text, byteOrderMark) // as editors on Windows may save a file
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
			if named > 0 {
				return Scenario{}, &ParseError{Line: i + 1, Msg: "a second scenario name: line " + strconv.Itoa(named) + " named it " + strconv.Quote(sc.Name)}
			}
			sc.Name, named = toks[1].text, i+1
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

const byteOrderMark = "\ufeff"

// token is one word of a line; quoted words are Go string literals, already unquoted.
type token struct {
	text   string
	quoted bool
	option bool // written key=value, the key and its = bare: from=Ann, to="Bob Lee"
}

// tokenize splits a line into words, dropping a comment: a `#` that starts a word (one
// inside a word, as in c#1, is part of it). A word may be a Go quoted string, alone or
// after `key=`. Every word must be valid UTF-8: a run's trace is JSON, which cannot carry
// other bytes, and two callIds it could not tell apart would not give the run's verdicts.
func tokenize(line string) ([]token, error) {
	var toks []token
	rest := line
	for {
		rest = strings.TrimLeft(rest, " \t\r")
		if rest == "" || rest[0] == '#' {
			return toks, nil
		}
		tok, n, err := nextToken(rest)
		if err != nil {
			return nil, err
		}
		if !utf8.ValidString(tok.text) {
			return nil, fmt.Errorf("%s is not valid UTF-8 (a trace of the run could not carry it)", excerpt(tok.text))
		}
		toks = append(toks, tok)
		rest = rest[n:]
	}
}

// nextToken reads the word that starts rest and how many bytes it takes.
func nextToken(rest string) (token, int, error) {
	end := strings.IndexAny(rest, " \t\r\"")
	if end < 0 {
		end = len(rest)
	}
	prefix := rest[:end]
	option := strings.IndexByte(prefix, '=') > 0
	if end == len(rest) || rest[end] != '"' {
		return token{text: prefix, option: option}, end, nil
	}
	if prefix != "" && !strings.HasSuffix(prefix, "=") {
		return token{}, 0, fmt.Errorf("a quote may only open a word or follow `=`, at %s", excerpt(rest))
	}
	lit, err := strconv.QuotedPrefix(rest[end:])
	if err != nil {
		return token{}, 0, fmt.Errorf("unterminated or malformed quoted string %s", literal(rest[end:]))
	}
	s := unquote(lit)
	n := end + len(lit)
	if n < len(rest) && !strings.ContainsAny(rest[n:n+1], " \t\r") {
		return token{}, 0, fmt.Errorf("expected a space after the quoted string %s", literal(lit))
	}
	return token{text: prefix + s, quoted: true, option: option}, n, nil
}

// unquote is strconv.Unquote of a literal that strconv.QuotedPrefix took, but for a byte
// written raw that is not UTF-8: Go makes it U+FFFD, unquote keeps it, so that tokenize
// refuses it as it refuses one written \xff, rather than give the run a callId the
// script never held.
func unquote(lit string) string {
	if utf8.ValidString(lit) {
		s, _ := strconv.Unquote(lit)
		return s
	}
	var b []byte
	for s := lit[1 : len(lit)-1]; s != ""; {
		if r, size := utf8.DecodeRuneInString(s); r == utf8.RuneError && size == 1 {
			b, s = append(b, s[0]), s[1:]
			continue
		}
		r, multibyte, tail, _ := strconv.UnquoteChar(s, '"')
		if multibyte {
			b = utf8.AppendRune(b, r)
		} else {
			b = append(b, byte(r))
		}
		s = tail
	}
	return string(b)
}

// excerpt quotes s for an error message, cut to its first 40 bytes (whole runes): a line
// may be megabytes of anything.
func excerpt(s string) string {
	head, more := cut(s)
	return strconv.Quote(head) + more
}

// literal shows a piece of a line as written, cut like excerpt, and quoted only if it
// holds what a terminal should not print.
func literal(s string) string {
	head, more := cut(s)
	if terminal.Plain(head) { // as Scenario.String decides whether to quote a word
		return head + more
	}
	return strconv.Quote(head) + more
}

func cut(s string) (head, more string) {
	const most = 40
	if len(s) <= most {
		return s, ""
	}
	n := most
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], "…"
}

// parseStep reads `[TIME] ACTION ARGS...`; a line without a time happens at prev.
func parseStep(toks []token, prev time.Duration) (Step, error) {
	st := Step{At: prev}
	if !toks[0].quoted && isTimeWord(toks[0].text) {
		at, err := parseTime(toks[0].text)
		if err != nil {
			return Step{}, err
		}
		st.At = at
		toks = toks[1:]
	}
	act, n := matchAction(toks)
	if act == ActNone {
		return Step{}, noAction(toks)
	}
	st.Action = act
	return st, parseArgs(&st, toks[n:])
}

// isTimeWord reports whether a line's first word is in the time position: it starts with
// a digit, a point then a digit (.5s, as Go's durations allow), or a sign then a digit or a
// point (-1s, +1s, -.5s), which parseTime refuses as a time rather than leave to be read as
// an unknown action.
func isTimeWord(t string) bool {
	if len(t) > 1 && (t[0] == '+' || t[0] == '-') && (isDigit(t[1]) || t[1] == '.') {
		return true
	}
	return t != "" && isDigit(t[0]) || len(t) > 1 && t[0] == '.' && isDigit(t[1])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

const timeExpected = "expected a time such as 0s, 1.2s or 250ms, got "

func parseTime(t string) (time.Duration, error) {
	if t[0] == '+' || t[0] == '-' {
		return 0, errors.New(timeExpected + excerpt(t) + ": times are absolute, counted from the start of the run, and take no sign")
	}
	d, err := time.ParseDuration(t)
	if err != nil {
		return 0, errors.New(timeExpected + excerpt(t))
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
		if toks[0].option { // `push from=Ann voice` forgot the callId; it is not "from=Ann"
			return fmt.Errorf("%s: expected a callId, got the option %s (quote a callId that holds =)", sx.words, excerpt(toks[0].text))
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
		// Only a bare key makes the option: a quoted "from=Ann" is a word that holds =.
		if !toks[0].option || !strings.HasPrefix(toks[0].text, key) {
			return fmt.Errorf("%s: expected %sNAME or the end of the line, got %s", sx.words, key, describe(toks))
		}
		st.Name = strings.TrimPrefix(toks[0].text, key)
		toks = toks[1:]
	}
	if sx.args&argCode != 0 {
		if len(toks) == 0 {
			return fmt.Errorf("fault: expected a code (%s)", callstate.InjectableCodes)
		}
		if toks[0].quoted { // quoting is for callIds and names, as a quoted "voice" is no type
			return fmt.Errorf("fault: expected a code (%s) written bare, got the quoted %s", callstate.InjectableCodes, describe(toks))
		}
		n, err := strconv.ParseInt(toks[0].text, 10, 32)
		if err != nil || !callstate.Code(n).Injectable() {
			return fmt.Errorf("fault: expected a code (%s), got %s", callstate.InjectableCodes, describe(toks))
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
	return excerpt(toks[0].text)
}

// noAction says why a line starts with no action: a known first keyword with an unknown
// second ("user explode": it lists what may follow "user"), or an unknown word (it lists
// every action).
func noAction(toks []token) error {
	if len(toks) == 0 { // a time alone
		return fmt.Errorf("expected an action (%s), got the end of the line", strings.Join(actionsAfter(""), ", "))
	}
	first := toks[0].text
	if follow := actionsAfter(first + " "); len(follow) > 0 && !toks[0].quoted {
		last := len(follow) - 1
		return fmt.Errorf("%s: expected %s or %s, got %s", first, strings.Join(follow[:last], ", "), follow[last], describe(toks[1:]))
	}
	return fmt.Errorf("expected an action (%s), got %s", strings.Join(actionsAfter(""), ", "), describe(toks))
}

// actionsAfter lists the actions whose keywords start with prefix, without it.
func actionsAfter(prefix string) []string {
	var names []string
	for a := ActPush; a < actCount; a++ {
		if rest, ok := strings.CutPrefix(syntax[a].words, prefix); ok {
			names = append(names, rest)
		}
	}
	return names
}
