package callstate

import "strconv"

// Code is the numeric code of a BusinessError thrown by the call service.
type Code int32

const (
	CodeParameterError     Code = 401
	CodeInvalidParameter   Code = 1007200001
	CodeServiceUnavailable Code = 1007200002
	CodeSystemInternal     Code = 1007200003
	CodeUnknown            Code = 1007200999
)

var codeMessages = map[Code]string{
	CodeParameterError:     "Parameter error.",
	CodeInvalidParameter:   "Invalid parameter value.",
	CodeServiceUnavailable: "Operation failed. Cannot connect to service.",
	CodeSystemInternal:     "System internal error.",
	CodeUnknown:            "Unknown error code.",
}

// Codes lists every code the service can throw, in ascending order.
func Codes() []Code {
	return []Code{CodeParameterError, CodeInvalidParameter, CodeServiceUnavailable, CodeSystemInternal, CodeUnknown}
}

// Message is the exact message the service pairs with the code ("" for an unknown code).
func (c Code) Message() string { return codeMessages[c] }

// Valid reports whether the service can throw c.
func (c Code) Valid() bool { _, ok := codeMessages[c]; return ok }

// Injectable reports whether injectFault accepts c.
func (c Code) Injectable() bool {
	return c == CodeServiceUnavailable || c == CodeSystemInternal || c == CodeUnknown
}

// InjectableCodes names the codes injectFault accepts, for the errors that expect one.
const InjectableCodes = "1007200002, 1007200003 or 1007200999"

// Error makes a Code usable as an errors.Is target: errors.Is(err, CodeSystemInternal).
func (c Code) Error() string { return strconv.Itoa(int(c)) + " " + c.Message() }

// Error is the one error type of voipsim: a refused API call, as the service would throw
// it (Code and Message), with the rule that refused it (Cause) and a human Detail that
// names the earlier step behind it.
//
// errors.Is matches a Code, a Cause, or another *Error with the same code and cause.
type Error struct {
	Code   Code
	Cause  Cause
	Detail string
}

// NewError builds an Error.
func NewError(code Code, cause Cause, detail string) *Error {
	return &Error{Code: code, Cause: cause, Detail: detail}
}

// Message is the exact message of the code, as the service would report it.
func (e *Error) Message() string { return e.Code.Message() }

func (e *Error) Error() string {
	s := strconv.Itoa(int(e.Code)) + " " + e.Message() + " [" + e.Cause.String() + "]"
	if e.Detail != "" {
		s += " " + e.Detail
	}
	return s
}

// Is lets errors.Is match on the code, on the cause, or on both.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case Code:
		return e.Code == t
	case Cause:
		return e.Cause == t
	case *Error:
		return t != nil && e.Code == t.Code && e.Cause == t.Cause
	}
	return false
}
