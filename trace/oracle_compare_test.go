package trace

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// reading is what a line means, in a form both readers can be compared in: whether it is
// malformed (why is not compared: the oracle does not say) and, when it is not, the Step
// the validator gets, reduced to what the op reads, and the line's `expect`.
type reading struct {
	Line      int
	Malformed bool
	Step      canonStep
	HasExpect bool
	Expect    Expectation
	roughSize avatarSizes // the oracle's: sizes it knows only to within 1
	roughTime bool        // the oracle's: a time it knows only to a float64's precision
}

// canonStep is a validator.Step without what its op does not read (a line may carry the keys
// of other ops, which are ignored) and with every invalid enum value as -1, however the
// reader wrote it: the validator tells no invalid value from another but in the detail,
// which the record rewrites to what the line said.
type canonStep struct {
	Op                 validator.Op
	Seq                int
	At                 time.Duration
	HasTime            bool
	CallID             string
	Attr               callstate.Attribute
	State              callstate.CallState
	CallType           callstate.CallType
	HasCallType        bool
	AudioEvent         callstate.AudioEvent
	FailureCause       callstate.FailureCause
	UIEvent            callstate.UIEvent
	ErrorReason        callstate.ErrorReason
	EventType          string
	NoCallback         bool
	FaultCode          callstate.Code
	Missing, WrongType validator.Field
	BadOption          string
}

// The fields of voipCallAttribute besides the optional booleans, which SPEC.md section 1 requires.
const oracleAttrFields = validator.FieldCallID | validator.FieldCallType | validator.FieldUserName |
	validator.FieldUserProfile | validator.FieldAbilityName | validator.FieldCallState

// oracleRequired lists the arguments an op cannot do without (SPEC.md sections 1 and 3; on
// and off without a type are a 401, not a missing parameter).
func oracleRequired(op validator.Op) validator.Field {
	switch op {
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		return validator.FieldAttribute | oracleAttrFields
	case validator.OpReportCallStateChange:
		return validator.FieldCallID | validator.FieldCallState
	case validator.OpReportCallAudioEventChange:
		return validator.FieldCallID | validator.FieldAudioEvent
	case validator.OpReportIncomingCallError:
		return validator.FieldCallID | validator.FieldFailureCause
	}
	return 0
}

func validOrMinusOne[T interface {
	~int8
	Valid() bool
}](v T) T {
	if v.Valid() {
		return v
	}
	return -1
}

func canon(s *validator.Step) canonStep {
	c := canonStep{Op: s.Op, Seq: s.Seq, At: s.At, HasTime: s.HasTime, WrongType: s.WrongType}
	c.Missing = s.Missing & oracleRequired(s.Op)
	if (c.Missing|c.WrongType)&validator.FieldAttribute != 0 {
		c.Missing &= validator.FieldAttribute // the attribute's fields are not there to miss
	}
	if s.WrongType&validator.FieldOption != 0 {
		c.BadOption = s.BadOption
	}
	switch s.Op {
	case validator.OpOn, validator.OpOff:
		c.EventType, c.NoCallback = s.EventType, s.Op == validator.OpOn && s.Callback == nil
	case validator.OpReportIncomingCall, validator.OpReportOutgoingCall:
		c.Attr = s.Attr
		c.Attr.CallType, c.Attr.State = validOrMinusOne(s.Attr.CallType), validOrMinusOne(s.Attr.State)
	case validator.OpReportCallStateChange:
		c.CallID, c.State, c.HasCallType = s.CallID, validOrMinusOne(s.State), s.HasCallType
		if s.HasCallType {
			c.CallType = validOrMinusOne(s.CallType)
		}
	case validator.OpReportCallAudioEventChange:
		c.CallID, c.AudioEvent = s.CallID, validOrMinusOne(s.AudioEvent)
	case validator.OpReportIncomingCallError:
		c.CallID, c.FailureCause = s.CallID, validOrMinusOne(s.FailureCause)
	case validator.OpPush:
		c.CallID = s.CallID
	case validator.OpUIEvent:
		c.CallID, c.UIEvent, c.ErrorReason = s.CallID, s.UIEvent, s.ErrorReason
	case validator.OpInjectFault:
		c.FaultCode = s.FaultCode
	}
	return c
}

func (o *oracleLine) reading() reading {
	r := reading{Line: o.line, Malformed: o.malformed, roughSize: o.roughSize, roughTime: o.roughTime}
	if !o.malformed {
		r.Step, r.HasExpect, r.Expect = canon(&o.step), o.hasExpect, o.expect
	}
	return r
}

// decoderReadings runs a trace through the checker's own stages, reader then checker, on
// one goroutine, and returns each line's reading: the Step as the validator got it (from an
// observer), or malformed, whichever stage found it so.
func decoderReadings(input []byte) []reading {
	var seen validator.Step
	c := &checker{v: validator.New(validator.WithStepNoun("line"),
		validator.WithObserver(func(s validator.Step, _ validator.Outcome) { seen = s }))}
	lr := newLineReader(bytes.NewReader(input))
	var out []reading
	var e entry
	for {
		if ok, err := lr.next(&e); !ok || err != nil {
			return out
		}
		seen = validator.Step{}
		rec := c.check(&e)
		r := reading{Line: rec.Line, Malformed: rec.Malformed != ""}
		if !r.Malformed {
			r.Step, r.HasExpect, r.Expect = canon(&seen), rec.HasExpect, rec.Expect
		}
		out = append(out, r)
	}
}

// oracleReadings is the oracle's reading of every line of a trace.
func oracleReadings(input []byte) []reading {
	lines := readOracle(input)
	out := make([]reading, len(lines))
	for i := range lines {
		out[i] = lines[i].reading()
	}
	return out
}

// disagreement compares both readings of a trace and describes the first line they read
// differently, or returns "".
func disagreement(input []byte) string {
	got, want := decoderReadings(input), oracleReadings(input)
	for i := range min(len(got), len(want)) {
		want[i].settleRough(&got[i])
		if got[i] != want[i] {
			return fmt.Sprintf("line %d: decoder and oracle differ in%s", want[i].Line, fieldDiff(got[i], want[i], ""))
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("decoder read %d lines to check, the oracle %d", len(got), len(want))
	}
	return ""
}

// fieldDiff lists the fields in which two values of one struct type differ, with both values.
func fieldDiff(got, want any, prefix string) string {
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	if g.Kind() != reflect.Struct {
		return fmt.Sprintf("\n  %s: decoder %v, oracle %v", prefix, got, want)
	}
	var out string
	for i := range g.NumField() {
		if gf, wf := g.Field(i), w.Field(i); gf.CanInterface() && gf.Interface() != wf.Interface() {
			out += fieldDiff(gf.Interface(), wf.Interface(), prefix+"."+g.Type().Field(i).Name)
		}
	}
	return out
}

// settleRough takes the decoder's value of what the oracle knows only roughly, when it is
// close enough: a size within 1, a time within a float64's precision.
func (r *reading) settleRough(decoder *reading) {
	decoder.roughSize, decoder.roughTime = r.roughSize, r.roughTime
	if diff := r.Step.At - decoder.Step.At; r.roughTime && max(diff, -diff) <= r.Step.At>>50+1 {
		r.Step.At = decoder.Step.At
	}
	want, got := &r.Step.Attr.UserProfile, &decoder.Step.Attr.UserProfile
	for _, size := range []struct {
		which     avatarSizes
		want, got *int
	}{{sizeWidth, &want.Width, &got.Width}, {sizeHeight, &want.Height, &got.Height}, {sizeByteCount, &want.ByteCount, &got.ByteCount}} {
		if r.roughSize&size.which != 0 && *size.want-*size.got <= 1 && *size.got-*size.want <= 1 {
			*size.want = *size.got
		}
	}
}

// shortQuote quotes a trace for a failure message, eliding the middle of a long one (a
// trace may hold a line of 1 MiB).
func shortQuote(input []byte) string {
	const keep = 600
	if len(input) <= 2*keep {
		return strconv.Quote(string(input))
	}
	return strconv.Quote(string(input[:keep])) + fmt.Sprintf(" … %d bytes … ", len(input)-2*keep) + strconv.Quote(string(input[len(input)-keep:]))
}
