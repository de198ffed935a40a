package sim_test

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"pgregory.net/rapid"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/sim"
)

// This file is the oracle's own model of the script language as the package
// documentation and the README's "Scenario scripts" section describe it, with the
// readings that they leave open (listed in the README). It draws what a script means
// (oracleScript) and writes it out in any of the legal ways (render), without a helper of
// the parser or of Scenario.String, so that a mistake shared by both cannot hide.

// oracleAction is one line of the documented table: its keywords and what follows them.
type oracleAction struct {
	act     sim.Action
	words   []string
	id      bool   // an ID
	typ     bool   // voice|video
	nameKey string // "from" or "to": the optional NAME
	code    bool   // a fault CODE
}

var oracleActions = []oracleAction{
	{sim.ActPush, []string{"push"}, true, true, "from", false},
	{sim.ActDial, []string{"dial"}, true, true, "to", false},
	{sim.ActAnswer, []string{"user", "answer"}, true, true, "", false},
	{sim.ActReject, []string{"user", "reject"}, true, false, "", false},
	{sim.ActHangup, []string{"user", "hangup"}, true, false, "", false},
	{sim.ActMute, []string{"user", "mute"}, true, false, "", false},
	{sim.ActUnmute, []string{"user", "unmute"}, true, false, "", false},
	{sim.ActMuteRingtone, []string{"user", "mute-ringtone"}, true, false, "", false},
	{sim.ActPeerAnswer, []string{"peer", "answer"}, true, false, "", false},
	{sim.ActPeerHangup, []string{"peer", "hangup"}, true, false, "", false},
	{sim.ActPeerFail, []string{"peer", "fail"}, true, false, "", false},
	{sim.ActCarrierRing, []string{"carrier", "ring"}, false, false, "", false},
	{sim.ActCarrierAnswer, []string{"carrier", "answer"}, false, false, "", false},
	{sim.ActCarrierEnd, []string{"carrier", "end"}, false, false, "", false},
	{sim.ActServiceCrash, []string{"service", "crash"}, false, false, "", false},
	{sim.ActServiceRestart, []string{"service", "restart"}, false, false, "", false},
	{sim.ActFault, []string{"fault"}, false, false, "", true},
}

// The injectable codes, as the table lists them.
var oracleCodes = []callstate.Code{1007200002, 1007200003, 1007200999}

const oracleMaxMillis = int64(1000 * 3600 * 1000) // 1000h, the documented limit

// oracleLine is what one line of a script says.
type oracleLine struct {
	kind    int // lineBlank, lineComment, lineName or lineStep
	name    string
	act     oracleAction
	timed   bool
	ms      int64 // the line's TIME, when timed
	id      string
	video   bool
	hasName bool // the NAME option is written (from=, possibly empty)
	optName string
	code    callstate.Code
}

const (
	lineBlank = iota
	lineComment
	lineName
	lineStep
)

// oracleScript is a script's lines and their meaning.
type oracleScript struct {
	lines []oracleLine
}

// meaning is the Scenario the documentation says the lines make: the name of the one
// scenario line, wherever it is; each step at its own time or, without one, at the time
// of the step before (0s for the first); steps in file order; from= with nothing after it
// names no one.
func (s oracleScript) meaning() sim.Scenario {
	var sc sim.Scenario
	var at time.Duration
	for _, l := range s.lines {
		switch l.kind {
		case lineName:
			sc.Name = l.name
		case lineStep:
			if l.timed {
				at = time.Duration(l.ms) * time.Millisecond
			}
			st := sim.Step{At: at, Action: l.act.act, CallID: l.id, Code: l.code}
			if l.act.typ && l.video {
				st.Type = callstate.CallVideo
			}
			if l.hasName {
				st.Name = l.optName
			}
			sc.Steps = append(sc.Steps, st)
		}
	}
	return sc
}

// The characters words are drawn from: plain letters, then everything a word may hold
// that a parser could trip on — separators, quotes, backslash, =, #, control characters
// (NUL, VT, FF, ESC, DEL, C1), spaces that are not ASCII's, U+FFFD, a byte-order mark,
// letters of other scripts and a rune outside the BMP.
var oracleRunes = []rune("abcxyz019-_.:/" + " \t\r\"\\=#'`\x00\x0b\x0c\x1b\x7f\u0085\u009b\u00a0\u2028\u202e\ufffd\ufeffé陈😀")

func drawWord(t *rapid.T, label string, minLen int) string {
	pool := rapid.SampledFrom(oracleRunes)
	plain := rapid.SampledFrom([]rune("abcxyz0123456789-"))
	rs := rapid.SliceOfN(rapid.OneOf(plain, plain, pool), minLen, 8).Draw(t, label)
	return string(rs)
}

// drawID draws a callId: now and then from a few that repeat, so that calls have
// several steps.
func drawID(t *rapid.T) string {
	return rapid.OneOf(rapid.SampledFrom([]string{"c1", "c2", "from=Ann", "=x", "#1", "c 1", "voice", "1s", "scenario"}),
		rapid.Custom(func(t *rapid.T) string { return drawWord(t, "idRunes", 1) })).Draw(t, "id")
}

func drawLine(t *rapid.T, named bool) oracleLine {
	kinds := []int{lineBlank, lineComment, lineStep, lineStep, lineStep, lineStep}
	if !named {
		kinds = append(kinds, lineName)
	}
	l := oracleLine{kind: rapid.SampledFrom(kinds).Draw(t, "kind")}
	switch l.kind {
	case lineName:
		l.name = rapid.OneOf(rapid.Just(""), rapid.Just("a=b"), rapid.Custom(func(t *rapid.T) string { return drawWord(t, "nameRunes", 1) })).Draw(t, "scenarioName")
	case lineStep:
		l.act = rapid.SampledFrom(oracleActions).Draw(t, "action")
		l.timed = rapid.Bool().Draw(t, "timed")
		if l.timed {
			l.ms = rapid.OneOf(rapid.Int64Range(0, 100_000), rapid.Int64Range(0, oracleMaxMillis), rapid.Just(oracleMaxMillis), rapid.Just(int64(0))).Draw(t, "ms")
		}
		if l.act.id {
			l.id = drawID(t)
		}
		l.video = l.act.typ && rapid.Bool().Draw(t, "video")
		if l.act.nameKey != "" && rapid.Bool().Draw(t, "hasName") {
			l.hasName = true
			l.optName = rapid.OneOf(rapid.Just(""), rapid.Just("a=b"), rapid.Just("Ann Lee"),
				rapid.Custom(func(t *rapid.T) string { return drawWord(t, "optNameRunes", 0) })).Draw(t, "name")
		}
		if l.act.code {
			l.code = rapid.SampledFrom(oracleCodes).Draw(t, "code")
		}
	}
	return l
}

func drawScript(t *rapid.T) oracleScript {
	var s oracleScript
	named := false
	n := rapid.IntRange(0, 12).Draw(t, "lines")
	for range n {
		l := drawLine(t, named)
		named = named || l.kind == lineName
		s.lines = append(s.lines, l)
	}
	return s
}

// The separators between words: space, tab and CR, in runs.
func drawSep(t *rapid.T, label string, min int) string {
	return string(rapid.SliceOfN(rapid.SampledFrom([]byte(" \t\r")), min, 3).Draw(t, label))
}

// bareOK says whether s may be written bare, as the documentation reads: one word (no
// separator, no newline, no quote, which would open a quoted string), not a comment
// (no # first), and, in an ID's place, no = after its first character (key=value is an
// option there).
func bareOK(s string, inID bool) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n\"") || s[0] == '#' {
		return false
	}
	return !inID || strings.IndexByte(s, '=') <= 0
}

// quote writes s as a Go quoted string, in one of several legal ways.
func quote(t *rapid.T, s string) string {
	switch rapid.IntRange(0, 3).Draw(t, "quoting") {
	case 0:
		return strconv.Quote(s)
	case 1:
		return strconv.QuoteToASCII(s)
	case 2:
		return strconv.QuoteToGraphic(s)
	}
	// Rune by rune: raw where Go allows it (anything but ", \ and newline; a raw CR or
	// tab is part of the string, not a separator), or escaped as \x bytes (a rune's
	// UTF-8 bytes one by one), octal bytes, \u or \U, or a one-letter escape.
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		short := map[rune]string{'\a': `\a`, '\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`, '\v': `\v`, '\\': `\\`, '"': `\"`}
		way := rapid.IntRange(0, 4).Draw(t, "escape")
		if esc, ok := short[r]; ok && (way == 0 || r == '"' || r == '\\' || r == '\n') {
			b.WriteString(esc)
			continue
		}
		switch way {
		case 0, 1:
			b.WriteRune(r)
		case 2:
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, `\x%02x`, c)
			}
		case 3:
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, `\%03o`, c)
			}
		case 4:
			if r > 0xffff {
				fmt.Fprintf(&b, `\U%08x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04X`, r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writeWord writes s bare when it may be, or quoted.
func writeWord(t *rapid.T, s string, inID bool) string {
	if bareOK(s, inID) && rapid.Bool().Draw(t, "bare") {
		return s
	}
	return quote(t, s)
}

// renderTime writes ms milliseconds in Go's duration syntax, in one of many ways: "0"
// alone for zero, units from h to ns (µ and μ), several units summed in any order,
// decimals with or without a leading 0 or trailing zeros, leading zeros.
func renderTime(t *rapid.T, ms int64) string {
	if ms == 0 && rapid.IntRange(0, 3).Draw(t, "bareZero") == 0 {
		return "0"
	}
	var parts []string
	rest := ms
	if rapid.Bool().Draw(t, "splitHM") {
		if h := rest / 3_600_000; h > 0 || rapid.Bool().Draw(t, "zeroH") {
			parts = append(parts, zeros(t)+strconv.FormatInt(h, 10)+"h")
			rest -= h * 3_600_000
		}
		if m := rest / 60_000; m > 0 || rapid.Bool().Draw(t, "zeroM") {
			parts = append(parts, zeros(t)+strconv.FormatInt(m, 10)+"m")
			rest -= m * 60_000
		}
	}
	if rest > 0 || len(parts) == 0 {
		if rapid.Bool().Draw(t, "splitS") { // whole seconds, then what is left in a small unit
			s := rest / 1000
			parts = append(parts, zeros(t)+strconv.FormatInt(s, 10)+"s")
			rest -= s * 1000
		}
		parts = append(parts, smallUnit(t, rest))
	}
	perm := rapid.Permutation(parts).Draw(t, "order")
	return strings.Join(perm, "")
}

func zeros(t *rapid.T) string { return strings.Repeat("0", rapid.IntRange(0, 2).Draw(t, "zeros")) }

// smallUnit writes ms in seconds with decimals, or whole ms, µs or ns.
func smallUnit(t *rapid.T, ms int64) string {
	switch rapid.IntRange(0, 5).Draw(t, "unit") {
	case 0:
		return zeros(t) + strconv.FormatInt(ms, 10) + "ms"
	case 1:
		return zeros(t) + strconv.FormatInt(ms*1000, 10) + rapid.SampledFrom([]string{"us", "µs", "μs"}).Draw(t, "micro")
	case 2:
		if ms <= 9_000_000_000 { // ns overflow no int64 yet, but keep away from the edge
			return zeros(t) + strconv.FormatInt(ms*1_000_000, 10) + "ns"
		}
	}
	whole, frac := ms/1000, ms%1000
	f := fmt.Sprintf("%03d", frac)
	if rapid.Bool().Draw(t, "trim") {
		f = strings.TrimRight(f, "0")
	}
	f += zeros(t)
	w := strconv.FormatInt(whole, 10)
	if whole == 0 && f != "" && rapid.Bool().Draw(t, "noLeadingZero") {
		w = "" // .5s
	} else {
		w = zeros(t) + w
	}
	if f == "" {
		if rapid.Bool().Draw(t, "point") {
			return w + ".s" // 1.s, as Go reads it
		}
		return w + "s"
	}
	return w + "." + f + "s"
}

// comment draws a comment's text: any bytes but a newline, UTF-8 or not, quotes included.
func comment(t *rapid.T) string {
	bs := rapid.SliceOfN(rapid.SampledFrom([]byte("ab #\"\\=\t\r\x00\xff\xfe\xc3")), 0, 8).Draw(t, "comment")
	return "#" + string(bs)
}

// renderLine writes one line (without its newline) with the words of l, separated and
// surrounded by random runs of separators, and now and then a comment at the end.
func renderLine(t *rapid.T, l oracleLine) string {
	var words []string
	switch l.kind {
	case lineBlank:
		return drawSep(t, "blank", 0)
	case lineComment:
		return drawSep(t, "lead", 0) + comment(t)
	case lineName:
		words = []string{"scenario", writeWord(t, l.name, false)}
	case lineStep:
		if l.timed {
			words = append(words, renderTime(t, l.ms))
		}
		words = append(words, l.act.words...)
		if l.act.id {
			words = append(words, writeWord(t, l.id, true))
		}
		if l.act.typ {
			words = append(words, map[bool]string{false: "voice", true: "video"}[l.video])
		}
		if l.hasName {
			v := l.optName
			switch {
			case v == "" && rapid.Bool().Draw(t, "emptyBare"):
				// from= with nothing after it
			case v != "" && !strings.ContainsAny(v, " \t\r\n\"") && rapid.Bool().Draw(t, "bareName"):
				// bare: everything after the key's = is the name, = and # included
			default:
				v = quote(t, v)
			}
			words = append(words, l.act.nameKey+"="+v)
		}
		if l.act.code {
			words = append(words, zeros(t)+strconv.FormatInt(int64(l.code), 10))
		}
	}
	var b strings.Builder
	b.WriteString(drawSep(t, "lead", 0))
	for i, w := range words {
		if i > 0 {
			b.WriteString(drawSep(t, "sep", 1))
		}
		b.WriteString(w)
	}
	if rapid.IntRange(0, 3).Draw(t, "hasComment") == 0 {
		b.WriteString(drawSep(t, "beforeComment", 1))
		b.WriteString(comment(t))
	} else {
		b.WriteString(drawSep(t, "trail", 0))
	}
	return b.String()
}

// render writes the lines, each ended by LF or CRLF (the last one maybe by nothing), the
// script maybe opened by a byte-order mark. It returns the text and its lines, unended.
func render(t *rapid.T, s oracleScript) (bom string, lines []string) {
	if rapid.IntRange(0, 4).Draw(t, "bom") == 0 {
		bom = "\ufeff"
	}
	for _, l := range s.lines {
		lines = append(lines, renderLine(t, l))
	}
	return bom, lines
}

// join ends each line with LF or CRLF; the last is left unended now and then.
func join(t *rapid.T, bom string, lines []string) string {
	var b strings.Builder
	b.WriteString(bom)
	for i, l := range lines {
		b.WriteString(l)
		if i < len(lines)-1 || rapid.Bool().Draw(t, "lastEnded") {
			b.WriteString(rapid.SampledFrom([]string{"\n", "\r\n"}).Draw(t, "eol"))
		}
	}
	return b.String()
}
