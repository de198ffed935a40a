package trace

import (
	"strings"

	"github.com/voipsim/voipsim/validator"
)

// invalidValues remembers, for one line, the enum arguments that are no value of their
// enum as the line wrote them: an unknown identifier, a number out of range or not whole.
// The decoder gives the validator -1 for each (or the number, when it fits the enum's
// type), and the validator's detail then reads "VoipCallState(-1)" or "VoipCallState(9)";
// the record names what the line said instead ("ANSWERED", 262, 2.5, 9). Once the op is
// known, only the arguments it reads are kept: the op has at most one argument of each
// enum, so the enum's name of the value finds it.
type invalidValues struct {
	n int
	v [enumArguments]invalidValue
}

// enumArguments is how many enum arguments one line can give, its own and those of other
// ops, which the checker ignores: callState, callType, callAudioEvent,
// voipCallFailureCause, voipCallUiEvent, errorReason, and voipCallAttribute's voipCallType
// and voipCallState. A key given twice makes the line malformed, so none is lost.
const enumArguments = 8

type invalidValue struct {
	arg     argument
	shown   string // how the validator writes the value: "VoipCallState(-1)"
	written string // how the line wrote it: `"ANSWERED"`, `262`
}

func (iv *invalidValues) add(arg argument, shown, written string) {
	if iv.n < len(iv.v) {
		iv.v[iv.n] = invalidValue{arg, shown, written}
		iv.n++
	}
}

// keepFor drops the values of the arguments op does not read: a line may carry those of
// another op, which are ignored and must not be named in place of the op's own.
func (iv *invalidValues) keepFor(op validator.Op) {
	kept := 0
	for _, v := range iv.v[:iv.n] {
		if v.arg.readBy(op) {
			iv.v[kept] = v
			kept++
		}
	}
	iv.n = kept
}

// name puts what the line wrote in place of the validator's -1 in a detail.
func (iv *invalidValues) name(detail string) string {
	for _, v := range iv.v[:iv.n] {
		detail = strings.Replace(detail, v.shown, v.written, 1)
	}
	return detail
}
