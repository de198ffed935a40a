package trace

import (
	"slices"
	"strconv"
	"strings"

	"pgregory.net/rapid"
)

// A generator of traces whose lines are JSON objects with the keys of the format, some of
// them right and some wrong: byte-level fuzzing rarely builds an object with the right
// keys, and the rules of the format are about those. Choices come from a chooser, so that
// the property (rapid) and the fuzz target (a byte string) share one generator.

// chooser picks a number in [0, n).
type chooser interface{ intn(n int) int }

// rapidChooser draws choices from rapid, which shrinks them.
type rapidChooser struct{ t *rapid.T }

func (c rapidChooser) intn(n int) int { return rapid.IntRange(0, n-1).Draw(c.t, "choice") }

// byteChooser reads choices from fuzz input; once it is used up every choice is the first.
type byteChooser struct{ data []byte }

func (c *byteChooser) intn(n int) int {
	if len(c.data) == 0 || n <= 1 {
		return 0
	}
	b := int(c.data[0])
	c.data = c.data[1:]
	return b % n
}

// oneIn is true one time in n. It is the last choice, not the first, since rapid draws the
// first far more often than the others (and shrinks towards it).
func oneIn(c chooser, n int) bool { return c.intn(n) == n-1 }

func pick(c chooser, options ...string) string { return options[c.intn(len(options))] }

// traceGen writes one trace.
type traceGen struct {
	c  chooser
	b  strings.Builder
	ms int64 // the last t written the plain way, so that most lines keep time in order
}

// genTrace writes a trace of a few lines: mostly objects, some comments and some junk.
func genTrace(c chooser) []byte {
	g := &traceGen{c: c}
	if oneIn(c, 10) {
		g.b.WriteString("\uFEFF")
	}
	lines := 1 + c.intn(6)
	for i := range lines {
		switch c.intn(17) {
		case 13:
			g.long()
		case 14:
			g.b.WriteString(pick(c, "", "# a comment", "  \t# indented", "\t", " ", "#", "\r", "\uFEFF#"))
		case 15:
			g.b.WriteString(pick(c, "[]", `"op"`, "null", "{", `{"op":"push","callId":"c1"}x`,
				`{"op":"push","callId":"c1"} {"op":"push"}`, "\uFEFF{\"op\":\"carrierCallStart\"}",
				"{\"op\":\"push\",\"callId\":\"\xff\"}", `{"op":"push","callId":"c1"}`+"\f", "\v{}"))
		default:
			g.object()
		}
		if i < lines-1 || !oneIn(c, 3) {
			g.b.WriteString(pick(c, "\n", "\n", "\r\n"))
		}
	}
	return []byte(g.b.String())
}

// long writes a line about as long as the read buffer or the longest line, whose end,
// "\r\n" included, may fall on either side of that boundary: a line, a comment or a blank.
func (g *traceGen) long() {
	c := g.c
	size := readBufferBytes
	if oneIn(c, 4) {
		size = MaxLineBytes
	}
	size += c.intn(8) - 4
	switch c.intn(5) {
	case 0:
		g.b.WriteString(strings.Repeat(" ", size-26) + `{"op":"push","callId":"c1"}`)
	case 1:
		g.b.WriteString(`{"op":"push","callId":"` + strings.Repeat("x", size-25) + `"}`)
	case 2:
		g.b.WriteString(strings.Repeat(" ", size) + "# a comment")
	case 3:
		g.b.WriteString(strings.Repeat("\t", size))
	default:
		g.b.WriteString(`{"op":"carrierCallStart"}` + strings.Repeat(" ", size-25) + "\r")
	}
}

// space writes what may stand between two tokens.
func (g *traceGen) space() {
	if oneIn(g.c, 6) {
		g.b.WriteString(pick(g.c, " ", "\t", "  ", " \t", "\r"))
	}
}

// member is one key of an object and how to write its value.
type member struct {
	key   string
	value func()
}

// writeObject writes members in an order of the chooser's, each key perhaps escaped.
func (g *traceGen) writeObject(members []member) {
	for i := len(members) - 1; i > 0; i-- {
		j := g.c.intn(i + 1)
		members[i], members[j] = members[j], members[i]
	}
	g.space()
	g.b.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			g.b.WriteByte(',')
		}
		g.space()
		g.key(m.key)
		g.space()
		g.b.WriteByte(':')
		g.space()
		m.value()
		g.space()
	}
	g.b.WriteByte('}')
	g.space()
}

// key writes a key, its first character escaped now and then: the decoder must read keys
// the way encoding/json does.
func (g *traceGen) key(k string) {
	if k != "" && oneIn(g.c, 16) {
		g.b.WriteString(escapeFirst(k))
		return
	}
	g.b.WriteString(strconv.Quote(k))
}

// escapeFirst writes an ASCII string as JSON with its first character as a \u escape.
func escapeFirst(s string) string {
	return `"\u00` + strconv.FormatInt(int64(s[0]), 16) + s[1:] + `"`
}

// choose keeps each of the object's own keys but one time in n, each other key one time
// in 9, and gives a key twice now and then.
func (g *traceGen) choose(members []member, own map[string]bool, n int) []member {
	var out []member
	for _, m := range members {
		keep := oneIn(g.c, 9)
		if own[m.key] {
			keep = !oneIn(g.c, n)
		}
		if !keep {
			continue
		}
		out = append(out, m)
		if oneIn(g.c, 40) {
			out = append(out, m)
		}
	}
	return out
}

// opKeys are the keys each op reads from the line.
var opKeys = map[string][]string{
	"on": {"type", "callback"}, "off": {"type"},
	"reportIncomingCall": {"voipCallAttribute"}, "reportOutgoingCall": {"voipCallAttribute"},
	"reportCallStateChange":      {"callId", "callState", "callType"},
	"reportCallAudioEventChange": {"callId", "callAudioEvent"},
	"reportIncomingCallError":    {"callId", "voipCallFailureCause"},
	"push":                       {"callId"}, "uiEvent": {"callId", "voipCallUiEvent", "errorReason"},
	"injectFault": {"code"},
}

var genOps = []string{"on", "off", "reportIncomingCall", "reportOutgoingCall", "reportCallStateChange",
	"reportCallAudioEventChange", "reportIncomingCallError", "push", "uiEvent", "carrierCallStart",
	"carrierCallEnd", "serviceStop", "serviceStart", "injectFault"}

func (g *traceGen) object() {
	c := g.c
	op := genOps[c.intn(len(genOps))]
	own := map[string]bool{"op": true}
	for _, k := range opKeys[op] {
		own[k] = true
	}
	opValue := func() {
		if oneIn(c, 12) {
			g.b.WriteString(pick(c, `"On"`, `""`, `"report"`, "5", "null", "true", `"push "`, `{"op":"push"}`))
			return
		}
		if oneIn(c, 8) {
			g.b.WriteString(escapeFirst(op))
			return
		}
		g.b.WriteString(strconv.Quote(op))
	}
	members := g.choose([]member{
		{"op", opValue},
		{"expect", g.expect},
		{"type", func() {
			g.b.WriteString(pick(c, `"voipCallUiEvent"`, `"voipCallUiEvent"`, `""`, `"voipCallUIEvent"`, `"voip\u0043allUiEvent"`, "5", "null", "true", "{}"))
		}},
		{"callback", func() { g.b.WriteString(pick(c, "null", `"cb"`, "1", "{}")) }},
		{"callId", g.callID},
		{"callState", func() { g.enum(oracleStates) }},
		{"callType", func() { g.enum(oracleCallTypes) }},
		{"callAudioEvent", func() { g.enum(oracleAudioEvents) }},
		{"voipCallFailureCause", func() { g.enum(oracleFailureCauses) }},
		{"voipCallUiEvent", func() { g.enum(oracleUIEvents) }},
		{"errorReason", func() { g.enum(oracleReasons) }},
		{"code", func() {
			g.b.WriteString(pick(c, "1007200002", "1007200003", "1007200999", "1007200001", "401",
				"1007200002.0", "1.007200003e9", `"1007200002"`, "null", "0", "-1", "1e400", "1007200999.5", "{}"))
		}},
		{"voipCallAttribute", g.attribute},
		{"userProfile", g.profile},
		{"foo", g.anyValue},
		{"CallId", g.callID},
	}, own, 16)
	if oneIn(c, 2) {
		members = append(members, member{"t", g.time})
	}
	g.writeObject(members)
}

func (g *traceGen) attribute() {
	c := g.c
	if oneIn(c, 8) {
		g.b.WriteString(pick(c, "null", `"attr"`, "[]", "5", "true"))
		return
	}
	option := func() { g.b.WriteString(pick(c, "true", "false", "null", "1", `"true"`, "{}", "[]")) }
	own := map[string]bool{"callId": true, "voipCallType": true, "userName": true, "userProfile": true,
		"abilityName": true, "voipCallState": true}
	name := func() { g.str(`"Ann"`, `""`, `"VoipAbility"`, `"\u00c9mile"`) }
	g.writeObject(g.choose([]member{
		{"callId", g.callID},
		{"voipCallType", func() { g.enum(oracleCallTypes) }},
		{"userName", name},
		{"userProfile", g.profile},
		{"abilityName", name},
		{"voipCallState", func() { g.enum(oracleStates) }},
		{"showBannerForIncomingCall", option},
		{"isConferenceCall", option},
		{"isVoiceAnswerSupported", option},
		{"isUserMuteRingToneAllowed", option},
		{"isDialingAllowedDuringCarrierCall", option},
		{"op", g.anyValue},
		{"userprofile", g.anyValue},
	}, own, 12))
}

func (g *traceGen) profile() {
	c := g.c
	if oneIn(c, 8) {
		g.b.WriteString(pick(c, "null", `"img"`, "[]", "5", "true", "[1,2]"))
		return
	}
	size := func() {
		g.b.WriteString(pick(c, "0", "112", "221", "222", "196607", "196608", "221.5", "221.0", "-5", "-0.5",
			"1e400", "-1e400", "1e-400", "2147483647", "2147483648", "-2147483649", "2.21e2", "null", `"1"`, "true", "{}"))
	}
	g.writeObject(g.choose([]member{
		{"width", size}, {"height", size}, {"byteCount", size}, {"depth", g.anyValue},
	}, map[string]bool{"width": true, "height": true, "byteCount": true}, 3))
}

// str writes one of the strings given, or a value of another type now and then.
func (g *traceGen) str(strings ...string) {
	if oneIn(g.c, 10) {
		g.b.WriteString(pick(g.c, "null", "5", "true", "{}", "[]", `{"callId":"c1"}`))
		return
	}
	g.b.WriteString(pick(g.c, strings...))
}

func (g *traceGen) callID() {
	g.str(`"c1"`, `"c1"`, `"c2"`, `""`, `"\u0063\u0031"`, `"\ud83d\ude00"`, `"\ud800"`, `"a\"b"`,
		`"Ann 2"`, `"c\/1"`, `"\u00e9"`, `"é"`)
}

func (g *traceGen) anyValue() {
	g.b.WriteString(pick(g.c, "null", "1", `"x"`, "true", "{}", "[]", `{"callId":1,"callId":2}`, `[{"op":1}]`))
}

// enum writes a value of an enum argument: an identifier, a number in one of its forms, or
// something that is neither.
func (g *traceGen) enum(names map[string]int64) {
	c := g.c
	switch c.intn(6) {
	case 0, 1, 2, 3:
		ids := make([]string, 0, len(names))
		for id := range names {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		id := ids[c.intn(len(ids))]
		switch c.intn(16) {
		case 0:
			id = strings.ToLower(id)
		case 1:
			id = id[strings.LastIndexByte(id, '_')+1:]
		case 2:
			g.b.WriteString(escapeFirst(id))
			return
		}
		g.b.WriteString(strconv.Quote(id))
	case 4:
		n := strconv.Itoa(c.intn(11) - 1)
		g.b.WriteString(pick(c, n, n, n+".0", n+"e0", n+"0e-1", n+".5", `"`+n+`"`, "-"+n))
	default:
		g.b.WriteString(pick(c, "-0", "0.0", "1E0", "6.0", "60e-1", "2.5", "1e400", "-1e400", "1e-400", "262",
			"-129", "128", "99999999999999999999", "9223372036854775807", "-9223372036854775808",
			"null", "true", "false", "{}", "[]", `"2"`, `""`, `{"a":1}`))
	}
}

// time writes a `t`: mostly later than the last, as a writer writes it, sometimes in
// another form, earlier, or not a time.
func (g *traceGen) time() {
	c := g.c
	switch c.intn(12) {
	case 8:
		g.b.WriteString(pick(c, "0", "-0", "0.0", "1e3", "1.5e3", "1.0000001", "0.0000001", "-0.0000001",
			"-0.000001", "123456.7890123", "1e-400", "2.5E+2", "100.000000000000000001"))
	case 9:
		g.b.WriteString(pick(c, "1234567890123", "9223372036854", "9223372036854.775807",
			"9223372036854.775808", "9223372036854.5", "9223372036855", "1e400", "4611686018427.387904",
			"1234567890123.456789", "999999999999.999999", "-1", "-5.5", "1234567890123.4567891",
			"5862678924552.000416e0", "586267892455200.0416e-2", "9223372036854.0000001", "9223372036853.9999999",
			"9223372036854e0", "9.223372036854e12", "9.2233720368541e12"))
	case 10:
		g.b.WriteString(pick(c, "null", `"100"`, "true", "{}", "[1]"))
	default:
		g.ms += int64(c.intn(3)) * int64(c.intn(20000))
		text := strconv.FormatInt(g.ms, 10)
		if oneIn(c, 2) {
			text += "." + strconv.Itoa(1000000 + c.intn(1000000))[1:2+c.intn(6)]
		}
		g.b.WriteString(text)
	}
}

func (g *traceGen) expect() {
	if !oneIn(g.c, 3) {
		g.b.WriteString(pick(g.c, `"ok"`, "1007200001", `"1007200001/unknown-call-id"`, "401", `"1007200003"`, `"\u006fk"`, `"1007200001\/unknown-call-id"`))
		return
	}
	g.b.WriteString(pick(g.c, `"ok"`, "1007200003", `"1007200003"`, `"1007200003/carrier-conflict"`,
		`"1007200001/missing-parameter"`, `"401/parameter-type"`, `"1007200003/parameter-type"`,
		`"1007200999"`, `"1007200002/injected-fault"`, `"1007200999/injected-fault"`, "0", "200", `"ok/x"`,
		"null", "true", "1007200001.0", "1.0072000010e9", `"01007200001"`, `"1007200001/"`, `"OK"`,
		"401", "401.5", `"401"`, `"+401"`, `"1007200001/unknown-call-id/x"`, "1e400", "-401", "{}"))
}
