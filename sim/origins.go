package sim

// origin says how the phone knows a callId.
type origin uint8

const (
	pushed origin = 1 << iota
	dialed
)

// origins remembers how the phone knows each callId it pushed or dialed. A run asks it at
// every push, dial and peer step, so it is an open-addressing table sized once, for every
// push and dial of the script: it never grows nor rehashes, and a lookup is one hash and
// a compare or two, where a map costs several times that. A slot names the script step
// that holds its callId, in four bytes: the table is made for every run.
type origins struct {
	steps []Step
	slots []originSlot // at least half of them empty, so that every probe ends
	mask  uint64
}

// originSlot is the script step with the callId, shifted left by two, and the origin
// bits; 0 is an empty slot.
type originSlot uint32

func (s originSlot) step() int      { return int(s >> 2) }
func (s originSlot) origin() origin { return origin(s & 3) }

// makeOrigins makes room for the callIds of the n steps that push or dial.
func makeOrigins(steps []Step, n int) origins {
	size := 8
	for size < 2*n {
		size *= 2
	}
	return origins{steps: steps, slots: make([]originSlot, size), mask: uint64(size - 1)}
}

// slot is the callId's slot, or the empty one where it belongs.
func (t *origins) slot(id string) *originSlot {
	for i := hashTail(id) & t.mask; ; i = (i + 1) & t.mask {
		if s := &t.slots[i]; *s == 0 || t.steps[s.step()].CallID == id {
			return s
		}
	}
}

// hashTail hashes the length and the last 16 bytes of a callId (FNV-1a): callIds are
// short, or differ in their tail (counters, UUIDs), and a bounded hash keeps long ones cheap.
func hashTail(id string) uint64 {
	h := uint64(14695981039346656037) ^ uint64(len(id))
	for i := max(0, len(id)-16); i < len(id); i++ {
		h = (h ^ uint64(id[i])) * 1099511628211
	}
	return h ^ h>>32 // the mask keeps low bits, which the multiplications mix least
}

// add notes that script step i pushed or dialed its callId.
func (t *origins) add(i int, o origin) {
	s := t.slot(t.steps[i].CallID)
	if *s == 0 {
		*s = originSlot(i) << 2
	}
	*s |= originSlot(o)
}

func (t *origins) of(id string) origin { return t.slot(id).origin() }
