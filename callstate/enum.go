package callstate

import (
	"fmt"
	"strconv"
)

// enumSize bounds every enum of the API: all values are below 16, so a value's name is an
// array index away and validity checks cost no map lookup on the hot path.
const enumSize = 16

// enumTable maps the values of one ArkTS enum to their identifiers. One generic table
// serves String, Valid and Parse for all of them.
type enumTable[T ~int8] struct {
	kind  string // ArkTS enum name, used in messages
	names [enumSize]string
	valid uint16 // bit v is set for each value v: validity is checked on every report
	byID  map[string]T
}

func newEnumTable[T ~int8](kind string, names map[T]string) *enumTable[T] {
	t := &enumTable[T]{kind: kind, byID: make(map[string]T, len(names))}
	for v, n := range names {
		t.names[v] = n
		t.valid |= 1 << v
		t.byID[n] = v
	}
	return t
}

func (t *enumTable[T]) String(v T) string {
	if t.Valid(v) {
		return t.names[v]
	}
	return t.kind + "(" + strconv.Itoa(int(v)) + ")"
}

func (t *enumTable[T]) Valid(v T) bool {
	return uint8(v) < enumSize && t.valid&(1<<v) != 0
}

// Parse accepts the ArkTS identifier or the decimal number. A number that is not a value
// of the enum parses (an invalid value is a rule's business, not a syntax error); an
// unknown identifier does not.
func (t *enumTable[T]) Parse(s string) (T, error) {
	if v, ok := t.byID[s]; ok {
		return v, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a %s identifier or number", s, t.kind)
	}
	return Clamp[T](n), nil
}

// Values lists the enum's values in ascending order.
func (t *enumTable[T]) Values() []T {
	var out []T
	for v := range enumSize {
		if t.names[v] != "" {
			out = append(out, T(v))
		}
	}
	return out
}

// Clamp converts a number read from outside (a trace, a fuzzer) to an enum type without
// wrapping: a number outside the int8 range becomes -1, which no enum uses, so it stays an
// invalid value instead of aliasing a valid one.
func Clamp[T ~int8](n int64) T {
	if n < -128 || n > 127 {
		return T(-1)
	}
	return T(n)
}
