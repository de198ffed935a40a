package trace

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
