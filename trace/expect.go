package trace

import (
	"bytes"
	"strconv"

	"github.com/voipsim/voipsim/callstate"
)

// Expectation is the verdict a line's author expects (its `expect`): success, a code, or a
// code and a cause. A line without `expect` expects success.
type Expectation struct {
	Code  callstate.Code  // 0: the call succeeds
	Cause callstate.Cause // CauseNone: any cause of Code
}

// String is the annotation as a trace writes it: "ok", "1007200003" or
// "1007200003/carrier-conflict".
func (e Expectation) String() string {
	switch {
	case e.Code == 0:
		return "ok"
	case e.Cause == callstate.CauseNone:
		return strconv.Itoa(int(e.Code))
	}
	return strconv.Itoa(int(e.Code)) + "/" + e.Cause.String()
}

// Holds reports whether a verdict meets the expectation.
func (e Expectation) Holds(ok bool, code callstate.Code, cause callstate.Cause) bool {
	if e.Code == 0 || ok {
		return e.Code == 0 && ok
	}
	return e.Code == code && (e.Cause == callstate.CauseNone || e.Cause == cause)
}

const expectSyntax = `expect must be "ok", a code such as 1007200003, or "1007200003/carrier-conflict"`

// readExpect reads `expect`; it returns why it is malformed, or "".
func (d *decoder) readExpect() string {
	switch d.sc.peek() {
	case kindNumber:
		n, ok := parseInt(d.sc.number())
		if !ok {
			return expectSyntax
		}
		return d.setExpect(n, nil)
	case kindString:
		text := d.sc.str(&d.scratch)
		if string(text) == "ok" {
			d.hasExpect = true
			return ""
		}
		codeText, causeText, _ := bytes.Cut(text, []byte("/"))
		n, ok := parseInt(codeText)
		if !ok || !isCode(codeText) {
			return expectSyntax
		}
		return d.setExpect(n, causeText)
	}
	d.sc.skip(&d.scratch)
	return expectSyntax
}

// isCode tells a code written in a string as the service writes it: digits, no leading
// zero ("1007200003", not "1007200003.0" nor "01007200003").
func isCode(text []byte) bool {
	if len(text) == 0 || text[0] == '0' {
		return false
	}
	for _, c := range text {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (d *decoder) setExpect(n int64, causeText []byte) string {
	code := callstate.Code(n)
	if int64(code) != n || !code.Valid() {
		return "expect: " + strconv.FormatInt(n, 10) + " is not a code of the call service"
	}
	d.hasExpect = true
	d.expect = Expectation{Code: code}
	if causeText == nil {
		return ""
	}
	cause, ok := callstate.ParseCause(string(causeText))
	if !ok || !cause.AllowedFor(code) {
		d.hasExpect = false
		return "expect: " + strconv.Quote(string(causeText)) + " is not a cause of " + strconv.FormatInt(n, 10)
	}
	d.expect.Cause = cause
	return ""
}
