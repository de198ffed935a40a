package trace

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// Writer writes Steps as trace lines in the input format of `voipsim check` (README,
// "Checking a recorded trace"): one JSON object per line, `op` first, then `t`
// (milliseconds) when the step has a time, then the arguments under their ArkTS names,
// enum values as identifiers.
//
// The argument faults a Step can carry are written so that reading the line back gives the
// same Step: a Missing field is left out, a WrongType field is written as `true` (an
// optional boolean of the wrong type as the string "true"). An OptBool that is neither
// Unset, False nor True, Go's only way to hold a value of the wrong type, is written as
// its number ("isConferenceCall":3): read back, that is not the same Step but a WrongType
// option with BadOption naming the field, which gets the same verdict, 401
// parameter-type.
//
// Writer buffers; call Flush when done.
type Writer struct {
	w     *bufio.Writer
	buf   []byte
	lines int // lines written, comments included: the number an error names
}

// NewWriter makes a Writer on w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 512)}
}

// Write writes one step as one line. A step with a string that is not valid UTF-8 is an
// error, and no line: JSON cannot carry those bytes, and a line with other ones in their
// place (two callIds that differ only there, say) would not give the step's verdict.
func (w *Writer) Write(s *validator.Step) error { return w.write(s, "") }

// WriteExpecting writes one step with the verdict it got as its `expect`, so that
// `voipsim check` on the trace confirms every verdict of the run.
func (w *Writer) WriteExpecting(s *validator.Step, out validator.Outcome) error {
	return w.write(s, ExpectOf(out))
}

func (w *Writer) write(s *validator.Step, expect string) error {
	if field := notUTF8(s); field != "" {
		return fmt.Errorf("trace: line %d: %s is not valid UTF-8, which a JSON trace cannot carry", w.lines+1, field)
	}
	w.buf = AppendStep(w.buf[:0], s, expect)
	return w.line()
}

// notUTF8 names the first string argument of s that is not valid UTF-8, or is "".
func notUTF8(s *validator.Step) string {
	for _, f := range [...]struct{ name, value string }{
		{"callId", s.CallID}, {"type", s.EventType}, {"voipCallAttribute.callId", s.Attr.CallID},
		{"voipCallAttribute.userName", s.Attr.UserName}, {"voipCallAttribute.abilityName", s.Attr.AbilityName},
	} {
		if !utf8.ValidString(f.value) {
			return f.name
		}
	}
	return ""
}

// WriteComment writes "# text" as a comment line. Text with a line break is an error, and
// nothing is written: the lines after the break would be no comment.
func (w *Writer) WriteComment(text string) error {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return fmt.Errorf("trace: line %d: a comment cannot hold a line break (at byte %d)", w.lines+1, i)
	}
	w.buf = append(append(append(w.buf[:0], '#', ' '), text...), '\n')
	return w.line()
}

func (w *Writer) line() error {
	w.lines++
	_, err := w.w.Write(w.buf)
	return err
}

// Flush writes any buffered lines to the underlying writer.
func (w *Writer) Flush() error { return w.w.Flush() }

// ExpectOf is the `expect` annotation that an outcome satisfies: "ok", or "code/cause".
// Environment steps that the validator refused have none ("").
func ExpectOf(out validator.Outcome) string {
	if out.Err == nil {
		return "ok"
	}
	if e, ok := out.Err.(*callstate.Error); ok {
		return strconv.Itoa(int(e.Code)) + "/" + e.Cause.String()
	}
	return ""
}

// AppendStep appends s as one trace line, ending in a newline, with `expect` when it is
// not empty.
func AppendStep(dst []byte, s *validator.Step, expect string) []byte {
	dst = append(dst, '{')
	dst = appendStringField(dst, "op", s.Op.String())
	if s.HasTime {
		dst = appendMillis(appendKey(dst, "t"), s.At)
	}
	dst = appendArgs(dst, s)
	if expect != "" {
		dst = appendStringField(dst, "expect", expect)
	}
	return append(dst, '}', '\n')
}

// appendMillis writes d in milliseconds, as an integer when it is a whole number of them,
// else with the nanoseconds as up to six decimals, so that it reads back as d exactly:
// through a float64, a time past about 104 days (2^53 ns) loses its last nanoseconds.
func appendMillis(dst []byte, d time.Duration) []byte {
	ms, ns := int64(d/time.Millisecond), int64(d%time.Millisecond)
	if ns == 0 {
		return strconv.AppendInt(dst, ms, 10)
	}
	if d < 0 {
		dst = append(dst, '-')
		ms, ns = -ms, -ns
	}
	var frac [6]byte
	for i := len(frac) - 1; i >= 0; i-- {
		frac[i], ns = byte('0'+ns%10), ns/10
	}
	n := len(frac)
	for frac[n-1] == '0' {
		n--
	}
	return append(append(strconv.AppendInt(dst, ms, 10), '.'), frac[:n]...)
}

func appendArgs(dst []byte, s *validator.Step) []byte {
	a := argWriter{s: s}
	switch s.Op {
	case validator.OpOn, validator.OpOff:
		dst = a.str(dst, validator.FieldType, "type", s.EventType)
		if s.Op == validator.OpOn && (s.Callback == nil || s.Missing&validator.FieldCallback != 0) {
			dst = append(appendKey(dst, "callback"), "null"...)
		}
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		dst = a.attribute(dst)
	case validator.OpReportCallStateChange:
		dst = a.str(dst, validator.FieldCallID, "callId", s.CallID)
		dst = enumArg(a, dst, validator.FieldCallState, "callState", s.State)
		if s.HasCallType || s.WrongType&validator.FieldCallType != 0 {
			dst = enumArg(a, dst, validator.FieldCallType, "callType", s.CallType)
		}
	case validator.OpReportCallAudioEventChange:
		dst = a.str(dst, validator.FieldCallID, "callId", s.CallID)
		dst = enumArg(a, dst, validator.FieldAudioEvent, "callAudioEvent", s.AudioEvent)
	case validator.OpReportIncomingCallError:
		dst = a.str(dst, validator.FieldCallID, "callId", s.CallID)
		dst = enumArg(a, dst, validator.FieldFailureCause, "voipCallFailureCause", s.FailureCause)
	case validator.OpPush:
		dst = appendStringField(dst, "callId", s.CallID)
	case validator.OpUIEvent:
		dst = appendStringField(dst, "callId", s.CallID)
		dst = appendEnumField(dst, "voipCallUiEvent", s.UIEvent)
		dst = appendEnumField(dst, "errorReason", s.ErrorReason)
	case validator.OpInjectFault:
		dst = appendIntField(dst, "code", int64(s.FaultCode))
	}
	return dst
}

// argWriter writes the arguments of one step, honouring its Missing and WrongType marks.
type argWriter struct{ s *validator.Step }

// fault writes a field that is missing (nothing) or of the wrong type (`true`), and says
// whether it did.
func (a argWriter) fault(dst []byte, f validator.Field, name string) ([]byte, bool) {
	if a.s.Missing&f != 0 {
		return dst, true
	}
	if a.s.WrongType&f != 0 {
		return append(appendKey(dst, name), "true"...), true
	}
	return dst, false
}

func (a argWriter) str(dst []byte, f validator.Field, name, value string) []byte {
	if out, done := a.fault(dst, f, name); done {
		return out
	}
	return appendStringField(dst, name, value)
}

func enumArg[T enumValue](a argWriter, dst []byte, f validator.Field, name string, v T) []byte {
	if out, done := a.fault(dst, f, name); done {
		return out
	}
	return appendEnumField(dst, name, v)
}

func (a argWriter) attribute(dst []byte) []byte {
	if out, done := a.fault(dst, validator.FieldAttribute, "voipCallAttribute"); done {
		return out
	}
	attr := &a.s.Attr
	dst = append(appendKey(dst, "voipCallAttribute"), '{')
	dst = a.str(dst, validator.FieldCallID, "callId", attr.CallID)
	dst = enumArg(a, dst, validator.FieldCallType, "voipCallType", attr.CallType)
	dst = a.str(dst, validator.FieldUserName, "userName", attr.UserName)
	if out, done := a.fault(dst, validator.FieldUserProfile, "userProfile"); done {
		dst = out
	} else {
		dst = append(appendKey(dst, "userProfile"), '{')
		dst = appendIntField(dst, "width", int64(attr.UserProfile.Width))
		dst = appendIntField(dst, "height", int64(attr.UserProfile.Height))
		dst = appendIntField(dst, "byteCount", int64(attr.UserProfile.ByteCount))
		dst = append(dst, '}')
	}
	dst = a.str(dst, validator.FieldAbilityName, "abilityName", attr.AbilityName)
	dst = enumArg(a, dst, validator.FieldCallState, "voipCallState", attr.State)
	for _, o := range attr.Options() {
		dst = a.option(dst, o.Name, *o.Value)
	}
	return append(dst, '}')
}

func (a argWriter) option(dst []byte, name string, v callstate.OptBool) []byte {
	if a.s.WrongType&validator.FieldOption != 0 && a.s.BadOption == name {
		return appendStringField(dst, name, "true")
	}
	if v == callstate.Unset {
		return dst
	}
	if !v.Valid() { // a value of the wrong type, which the checker refuses as the validator did
		return appendIntField(dst, name, int64(v))
	}
	return appendBoolField(dst, name, v == callstate.True)
}
