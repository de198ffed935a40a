package explore

import (
	"math/rand/v2"
)

// chooser makes the choices a scenario is built from. Every choice is a number in [0, n);
// the three drivers differ only in where the numbers come from.
type chooser interface {
	intn(n int) int
}

// seeded draws from a PCG generator: Generate's source.
type seeded struct{ r *rand.Rand }

// seedStream separates explore's PCG streams from any other use of the same seed.
const seedStream = 0x766f697073696d // "voipsim"

func newSeeded(seed uint64) seeded { return seeded{rand.New(rand.NewPCG(seed, seedStream))} }

func (s seeded) intn(n int) int { return s.r.IntN(n) }

// bytesSource reads choices from a fuzzer's bytes: one byte for a choice below 256, two
// (big-endian) above, zeros once the bytes run out. A byte maps to a choice by modulo, so
// every byte string is valid and each byte affects one choice only.
type bytesSource struct {
	data []byte
	pos  int
}

func (b *bytesSource) next() int {
	if b.pos >= len(b.data) {
		return 0
	}
	b.pos++
	return int(b.data[b.pos-1])
}

func (b *bytesSource) intn(n int) int {
	v := b.next()
	if n > 256 {
		v = v<<8 | b.next()
	}
	return v % n
}

// replay hands out choices made beforehand (by rapid), in order.
type replay []int

func (r *replay) intn(n int) int {
	if len(*r) == 0 {
		return 0
	}
	v := (*r)[0]
	*r = (*r)[1:]
	return v % n
}
