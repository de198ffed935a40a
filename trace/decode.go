package trace

import (
	"bytes"
	"math"
	"strconv"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// decoder turns one trace line into a validator.Step. It reuses everything between lines:
// the Step, the scratch buffers and the strings it has seen (callIds repeat from line to
// line, and a repeated string costs no allocation).
type decoder struct {
	sc      scanner
	scratch []byte // decoded string values with escapes
	keyBuf  []byte // decoded keys with escapes
	strings map[string]string

	step      validator.Step
	invalid   invalidValues
	hasT      bool
	t         time.Duration
	hasExpect bool
	expect    Expectation

	top, attr presence
	env       envFields
	repeat    string // the first known key given twice in one object, as a malformed reason
}

// presence records, per argument, whether a line gave it (not null) and whether its JSON
// type was wrong. Arguments of the attribute are kept apart from those of the line,
// since both have a callId.
type presence struct{ seen, wrong validator.Field }

// envFields records the arguments only environment steps have, and what is wrong with each
// one of the wrong type.
type envFields struct {
	uiEvent, code                      bool
	wrongEvent, wrongReason, wrongCode string
}

// maxInterned bounds the string table; it is emptied when full, so memory stays flat on a
// trace of endless distinct callIds.
const maxInterned = 4096

func newDecoder() *decoder {
	return &decoder{strings: make(map[string]string, 256)}
}

func (d *decoder) intern(b []byte) string {
	if s, ok := d.strings[string(b)]; ok {
		return s
	}
	if len(d.strings) >= maxInterned {
		clear(d.strings)
	}
	s := string(b)
	d.strings[s] = s
	return s
}

var noCallback callstate.UIEventCallback = func(callstate.UIEventInfo) {}

// decode reads one line (not blank, not a comment) into d.step. It returns why the line is
// malformed, or "".
func (d *decoder) decode(line []byte) string {
	d.step = validator.Step{Callback: noCallback}
	d.hasT, d.t, d.hasExpect, d.expect = false, 0, false, Expectation{}
	d.top, d.attr, d.env, d.repeat, d.invalid = presence{}, presence{}, envFields{}, "", invalidValues{}
	var haveOp bool
	var seen keySet
	var opProblem, bad string

	sc := &d.sc
	sc.reset(line)
	if sc.peek() != kindObject {
		sc.skip(&d.scratch)
		sc.end("value")
		if sc.err != "" {
			return sc.err
		}
		return "not an object: a trace line is one JSON object"
	}
	sc.enterObject()
	for key, ok := sc.nextKey(&d.keyBuf); ok; key, ok = sc.nextKey(&d.keyBuf) {
		switch id := d.noteKey(&seen, lineKeys, key, ""); id {
		case keyOp:
			haveOp = true
			opProblem = d.readOp()
		case keyT:
			bad = orFirst(bad, d.readTime())
		case keyExpect:
			bad = orFirst(bad, d.readExpect())
		case keyAttribute:
			d.readAttribute()
		default:
			d.readArg(id)
		}
	}
	sc.end("object")
	switch {
	case sc.err != "":
		return sc.err
	case d.repeat != "":
		return d.repeat
	case !haveOp:
		return "no op: every line needs \"op\""
	case opProblem != "":
		return opProblem
	case bad != "":
		return bad
	}
	return d.finish()
}

// readOp reads `op`; it returns why it names no op, or "".
func (d *decoder) readOp() string {
	if d.sc.peek() != kindString {
		d.sc.skip(&d.scratch)
		return "op must be a string"
	}
	name := d.sc.str(&d.scratch)
	op, ok := opsByName.find(name)
	if !ok {
		return "unknown op " + strconv.Quote(string(name)) + opsByName.meant(name)
	}
	d.step.Op = op
	return ""
}

func orFirst(have, next string) string {
	if have != "" {
		return have
	}
	return next
}

// readArg reads one argument of the line itself (not of the attribute).
func (d *decoder) readArg(id keyID) {
	s, p := &d.step, &d.top
	switch id {
	case keyType:
		s.EventType = d.readString(p, validator.FieldType)
	case keyCallback:
		if d.sc.peek() == kindNull {
			s.Callback = nil
		}
		d.sc.skip(&d.scratch)
	case keyCallID:
		s.CallID = d.readString(p, validator.FieldCallID)
	case keyCallState:
		s.State = readEnum(d, p, validator.FieldCallState, callStates)
	case keyCallType:
		s.CallType = readEnum(d, p, validator.FieldCallType, callTypes)
	case keyAudioEvent:
		s.AudioEvent = readEnum(d, p, validator.FieldAudioEvent, audioEvents)
	case keyFailureCause:
		s.FailureCause = readEnum(d, p, validator.FieldFailureCause, failureCauses)
	case keyUIEvent:
		d.env.uiEvent = d.sc.peek() != kindNull
		s.UIEvent = readEnvEnum(d, "voipCallUiEvent", &d.env.wrongEvent, uiEvents)
	case keyErrorReason:
		s.ErrorReason = readEnvEnum(d, "errorReason", &d.env.wrongReason, errorReasons)
	case keyCode:
		d.readFaultCode()
	default:
		d.sc.skip(&d.scratch) // other keys are comments to the checker
	}
}

// openObject enters an object argument; null leaves it absent and any other value is of
// the wrong type. It reports whether there is an object to read.
func (d *decoder) openObject(p *presence, f validator.Field) bool {
	switch d.sc.peek() {
	case kindObject:
		p.seen |= f
		return d.sc.enterObject()
	case kindNull:
	default:
		p.wrong |= f
	}
	d.sc.skip(&d.scratch)
	return false
}

func (d *decoder) readAttribute() {
	if !d.openObject(&d.top, validator.FieldAttribute) {
		return
	}
	sc, a, p := &d.sc, &d.step.Attr, &d.attr
	var seen keySet
	for key, ok := sc.nextKey(&d.keyBuf); ok; key, ok = sc.nextKey(&d.keyBuf) {
		switch id := d.noteKey(&seen, attributeKeys, key, " in voipCallAttribute"); id {
		case keyAttrCallID:
			a.CallID = d.readString(p, validator.FieldCallID)
		case keyAttrCallType:
			a.CallType = readEnum(d, p, validator.FieldCallType, callTypes)
		case keyAttrUserName:
			a.UserName = d.readString(p, validator.FieldUserName)
		case keyAttrUserProfile:
			d.readAvatar()
		case keyAttrAbilityName:
			a.AbilityName = d.readString(p, validator.FieldAbilityName)
		case keyAttrCallState:
			a.State = readEnum(d, p, validator.FieldCallState, callStates)
		case keyOther:
			sc.skip(&d.scratch)
		default:
			d.readOption(a.Options()[id-keyAttrOption])
		}
	}
}

// readOption reads one of the optional booleans.
func (d *decoder) readOption(o callstate.AttributeOption) {
	switch d.sc.peek() {
	case kindBool:
		*o.Value = callstate.Opt(d.sc.literal())
	case kindNull:
		d.sc.literal()
	default:
		d.sc.skip(&d.scratch)
		if d.attr.wrong&validator.FieldOption == 0 {
			d.step.BadOption = o.Name
		}
		d.attr.wrong |= validator.FieldOption
	}
}

func (d *decoder) readAvatar() {
	if !d.openObject(&d.attr, validator.FieldUserProfile) {
		return
	}
	sc, p, av := &d.sc, &d.attr, &d.step.Attr.UserProfile
	var seen keySet
	for key, ok := sc.nextKey(&d.keyBuf); ok; key, ok = sc.nextKey(&d.keyBuf) {
		var dst *int
		switch d.noteKey(&seen, profileKeys, key, " in voipCallAttribute.userProfile") {
		case keyWidth:
			dst = &av.Width
		case keyHeight:
			dst = &av.Height
		case keyByteCount:
			dst = &av.ByteCount
		default:
			sc.skip(&d.scratch)
			continue
		}
		switch sc.peek() {
		case kindNumber:
			*dst = parseSize(sc.number())
		case kindNull:
			sc.literal()
		default:
			p.wrong |= validator.FieldUserProfile // an image size that is not a number
			sc.skip(&d.scratch)
		}
	}
}

// parseSize reads an image size, rounding a fraction up and capping what no image has, so
// that 221.5 pixels is still too wide.
func parseSize(text []byte) int {
	if n, ok := parseInt(text); ok && n >= math.MinInt32 && n <= math.MaxInt32 {
		return int(n)
	}
	f, _ := strconv.ParseFloat(string(text), 64) // the scanner checked the syntax; ±Inf caps below
	return int(max(min(math.Ceil(f), math.MaxInt32), math.MinInt32))
}

// readString reads a string argument: a string is seen, null is absent, anything else is
// of the wrong type.
func (d *decoder) readString(p *presence, f validator.Field) string {
	switch d.sc.peek() {
	case kindString:
		p.seen |= f
		return d.intern(d.sc.str(&d.scratch))
	case kindNull:
		d.sc.literal()
	default:
		p.wrong |= f
		d.sc.skip(&d.scratch)
	}
	return ""
}

// readEnum reads an enum argument given as a number or an identifier. An unknown
// identifier or a number that is not an integer is an invalid value of the enum.
func readEnum[T enumValue](d *decoder, p *presence, f validator.Field, byName *nameIndex[T]) T {
	arg := argument{field: f, inAttr: p == &d.attr}
	switch d.sc.peek() {
	case kindNumber:
		p.seen |= f
		text := d.sc.number()
		n, ok := parseInt(text)
		if v := callstate.Clamp[T](n); ok && v != -1 {
			if !v.Valid() { // the validator writes it VoipCallState(9); the line wrote 9
				d.invalid.add(arg, v.String(), string(text))
			}
			return v
		}
		d.invalid.add(arg, T(-1).String(), string(text))
		return T(-1)
	case kindString:
		p.seen |= f
		name := d.sc.str(&d.scratch)
		if v, ok := byName.find(name); ok {
			return v
		}
		d.invalid.add(arg, T(-1).String(), strconv.Quote(string(name))+byName.meant(name))
		return T(-1)
	case kindNull:
		d.sc.literal()
	default:
		p.wrong |= f
		d.sc.skip(&d.scratch)
	}
	return 0 // absent, like a field the line leaves out
}

// readEnvEnum reads an enum argument of an environment step, whose type fault (said in
// *wrong) makes a line of that step malformed rather than earn a verdict.
func readEnvEnum[T enumValue](d *decoder, name string, wrong *string, byName *nameIndex[T]) T {
	var p presence
	v := readEnum(d, &p, validator.FieldOption, byName)
	if p.wrong != 0 {
		*wrong = name + " has the wrong type: want a number or an identifier string"
	}
	return v
}

func (d *decoder) readFaultCode() {
	d.env.code = true
	if d.sc.peek() != kindNumber {
		d.sc.skip(&d.scratch)
		d.env.wrongCode = "code has the wrong type: want a number"
		return
	}
	n, ok := parseInt(d.sc.number())
	if !ok || n < math.MinInt32 || n > math.MaxInt32 {
		n = -1
	}
	d.step.FaultCode = callstate.Code(n)
}

// maxMillis is the latest whole t a line can have: the virtual clock counts nanoseconds
// in an int64.
const maxMillis = math.MaxInt64 / int64(time.Millisecond)

var maxT = strconv.FormatInt(maxMillis, 10)

func (d *decoder) readTime() string {
	if d.sc.peek() != kindNumber {
		d.sc.skip(&d.scratch)
		return "t must be a number of milliseconds"
	}
	text := d.sc.number()
	if n, ok := parseInt(text); ok && n >= -maxMillis && n <= maxMillis {
		d.t = time.Duration(n) * time.Millisecond
	} else if t, ok := exactMillis(text); ok {
		d.t = t
	} else {
		ms, err := strconv.ParseFloat(string(text), 64)
		if err != nil || ms > float64(maxMillis) {
			return "t is out of range: expected at most " + maxT + " milliseconds"
		}
		d.t = time.Duration(ms * float64(time.Millisecond))
	}
	if d.t < 0 {
		return "t must not be negative"
	}
	d.hasT = true
	return ""
}

// exactMillis reads milliseconds with one to six decimals, the way a Writer writes a time
// that is not a whole number of them, to the nanosecond: through a float64, 65536.000001
// ms would come back as 65536000000 ns, and a trace would not give its run's warnings.
func exactMillis(text []byte) (time.Duration, bool) {
	dot := bytes.IndexByte(text, '.')
	if dot < 1 || dot > 13 || len(text)-dot-1 > 6 {
		return 0, false
	}
	ms, whole := digitsValue(text[:dot])
	frac, fraction := digitsValue(text[dot+1:])
	if !whole || !fraction {
		return 0, false
	}
	for range 6 - (len(text) - dot - 1) {
		frac *= 10 // the decimals are of a millisecond; frac counts nanoseconds
	}
	if ms >= maxMillis {
		return 0, false // at or past the latest t, which the float64 below tells apart
	}
	return time.Duration(ms)*time.Millisecond + time.Duration(frac), true
}

// parseInt reads an integral JSON number; a fraction or an exponent that leaves one, or a
// value beyond int64, is not one.
func parseInt(text []byte) (int64, bool) {
	digits := bytes.TrimPrefix(text, []byte{'-'})
	if len(digits) > 18 {
		return parseFloatInt(text)
	}
	n, ok := digitsValue(digits)
	if !ok {
		return parseFloatInt(text)
	}
	if len(digits) < len(text) {
		n = -n
	}
	return n, true
}

// digitsValue is the value of one or more decimal digits and nothing else; the callers
// keep them to 18, which an int64 holds.
func digitsValue(digits []byte) (int64, bool) {
	var n int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, len(digits) > 0
}

func parseFloatInt(text []byte) (int64, bool) {
	if !isWhole(text) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, false
	}
	return int64(f), true
}

// isWhole tells whether a JSON number's text is a whole number, which its float64 cannot
// tell: 6.0000000000000001 rounds to 6, and 1e-400 to 0. Every digit from the decimal
// point on, once the exponent has moved it, must be 0.
func isWhole(text []byte) bool {
	mantissa, exp := bytes.TrimPrefix(text, []byte{'-'}), 0
	if i := bytes.IndexAny(mantissa, "eE"); i >= 0 {
		exp, _ = strconv.Atoi(string(mantissa[i+1:])) // beyond an int it is capped, which still tells
		exp = max(min(exp, 1<<30), -1<<30)
		mantissa = mantissa[:i]
	}
	whole, fraction, _ := bytes.Cut(mantissa, []byte{'.'})
	point := len(whole) + exp
	for i, c := range whole {
		if i >= point && c != '0' {
			return false
		}
	}
	for i, c := range fraction {
		if len(whole)+i >= point && c != '0' {
			return false
		}
	}
	return true
}
