package trace

import "strings"

// nameIndex finds a value by its name. The names of an op or an enum differ mostly in
// length, so bucketing by length and comparing the few candidates beats hashing the name
// through a map, on the decoder's hottest path.
type nameIndex[T any] struct {
	byLen [maxNameLen + 1][]named[T]
}

// maxNameLen bounds the names an index holds; longer input is simply not found.
const maxNameLen = 40

type named[T any] struct {
	name  string
	value T
}

func (x *nameIndex[T]) add(name string, v T) {
	if len(name) > maxNameLen {
		panic("trace: name longer than maxNameLen: " + name)
	}
	x.byLen[len(name)] = append(x.byLen[len(name)], named[T]{name, v})
}

func (x *nameIndex[T]) find(name []byte) (T, bool) {
	if len(name) <= maxNameLen {
		for _, n := range x.byLen[len(name)] {
			if n.name == string(name) {
				return n.value, true
			}
		}
	}
	var zero T
	return zero, false
}

// meant is the hint for a mistaken name, " (did you mean push?)", naming what it most
// likely meant: the same name in another case ("Push" for push), or the name without its
// enum's prefix ("ANSWERED" for "VOIP_CALL_STATE_ANSWERED"), if exactly one fits
// ("ANSWER" could be VOICE_ANSWER or VIDEO_ANSWER); else "". It serves only an error, so
// it may scan every name.
func (x *nameIndex[T]) meant(name []byte) string {
	var meant string
	fits := 0
	for _, names := range x.byLen {
		for _, n := range names {
			if len(name) > 0 && (strings.EqualFold(n.name, string(name)) || hasSuffixFold(n.name, "_"+string(name))) {
				meant = n.name
				fits++
			}
		}
	}
	if fits != 1 {
		return ""
	}
	return " (did you mean " + meant + "?)"
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
