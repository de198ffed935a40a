package trace

import "strings"

// invalidValues remembers, for one line, the enum arguments that are no value of their
// enum as the line wrote them: an unknown identifier, a number out of range or not whole.
// The decoder gives the validator -1 for each (or the number, when it fits the enum's
// type), and the validator's detail then reads "VoipCallState(-1)" or "VoipCallState(9)";
// the record names what the line said instead ("ANSWERED", 262, 2.5, 9). A line has at
// most one argument of each enum, so the enum's name of the value finds it.
type invalidValues struct {
	n int
	v [4]invalidValue
}

type invalidValue struct {
	shown   string // how the validator writes the value: "VoipCallState(-1)"
	written string // how the line wrote it: `"ANSWERED"`, `262`
}

func (iv *invalidValues) add(shown, written string) {
	if iv.n < len(iv.v) {
		iv.v[iv.n] = invalidValue{shown, written}
		iv.n++
	}
}

// name puts what the line wrote in place of the validator's -1 in a detail.
func (iv *invalidValues) name(detail string) string {
	for _, v := range iv.v[:iv.n] {
		detail = strings.Replace(detail, v.shown, v.written, 1)
	}
	return detail
}
