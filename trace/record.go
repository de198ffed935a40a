package trace

import (
	"github.com/voipsim/voipsim/callstate"
	"github.com/voipsim/voipsim/validator"
)

// Record is the checker's answer to one line that is not blank or a comment: the verdict of
// an API call, the acknowledgement of an environment step, or why the line is malformed.
//
// Check reuses one Record for every line: an emit callback that keeps it must copy it.
type Record struct {
	Line   int
	Op     validator.Op
	CallID string // the callId the line is about; "" when it has none
	OK     bool

	// Result is what a successful reportIncomingCall or reportOutgoingCall resolves to
	// (an ErrorReason identifier); "" for other lines.
	Result string

	// The failure, when OK is false and the line is not malformed.
	Code    callstate.Code
	Message string
	Cause   callstate.Cause
	Detail  string

	Warnings []validator.Warning

	// HasExpect tells whether the line carried `expect`; Expected whether the verdict met
	// Expect (a line without `expect` expects success, and Expected is still set).
	HasExpect bool
	Expect    Expectation
	Expected  bool

	// Malformed says why the line could not be checked; "" for a checked line.
	Malformed string
}

// Environment reports whether the record is about a step of the phone, not of the app.
func (r *Record) Environment() bool { return r.Malformed == "" && !r.Op.IsAPI() }

// AppendJSON appends the record as one line of `voipsim check --format json` output, its
// fields in the order the README shows ("Checking a recorded trace"). An environment step is written like a successful call
// without a result: {"line":2,"op":"push","callId":"c1","ok":true}.
func (r *Record) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	dst = appendIntField(dst, "line", int64(r.Line))
	if r.Malformed != "" {
		dst = appendBoolField(dst, "ok", false)
		dst = appendStringField(dst, "malformed", r.Malformed)
		return append(dst, '}', '\n')
	}
	dst = appendStringField(dst, "op", r.Op.String())
	if r.CallID != "" {
		dst = appendStringField(dst, "callId", r.CallID)
	}
	dst = appendBoolField(dst, "ok", r.OK)
	if r.OK {
		if r.Result != "" {
			dst = appendStringField(dst, "result", r.Result)
		}
	} else {
		dst = appendIntField(dst, "code", int64(r.Code))
		dst = appendStringField(dst, "message", r.Message)
		dst = appendStringField(dst, "cause", r.Cause.String())
		dst = appendStringField(dst, "detail", r.Detail)
	}
	if len(r.Warnings) > 0 {
		dst = append(appendKey(dst, "warnings"), '[')
		for i, w := range r.Warnings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '{')
			dst = appendStringField(dst, "cause", w.Cause.String())
			dst = appendStringField(dst, "detail", w.Detail)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if r.HasExpect {
		dst = appendBoolField(dst, "expected", r.Expected)
	}
	return append(dst, '}', '\n')
}

// Summary totals a checked trace.
type Summary struct {
	Lines      int // every line read, comments included
	APICalls   int // lines with an API call
	Failed     int // API calls that failed
	Unexpected int // verdicts that differ from their line's expect ("ok" when it has none)
	Malformed  int
	// Violations are the obligations still unmet at the end of the trace.
	Violations []validator.Obligation

	// For people: failures by code and by cause, and warnings by cause.
	FailedByCode    map[callstate.Code]int
	FailedByCause   map[callstate.Cause]int
	WarningsByCause map[callstate.Cause]int
}

// Exit statuses of a check, those `voipsim check` exits with.
const (
	ExitOK        = 0 // every verdict ok or as expected, no violation
	ExitFailed    = 1 // an unexpected verdict or a violation
	ExitMalformed = 2 // malformed lines, or input that could not be read
)

// ExitCode is the exit status the summary calls for.
func (s *Summary) ExitCode() int {
	switch {
	case s.Malformed > 0:
		return ExitMalformed
	case s.Unexpected > 0 || len(s.Violations) > 0:
		return ExitFailed
	}
	return ExitOK
}

// AppendJSON appends the summary as the last line of `voipsim check --format json` output.
func (s *Summary) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"summary":{`...)
	dst = appendIntField(dst, "lines", int64(s.Lines))
	dst = appendIntField(dst, "apiCalls", int64(s.APICalls))
	dst = appendIntField(dst, "failed", int64(s.Failed))
	dst = appendIntField(dst, "unexpected", int64(s.Unexpected))
	dst = appendIntField(dst, "malformed", int64(s.Malformed))
	dst = append(appendKey(dst, "violations"), '[')
	for i, v := range s.Violations {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '{')
		dst = appendStringField(dst, "cause", v.Cause.String())
		dst = appendStringField(dst, "callId", v.CallID)
		dst = appendIntField(dst, "line", int64(v.Seq))
		dst = appendStringField(dst, "detail", v.Detail)
		dst = append(dst, '}')
	}
	return append(dst, "]}}\n"...)
}

func (s *Summary) count(r *Record) {
	for _, w := range r.Warnings {
		bump(&s.WarningsByCause, w.Cause)
	}
	switch {
	case r.Malformed != "":
		s.Malformed++
		return
	case r.Op.IsAPI():
		s.APICalls++
		if !r.OK {
			s.Failed++
			bump(&s.FailedByCode, r.Code)
			bump(&s.FailedByCause, r.Cause)
		}
	}
	if !r.Expected {
		s.Unexpected++
	}
}

func bump[K comparable](m *map[K]int, k K) {
	if *m == nil {
		*m = make(map[K]int)
	}
	(*m)[k]++
}
