package trace

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// The oracle: a second reader of traces, written from the README ("Checking a recorded
// trace" and "Where the contract is silent") and SPEC.md section 8 rather than from the
// decoder, on encoding/json. It is slow and allocates freely; it exists so that the fuzz
// target and the property can hold the decoder's reading of every line to the documented one.

// oracleLine is the oracle's reading of one line that is not blank or a comment: malformed,
// or the Step the validator gets (its time already on the trace's clock) and its `expect`.
type oracleLine struct {
	line      int
	malformed bool
	step      validator.Step
	hasExpect bool
	expect    Expectation
	roughSize avatarSizes // sizes the README leaves open
	roughTime bool        // a t whose precision the README leaves open
}

// avatarSizes marks numbers of userProfile: width, height, byteCount.
type avatarSizes uint8

const (
	sizeWidth avatarSizes = 1 << iota
	sizeHeight
	sizeByteCount
)

// The enums by their identifiers, as SPEC.md section 1 lists them.
var (
	oracleCallTypes = map[string]int64{"VOIP_CALL_VOICE": 0, "VOIP_CALL_VIDEO": 1}
	oracleStates    = map[string]int64{
		"VOIP_CALL_STATE_IDLE": 0, "VOIP_CALL_STATE_RINGING": 1, "VOIP_CALL_STATE_ACTIVE": 2,
		"VOIP_CALL_STATE_HOLDING": 3, "VOIP_CALL_STATE_DISCONNECTED": 4, "VOIP_CALL_STATE_DIALING": 5,
		"VOIP_CALL_STATE_ANSWERED": 6, "VOIP_CALL_STATE_DISCONNECTING": 7,
	}
	oracleUIEvents = map[string]int64{
		"VOIP_CALL_EVENT_NONE": 0, "VOIP_CALL_EVENT_VOICE_ANSWER": 1, "VOIP_CALL_EVENT_VIDEO_ANSWER": 2,
		"VOIP_CALL_EVENT_REJECT": 3, "VOIP_CALL_EVENT_HANGUP": 4, "VOIP_CALL_EVENT_MUTED": 5,
		"VOIP_CALL_EVENT_UNMUTED": 6, "VOIP_CALL_EVENT_SPEAKER_ON": 7, "VOIP_CALL_EVENT_SPEAKER_OFF": 8,
		"VOIP_CALL_EVENT_MUTE_RINGTONE": 9,
	}
	oracleReasons = map[string]int64{
		"ERROR_NONE": 0, "CELLULAR_CALL_EXISTS": 1, "VOIP_CALL_EXISTS": 2, "INVALID_CALL": 3,
		"USER_ANSWER_CELLULAR_FIRST": 4,
	}
	oracleFailureCauses = map[string]int64{"OTHER": 0, "ROUTE_BUSY": 1, "CONNECTION_FAILED": 2}
	oracleAudioEvents   = map[string]int64{
		"AUDIO_EVENT_MUTED": 0, "AUDIO_EVENT_UNMUTED": 1, "AUDIO_EVENT_SPEAKER_ON": 2,
		"AUDIO_EVENT_SPEAKER_OFF": 3, "AUDIO_EVENT_MIC_DISABLE": 5,
	}
)

// The keys of the trace format, per object: a repeat of one makes the line malformed.
var (
	oracleLineKeys = oracleSet("op", "t", "expect", "type", "callback", "voipCallAttribute", "callId",
		"callState", "callType", "callAudioEvent", "voipCallFailureCause", "voipCallUiEvent",
		"errorReason", "code")
	oracleAttrKeys = oracleSet("callId", "voipCallType", "userName", "userProfile", "abilityName",
		"voipCallState", "showBannerForIncomingCall", "isConferenceCall", "isVoiceAnswerSupported",
		"isUserMuteRingToneAllowed", "isDialingAllowedDuringCarrierCall")
	oracleProfileKeys = oracleSet("width", "height", "byteCount")
)

func oracleSet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// jvalue is a JSON value with its object members in order, repeats kept.
type jvalue struct {
	kind    byte // 's' string, 'n' number, 'b' bool, 'z' null, 'o' object, 'a' array
	str     string
	num     json.Number
	members []jmember
}

type jmember struct {
	key   string
	value jvalue
}

// get finds key among the members of an object; repeats are the caller's to find.
func (v *jvalue) get(key string) (jvalue, bool) {
	for _, m := range v.members {
		if m.key == key {
			return m.value, true
		}
	}
	return jvalue{}, false
}

// repeats tells whether an object gives one of keys twice.
func (v *jvalue) repeats(keys map[string]bool) bool {
	seen := map[string]bool{}
	for _, m := range v.members {
		if keys[m.key] && seen[m.key] {
			return true
		}
		seen[m.key] = true
	}
	return false
}

// parseJSON reads one JSON value that json.Valid accepts.
func parseJSON(line []byte) (jvalue, bool) {
	if !json.Valid(line) {
		return jvalue{}, false
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	v, err := readJSON(dec)
	return v, err == nil
}

func readJSON(dec *json.Decoder) (jvalue, error) {
	tok, err := dec.Token()
	if err != nil {
		return jvalue{}, err
	}
	switch x := tok.(type) {
	case string:
		return jvalue{kind: 's', str: x}, nil
	case json.Number:
		return jvalue{kind: 'n', num: x}, nil
	case bool:
		if x {
			return jvalue{kind: 'b', str: "true"}, nil
		}
		return jvalue{kind: 'b', str: "false"}, nil
	case nil:
		return jvalue{kind: 'z'}, nil
	case json.Delim:
		if x == '[' {
			for dec.More() {
				if _, err := readJSON(dec); err != nil {
					return jvalue{}, err
				}
			}
			_, err = dec.Token()
			return jvalue{kind: 'a'}, err
		}
		v := jvalue{kind: 'o'}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return jvalue{}, err
			}
			member, err := readJSON(dec)
			if err != nil {
				return jvalue{}, err
			}
			v.members = append(v.members, jmember{key.(string), member})
		}
		_, err = dec.Token()
		return v, err
	}
	return jvalue{}, io.ErrUnexpectedEOF
}

// boolOf is the truth of a JSON boolean (readJSON keeps its literal in str).
func boolOf(v jvalue) bool { return v.str == "true" }

// exactNumber is the value of a JSON number, exactly; huge says that its magnitude is
// beyond 1e40, past any argument, and then v is nil. A magnitude below 1e-60 is kept as
// 1e-60-ish: too small for any argument to tell apart, and cheap.
func exactNumber(text string) (v *big.Rat, huge bool) {
	neg := strings.HasPrefix(text, "-")
	text = strings.TrimPrefix(text, "-")
	mantissa, expText, _ := strings.Cut(strings.ToLower(text), "e")
	whole, frac, _ := strings.Cut(mantissa, ".")
	digits := strings.TrimLeft(whole+frac, "0")
	if digits == "" {
		return new(big.Rat), false
	}
	exp := int64(0)
	expNeg := strings.HasPrefix(expText, "-")
	for _, c := range strings.TrimLeft(expText, "+-") {
		if exp = exp*10 + int64(c-'0'); exp > 1e6 {
			exp = 1e6
		}
	}
	if expNeg {
		exp = -exp
	}
	exp -= int64(len(frac))
	order := int64(len(digits)) + exp // 10^(order-1) <= |v| < 10^order
	switch {
	case order > 40:
		return nil, true
	case order < -60:
		exp = -60 - int64(len(digits))
	}
	n, _ := new(big.Int).SetString(digits, 10)
	if neg {
		n.Neg(n)
	}
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(abs64(exp)), nil)
	if exp >= 0 {
		return new(big.Rat).SetInt(n.Mul(n, pow)), false
	}
	return new(big.Rat).SetFrac(n, pow), false
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// integral is a number's value when it is a whole number that fits an int64.
func integral(text json.Number) (int64, bool) {
	v, huge := exactNumber(string(text))
	if huge || !v.IsInt() || !v.Num().IsInt64() {
		return 0, false
	}
	return v.Num().Int64(), true
}

// oracleReader reads a whole trace, keeping the trace's clock.
type oracleReader struct {
	now   time.Duration // the t of the last well-formed line that had one
	rough bool          // that t is rough (oracleLine.roughTime)
}

// readOracle reads every line of a trace.
func readOracle(input []byte) []oracleLine {
	input = bytes.TrimPrefix(input, []byte("\uFEFF")) // only where the file starts
	if len(input) == 0 {
		return nil
	}
	lines := bytes.Split(input, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	var r oracleReader
	var out []oracleLine
	for i, line := range lines {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimLeft(line, " \t\r")) == 0 || bytes.TrimLeft(line, " \t\r")[0] == '#' {
			continue
		}
		ol := oracleLine{line: i + 1}
		ol.malformed = !r.read(&ol, line)
		out = append(out, ol)
	}
	return out
}

// read reads one line into ol; false means malformed.
func (r *oracleReader) read(ol *oracleLine, line []byte) bool {
	if len(line) > MaxLineBytes || !utf8.Valid(line) {
		return false
	}
	obj, ok := parseJSON(line)
	if !ok || obj.kind != 'o' || obj.repeats(oracleLineKeys) {
		return false
	}
	if attr, ok := obj.get("voipCallAttribute"); ok && attr.kind == 'o' {
		if attr.repeats(oracleAttrKeys) {
			return false
		}
		if profile, ok := attr.get("userProfile"); ok && profile.kind == 'o' && profile.repeats(oracleProfileKeys) {
			return false
		}
	}
	opv, ok := obj.get("op")
	if !ok || opv.kind != 's' {
		return false
	}
	op, ok := oracleOps[opv.str]
	if !ok {
		return false
	}
	s := &ol.step
	s.Op, s.Seq = op, ol.line
	if !r.readTime(ol, &obj) || !readExpectation(ol, &obj) {
		return false
	}
	if op.IsAPI() {
		readAPI(ol, &obj)
	} else if !readEnvironment(s, &obj) {
		return false
	}
	if !s.HasTime {
		s.At, s.HasTime, ol.roughTime = r.now, true, r.rough
	} else {
		r.now, r.rough = s.At, ol.roughTime
	}
	return true
}

var oracleOps = map[string]validator.Op{
	"on": validator.OpOn, "off": validator.OpOff,
	"reportIncomingCall": validator.OpReportIncomingCall, "reportOutgoingCall": validator.OpReportOutgoingCall,
	"reportCallStateChange": validator.OpReportCallStateChange, "reportCallAudioEventChange": validator.OpReportCallAudioEventChange,
	"reportIncomingCallError": validator.OpReportIncomingCallError,
	"push":                    validator.OpPush, "uiEvent": validator.OpUIEvent,
	"carrierCallStart": validator.OpCarrierCallStart, "carrierCallEnd": validator.OpCarrierCallEnd,
	"serviceStop": validator.OpServiceStop, "serviceStart": validator.OpServiceStart,
	"injectFault": validator.OpInjectFault,
}

// oracleMaxMillis is the latest t, as the decoder's message says ("expected at most
// 9223372036854 milliseconds"): the README is silent on it.
var oracleMaxMillis = big.NewRat(math.MaxInt64/int64(time.Millisecond), 1)

// readTime reads `t`: milliseconds, never before the clock; a fraction counts to the
// nanosecond (what is below one is dropped). The README is silent on the precision of a t
// written with an exponent or more than six decimals, which a Writer never writes: it is
// read as the nearest float64, and the time left rough.
func (r *oracleReader) readTime(ol *oracleLine, obj *jvalue) bool {
	s := &ol.step
	t, ok := obj.get("t")
	if !ok {
		return true
	}
	if t.kind != 'n' {
		return false
	}
	ms, huge := exactNumber(string(t.num))
	_, decimals, _ := strings.Cut(string(t.num), ".")
	if ol.roughTime = strings.ContainsAny(string(t.num), "eE") || len(decimals) > 6; ol.roughTime && !huge {
		f, _ := strconv.ParseFloat(string(t.num), 64) // as near as a float64 comes
		ms = new(big.Rat).SetFloat64(f)
	}
	if huge || ms.Cmp(oracleMaxMillis) > 0 {
		return false
	}
	ns := new(big.Int).Quo(new(big.Int).Mul(ms.Num(), big.NewInt(1e6)), ms.Denom())
	if !ns.IsInt64() || ns.Sign() < 0 || time.Duration(ns.Int64()) < r.now {
		return false
	}
	s.At, s.HasTime = time.Duration(ns.Int64()), true
	return true
}

// readExpectation reads `expect`: "ok", a code, or "code/cause".
func readExpectation(ol *oracleLine, obj *jvalue) bool {
	v, ok := obj.get("expect")
	if !ok {
		return true
	}
	ol.hasExpect = true
	switch v.kind {
	case 'n':
		n, ok := integral(v.num)
		return ok && setExpectedCode(ol, n)
	case 's':
		if v.str == "ok" {
			return true
		}
		codeText, causeText, hasCause := strings.Cut(v.str, "/")
		if codeText == "" || codeText[0] == '0' || strings.Trim(codeText, "0123456789") != "" || len(codeText) > 18 {
			return false
		}
		n, _ := integral(json.Number(codeText))
		if !setExpectedCode(ol, n) {
			return false
		}
		if !hasCause {
			return true
		}
		cause, ok := callstate.ParseCause(causeText)
		ol.expect.Cause = cause
		return ok && cause.AllowedFor(ol.expect.Code)
	}
	return false
}

func setExpectedCode(ol *oracleLine, n int64) bool {
	ol.expect.Code = callstate.Code(n)
	return n > 0 && n <= math.MaxInt32 && ol.expect.Code.Valid()
}

// readAPI reads the arguments of an API call. Every fault is the validator's to answer:
// absent or null is missing, a wrong JSON type is 401, a value outside the enum is invalid.
func readAPI(ol *oracleLine, obj *jvalue) {
	s := &ol.step
	var a args
	defer func() { ol.roughSize = a.roughSize }()
	switch s.Op {
	case validator.OpOn, validator.OpOff:
		s.EventType = a.str(obj, "type", validator.FieldType)
		if cb, ok := obj.get("callback"); s.Op == validator.OpOn && !(ok && cb.kind == 'z') {
			s.Callback = noCallback // the checker's own, unless the line says there is none
		}
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		readAttribute(s, obj, &a)
	case validator.OpReportCallStateChange:
		s.CallID = a.str(obj, "callId", validator.FieldCallID)
		s.State = enumOf[callstate.CallState](a.enum(obj, "callState", validator.FieldCallState, oracleStates))
		if v, state := a.enum(obj, "callType", validator.FieldCallType, oracleCallTypes); state == argGiven {
			s.CallType, s.HasCallType = callstate.Clamp[callstate.CallType](v), true
		}
		a.missing &^= validator.FieldCallType // the two-argument form
	case validator.OpReportCallAudioEventChange:
		s.CallID = a.str(obj, "callId", validator.FieldCallID)
		s.AudioEvent = enumOf[callstate.AudioEvent](a.enum(obj, "callAudioEvent", validator.FieldAudioEvent, oracleAudioEvents))
	case validator.OpReportIncomingCallError:
		s.CallID = a.str(obj, "callId", validator.FieldCallID)
		s.FailureCause = enumOf[callstate.FailureCause](a.enum(obj, "voipCallFailureCause", validator.FieldFailureCause, oracleFailureCauses))
	}
	s.Missing, s.WrongType, s.BadOption = a.missing, a.wrong, a.badOption
}

func readAttribute(s *validator.Step, obj *jvalue, a *args) {
	attr, ok := obj.get("voipCallAttribute")
	switch {
	case !ok || attr.kind == 'z':
		a.missing |= validator.FieldAttribute
		return
	case attr.kind != 'o':
		a.wrong |= validator.FieldAttribute
		return
	}
	at := &s.Attr
	at.CallID = a.str(&attr, "callId", validator.FieldCallID)
	at.CallType = enumOf[callstate.CallType](a.enum(&attr, "voipCallType", validator.FieldCallType, oracleCallTypes))
	at.UserName = a.str(&attr, "userName", validator.FieldUserName)
	at.AbilityName = a.str(&attr, "abilityName", validator.FieldAbilityName)
	at.State = enumOf[callstate.CallState](a.enum(&attr, "voipCallState", validator.FieldCallState, oracleStates))
	for _, m := range attr.members { // the optional booleans, in the order the line gives them
		for _, o := range at.Options() {
			if o.Name != m.key {
				continue
			}
			switch m.value.kind {
			case 'b':
				*o.Value = callstate.Opt(boolOf(m.value))
			case 'z':
			default:
				if a.wrong&validator.FieldOption == 0 {
					a.badOption = o.Name
				}
				a.wrong |= validator.FieldOption
			}
		}
	}
	profile, ok := attr.get("userProfile")
	switch {
	case !ok || profile.kind == 'z':
		a.missing |= validator.FieldUserProfile
	case profile.kind != 'o':
		a.wrong |= validator.FieldUserProfile
	default:
		av := &at.UserProfile
		av.Width = a.size(&profile, "width", sizeWidth)
		av.Height = a.size(&profile, "height", sizeHeight)
		av.ByteCount = a.size(&profile, "byteCount", sizeByteCount)
	}
}

// args gathers the argument faults of one line.
type args struct {
	missing, wrong validator.Field
	badOption      string
	roughSize      avatarSizes
}

func (a *args) str(obj *jvalue, key string, f validator.Field) string {
	v, ok := obj.get(key)
	switch {
	case !ok || v.kind == 'z':
		a.missing |= f
	case v.kind != 's':
		a.wrong |= f
	default:
		return v.str
	}
	return ""
}

// argState tells what a line did with an argument.
type argState uint8

const (
	argAbsent argState = iota // absent or null
	argGiven                  // a number or a string: a value, valid or not
	argWrong                  // of the wrong JSON type
)

// enum reads an enum argument; an invalid value is -1.
func (a *args) enum(obj *jvalue, key string, f validator.Field, names map[string]int64) (int64, argState) {
	v, ok := obj.get(key)
	switch {
	case !ok || v.kind == 'z':
		a.missing |= f
		return 0, argAbsent
	case v.kind == 's':
		if n, ok := names[v.str]; ok {
			return n, argGiven
		}
		return -1, argGiven
	case v.kind == 'n':
		if n, ok := integral(v.num); ok && n >= -128 && n <= 127 {
			return n, argGiven
		}
		return -1, argGiven
	}
	a.wrong |= f
	return 0, argWrong
}

func enumOf[T ~int8](n int64, _ argState) T { return callstate.Clamp[T](n) }

// size reads one number of userProfile. The README is silent on a size that is not whole or
// beyond an int32: it is rounded up (221.5 pixels is too wide) and capped, and the rounding
// of one that is not whole is left rough (within 1), as the decoder goes through a float64.
func (a *args) size(profile *jvalue, key string, which avatarSizes) int {
	v, ok := profile.get(key)
	switch {
	case !ok || v.kind == 'z':
		return 0
	case v.kind != 'n':
		a.wrong |= validator.FieldUserProfile
		return 0
	}
	r, huge := exactNumber(string(v.num))
	if huge {
		if strings.HasPrefix(string(v.num), "-") {
			return math.MinInt32
		}
		return math.MaxInt32
	}
	up := new(big.Int).Div(r.Num(), r.Denom()) // floor, for a positive denominator
	if !r.IsInt() {
		up.Add(up, big.NewInt(1))
		a.roughSize |= which
	}
	switch {
	case up.Cmp(big.NewInt(math.MaxInt32)) > 0:
		return math.MaxInt32
	case up.Cmp(big.NewInt(math.MinInt32)) < 0:
		return math.MinInt32
	}
	return int(up.Int64())
}

// readEnvironment reads an environment step; false means no phone could produce it.
func readEnvironment(s *validator.Step, obj *jvalue) bool {
	var a args
	switch s.Op {
	case validator.OpPush, validator.OpUIEvent:
		s.CallID = a.str(obj, "callId", validator.FieldCallID)
		if s.CallID == "" || a.missing|a.wrong != 0 {
			return false
		}
	}
	switch s.Op {
	case validator.OpUIEvent:
		event, state := a.enum(obj, "voipCallUiEvent", validator.FieldType, oracleUIEvents)
		reason, reasonState := a.enum(obj, "errorReason", validator.FieldOption, oracleReasons)
		s.UIEvent, s.ErrorReason = callstate.Clamp[callstate.UIEvent](event), callstate.Clamp[callstate.ErrorReason](reason)
		return state == argGiven && reasonState != argWrong && s.UIEvent.Valid() && s.ErrorReason.Valid() &&
			s.UIEvent != callstate.UIEvent(7) && s.UIEvent != callstate.UIEvent(8)
	case validator.OpInjectFault:
		v, ok := obj.get("code")
		if !ok || v.kind != 'n' {
			return false
		}
		n, ok := integral(v.num)
		s.FaultCode = callstate.Code(n)
		return ok && (n == 1007200002 || n == 1007200003 || n == 1007200999)
	}
	return true
}
